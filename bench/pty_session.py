"""Running a program in a pseudo-terminal, as a user starts it, and watching its screen output.

``PtySession`` starts a command on a fresh pty (size set, ``TERM=xterm-256color``), reads what
it draws in the background, and answers "when did this text first appear after that moment?"
with escape sequences stripped (a title split by colour codes still matches). Keys are written
as bytes, as a terminal would send them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

# CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), other two-byte escapes.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"


def screen_text(raw: bytes) -> str:
    """Return ``raw`` terminal output as text, escape sequences removed."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")


class PtySession:
    """One program on its own pseudo-terminal.

    Attributes:
        started: ``time.perf_counter()`` just before the process was started.
        proc: The process.
    """

    def __init__(self, argv: Sequence[str], *, cwd: Path, env: dict[str, str] | None = None,
                 size: tuple[int, int] = (120, 40)) -> None:
        """Start ``argv`` on a new pty of ``size`` (columns, rows)."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        full_env = {**os.environ, **(env or {}), "TERM": "xterm-256color",
                    "COLUMNS": str(size[0]), "LINES": str(size[1])}
        self._master = master
        self._chunks: list[tuple[float, bytes]] = []
        self._lock = threading.Lock()
        self._closed = False
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave,
                                     cwd=cwd, env=full_env, start_new_session=True,
                                     close_fds=True)
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._closed:
            try:
                ready, _, _ = select.select([self._master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(self._master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self._chunks.append((time.perf_counter(), data))

    def send(self, data: bytes) -> float:
        """Write ``data`` (keys) to the program; return the ``perf_counter`` time it was sent."""
        os.write(self._master, data)
        return time.perf_counter()

    def output_since(self, since: float) -> str:
        """Everything drawn from ``since`` (a ``perf_counter`` time) on, as plain text."""
        with self._lock:
            raw = b"".join(data for at, data in self._chunks if at >= since)
        return screen_text(raw)

    def wait_for(self, needles: Sequence[str], *, since: float | None = None,
                 timeout: float = 60.0) -> float | None:
        """Wait until one of ``needles`` is drawn after ``since``; return when (perf_counter).

        The time returned is that of the chunk completing the first match. ``None`` on timeout
        or if the program exits first.
        """
        since = self.started if since is None else since
        deadline = time.perf_counter() + timeout
        seen = 0
        while time.perf_counter() < deadline:
            with self._lock:
                chunks = [(at, data) for at, data in self._chunks if at >= since]
            if len(chunks) != seen:
                seen = len(chunks)
                whole = screen_text(b"".join(data for _, data in chunks))
                if any(needle in whole for needle in needles):
                    raw = b""
                    for at, data in chunks:  # which chunk completed the match
                        raw += data
                        if any(needle in screen_text(raw) for needle in needles):
                            return at
            if self.proc.poll() is not None and not self._reader.is_alive():
                return None
            time.sleep(0.005)
        return None

    def peak_rss_mib(self) -> float | None:
        """Peak resident memory of the program so far (VmHWM), in MiB; ``None`` if unknown."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def close(self) -> None:
        """Kill the program (its whole session) and release the pty."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._closed = True
        self._reader.join(timeout=2)
        os.close(self._master)

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
