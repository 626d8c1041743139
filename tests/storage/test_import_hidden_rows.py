"""A KPI kept in a hidden row (「（旧）…」 hidden instead of deleted) is read but left out of the
import unless the user ticks it in the wizard; hidden month columns hide no KPI; the command line
reports the hidden KPI with its cell."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from domain.importing.model import ProblemCode
from domain.importing.workbook import analyse_workbook
from storage.spreadsheet_reader import read_workbook
from ui.import_session import ImportSession

TODAY = date(2025, 8, 1)


def book_with_hidden_rows(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2025年度 総務部 KPI"])
    ws.append(["KPI名", "単位", "目標", "4月", "5月", "6月", "7月"])
    ws.append(["問合せ件数", "件", 120, 131, 118, 140, 125])
    ws.append(["（旧）問合せ件数", "件", 100, 30, 20, 10, 5])
    ws.append(["備品補充の遅延件数", "件", 0, 2, 0, 1, 0])
    ws.row_dimensions[4].hidden = True  # the old KPI, hidden rather than deleted
    ws.column_dimensions["D"].hidden = True  # April hidden to see the recent months
    wb.save(path)
    return path


@pytest.mark.parametrize("helper_from", [10**12, 0])  # read here / by the helper process
def test_a_kpi_in_a_hidden_row_is_read_marked_and_reported(tmp_path, monkeypatch, helper_from):
    from storage import spreadsheet_reader

    monkeypatch.setattr(spreadsheet_reader, "PROCESS_MIN_XML_BYTES", helper_from)
    path = book_with_hidden_rows(tmp_path / "総務.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["総務部"]).title = "総務部 (2)"  # two sheets: the helper path is taken
    wb.save(path)
    data = read_workbook(path)
    analysis = analyse_workbook(data.sheets, file_name=path.name, today=TODAY)
    got = {k.name: (k.hidden, len(k.actuals)) for k in analysis.kpis if k.sheet == "総務部"}
    assert got == {
        "問合せ件数": (False, 4),
        "（旧）問合せ件数": (True, 4),
        "備品補充の遅延件数": (False, 4),
    }
    hidden = [(p.sheet, p.cell, p.text) for p in analysis.problems if p.code is ProblemCode.HIDDEN]
    assert hidden == [
        ("総務部", "D4", "（旧）問合せ件数"),
        ("総務部 (2)", "D4", "（旧）問合せ件数"),
    ]
    april = next(k for k in analysis.kpis if k.name == "問合せ件数").actuals
    assert min(april).month == 4  # the hidden April column still counts for visible KPIs


def test_the_wizard_unticks_it_and_the_user_can_tick_it(tmp_path):
    path = book_with_hidden_rows(tmp_path / "総務.xlsx")
    session = ImportSession.from_read(read_workbook(path), today=TODAY)
    names = [k.name for k in session.request().kpis]
    assert names == ["問合せ件数", "備品補充の遅延件数"]
    old = next(k for k in session.analysis.kpis if k.hidden)
    session.set_included(old, True)
    assert [k.name for k in session.request().kpis] == [
        "問合せ件数",
        "（旧）問合せ件数",
        "備品補充の遅延件数",
    ]
    session.correct("総務部", fiscal_year=2024)  # a correction analyses again: the choice holds
    assert len(session.request().kpis) == 3


def test_the_command_line_leaves_it_out_and_says_where(tmp_path, capsys):
    from main import main

    path = book_with_hidden_rows(tmp_path / "総務.xlsx")
    assert main(["import", str(path), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [k["name"] for k in out["kpis"]] == ["問合せ件数", "備品補充の遅延件数"]
    (problem,) = [p for p in out["problems"] if "非表示" in p["message"]]
    assert problem["cell"] == "D4" and "（旧）問合せ件数" in problem["message"]


@pytest.mark.parametrize("hidden", ['hidden="1"', 'hidden="true"'])
def test_rows_and_column_spans_are_read_from_the_sheet_xml(hidden):
    from storage.sheet_xml import scan_hidden

    xml = (
        f'<worksheet><cols><col min="2" max="4" width="9" {hidden}/><col max="6" min="6" {hidden}/>'
        f'<col min="7" max="7" width="3"/></cols><sheetData><row r="3" {hidden} spans="1:5">'
        '<c r="A3"/></row><row r="4"><c r="A4"/></row><x:row r="9" '
        f"{hidden}/></sheetData></worksheet>"
    ).encode()
    assert scan_hidden(xml) == (frozenset({2, 8}), frozenset({1, 2, 3, 5}))
    assert scan_hidden(b"<worksheet><sheetData><row r='1'/></sheetData></worksheet>") == (
        frozenset(),
        frozenset(),
    )


def test_hidden_on_one_sheet_visible_on_another_is_one_kpi_taken(tmp_path):
    """The same KPI on two month sheets, its row hidden on one: merged, imported, not reported."""
    wb = openpyxl.Workbook()
    for i, month in enumerate(("4月", "5月")):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = month
        ws.append(["2025年度 総務部 月次実績"])
        ws.append(["指標", "単位", "目標", "実績"])
        ws.append(["問合せ件数", "件", 120, 131 + i])
        if i == 0:
            ws.row_dimensions[3].hidden = True
    wb.save(tmp_path / "months.xlsx")
    data = read_workbook(tmp_path / "months.xlsx")
    analysis = analyse_workbook(data.sheets, file_name="months.xlsx", today=TODAY)
    ((kpi),) = analysis.kpis
    assert not kpi.hidden and {str(m): v for m, v in kpi.actuals.items()} == {
        "2025-04": 131.0,
        "2025-05": 132.0,
    }
    assert [p for p in analysis.problems if p.code is ProblemCode.HIDDEN] == []


def test_folded_outline_groups_and_hidden_month_columns_hide_no_kpi(tmp_path):
    """A quarter's months folded into a column group, branch rows folded under their total:
    a way of looking at the sheet (Excel writes them hidden with an outlineLevel)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "経営管理"
    ws.append(["2025年度 KPI"])
    ws.append(["KPI名", "単位", "4月", "5月", "6月", "1Q計", "7月"])
    ws.append(["売上高", "千円", 100, 110, 120, 330, 130])
    ws.append(["東京支店 売上高", "千円", 60, 70, 80, 210, 90])
    ws.append(["大阪支店 売上高", "千円", 40, 40, 40, 120, 40])
    ws.column_dimensions.group("C", "E", hidden=True, outline_level=1)
    ws.row_dimensions.group(4, 5, hidden=True, outline_level=1)
    wb.save(tmp_path / "grouped.xlsx")
    data = read_workbook(tmp_path / "grouped.xlsx")
    analysis = analyse_workbook(data.sheets, file_name="grouped.xlsx", today=TODAY)
    got = {k.name: (k.hidden, len(k.actuals)) for k in analysis.kpis}
    assert got == {
        "売上高": (False, 4),
        "東京支店 売上高": (False, 4),
        "大阪支店 売上高": (False, 4),
    }
    assert [p for p in analysis.problems if p.code is ProblemCode.HIDDEN] == []


