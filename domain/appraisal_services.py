"""Appraisal use cases as plain functions over a unit of work (``with uow: … uow.commit()``).

Periods (create, settings, bulk start), editing a sheet (checked against the workflow locks of
domain.appraisal), workflow actions and reopen (each recorded). Reports and the period overview
live in domain.appraisal_report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime

from domain import appraisal as workflow
from domain.appraisal_errors import (
    DuplicatePeriodName,
    InvalidPeriod,
    InvalidScore,
    NoPeriod,
    PeriodHasFinalSheets,
)
from domain.appraisal_model import (
    Action,
    Appraisal,
    AppraisalEvent,
    AppraisalItem,
    AppraisalPeriod,
    Stage,
)
from domain.ports import UnitOfWork
from domain.scoring import rules_problems, score_in_scale


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- periods ----------------------------------------------------------------------------------


def period_problems(period: AppraisalPeriod) -> tuple[str, ...]:
    """Codes of what is wrong with a period: "name", "dates", or RulesProblemCode values."""
    codes: list[str] = []
    if not period.name.strip():
        codes.append("name")
    if period.end < period.start:
        codes.append("dates")
    codes.extend(str(c) for c in rules_problems(period.rules))
    return tuple(codes)


def list_periods(uow: UnitOfWork) -> list[AppraisalPeriod]:
    """All periods, the most recent first."""
    with uow:
        return uow.appraisals.list_periods()


def find_period(uow: UnitOfWork, name: str | None = None) -> AppraisalPeriod:
    """The period called ``name`` or, without a name, the most recent one; raises NoPeriod."""
    with uow:
        if name is None:
            periods = uow.appraisals.list_periods()
            if not periods:
                raise NoPeriod()
            return periods[0]
        found = uow.appraisals.period_by_name(name.strip())
        if found is None:
            raise NoPeriod(name)
        return found


def create_period(uow: UnitOfWork, period: AppraisalPeriod) -> AppraisalPeriod:
    problems = period_problems(period)
    if problems:
        raise InvalidPeriod(problems)
    with uow:
        added = uow.appraisals.add_period(replace(period, id=0, name=period.name.strip()))
        uow.commit()
        return added


def update_period(uow: UnitOfWork, period: AppraisalPeriod) -> AppraisalPeriod:
    """Save a period's name, dates and rules. The rules of a period that has 確定 sheets are
    frozen (changing them would change confirmed grades): raises PeriodHasFinalSheets."""
    problems = period_problems(period)
    if problems:
        raise InvalidPeriod(problems)
    with uow:
        stored = uow.appraisals.get_period(period.id)
        if stored.rules != period.rules:
            finals = uow.appraisals.count_final(period.id)
            if finals:
                raise PeriodHasFinalSheets(finals)
        updated = replace(period, name=period.name.strip())
        uow.appraisals.update_period(updated)
        uow.commit()
        return updated


def previous_period(uow: UnitOfWork, period_id: int) -> AppraisalPeriod | None:
    """The period that started last before ``period_id`` (to copy goals from)."""
    with uow:
        current = uow.appraisals.get_period(period_id)
        earlier = [
            p
            for p in uow.appraisals.list_periods()
            if p.id != period_id and p.start < current.start
        ]
        return earlier[0] if earlier else None


@dataclass(frozen=True, slots=True)
class StartResult:
    created: tuple[int, ...]  # appraisal ids
    skipped: int  # members who already had a sheet
    copied: int  # sheets whose goals came from the earlier period


def _copied_item(item: AppraisalItem) -> AppraisalItem:
    """The goal definition of an item, without scores, comments or results."""
    return AppraisalItem(
        id=0,
        block=item.block,
        goal=item.goal,
        criteria=item.criteria,
        weight=item.weight,
        difficulty=item.difficulty,
        kpi_id=item.kpi_id,
        score_from_kpi=item.score_from_kpi,
        level_descriptions=item.level_descriptions,
    )


def start_period(
    uow: UnitOfWork,
    period_id: int,
    *,
    department_id: int | None = None,
    copy_from_period_id: int | None = None,
    first_evaluator_id: int | None = None,
    second_evaluator_id: int | None = None,
) -> StartResult:
    """Create a draft sheet for every active member (of one department, or all), in one
    transaction. Members who already have a sheet are skipped. With ``copy_from_period_id`` each
    new sheet copies the goals (not the scores) and evaluators of the member's earlier sheet.
    The evaluators given here apply to every new sheet except the evaluator's own."""
    with uow:
        uow.appraisals.get_period(period_id)
        members = [
            m
            for m in uow.members.list()
            if department_id is None or m.department_id == department_id
        ]
        created: list[int] = []
        skipped = copied = 0
        for member in members:
            if uow.appraisals.find_sheet(period_id, member.id) is not None:
                skipped += 1
                continue
            earlier = (
                uow.appraisals.find_sheet(copy_from_period_id, member.id)
                if copy_from_period_id is not None
                else None
            )
            first = first_evaluator_id if first_evaluator_id != member.id else None
            second = second_evaluator_id if second_evaluator_id != member.id else None
            items: tuple[AppraisalItem, ...] = ()
            if earlier is not None:
                items = tuple(_copied_item(i) for i in earlier.items)
                first = first if first is not None else earlier.first_evaluator_id
                second = second if second is not None else earlier.second_evaluator_id
                copied += 1
            sheet = uow.appraisals.add_sheet(
                Appraisal(
                    0,
                    period_id,
                    member.id,
                    first_evaluator_id=first,
                    second_evaluator_id=second,
                    items=items,
                )
            )
            created.append(sheet.id)
        uow.commit()
        return StartResult(tuple(created), skipped, copied)


