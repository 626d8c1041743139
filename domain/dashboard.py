"""The dashboard report (見える化): what the screen and the department PDF both draw.

Plain frozen values: per department its mission, one tile per KPI (latest value, YTD achievement,
status, the year's monthly values for a sparkline, the forecast, pace and warnings, missing months),
open review actions and OKRs, and a summary row. :func:`build_dashboard` is pure;
:func:`load_dashboard` reads everything it needs through the unit of work in a few bulk queries;
:func:`apply_filter` narrows a built report by department, owner and status without reading again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import is_

from domain.achievement import (
    is_active,
    monthly_targets,
    period_achievement,
    status_of,
    with_step_targets,
)
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.forecast import (
    DEFAULT_SETTINGS,
    DEFAULT_WARNINGS,
    EarlyWarning,
    Forecast,
    ForecastSettings,
    Pace,
    WarningSettings,
    early_warnings,
    forecast_year_end,
    pace_of,
)
from domain.missing_entries import due_months, is_overdue, missing_months
from domain.model import Company, Department, Kpi, ObjectiveLevel, Series, Status
from domain.okr import OkrView, build_okr_views
from domain.ports import UnitOfWork
from domain.review import OpenAction
from domain.shape import Shape, shape_of
from domain.tile_cache import Kept, TileCache, reusable_tile
from domain.values import quick_init

ValueRow = tuple[int, int, float | None]  # (kpi_id, yyyymm, value)
_NONES = (None,) * 24
_STATUSES = tuple(Status)
_ACHIEVED, _CAUTION, _MISSED, _NO_DATA = (
    Status.ACHIEVED,
    Status.CAUTION,
    Status.MISSED,
    Status.NO_DATA,
)


@quick_init
@dataclass(frozen=True, slots=True)
class KpiTile:
    """One KPI on the dashboard for one fiscal year. ``actuals``/``targets`` are the twelve fiscal
    months (the sparkline); ``latest_month`` is the last month with a value."""

    kpi: Kpi
    owner_name: str
    actuals: tuple[float | None, ...]
    targets: tuple[float | None, ...]
    last_year: tuple[float | None, ...]
    latest_month: YearMonth | None
    latest_value: float | None
    ytd_achievement: float | None
    status: Status
    forecast: Forecast
    pace: Pace | None
    warnings: tuple[EarlyWarning, ...]
    missing: tuple[YearMonth, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class DepartmentSummary:
    """The company row of one department: how many KPIs are in each status, and what needs care."""

    achieved: int = 0
    caution: int = 0
    missed: int = 0
    no_data: int = 0
    warnings: int = 0
    missing_kpis: int = 0
    open_actions: int = 0

    @property
    def kpis(self) -> int:
        return self.achieved + self.caution + self.missed + self.no_data


@quick_init
@dataclass(frozen=True, slots=True)
class DepartmentSection:
    department: Department
    tiles: tuple[KpiTile, ...]
    open_actions: tuple[OpenAction, ...]
    okrs: tuple[OkrView, ...]
    summary: DepartmentSummary


@dataclass(frozen=True, slots=True)
class DashboardSettings:
    forecast: ForecastSettings = DEFAULT_SETTINGS
    warnings: WarningSettings = DEFAULT_WARNINGS


@dataclass(frozen=True, slots=True)
class DashboardReport:
    company: Company
    fiscal_year: int
    months: tuple[YearMonth, ...]
    today: date
    settled: bool  # the year is over and its last month is past its deadline
    sections: tuple[DepartmentSection, ...]
    owners: Mapping[int, str] = field(default_factory=dict)  # member id → name
    settings: DashboardSettings = DashboardSettings()  # noqa: RUF009 (frozen)

    def tiles(self) -> Iterable[KpiTile]:
        for section in self.sections:
            yield from section.tiles

    def tile(self, kpi_id: int) -> KpiTile | None:
        return next((t for t in self.tiles() if t.kpi.id == kpi_id), None)

    def department(self, department_id: int) -> Department | None:
        found = (s.department for s in self.sections if s.department.id == department_id)
        return next(found, None)


@dataclass(frozen=True, slots=True)
class DashboardFilter:
    """Empty fields do not filter. ``statuses`` keeps tiles whose YTD status is one of them."""

    department_id: int | None = None
    owner_id: int | None = None
    statuses: frozenset[Status] = frozenset()


def default_fiscal_year(today: date, fiscal_year_start: int) -> int:
    """The fiscal year of the last finished month (in April: the year just closed)."""
    return fiscal_year_of(YearMonth(today.year, today.month).add(-1), fiscal_year_start)


def summarize(tiles: Sequence[KpiTile], open_actions: int) -> DepartmentSummary:
    counts = dict.fromkeys(_STATUSES, 0)  # (iterating the enum class itself is slow)
    warned = missing = 0
    for tile in tiles:
        counts[tile.status] += 1
        if tile.warnings:
            warned += 1
        if tile.missing:
            missing += 1
    return DepartmentSummary(
        counts[_ACHIEVED],
        counts[_CAUTION],
        counts[_MISSED],
        counts[_NO_DATA],
        warned,
        missing,
        open_actions,
    )


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
    due: Sequence[int] | None = None,
    shape: Shape | None = None,
    missing: tuple[YearMonth, ...] | None = None,
) -> KpiTile:
    """One tile. What a caller building many tiles has already may be passed in: ``overdue``
    (per month, the same for every KPI), ``active`` (:func:`is_active` per month), ``targets``
    (:func:`monthly_targets` of ``stored_targets``), ``due`` (:func:`due_months` of ``active``
    and ``overdue``), ``shape`` (:func:`shape_of` of ``actuals``, ``last_year`` and ``active``)
    and ``missing`` (:func:`missing_months`)."""
    grace = settings.warnings.grace_day
    if overdue is None:
        overdue = [is_overdue(m, today, grace) for m in months]
    if active is None:
        active = tuple([is_active(kpi, m) for m in months])
    if targets is None:
        targets = monthly_targets(kpi, months, stored_targets)
    if shape is None:
        shape = shape_of(actuals, last_year, active)
    latest = shape.latest
    forecast = forecast_year_end(
        kpi,
        months,
        actuals,
        targets,
        last_year=last_year,
        final=settled,
        settings=settings.forecast,
        active=active,
        shape=shape,
    )
    # nothing estimated (a settled year, every month entered): the forecast *is* the YTD figure
    reached = (
        period_achievement(kpi, actuals, targets, take=shape.take)
        if forecast.is_estimate
        else forecast.achievement
    )
    pace = None if settled else pace_of(kpi, months, actuals, targets, active=active, shape=shape)
    warnings = early_warnings(kpi, forecast, pace, company.thresholds, targets, settings.warnings)
    if missing is None:
        missing = missing_months(
            kpi, months, actuals, today, grace, active=active, overdue=overdue, due=due
        )
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
        missing,
    )


def build_dashboard(
    *,
    company: Company,
    fiscal_year: int,
    today: date,
    departments: Sequence[Department],
    kpis: Sequence[Kpi],
    owners: Mapping[int, str],
    actual_rows: Iterable[ValueRow],
    target_rows: Iterable[ValueRow],
    open_actions: Sequence[OpenAction] = (),
    okrs: Sequence[OkrView] = (),
    settings: DashboardSettings = DashboardSettings(),  # noqa: B008 (frozen)
    cache: TileCache | None = None,
) -> DashboardReport:
    """Assemble the report from bulk rows: ``actual_rows`` may span last fiscal year and this one,
    ``target_rows`` this fiscal year (other months are ignored). ``cache`` reuses unchanged
    tiles of earlier builds."""
    start = company.fiscal_year_start
    months = fiscal_months(fiscal_year, start)
    previous = fiscal_months(fiscal_year - 1, start)
    # one lookup per row: this year's months at 0…11, last year's at 12…23
    position = {m.as_int(): i for i, m in enumerate(months)}
    position.update((m.as_int(), 12 + i) for i, m in enumerate(previous))
    both_years: dict[int, list[float | None]] = {}
    last_id: object = None
    found: list[float | None] = []
    for kpi_id, ym, value in actual_rows:
        if value is None:
            continue
        index = position.get(ym)
        if index is not None:
            if kpi_id != last_id:  # (rows mostly come KPI by KPI: one lookup per run of rows)
                found = both_years.get(kpi_id)  # type: ignore[assignment]
                if found is None:
                    found = both_years[kpi_id] = [None] * 24
                last_id = kpi_id
            found[index] = value
    stored: dict[int, list[float | None]] = {}  # step targets by fiscal month
    for kpi_id, ym, value in target_rows:
        index = position.get(ym)
        if value is not None and index is not None and index < 12:
            steps = stored.get(kpi_id)
            if steps is None:
                steps = stored[kpi_id] = [None] * 12
            steps[index] = value
    overdue = [is_overdue(m, today, settings.warnings.grace_day) for m in months]
    settled = overdue[-1]
    empty: tuple[float | None, ...] = (None,) * 12
    no_targets: dict[YearMonth, float] = {}
    generation = (company, fiscal_year, tuple(overdue), settings)
    reuse = None if cache is None else cache.tiles(generation)
    fresh: dict[int, Kept] = {}
    by_department: dict[int, list[KpiTile]] = {}
    # most KPIs share their active months and (without stored targets) their monthly targets
    active_of: dict[object, tuple[bool, ...]] = {}
    derived_of: dict[object, tuple[float | None, ...]] = {}
    due_of: dict[int, tuple[int, ...]] = {}  # by id of a tuple in active_of
    shapes: dict[object, tuple[Shape, tuple[YearMonth, ...]]] = {}  # and the missing months
    for kpi in kpis:
        values = both_years.get(kpi.id)
        if values is None:
            actuals: tuple[float | None, ...] = empty
            previous_values: tuple[float | None, ...] = empty
        else:
            actuals, previous_values = tuple(values[:12]), tuple(values[12:])
        steps = stored.get(kpi.id)
        targets = empty if steps is None else tuple(steps)
        owner = owners.get(kpi.owner_id, "") if kpi.owner_id is not None else ""
        tile = None
        if reuse is not None:
            tile = reusable_tile(reuse.get(kpi.id), kpi, actuals, targets, previous_values, owner)
        if tile is None:
            running = (kpi.active_months, kpi.start, kpi.deadline)
            active = active_of.get(running)
            if active is None:
                active = active_of[running] = tuple([is_active(kpi, m) for m in months])
                due_of[id(active)] = due_months(active, overdue)
            # which of the 24 months have a value, and the active months: most KPIs share them
            pattern = (None if values is None else tuple(map(is_, values, _NONES)), id(active))
            shared = shapes.get(pattern)
            if shared is None:
                shape = shape_of(actuals, previous_values, active)
                due = due_of[id(active)]
                missing = tuple([months[i] for i in due if actuals[i] is None])
                shared = shapes[pattern] = (shape, missing)
            # repr: 0.0 and -0.0 (or 1 and 1.0) are equal keys but split differently;
            # id(active): one tuple per shape above, alive for the whole build
            derived_key = (repr(kpi.annual_target), kpi.aggregation, id(active))
            derived = derived_of.get(derived_key)
            if derived is None:
                derived = derived_of[derived_key] = tuple(
                    monthly_targets(kpi, months, no_targets, active=active)
                )
            monthly = derived if steps is None else with_step_targets(derived, steps)
            tile = build_tile(
                kpi,
                months,
                actuals,
                no_targets,  # (the monthly targets are given)
                previous_values,
                company=company,
                today=today,
                settled=settled,
                owner_name=owner,
                settings=settings,
                overdue=overdue,
                active=active,
                targets=monthly,
                shape=shared[0],
                missing=shared[1],
            )
        if reuse is not None:
            fresh[kpi.id] = (kpi, actuals, targets, previous_values, owner, tile)
        by_department.setdefault(kpi.department_id, []).append(tile)
    if cache is not None:
        cache.keep(generation, fresh)
    actions: dict[int, list[OpenAction]] = {}
    for action in open_actions:
        actions.setdefault(action.department_id, []).append(action)
    okr_by_department: dict[int | None, list[OkrView]] = {}
    for view in okrs:
        okr_by_department.setdefault(view.objective.department_id, []).append(view)
    sections = []
    for dept in departments:
        tiles = tuple(by_department.get(dept.id, ()))
        dept_actions = tuple(actions.get(dept.id, ()))
        sections.append(
            DepartmentSection(
                dept,
                tiles,
                dept_actions,
                tuple(okr_by_department.get(dept.id, ())),
                summarize(tiles, len(dept_actions)),
            )
        )
    return DashboardReport(
        company, fiscal_year, months, today, settled, tuple(sections), dict(owners), settings
    )


def apply_filter(report: DashboardReport, criteria: DashboardFilter) -> DashboardReport:
    """The report narrowed to ``criteria``; departments left with no tile are dropped unless the
    department itself was asked for. Summaries count what is left."""
    if criteria == DashboardFilter():
        return report
    sections = []
    for section in report.sections:
        if criteria.department_id is not None and section.department.id != criteria.department_id:
            continue
        tiles = tuple(
            t
            for t in section.tiles
            if (criteria.owner_id is None or t.kpi.owner_id == criteria.owner_id)
            and (not criteria.statuses or t.status in criteria.statuses)
        )
        actions = tuple(
            a
            for a in section.open_actions
            if criteria.owner_id is None or a.action.owner_id == criteria.owner_id
        )
        narrowed = criteria.owner_id is not None or bool(criteria.statuses)
        if not tiles and narrowed and criteria.department_id is None:
            continue
        sections.append(
            replace(
                section, tiles=tiles, open_actions=actions, summary=summarize(tiles, len(actions))
            )
        )
    return replace(report, sections=tuple(sections))


def load_dashboard(
    uow: UnitOfWork,
    *,
    fiscal_year: int,
    today: date,
    settings: DashboardSettings | None = None,
    cache: TileCache | None = None,
) -> DashboardReport:
    """Read what the dashboard of ``fiscal_year`` needs (bulk queries) and build the report;
    ``cache`` reuses unchanged tiles of earlier loads (see :class:`TileCache`)."""
    with uow:
        company = uow.company.get()
        if company is None:
            from domain.errors import CompanyMissing

            raise CompanyMissing()
        if settings is None:
            settings = DashboardSettings(warnings=uow.dashboard.warning_settings())
        start = company.fiscal_year_start
        months = fiscal_months(fiscal_year, start)
        first_previous = months[0].add(-12)
        departments = uow.departments.list()
        owners = uow.dashboard.owner_names()
        kpis = uow.dashboard.kpis({} if cache is None else cache.kpis)
        actual_rows = uow.dashboard.value_rows(
            Series.ACTUAL, first_previous.as_int(), months[-1].as_int()
        )
        target_rows = uow.dashboard.value_rows(
            Series.TARGET, months[0].as_int(), months[-1].as_int()
        )
        actions = uow.reviews.open_actions()
        objectives = [
            o
            for o in uow.objectives.list()
            if o.level is ObjectiveLevel.OKR and o.fiscal_year == fiscal_year
        ]
        key_results = uow.okrs.key_results([o.id for o in objectives]) if objectives else []
        check_ins = uow.okrs.check_ins([k.id for k in key_results]) if key_results else []
    okrs = build_okr_views(objectives, key_results, check_ins, today=today, fiscal_year_start=start)
    return build_dashboard(
        company=company,
        fiscal_year=fiscal_year,
        today=today,
        departments=departments,
        kpis=kpis,
        owners=owners,
        actual_rows=actual_rows,
        target_rows=target_rows,
        open_actions=actions,
        okrs=okrs,
        settings=settings,
        cache=cache,
    )


def save_warning_settings(uow: UnitOfWork, settings: WarningSettings) -> None:
    """Store the grace day and pace thresholds with the data (they change results)."""
    if not 1 <= settings.grace_day <= 28 or not 0 < settings.pace_caution <= settings.pace_critical:
        raise ValueError(settings)
    with uow:
        uow.dashboard.save_warning_settings(settings)
        uow.commit()
