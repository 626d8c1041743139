"""Month labels in header cells and the calendar months they name once a year is known.

:func:`month_label` reads one header cell (``4月``, ``４月``, ``2025年4月``, ``2025/4``,
``2025-04``, a date cell, ``R7.4``, ``令和7年4月``, ``Apr-25``, ``4月実績`` …). A label either has
a year (:attr:`MonthLabel.month` set) or is a bare month (:attr:`MonthLabel.bare`).
:func:`resolve_sequence` turns a left-to-right (or top-to-bottom) sequence of labels into calendar
months: explicit years win, bare months roll over after December, and the first bare month takes
its year from the context (a 年度 label, a year row, the file name) — see :class:`YearHint`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from domain.fiscal import YearMonth
from domain.importing.cells import text_key
from domain.importing.vocabulary import SeriesWord, split_series_affix
from domain.months import (
    month_in_fiscal_year,
    parse_bare_month,
    parse_fiscal_year_label,
    parse_month_label,
    parse_year_label,
)


@dataclass(frozen=True, slots=True)
class MonthLabel:
    month: YearMonth | None = None  # with a year
    bare: int | None = None  # 1–12, year unknown
    series: SeriesWord | None = None  # 4月実績 → ACTUAL
    numeric: bool = False  # read from a number cell (4, 202504, 45748): needs a run to count

    @property
    def number(self) -> int:
        return self.month.month if self.month is not None else int(self.bare or 0)


_MONTHISH = re.compile(r"[月年/\-_.]|^[a-z]{3}|^[rhs令平昭]\d|^\d{5,6}$|^fy")
_MONTH_IN_TEXT = re.compile(r"(?:(?P<y>\d{4})\s*[年_\-/.]\s*)?(?P<m>\d{1,2})\s*月")
_YEAR_MONTH_IN_TEXT = re.compile(r"(?P<y>\d{4})[_\-/.](?P<m>\d{1,2})(?!\d)")


def _text_label(key: str, *, excel_serial: bool) -> MonthLabel | None:
    if not _MONTHISH.search(key):
        return None
    bare = parse_bare_month(key)
    if bare is not None:
        return MonthLabel(bare=bare)
    month = parse_month_label(key, excel_serial=excel_serial)
    if month is not None:
        return MonthLabel(month=month)
    core, series = split_series_affix(key)
    if series is not None and core != key:
        inner = _text_label(core, excel_serial=excel_serial)
        if inner is not None and inner.series is None:
            return MonthLabel(inner.month, inner.bare, series)
    return None


def month_label(value: object, *, numbers: bool = False) -> MonthLabel | None:
    """The month a header cell names, or None. Number cells count only with ``numbers=True``
    (1–12, ``yyyymm``, Excel serial days), because data rows are full of small numbers."""
    if isinstance(value, datetime | date):
        return MonthLabel(month=YearMonth(value.year, value.month))
    if isinstance(value, str):
        return _str_label(value, numbers)
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or not float(value).is_integer():
            return None
        number = int(value)
        if 1 <= number <= 12:
            return MonthLabel(bare=number, numeric=True)
        month = parse_month_label(number, excel_serial=20000 <= number <= 80000)
        return None if month is None else MonthLabel(month=month, numeric=True)
    return None


@lru_cache(maxsize=8192)
def _str_label(value: str, numbers: bool) -> MonthLabel | None:
    """month_label of a text cell; remembered, since a workbook repeats its header labels on
    every sheet and the header search reads each candidate row's cells."""
    key = text_key(value)
    if not key or len(key) > 24:
        return None
    if key.isascii() and key.isdigit():
        if not numbers:
            return None
        number = int(key)
        if 1 <= number <= 12:
            return MonthLabel(bare=number, numeric=True)
        month = parse_month_label(key, excel_serial=len(key) == 5)
        return None if month is None else MonthLabel(month=month, numeric=True)
    return _text_label(key, excel_serial=numbers)


def month_in_text(text: str) -> MonthLabel | None:
    """A month mentioned inside a longer text: a sheet name ``定量評価シート_1月``, ``2025_10``,
    a title ``2026年5月 個人数字``, a 表示期間 cell."""
    key = text_key(text)
    whole = month_label(text)
    if whole is not None:
        return whole
    match = _MONTH_IN_TEXT.search(key)
    if match and 1 <= int(match["m"]) <= 12:
        if match["y"]:
            return MonthLabel(month=YearMonth(int(match["y"]), int(match["m"])))
        return MonthLabel(bare=int(match["m"]))
    match = _YEAR_MONTH_IN_TEXT.search(key)
    if match and 1 <= int(match["m"]) <= 12 and 1900 <= int(match["y"]) <= 2999:
        return MonthLabel(month=YearMonth(int(match["y"]), int(match["m"])))
    return None


