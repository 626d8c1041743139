"""Every released schema migrates to the current one with its data intact.

tests/storage/golden/ holds a demo database written by each released version (file name:
schema-<alembic revision>-v<app version>.sqlite3). Add one whenever a release changes the schema.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from domain import services
from storage import migrate
from storage.database import open_database

GOLDEN = sorted((Path(__file__).parent / "golden").glob("schema-*.sqlite3"))


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
        )]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_there_is_a_golden_file_for_the_current_schema():
    assert any(p.name.startswith(f"schema-{migrate.HEAD}-") for p in GOLDEN)


@pytest.mark.parametrize("golden", GOLDEN, ids=[p.name for p in GOLDEN])
def test_a_released_database_opens_and_keeps_its_data(golden: Path, tmp_path: Path):
    path = tmp_path / golden.name
    shutil.copy(golden, path)
    before = _counts(path)
    db = open_database(path)  # migrates to HEAD (after a backup) when the schema is older
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
        company = services.get_company(db.uow())
        assert company is not None and company.name
        depts = services.list_departments(db.uow())
        assert len(depts) == before["department"]
        grid = services.load_grid(db.uow(), department_id=depts[0].id, fiscal_year=2025)
        assert grid.actuals  # monthly values are readable through today's code
    finally:
        db.close()
    after = _counts(path)
    for table, count in before.items():
        assert after[table] == count, table  # nothing lost (new tables may be added)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
