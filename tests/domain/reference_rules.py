"""The period, forecast, pace, warning and tile rules as they were before the dashboard speed work
(commit 6ee91c4), kept verbatim as an oracle: tests/domain/test_rules_unchanged.py checks that the
faster implementations give exactly the same results. Not used by the application."""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from domain.achievement import (
    PeriodFigures,
    _has_band,
    achievement,
    aggregate,
    is_active,
    monthly_targets,
    status_of,
)
from domain.dashboard import DashboardSettings, KpiTile
from domain.fiscal import YearMonth
from domain.forecast import (
    DEFAULT_SETTINGS,
    DEFAULT_WARNINGS,
    Band,
    EarlyWarning,
    Forecast,
    ForecastSettings,
    Method,
    Pace,
    Reason,
    Severity,
    WarningKind,
    WarningSettings,
)
from domain.missing_entries import is_overdue, missing_months
from domain.model import (
    LEVEL_COUNT,
    Aggregation,
    Company,
    Direction,
    Kpi,
    KpiKind,
    Status,
    Thresholds,
)


def period_figures(
    kpi: Kpi, actuals: Sequence[float | None], targets: Sequence[float | None]
) -> PeriodFigures:
    """Aggregate a period's monthly actuals and targets (same length, same months) for comparison.

    Only months that have an actual count. SUM and AVERAGE use the months that have *both* an
    actual and a target (a month with an actual but no target is left out of both sides, so the
    sides cover the same months): Σactual vs Σtarget, mean vs mean. LAST: the latest actual vs the
    target of that same month (``None`` if that month has none). MIN/MAX: min/max of the actuals
    vs min/max of the targets of those months. A RANGE KPI with a band compares the aggregated
    actual of all months with an actual to the band, so its ``target`` is informative only.
    """
    if len(actuals) != len(targets):
        raise ValueError((len(actuals), len(targets)))
    with_actual = [(a, t) for a, t in zip(actuals, targets, strict=True) if a is not None]
    aggregation = kpi.aggregation
    if _has_band(kpi) or aggregation in (Aggregation.MIN, Aggregation.MAX):
        pairs = with_actual
    elif aggregation is Aggregation.LAST:
        pairs = with_actual[-1:]
    else:
        pairs = [(a, t) for a, t in with_actual if t is not None]
    if not pairs:
        return PeriodFigures(None, None, 0)
    actual = aggregate((a for a, _ in pairs), aggregation)
    target = aggregate((t for _, t in pairs), aggregation)
    return PeriodFigures(actual, target, len(pairs))


def period_actual(kpi: Kpi, actuals: Sequence[float | None]) -> float | None:
    """The period's actual figure: :func:`aggregate` of all months with a value."""
    return aggregate(actuals, kpi.aggregation)


def _scaled(value: float | None, factor: int) -> float | None:
    return None if value is None else value * factor


