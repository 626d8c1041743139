"""Schema migrations with Alembic, run at start-up.

Start-up stays fast: the stored revision is compared with ``HEAD`` by one query, and Alembic is only
imported when the schema must change.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HEAD = "0004"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")


def current_revision(conn: Connection) -> str | None:
    """The stored Alembic revision, or None for an empty database."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def has_user_tables(conn: Connection) -> bool:
    return bool(inspect(conn).get_table_names())


def upgrade(conn: Connection, revision: str = "head") -> None:
    """Run Alembic's upgrade on ``conn`` (inside the caller's transaction)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def script_head() -> str | None:
    """The head revision of the migration scripts (for the test that HEAD is up to date)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg).get_current_head()
