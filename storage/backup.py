"""Backups of the SQLite file with the sqlite3 backup API (consistent even while in use), rotated."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

BACKUP_DIR_NAME = "backups"
DEFAULT_KEEP = 5


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    created: datetime
    size: int
    reason: str


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def make_backup(db_path: Path, reason: str, *, keep: int = DEFAULT_KEEP) -> Path:
    """Copy ``db_path`` to ``backups/<stem>-<timestamp>-<reason>.sqlite3`` and keep the last ``keep``.

    The copy is written under a temporary name and renamed, so a crash never leaves a half backup.
    """
    folder = backup_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    final = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    tmp = final.with_suffix(".tmp")
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
    except BaseException:
        tmp.unlink(missing_ok=True)  # never leave half a backup behind
        raise
    finally:
        source.close()
    os.replace(tmp, final)
    _rotate(db_path, keep)
    return final


def list_backups(db_path: Path) -> list[BackupFile]:
    """Backups of ``db_path``, newest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    found = []
    prefix = db_path.stem + "-"
    for p in folder.glob(f"{db_path.stem}-*.sqlite3"):
        rest = p.stem[len(prefix) :]
        parts = rest.split("-", 3)
        if len(parts) < 4:
            continue
        try:
            created = datetime.strptime("-".join(parts[:3]), "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        found.append(BackupFile(p, created, p.stat().st_size, parts[3]))
    return sorted(found, key=lambda b: b.created, reverse=True)


def _rotate(db_path: Path, keep: int) -> None:
    for old in list_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)


def _integrity_ok(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == "ok"


def newest_good_backup(db_path: Path) -> BackupFile | None:
    """The newest backup that passes ``PRAGMA integrity_check``."""
    return next((b for b in list_backups(db_path) if _integrity_ok(b.path)), None)


def daily_backup(db_path: Path, *, keep: int = DEFAULT_KEEP, today: datetime | None = None) -> Path | None:
    """The first open of a day backs the file up (once a day)."""
    day = (today or datetime.now()).date()
    if any(b.created.date() == day and b.reason == "daily" for b in list_backups(db_path)):
        return None
    return make_backup(db_path, "daily", keep=keep)


class BackupDamaged(Exception):
    """The chosen backup does not pass the integrity check; nothing was changed."""


def restore_backup(backup: Path, db_path: Path, *, keep: int = DEFAULT_KEEP) -> Path | None:
    """Replace ``db_path`` by ``backup``. The current file is backed up first (or, if it is too
    damaged for the backup API, copied as it is), so a restore can itself be undone.

    Takes the file's instance lock for the duration (raises DatabaseInUse while any Mieruka has the
    file open). Returns the safety copy of the replaced file.
    """
    from storage.instance_lock import InstanceLock

    if not _integrity_ok(backup):
        raise BackupDamaged(str(backup))
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        return _restore_locked(backup, db_path, keep)
    finally:
        lock.release()


def _restore_locked(backup: Path, db_path: Path, keep: int) -> Path | None:
    import shutil

    safety: Path | None = None
    if db_path.exists():
        try:
            safety = make_backup(db_path, "before-restore", keep=keep + 1)
        except sqlite3.DatabaseError:
            folder = backup_dir_for(db_path)
            folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            safety = folder / f"{db_path.stem}-{stamp}-damaged.sqlite3"
            shutil.copyfile(db_path, safety)
    tmp = db_path.with_name(db_path.name + ".restoring")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    return safety
