"""Opening a database: check what the file is, back it up, migrate it, hand out units of work.

Every refusal is a typed error from domain.errors and nothing is written before the checks pass.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError as SaDatabaseError
from sqlalchemy.exc import OperationalError

from domain.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseNotSqlite,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnreachable,
    StorageFull,
)
from storage import migrate
from storage.backup import daily_backup, make_backup
from storage.engine import BUSY_TIMEOUT_MS, make_engine, sqlite_path_of, url_for
from storage.instance_lock import InstanceLock
from storage.uow import SqlUnitOfWork, translate_operational_error

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = BUSY_TIMEOUT_MS / 1000


@dataclass(slots=True)
class Database:
    """An open, migrated database. ``path`` is the SQLite file (None for a server database)."""

    engine: Engine
    url: str
    path: Path | None
    lock: InstanceLock | None = None
    backup_keep: int = 5

    @property
    def location(self) -> str:
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.location)

    def backup(self, reason: str) -> Path | None:
        """A rotated backup of the SQLite file (None for a server database: the server's own
        backups apply there)."""
        if self.path is None:
            return None
        return make_backup(self.path, reason, keep=self.backup_keep)

    @property
    def on_network_share(self) -> bool:
        return self.lock is not None and self.lock.network

    def heartbeat(self) -> None:
        """Tell other computers this file is still in use (call every minute or so)."""
        if self.lock is not None:
            self.lock.heartbeat()

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _writable(path: Path) -> bool:
    """Writable for us: permission granted and not marked read-only (no write bit at all, which is
    how Python reports the Windows read-only attribute; root on Linux would ignore it otherwise)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _check_sqlite_file(path: Path) -> bool:
    """Raise for files that must not be opened; return True when the file is new or empty."""
    if not path.exists():
        folder = path.parent
        if folder.exists() and not _writable(folder):
            raise DatabaseReadOnly(str(path), "folder")
        return True
    if path.is_dir():
        raise DatabaseNotSqlite(str(path), "directory")
    size = path.stat().st_size
    if size == 0:
        if not _writable(path):
            raise DatabaseReadOnly(str(path))
        return True
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseNotSqlite(str(path))
    if not _writable(path) or not _writable(path.parent):
        raise DatabaseReadOnly(str(path))
    return False


def _create_private_file(path: Path) -> None:
    """Create the database file readable by the user only (it holds personal data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)


def _inspect_sqlite(path: Path) -> tuple[str | None, bool]:
    """(stored revision, has tables) of an existing file, read without changing a byte of it:
    a read-only connection with none of our PRAGMAs (WAL would rewrite a foreign file's header)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise DatabaseCorrupt(str(path), "" if row is None else str(row[0]))
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = None if found is None else str(found[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            raise DatabaseLocked(str(path), str(exc)) from exc
        if "not a database" in message:
            raise DatabaseNotSqlite(str(path), str(exc)) from exc
        raise DatabaseCorrupt(str(path), str(exc)) from exc
    return revision, bool(tables)


def _check_revision(location: str, revision: str | None, has_tables: bool) -> None:
    if revision is not None and revision not in migrate.KNOWN_REVISIONS:
        raise DatabaseTooNew(location, revision)
    if revision is None and has_tables:
        raise DatabaseNotSqlite(location, "not a Mieruka database")


def open_database(target: str | os.PathLike[str], *, backup_keep: int = 5) -> Database:
    """Open (creating if needed) and migrate the database at ``target`` (a path or a URL)."""
    url = url_for(target)
    path = sqlite_path_of(url)
    is_new = False
    lock: InstanceLock | None = None
    if path is not None:
        is_new = _check_sqlite_file(path)
        lock = InstanceLock(path)
        lock.acquire()  # before anything is written: one writer per file
        try:
            if is_new:
                _create_private_file(path)
            else:
                _check_revision(str(path), *_inspect_sqlite(path))
        except BaseException:
            lock.release()
            raise
    try:
        return _open_checked(url, path, is_new, lock, target, backup_keep)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _open_checked(
    url: str,
    path: Path | None,
    is_new: bool,
    lock: InstanceLock | None,
    target: str | os.PathLike[str],
    backup_keep: int,
) -> Database:
    try:
        engine = make_engine(url)
    except Exception as exc:  # malformed URL, missing driver
        raise DatabaseUnreachable(str(target), str(exc)) from exc
    location = str(path) if path is not None else make_url(url).render_as_string(True)
    try:
        with engine.connect() as conn:
            revision = migrate.current_revision(conn)
            has_tables = migrate.has_user_tables(conn)
        _check_revision(location, revision, has_tables)
        if revision != migrate.HEAD:
            if path is not None and not is_new and has_tables:
                try:
                    make_backup(path, "before-migration", keep=backup_keep)
                except (OSError, sqlite3.Error) as exc:  # no upgrade without its backup
                    raise StorageFull(str(path), str(exc)) from exc
            with engine.begin() as conn:
                migrate.upgrade(conn)
        elif path is not None and not is_new:
            try:
                daily_backup(path, keep=backup_keep)
            except (OSError, sqlite3.Error):
                pass  # a full disk must not keep the user from their data; tomorrow tries again
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        translated = translate_operational_error(exc, location)
        if translated is exc:
            if path is None:
                raise DatabaseUnreachable(location, str(exc.orig)) from exc
            raise
        raise translated from exc
    except SaDatabaseError as exc:
        engine.dispose()
        if path is not None:
            raise DatabaseCorrupt(location, str(exc.orig)) from exc
        raise DatabaseUnreachable(location, str(exc.orig)) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(engine=engine, url=url, path=path, lock=lock, backup_keep=backup_keep)
