"""Tables whose periods are not one month label per cell: a long table whose month is written
in two columns, 年度 (or 年) and 月 (``2025 | 4``), as systems export it
(``年度,月,部門,指標,実績値,目標値``); and a table of quarters only (第1四半期 … 第4四半期), which
has figures but no month to key them by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.importing.cells import is_blank, text_key
from domain.importing.month_labels import MonthLabel, YearHint, month_label, year_cell
from domain.importing.vocabulary import is_quarter_label

_MONTH_HEADERS = {"月", "対象月", "月度", "実績月", "集計月", "month"}
_FISCAL_HEADERS = {"年度", "対象年度", "会計年度", "事業年度", "評価年度", "fy", "fiscalyear"}
_CALENDAR_HEADERS = {"年", "対象年", "暦年", "year"}
_SCAN = 40
_MIN_ROWS = 2


@dataclass(frozen=True, slots=True)
class SplitMonths:
    header_row: int
    month_col: int
    year_col: int
    labels: dict[int, MonthLabel]  # row → bare month
    hints: dict[int, YearHint]  # row → its year (source "column": fiscal years use the start)


def _bare_month(value: object) -> int | None:
    label = month_label(value, numbers=True)
    return None if label is None or label.bare is None else label.bare


def split_month_columns(rows: Sequence[Sequence[object]]) -> SplitMonths | None:
    """The 年度 / 月 column pair of a header row in the first rows, with at least two data rows
    holding a year and a month 1–12 (4 or 4月) below it; None when there is none."""
    for h in range(min(_SCAN, len(rows))):
        keys = [text_key(v).rstrip(":：") for v in rows[h]]
        month_col = next((c for c, k in enumerate(keys) if k in _MONTH_HEADERS), None)
        year_col = next(
            (c for c, k in enumerate(keys) if k in _FISCAL_HEADERS or k in _CALENDAR_HEADERS),
            None,
        )
        if month_col is None or year_col is None:
            continue
        fiscal = keys[year_col] in _FISCAL_HEADERS
        labels: dict[int, MonthLabel] = {}
        hints: dict[int, YearHint] = {}
        for r in range(h + 1, len(rows)):
            row = rows[r]
            month = _bare_month(row[month_col]) if month_col < len(row) else None
            year = year_cell(row[year_col]) if year_col < len(row) else None
            if month is None or year is None:
                continue
            labels[r] = MonthLabel(bare=month)
            hints[r] = YearHint(year.year, fiscal, "column")
        if len(labels) >= _MIN_ROWS:
            return SplitMonths(h, month_col, year_col, labels, hints)
    return None


def quarter_table(rows: Sequence[Sequence[object]]) -> bool:
    """A header row of two or more quarter labels (第1四半期, 1Q, Q2 …) in the first rows with a
    figure under one of them: a table of figures the importer cannot key by month."""
    for h in range(min(_SCAN, len(rows))):
        cols = [c for c, v in enumerate(rows[h]) if is_quarter_label(text_key(v))]
        if len(cols) < 2:
            continue
        for row in rows[h + 1 : h + 1 + 300]:
            for c in cols:
                value = row[c] if c < len(row) else None
                if not is_blank(value) and not isinstance(value, str | bool):
                    return True
                if isinstance(value, str) and value.strip()[:1].isdigit():
                    return True
    return False