def period_achievement(
    kpi: Kpi, actuals: Sequence[float | None], targets: Sequence[float | None]
) -> float | None:
    """Achievement of a period (quarter, half, year to date) from :func:`period_figures`.

    For SUM the baseline and the RANGE band are per-month figures like the monthly values, so they
    are multiplied by the number of months summed (n months of baseline b sum to n·b). Other
    aggregations use them as they are.
    """
    figures = period_figures(kpi, actuals, targets)
    if figures.actual is None:
        return None
    factor = figures.months if kpi.aggregation is Aggregation.SUM else 1
    return achievement(
        figures.actual,
        figures.target,
        kpi.direction,
        baseline=_scaled(kpi.baseline, factor),
        low=_scaled(kpi.range_low, factor),
        high=_scaled(kpi.range_high, factor),
    )


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
    if kpi.kind is KpiKind.QUALITATIVE:
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
    method = Method.NONE if count == 0 else Method.ACTUAL
    return Forecast(
        method,
        Reason.NO_VALUES if count == 0 else reason,
        period_actual(kpi, actuals),
        period_achievement(kpi, actuals, targets),
        tuple(actuals),
        (False,) * len(actuals),
        values=count,
        history=history,
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
) -> Forecast:
    """Forecast the year-end figure of ``kpi`` (rules in the module docstring).

    ``months``/``actuals``/``targets`` are the fiscal year's months in order with this year's
    values and monthly targets (:func:`domain.achievement.monthly_targets`); ``last_year`` the
    previous fiscal year's values in the same fiscal positions (empty = unknown). ``final``: the
    year is settled — report the actual figures, estimate nothing. ``active`` may pass
    :func:`~domain.achievement.is_active` of each month when the caller has it already.
    """
    n = len(months)
    if not n == len(actuals) == len(targets) or len(last_year) not in (0, n):
        raise ValueError((n, len(actuals), len(targets), len(last_year)))
    observed = [(i, v) for i, v in enumerate(actuals) if v is not None]
    history = len(observed) + len(last_year) - last_year.count(None)
    if active is None:
        active = [is_active(kpi, m) for m in months]
    to_estimate = [i for i, flag in enumerate(active) if flag and actuals[i] is None]
    if final or not observed or not to_estimate:
        reason = Reason.YEAR_SETTLED if final else Reason.ALL_ENTERED
        return _settled(kpi, actuals, targets, reason, len(observed), history)

    values = [v for _, v in observed]
    r2: float | None = None
    slope: float | None = None
    level: float | None = None
    seasonal = _seasonal(observed, to_estimate, last_year, history, settings)
    if seasonal is not None:
        method, reason = Method.SEASONAL, Reason.HISTORY
        estimates, sigma_value, ratio = seasonal
    else:
        ratio = None
        fit = _fit_line(observed) if len(observed) >= settings.trend_min_points else None
        if fit is not None and fit[2] is not None and fit[2] >= settings.trend_min_r2:
            intercept, slope, r2, ss_res = fit
            method, reason = Method.LINEAR_TREND, Reason.CLEAR_TREND
            estimates = [intercept + slope * i for i in to_estimate]
            dof = len(observed) - 2
            sigma_value = math.sqrt(ss_res / dof) if dof > 0 else None
        else:
            if fit is not None:
                r2, slope = fit[2], fit[1]
            method = Method.RUN_RATE
            reason = Reason.FEW_VALUES if fit is None else Reason.NO_CLEAR_TREND
            if kpi.aggregation is Aggregation.SUM:
                level = math.fsum(values) / len(values)
            else:
                recent = values[-settings.recent_months :]
                level = math.fsum(recent) / len(recent)
            estimates = [level] * len(to_estimate)
            sigma_value = _stdev(values)

    non_negative = all(v >= 0 for v in values) and (
        not seasonal or all(v >= 0 for v in last_year if v is not None)
    )
    low, high = _bounds(kpi, non_negative)
    projected = list(actuals)
    raw: list[float | None] = [None] * n
    estimated = [False] * n
    for i, value in zip(to_estimate, estimates, strict=True):
        projected[i] = _clip(value + 0.0, low, high)
        raw[i] = value
        estimated[i] = True
    year_end = period_actual(kpi, projected)
    forecast_achievement = period_achievement(kpi, projected, targets)
    shift = None
    if sigma_value is not None:
        spread_by_month = kpi.aggregation in (Aggregation.SUM, Aggregation.AVERAGE)
        shift = sigma_value / math.sqrt(len(estimates)) if spread_by_month else sigma_value
    return Forecast(
        method,
        reason,
        year_end,
        forecast_achievement,
        tuple(projected),
        tuple(estimated),
        sigma_value,
        shift,
        len(observed),
        history,
        r2,
        slope,
        ratio,
        level,
        tuple(raw),
        (low, high),
    )


def forecast_band(kpi: Kpi, forecast: Forecast, targets: Sequence[float | None]) -> Band | None:
    """The band of an estimated forecast, or None when its spread is unknown."""
    if forecast.shift is None or not forecast.raw:
        return None
    low, high = forecast.bounds
    series = []
    for shift in (-forecast.shift, forecast.shift):
        moved = list(forecast.projected)
        for i, value in enumerate(forecast.raw):
            if value is not None:
                moved[i] = _clip(value + shift, low, high)
        series.append(moved)
    ends = [period_actual(kpi, s) for s in series]
    if ends[0] is None or ends[1] is None:
        return None
    reached = [period_achievement(kpi, s, targets) for s in series]
    if reached[0] is None or reached[1] is None:
        reached_low = reached_high = None
    else:
        reached_low, reached_high = min(reached), max(reached)  # type: ignore[type-var]
    return Band(min(ends), max(ends), reached_low, reached_high)


