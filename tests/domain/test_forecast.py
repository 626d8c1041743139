"""Forecast, pace, early warnings and missing entries on constructed series with known answers."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from domain.achievement import monthly_targets
from domain.fiscal import YearMonth, fiscal_months
from domain.forecast import (
    Method,
    Reason,
    Severity,
    WarningKind,
    early_warnings,
    forecast_band,
    forecast_year_end,
    pace_of,
)
from domain.missing_entries import is_overdue, missing_months
from domain.model import Aggregation, Direction, Kpi, KpiKind, Thresholds

MONTHS = fiscal_months(2025, 4)  # 2025-04 … 2026-03
_ = None


def kpi(
    aggregation: Aggregation = Aggregation.SUM,
    direction: Direction = Direction.HIGHER,
    target: float | None = 120.0,
    **kw: object,
) -> Kpi:
    return Kpi(1, 1, "k", direction=direction, aggregation=aggregation, annual_target=target, **kw)


def year(*values: float | None) -> list[float | None]:
    """Twelve fiscal months: the given values first, the rest empty."""
    return list(values) + [None] * (12 - len(values))


def run(k: Kpi, actuals, last_year=(), final=False, stored=None):
    targets = monthly_targets(k, MONTHS, stored or {})
    return forecast_year_end(k, MONTHS, actuals, targets, last_year=last_year, final=final), targets


LAST_YEAR_HIRES = [4, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1]  # Σ 10, a spike in April

# (id, kpi, actuals, last year, method, reason, year-end, achievement)
CASES = [
    (
        "sum constant: run-rate",
        kpi(),
        year(10, 10, 10, 10, 10, 10),
        (),
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        120.0,
        1.0,
    ),
    (
        "sum two values: run-rate YTD + mean × months left",
        kpi(),
        year(8, 12),
        (),
        Method.RUN_RATE,
        Reason.FEW_VALUES,
        120.0,
        1.0,
    ),
    (
        "sum exact line: trend",
        kpi(target=78.0),
        year(1, 2, 3, 4, 5, 6),
        (),
        Method.LINEAR_TREND,
        Reason.CLEAR_TREND,
        78.0,
        1.0,
    ),
    (
        "sum falling line never below zero",
        kpi(),
        year(10, 6, 2),
        (),
        Method.LINEAR_TREND,
        Reason.CLEAR_TREND,
        18.0,
        0.15,
    ),
    (
        "average noisy: recent level",
        kpi(Aggregation.AVERAGE, target=100.0),
        year(80, 100, 90, 95, 85),
        (),
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        90.0,
        0.9,
    ),
    (
        "average exact line",
        kpi(Aggregation.AVERAGE, target=100.0),
        year(90, 91, 92),
        (),
        Method.LINEAR_TREND,
        Reason.CLEAR_TREND,
        95.5,
        0.955,
    ),
    (
        "last exact line: the last month's value",
        kpi(Aggregation.LAST, target=100.0),
        year(45, 50, 55, 60),
        (),
        Method.LINEAR_TREND,
        Reason.CLEAR_TREND,
        100.0,
        1.0,
    ),
    (
        "LOWER sum, target 0 (遅延ゼロ): any delay misses",
        kpi(direction=Direction.LOWER, target=0),
        year(1, 0, 1),
        (),
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        8.0,
        0.0,
    ),
    (
        "LOWER average: 2 − a/t",
        kpi(Aggregation.AVERAGE, Direction.LOWER, 3.0),
        year(4.5, 4.5, 4.5, 4.5),
        (),
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        4.5,
        0.5,
    ),
    (
        "LOWER average improving by trend",
        kpi(Aggregation.AVERAGE, Direction.LOWER, 3.0),
        year(5.0, 4.8, 4.6, 4.4),
        (),
        Method.LINEAR_TREND,
        Reason.CLEAR_TREND,
        3.9,
        0.7,
    ),
    (
        "HIGHER sum, target 0: met while not negative",
        kpi(target=0),
        year(1, 2),
        (),
        Method.RUN_RATE,
        Reason.FEW_VALUES,
        18.0,
        1.0,
    ),
    (
        "gap in the past is estimated too",
        kpi(),
        year(10, 10, None, 10),
        (),
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        120.0,
        1.0,
    ),
    (
        "range inside the band",
        kpi(Aggregation.LAST, Direction.RANGE, None, range_low=1.5, range_high=3.0),
        year(2.0, 2.4, 2.2),
        (),
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        2.2,
        1.0,
    ),
    (
        "range drifting out of the band",
        kpi(Aggregation.LAST, Direction.RANGE, None, range_low=1.5, range_high=3.0),
        year(2.0, 2.1, 2.2, 2.3),
        (),
        Method.LINEAR_TREND,
        Reason.CLEAR_TREND,
        3.1,
        1 - 0.1 / 3,
    ),
    (
        "seasonal: last year's spike scaled by this year's ratio",
        kpi(target=12.0),
        year(8, 0, 2),
        LAST_YEAR_HIRES,
        Method.SEASONAL,
        Reason.HISTORY,
        20.0,
        20 / 12,
    ),
    (
        "less than 12 months of history: no seasonality",
        kpi(target=12.0),
        year(4, 0, 4),
        [None] * 4 + LAST_YEAR_HIRES[4:-1] + [None],
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        8 + 9 * 8 / 3,
        32 / 12,
    ),
    (
        "last year zero: no ratio, no seasonality",
        kpi(direction=Direction.LOWER, target=12),
        year(0, 0, 0),
        [0.0] * 12,
        Method.RUN_RATE,
        Reason.NO_CLEAR_TREND,
        0.0,
        2.0,
    ),
    (
        "no values: nothing to say",
        kpi(),
        year(),
        LAST_YEAR_HIRES,
        Method.NONE,
        Reason.NO_VALUES,
        None,
        None,
    ),
    (
        "every month entered: the actual",
        kpi(),
        [10.0] * 12,
        (),
        Method.ACTUAL,
        Reason.ALL_ENTERED,
        120.0,
        1.0,
    ),
    (
        "qualitative levels stay within 1…5",
        kpi(Aggregation.AVERAGE, target=4, kind=KpiKind.QUALITATIVE),
        year(3, 4, 5),
        (),
        Method.LINEAR_TREND,
        Reason.CLEAR_TREND,
        (12 + 9 * 5) / 12,
        (57 / 12) / 4,
    ),
]


@pytest.mark.parametrize(
    ("k", "actuals", "last_year", "method", "reason", "year_end", "reached"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_forecast_method_and_figures(k, actuals, last_year, method, reason, year_end, reached):
    forecast, _ = run(k, actuals, last_year)
    assert (forecast.method, forecast.reason) == (method, reason)
    assert forecast.year_end == pytest.approx(year_end)
    assert forecast.achievement == pytest.approx(reached)


def test_kpi_started_mid_year_estimates_only_its_active_months():
    k = kpi(target=60.0, start=YearMonth(2025, 10))  # October: fiscal index 6
    forecast, targets = run(k, year(*([None] * 6), 10, 10))
    assert targets[:6] == [None] * 6 and targets[6:] == [10.0] * 6
    assert forecast.estimated == (False,) * 8 + (True,) * 4
    assert forecast.year_end == pytest.approx(60.0)
    assert forecast.achievement == pytest.approx(1.0)


def test_projected_series_keeps_actuals_and_marks_estimates():
    forecast, _ = run(kpi(), year(10, 10, None, 10))
    assert forecast.projected[:4] == (10.0, 10.0, 10.0, 10.0)
    assert forecast.estimated[:4] == (False, False, True, False)
    assert forecast.estimated_count == 9


def test_seasonal_estimates_follow_last_years_shape():
    forecast, _ = run(kpi(target=12.0), year(8, 0, 2), LAST_YEAR_HIRES)
    assert forecast.ratio == pytest.approx(2.0)
    assert forecast.projected[3:] == tuple(2.0 * v for v in LAST_YEAR_HIRES[3:])
    assert forecast.sigma == pytest.approx(0.0)


def test_seasonal_needs_last_years_value_for_every_month_to_estimate():
    last = list(LAST_YEAR_HIRES)
    last[7] = None  # 11 months last year + 3 this year = 14 ≥ 12, but November is unknown
    forecast, _ = run(kpi(target=12.0), year(8, 0, 2), last)
    assert forecast.method is not Method.SEASONAL


def test_band_of_a_sum_grows_with_the_square_root_of_months_left():
    forecast, targets = run(kpi(), year(8, 12, 10, 10))
    sigma = math.sqrt(8 / 3)  # sample standard deviation of 8, 12, 10, 10
    assert forecast.method is Method.RUN_RATE
    assert forecast.sigma == pytest.approx(sigma)
    band = forecast_band(kpi(), forecast, targets)
    assert (band.low, band.high) == (
        pytest.approx(120 - sigma * math.sqrt(8)),
        pytest.approx(120 + sigma * math.sqrt(8)),
    )
    assert (band.achievement_low, band.achievement_high) == (
        pytest.approx(band.low / 120),
        pytest.approx(band.high / 120),
    )


def test_band_of_a_last_kpi_is_one_months_spread():
    k = kpi(Aggregation.LAST, target=100.0)
    forecast, targets = run(k, year(80, 100, 90, 95, 85))
    band = forecast_band(k, forecast, targets)
    assert (band.low, band.high) == (
        pytest.approx(90 - forecast.sigma),
        pytest.approx(90 + forecast.sigma),
    )


def test_band_of_a_lower_kpi_orders_achievement_low_to_high():
    k = kpi(Aggregation.AVERAGE, Direction.LOWER, 3.0)
    forecast, targets = run(k, year(4.0, 3.0, 3.6, 3.4))
    band = forecast_band(k, forecast, targets)
    assert band.achievement_low < forecast.achievement < band.achievement_high
    assert band.low < forecast.year_end < band.high


def test_band_is_clipped_like_the_estimates():
    k = kpi()
    forecast, targets = run(k, year(10, 5, 3, 0))  # falling: estimates clipped at 0
    band = forecast_band(k, forecast, targets)
    assert band.low == pytest.approx(18.0)  # nothing below zero to subtract
    assert forecast.shift > 0 and band.high >= 18.0


def test_band_unknown_with_one_value():
    forecast, targets = run(kpi(), year(10))
    assert forecast.sigma is None and forecast_band(kpi(), forecast, targets) is None


def test_no_band_for_actual_figures():
    forecast, targets = run(kpi(), [10.0] * 12)
    assert forecast_band(kpi(), forecast, targets) is None


def test_settled_year_reports_actuals_without_estimates():
    forecast, _ = run(kpi(), year(10, 10, None, 10), final=True)
    assert (forecast.method, forecast.reason) == (Method.ACTUAL, Reason.YEAR_SETTLED)
    assert forecast.year_end == 30.0
    assert forecast.achievement == pytest.approx(1.0)  # months with values only
    assert not any(forecast.estimated)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        forecast_year_end(kpi(), MONTHS, year(1), [None] * 11)
    with pytest.raises(ValueError):
        forecast_year_end(kpi(), MONTHS, year(1), [None] * 12, last_year=[1.0] * 5)


# --------------------------------------------------------------------------- pace

PACE_CASES = [
    ("sum on plan", kpi(), year(10, 10, 10, 10, 10, 10), 0.5, 0.5, 0.0),
    ("sum behind by a quarter of the year", kpi(), year(5, 5, 5, 5, 5, 5), 0.25, 0.5, 0.25),
    ("sum ahead", kpi(), year(20, 20, 20), 0.5, 0.25, -0.25),
    (
        "LOWER sum budget used too fast",
        kpi(direction=Direction.LOWER),
        year(20, 20, 20, 20, 20, 20),
        1.0,
        0.5,
        0.5,
    ),
    (
        "baseline level halfway through the year",
        kpi(Aggregation.LAST, target=80.0, baseline=40.0),
        year(42, 44, 46, 48, 49, 50),
        0.25,
        0.5,
        0.25,
    ),
    (
        "baseline LOWER level",
        kpi(Aggregation.LAST, Direction.LOWER, 10.0, baseline=20.0),
        year(19, 18, 17),
        0.3,
        0.25,
        -0.05,
    ),
    (
        "baseline KPI started mid-year",
        kpi(Aggregation.LAST, target=80.0, baseline=40.0, start=YearMonth(2025, 10)),
        year(*([None] * 6), 45, 50, 55),
        0.375,
        0.5,
        0.125,
    ),
]


@pytest.mark.parametrize(
    ("k", "actuals", "progress", "expected", "lag"),
    [c[1:] for c in PACE_CASES],
    ids=[c[0] for c in PACE_CASES],
)
def test_pace(k, actuals, progress, expected, lag):
    pace = pace_of(k, MONTHS, actuals, monthly_targets(k, MONTHS, {}))
    assert pace is not None
    assert (pace.progress, pace.expected, pace.lag) == (
        pytest.approx(progress),
        pytest.approx(expected),
        pytest.approx(lag),
    )


def test_pace_weights_elapsed_share_by_step_targets():
    k = kpi(target=12.0)
    stored = dict(zip(MONTHS, [4.0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1], strict=True))
    targets = monthly_targets(k, MONTHS, stored)
    pace = pace_of(k, MONTHS, year(4), targets)
    assert (pace.progress, pace.expected, pace.lag) == (0.4, 0.4, 0.0)  # not 1/12 of the year


@pytest.mark.parametrize(
    "k",
    [
        kpi(Aggregation.LAST, Direction.RANGE, None, range_low=1, range_high=2),
        kpi(Aggregation.AVERAGE, target=90.0),  # a level without a baseline: the status says it
        kpi(target=0),  # nothing to be a share of
        kpi(target=None),
        kpi(Aggregation.LAST, target=50.0, baseline=50.0),
    ],
    ids=["range", "no baseline", "zero target", "no target", "baseline = target"],
)
def test_no_pace(k):
    assert pace_of(k, MONTHS, year(1, 2, 3), monthly_targets(k, MONTHS, {})) is None


def test_no_pace_without_values():
    k = kpi(Aggregation.LAST, target=80.0, baseline=40.0)
    assert pace_of(k, MONTHS, year(), monthly_targets(k, MONTHS, {})) is None


# --------------------------------------------------------------------------- early warnings

THRESHOLDS = Thresholds(1.0, 0.9)


def warnings_for(k: Kpi, actuals, final=False):
    forecast, targets = run(k, actuals, final=final)
    return early_warnings(k, forecast, pace_of(k, MONTHS, actuals, targets), THRESHOLDS, targets)


WARNING_CASES = [
    ("on target: none", kpi(), year(10, 10, 10), []),
    ("forecast exactly at 注意 threshold: none", kpi(target=100.0), year(7.5, 7.5, 7.5, 7.5), []),
    (
        "forecast just below 注意, band reaches above",
        kpi(target=100.0),
        year(7.0, 8.0, 7.0, 7.6),
        [(WarningKind.FORECAST, Severity.CAUTION)],
    ),
    (
        "forecast well below, band too",
        kpi(),
        year(5, 5, 5, 5, 5, 5),
        [(WarningKind.FORECAST, Severity.CRITICAL), (WarningKind.PACE, Severity.CAUTION)],
    ),
    (
        "pace far behind",
        kpi(),
        year(1, 1, 1, 1, 1, 1),
        [(WarningKind.FORECAST, Severity.CRITICAL), (WarningKind.PACE, Severity.CRITICAL)],
    ),
    (
        "LOWER: too many delays",
        kpi(Aggregation.AVERAGE, Direction.LOWER, 3.0),
        year(4.5, 4.5),
        [(WarningKind.FORECAST, Severity.CRITICAL)],
    ),
    ("LOWER: fewer is fine", kpi(Aggregation.AVERAGE, Direction.LOWER, 3.0), year(2.5, 2.5), []),
    ("no values: none", kpi(), year(), []),
]


@pytest.mark.parametrize(
    ("k", "actuals", "expected"),
    [c[1:] for c in WARNING_CASES],
    ids=[c[0] for c in WARNING_CASES],
)
def test_early_warnings(k, actuals, expected):
    found = warnings_for(k, actuals)
    assert [(w.kind, w.severity) for w in found] == expected
    assert all(w.kpi_id == k.id for w in found)


def test_forecast_warning_carries_the_forecast_achievement():
    (warning,) = [w for w in warnings_for(kpi(target=100.0), year(7.0, 8.0, 7.0, 7.6))]
    assert warning.value == pytest.approx(7.4 * 12 / 100)
    assert warning.expected == 0.9


def test_no_warnings_once_the_year_is_settled():
    assert warnings_for(kpi(), year(1, 1, 1, 1, 1, 1), final=True) == ()


# --------------------------------------------------------------------------- missing entries


@pytest.mark.parametrize(
    ("today", "grace", "overdue"),
    [
        (date(2025, 5, 10), 10, False),  # on the day: still on time
        (date(2025, 5, 11), 10, True),
        (date(2025, 5, 1), 1, False),
        (date(2025, 5, 2), 1, True),
        (date(2025, 4, 30), 10, False),  # the month itself
        (date(2026, 1, 1), 10, True),
    ],
)
def test_overdue_after_the_grace_day_of_the_following_month(today, grace, overdue):
    assert is_overdue(YearMonth(2025, 4), today, grace) is overdue


def test_overdue_across_the_year_end():
    assert not is_overdue(YearMonth(2025, 12), date(2026, 1, 10))
    assert is_overdue(YearMonth(2025, 12), date(2026, 1, 11))


def test_grace_day_must_exist_in_every_month():
    with pytest.raises(ValueError):
        is_overdue(YearMonth(2025, 1), date(2025, 3, 1), 31)


MISSING_CASES = [
    ("entered through June, today 7/20: none", kpi(), year(1, 1, 1), date(2025, 7, 20), []),
    ("July not in yet on 8/11", kpi(), year(1, 1, 1), date(2025, 8, 11), [(2025, 7)]),
    ("gap in the middle", kpi(), year(1, None, 1), date(2025, 7, 20), [(2025, 5)]),
    ("a note-only month is missing", kpi(), year(None), date(2025, 5, 11), [(2025, 4)]),
    (
        "started mid-year",
        replace(kpi(), start=YearMonth(2025, 10)),
        year(),
        date(2025, 12, 11),
        [(2025, 10), (2025, 11)],
    ),
    (
        "quarterly KPI: only its months",
        replace(kpi(), active_months=(6, 9, 12, 3)),
        year(),
        date(2025, 10, 11),
        [(2025, 6), (2025, 9)],
    ),
    (
        "past its deadline",
        replace(kpi(), deadline=YearMonth(2025, 5)),
        year(),
        date(2026, 1, 1),
        [(2025, 4), (2025, 5)],
    ),
]


@pytest.mark.parametrize(
    ("k", "actuals", "today", "expected"),
    [c[1:] for c in MISSING_CASES],
    ids=[c[0] for c in MISSING_CASES],
)
def test_missing_months(k, actuals, today, expected):
    assert missing_months(k, MONTHS, actuals, today) == tuple(YearMonth(*ym) for ym in expected)


def test_missing_months_with_a_later_grace_day():
    assert missing_months(kpi(), MONTHS, year(1), date(2025, 6, 15), grace_day=20) == ()
    assert missing_months(kpi(), MONTHS, year(1), date(2025, 6, 21), grace_day=20) == (
        YearMonth(2025, 5),
    )