def test_a_hidden_copy_never_outvotes_the_visible_one(tmp_path):
    """問合せ件数 hidden on the first sheet (an old April figure), visible on the second: the
    visible April is taken, the hidden one reported as the conflict."""
    wb = openpyxl.Workbook()
    for i, (title, april) in enumerate((("A表", 999), ("B表", 131))):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append(["2025年度 総務部 KPI"])
        ws.append(["KPI名", "単位", "4月", "5月"])
        ws.append(["問合せ件数", "件", april, 118])
        if i == 0:
            ws.row_dimensions[3].hidden = True
    wb.save(tmp_path / "two.xlsx")
    data = read_workbook(tmp_path / "two.xlsx")
    analysis = analyse_workbook(data.sheets, file_name="two.xlsx", today=TODAY)
    ((kpi),) = analysis.kpis
    assert not kpi.hidden and kpi.actuals[min(kpi.actuals)] == 131.0
    duplicate = [
        (p.sheet, p.cell) for p in analysis.problems if p.code is ProblemCode.DUPLICATE_NAME
    ]
    assert duplicate == [("A表", "C3")]


def test_a_kpi_column_hidden_in_a_months_down_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人事部"
    ws.append(["2025年度 人事部 KPI"])
    ws.append(["月", "採用人数", "（旧）応募者数", "離職者数"])
    for month, values in (("4月", (3, 40, 0)), ("5月", (1, 35, 1)), ("6月", (2, 30, 0))):
        ws.append([month, *values])
    ws.column_dimensions["C"].hidden = True
    ws.row_dimensions[4].hidden = True  # May's row hidden: a month, not a KPI
    wb.save(tmp_path / "down.xlsx")
    data = read_workbook(tmp_path / "down.xlsx")
    analysis = analyse_workbook(data.sheets, file_name="down.xlsx", today=TODAY)
    got = {k.name: (k.hidden, len(k.actuals)) for k in analysis.kpis}
    assert got == {"採用人数": (False, 3), "（旧）応募者数": (True, 3), "離職者数": (False, 3)}
