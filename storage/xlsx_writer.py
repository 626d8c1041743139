"""Writing the fiscal-year KPI workbook (domain.exporting.KpiExport) with openpyxl.

One sheet per department: 部署 and 年度 above a header row (KPI名, 単位, 方向, 集計, 年間目標,
区分, the twelve months as date cells, 累計, 達成率, 状況), one 実績 row per KPI and a 目標 row
under it when the KPI has monthly (step) targets. Values are written exactly as stored (a ``%``
KPI's 95.0 stays 95.0, shown as 95.0%), so the importer reads the file back to the same values.
Every text cell that starts with ``=``, ``+``, ``-`` or ``@`` is forced to text (never a
formula). The file is written to a temporary name and renamed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from domain.exporting import ExportDepartment, ExportRow, KpiExport
from domain.model import Aggregation, Direction, Status
from storage.atomic_file import write_atomically

STATUS_FILLS = {  # the entry grid's traffic-light colours
    Status.ACHIEVED: "C8E6C9",
    Status.CAUTION: "FFF3B0",
    Status.MISSED: "F8C4C4",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True, slots=True)
class ExportLabels:
    """The words of the workbook (the GUI may pass translated ones)."""

    title: str = "{year}年度　{department}　KPI実績"
    department: str = "部署"
    fiscal_year: str = "年度"
    headers: tuple[str, ...] = ("KPI名", "単位", "方向", "集計", "年間目標", "区分")
    month_format: str = 'yyyy"年"m"月"'
    ytd: str = "累計"
    achievement: str = "達成率"
    status: str = "状況"
    actual: str = "実績"
    target: str = "目標"
    directions: dict[Direction, str] = field(
        default_factory=lambda: {
            Direction.HIGHER: "大きいほど良い",
            Direction.LOWER: "小さいほど良い",
            Direction.RANGE: "範囲内",
        }
    )
    aggregations: dict[Aggregation, str] = field(
        default_factory=lambda: {
            Aggregation.SUM: "合計",
            Aggregation.AVERAGE: "平均",
            Aggregation.LAST: "最終値",
            Aggregation.MIN: "最小",
            Aggregation.MAX: "最大",
        }
    )
    statuses: dict[Status, str] = field(
        default_factory=lambda: {
            Status.ACHIEVED: "達成",
            Status.CAUTION: "注意",
            Status.MISSED: "未達",
            Status.NO_DATA: "—",
        }
    )


def put_text(cell: Any, value: str) -> None:
    """A text cell that Excel can never run: ``=1+2`` stays the text ``=1+2``."""
    cell.value = value
    if value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"
        cell.quotePrefix = True


def put_number(cell: Any, value: float, number_format: str) -> None:
    """A number written with all its digits: openpyxl writes ``%.16g``, which turns
    26.599999999999998 into 26.6; such values go out as their shortest exact repr instead."""
    cell.value = value
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        cell.value = repr(value)
        cell.data_type = "n"
    cell.number_format = number_format


def _number_format(row: ExportRow) -> str:
    body = "#,##0" + ("." + "0" * row.decimals if row.decimals > 0 else "")
    return body + '"%"' if row.unit.strip() in ("%", "％") else body


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'").strip() or "Sheet"
    base = base[:31]
    title = base
    n = 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.casefold())
    return title


def _write_sheet(ws: Any, export: KpiExport, dept: ExportDepartment, labels: ExportLabels) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    put_text(ws.cell(1, 1), labels.title.format(year=export.fiscal_year, department=dept.name))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    put_text(ws.cell(2, 1), labels.department)
    put_text(ws.cell(2, 2), dept.name)
    put_text(ws.cell(3, 1), labels.fiscal_year)
    ws.cell(3, 2, export.fiscal_year)
    header_row = 5
    headers = list(labels.headers)
    first_month = len(headers) + 1
    for c, text in enumerate(headers, 1):
        put_text(ws.cell(header_row, c), text)
    for i, month in enumerate(export.months):
        cell = ws.cell(header_row, first_month + i, datetime(month.year, month.month, 1))
        cell.number_format = labels.month_format
    tail = first_month + len(export.months)
    for offset, text in enumerate((labels.ytd, labels.achievement, labels.status)):
        put_text(ws.cell(header_row, tail + offset), text)
    for c in range(1, tail + 3):
        ws.cell(header_row, c).font = bold
        ws.cell(header_row, c).alignment = Alignment(horizontal="center", wrap_text=True)
    r = header_row + 1
    for row in dept.rows:
        fmt = _number_format(row)
        series = [(labels.actual, row.actuals)]
        if row.step_targets is not None:
            series.append((labels.target, row.step_targets))
        for kind, values in series:
            put_text(ws.cell(r, 1), row.name)
            if row.unit:
                put_text(ws.cell(r, 2), row.unit)
            put_text(ws.cell(r, 3), labels.directions[row.direction])
            put_text(ws.cell(r, 4), labels.aggregations[row.aggregation])
            if row.annual_target is not None:
                put_number(ws.cell(r, 5), row.annual_target, fmt)
            put_text(ws.cell(r, 6), kind)
            for i, value in enumerate(values):
                if value is not None:
                    put_number(ws.cell(r, first_month + i), value, fmt)
            if kind == labels.actual:
                if row.ytd is not None:
                    put_number(ws.cell(r, tail), row.ytd, fmt)
                if row.achievement is not None:
                    put_number(ws.cell(r, tail + 1), row.achievement, "0.0%")
                put_text(ws.cell(r, tail + 2), labels.statuses[row.status])
                colour = STATUS_FILLS.get(row.status)
                if colour:
                    fill = PatternFill("solid", fgColor=colour)
                    ws.cell(r, tail + 1).fill = fill
                    ws.cell(r, tail + 2).fill = fill
            r += 1
    _fit_columns(ws, header_row, tail + 2, range(first_month, tail))
    ws.freeze_panes = ws.cell(header_row + 1, first_month)


# Column widths in Excel's units (the width of a digit): a full-width character takes two. A
# date that does not fit its column shows as ######## in Excel, so month columns get room for
# 「2025年12月」 whatever their values.
_MONTH_WIDTH = 12
_MIN_WIDTH, _MAX_WIDTH = 6, 50


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _shown(value: float, number_format: str) -> str:
    """About what Excel shows for ``value`` in ``number_format`` (#,##0.0, 0.0%, …)."""
    places = len(number_format.split(".", 1)[1].split('"')[0]) if "." in number_format else 0
    if number_format.endswith("%") and not number_format.endswith('"%"'):
        return f"{value * 100:,.{places}f}%"
    return f"{value:,.{places}f}" + ("%" if number_format.endswith('"%"') else "")


def _fit_columns(ws: Any, header_row: int, last_col: int, months: range) -> None:
    """Each column as wide as its widest cell from the header row down (the title above spans
    the row), so that no name is cut off and no number or date turns into ########."""
    from openpyxl.utils import get_column_letter

    widths = dict.fromkeys(range(1, last_col + 1), _MIN_WIDTH)
    for row in ws.iter_rows(min_row=header_row, max_col=last_col):
        for cell in row:
            value = cell.value
            if value is None or isinstance(value, datetime):
                continue
            if isinstance(value, str) and cell.data_type == "n":
                value = float(value)  # put_number's exact repr of a float
            text = _shown(value, cell.number_format) if isinstance(value, float | int) else value
            text = str(text)
            widths[cell.column] = max(widths[cell.column], _text_width(text) + 2)
    for col, width in widths.items():
        if col in months:
            width = max(width, _MONTH_WIDTH)
        ws.column_dimensions[get_column_letter(col)].width = min(width, _MAX_WIDTH)


def write_kpi_workbook(
    export: KpiExport, path: str | Path, labels: ExportLabels | None = None
) -> Path:
    """Write ``export`` to ``path`` (.xlsx) through a temporary file; returns the path."""
    from openpyxl import Workbook

    labels = labels or ExportLabels()

    def write(temp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        used: set[str] = set()
        for dept in export.departments:
            _write_sheet(wb.create_sheet(sheet_title(dept.name, used)), export, dept, labels)
        if not export.departments:
            wb.create_sheet("KPI")
        wb.save(temp)

    return write_atomically(Path(path), write)
