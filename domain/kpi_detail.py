"""One KPI in detail for one fiscal year: the figures of its dashboard tile plus the value notes and
target revisions, and the series a chart draws (monthly or cumulative) — pure, shared by the
screen's chart and the PDF's small charts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.dashboard import DashboardSettings, KpiTile, build_tile
from domain.errors import CompanyMissing
from domain.fiscal import YearMonth, fiscal_months
from domain.forecast import Band, forecast_band
from domain.missing_entries import is_overdue
from domain.model import Aggregation, Company, Department, Series
from domain.ports import UnitOfWork
from domain.target_revision import TargetRevision


@dataclass(frozen=True, slots=True)
class KpiDetail:
    company: Company
    department: Department
    fiscal_year: int
    months: tuple[YearMonth, ...]
    tile: KpiTile
    notes: tuple[str, ...]  # this year's value notes, by fiscal month
    band: Band | None
    revisions: tuple[TargetRevision, ...]

    @property
    def can_accumulate(self) -> bool:
        """A cumulative view means something for SUM KPIs only."""
        return self.tile.kpi.aggregation is Aggregation.SUM


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """What a KPI chart draws, by fiscal month (None = no point). ``forecast`` runs from the last
    month with a value to the year-end; ``band_low``/``band_high`` surround it."""

    months: tuple[YearMonth, ...]
    cumulative: bool
    actual: tuple[float | None, ...]
    target: tuple[float | None, ...]
    last_year: tuple[float | None, ...]
    forecast: tuple[float | None, ...]
    band_low: tuple[float | None, ...]
    band_high: tuple[float | None, ...]


def _running(values: Sequence[float | None], *, keep_gaps: bool) -> list[float | None]:
    """Running totals; with ``keep_gaps`` a month without a value has no point (the total carries
    on), otherwise it counts as 0. None until the first value."""
    total = None
    result: list[float | None] = []
    for value in values:
        if value is not None:
            total = (total or 0.0) + value
            result.append(total)
        else:
            result.append(None if keep_gaps or total is None else total)
    return result


def _clip(value: float, bounds: tuple[float | None, float | None]) -> float:
    low, high = bounds
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def chart_series(tile: KpiTile, months: Sequence[YearMonth], *, cumulative: bool) -> ChartSeries:
    """The series of ``tile`` for a chart. Monthly: the actual values, monthly targets, last year's
    values, and the estimates with ``±sigma`` (one month's spread). Cumulative (SUM KPIs): running
    totals; the forecast line accumulates the projected months and its band widens by
    ``sigma·√j`` after ``j`` estimated months, ending at the year-end band."""
    n = len(months)
    forecast = tile.forecast
    last = max((i for i, v in enumerate(tile.actuals) if v is not None), default=None)
    line: list[float | None] = [None] * n
    low: list[float | None] = [None] * n
    high: list[float | None] = [None] * n
    sigma = forecast.sigma
    if cumulative:
        actual = _running(tile.actuals, keep_gaps=True)
        target = _running(tile.targets, keep_gaps=False)
        last_year = _running(tile.last_year, keep_gaps=True)
        if last is not None and forecast.is_estimate:
            projected = _running(forecast.projected, keep_gaps=False)
            estimated_so_far = 0
            for i in range(n):
                if forecast.estimated[i]:
                    estimated_so_far += 1
                if i < last:
                    continue
                line[i] = projected[i]
                if sigma is not None and line[i] is not None:
                    spread = sigma * math.sqrt(estimated_so_far)
                    low[i], high[i] = line[i] - spread, line[i] + spread  # type: ignore[operator]
    else:
        actual = list(tile.actuals)
        target = list(tile.targets)
        last_year = list(tile.last_year)
        if last is not None and forecast.is_estimate:
            line[last] = low[last] = high[last] = tile.actuals[last]
            for i in range(last + 1, n):
                raw = forecast.raw[i] if forecast.raw else None
                if raw is None:
                    continue
                line[i] = forecast.projected[i]
                if sigma is not None:
                    low[i] = _clip(raw - sigma, forecast.bounds)
                    high[i] = _clip(raw + sigma, forecast.bounds)
    return ChartSeries(
        tuple(months),
        cumulative,
        tuple(actual),
        tuple(target),
        tuple(last_year),
        tuple(line),
        tuple(low),
        tuple(high),
    )


def load_kpi_detail(
    uow: UnitOfWork,
    *,
    kpi_id: int,
    fiscal_year: int,
    today: date,
    settings: DashboardSettings | None = None,
) -> KpiDetail:
    with uow:
        company = uow.company.get()
        if company is None:
            raise CompanyMissing()
        if settings is None:
            settings = DashboardSettings(warnings=uow.dashboard.warning_settings())
        kpi = uow.kpis.get(kpi_id)
        department = uow.departments.get(kpi.department_id)
        owner = "" if kpi.owner_id is None else uow.members.get(kpi.owner_id).name
        months = fiscal_months(fiscal_year, company.fiscal_year_start)
        previous = months[0].add(-12)
        cells = uow.values.read(Series.ACTUAL, [kpi_id], previous, months[-1])
        stored = uow.values.read(Series.TARGET, [kpi_id], months[0], months[-1])
        revisions = tuple(
            r for r in uow.target_revisions.for_kpi(kpi_id) if r.fiscal_year == fiscal_year
        )
    this_year = [cells.get((kpi_id, m)) for m in months]
    before = [cells.get((kpi_id, m.add(-12))) for m in months]
    grace = settings.warnings.grace_day
    tile = build_tile(
        kpi,
        months,
        [None if c is None else c.value for c in this_year],
        {m: c.value for (_, m), c in stored.items() if c.value is not None},
        [None if c is None else c.value for c in before],
        company=company,
        today=today,
        settled=is_overdue(months[-1], today, grace),
        owner_name=owner,
        settings=settings,
    )
    return KpiDetail(
        company,
        department,
        fiscal_year,
        months,
        tile,
        tuple("" if c is None else c.note for c in this_year),
        forecast_band(kpi, tile.forecast, tile.targets),
        revisions,
    )
