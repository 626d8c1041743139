"""The one engine factory: where the default database lives and the PRAGMAs every SQLite
connection gets (foreign keys on, WAL journal, a busy timeout so a brief lock waits instead of failing).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

APP_NAME = "Mieruka"
DB_FILE_NAME = "mieruka.sqlite3"
DEMO_FILE_NAME = "mieruka-demo.sqlite3"
BUSY_TIMEOUT_MS = 3000


def data_dir() -> Path:
    """The user's data folder (platformdirs); ``MIERUKA_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get("MIERUKA_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / DB_FILE_NAME


def demo_database_path() -> Path:
    return data_dir() / DEMO_FILE_NAME


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_path_of(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def url_for(target: str | os.PathLike[str]) -> str:
    """A database argument (file path or SQLAlchemy URL) as a URL."""
    text = os.fspath(target)
    if is_url(text):
        return text
    return "sqlite+pysqlite:///" + str(Path(text).expanduser().resolve())


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
        if mode and str(mode[0]).lower() == "wal":
            cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    """Build the engine for ``url``; SQLite connections get the PRAGMAs above."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
