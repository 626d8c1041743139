"""Migration 0002 (import batches and mappings) matches the ORM and can be taken back."""

from __future__ import annotations

import sqlite3

IMPORT_TABLES = {"import_batch", "import_mapping"}


def _tables(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_migration_creates_the_import_tables_as_the_orm_declares_them(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import storage.orm_import  # noqa: F401  (registers the tables)
    from storage.orm import Base

    from sqlalchemy import inspect

    with db.engine.connect() as conn:
        assert IMPORT_TABLES <= set(inspect(conn).get_table_names())
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = [d for d in diff if any(t in repr(d) for t in IMPORT_TABLES)]
    assert mine == []


def test_downgrade_below_0002_and_upgrade_again(tmp_path):
    from alembic import command
    from alembic.config import Config

    from storage import migrate
    from storage.database import open_database

    database = open_database(tmp_path / "m.sqlite3")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    try:
        with database.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        assert not IMPORT_TABLES & _tables(tmp_path / "m.sqlite3")
        with database.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert IMPORT_TABLES <= _tables(tmp_path / "m.sqlite3")
    finally:
        database.close()
