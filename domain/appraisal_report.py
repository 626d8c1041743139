"""Report values of the appraisal feature: one sheet (評価シート) and a period overview.

The screen and the PDF draw the same values, built here from one read of the database. A KPI
linked to a goal brings its monthly actuals and targets over the months of the period, its period
figure and achievement (domain.achievement.period_achievement — the one achievement formula).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.achievement import monthly_targets, period_achievement, period_figures
from domain.appraisal_model import (
    Action,
    Adjustment,
    Appraisal,
    AppraisalItem,
    AppraisalPeriod,
    Block,
    Interview,
    Role,
    Stage,
)
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.model import Kpi, Member, Series
from domain.ports import UnitOfWork
from domain.scoring import ItemScore, SheetScore, score_from_achievement, score_sheet


def period_months(period: AppraisalPeriod) -> tuple[YearMonth, ...]:
    """The calendar months the period touches, first to last."""
    first = YearMonth(period.start.year, period.start.month)
    last = YearMonth(period.end.year, period.end.month)
    return tuple(first.add(i) for i in range(first.months_until(last) + 1))


@dataclass(frozen=True, slots=True)
class KpiTrend:
    """A linked KPI over the period: monthly actuals and targets, period figure, achievement."""

    kpi: Kpi
    months: tuple[YearMonth, ...]
    actuals: tuple[float | None, ...]
    targets: tuple[float | None, ...]
    actual: float | None  # the period figure (KPI's aggregation)
    achievement: float | None


def load_trends(
    uow: UnitOfWork, period: AppraisalPeriod, kpi_ids: Iterable[int], fiscal_year_start: int
) -> dict[int, KpiTrend]:
    """Trends of the given KPIs over ``period`` (inside an open unit of work). Monthly targets
    come from the whole fiscal year (an annual target is spread over the fiscal year, not over
    the appraisal period), then the period's months are taken."""
    ids = sorted(set(kpi_ids))
    if not ids:
        return {}
    months = period_months(period)
    years = sorted({fiscal_year_of(m, fiscal_year_start) for m in months})
    year_months = {y: fiscal_months(y, fiscal_year_start) for y in years}
    first = year_months[years[0]][0]
    last = year_months[years[-1]][-1]
    actual_cells = uow.values.read(Series.ACTUAL, ids, months[0], months[-1])
    target_cells = uow.values.read(Series.TARGET, ids, first, last)
    kpis = {k.id: k for k in uow.kpis.list(include_archived=True) if k.id in ids}
    trends: dict[int, KpiTrend] = {}
    for kpi_id, kpi in kpis.items():
        targets: dict[YearMonth, float | None] = {}
        for year in years:
            fy = year_months[year]
            stored = {
                m: c.value
                for m in fy
                if (c := target_cells.get((kpi_id, m))) is not None and c.value is not None
            }
            targets.update(zip(fy, monthly_targets(kpi, fy, stored), strict=True))
        actuals = tuple(
            c.value if (c := actual_cells.get((kpi_id, m))) is not None else None for m in months
        )
        target_row = tuple(targets.get(m) for m in months)
        trends[kpi_id] = KpiTrend(
            kpi=kpi,
            months=months,
            actuals=actuals,
            targets=target_row,
            actual=period_figures(kpi, actuals, target_row).actual,
            achievement=period_achievement(kpi, actuals, target_row),
        )
    return trends


@dataclass(frozen=True, slots=True)
class ItemReport:
    item: AppraisalItem
    counted: ItemScore
    trend: KpiTrend | None
    proposed: float | None  # score proposed by the KPI's achievement bands


@dataclass(frozen=True, slots=True)
class SheetReport:
    """Everything a 評価シート shows. ``hide_second`` is the 一次評価者's copy: 二次 scores,
    comment and grade are left out and the totals are those of the 一次 evaluation."""

    company_name: str
    period: AppraisalPeriod
    sheet: Appraisal
    member: Member
    department_name: str
    mission: str
    first_evaluator: str
    second_evaluator: str
    items: tuple[ItemReport, ...]
    score: SheetScore
    self_score: SheetScore
    first_score: SheetScore
    second_score: SheetScore | None  # None when hidden or there is no 二次評価者
    finalized_on: date | None
    hide_second: bool = False

    @property
    def stage(self) -> Stage:
        return self.sheet.stage

    def items_in(self, block: Block) -> tuple[ItemReport, ...]:
        return tuple(r for r in self.items if r.item.block is block)

    @property
    def trends(self) -> tuple[KpiTrend, ...]:
        seen: dict[int, KpiTrend] = {}
        for r in self.items:
            if r.trend is not None:
                seen.setdefault(r.trend.kpi.id, r.trend)
        return tuple(seen.values())

    @property
    def adjustments(self) -> tuple[Adjustment, ...]:
        return self.sheet.adjustments

    @property
    def interviews(self) -> tuple[Interview, ...]:
        return self.sheet.interviews

    @property
    def show_second(self) -> bool:
        return self.sheet.has_second and not self.hide_second


def _finalized_on(sheet: Appraisal) -> date | None:
    if sheet.stage is not Stage.FINAL:
        return None
    finals = [e.at.date() for e in sheet.events if e.action is Action.FINALIZE]
    return finals[-1] if finals else None


