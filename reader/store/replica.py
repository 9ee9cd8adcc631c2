"""Each library file is its own sync replica, with its own site id.

The site id (the last part of every clock stamp, and the name of the library's snapshot in a
sync folder) is kept in the library's ``meta`` table together with an *owner fingerprint*: a
hash of this machine's id, the file's absolute path and its device and inode numbers. When a
library is opened and the stored fingerprint is not this file's on this machine — a new
library, a copy (``cp library.db other.db``), a file brought from another machine, a file
restored or moved — a fresh site id is minted, and stored with the first write (a library only
read is never changed), so two files never stamp edits or publish snapshots under one name.
(A moved file getting a new id is harmless: its old edits keep their stamps.)

The machine id is ``$READMARK_DEVICE`` when set (tests use it to act as several machines),
else the site id kept in the user config dir by ``reader.store.clock.device_id``, combined
with the host name and the operating system's machine id: a config dir copied between machines
by a dotfiles tool does not make two machines one.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from reader.store.clock import DEVICE_ENV, Clock, device_id

SITE_KEY = "site_id"
OWNER_KEY = "site_owner"
_OS_MACHINE_ID = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


@dataclass
class Replica:
    """The site id a library file writes under, and whose it is.

    Attributes:
        site: The site id (12 hex characters when minted here).
        owner: The owner fingerprint of the file on this machine.
        stored: Whether ``site`` is stored in the library with ``owner``; a freshly minted id
            is stored by the first write.
    """

    site: str
    owner: str
    stored: bool


def machine_id() -> str:
    """Return what tells this machine from others: ``$READMARK_DEVICE``, else device and host.

    Returns:
        A string; equal on one machine across runs, different between machines even when
        their config dirs are copies of each other.
    """
    env = os.environ.get(DEVICE_ENV)
    if env:
        return env
    import socket  # only here: identifying a file is rare, importing socket is not free

    parts = [device_id(), socket.gethostname()]
    for path in _OS_MACHINE_ID:
        try:
            parts.append(path.read_text(encoding="ascii").strip())
            break
        except (OSError, UnicodeDecodeError):
            continue
    return "\n".join(parts)


def owner_fingerprint(path: Path) -> str:
    """Return the owner fingerprint of the library file ``path`` on this machine.

    Args:
        path: The library file (it must exist).

    Returns:
        24 hex characters hashing the machine id, the resolved path and the file's device and
        inode numbers; a copy of the file, or the file on another machine, gives another one.

    Raises:
        OSError: If the file cannot be examined.
    """
    import hashlib

    resolved = path.resolve()
    st = resolved.stat()
    key = "\0".join([machine_id(), str(resolved), str(st.st_dev), str(st.st_ino)])
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def new_site_id() -> str:
    """Return a fresh random site id (12 hex characters)."""
    import uuid

    return uuid.uuid4().hex[:12]


def read_replica(conn: sqlite3.Connection, schema: str = "main") -> tuple[str | None, str | None]:
    """Return the ``(site id, owner fingerprint)`` stored in a library, ``None`` where absent.

    Args:
        conn: A connection to the library (or with it attached as ``schema``).
        schema: The schema name of the library on ``conn``.
    """
    try:
        rows = conn.execute(
            f"SELECT key, value FROM {schema}.meta WHERE key IN (?, ?)", [SITE_KEY, OWNER_KEY]
        ).fetchall()
    except sqlite3.Error:
        return None, None
    values = {str(row[0]): row[1] for row in rows}
    site, owner = values.get(SITE_KEY), values.get(OWNER_KEY)
    return (site if isinstance(site, str) and site else None,
            owner if isinstance(owner, str) and owner else None)


def read_file_replica(path: Path) -> tuple[str | None, str | None]:
    """Return the ``(site id, owner fingerprint)`` stored in the library file ``path``.

    The file is opened read-only; a file that is no library (or unreadable) gives
    ``(None, None)``.
    """
    quoted = str(path.resolve()).replace("?", "%3f").replace("#", "%23")
    try:
        conn = sqlite3.connect(f"file:{quoted}?mode=ro", uri=True)
    except sqlite3.Error:
        return None, None
    try:
        return read_replica(conn)
    finally:
        conn.close()


def identify(conn: sqlite3.Connection, path: Path) -> Replica:
    """Return the replica identity of the open library ``path``, without writing anything.

    The stored site id is this file's when it is stored with this file's owner fingerprint;
    otherwise (a new library, or a copy) a fresh id is minted, to be stored by ``claim``.

    Raises:
        OSError: If the file cannot be examined.
    """
    owner = owner_fingerprint(path)
    site, stored_owner = read_replica(conn)
    if site and stored_owner == owner:
        return Replica(site, owner, stored=True)
    return Replica(new_site_id(), owner, stored=False)


def claim(conn: sqlite3.Connection, replica: Replica) -> None:
    """Store ``replica`` in the library, inside the write transaction open on ``conn``.

    If another process stored an id for this same file meanwhile, ``replica`` takes that id
    instead, so every process writing one file writes under one id.

    Raises:
        sqlite3.Error: If the library cannot be written.
    """
    if replica.stored:
        return
    site, owner = read_replica(conn)
    if site and owner == replica.owner:
        replica.site = site
    else:
        conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [(SITE_KEY, replica.site), (OWNER_KEY, replica.owner)],
        )
    replica.stored = True


class ReplicaClock(Clock):
    """The clock of a library file: stamps carry the file's own site id.

    A freshly minted id is stored with the first stamp (every stamp is made inside a write
    transaction), so a library only read is never changed, and nothing is ever written under
    an id the file does not record.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Create the clock of the library open on ``conn`` at ``path``.

        Raises:
            OSError: If the file cannot be examined.
        """
        self.replica = identify(conn, path)
        self._conn = conn
        self._claim_lock = threading.Lock()
        super().__init__(self.replica.site)

    def claim(self) -> None:
        """Store the site id now, in the write transaction open on the library.

        Raises:
            sqlite3.Error: If the library cannot be written.
        """
        with self._claim_lock:
            if not self.replica.stored and self._conn.in_transaction:
                claim(self._conn, self.replica)
                self.device = self.replica.site

    def now(self) -> str:
        """Return a new stamp (storing a freshly minted site id first)."""
        if not self.replica.stored:
            self.claim()
        return super().now()
