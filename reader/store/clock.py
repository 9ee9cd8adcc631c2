"""Clock stamps for per-field last-writer-wins merging across machines.

A stamp is ``"<UTC time, µs>-<counter>-<site>"`` with fixed-width parts, so stamps compare as
strings: later wall time wins, then the counter, then the site id as a tie-breaker. The clock
never goes backwards on one machine even if the wall clock does, and it moves past every stamp
it observes from another machine (a hybrid logical clock).
"""

from __future__ import annotations

import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import platformdirs

DEVICE_ENV = "READMARK_DEVICE"
SITE_FILE = "site-id"
_OLD_DEVICE_FILE = "device-id"  # where the id lived before it moved to the config dir
_COUNTER_MAX = 9999  # the counter is four digits wide
# The largest physical time a stamp may carry: 17 digits of µs (year 5138), so every stamp
# keeps the same width and sorts as time. The clock never goes past it.
_MICROS_MAX = 10**17 - 1
# How far ahead of this machine's wall clock a stamp from elsewhere may be (the usual HLC
# rule): one day covers any real clock error, while a stamp from the far future (which would
# win every later merge) is refused.
MAX_DRIFT_US = 24 * 3600 * 1_000_000
SITE_MAX = 64  # longest site id in a stamp
STAMP_RE = re.compile(rf"([0-9]{{17}})-([0-9]{{4}})-([!-~]{{1,{SITE_MAX}}})", re.ASCII)


def site_id_path() -> Path:
    """Return the file holding this machine's site id (in the user config dir)."""
    return Path(platformdirs.user_config_dir("readmark", appauthor=False)) / SITE_FILE


def _read_id(path: Path) -> str | None:
    try:
        value = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return value or None


def device_id() -> str:
    """Return this machine's site id (12 hex chars), creating it on first use.

    ``$READMARK_DEVICE`` overrides it (tests use this to act as several machines). The id lives
    in the user config dir, never in the library, because the library file itself is copied
    between machines and a copied file must not clone a site. An id kept by an older readmark
    in the user data dir is carried over once.
    """
    env = os.environ.get(DEVICE_ENV)
    if env:
        return env
    path = site_id_path()
    value = _read_id(path)
    if value:
        return value
    old = Path(platformdirs.user_data_dir("readmark", appauthor=False)) / _OLD_DEVICE_FILE
    value = _read_id(old) or uuid.uuid4().hex[:12]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(value + "\n", encoding="ascii")
    except OSError:
        pass
    return value


def parse_stamp(stamp: str) -> tuple[int, int] | None:
    """Return ``(µs, counter)`` of a stamp, or ``None`` when it is not one."""
    parts = stamp.split("-", 2)
    if len(parts) < 2:
        return None
    try:
        return int(parts[0]), int(parts[1])
    except ValueError:
        return None


def stamp_problem(stamp: object, now_us: int) -> str | None:
    """Return why ``stamp`` cannot be stored, or ``None`` when it is a good stamp.

    Args:
        stamp: The value found where a stamp belongs.
        now_us: This machine's wall clock in µs (the drift bound is counted from it).

    Returns:
        ``"stamp"`` if it is not ``<17 digits>-<4 digits>-<site>`` (site: 1 to ``SITE_MAX``
        printable ASCII characters, no space), ``"future"`` if its time is more than
        ``MAX_DRIFT_US`` ahead of ``now_us``, else ``None``.
    """
    if not isinstance(stamp, str):
        return "stamp"
    match = STAMP_RE.fullmatch(stamp)
    if match is None:
        return "stamp"
    if int(match.group(1)) > min(now_us + MAX_DRIFT_US, _MICROS_MAX):
        return "future"
    return None


def format_stamp(micros: int, counter: int, device: str) -> str:
    """Return the stamp string for ``(µs, counter, device)``."""
    return f"{micros:017d}-{counter:04d}-{device}"


def successor(stamp: str) -> str:
    """Return a stamp just after ``stamp`` on the same site (for edits derived from it)."""
    parsed = parse_stamp(stamp)
    if parsed is None:
        return stamp
    micros, counter = parsed
    device = stamp.split("-", 2)[2] if stamp.count("-") >= 2 else ""
    if counter >= _COUNTER_MAX:
        return format_stamp(micros + 1, 0, device)
    return format_stamp(micros, counter + 1, device)


def _wall_micros() -> int:
    return time.time_ns() // 1000


class Clock:
    """A hybrid logical clock producing monotonically increasing, sortable stamps."""

    def __init__(
        self, device: str | None = None, *, time_source: Callable[[], int] | None = None
    ) -> None:
        """Create a clock.

        Args:
            device: The site id (default: this machine's).
            time_source: Returns the wall time in µs (default: the system clock); tests pass
                a skewed or frozen one.
        """
        self.device = device or device_id()
        self._wall = time_source or _wall_micros
        self._last_us = 0
        self._counter = 0
        self._lock = threading.Lock()

    def wall(self) -> int:
        """Return the wall time (µs) this clock reads."""
        return self._wall()

    def observe(self, stamp: str | None) -> None:
        """Move the clock past ``stamp`` (a stamp seen in the library or from another machine).

        A value that is not a stamp, or whose time is more than ``MAX_DRIFT_US`` ahead of this
        clock's wall time (or the system clock, if that is later), is ignored: it could
        otherwise push every later stamp out of range.
        """
        if not stamp or stamp_problem(stamp, 0) == "stamp":
            return
        parsed = parse_stamp(stamp)
        if parsed is None:
            return
        with self._lock:
            if parsed <= (self._last_us, self._counter):
                return
        # Read the wall only when the stamp would move the clock (a test's clock may tick).
        if stamp_problem(stamp, max(self._wall(), _wall_micros())) is not None:
            return
        with self._lock:
            if parsed > (self._last_us, self._counter):
                self._last_us, self._counter = parsed

    def now(self) -> str:
        """Return a new stamp, greater than every stamp this clock made or observed."""
        with self._lock:
            us = min(self._wall(), _MICROS_MAX)
            if us > self._last_us:
                self._last_us, self._counter = us, 0
            elif self._counter >= _COUNTER_MAX and self._last_us < _MICROS_MAX:
                self._last_us, self._counter = self._last_us + 1, 0
            elif self._counter >= _COUNTER_MAX:  # the end of time: keep the widest stamp
                pass
            else:
                self._counter += 1
            return format_stamp(self._last_us, self._counter, self.device)


def created_now() -> str:
    """Return the wall-clock time (UTC, ms) a new highlight or note records as ``created``."""
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
