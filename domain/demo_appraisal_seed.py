"""Writing the demo appraisal period (domain.demo_appraisal) inside the demo's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from domain.appraisal_model import Appraisal, AppraisalEvent
from domain.demo_appraisal import DemoAppraisals
from domain.ports import UnitOfWork


def seed_appraisals(
    uow: UnitOfWork,
    data: DemoAppraisals,
    member_ids: Mapping[str, int],
    kpi_ids: Mapping[str, int],
    *,
    user: str,
) -> None:
    """Add the period and its sheets (stages and their recorded history) to an open unit of
    work; the caller commits."""
    period = uow.appraisals.add_period(data.period)
    for demo in data.sheets:
        if demo.employee_no not in member_ids:
            continue
        items = tuple(
            replace(item, kpi_id=kpi_ids.get(name)) if name else item
            for item, name in zip(demo.items, demo.kpi_names, strict=True)
        )
        sheet = uow.appraisals.add_sheet(
            Appraisal(
                0,
                period.id,
                member_ids[demo.employee_no],
                first_evaluator_id=member_ids.get(demo.first_no or ""),
                second_evaluator_id=member_ids.get(demo.second_no or ""),
                stage=demo.stage,
                self_comment=demo.self_comment,
                first_comment=demo.first_comment,
                second_comment=demo.second_comment,
                items=items,
                adjustments=demo.adjustments,
                interviews=demo.interviews,
            )
        )
        for action, before, after, at in demo.history:
            uow.appraisals.add_event(sheet.id, AppraisalEvent(0, action, before, after, user, at))
