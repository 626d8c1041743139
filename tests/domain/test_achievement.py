"""Achievement, aggregation, monthly targets, period achievement and status."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.achievement import (
    PeriodFigures,
    achievement,
    aggregate,
    fill_evenly,
    is_active,
    month_achievement,
    monthly_targets,
    period_achievement,
    period_actual,
    period_figures,
    status_of,
)
from domain.fiscal import YearMonth, fiscal_months
from domain.model import Aggregation, Direction, Kpi, Status, Thresholds

H, L, R = Direction.HIGHER, Direction.LOWER, Direction.RANGE
SUM, AVG, LAST, MIN, MAX = (
    Aggregation.SUM,
    Aggregation.AVERAGE,
    Aggregation.LAST,
    Aggregation.MIN,
    Aggregation.MAX,
)
YM = YearMonth


def kpi(**fields) -> Kpi:
    return Kpi(id=1, department_id=1, name="指標", **fields)


def approx(value):
    return pytest.approx(value, rel=1e-12, abs=1e-12)


# --------------------------------------------------------------------------- achievement


@pytest.mark.parametrize(
    ("actual", "target", "direction", "expected"),
    [
        # HIGHER: a / t
        (120, 100, H, 1.2),
        (100, 100, H, 1.0),
        (90, 100, H, 0.9),
        (0, 100, H, 0.0),
        (-10, 100, H, -0.1),  # not floored
        # HIGHER, target 0: met / not met
        (0, 0, H, 1.0),
        (5, 0, H, 1.0),
        (-1, 0, H, 0.0),
        # HIGHER, negative target (赤字を −100 まで): 1 + (a − t) / |t|
        (-100, -100, H, 1.0),
        (-50, -100, H, 1.5),
        (0, -100, H, 2.0),
        (-200, -100, H, 0.0),
        (-300, -100, H, -1.0),
        # LOWER: 2 − a / t, floored at 0
        (10, 10, L, 1.0),
        (11, 10, L, 0.9),  # exactly 0.9, not 0.8999…
        (5, 10, L, 1.5),
        (0, 10, L, 2.0),  # actual 0 (遅延ゼロ達成) → 200 %
        (20, 10, L, 0.0),
        (30, 10, L, 0.0),  # floored
        (-5, 10, L, 2.5),
        # LOWER, target 0 (遅延ゼロ)
        (0, 0, L, 1.0),
        (-1, 0, L, 1.0),
        (1, 0, L, 0.0),
        (3, 0, L, 0.0),
        # LOWER, negative target: a / t
        (-10, -10, L, 1.0),
        (-20, -10, L, 2.0),
        (0, -10, L, 0.0),
        (5, -10, L, 0.0),
        # fractional values
        (0.3, 0.1, H, 3.0),
        (2.5, 2.0, L, 0.75),
    ],
)
def test_achievement_without_baseline(actual, target, direction, expected):
    assert achievement(actual, target, direction) == approx(expected)


@pytest.mark.parametrize(
    ("actual", "target", "baseline", "direction", "expected"),
    [
        # HIGHER from 50 to 100
        (100, 100, 50, H, 1.0),
        (75, 100, 50, H, 0.5),
        (50, 100, 50, H, 0.0),
        (40, 100, 50, H, -0.2),  # worse than the baseline: negative, not floored
        (125, 100, 50, H, 1.5),
        # LOWER from 10 days to 4 days
        (4, 4, 10, L, 1.0),
        (7, 4, 10, L, 0.5),
        (10, 4, 10, L, 0.0),
        (1, 4, 10, L, 1.5),
        (13, 4, 10, L, -0.5),
        # LOWER to zero with a baseline: the baseline avoids the met/not-met cliff
        (2, 0, 8, L, 0.75),
        (0, 0, 8, L, 1.0),
        # baseline == target is ignored: plain formulas
        (90, 100, 100, H, 0.9),
        (11, 10, 10, L, 0.9),
    ],
)
def test_achievement_with_baseline(actual, target, baseline, direction, expected):
    assert achievement(actual, target, direction, baseline=baseline) == approx(expected)


@pytest.mark.parametrize(
    ("actual", "low", "high", "expected"),
    [
        (100, 90, 110, 1.0),
        (90, 90, 110, 1.0),
        (110, 90, 110, 1.0),
        (80, 90, 110, 1 - 10 / 110),  # below: 1 − (low − a) / max(|low|, |high|, high − low)
        (121, 90, 110, 0.9),  # above
        (0, 90, 110, 1 - 90 / 110),
        (-1000, 90, 110, 0.0),  # floored
        (1000, 90, 110, 0.0),
        # band around zero: scale = high − low when that is largest
        (3, -1, 1, 1 - 2 / 2),
        (1.5, -1, 1, 0.75),
        # a point band at 0: scale 1
        (0.25, 0, 0, 0.75),
        (-0.5, 0, 0, 0.5),
        # one-sided
        (80, 90, None, 1 - 10 / 90),
        (1000, 90, None, 1.0),
        (50, None, 40, 0.75),
        (-1000, None, 40, 1.0),
        (0.5, None, 0, 0.5),
        # negative band
        (-25, -20, -10, 0.75),
    ],
)
def test_range_achievement(actual, low, high, expected):
    assert achievement(actual, None, R, low=low, high=high) == approx(expected)
    # the target and the baseline do not change a RANGE with a band
    assert achievement(actual, 5, R, low=low, high=high, baseline=1) == approx(expected)


def test_range_without_band_uses_target_as_point():
    assert achievement(100, 100, R) == 1.0
    assert achievement(90, 100, R) == approx(0.9)
    assert achievement(110, 100, R) == approx(0.9)
    assert achievement(100, None, R) is None


def test_range_inverted_band_is_none():
    assert achievement(100, None, R, low=110, high=90) is None


@pytest.mark.parametrize(
    ("actual", "target", "direction"),
    [
        (None, 100, H),
        (100, None, H),
        (None, None, L),
        (None, 100, R),
        (math.nan, 100, H),
        (100, math.inf, L),
    ],
)
def test_achievement_is_none_when_it_cannot_be_computed(actual, target, direction):
    assert achievement(actual, target, direction, low=90, high=110) is None


def test_achievement_is_never_negative_zero():
    result = achievement(0, -5, H, baseline=0)
    assert result == 0.0
    assert math.copysign(1, achievement(0, 10, H)) == 1
    assert math.copysign(1, achievement(20, 10, L)) == 1


# --------------------------------------------------------------------------- aggregate


@pytest.mark.parametrize(
    ("values", "aggregation", "expected"),
    [
        ([1, 2, None, 3], SUM, 6),
        ([1, 2, None, 3], AVG, 2),
        ([1, 2, None, 3], LAST, 3),
        ([1, 2, 3, None], LAST, 3),
        ([3, 2, None, 1], LAST, 1),
        ([5, None, -1, 3], MIN, -1),
        ([5, None, -1, 3], MAX, 5),
        ([0.1] * 10, SUM, 1.0),  # fsum: exactly 1.0
        ([0, 0], AVG, 0),
    ],
)
def test_aggregate(values, aggregation, expected):
    assert aggregate(values, aggregation) == expected


@pytest.mark.parametrize("aggregation", list(Aggregation))
def test_aggregate_of_nothing_is_none(aggregation):
    assert aggregate([], aggregation) is None
    assert aggregate([None, None], aggregation) is None


# --------------------------------------------------------------------------- targets


def test_fill_evenly():
    assert fill_evenly(120, SUM, [True] * 12) == [10.0] * 12
    assert fill_evenly(120, SUM, [True, False, True]) == [60.0, None, 60.0]
    assert fill_evenly(95, AVG, [True, False]) == [95, None]
    assert fill_evenly(95, LAST, [True, True]) == [95, 95]
    assert fill_evenly(3, MIN, [False, True]) == [None, 3]
    assert fill_evenly(120, SUM, [False, False]) == [None, None]
    assert fill_evenly(120, SUM, []) == []


FY2025 = fiscal_months(2025, 4)


def test_monthly_targets_sum_spread_over_active_months():
    k = kpi(annual_target=120.0, aggregation=SUM)
    assert monthly_targets(k, FY2025, {}) == [10.0] * 12


def test_monthly_targets_respects_active_months_start_and_deadline():
    k = kpi(
        annual_target=60.0,
        aggregation=SUM,
        active_months=(4, 5, 6, 7, 8, 9, 10, 11, 12),
        start=YM(2025, 6),
        deadline=YM(2026, 2),
    )
    # active: 2025-06 … 2025-12 = 7 months (1–3月 are not active months)
    expected = [None, None] + [60 / 7] * 7 + [None, None, None]
    assert monthly_targets(k, FY2025, {}) == expected


def test_monthly_targets_non_sum_repeats_annual_target():
    k = kpi(annual_target=95.0, aggregation=AVG, deadline=YM(2025, 9))
    assert monthly_targets(k, FY2025, {}) == [95.0] * 6 + [None] * 6


def test_stored_step_targets_win():
    k = kpi(annual_target=120.0, aggregation=SUM, active_months=(4, 5, 6))
    stored = {YM(2025, 5): 50.0, YM(2025, 7): 7.0, YM(2025, 8): None}
    result = monthly_targets(k, FY2025, stored)
    assert result[:5] == [40.0, 50.0, 40.0, 7.0, None]  # stored wins even in inactive 7月
    assert result[5:] == [None] * 7


def test_monthly_targets_without_annual_target():
    k = kpi(annual_target=None)
    assert monthly_targets(k, FY2025[:3], {YM(2025, 5): 3.0}) == [None, 3.0, None]


@pytest.mark.parametrize(
    ("month", "expected"),
    [(YM(2025, 5), False), (YM(2025, 6), True), (YM(2026, 1), True), (YM(2026, 2), False)],
)
def test_is_active(month, expected):
    k = kpi(start=YM(2025, 6), deadline=YM(2026, 1))
    assert is_active(k, month) is expected


# --------------------------------------------------------------------------- month / period


def test_month_achievement_uses_kpi_settings():
    assert month_achievement(kpi(direction=L), 11, 10) == approx(0.9)
    assert month_achievement(kpi(direction=H, baseline=50), 75, 100) == approx(0.5)
    assert month_achievement(kpi(direction=R, range_low=90, range_high=110), 95, None) == 1.0
    assert month_achievement(kpi(), None, 10) is None


ACTUALS = [10, None, 14, 8]
TARGETS = [10, 10, 10, None]  # month 2 missing actual, month 4 missing target


@pytest.mark.parametrize(
    ("direction", "aggregation", "expected_figures", "expected"),
    [
        # SUM / AVERAGE: only months with actual and target (1 and 3)
        (H, SUM, PeriodFigures(24, 20, 2), 1.2),
        (L, SUM, PeriodFigures(24, 20, 2), 0.8),
        (H, AVG, PeriodFigures(12, 10, 2), 1.2),
        (L, AVG, PeriodFigures(12, 10, 2), 0.8),
        # LAST: month 4 (latest actual) has no target → None
        (H, LAST, PeriodFigures(8, None, 1), None),
        (L, LAST, PeriodFigures(8, None, 1), None),
        # MIN / MAX: all actuals vs the targets of those months
        (H, MIN, PeriodFigures(8, 10, 3), 0.8),
        (L, MIN, PeriodFigures(8, 10, 3), 1.2),
        (H, MAX, PeriodFigures(14, 10, 3), 1.4),
        (L, MAX, PeriodFigures(14, 10, 3), 0.6),
        # RANGE without a band: target as point band
        (R, SUM, PeriodFigures(24, 20, 2), 0.8),
        (R, AVG, PeriodFigures(12, 10, 2), 0.8),
    ],
)
def test_period_every_direction_and_aggregation(direction, aggregation, expected_figures, expected):
    k = kpi(direction=direction, aggregation=aggregation)
    assert period_figures(k, ACTUALS, TARGETS) == expected_figures
    result = period_achievement(k, ACTUALS, TARGETS)
    assert result == (None if expected is None else approx(expected))


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [(SUM, 32), (AVG, 32 / 3), (LAST, 8), (MIN, 8), (MAX, 14)],
)
def test_period_actual_uses_every_month_with_a_value(aggregation, expected):
    assert period_actual(kpi(aggregation=aggregation), ACTUALS) == approx(expected)


def test_period_last_uses_that_months_target():
    k = kpi(direction=H, aggregation=LAST)
    assert period_achievement(k, [50, 60, None], [40, 80, 100]) == approx(0.75)


@pytest.mark.parametrize(
    ("aggregation", "low", "high", "expected"),
    [
        (AVG, 90, 110, 1.0),  # mean 100 inside
        (MAX, 90, 110, 1 - 10 / 110),  # max 120
        (MIN, 90, 110, 1 - 10 / 110),  # min 80
        (LAST, 90, 110, 1 - 10 / 110),  # last 120
        (SUM, 90, 110, 1.0),  # 300 within the band × 3 months = [270, 330]
        (SUM, 110, 120, 1 - 30 / 360),  # below [330, 360]
    ],
)
def test_period_range_with_band(aggregation, low, high, expected):
    k = kpi(direction=R, aggregation=aggregation, range_low=low, range_high=high)
    # no targets at all: a RANGE KPI with a band does not need them
    assert period_achievement(k, [80, 100, None, 120], [None] * 4) == approx(expected)


def test_period_sum_scales_baseline_per_month():
    k = kpi(direction=L, aggregation=SUM, baseline=10)
    # two months: baseline 20, target 8, actual 14 → (14 − 20) / (8 − 20) = 0.5
    assert period_achievement(k, [7, 7], [4, 4]) == approx(0.5)
    k_avg = kpi(direction=L, aggregation=AVG, baseline=10)
    assert period_achievement(k_avg, [7, 7], [4, 4]) == approx(0.5)


@pytest.mark.parametrize("aggregation", list(Aggregation))
def test_period_with_no_actuals_is_none(aggregation):
    k = kpi(aggregation=aggregation)
    assert period_achievement(k, [None, None], [10, 10]) is None
    assert period_figures(k, [], []) == PeriodFigures(None, None, 0)


def test_period_lower_target_zero():
    k = kpi(direction=L, aggregation=SUM)
    assert period_achievement(k, [0, 0, 0], [0, 0, 0]) == 1.0
    assert period_achievement(k, [0, 1, 0], [0, 0, 0]) == 0.0


def test_period_lengths_must_match():
    with pytest.raises(ValueError):
        period_figures(kpi(), [1, 2], [1])


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("value", "thresholds", "expected"),
    [
        (None, Thresholds(), Status.NO_DATA),
        (math.nan, Thresholds(), Status.NO_DATA),
        (1.0, Thresholds(), Status.ACHIEVED),
        (1.5, Thresholds(), Status.ACHIEVED),
        (0.9999, Thresholds(), Status.CAUTION),
        (0.9, Thresholds(), Status.CAUTION),
        (0.8999999999999999, Thresholds(), Status.CAUTION),  # float noise of 0.9
        (0.8999, Thresholds(), Status.MISSED),
        (0.0, Thresholds(), Status.MISSED),
        (-0.5, Thresholds(), Status.MISSED),
        (0.95, Thresholds(achieved=0.95, caution=0.8), Status.ACHIEVED),
        (0.85, Thresholds(achieved=0.95, caution=0.8), Status.CAUTION),
        (0.79, Thresholds(achieved=0.95, caution=0.8), Status.MISSED),
    ],
)
def test_status_of(value, thresholds, expected):
    assert status_of(value, thresholds) is expected


# --------------------------------------------------------------------------- properties

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
nonzero = finite.filter(lambda x: abs(x) > 1e-6)


@given(target=nonzero, direction=st.sampled_from([H, L]))
def test_actual_equal_to_target_is_exactly_100_percent(target, direction):
    assert achievement(target, target, direction) == 1.0


@given(a1=finite, a2=finite, target=finite, direction=st.sampled_from([H, L]))
def test_achievement_is_monotonic_in_the_good_direction(a1, a2, target, direction):
    low_actual, high_actual = sorted((a1, a2))
    low_result = achievement(low_actual, target, direction)
    high_result = achievement(high_actual, target, direction)
    if direction is H:
        assert high_result >= low_result
    else:
        assert high_result <= low_result
    if direction is L:
        assert low_result >= 0 and high_result >= 0


@given(actual=finite, low=finite, width=st.floats(0, 1e9))
def test_range_achievement_is_between_0_and_1(actual, low, width):
    result = achievement(actual, None, R, low=low, high=low + width)
    assert 0.0 <= result <= 1.0
    if low <= actual <= low + width:
        assert result == 1.0
