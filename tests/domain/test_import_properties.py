"""Properties of the importer's parsers and of the whole sheet analysis: they never crash on any
cell or grid, and never turn text without digits into a number."""

from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.fiscal import YearMonth
from domain.importing.analysis import SheetInput, analyse_sheet
from domain.importing.cells import NO_DETAILS, SheetGrid
from domain.importing.month_labels import (
    MonthLabel,
    fiscal_year_in_text,
    month_in_text,
    month_label,
    resolve_sequence,
    year_cell,
)
from domain.importing.values import RawCell, read_cell

WORDS = [
    "4月",
    "４月",
    "2025年4月",
    "2025/4",
    "2025-04",
    "R7.4",
    "令和7年4月",
    "Apr-25",
    "上期計",
    "合計",
    "達成率",
    "KPI名",
    "指標",
    "単位",
    "目標",
    "実績",
    "区分",
    "部署",
    "担当者",
    "年度",
    "2025年度",
    "件",
    "%",
    "-",
    "―",
    "…",
    "N/A",
    "131件",
    "▲1,000",
    "(1,000)",
    "95%",
    "１２",
    "#DIV/0!",
    "",
    "総務部",
    "※注記",
    "平成30年",
    "12月",
    "1月",
    "見込",
    "予算",
    "備考",
]
cells = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.text(max_size=8),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.times(),
)
DIGITS = set("0123456789")


def has_digit(text: str) -> bool:
    return any(ch in DIGITS for ch in unicodedata.normalize("NFKC", text)) or any(
        unicodedata.digit(ch, None) is not None for ch in text
    )


@given(cells)
def test_month_label_never_raises_and_stays_in_range(value):
    for numbers in (False, True):
        label = month_label(value, numbers=numbers)
        assert label is None or 1 <= label.number <= 12


@given(st.text(max_size=30))
def test_text_helpers_never_raise(text):
    month_in_text(text)
    year_cell(text)
    hint = fiscal_year_in_text(text, loose=True)
    assert hint is None or 1900 <= hint.year <= 2999


@given(st.text(max_size=16), st.sampled_from(["", "件", "%", "円", "千円", "h", "日"]))
def test_text_without_digits_never_becomes_a_number(text, unit):
    reading = read_cell(RawCell(0, 0, text), unit, NO_DETAILS, fractions=False, bounds=True)
    if reading.value is not None:
        assert has_digit(text), (text, reading)
        assert math.isfinite(reading.value)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_numbers_written_as_text_read_back_exactly(x):
    plain = format(Decimal(repr(x)), "f")  # no exponent: 1.2E+05 is refused on purpose
    assert read_cell(RawCell(0, 0, plain), "", NO_DETAILS, fractions=False).value == x + 0.0
    whole = round(x)
    assert read_cell(RawCell(0, 0, f"{whole:,}"), "", NO_DETAILS, fractions=False).value == float(
        whole
    )


@given(cells, st.sampled_from(["", "件", "%", "分"]), st.booleans())
def test_read_cell_never_raises(value, unit, fractions):
    reading = read_cell(RawCell(1, 2, value), unit, NO_DETAILS, fractions=fractions)
    assert reading.value is None or math.isfinite(reading.value)
    assert reading.value is None or reading.problem is None


@given(st.integers(1, 12), st.integers(1, 36), st.integers(1990, 2090), st.integers(1, 12))
def test_a_run_of_bare_months_resolves_to_consecutive_months(first, length, year, start):
    labels = [MonthLabel(bare=(first - 1 + i) % 12 + 1) for i in range(length)]
    from domain.importing.month_labels import YearHint

    months = resolve_sequence(labels, hint=YearHint(year, True), start_month=start)
    assert all(isinstance(m, YearMonth) for m in months)
    assert all(a.add(1) == b for a, b in zip(months, months[1:], strict=False))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, max_size=8), max_size=12))
def test_analysing_any_grid_never_crashes(rows):
    grid = SheetGrid("シート", rows)
    analysis = analyse_sheet(grid, SheetInput(file_name="f.xlsx", today=date(2026, 1, 1)))
    for kpi in analysis.kpis:
        assert kpi.name
        assert all(math.isfinite(v) for v in (*kpi.actuals.values(), *kpi.targets.values()))
    for problem in analysis.problems:
        assert problem.cell and problem.sheet == "シート"


def test_time_cells_are_hours():
    assert read_cell(RawCell(0, 0, time(1, 30)), "", NO_DETAILS, fractions=False).value == 1.5


@pytest.mark.parametrize("value", [1.797693134862316e306, "9" * 400])
def test_a_huge_number_in_a_percent_column_is_a_problem_not_infinity(value):
    reading = read_cell(RawCell(1, 2, value), "%", NO_DETAILS, fractions=True)
    assert reading.value is None and reading.problem is not None
