"""Words printed on the appraisal PDFs (a Japanese business form) and the common table style."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Table, TableStyle

from domain.appraisal_model import AdjustmentKind, InterviewKind, Stage
from storage.pdf_common import GRID, HEADER_BG

STAGE_LABELS = {
    Stage.DRAFT: "下書き",
    Stage.SELF_DONE: "自己評価済",
    Stage.FIRST_DONE: "一次評価済",
    Stage.SECOND_DONE: "二次評価済",
    Stage.FINAL: "確定",
}
INTERVIEW_LABELS = {
    InterviewKind.START: "期首",
    InterviewKind.MID: "中間",
    InterviewKind.END: "期末",
}
ADJUSTMENT_LABELS = {AdjustmentKind.BONUS: "加点", AdjustmentKind.PENALTY: "減点"}
NONE_TEXT = "なし"
UNSCORED = "未評価"


def make_table(
    data: list[list[Any]],
    widths: Sequence[float],
    style: list[tuple[Any, ...]],
    *,
    header_rows: int = 1,
    split_in_row: bool = False,
) -> Table:
    base = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        base.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG))
    table = Table(
        data,
        colWidths=list(widths),
        repeatRows=header_rows,
        splitByRow=1,
        splitInRow=1 if split_in_row else 0,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(base + style))
    return table
