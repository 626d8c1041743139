"""Writing the demo company (domain.demo.DemoData) into an empty database in one transaction."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from domain.demo_appraisal_seed import seed_appraisals
from domain.demo_dashboard import seed_reviews_and_okrs
from domain.errors import MierukaError
from domain.model import CellValue, Company, Department, Member, Objective, ObjectiveLevel, Series
from domain.ports import Cell, UnitOfWork
from domain.services import Source

if TYPE_CHECKING:
    from domain.demo import DemoData


class DatabaseNotEmpty(MierukaError):
    """The demo is only written into a database that has no company yet."""


def create_demo_company(uow: UnitOfWork, data: DemoData, *, user: str = "demo") -> Company:
    with uow:
        if uow.company.get() is not None:
            raise DatabaseNotEmpty()
        company = uow.company.add(Company(0, data.company_name, data.fiscal_year_start))
        kgi_ids: dict[str, int] = {}
        for order, title in enumerate(data.kgis):
            kgi = uow.objectives.add(Objective(0, title, ObjectiveLevel.KGI, sort_order=order))
            kgi_ids[title] = kgi.id
        dept_ids: dict[str, int] = {}
        goal_ids: dict[tuple[str, str], int] = {}
        for order, d in enumerate(data.departments):
            dept = uow.departments.add(
                Department(0, d.name, d.mission, kgi_ids.get(d.kgi), sort_order=order)
            )
            dept_ids[d.name] = dept.id
            for g_order, goal in enumerate(d.goals):
                added = uow.objectives.add(
                    Objective(
                        0,
                        goal,
                        ObjectiveLevel.DEPARTMENT,
                        parent_id=kgi_ids.get(d.kgi),
                        department_id=dept.id,
                        sort_order=g_order,
                    )
                )
                goal_ids[(d.name, goal)] = added.id
        member_ids: dict[str, int] = {}
        for m in data.members:
            added_m = uow.members.add(
                Member(0, m.employee_no, m.name, dept_ids.get(m.department), m.title, m.grade)
            )
            member_ids[m.employee_no] = added_m.id
        order_in_dept: dict[int, int] = {}
        for demo_kpi in data.kpis:
            dept_id = dept_ids[demo_kpi.department]
            order = order_in_dept.get(dept_id, 0)
            order_in_dept[dept_id] = order + 1
            objective_id = (
                goal_ids.get((demo_kpi.department, demo_kpi.objective))
                if demo_kpi.objective
                else None
            )
            kpi = uow.kpis.add(
                replace(
                    demo_kpi.kpi,
                    id=0,
                    department_id=dept_id,
                    objective_id=objective_id,
                    owner_id=member_ids.get(demo_kpi.owner_no or ""),
                    sort_order=order,
                )
            )
            actuals: dict[Cell, CellValue] = {}
            for month, value in demo_kpi.actuals.items():
                actuals[(kpi.id, month)] = CellValue(value, demo_kpi.notes.get(month, ""))
            uow.values.put_many(Series.ACTUAL, actuals, user=user)
            targets = {
                (kpi.id, month): CellValue(value)
                for month, value in demo_kpi.monthly_targets.items()
            }
            uow.values.put_many(Series.TARGET, targets, user=user)
        if data.appraisals is not None:
            kpi_ids = {k.name: k.id for k in uow.kpis.list(include_archived=True)}
            seed_appraisals(uow, data.appraisals, member_ids, kpi_ids, user=user)
        months = [m for k in data.kpis for m in k.actuals]
        if months:
            seed_reviews_and_okrs(
                uow, department_ids=dept_ids, member_ids=member_ids, last_month=max(months),
                fiscal_year_start=data.fiscal_year_start, user=user,
            )
        uow.commit()
        return company


__all__ = ["DatabaseNotEmpty", "Source", "create_demo_company"]
