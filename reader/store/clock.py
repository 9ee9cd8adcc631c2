"""Clock stamps for per-field last-writer-wins merging across machines.

A stamp is ``"<UTC time, µs>-<counter>-<device>"`` with fixed-width parts, so stamps compare as
strings: later wall time wins, then the counter, then the device id as a tie-breaker. The clock
never goes backwards on one machine even if the wall clock does (a hybrid logical clock).
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path

import platformdirs

DEVICE_ENV = "READMARK_DEVICE"


def device_id() -> str:
    """Return this machine's device id (12 hex chars), creating it on first use.

    ``$READMARK_DEVICE`` overrides it (tests use this to act as two machines). The id lives in
    the user data dir, not in the library, because the library file itself is copied between
    machines.
    """
    env = os.environ.get(DEVICE_ENV)
    if env:
        return env
    path = Path(platformdirs.user_data_dir("readmark", appauthor=False)) / "device-id"
    try:
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
    except OSError:
        pass
    value = uuid.uuid4().hex[:12]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(value + "\n", encoding="ascii")
    except OSError:
        pass
    return value


class Clock:
    """A hybrid logical clock producing monotonically increasing, sortable stamps."""

    def __init__(self, device: str | None = None) -> None:
        """Create a clock for ``device`` (default: this machine's id)."""
        self.device = device or device_id()
        self._last_us = 0
        self._counter = 0
        self._lock = threading.Lock()

    def observe(self, stamp: str | None) -> None:
        """Move the clock past ``stamp`` (a stamp seen in the library or from another machine)."""
        if not stamp:
            return
        try:
            us = int(stamp.split("-", 1)[0])
        except ValueError:
            return
        with self._lock:
            if us > self._last_us:
                self._last_us, self._counter = us, 0

    def now(self) -> str:
        """Return a new stamp, greater than every stamp this clock made or observed."""
        with self._lock:
            us = time.time_ns() // 1000
            if us > self._last_us:
                self._last_us, self._counter = us, 0
            else:
                self._counter += 1
            return f"{self._last_us:017d}-{self._counter:04d}-{self.device}"
