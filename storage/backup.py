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
