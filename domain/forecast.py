"""Forecast to fiscal year-end, early warnings and missing entries — pure and transparent.

**Forecast** (:func:`forecast_year_end`). The months of the fiscal year that are active for the KPI
(:func:`domain.achievement.is_active`) and have no value yet are *estimated*; the year-end figure
and achievement are then the KPI's own :func:`~domain.achievement.period_actual` and
:func:`~domain.achievement.period_achievement` of "actuals where present, estimates elsewhere", so
there is exactly one achievement formula. Gaps in the past are estimated like future months (they
are listed as missing entries too). A settled year (``final=True``) is never estimated. The method
is chosen by fixed rules, in this order, and the result says which rule applied (:class:`Reason`):

1. ``SEASONAL`` — at least ``history_months`` (12) months with a value over last year and this
   year, last year has a value in every month to estimate, and the months present in both years
   give a positive total for both: each month to estimate is last year's value of that month times
   ``ratio = Σ this year / Σ last year`` over the months present in both years.
2. ``LINEAR_TREND`` — at least ``trend_min_points`` (3) values this year and a least-squares line
   through them (x = fiscal month index) with ``R² ≥ trend_min_r2`` (0.5): the line, extended.
3. ``RUN_RATE`` — otherwise. SUM: every month to estimate gets the average monthly value so far
   (year-end = YTD + average × months left). Other aggregations: the *recent level*, the mean of
   the last ``recent_months`` (3) values.

Estimates never go below 0 when every value they were derived from is ≥ 0 (counts, rates), and
stay within levels 1…5 for qualitative KPIs.

**Band.** ``sigma`` is the spread of one month around the method (sample standard deviation of the
values for the run-rate, of the residuals for the trend and the seasonal method; unknown with too
few values). With ``k`` estimated months, each estimate is moved by ``±sigma/√k`` for SUM and
AVERAGE (independent monthly errors: a year-end total moves by ``±sigma·√k``) and by ``±sigma`` for
LAST/MIN/MAX (one month decides); the band (:func:`forecast_band`) is the year-end figure and
achievement of both series.

**Pace** (:func:`pace_of`, after BurningOKR): how far along the way to the annual target the KPI is,
against how far it should be. SUM KPIs with a positive annual total: progress = Σ actual / Σ monthly
targets of the year, expected = Σ targets of the months that have a value / the same total (the
elapsed share of the year, weighted by the step targets). Other KPIs with a baseline: progress =
achievement of the latest value from the baseline to the annual target, expected = active months up
to that value / active months of the year. ``lag = expected − progress`` (for LOWER SUM KPIs such
as a budget, using it up faster than planned is the lag). Other KPIs have no pace.

**Early warnings** (:func:`early_warnings`): the forecast achievement is below the 注意 threshold
(CRITICAL when even the optimistic end of the band is), and the pace lags by more than
``pace_caution`` (CRITICAL above ``pace_critical``). Only while the year is not settled.

Missing entries (months past their deadline with no value) are in domain.missing_entries.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import repeat
from operator import mul, sub

from domain.achievement import (
    achievement,
    is_active,
    period_actual_and_achievement,
    status_of,
)
from domain.fiscal import YearMonth
from domain.model import LEVEL_COUNT, Aggregation, Direction, Kpi, KpiKind, Status, Thresholds
from domain.shape import Shape, shape_of
from domain.values import quick_init


class Method(StrEnum):
    """How the year-end figure was obtained."""

    NONE = "none"  # no value this year: nothing to go on
    ACTUAL = "actual"  # nothing to estimate: the actual figure
    RUN_RATE = "run_rate"
    LINEAR_TREND = "linear_trend"
    SEASONAL = "seasonal"


class Reason(StrEnum):
    """Why the method was chosen (the UI phrases it with the numbers of :class:`Forecast`)."""

    NO_VALUES = "no_values"
    YEAR_SETTLED = "year_settled"  # the year is over: actual figures only
    ALL_ENTERED = "all_entered"  # every active month has a value
    HISTORY = "history"  # ≥ 12 months of history: last year's seasonality
    CLEAR_TREND = "clear_trend"  # ≥ 3 values and R² ≥ threshold
    FEW_VALUES = "few_values"  # < 3 values: run-rate
    NO_CLEAR_TREND = "no_clear_trend"  # R² below threshold: run-rate


# Members read for every KPI of every refresh, bound once: on Python 3.11 looking a member up on its
# enum class (EnumType.__getattr__) costs about ten times reading a module constant.
_SUM, _AVERAGE = Aggregation.SUM, Aggregation.AVERAGE
_HIGHER, _RANGE = Direction.HIGHER, Direction.RANGE
_QUALITATIVE = KpiKind.QUALITATIVE
_MISSED = Status.MISSED
_M_NONE, _M_ACTUAL, _M_RUN_RATE = Method.NONE, Method.ACTUAL, Method.RUN_RATE
_M_LINEAR_TREND, _M_SEASONAL = Method.LINEAR_TREND, Method.SEASONAL
_ESTIMATES = frozenset({_M_RUN_RATE, _M_LINEAR_TREND, _M_SEASONAL})
_R_NO_VALUES, _R_YEAR_SETTLED, _R_ALL_ENTERED = (
    Reason.NO_VALUES,
    Reason.YEAR_SETTLED,
    Reason.ALL_ENTERED,
)
_R_HISTORY, _R_CLEAR_TREND = Reason.HISTORY, Reason.CLEAR_TREND
_R_FEW_VALUES, _R_NO_CLEAR_TREND = Reason.FEW_VALUES, Reason.NO_CLEAR_TREND


@dataclass(frozen=True, slots=True)
class ForecastSettings:
    history_months: int = 12
    trend_min_points: int = 3
    trend_min_r2: float = 0.5
    recent_months: int = 3


@quick_init
@dataclass(frozen=True, slots=True)
class Forecast:
    """The year-end forecast of one KPI for one fiscal year.

    ``projected`` holds the twelve monthly values the year-end figure was computed from (actuals
    where present, estimates in the ``estimated`` months). ``values`` = this year's months with a
    value, ``history`` = months with a value over last year and this year; ``r_squared``, ``slope``
    (per month), ``ratio`` (this year / last year) and ``level`` (run-rate) are set for their
    method. ``sigma`` is one month's spread, ``shift`` how far each estimate moves for the band
    (:func:`forecast_band` computes the band on demand; None = unknown).
    """

    method: Method
    reason: Reason
    year_end: float | None
    achievement: float | None
    projected: tuple[float | None, ...]
    estimated: tuple[bool, ...]
    sigma: float | None = None
    shift: float | None = None
    values: int = 0
    history: int = 0
    r_squared: float | None = None
    slope: float | None = None
    ratio: float | None = None
    level: float | None = None
    raw: tuple[float | None, ...] = ()  # estimates before clipping to the bounds
    bounds: tuple[float | None, float | None] = (None, None)

    @property
    def is_estimate(self) -> bool:
        return self.method in _ESTIMATES

    @property
    def estimated_count(self) -> int:
        return sum(self.estimated)


DEFAULT_SETTINGS = ForecastSettings()


def _fit_line(points: Sequence[tuple[int, float]]) -> tuple[float, float, float | None, float]:
    """Least squares ``y = a + b·x``: (a, b, R² or None when y is constant, residual Σ²)."""
    n = len(points)
    mean_x = math.fsum(x for x, _ in points) / n
    mean_y = math.fsum(y for _, y in points) / n
    sxx = math.fsum((x - mean_x) ** 2 for x, _ in points)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in points)
    syy = math.fsum((y - mean_y) ** 2 for _, y in points)
    slope = sxy / sxx if sxx else 0.0
    intercept = mean_y - slope * mean_x
    ss_res = math.fsum((y - intercept - slope * x) ** 2 for x, y in points)
    r2 = None if syy <= 1e-12 * max(1.0, mean_y * mean_y) else max(0.0, 1.0 - ss_res / syy)
    return intercept, slope, r2, ss_res


def _stdev(values: Sequence[float]) -> float | None:
    if len(values) < 2:
        return None
    mean = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _bounds(kpi: Kpi, non_negative: bool) -> tuple[float | None, float | None]:
    if kpi.kind is _QUALITATIVE:
        return 1.0, float(LEVEL_COUNT)
    return (0.0 if non_negative else None), None


def _clip(value: float, low: float | None, high: float | None) -> float:
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    return value + 0.0


def _settled(
    kpi: Kpi,
    actuals: Sequence[float | None],
    targets: Sequence[float | None],
    reason: Reason,
    count: int,
    history: int,
) -> Forecast:
    method = _M_NONE if count == 0 else _M_ACTUAL
    year_end, reached = period_actual_and_achievement(kpi, actuals, targets)
    return Forecast(
        method,
        _R_NO_VALUES if count == 0 else reason,
        year_end,
        reached,
        tuple(actuals),
        (False,) * len(actuals),
        None,  # sigma
        None,  # shift
        count,  # values
        history,
    )


def forecast_year_end(
    kpi: Kpi,
    months: Sequence[YearMonth],
    actuals: Sequence[float | None],
    targets: Sequence[float | None],
    *,
    last_year: Sequence[float | None] = (),
    final: bool = False,
    settings: ForecastSettings = DEFAULT_SETTINGS,
    active: Sequence[bool] | None = None,
    shape: Shape | None = None,
) -> Forecast:
    """Forecast the year-end figure of ``kpi`` (rules in the module docstring).

    ``months``/``actuals``/``targets`` are the fiscal year's months in order with this year's
    values and monthly targets (:func:`domain.achievement.monthly_targets`); ``last_year`` the
    previous fiscal year's values in the same fiscal positions (empty = unknown). ``final``: the
    year is settled — report the actual figures, estimate nothing. ``active`` may pass
    :func:`~domain.achievement.is_active` of each month, and ``shape`` the
    :func:`~domain.shape.shape_of` of the values and ``active``, when the caller has them already.
    """
    n = len(months)
    if not n == len(actuals) == len(targets) or len(last_year) not in (0, n):
        raise ValueError((n, len(actuals), len(targets), len(last_year)))
    if shape is None:
        if active is None and not final:
            active = [is_active(kpi, m) for m in months]
        shape = shape_of(actuals, last_year, None if final else active)
    indices = shape.present
    history = shape.history
    if final or not indices:
        reason = _R_YEAR_SETTLED if final else _R_ALL_ENTERED
        return _settled(kpi, actuals, targets, reason, len(indices), history)
    to_estimate = shape.to_estimate
    if not to_estimate:
        return _settled(kpi, actuals, targets, _R_ALL_ENTERED, len(indices), history)
    values: tuple[float, ...] = shape.take(actuals)

    r2: float | None = None
    slope: float | None = None
    level: float | None = None
    seasonal = _seasonal(shape, values, actuals, last_year, settings)
    if seasonal is not None:
        method, reason = _M_SEASONAL, _R_HISTORY
        estimates, sigma_value, ratio = seasonal
    else:
        ratio = None
        observed = list(zip(indices, values, strict=True))
        fit = _fit_line(observed) if len(observed) >= settings.trend_min_points else None
        if fit is not None and fit[2] is not None and fit[2] >= settings.trend_min_r2:
            intercept, slope, r2, ss_res = fit
            method, reason = _M_LINEAR_TREND, _R_CLEAR_TREND
            estimates = [intercept + slope * i for i in to_estimate]
            dof = len(indices) - 2
            sigma_value = math.sqrt(ss_res / dof) if dof > 0 else None
        else:
            if fit is not None:
                r2, slope = fit[2], fit[1]
            method = _M_RUN_RATE
            reason = _R_FEW_VALUES if fit is None else _R_NO_CLEAR_TREND
            if kpi.aggregation is _SUM:
                level = math.fsum(values) / len(values)
            else:
                recent = values[-settings.recent_months :]
                level = math.fsum(recent) / len(recent)
            estimates = [level] * len(to_estimate)
            sigma_value = _stdev(values)

    non_negative = _all_non_negative(values) and (seasonal is None or _all_non_negative(last_year))
    low, high = _bounds(kpi, non_negative)
    projected = list(actuals)
    raw: list[float | None] = [None] * n
    for i, value in zip(to_estimate, estimates, strict=True):
        clipped = value + 0.0  # _clip, inlined: hundreds of tiles × a dozen months
        if low is not None and clipped < low:
            clipped = low
        if high is not None and clipped > high:
            clipped = high
        projected[i] = clipped + 0.0
        raw[i] = value
    year_end, forecast_achievement = period_actual_and_achievement(kpi, projected, targets)
    shift = None
    if sigma_value is not None:
        spread_by_month = kpi.aggregation in (_SUM, _AVERAGE)
        shift = sigma_value / math.sqrt(len(estimates)) if spread_by_month else sigma_value
    return Forecast(
        method,
        reason,
        year_end,
        forecast_achievement,
        tuple(projected),
        shape.estimated,
        sigma_value,
        shift,
        len(indices),
        history,
        r2,
        slope,
        ratio,
        level,
        tuple(raw),
        (low, high),
    )


def _all_non_negative(values: Sequence[float | None]) -> bool:
    """``all(v >= 0 for v in values if v is not None)`` without a generator (NaN is negative)."""
    for v in values:
        if v is not None and not v >= 0.0:  # (a float literal: no mixed-type comparison)
            return False
    return True


@quick_init
@dataclass(frozen=True, slots=True)
class Band:
    """The year-end figure and achievement with every estimate moved down and up by ``shift``
    (``achievement_low`` ≤ ``achievement_high`` whatever the direction)."""

    low: float
    high: float
    achievement_low: float | None
    achievement_high: float | None


def forecast_band(kpi: Kpi, forecast: Forecast, targets: Sequence[float | None]) -> Band | None:
    """The band of an estimated forecast, or None when its spread is unknown."""
    if forecast.shift is None or not forecast.raw:
        return None
    low, high = forecast.bounds
    raw = [(i, value) for i, value in enumerate(forecast.raw) if value is not None]
    down = list(forecast.projected)
    up = list(forecast.projected)
    shift = forecast.shift
    for i, value in raw:
        down[i] = _clip(value - shift, low, high)
        up[i] = _clip(value + shift, low, high)
    end_down, reached_down = period_actual_and_achievement(kpi, down, targets)
    end_up, reached_up = period_actual_and_achievement(kpi, up, targets)
    if end_down is None or end_up is None:
        return None
    if reached_down is None or reached_up is None:
        reached_low = reached_high = None
    else:
        reached_low, reached_high = min(reached_down, reached_up), max(reached_down, reached_up)
    return Band(min(end_down, end_up), max(end_down, end_up), reached_low, reached_high)


def _seasonal(
    shape: Shape,
    values: Sequence[float],
    actuals: Sequence[float | None],
    last_year: Sequence[float | None],
    settings: ForecastSettings,
) -> tuple[list[float], float | None, float] | None:
    """(estimates in the order of ``shape.to_estimate``, sigma, ratio) by last year's
    seasonality; None when the rule does not apply. ``values`` are this year's, at
    ``shape.present``."""
    if shape.history < settings.history_months or not shape.covered:
        return None
    if shape.take_paired is None:
        this_year: Sequence[float] = values
        previous: Sequence[float] = shape.take(last_year)
    else:  # last year has a gap: use the months present in both years
        this_year = shape.take_paired(actuals)
        previous = shape.take_paired(last_year)
    this_total = math.fsum(this_year)
    last_total = math.fsum(previous)
    if not previous or last_total <= 0.0 or this_total < 0.0:
        return None
    ratio = this_total / last_total
    count = len(this_year)
    sigma = None
    if count >= 2:  # the spread of the residuals v − ratio·p (the same operations, in C loops)
        residuals = list(map(sub, this_year, map(mul, repeat(ratio), previous)))
        sigma = math.sqrt(math.fsum(map(mul, residuals, residuals)) / (count - 1))
    return [ratio * last_year[i] for i in shape.to_estimate], sigma, ratio  # type: ignore[operator]


# --------------------------------------------------------------------------- pace


@quick_init
@dataclass(frozen=True, slots=True)
class Pace:
    """Progress toward the annual target against the share expected by now (ratios)."""

    progress: float
    expected: float
    lag: float  # > 0: behind


def pace_of(
    kpi: Kpi,
    months: Sequence[YearMonth],
    actuals: Sequence[float | None],
    targets: Sequence[float | None],
    *,
    active: Sequence[bool] | None = None,
    shape: Shape | None = None,
) -> Pace | None:
    """BurningOKR-style pace (rules in the module docstring); None when it has no meaning.
    ``active`` and ``shape`` (:func:`~domain.shape.shape_of` of ``actuals``) may be passed when
    the caller has them already."""
    if kpi.direction is _RANGE:
        return None
    if kpi.aggregation is _SUM:
        if len(actuals) != len(targets):
            raise ValueError((len(actuals), len(targets)))
        if None in targets:
            total = math.fsum([t for t in targets if t is not None])
        else:
            total = math.fsum(targets)
        if total <= 0:
            return None
        if shape is not None and None not in (goals := shape.take(targets)):
            done = math.fsum(shape.take(actuals))  # the months with a value all have a target
            due = math.fsum(goals)
        else:
            done = math.fsum([a for a in actuals if a is not None])
            due = math.fsum(
                [
                    t
                    for a, t in zip(actuals, targets, strict=True)
                    if a is not None and t is not None
                ]
            )
        progress, expected = done / total, due / total
        lag = expected - progress if kpi.direction is _HIGHER else progress - expected
        return Pace(progress, expected, lag + 0.0)
    if kpi.baseline is None or kpi.annual_target is None or kpi.baseline == kpi.annual_target:
        return None
    latest = max((i for i, a in enumerate(actuals) if a is not None), default=None)
    if latest is None:
        return None
    if active is None:
        active = [is_active(kpi, m) for m in months]
    total_active = sum(active)
    if total_active == 0:
        return None
    progress = achievement(actuals[latest], kpi.annual_target, kpi.direction, baseline=kpi.baseline)
    if progress is None:
        return None
    expected = sum(active[: latest + 1]) / total_active
    return Pace(progress, expected, expected - progress + 0.0)


# --------------------------------------------------------------------------- early warnings


class WarningKind(StrEnum):
    FORECAST = "forecast"  # このペースだと年度末に目標の87%
    PACE = "pace"  # progress lags the elapsed share of the year


class Severity(StrEnum):
    CAUTION = "caution"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class WarningSettings:
    pace_caution: float = 0.2  # BurningOKR's default InDanger distance
    pace_critical: float = 0.4  # … and OffTrack
    grace_day: int = 10  # a month's value is due by this day of the following month


DEFAULT_WARNINGS = WarningSettings()
_S_CRITICAL, _S_CAUTION = Severity.CRITICAL, Severity.CAUTION
_W_FORECAST, _W_PACE = WarningKind.FORECAST, WarningKind.PACE


@quick_init
@dataclass(frozen=True, slots=True)
class EarlyWarning:
    """``value`` is the forecast achievement (FORECAST) or the progress (PACE); ``expected`` is
    the 注意 threshold (FORECAST) or the share expected by now (PACE)."""

    kpi_id: int
    kind: WarningKind
    severity: Severity
    value: float
    expected: float


def early_warnings(
    kpi: Kpi,
    forecast: Forecast,
    pace: Pace | None,
    thresholds: Thresholds,
    targets: Sequence[float | None],
    settings: WarningSettings = DEFAULT_WARNINGS,
) -> tuple[EarlyWarning, ...]:
    """Warnings of one KPI while its year is still open (``forecast.is_estimate``); ``targets``
    are the monthly targets the forecast was made against."""
    if not forecast.is_estimate:
        return ()
    found: list[EarlyWarning] = []
    reached = forecast.achievement
    if reached is not None and status_of(reached, thresholds) is _MISSED:
        band = forecast_band(kpi, forecast, targets)
        best = band.achievement_high if band and band.achievement_high is not None else reached
        missed_anyway = status_of(best, thresholds) is _MISSED
        severity = _S_CRITICAL if missed_anyway else _S_CAUTION
        found.append(EarlyWarning(kpi.id, _W_FORECAST, severity, reached, thresholds.caution))
    if pace is not None and pace.lag > settings.pace_caution:
        severity = _S_CRITICAL if pace.lag > settings.pace_critical else _S_CAUTION
        found.append(EarlyWarning(kpi.id, _W_PACE, severity, pace.progress, pace.expected))
    return tuple(found)
