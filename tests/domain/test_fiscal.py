"""Fiscal calendar: any start month, 上期/下期, quarters, rollover past December."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.fiscal import (
    Half,
    InvalidMonth,
    YearMonth,
    fiscal_index,
    fiscal_months,
    fiscal_year_of,
    half_months,
    half_of,
    quarter_months,
    quarter_of,
)

YM = YearMonth


@pytest.mark.parametrize(
    ("fiscal_year", "start", "first", "last"),
    [
        (2025, 4, YM(2025, 4), YM(2026, 3)),
        (2025, 1, YM(2025, 1), YM(2025, 12)),
        (2025, 5, YM(2025, 5), YM(2026, 4)),
        (2025, 6, YM(2025, 6), YM(2026, 5)),
        (2025, 7, YM(2025, 7), YM(2026, 6)),
        (2012, 10, YM(2012, 10), YM(2013, 9)),
        (2025, 12, YM(2025, 12), YM(2026, 11)),
    ],
)
def test_fiscal_months_start_and_end(fiscal_year, start, first, last):
    months = fiscal_months(fiscal_year, start)
    assert len(months) == 12
    assert months[0] == first
    assert months[-1] == last


def test_april_year_rolls_into_next_calendar_year_after_december():
    months = fiscal_months(2025, 4)
    assert [str(m) for m in months[8:11]] == ["2025-12", "2026-01", "2026-02"]


@pytest.mark.parametrize(
    ("month", "start", "expected"),
    [
        (YM(2025, 4), 4, 2025),
        (YM(2026, 3), 4, 2025),
        (YM(2026, 4), 4, 2026),
        (YM(2025, 12), 4, 2025),
        (YM(2025, 1), 1, 2025),
        (YM(2025, 12), 1, 2025),
        (YM(2025, 9), 10, 2024),
        (YM(2025, 10), 10, 2025),
        (YM(2026, 4), 5, 2025),
        (YM(2026, 5), 5, 2026),
    ],
)
def test_fiscal_year_of(month, start, expected):
    assert fiscal_year_of(month, start) == expected


@pytest.mark.parametrize(
    ("month", "start", "half", "quarter"),
    [
        (YM(2025, 4), 4, Half.FIRST, 1),
        (YM(2025, 6), 4, Half.FIRST, 1),
        (YM(2025, 7), 4, Half.FIRST, 2),
        (YM(2025, 9), 4, Half.FIRST, 2),
        (YM(2025, 10), 4, Half.SECOND, 3),
        (YM(2026, 1), 4, Half.SECOND, 4),
        (YM(2026, 3), 4, Half.SECOND, 4),
        (YM(2025, 7), 7, Half.FIRST, 1),  # 人件費ローデータ: 上期 = 7〜12月
        (YM(2025, 12), 7, Half.FIRST, 2),
        (YM(2026, 1), 7, Half.SECOND, 3),
        (YM(2026, 6), 7, Half.SECOND, 4),
        (YM(2025, 1), 1, Half.FIRST, 1),
        (YM(2025, 6), 1, Half.FIRST, 2),
        (YM(2025, 7), 1, Half.SECOND, 3),
        (YM(2025, 12), 1, Half.SECOND, 4),
        (YM(2025, 3), 10, Half.FIRST, 2),
        (YM(2025, 4), 10, Half.SECOND, 3),
    ],
)
def test_half_and_quarter(month, start, half, quarter):
    assert half_of(month, start) is half
    assert quarter_of(month, start) == quarter


def test_half_months_and_quarter_months_april():
    assert [m.month for m in half_months(2025, Half.FIRST)] == [4, 5, 6, 7, 8, 9]
    assert half_months(2025, Half.SECOND)[-1] == YM(2026, 3)
    assert quarter_months(2025, 4) == (YM(2026, 1), YM(2026, 2), YM(2026, 3))
    assert quarter_months(2025, 3, start_month=10) == (YM(2026, 4), YM(2026, 5), YM(2026, 6))


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_bad_start_month_is_rejected(bad):
    with pytest.raises(InvalidMonth):
        fiscal_months(2025, bad)
    with pytest.raises(InvalidMonth):
        fiscal_year_of(YM(2025, 4), bad)


@pytest.mark.parametrize("bad", [0, 5])
def test_bad_quarter_is_rejected(bad):
    with pytest.raises(ValueError):
        quarter_months(2025, bad)


def test_year_month_arithmetic():
    assert YM(2025, 12).add(1) == YM(2026, 1)
    assert YM(2025, 1).add(-1) == YM(2024, 12)
    assert YM(2025, 4).months_until(YM(2026, 3)) == 11
    assert YM.from_int(202504) == YM(2025, 4)
    assert YM(2025, 4).as_int() == 202504
    assert str(YM(2025, 4)) == "2025-04"
    with pytest.raises(InvalidMonth):
        YM(2025, 13)


@given(
    fiscal_year=st.integers(1900, 2999),
    start=st.integers(1, 12),
)
def test_every_month_of_a_fiscal_year_belongs_to_it(fiscal_year, start):
    months = fiscal_months(fiscal_year, start)
    assert sorted({m.month for m in months}) == list(range(1, 13))
    assert all(months[i].add(1) == months[i + 1] for i in range(11))
    assert [fiscal_year_of(m, start) for m in months] == [fiscal_year] * 12
    assert [fiscal_index(m, start) for m in months] == list(range(12))
    assert [half_of(m, start) for m in months] == [Half.FIRST] * 6 + [Half.SECOND] * 6
    assert [quarter_of(m, start) for m in months] == [q for q in (1, 2, 3, 4) for _ in range(3)]
    assert (
        half_months(fiscal_year, Half.FIRST, start) + half_months(fiscal_year, Half.SECOND, start)
        == months
    )
