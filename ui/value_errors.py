"""Words for value-parsing problems (domain.parsing raises codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.model import Kpi
from domain.parsing import ParseProblem, ValueParseError


def parse_error_text(exc: ValueParseError, kpi: Kpi | None = None) -> str:
    text = exc.text
    problem = exc.problem
    unit = kpi.unit if kpi is not None else ""
    if problem == ParseProblem.UNIT_MISMATCH:
        return QCoreApplication.translate(
            "ValueErrors", "「{0}」: 単位がこの指標の単位「{1}」と違います。"
        ).format(text, unit)
    if problem == ParseProblem.EXCEL_ERROR:
        return QCoreApplication.translate(
            "ValueErrors", "「{0}」: Excelのエラー値です。数値を入力してください。"
        ).format(text)
    if problem == ParseProblem.NOT_FINITE:
        return QCoreApplication.translate(
            "ValueErrors", "「{0}」: 有限の数値ではありません。"
        ).format(text)
    if problem == getattr(ParseProblem, "OUT_OF_RANGE", None):
        return QCoreApplication.translate(
            "ValueErrors", "「{0}」: レベルは1〜5で入力してください。"
        ).format(text)
    return QCoreApplication.translate(
        "ValueErrors", "「{0}」: 数値として読み取れません（例: 12、1,234、95%、１２件）。"
    ).format(text)
