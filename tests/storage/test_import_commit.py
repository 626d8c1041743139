"""Committing an import against a real SQLite file: matching, old → new, keep/overwrite, one
batch in the history, undo as one step, remembered mappings, locks, round trip with the export."""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from domain import services
from domain.errors import DatabaseLocked
from domain.exporting import build_export
from domain.fiscal import YearMonth
from domain.importing.commit import (
    ImportAlreadyUndone,
    ImportRequest,
    commit_import,
    kpi_key,
    list_imports,
    plan_import,
    undo_import,
)
from domain.importing.mapping import SheetMapping, from_json, remembered, to_json
from domain.importing.model import SheetOverrides
from domain.importing.ports import source_code
from domain.importing.vocabulary import Role
from domain.importing.workbook import analyse_workbook
from domain.model import Aggregation, CellEdit, Direction, Kpi, Series
from storage.spreadsheet_reader import read_workbook
from storage.xlsx_writer import write_kpi_workbook

YM = YearMonth
AT = datetime(2026, 5, 1, 9, 30)


def workbook(path: Path, rows: list[list], *, title="2025年度", sheet="総務部") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title])
    ws.append(["KPI名", "単位", "年間目標", "4月", "5月", "6月"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def request_for(path: Path, **kwargs) -> ImportRequest:
    data = read_workbook(path)
    analysis = analyse_workbook(data.sheets, file_name=data.file_name, today=date(2026, 5, 1))
    return ImportRequest(
        data.file_name, analysis.kpis, tuple(g.name for g in data.sheets), **kwargs
    )


def dump(db) -> dict[str, list]:
    """The user data of a database (everything but the import log and history)."""
    from sqlalchemy import text

    with db.engine.connect() as con:
        return {
            t: [tuple(r) for r in con.execute(text(f"SELECT * FROM {t} ORDER BY id"))]
            for t in ("department", "kpi", "measurement", "monthly_target")
        }


def values(uow_factory, kpi_id: int, series: Series = Series.ACTUAL) -> dict[str, float | None]:
    cells = services.read_series(uow_factory(), series, [kpi_id], YM(2025, 4), YM(2026, 3))
    return {str(m): c.value for (_, m), c in sorted(cells.items(), key=lambda kv: kv[0][1])}


def test_new_kpis_departments_values_and_one_batch_in_the_history(tmp_path, uow_factory, company):
    path = workbook(
        tmp_path / "総務KPI.xlsx",
        [["問合せ件数", "件", 1440, 131, 118, None], ["遅延件数", "件", None, 2, 0, 1]],
    )
    result = commit_import(uow_factory(), request_for(path), user="yamada", at=AT)
    assert (result.created_departments, result.created_kpis, result.written_cells) == (1, 2, 5)
    [dept] = services.list_departments(uow_factory())
    assert dept.name == "総務部"
    kpis = services.list_kpis(uow_factory(), department_id=dept.id)
    assert [(k.name, k.unit, k.annual_target) for k in kpis] == [
        ("問合せ件数", "件", 1440.0),
        ("遅延件数", "件", None),
    ]
    assert kpis[1].direction is Direction.LOWER  # 遅延 is better low
    assert kpis[0].aggregation is Aggregation.SUM
    assert values(uow_factory, kpis[0].id) == {"2025-04": 131.0, "2025-05": 118.0}
    history = services.kpi_history(uow_factory(), kpis[1].id)
    assert {(c.month, c.old_value, c.new_value, c.user, c.source, c.at) for c in history} == {
        (YM(2025, m), None, v, "yamada", source_code(result.batch_id, "総務KPI.xlsx"), AT)
        for m, v in ((4, 2.0), (5, 0.0), (6, 1.0))
    }
    [batch] = list_imports(uow_factory())
    assert (batch.id, batch.file_name, batch.user, batch.at, batch.cell_count) == (
        result.batch_id,
        "総務KPI.xlsx",
        "yamada",
        AT,
        5,
    )
    assert set(batch.created_kpis) == {k.id for k in kpis}


def test_monthly_targets_become_an_annual_target_or_step_targets(tmp_path, uow_factory, company):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人事部"
    ws.append(
        [
            "KPI名",
            "区分",
            *[f"2025年{m}月" for m in range(4, 13)],
            *[f"2026年{m}月" for m in (1, 2, 3)],
        ]
    )
    ws.append(["採用人数", "目標", *([2] * 12)])
    ws.append([None, "実績", 3, 1])
    ws.append(["研修参加率(%)", "目標", *([80] * 6), *([90] * 6)])
    ws.append([None, "実績", 75])
    path = tmp_path / "人事.xlsx"
    wb.save(path)
    commit_import(uow_factory(), request_for(path), user="u")
    hires, training = services.list_kpis(uow_factory())
    assert (hires.annual_target, hires.aggregation) == (24.0, Aggregation.SUM)  # 2 × 12 months
    assert values(uow_factory, hires.id, Series.TARGET) == {}
    assert (training.annual_target, training.unit, training.aggregation) == (
        None,
        "%",
        Aggregation.AVERAGE,
    )
    steps = values(uow_factory, training.id, Series.TARGET)
    assert list(steps.values()) == [80.0] * 6 + [90.0] * 6
    assert values(uow_factory, training.id) == {"2025-04": 75.0}


def _stored_kpi(uow_factory, name="問合せ件数", **kw) -> Kpi:
    dept = services.add_department(uow_factory(), name="総務部")
    kpi = services.save_kpi(uow_factory(), Kpi(0, dept.id, name, unit="件", rationale="理由", **kw))
    services.apply_edits(
        uow_factory(),
        [
            CellEdit(kpi.id, YM(2025, 4), Series.ACTUAL, 100.0, "手入力"),
            CellEdit(kpi.id, YM(2025, 5), Series.ACTUAL, 118.0),
        ],
        user="sato",
    )
    return kpi


def test_stored_values_show_old_to_new_and_the_user_keeps_or_overwrites(
    tmp_path, uow_factory, company
):
    stored = _stored_kpi(uow_factory)
    path = workbook(tmp_path / "k.xlsx", [["問合せ件数", "件", None, 131, 118, 140]])
    request = request_for(path)
    plan = plan_import(uow_factory(), request)
    [match] = plan.matches
    assert match.kpi is not None and match.kpi.id == stored.id
    assert plan.unchanged == 1
    assert [(c.month, c.old, c.new, c.conflict) for c in plan.changes] == [
        (YM(2025, 4), 100.0, 131.0, True),
        (YM(2025, 6), None, 140.0, False),
    ]
    keep = [plan.changes[0].cell_key]
    result = commit_import(uow_factory(), request, user="u", keep=keep)
    assert (result.created_kpis, result.written_cells, result.kept_cells) == (0, 1, 1)
    assert values(uow_factory, stored.id) == {"2025-04": 100.0, "2025-05": 118.0, "2025-06": 140.0}
    second = commit_import(uow_factory(), request, user="u")
    assert (second.written_cells, second.kept_cells) == (1, 0)
    assert values(uow_factory, stored.id)["2025-04"] == 131.0
    cell = services.read_series(uow_factory(), Series.ACTUAL, [stored.id], YM(2025, 4), YM(2025, 4))
    assert cell[(stored.id, YM(2025, 4))].note == "手入力"  # an import never drops a note


def test_keep_existing_keeps_every_conflict(tmp_path, uow_factory, company):
    stored = _stored_kpi(uow_factory)
    path = workbook(tmp_path / "k.xlsx", [["問合せ件数", "件", None, 131, 200, 140]])
    result = commit_import(uow_factory(), request_for(path), user="u", overwrite=False)
    assert (result.written_cells, result.kept_cells) == (1, 2)
    assert values(uow_factory, stored.id) == {"2025-04": 100.0, "2025-05": 118.0, "2025-06": 140.0}


def test_mapping_an_imported_name_to_a_stored_kpi_and_units_that_differ(
    tmp_path, uow_factory, company
):
    stored = _stored_kpi(uow_factory, name="社内問い合わせ対応件数")
    path = workbook(
        tmp_path / "k.xlsx",
        [["問合せ件数", "件", None, 7, None, None], ["会議室稼働率", "h", None, 3, None, None]],
    )
    request = request_for(path)
    first = plan_import(uow_factory(), request)
    assert [m.kpi for m in first.matches] == [None, None]  # different names: new KPIs by default
    mapped = request_for(path, kpi_map={kpi_key(request.kpis[0]): stored.id})
    plan = plan_import(uow_factory(), mapped)
    assert plan.matches[0].kpi is not None and plan.matches[0].kpi.id == stored.id
    commit_import(uow_factory(), mapped, user="u")
    assert values(uow_factory, stored.id)["2025-04"] == 7.0
    # a stored KPI in 件 is not fed values in h
    services.save_kpi(
        uow_factory(), Kpi(0, stored.department_id, "会議室稼働率2", unit="%", rationale="理由")
    )
    other = request_for(
        path, kpi_map={kpi_key(request.kpis[1]): services.list_kpis(uow_factory())[-1].id}
    )
    plan = plan_import(uow_factory(), other)
    assert plan.matches[1].skip and [p.code.value for p in plan.problems] == ["unit_differs"]


def test_undo_takes_the_whole_import_back_in_one_step(tmp_path, db, uow_factory, company):
    stored = _stored_kpi(uow_factory)
    before = dump(db)
    path = workbook(
        tmp_path / "k.xlsx",
        [["問合せ件数", "件", None, 131, 118, 140], ["新しい指標", "件", 10, 1, 2, 3]],
        sheet="人事部",
    )
    request = request_for(path, default_department="総務部")
    result = commit_import(uow_factory(), request, user="u")
    assert result.created_departments == 1  # 人事部 (the sheet)
    assert dump(db) != before
    undone = undo_import(uow_factory(), result.batch_id, user="u")
    assert (undone.deleted_kpis, undone.deleted_departments, undone.skipped) == (2, 1, 0)
    assert dump(db) == before
    assert values(uow_factory, stored.id) == {"2025-04": 100.0, "2025-05": 118.0}
    with pytest.raises(ImportAlreadyUndone):
        undo_import(uow_factory(), result.batch_id, user="u")
    [batch] = list_imports(uow_factory())
    assert batch.undone_at is not None


def test_undo_reverts_changes_to_stored_kpis_and_leaves_later_edits(
    tmp_path, db, uow_factory, company
):
    stored = _stored_kpi(uow_factory)
    path = workbook(tmp_path / "k.xlsx", [["問合せ件数", "件", None, 131, 118, 140]])
    result = commit_import(uow_factory(), request_for(path), user="u")
    services.apply_edits(
        uow_factory(), [CellEdit(stored.id, YM(2025, 6), Series.ACTUAL, 150.0)], user="sato"
    )
    undone = undo_import(uow_factory(), result.batch_id, user="u")
    assert (undone.reverted, undone.skipped, undone.deleted_kpis) == (1, 1, 0)
    assert values(uow_factory, stored.id) == {"2025-04": 100.0, "2025-05": 118.0, "2025-06": 150.0}


@pytest.mark.sqlite_only
def test_a_locked_database_rolls_the_import_back_and_a_retry_works(
    tmp_path, db, uow_factory, company
):
    before = dump(db)
    path = workbook(tmp_path / "k.xlsx", [["問合せ件数", "件", None, 1, 2, 3]])
    request = request_for(path)
    blocker = sqlite3.connect(db.path, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        with pytest.raises(DatabaseLocked):
            commit_import(uow_factory(), request, user="u")
    finally:
        blocker.rollback()
        blocker.close()
    assert dump(db) == before and list_imports(uow_factory()) == []
    result = commit_import(uow_factory(), request, user="u")
    assert result.written_cells == 3


@pytest.mark.sqlite_only
def test_a_disk_that_fills_while_the_cells_are_written_rolls_everything_back(
    tmp_path, db, uow_factory, company
):
    """The KPI and cell INSERTs run on a writer thread (storage.write_behind): a failure there
    reaches the caller as the same typed error, and nothing of the import stays."""
    from sqlalchemy import event

    from domain.errors import StorageFull

    before = dump(db)
    rows = [[f"指標{i}", "件", None, i, i + 1, i + 2] for i in range(3000)]
    request = request_for(workbook(tmp_path / "k.xlsx", rows))
    pages = sqlite3.connect(db.path).execute("PRAGMA page_count").fetchone()[0]

    def small_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 8}")

    db.engine.dispose()
    event.listen(db.engine, "connect", small_disk)
    try:
        with pytest.raises(StorageFull):
            commit_import(uow_factory(), request, user="u")
    finally:
        event.remove(db.engine, "connect", small_disk)
        db.engine.dispose()
    assert dump(db) == before and list_imports(uow_factory()) == []
    result = commit_import(uow_factory(), request, user="u")
    assert (result.created_kpis, result.written_cells) == (3000, 9000)


def test_cancelling_from_progress_writes_nothing(tmp_path, db, uow_factory, company):
    from domain.importing.errors import ImportCancelled

    before = dump(db)
    path = workbook(tmp_path / "k.xlsx", [["問合せ件数", "件", None, 1, 2, 3]])

    def cancel(done: int, total: int) -> None:
        if done > 1:
            raise ImportCancelled()

    with pytest.raises(ImportCancelled):
        commit_import(uow_factory(), request_for(path), user="u", progress=cancel)
    assert dump(db) == before and list_imports(uow_factory()) == []


def test_mappings_are_remembered_per_sheet_shape(tmp_path, uow_factory, company):
    mapping = SheetMapping(
        SheetOverrides(
            header_row=3, roles={0: Role.NAME, 4: Role.IGNORE}, start_month=10, department="総務部"
        ),
        {"総務部\x1f件数": 7},
    )
    assert from_json(to_json(mapping)) == mapping
    assert from_json("{not json") is None and from_json('{"version": 99}') is None
    path = workbook(tmp_path / "k.xlsx", [["件数", "件", None, 1, 2, 3]])
    request = request_for(path)
    commit_import(
        uow_factory(),
        request,
        user="u",
        mappings={"shape-1": ("k.xlsx / 総務部", to_json(mapping))},
    )
    assert remembered(uow_factory(), ["shape-1", "shape-2"]) == {"shape-1": mapping}
    # next year's file has the same shape key
    data = read_workbook(
        workbook(tmp_path / "next.xlsx", [["件数", "件", None, 4, 5, 6]], title="2026年度")
    )
    first = analyse_workbook(read_workbook(path).sheets, file_name="k.xlsx", today=date(2026, 5, 1))
    second = analyse_workbook(data.sheets, file_name="next.xlsx", today=date(2026, 5, 1))
    assert first.sheets[0].shape_key == second.sheets[0].shape_key


# --------------------------------------------------------------------------- export ↔ import


def _company_with_data(uow_factory) -> None:
    services.create_company(uow_factory(), name="テスト", fiscal_year_start=4)
    general = services.add_department(uow_factory(), name="総務部")
    hr = services.add_department(uow_factory(), name='=HYPERLINK("http://x","人事")')
    specs = [
        (
            general.id,
            Kpi(
                0,
                general.id,
                "契約書の電子化率",
                unit="%",
                aggregation=Aggregation.LAST,
                annual_target=80.0,
                decimals=1,
            ),
        ),
        (
            general.id,
            Kpi(
                0,
                general.id,
                "備品補充の遅延件数",
                unit="件",
                direction=Direction.LOWER,
                annual_target=0.0,
            ),
        ),
        (general.id, Kpi(0, general.id, "=1+2", unit="円", annual_target=1200000.0)),
        (hr.id, Kpi(0, hr.id, "+cmd|' /C calc'!A0", unit="", aggregation=Aggregation.AVERAGE)),
        (hr.id, Kpi(0, hr.id, "@SUM(A1)", unit="人", aggregation=Aggregation.MAX)),
        (
            hr.id,
            Kpi(
                0,
                hr.id,
                "-離職率",
                unit="%",
                direction=Direction.LOWER,
                aggregation=Aggregation.AVERAGE,
                decimals=2,
            ),
        ),
    ]
    edits = []
    for i, (_, kpi) in enumerate(specs):
        saved = services.save_kpi(uow_factory(), replace(kpi, rationale="理由"))
        for m in range(12):
            if (m + i) % 5 == 4:
                continue  # some months without a value
            value = [
                24.9 + m * 1.7,
                float(m % 3),
                98765.4321 * (m + 1),
                3.25,
                float(m),
                0.35 + m / 100,
            ][i]
            edits.append(CellEdit(saved.id, YM(2025, 4).add(m), Series.ACTUAL, value))
        if i == 0:
            edits += [
                CellEdit(saved.id, YM(2025, 4).add(m), Series.TARGET, 30.0 + 5 * m)
                for m in range(12)
            ]
    services.apply_edits(uow_factory(), edits, user="u")


def _snapshot(uow_factory) -> list[tuple]:
    out = []
    for dept in services.list_departments(uow_factory()):
        for k in services.list_kpis(uow_factory(), department_id=dept.id):
            out.append(
                (
                    dept.name,
                    k.name,
                    k.unit,
                    k.direction,
                    k.aggregation,
                    k.annual_target,
                    values(uow_factory, k.id),
                    values(uow_factory, k.id, Series.TARGET),
                )
            )
    return out


def test_export_then_import_gives_identical_values(tmp_path, uow_factory):
    from storage.database import open_database

    _company_with_data(uow_factory)
    export = build_export(uow_factory(), fiscal_year=2025, today=date(2026, 1, 1))
    out = write_kpi_workbook(export, tmp_path / "KPI_2025.xlsx")
    assert not list(tmp_path.glob("*.part"))  # written to a temporary name, then renamed
    original = _snapshot(uow_factory)

    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        services.create_company(fresh.uow(), name="別", fiscal_year_start=4)
        result = commit_import(fresh.uow(), request_for(out), user="u")
        assert result.created_kpis == 6
        assert _snapshot(fresh.uow) == original
    finally:
        fresh.close()
    # into the database it came from: nothing changes
    plan = plan_import(uow_factory(), request_for(out))
    assert plan.changes == () and plan.new_cells == 0 and plan.unchanged > 40


def test_exported_text_is_never_a_formula(tmp_path, uow_factory):
    _company_with_data(uow_factory)
    out = write_kpi_workbook(
        build_export(uow_factory(), fiscal_year=2025, today=date(2026, 1, 1)), tmp_path / "x.xlsx"
    )
    with zipfile.ZipFile(out) as zf:
        sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and all(b"<f>" not in s and b"<f " not in s for s in sheets)
    wb = openpyxl.load_workbook(out)
    names = [c.value for ws in wb.worksheets for c in ws["A"] if isinstance(c.value, str)]
    assert {"=1+2", "+cmd|' /C calc'!A0", "@SUM(A1)", "-離職率"} <= set(names)
    cell = next(c for ws in wb.worksheets for c in ws["A"] if c.value == "=1+2")
    assert cell.data_type == "s" and cell.quotePrefix
    data = read_workbook(out)
    analysis = analyse_workbook(data.sheets, file_name=out.name, today=date(2026, 1, 1))
    assert {"=1+2", "+cmd|' /C calc'!A0", "@SUM(A1)", "-離職率"} <= {k.name for k in analysis.kpis}
    assert '=HYPERLINK("http://x","人事")' in {k.department for k in analysis.kpis}


KILLED_IMPORT = """
import sys, time
from datetime import date
from domain.importing.commit import ImportRequest, commit_import
from domain.importing.workbook import analyse_workbook
from storage.database import open_database
from storage.spreadsheet_reader import read_workbook

db = open_database(sys.argv[1])
data = read_workbook(sys.argv[2])
analysis = analyse_workbook(data.sheets, file_name=data.file_name, today=date(2026, 5, 1))

def progress(done, total):
    if done > len(analysis.kpis):  # KPIs and the actual values are written, not committed
        print("WRITING", flush=True)
        time.sleep(60)

commit_import(db.uow(), ImportRequest(data.file_name, analysis.kpis), user="u", progress=progress)
print("COMMITTED", flush=True)
"""


@pytest.mark.sqlite_only
def test_kill_9_during_an_import_leaves_the_database_exactly_as_before(
    tmp_path, db, uow_factory, company
):
    import os
    import signal
    import subprocess
    import sys

    _stored_kpi(uow_factory)
    rows = [[f"指標{i}", "件", None, i, i + 1, i + 2] for i in range(300)] + [
        ["問合せ件数", "件", None, 1, 2, 3]
    ]
    path = workbook(tmp_path / "big.xlsx", rows)
    db.close()  # the child is the only writer
    con = sqlite3.connect(db.path)
    before = {
        t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in (
            "department",
            "kpi",
            "measurement",
            "monthly_target",
            "value_change",
            "import_batch",
        )
    }
    con.close()
    script = tmp_path / "child.py"
    script.write_text(KILLED_IMPORT, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, str(script), str(db.path), str(path)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "WRITING", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    con = sqlite3.connect(db.path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        after = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in before}
    finally:
        con.close()
    assert after == before


def test_created_kpis_are_recorded_once_and_their_history_still_shows_each_cell(
    tmp_path, db, uow_factory, company
):
    stored = _stored_kpi(uow_factory)
    path = workbook(
        tmp_path / "k.xlsx",
        [["問合せ件数", "件", None, 131, 118, 140], ["新しい指標", "件", None, 1, 2, 3]],
    )
    result = commit_import(uow_factory(), request_for(path), user="u", at=AT)
    from sqlalchemy import text

    with db.engine.connect() as con:  # one history row per cell of the stored KPI only
        rows = con.execute(text("SELECT kpi_id, COUNT(*) FROM value_change GROUP BY kpi_id"))
        rows = [tuple(r) for r in rows]
    created = next(k for k in services.list_kpis(uow_factory()) if k.name == "新しい指標")
    assert dict(rows).get(created.id) is None
    assert dict(rows)[stored.id] >= 2
    services.apply_edits(
        uow_factory(), [CellEdit(created.id, YM(2025, 5), Series.ACTUAL, 20.0)], user="sato"
    )
    history = services.kpi_history(uow_factory(), created.id)
    source = source_code(result.batch_id, "k.xlsx")
    assert [(c.month, c.old_value, c.new_value, c.user, c.source) for c in history] == [
        (YM(2025, 5), 2.0, 20.0, "sato", history[0].source),
        (YM(2025, 6), None, 3.0, "u", source),
        (YM(2025, 5), None, 2.0, "u", source),
        (YM(2025, 4), None, 1.0, "u", source),
    ]
    assert history[0].source != source and history[0].at > AT  # the edit, stamped now
    # undo keeps the edited KPI: its cells still as imported are cleared, the edit stays
    undone = undo_import(uow_factory(), result.batch_id, user="u")
    assert (undone.deleted_kpis, undone.skipped) == (0, 1)
    assert values(uow_factory, created.id) == {"2025-05": 20.0}
    assert values(uow_factory, stored.id) == {"2025-04": 100.0, "2025-05": 118.0}
    # the history still tells where the first values came from, and what the undo did
    history = services.kpi_history(uow_factory(), created.id)
    assert (YM(2025, 4), None, 1.0, "u", source) in [
        (c.month, c.old_value, c.new_value, c.user, c.source) for c in history
    ]
    assert (YM(2025, 4), 1.0, None) in [(c.month, c.old_value, c.new_value) for c in history]


def test_an_import_larger_than_one_chunk_creates_every_kpi_once_in_order(
    tmp_path, db, uow_factory, company
):
    """KPIs are created chunk by chunk while the writer stores the previous chunk: across
    chunks the ids follow on, each department's sort order continues, every cell lands on its
    own KPI, stored KPIs are updated with history, and the batch lists every KPI it created."""
    from sqlalchemy import text

    from domain.importing.commit import _CHUNK

    first = commit_import(
        uow_factory(),
        request_for(workbook(tmp_path / "a.xlsx", [["既存指標", "件", None, 1, 2, 3]])),
        user="u",
    )
    count = 2 * _CHUNK + 7
    rows = [["既存指標", "件", None, 1, 9, 3]] + [
        [f"指標{i}", "件", None, i, i + 1, None if i % 5 == 0 else i + 2] for i in range(count)
    ]
    reports: list[tuple[int, int]] = []
    result = commit_import(
        uow_factory(),
        request_for(workbook(tmp_path / "b.xlsx", rows)),
        user="u",
        progress=lambda done, total: reports.append((done, total)),
    )
    assert (result.created_kpis, result.kept_cells) == (count, 0)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)  # never goes back
    assert reports[-1][0] == reports[-1][1]  # and ends full
    assert result.written_cells == 1 + 3 * count - len(range(0, count, 5))
    with db.engine.connect() as con:
        kpis = con.execute(text("SELECT id, name, sort_order FROM kpi ORDER BY id")).all()
        cells = con.execute(text("SELECT kpi_id, ym, value FROM measurement")).all()
        history = con.execute(text("SELECT kpi_id, ym, old_value, new_value FROM value_change"))
        history = history.all()
    assert [(name, order) for _, name, order in kpis] == [("既存指標", 0)] + [
        (f"指標{i}", i + 1) for i in range(count)
    ]
    ids = [kpi_id for kpi_id, _, _ in kpis]
    assert ids == list(range(ids[0], ids[0] + count + 1))
    by_kpi: dict[int, dict[int, float]] = {}
    for kpi_id, ym, value in cells:
        by_kpi.setdefault(kpi_id, {})[ym] = value
    for i, kpi_id in enumerate(ids[1:]):
        expected = {202504: float(i), 202505: float(i + 1)}
        if i % 5:
            expected[202506] = float(i + 2)
        assert by_kpi[kpi_id] == expected
    assert by_kpi[ids[0]] == {202504: 1.0, 202505: 9.0, 202506: 3.0}
    assert [(k, ym, old, new) for k, ym, old, new in history if old is not None] == [
        (ids[0], 202505, 2.0, 9.0)
    ]
    batch = list_imports(uow_factory())[0]
    assert batch.id != first.batch_id and batch.created_kpis == tuple(ids[1:])


def test_cancelling_after_the_first_chunk_was_queued_writes_nothing(
    tmp_path, db, uow_factory, company
):
    from domain.importing.commit import _CHUNK
    from domain.importing.errors import ImportCancelled

    before = dump(db)
    rows = [[f"指標{i}", "件", None, i, i + 1, i + 2] for i in range(2 * _CHUNK)]
    request = request_for(workbook(tmp_path / "k.xlsx", rows))
    seen: list[int] = []

    def cancel(done: int, total: int) -> None:
        seen.append(done)
        if done > _CHUNK:  # the first chunk's KPIs and cells are with the writer by now
            raise ImportCancelled()

    with pytest.raises(ImportCancelled):
        commit_import(uow_factory(), request, user="u", progress=cancel)
    assert dump(db) == before and list_imports(uow_factory()) == []
    assert max(seen) > _CHUNK
