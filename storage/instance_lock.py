"""One writer per database file: an OS lock on ``<db>.lock`` held while the file is open.

The lock file also says who holds it (user, computer, process, since when), so a second instance
can tell the user *who* has the data open. Files on a network share are detected as well: OS locks
there are not reliable across computers, so the holder's heartbeat in the lock file counts too.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from domain.errors import DatabaseInUse

STALE_AFTER_S = 180  # a holder on another computer that has not written for this long is gone
NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "davfs"}


def is_network_path(path: Path) -> bool:
    """True for files on a network share (UNC or mapped network drive on Windows; NFS/SMB mounts)."""
    text = str(path)
    if sys.platform == "win32":
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # DRIVE_REMOTE
    try:
        mounts = Path("/proc/mounts").read_text()
    except OSError:
        return False
    return filesystem_of(str(path.resolve()), mounts) in NETWORK_FS


def filesystem_of(path: str, mounts: str) -> str:
    """File-system type of ``path`` from /proc/mounts text (the longest matching mount point)."""
    best, fstype = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1]
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, fstype = point, parts[2]
    return fstype


@dataclass(frozen=True, slots=True)
class Holder:
    user: str
    host: str
    pid: int
    since: float
    heartbeat: float


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:
        user = ""
    now = time.time()
    return Holder(user, socket.gethostname(), os.getpid(), now, now)


def _read_holder(fh: IO[str]) -> Holder | None:
    try:
        fh.seek(0)
        data = json.loads(fh.read() or "{}")
        return Holder(data["user"], data["host"], int(data["pid"]), data["since"], data["heartbeat"])
    except (ValueError, KeyError, TypeError):
        return None


def _os_lock(fh: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class InstanceLock:
    """Held from ``acquire`` until ``release`` (or process exit, when the OS drops it)."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.network = is_network_path(db_path)
        self._fh: IO[str] | None = None
        self._holder = _me()

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fh = os.fdopen(fd, "r+", encoding="utf-8")
        if not _os_lock(fh):
            holder = _read_holder(fh)
            fh.close()
            raise DatabaseInUse(str(self.path.with_suffix("")), _describe(holder))
        if self.network:
            holder = _read_holder(fh)
            if (
                holder is not None
                and holder.host != self._holder.host
                and time.time() - holder.heartbeat < STALE_AFTER_S
            ):
                fh.close()
                raise DatabaseInUse(str(self.path.with_suffix("")), _describe(holder))
        self._fh = fh
        self.heartbeat()

    def heartbeat(self) -> None:
        """Refresh the holder record (the UI calls this every minute)."""
        if self._fh is None:
            return
        holder = self._holder
        record = {"user": holder.user, "host": holder.host, "pid": holder.pid,
                  "since": holder.since, "heartbeat": time.time()}
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(json.dumps(record))
        self._fh.flush()

    def release(self) -> None:
        if self._fh is not None:
            try:
                self._fh.seek(0)
                self._fh.truncate()
            finally:
                self._fh.close()  # closing drops the OS lock
                self._fh = None


def _describe(holder: Holder | None) -> str:
    if holder is None:
        return ""
    since = time.strftime("%Y-%m-%d %H:%M", time.localtime(holder.since))
    return f"{holder.user}@{holder.host} (pid {holder.pid}, {since})"
