"""Sheets are parsed two at a time and each is analysed as soon as it arrives: the result must be
exactly what reading everything first and analysing afterwards gives, for every layout mix —
including a run of month sheets, whose year comes from the first month sheet's rows."""

from __future__ import annotations

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


@pytest.mark.parametrize("threads", [1, 2])
def test_streamed_analysis_equals_reading_first_then_analysing(tmp_path, monkeypatch, threads):
    monkeypatch.setattr(spreadsheet_reader, "PARSE_THREADS", threads)
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


def test_parallel_reading_gives_the_same_cells_as_one_by_one(tmp_path, monkeypatch):
    path = mixed_workbook(tmp_path / "混在.xlsx")
    monkeypatch.setattr(spreadsheet_reader, "PARSE_THREADS", 1)
    one = read_workbook(path)
    monkeypatch.setattr(spreadsheet_reader, "PARSE_THREADS", 2)
    two = read_workbook(path)
    assert [(g.name, g.rows, g.merged) for g in one.sheets] == [
        (g.name, g.rows, g.merged) for g in two.sheets
    ]


def test_cancel_from_the_sheet_hook_stops_reading_and_leaves_no_thread(tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheet_reader, "PARSE_THREADS", 2)
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
    assert threading.active_count() == before
    path.unlink()  # nothing holds the file open (Windows would refuse)


def test_a_damaged_sheet_part_is_named_when_read_in_parallel(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setattr(spreadsheet_reader, "PARSE_THREADS", 2)
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