# --------------------------------------------------------------------------- years


@dataclass(frozen=True, slots=True)
class YearHint:
    """A year found near a table: ``fiscal`` for 年度/FY labels (the year a fiscal year starts in),
    else a calendar year (``平成30年`` over ``1月``…``12月``)."""

    year: int
    fiscal: bool
    source: str = ""  # "cell:A1", "sheet", "file", "period", "override" …
    start_month: int | None = None  # from a period text (2026/5 〜 2027/4)


_FY_IN_TEXT = re.compile(
    r"(?P<y>\d{4})\s*年度|(?P<era>令和|平成|r|h)\s*(?P<ey>\d{1,2}|元)\s*年度|fy\s*(?P<fy>\d{4}|\d{2})(?!\d)"
)
_ERA_TOKEN = re.compile(r"(?<![a-z0-9])(?P<era>r|h)(?P<ey>\d{1,2})(?![0-9])")
_YEAR_TOKEN = re.compile(r"(?<![0-9])(?P<y>20\d{2})(?![0-9])")
_PERIOD = re.compile(
    r"(?P<y1>\d{4})\s*[/年.\-]\s*(?P<m1>\d{1,2})\s*月?(?:[/.\-]?\d{1,2}日?)?[^0-9]{0,6}?"
    r"[~〜～\-ー―]\s*(?P<y2>\d{4})\s*[/年.\-]\s*(?P<m2>\d{1,2})"
)
# 2025年3月期 / 2026年3月期決算: the fiscal year that ENDS in that month (決算期)
_CLOSING = re.compile(r"(?<!\d)(?P<y>\d{4})年(?P<m>\d{1,2})月期")
_ERA_BASE = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988}
# 令和6年10月 / R6.10 / H31/4 inside a period text, rewritten with a western year
_ERA_IN_PERIOD = re.compile(
    r"(?P<era>令和|平成|(?<![a-z])r|(?<![a-z])h)(?P<ey>\d{1,2}|元)(?=[年/.\-])"
)


def _era_year(era: str, ey: str) -> int:
    return _ERA_BASE[era] + (1 if ey == "元" else int(ey))


def _western_years(key: str) -> str:
    return _ERA_IN_PERIOD.sub(lambda m: str(_era_year(m["era"], m["ey"])), key)


def fiscal_year_in_text(text: str, *, loose: bool = False) -> YearHint | None:
    """A fiscal year mentioned in a title, sheet name or file name: ``2025年度``, ``令和7年度``,
    ``FY26``; a period ``2026/5 〜 2027/4`` (fiscal year 2026 starting in May). With
    ``loose=True`` (file and sheet names) also ``R6_monthly`` (令和6年度) and a bare ``2025``."""
    key = text_key(text)
    if not key:
        return None
    if match := _PERIOD.search(_western_years(key)):
        y1, m1 = int(match["y1"]), int(match["m1"])
        if 1 <= m1 <= 12 and 1900 <= y1 <= 2999:
            return YearHint(y1, True, "period", m1)
    if match := _CLOSING.search(key):
        y, m = int(match["y"]), int(match["m"])
        if 1 <= m <= 12 and 1900 <= y <= 2999:
            start = m % 12 + 1
            return YearHint(y if start == 1 else y - 1, True, "period", start)
    if match := _FY_IN_TEXT.search(key):
        if match["y"]:
            return YearHint(int(match["y"]), True)
        if match["era"]:
            return YearHint(_era_year(match["era"], match["ey"]), True)
        digits = match["fy"]
        return YearHint(int(digits) if len(digits) == 4 else 2000 + int(digits), True)
    if not loose:
        return None
    if match := _ERA_TOKEN.search(key):
        era_year = int(match["ey"])
        if match["era"] == "r" or era_year >= 10:
            return YearHint(_era_year(match["era"], match["ey"]), True)
    if match := _YEAR_TOKEN.search(key):
        return YearHint(int(match["y"]), True)
    return None


