"""The appraisal workflow as a pure state machine: transitions, locks and what a save may change.

Stages: 下書き (DRAFT) → 自己評価済 (SELF_DONE) → 一次評価済 (FIRST_DONE) →
二次評価済 (SECOND_DONE) → 確定 (FINAL). Without a 二次評価者 the 一次 evaluation is final:
FIRST_DONE → FINAL directly and CONFIRM_SECOND is refused.
FINALIZE also needs valid weights (each block totals 100).

Locks — a part of the sheet can be changed only while its stage has not been confirmed:

* GOALS (items' goal text, 達成基準, weights, difficulty, KPI link; adding or removing items) and
  EVALUATORS: while DRAFT. Goals are agreed before the self evaluation is handed in.
* SELF (self scores and comments, 実績・結果): while DRAFT.
* FIRST (一次 scores and comments): until FIRST_DONE (an evaluator may prepare them early).
* SECOND (二次 scores and comments): until SECOND_DONE, and only when a 二次評価者 is set.
* ADJUSTMENTS (加点・減点): until the last evaluator has confirmed.
* INTERVIEWS (面談記録): at every stage, also after 確定 — the 期末 feedback interview
  normally takes place after the grade is confirmed, and a record of it changes no score.

A reopen is the only way back: an explicit action to an earlier stage, recorded with who, when and
why (:func:`reopen_to`). Every other transition is also recorded by the service.
"""

from __future__ import annotations

from domain.appraisal_errors import Part, RefusalCode, SheetLocked, TransitionRefused
from domain.appraisal_model import (
    Action,
    Appraisal,
    AppraisalItem,
    Stage,
    stage_index,
)
from domain.scoring import weight_problems


def last_evaluator_stage(has_second: bool) -> Stage:
    """The stage at which the last evaluator has confirmed (二次, or 一次 when there is no 二次)."""
    return Stage.SECOND_DONE if has_second else Stage.FIRST_DONE


def editable_parts(stage: Stage, has_second: bool) -> frozenset[Part]:
    """The parts that may be changed at ``stage`` (module docstring)."""
    at = stage_index(stage)
    parts = {Part.INTERVIEWS}
    if stage is Stage.DRAFT:
        parts |= {Part.GOALS, Part.EVALUATORS, Part.SELF}
    if at < stage_index(Stage.FIRST_DONE):
        parts.add(Part.FIRST)
    if has_second and at < stage_index(Stage.SECOND_DONE):
        parts.add(Part.SECOND)
    if at < stage_index(last_evaluator_stage(has_second)):
        parts.add(Part.ADJUSTMENTS)
    return frozenset(parts)


def locked_parts(stage: Stage, has_second: bool) -> frozenset[Part]:
    return frozenset(Part) - editable_parts(stage, has_second)


def available_actions(stage: Stage, has_second: bool) -> tuple[Action, ...]:
    """The forward actions possible at ``stage`` (a reopen is possible at every stage but DRAFT)."""
    forward: dict[Stage, Action] = {
        Stage.DRAFT: Action.SUBMIT_SELF,
        Stage.SELF_DONE: Action.CONFIRM_FIRST,
        Stage.FIRST_DONE: Action.CONFIRM_SECOND if has_second else Action.FINALIZE,
        Stage.SECOND_DONE: Action.FINALIZE,
    }
    actions = [forward[stage]] if stage in forward else []
    if stage is not Stage.DRAFT:
        actions.append(Action.REOPEN)
    return tuple(actions)


def next_stage(sheet: Appraisal, action: Action) -> Stage:
    """The stage after ``action`` on ``sheet``; raises TransitionRefused. REOPEN goes through
    :func:`reopen_to`."""
    stage = sheet.stage
    has_second = sheet.has_second
    if action is Action.SUBMIT_SELF and stage is Stage.DRAFT:
        return Stage.SELF_DONE
    if action is Action.CONFIRM_FIRST and stage is Stage.SELF_DONE:
        if sheet.first_evaluator_id is None:
            raise TransitionRefused(RefusalCode.NO_FIRST_EVALUATOR, stage)
        return Stage.FIRST_DONE
    if action is Action.CONFIRM_SECOND and stage is Stage.FIRST_DONE:
        if not has_second:
            raise TransitionRefused(RefusalCode.NO_SECOND_EVALUATOR, stage)
        return Stage.SECOND_DONE
    if action is Action.FINALIZE and stage in (Stage.FIRST_DONE, Stage.SECOND_DONE):
        if stage is Stage.FIRST_DONE and has_second:
            raise TransitionRefused(RefusalCode.SECOND_PENDING, stage)
        problems = weight_problems(sheet.items)
        if problems:
            raise TransitionRefused(RefusalCode.INVALID_WEIGHTS, stage, problems)
        return Stage.FINAL
    raise TransitionRefused(RefusalCode.WRONG_STAGE, stage)


