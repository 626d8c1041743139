"""Shared mode: two app processes on one PostgreSQL database (runs when a test server is set)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from domain import services
from domain.errors import EditConflict
from domain.fiscal import YearMonth
from domain.model import CellEdit, CellValue, Kpi, Series

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys
sys.path.insert(0, sys.argv[1])
from domain import services
from domain.fiscal import YearMonth
from domain.model import CellEdit, CellValue, Series
from storage.database import open_database
db = open_database(sys.argv[2])
kpi_id, value = int(sys.argv[3]), float(sys.argv[4])
seen = {(Series.ACTUAL, kpi_id, YearMonth(2025, 4)): None}
try:
    services.apply_edits(db.uow(), [CellEdit(kpi_id, YearMonth(2025, 4), Series.ACTUAL, value)],
                         user=f"p{kpi_id}", expected=seen)
    print("saved")
except Exception as exc:
    print(type(exc).__name__)
db.close()
"""


# defined only when a test server is configured (.ci/run starts one), so they never "skip"
if os.environ.get("MIERUKA_TEST_PG_URL"):

    @pytest.mark.postgresql_only
    def test_two_processes_editing_different_kpis_both_keep_their_changes(db, company):
        dept = services.add_department(db.uow(), name="総務部")
        a = services.save_kpi(db.uow(), Kpi(0, dept.id, "A", rationale="r"))
        b = services.save_kpi(db.uow(), Kpi(0, dept.id, "B", rationale="r"))
        procs = [
            subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT), db.url, str(k.id), str(v)],
                             stdout=subprocess.PIPE, text=True)
            for k, v in ((a, 11.0), (b, 22.0))
        ]
        outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
        assert outputs == ["saved", "saved"]
        grid = services.load_grid(db.uow(), department_id=dept.id, fiscal_year=2025)
        assert grid.actuals[(a.id, YearMonth(2025, 4))].value == 11.0
        assert grid.actuals[(b.id, YearMonth(2025, 4))].value == 22.0

    @pytest.mark.postgresql_only
    def test_two_users_editing_the_same_value_see_a_conflict(db, company):
        from storage.database import open_database

        dept = services.add_department(db.uow(), name="総務部")
        kpi = services.save_kpi(db.uow(), Kpi(0, dept.id, "A", rationale="r"))
        other = open_database(db.url)  # a second app on the same server database
        try:
            apr = YearMonth(2025, 4)
            seen = {(Series.ACTUAL, kpi.id, apr): None}  # both users saw an empty cell
            services.apply_edits(db.uow(), [CellEdit(kpi.id, apr, Series.ACTUAL, 1.0)],
                                 user="first", expected=seen)
            with pytest.raises(EditConflict):
                services.apply_edits(other.uow(), [CellEdit(kpi.id, apr, Series.ACTUAL, 2.0)],
                                     user="second", expected=seen)
            stored = services.load_grid(other.uow(), department_id=dept.id, fiscal_year=2025)
            assert stored.actuals[(kpi.id, apr)] == CellValue(1.0)
        finally:
            other.close()


def _copy_and_compare(source_db, target_db) -> None:
    from sqlalchemy import func, select

    from storage.transfer import _tables, copy_database

    counts = copy_database(source_db, target_db)
    assert counts["measurement"] > 300 and counts["kpi"] >= 15 and counts["company"] == 1
    with source_db.engine.connect() as a, target_db.engine.connect() as b:
        for table in _tables():
            n = select(func.count()).select_from(table)
            assert a.execute(n).scalar() == b.execute(n).scalar(), table.name
    s_depts = services.list_departments(source_db.uow())
    t_depts = services.list_departments(target_db.uow())
    assert s_depts == t_depts and any(d.kgi_id for d in t_depts)  # the cyclic KGI link survived
    dept = t_depts[0]
    assert services.load_grid(source_db.uow(), department_id=dept.id, fiscal_year=2025) == (
        services.load_grid(target_db.uow(), department_id=dept.id, fiscal_year=2025)
    )
    # the copy is a working database: new rows get fresh ids
    added = services.add_department(target_db.uow(), name="新しい部門")
    assert added.id > max(d.id for d in t_depts)


def test_local_data_moves_into_another_database(tmp_path):
    from datetime import date

    from domain.demo import build_demo
    from domain.seed import create_demo_company
    from storage.database import open_database
    from storage.transfer import TargetNotEmpty, copy_database

    source = open_database(tmp_path / "local.sqlite3")
    create_demo_company(source.uow(), build_demo(date(2026, 1, 15)))
    target = open_database(tmp_path / "copy.sqlite3")
    try:
        _copy_and_compare(source, target)
        with pytest.raises(TargetNotEmpty):
            copy_database(source, target)
    finally:
        source.close()
        target.close()


if os.environ.get("MIERUKA_TEST_PG_URL"):

    @pytest.mark.postgresql_only
    def test_local_data_moves_into_the_server(db, tmp_path):
        from datetime import date

        from domain.demo import build_demo
        from domain.seed import create_demo_company
        from storage.database import open_database

        source = open_database(tmp_path / "local.sqlite3")
        create_demo_company(source.uow(), build_demo(date(2026, 1, 15)))
        try:
            _copy_and_compare(source, db)
        finally:
            source.close()
