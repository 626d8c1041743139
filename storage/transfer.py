"""Moving the data of one database into another (e.g. the local SQLite file into the shared
PostgreSQL server), table by table in foreign-key order, in one transaction on the target."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Table, func, insert, select, text, update

from domain.errors import MierukaError
from storage.database import Database
from storage.orm import Base

CHUNK = 2000


class TargetNotEmpty(MierukaError):
    """The target database already holds a company; nothing was copied."""


def _tables() -> list[Table]:
    import storage.orm_appraisal  # noqa: F401  (registers their tables on Base.metadata)
    import storage.orm_dashboard  # noqa: F401
    import storage.orm_import  # noqa: F401

    return list(Base.metadata.sorted_tables)


def copy_database(
    source: Database, target: Database, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row from ``source`` into the empty, migrated ``target``; rows per table.

    Foreign keys that form a cycle (a department's KGI is a goal that may belong to the
    department) are written as NULL first and filled in once every table is there.
    """
    tables = _tables()
    counts: dict[str, int] = {}
    with target.engine.connect() as check:
        if check.execute(select(func.count()).select_from(Base.metadata.tables["company"])).scalar():
            raise TargetNotEmpty()
    cyclic = {
        (fk.parent.table.name, fk.parent.name)
        for table in tables
        for fk in table.foreign_keys
        if fk.use_alter or (fk.constraint is not None and fk.constraint.use_alter)
    }
    fixups: list[tuple[Table, int, str, object]] = []
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            for row in rows:
                for column in list(row):
                    if (table.name, column) in cyclic and row[column] is not None:
                        fixups.append((table, row["id"], column, row[column]))
                        row[column] = None
            for start in range(0, len(rows), CHUNK):
                dst.execute(insert(table), rows[start : start + CHUNK])
            counts[table.name] = len(rows)
            if progress is not None:
                progress(table.name, len(rows))
        for table, row_id, column, value in fixups:
            dst.execute(update(table).where(table.c.id == row_id).values({column: value}))
        if dst.dialect.name == "postgresql":  # ids were copied: move each sequence past them
            for table in tables:
                if "id" in table.c and table.c.id.primary_key:
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return counts