def reopen_to(sheet: Appraisal, target: Stage) -> Stage:
    """Check a reopen of ``sheet`` back to ``target`` (must be an earlier stage)."""
    if stage_index(target) >= stage_index(sheet.stage):
        raise TransitionRefused(RefusalCode.NOT_EARLIER, sheet.stage)
    if target is Stage.SECOND_DONE and not sheet.has_second:
        raise TransitionRefused(RefusalCode.NO_SECOND_EVALUATOR, sheet.stage)
    return target


# --------------------------------------------------------------------------- what a save changes

_GOAL_FIELDS = (
    "block",
    "goal",
    "criteria",
    "weight",
    "difficulty",
    "kpi_id",
    "score_from_kpi",
    "level_descriptions",
)
_SELF_FIELDS = ("self_score", "self_comment", "result")
_FIRST_FIELDS = ("first_score", "first_comment")
_SECOND_FIELDS = ("second_score", "second_comment")


def _item_changes(old: AppraisalItem | None, new: AppraisalItem | None) -> set[Part]:
    if old is None or new is None:
        present = old or new
        assert present is not None
        parts = {Part.GOALS}
        if any(getattr(present, f) not in (None, "") for f in _SELF_FIELDS):
            parts.add(Part.SELF)
        if any(getattr(present, f) not in (None, "") for f in _FIRST_FIELDS):
            parts.add(Part.FIRST)
        if any(getattr(present, f) not in (None, "") for f in _SECOND_FIELDS):
            parts.add(Part.SECOND)
        return parts
    changed: set[Part] = set()
    for part, fields in (
        (Part.GOALS, _GOAL_FIELDS),
        (Part.SELF, _SELF_FIELDS),
        (Part.FIRST, _FIRST_FIELDS),
        (Part.SECOND, _SECOND_FIELDS),
    ):
        if any(getattr(old, f) != getattr(new, f) for f in fields):
            changed.add(part)
    return changed


def changed_parts(old: Appraisal, new: Appraisal) -> frozenset[Part]:
    """Which lockable parts differ between the stored sheet and the one to save. Items are matched
    by id; a new item (id 0) or a removed one changes GOALS; a reorder changes GOALS."""
    parts: set[Part] = set()
    if (old.first_evaluator_id, old.second_evaluator_id) != (
        new.first_evaluator_id,
        new.second_evaluator_id,
    ):
        parts.add(Part.EVALUATORS)
    for part, attr in (
        (Part.SELF, "self_comment"),
        (Part.FIRST, "first_comment"),
        (Part.SECOND, "second_comment"),
    ):
        if getattr(old, attr) != getattr(new, attr):
            parts.add(part)
    old_items = {i.id: i for i in old.items}
    new_ids = [i.id for i in new.items]
    if [i.id for i in old.items] != [i for i in new_ids if i in old_items]:
        parts.add(Part.GOALS)
    for item in new.items:
        parts |= _item_changes(old_items.get(item.id) if item.id else None, item)
    for item in old.items:
        if item.id not in new_ids:
            parts |= _item_changes(item, None)
    if _without_ids(old.adjustments) != _without_ids(new.adjustments):
        parts.add(Part.ADJUSTMENTS)
    if _without_ids(old.interviews) != _without_ids(new.interviews):
        parts.add(Part.INTERVIEWS)
    return frozenset(parts)


def _without_ids(values: tuple[object, ...]) -> list[tuple[object, ...]]:
    return [tuple(getattr(v, f) for f in v.__slots__ if f != "id") for v in values]  # type: ignore[attr-defined]


def check_save(old: Appraisal, new: Appraisal) -> None:
    """Raise SheetLocked when ``new`` changes a part that is locked at the stored stage. The stage
    and events themselves are not changed by a save (transitions have their own functions)."""
    evaluators_open = Part.EVALUATORS in editable_parts(old.stage, old.has_second)
    has_second = new.has_second if evaluators_open else old.has_second
    locked = changed_parts(old, new) & locked_parts(old.stage, has_second)
    if locked:
        raise SheetLocked(old.stage, frozenset(locked))


__all__ = [
    "Part",
    "RefusalCode",
    "SheetLocked",
    "TransitionRefused",
    "available_actions",
    "changed_parts",
    "check_save",
    "editable_parts",
    "locked_parts",
    "next_stage",
    "reopen_to",
]