# --- sheets -----------------------------------------------------------------------------------


def get_sheet(uow: UnitOfWork, appraisal_id: int) -> Appraisal:
    with uow:
        return uow.appraisals.get_sheet(appraisal_id)


def list_sheets(uow: UnitOfWork, period_id: int) -> list[Appraisal]:
    with uow:
        return uow.appraisals.list_sheets(period_id)


def check_values(sheet: Appraisal, period: AppraisalPeriod) -> None:
    """Raise InvalidScore for a score outside the scale, a weight or difficulty that is not a
    positive finite number, or negative 加点・減点 points."""
    rules = period.rules
    for item in sheet.items:
        for name in ("self_score", "first_score", "second_score"):
            value = getattr(item, name)
            if not score_in_scale(value, rules):
                raise InvalidScore(name, value)
        if not (math.isfinite(item.difficulty) and item.difficulty > 0):
            raise InvalidScore("difficulty", item.difficulty)
        if not (math.isfinite(item.weight) and item.weight >= 0):
            raise InvalidScore("weight", item.weight)
    for adjustment in sheet.adjustments:
        if not (math.isfinite(adjustment.points) and adjustment.points >= 0):
            raise InvalidScore("points", adjustment.points)


def save_sheet(uow: UnitOfWork, sheet: Appraisal) -> Appraisal:
    """Save an edited sheet. Raises SheetLocked when it changes a part locked at the stored stage,
    InvalidScore for values out of range. Stage, member, period and log are kept as stored."""
    with uow:
        stored = uow.appraisals.get_sheet(sheet.id)
        period = uow.appraisals.get_period(stored.period_id)
        candidate = replace(
            sheet,
            period_id=stored.period_id,
            member_id=stored.member_id,
            stage=stored.stage,
            events=stored.events,
        )
        workflow.check_save(stored, candidate)
        check_values(candidate, period)
        saved = uow.appraisals.save_sheet(candidate)
        uow.commit()
        return saved


def apply_action(
    uow: UnitOfWork, appraisal_id: int, action: Action, *, user: str, now: datetime | None = None
) -> Appraisal:
    """Move a sheet forward (SUBMIT_SELF, CONFIRM_FIRST, CONFIRM_SECOND, FINALIZE) and record it.
    Raises TransitionRefused."""
    with uow:
        sheet = uow.appraisals.get_sheet(appraisal_id)
        target = workflow.next_stage(sheet, action)
        _record(uow, sheet, action, target, user=user, reason="", now=now)
        uow.commit()
        return uow.appraisals.get_sheet(appraisal_id)


def reopen(
    uow: UnitOfWork,
    appraisal_id: int,
    to_stage: Stage,
    *,
    user: str,
    reason: str,
    now: datetime | None = None,
) -> Appraisal:
    """Reopen a sheet back to an earlier stage: an explicit action, recorded with the reason."""
    with uow:
        sheet = uow.appraisals.get_sheet(appraisal_id)
        target = workflow.reopen_to(sheet, to_stage)
        _record(uow, sheet, Action.REOPEN, target, user=user, reason=reason.strip(), now=now)
        uow.commit()
        return uow.appraisals.get_sheet(appraisal_id)


def _record(
    uow: UnitOfWork,
    sheet: Appraisal,
    action: Action,
    target: Stage,
    *,
    user: str,
    reason: str,
    now: datetime | None,
) -> None:
    uow.appraisals.set_stage(sheet.id, target)
    uow.appraisals.add_event(
        sheet.id,
        AppraisalEvent(0, action, sheet.stage, target, user, now or _now(), reason),
    )


__all__ = [
    "DuplicatePeriodName",
    "StartResult",
    "apply_action",
    "create_period",
    "find_period",
    "get_sheet",
    "list_periods",
    "list_sheets",
    "period_problems",
    "previous_period",
    "reopen",
    "save_sheet",
    "start_period",
    "update_period",
]
