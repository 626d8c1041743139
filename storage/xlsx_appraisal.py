"""Excel export of the period overview (評価結果一覧) with openpyxl (imported lazily).

Text cells that start with ``= + - @`` are forced to text so Excel never runs them as formulas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from domain.appraisal_model import Stage
from domain.appraisal_report import PeriodOverview
from storage.atomic_file import write_atomically

STAGE_LABELS = {
    Stage.DRAFT: "下書き",
    Stage.SELF_DONE: "自己評価済",
    Stage.FIRST_DONE: "一次評価済",
    Stage.SECOND_DONE: "二次評価済",
    Stage.FINAL: "確定",
}
HEADERS = (
    "社員番号",
    "氏名",
    "所属",
    "役職",
    "等級",
    "一次評価者",
    "二次評価者",
    "状態",
    "合計点",
    "評語",
)
_FORMULA_STARTS = ("=", "+", "-", "@")


def _put(cell: Any, value: object) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"  # text, never a formula


def write_overview_xlsx(overview: PeriodOverview, target: Path) -> Path:
    """Write the overview as ``target`` (.xlsx): a sheet 評価結果一覧 and a sheet 評語分布.
    Written to a temporary name, then renamed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    def write(temp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = "評価結果一覧"
        _put(ws.cell(1, 1), f"{overview.period.name} 評価結果一覧")
        ws.cell(1, 1).font = Font(bold=True, size=13)
        _put(ws.cell(2, 1), overview.company_name)
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="E6EDF4")
        for col, header in enumerate(HEADERS, start=1):
            cell = ws.cell(4, col)
            _put(cell, header)
            cell.font = bold
            cell.fill = fill
        for r, row in enumerate(overview.rows, start=5):
            values = (
                row.employee_no,
                row.name,
                row.department_name,
                row.title,
                row.grade_level,
                row.first_evaluator,
                row.second_evaluator,
                STAGE_LABELS[row.stage],
                row.points,
                row.grade or "",
            )
            for col, value in enumerate(values, start=1):
                _put(ws.cell(r, col), value)
            ws.cell(r, 9).number_format = "0.0"
        for col, width in zip("ABCDEFGHIJ", (10, 14, 14, 10, 8, 14, 14, 11, 9, 7), strict=True):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A5"
        dist = wb.create_sheet("評語分布")
        _put(dist.cell(1, 1), "評語")
        _put(dist.cell(1, 2), "人数")
        for r, (grade, count) in enumerate(overview.distribution, start=2):
            _put(dist.cell(r, 1), grade)
            dist.cell(r, 2).value = count
        _put(dist.cell(len(overview.distribution) + 2, 1), "未評価")
        dist.cell(len(overview.distribution) + 2, 2).value = overview.unscored
        wb.save(temp)

    return write_atomically(target, write)
