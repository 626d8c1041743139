"""The exported workbook as it opens in Excel: every column wide enough for what it holds — a
month header (a date cell) that does not fit shows as ########, a cut name is unreadable."""

from __future__ import annotations

import unicodedata
from datetime import date

import openpyxl

from domain import services
from domain.exporting import build_export
from domain.fiscal import YearMonth
from domain.model import CellEdit, Direction, Kpi, Series
from storage.xlsx_writer import write_kpi_workbook


def width_of(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def test_columns_fit_names_directions_numbers_and_month_dates(tmp_path, uow_factory, company):
    dept = services.add_department(uow_factory(), name="経理財務部", mission="正確で速い決算")
    name = "経費精算の差戻し率（部門別・月次集計）"
    kpi = services.save_kpi(
        uow_factory(),
        Kpi(0, dept.id, name, unit="円", direction=Direction.LOWER, annual_target=12_345_678,
            rationale="手戻りを減らす"),
    )  # fmt: skip
    edits = [
        CellEdit(kpi.id, YearMonth(2025, 4), Series.ACTUAL, 1_234_567.0),
        CellEdit(kpi.id, YearMonth(2025, 5), Series.ACTUAL, 0.1 + 0.2),  # written as its repr
    ]
    services.apply_edits(uow_factory(), edits, user="u")
    export = build_export(uow_factory(), fiscal_year=2025, today=date(2025, 6, 1))
    path = write_kpi_workbook(export, tmp_path / "KPI.xlsx")
    ws = openpyxl.load_workbook(path)["経理財務部"]
    widths = {c: ws.column_dimensions[c].width for c in "ABCEGHRS"}
    assert widths["H"] == 12  # shown as 0 (no decimals), not measured as 0.30000000000000004
    assert widths["A"] >= width_of(name)
    assert widths["C"] >= width_of("小さいほど良い")
    assert widths["E"] >= len("12,345,678")
    assert widths["G"] >= len("1,234,567") and widths["G"] >= width_of("2025年12月")
    assert widths["R"] >= width_of("2025年12月")  # a month without values still fits its date
    assert max(widths.values()) <= 50
    assert ws["G5"].number_format == 'yyyy"年"m"月"' and ws["G6"].value == 1_234_567