def year_cell(value: object) -> YearHint | None:
    """A cell that is only a year: ``2025年度``/``FY2025`` (fiscal), ``平成30年``/``2025年``
    (calendar), ``2025`` (a bare number counts as a fiscal year, as in a ``年度 | 2025`` row)."""
    if isinstance(value, str):
        key = text_key(value)
        if not key or len(key) > 12:
            return None
        if "年度" in key or key.startswith("fy"):
            year = parse_fiscal_year_label(key)
            return None if year is None else YearHint(year, True)
        year = parse_year_label(key)
        if year is None:
            return None
        return YearHint(year, not key.endswith("年"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and float(value).is_integer() and 1990 <= value <= 2100:
            return YearHint(int(value), True)
    return None


# --------------------------------------------------------------------------- sequences


def _roll_forward(previous: YearMonth, number: int) -> YearMonth:
    year = previous.year if number >= previous.month else previous.year + 1
    return YearMonth(year, number)


def _roll_back(following: YearMonth, number: int) -> YearMonth:
    year = following.year if number <= following.month else following.year - 1
    return YearMonth(year, number)


def sequence_start(labels: Sequence[MonthLabel | None]) -> int | None:
    """The fiscal-year start a run of bare months suggests: its first month when the run covers at
    least six months (a sheet that starts its year there), else None. Months with a year count
    in a run that also has bare ones (``2025年4月, 5月 … 12月, 2026年1月, 2月, 3月`` starts in
    April); a run with years on every month says nothing about the fiscal year."""
    if not any(label is not None and label.bare is not None for label in labels):
        return None
    numbers = [
        label.number
        for label in labels
        if label is not None and (label.bare is not None or label.month is not None)
    ]
    if len(set(numbers)) >= 6:
        return numbers[0]
    return None


def resolve_sequence(
    labels: Sequence[MonthLabel | None],
    *,
    hint: YearHint | None,
    start_month: int,
    hints: Sequence[YearHint | None] | None = None,
) -> list[YearMonth | None]:
    """Calendar months for a sequence of labels in reading order (None stays None).

    Explicit years win. Bare months after an explicit or resolved month roll over after December
    (``11月, 12月, 1月`` → the next year); bare months before the first explicit one roll back
    from it. ``hints`` gives a per-position year (the year row above the months, propagated
    left to right). Otherwise the first bare month gets its year from ``hint``: a calendar year
    as it is, a fiscal year via :func:`month_in_fiscal_year` with ``start_month``. With neither,
    bare months stay None.
    """
    out: list[YearMonth | None] = [label.month if label else None for label in labels]
    group_start: dict[tuple[int, bool], int] = {}
    if hints is not None:
        for i, label in enumerate(labels):
            row_hint = hints[i] if i < len(hints) else None
            if label is None or label.bare is None or row_hint is None:
                continue
            if not row_hint.fiscal:
                out[i] = YearMonth(row_hint.year, label.bare)
                continue
            key = (row_hint.year, True)
            # a 年度 column beside a 月 column: rows in any order, the year starts at the start
            first = (
                start_month
                if row_hint.source == "column"
                else group_start.setdefault(key, label.bare)
            )
            out[i] = month_in_fiscal_year(label.bare, row_hint.year, first)
    first_known = next((i for i, m in enumerate(out) if m is not None), None)
    if first_known is None:
        first_bare = next((i for i, lb in enumerate(labels) if lb and lb.bare is not None), None)
        if first_bare is None or hint is None:
            return out
        number = int(labels[first_bare].bare)  # type: ignore[union-attr, arg-type]
        if hint.fiscal:
            out[first_bare] = month_in_fiscal_year(number, hint.year, start_month)
        else:
            out[first_bare] = YearMonth(hint.year, number)
        first_known = first_bare
    following = out[first_known]
    for i in range(first_known - 1, -1, -1):
        label = labels[i]
        if label is not None and label.bare is not None and following is not None:
            out[i] = _roll_back(following, label.bare)
            following = out[i]
    previous = out[first_known]
    for i in range(first_known + 1, len(labels)):
        label = labels[i]
        if label is None:
            continue
        if out[i] is None and label.bare is not None and previous is not None:
            out[i] = _roll_forward(previous, label.bare)
        if out[i] is not None:
            previous = out[i]
    return out


def default_fiscal_year(today: date, start_month: int) -> int:
    return today.year if today.month >= start_month else today.year - 1


def hours_of(value: time | timedelta) -> float:
    """A time-of-day or duration cell (``1:30``) as hours (1.5)."""
    if isinstance(value, timedelta):
        return value.total_seconds() / 3600
    return value.hour + value.minute / 60 + value.second / 3600
