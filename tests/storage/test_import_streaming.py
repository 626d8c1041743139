"""A big workbook's sheets are parsed in a helper process and each is analysed as soon as it
arrives: the result must be exactly what reading everything first and analysing afterwards gives,
for every layout mix — including a run of month sheets, whose year comes from the first month
sheet's rows. (The tests lower the size from which the helper is used, so that small workbooks
take the same path.)"""

from __future__ import annotations

import multiprocessing
import threading
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from domain.importing.errors import ImportCancelled, WorkbookUnreadable
from domain.importing.workbook import SheetBySheet, analyse_workbook
from storage import spreadsheet_reader
from storage.spreadsheet_reader import read_workbook
from ui.import_session import ImportSession

TODAY = date(2026, 1, 15)


def mixed_workbook(path: Path) -> Path:
    """Notes, two department sheets of one shape, then a run of month sheets (year in a title)."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "記入例"
    notes.append(["このシートは記入例です。"])
    for dept, base in (("総務部", 100), ("人事部", 7)):
        ws = wb.create_sheet(dept)
        ws.append(["2025年度 KPI管理表"])
        ws.append(["KPI名", "単位", "年間目標", "4月", "5月", "6月", "合計"])
        for i in range(30):
            ws.append([f"指標{i}", "件", 1200, base + i, base + i + 1, None, None])
    for m, value in ((4, 131), (5, 118), (6, 140)):
        ws = wb.create_sheet(f"{m}月")
        ws.append(["2025年度 月次実績"])
        ws.append(["指標", "単位", "目標", "実績"])
        ws.append(["問合せ件数", "件", 120, value])
    wb.save(path)
    return path


def streamed(path: Path, **kwargs) -> tuple[object, list[tuple[str, tuple[str, ...]]]]:
    seen: list[tuple[str, tuple[str, ...]]] = []
    holder: list[SheetBySheet] = []

    def on_sheet(grid, names):
        seen.append((grid.name, names))
        if not holder:
            holder.append(SheetBySheet(names, file_name=path.name, today=TODAY, **kwargs))
        holder[0].add(grid)

    read_workbook(path, on_sheet=on_sheet)
    return holder[0].result(), seen


IN_PROCESS, HELPER = 10**12, 0  # sizes from which the helper process is used


@pytest.mark.parametrize("helper_from", [IN_PROCESS, HELPER])
def test_streamed_analysis_equals_reading_first_then_analysing(tmp_path, monkeypatch, helper_from):
    monkeypatch.setattr(spreadsheet_reader, "PROCESS_MIN_XML_BYTES", helper_from)
    path = mixed_workbook(tmp_path / "混在.xlsx")
    data = read_workbook(path)
    whole = analyse_workbook(data.sheets, file_name=data.file_name, today=TODAY)
    result, seen = streamed(path)
    names = ("記入例", "総務部", "人事部", "4月", "5月", "6月")
    assert seen == [(n, names) for n in names]  # in order, every sheet's name known at once
    assert result == whole
    # and what the wizard computes when it analyses a read workbook sheet by sheet itself
    assert ImportSession.from_read(data, today=TODAY).analysis == result
    inquiries = next(k for k in result.kpis if k.name == "問合せ件数")
    assert {str(m): v for m, v in inquiries.actuals.items()} == {
        "2025-04": 131.0,
        "2025-05": 118.0,
        "2025-06": 140.0,
    }
    assert len(result.kpis) == 61  # 30 per department sheet + the month sheets' one
    assert {k.department for k in result.kpis if k.name == "指標0"} == {"総務部", "人事部"}


def test_the_helper_process_gives_the_same_cells_as_reading_here(tmp_path, monkeypatch):
    path = mixed_workbook(tmp_path / "混在.xlsx")
    ws = openpyxl.load_workbook(path)
    ws["総務部"].merge_cells("A1:C1")
    ws["総務部"]["D5"] = "=SUM(A1:A2)"  # a formula saved without its value
    ws.save(path)
    monkeypatch.setattr(spreadsheet_reader, "PROCESS_MIN_XML_BYTES", IN_PROCESS)
    here = read_workbook(path)
    monkeypatch.setattr(spreadsheet_reader, "PROCESS_MIN_XML_BYTES", HELPER)
    helper = read_workbook(path)
    assert [(g.name, g.rows, g.merged) for g in here.sheets] == [
        (g.name, g.rows, g.merged) for g in helper.sheets
    ]
    assert here.sheets[1].merged == ((0, 0, 0, 2),)
    special = helper.sheets[1].details.special(4, 3)  # scanned by the helper, same as here
    assert special is not None and special.text == "=SUM(A1:A2)"
    assert special == here.sheets[1].details.special(4, 3)


def test_a_helper_process_that_dies_leaves_the_rest_to_this_process(tmp_path, monkeypatch):
    """Killed (out of memory, an antivirus): the sheets it did not send are read here."""
    import os
    import signal

    monkeypatch.setattr(spreadsheet_reader, "PROCESS_MIN_XML_BYTES", HELPER)
    path = mixed_workbook(tmp_path / "混在.xlsx")
    got: list[str] = []

    def on_sheet(grid, names):
        got.append(grid.name)
        if len(got) == 2:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
                child.join()

    data = read_workbook(path, on_sheet=on_sheet)
    assert (
        got == [g.name for g in data.sheets] == ["記入例", "総務部", "人事部", "4月", "5月", "6月"]
    )
    assert data.sheets[-1].rows[2][3] == 140


def test_cancel_from_the_sheet_hook_stops_reading_and_leaves_no_process(tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheet_reader, "PROCESS_MIN_XML_BYTES", HELPER)
    path = mixed_workbook(tmp_path / "混在.xlsx")
    before = threading.active_count()
    got: list[str] = []

    def on_sheet(grid, names):
        got.append(grid.name)
        if len(got) == 2:
            raise ImportCancelled()

    with pytest.raises(ImportCancelled):
        read_workbook(path, on_sheet=on_sheet)
    assert got == ["記入例", "総務部"]
    assert threading.active_count() == before and multiprocessing.active_children() == []
    path.unlink()  # nothing holds the file open (Windows would refuse)


def test_a_damaged_sheet_part_is_named_when_read_by_the_helper(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setattr(spreadsheet_reader, "PROCESS_MIN_XML_BYTES", HELPER)
    good = mixed_workbook(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = data[: len(data) // 2]  # 人事部, cut in the middle
            dst.writestr(item, data)
    with pytest.raises(WorkbookUnreadable) as caught:
        read_workbook(bad)
    assert caught.value.sheet == "人事部"