def sheet_report(
    sheet: Appraisal,
    *,
    company_name: str,
    period: AppraisalPeriod,
    members: Mapping[int, Member],
    departments: Mapping[int, tuple[str, str]],
    trends: Mapping[int, KpiTrend],
    hide_second: bool = False,
) -> SheetReport:
    """Assemble the report of one sheet from values already read (pure).
    ``departments`` maps ids to (name, mission)."""
    member = members[sheet.member_id]
    dept_name, mission = departments.get(member.department_id or -1, ("", ""))
    achievements = {k: t.achievement for k, t in trends.items()}
    rules = period.rules
    upto = Role.FIRST if hide_second else Role.SECOND
    score = score_sheet(sheet, rules, achievements, upto=upto)
    items = []
    scored = {b.block: iter(b.items) for b in score.blocks}
    for item in sheet.items:
        trend = trends.get(item.kpi_id) if item.kpi_id is not None else None
        items.append(
            ItemReport(
                item=item,
                counted=next(scored[item.block]),
                trend=trend,
                proposed=score_from_achievement(
                    trend.achievement if trend else None, rules.achievement_bands
                ),
            )
        )

    def name_of(member_id: int | None) -> str:
        return members[member_id].name if member_id in members else ""

    show_second = sheet.has_second and not hide_second
    return SheetReport(
        company_name=company_name,
        period=period,
        sheet=sheet,
        member=member,
        department_name=dept_name,
        mission=mission,
        first_evaluator=name_of(sheet.first_evaluator_id),
        second_evaluator=name_of(sheet.second_evaluator_id),
        items=tuple(items),
        score=score,
        self_score=score_sheet(sheet, rules, achievements, upto=Role.SELF),
        first_score=score_sheet(sheet, rules, achievements, upto=Role.FIRST),
        second_score=score_sheet(sheet, rules, achievements) if show_second else None,
        finalized_on=_finalized_on(sheet),
        hide_second=hide_second,
    )


def build_reports(
    uow: UnitOfWork,
    period_id: int,
    *,
    department_id: int | None = None,
    employee_no: str | None = None,
    appraisal_ids: Sequence[int] | None = None,
    hide_second: bool = False,
) -> list[SheetReport]:
    """Reports of a period's sheets (all, one department's, one member's, or the given ids),
    ordered by department order then employee number; one read of the database."""
    with uow:
        company = uow.company.get()
        period = uow.appraisals.get_period(period_id)
        members = {m.id: m for m in uow.members.list(include_archived=True)}
        depts = uow.departments.list(include_archived=True)
        sheets = uow.appraisals.list_sheets(period_id)
        if appraisal_ids is not None:
            wanted = set(appraisal_ids)
            sheets = [s for s in sheets if s.id in wanted]
        if department_id is not None:
            sheets = [s for s in sheets if members[s.member_id].department_id == department_id]
        if employee_no is not None:
            sheets = [s for s in sheets if members[s.member_id].employee_no == employee_no]
        kpi_ids = {i.kpi_id for s in sheets for i in s.items if i.kpi_id is not None}
        fiscal_start = company.fiscal_year_start if company else 4
        trends = load_trends(uow, period, kpi_ids, fiscal_start)
    order = {d.id: (d.sort_order, d.id) for d in depts}
    sheets.sort(
        key=lambda s: (
            order.get(members[s.member_id].department_id or -1, (10**9, 0)),
            members[s.member_id].employee_no,
        )
    )
    dept_info = {d.id: (d.name, d.mission) for d in depts}
    return [
        sheet_report(
            s,
            company_name=company.name if company else "",
            period=period,
            members=members,
            departments=dept_info,
            trends=trends,
            hide_second=hide_second,
        )
        for s in sheets
    ]


def sheet_report_for(
    uow: UnitOfWork, appraisal_id: int, *, hide_second: bool = False
) -> SheetReport:
    with uow:
        period_id = uow.appraisals.get_sheet(appraisal_id).period_id
    return build_reports(uow, period_id, appraisal_ids=[appraisal_id], hide_second=hide_second)[0]


# --- period overview --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverviewRow:
    appraisal_id: int
    employee_no: str
    name: str
    department_name: str
    title: str
    grade_level: str  # 等級
    stage: Stage
    first_evaluator: str
    second_evaluator: str
    points: float | None
    grade: str | None


@dataclass(frozen=True, slots=True)
class PeriodOverview:
    company_name: str
    period: AppraisalPeriod
    rows: tuple[OverviewRow, ...]
    distribution: tuple[tuple[str, int], ...]  # every band's grade in band order, with its count
    unscored: int  # sheets without a score yet
    stages: tuple[tuple[Stage, int], ...]


def overview_of(
    reports: Sequence[SheetReport], period: AppraisalPeriod, company_name: str
) -> PeriodOverview:
    rows = tuple(
        OverviewRow(
            appraisal_id=r.sheet.id,
            employee_no=r.member.employee_no,
            name=r.member.name,
            department_name=r.department_name,
            title=r.member.title,
            grade_level=r.member.grade,
            stage=r.stage,
            first_evaluator=r.first_evaluator,
            second_evaluator=r.second_evaluator,
            points=r.score.points,
            grade=r.score.grade,
        )
        for r in reports
    )
    counts = Counter(row.grade for row in rows if row.grade is not None)
    bands = sorted(period.rules.grade_bands, key=lambda b: b.min_points, reverse=True)
    stage_counts = Counter(row.stage for row in rows)
    return PeriodOverview(
        company_name=company_name,
        period=period,
        rows=rows,
        distribution=tuple((b.grade, counts.get(b.grade, 0)) for b in bands),
        unscored=sum(1 for row in rows if row.grade is None),
        stages=tuple((s, stage_counts.get(s, 0)) for s in Stage),
    )


def period_overview(
    uow: UnitOfWork, period_id: int, *, department_id: int | None = None
) -> PeriodOverview:
    """Every sheet of the period with status, score and grade, and the grade distribution."""
    reports = build_reports(uow, period_id, department_id=department_id)
    with uow:
        period = uow.appraisals.get_period(period_id)
        company = uow.company.get()
    return overview_of(reports, period, company.name if company else "")