def _seasonal(
    observed: Sequence[tuple[int, float]],
    to_estimate: Sequence[int],
    last_year: Sequence[float | None],
    history: int,
    settings: ForecastSettings,
) -> tuple[list[float], float | None, float] | None:
    """(estimates in the order of ``to_estimate``, sigma, ratio) by last year's seasonality;
    None when the rule does not apply."""
    if history < settings.history_months or not last_year:
        return None
    for i in to_estimate:
        if last_year[i] is None:
            return None
    this_year: list[float] = []
    previous: list[float] = []
    for i, v in observed:
        p = last_year[i]
        if p is not None:
            this_year.append(v)
            previous.append(p)
    this_total = math.fsum(this_year)
    last_total = math.fsum(previous)
    if not previous or last_total <= 0 or this_total < 0:
        return None
    ratio = this_total / last_total
    residuals = [v - ratio * p for v, p in zip(this_year, previous, strict=True)]
    sigma = (
        math.sqrt(math.fsum([r * r for r in residuals]) / (len(residuals) - 1))
        if len(residuals) >= 2
        else None
    )
    return [ratio * last_year[i] for i in to_estimate], sigma, ratio  # type: ignore[operator]


def pace_of(
    kpi: Kpi,
    months: Sequence[YearMonth],
    actuals: Sequence[float | None],
    targets: Sequence[float | None],
    *,
    active: Sequence[bool] | None = None,
) -> Pace | None:
    """BurningOKR-style pace (rules in the module docstring); None when it has no meaning."""
    if kpi.direction is Direction.RANGE:
        return None
    if kpi.aggregation is Aggregation.SUM:
        total = math.fsum(t for t in targets if t is not None)
        if total <= 0:
            return None
        done = math.fsum(a for a in actuals if a is not None)
        due = math.fsum(
            t for a, t in zip(actuals, targets, strict=True) if a is not None and t is not None
        )
        progress, expected = done / total, due / total
        lag = expected - progress if kpi.direction is Direction.HIGHER else progress - expected
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
    if reached is not None and status_of(reached, thresholds) is Status.MISSED:
        band = forecast_band(kpi, forecast, targets)
        best = band.achievement_high if band and band.achievement_high is not None else reached
        missed_anyway = status_of(best, thresholds) is Status.MISSED
        severity = Severity.CRITICAL if missed_anyway else Severity.CAUTION
        found.append(
            EarlyWarning(kpi.id, WarningKind.FORECAST, severity, reached, thresholds.caution)
        )
    if pace is not None and pace.lag > settings.pace_caution:
        severity = Severity.CRITICAL if pace.lag > settings.pace_critical else Severity.CAUTION
        found.append(EarlyWarning(kpi.id, WarningKind.PACE, severity, pace.progress, pace.expected))
    return tuple(found)


def build_tile(
    kpi: Kpi,
    months: Sequence[YearMonth],
    actuals: Sequence[float | None],
    stored_targets: Mapping[YearMonth, float],
    last_year: Sequence[float | None],
    *,
    company: Company,
    today: date,
    settled: bool,
    owner_name: str = "",
    settings: DashboardSettings = DashboardSettings(),  # noqa: B008 (frozen)
    overdue: Sequence[bool] | None = None,
    active: Sequence[bool] | None = None,
    targets: Sequence[float | None] | None = None,
) -> KpiTile:
    """One tile. What a caller building many tiles has already may be passed in: ``overdue``
    (per month, the same for every KPI), ``active`` (:func:`is_active` per month) and ``targets``
    (:func:`monthly_targets` of ``stored_targets``)."""
    grace = settings.warnings.grace_day
    if overdue is None:
        overdue = [is_overdue(m, today, grace) for m in months]
    if active is None:
        active = tuple([is_active(kpi, m) for m in months])
    if targets is None:
        targets = monthly_targets(kpi, months, stored_targets)
    latest = None
    for index in range(len(actuals) - 1, -1, -1):
        if actuals[index] is not None:
            latest = index
            break
    forecast = forecast_year_end(
        kpi,
        months,
        actuals,
        targets,
        last_year=last_year,
        final=settled,
        settings=settings.forecast,
        active=active,
    )
    # nothing estimated (a settled year, every month entered): the forecast *is* the YTD figure
    reached = (
        period_achievement(kpi, actuals, targets) if forecast.is_estimate else forecast.achievement
    )
    pace = None if settled else pace_of(kpi, months, actuals, targets, active=active)
    warnings = early_warnings(kpi, forecast, pace, company.thresholds, targets, settings.warnings)
    return KpiTile(
        kpi,
        owner_name,
        tuple(actuals),
        tuple(targets),
        tuple(last_year),
        None if latest is None else months[latest],
        None if latest is None else actuals[latest],
        reached,
        status_of(reached, company.thresholds),
        forecast,
        pace,
        warnings,
        missing_months(kpi, months, actuals, today, grace, active=active, overdue=overdue),
    )
