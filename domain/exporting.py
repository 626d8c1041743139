"""The data of a fiscal-year KPI workbook: per department, each KPI's months, YTD, achievement.

storage/xlsx_writer.py draws it; the importer reads such a workbook back to the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.achievement import monthly_targets, period_achievement, period_actual, status_of
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of
from domain.model import Aggregation, Direction, Series, Status
from domain.ports import UnitOfWork
from domain.services import require_company


@dataclass(frozen=True, slots=True)
class ExportRow:
    name: str
    unit: str
    direction: Direction
    aggregation: Aggregation
    annual_target: float | None
    decimals: int
    actuals: tuple[float | None, ...]  # the 12 months
    step_targets: (
        tuple[float | None, ...] | None
    )  # stored monthly targets, None when there are none
    ytd: float | None
    achievement: float | None  # ratio, 1.0 = 100 %
    status: Status


@dataclass(frozen=True, slots=True)
class ExportDepartment:
    name: str
    rows: tuple[ExportRow, ...]


@dataclass(frozen=True, slots=True)
class KpiExport:
    company: str
    fiscal_year: int
    months: tuple[YearMonth, ...]
    departments: tuple[ExportDepartment, ...]


def build_export(uow: UnitOfWork, *, fiscal_year: int | None, today: date) -> KpiExport:
    """One department per active department (in order), its active KPIs, the fiscal year's
    months (``fiscal_year`` None = the year ``today`` falls in)."""
    with uow:
        company = require_company(uow)
        start = company.fiscal_year_start
        year = (
            fiscal_year
            if fiscal_year is not None
            else fiscal_year_of(YearMonth(today.year, today.month), start)
        )
        months = fiscal_months(year, start)
        departments = []
        for dept in uow.departments.list():
            kpis = uow.kpis.list(department_id=dept.id)
            ids = [k.id for k in kpis]
            actual_cells = uow.values.read(Series.ACTUAL, ids, months[0], months[-1])
            target_cells = uow.values.read(Series.TARGET, ids, months[0], months[-1])
            rows = []
            for kpi in kpis:
                actuals = tuple(
                    c.value if (c := actual_cells.get((kpi.id, m))) is not None else None
                    for m in months
                )
                steps = {
                    m: c.value
                    for m in months
                    if (c := target_cells.get((kpi.id, m))) is not None and c.value is not None
                }
                targets = monthly_targets(kpi, months, steps)
                achievement = period_achievement(kpi, actuals, targets)
                rows.append(
                    ExportRow(
                        kpi.name,
                        kpi.unit,
                        kpi.direction,
                        kpi.aggregation,
                        kpi.annual_target,
                        kpi.decimals,
                        actuals,
                        tuple(steps.get(m) for m in months) if steps else None,
                        period_actual(kpi, actuals),
                        achievement,
                        status_of(achievement, company.thresholds),
                    )
                )
            departments.append(ExportDepartment(dept.name, tuple(rows)))
    return KpiExport(company.name, year, months, tuple(departments))
