"""The appraisal workflow state machine (domain.appraisal): every transition and every lock."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.appraisal import (
    available_actions,
    changed_parts,
    check_save,
    editable_parts,
    next_stage,
    reopen_to,
)
from domain.appraisal_errors import Part, RefusalCode, SheetLocked, TransitionRefused
from domain.appraisal_model import (
    Action,
    Adjustment,
    AdjustmentKind,
    Appraisal,
    AppraisalItem,
    Block,
    Interview,
    InterviewKind,
    Stage,
)
from domain.scoring import WeightProblemCode

D, S, F, T, X = Stage.DRAFT, Stage.SELF_DONE, Stage.FIRST_DONE, Stage.SECOND_DONE, Stage.FINAL
GOOD_ITEMS = (
    AppraisalItem(11, Block.PERFORMANCE, "経費処理の効率化施策を3つ提案する", weight=60),
    AppraisalItem(12, Block.PERFORMANCE, "契約書の電子化率80%", weight=40),
    AppraisalItem(13, Block.PROCESS, "協調性", weight=100),
)


def make(stage: Stage, *, second: bool = True, first: bool = True, items=GOOD_ITEMS) -> Appraisal:
    return Appraisal(
        1,
        1,
        1,
        first_evaluator_id=2 if first else None,
        second_evaluator_id=3 if second else None,
        stage=stage,
        items=items,
    )


# --- transitions --------------------------------------------------------------------------------

ALLOWED = [
    # stage, has second, action, next stage
    (D, True, Action.SUBMIT_SELF, S),
    (D, False, Action.SUBMIT_SELF, S),
    (S, True, Action.CONFIRM_FIRST, F),
    (S, False, Action.CONFIRM_FIRST, F),
    (F, True, Action.CONFIRM_SECOND, T),
    (F, False, Action.FINALIZE, X),  # no 二次評価者: 一次 is final
    (T, True, Action.FINALIZE, X),
]


@pytest.mark.parametrize(("stage", "second", "action", "expected"), ALLOWED)
def test_allowed_transitions(stage, second, action, expected):
    assert next_stage(make(stage, second=second), action) is expected
    assert action in available_actions(stage, second)


REFUSED = [
    (D, True, Action.CONFIRM_FIRST, RefusalCode.WRONG_STAGE),
    (D, True, Action.CONFIRM_SECOND, RefusalCode.WRONG_STAGE),
    (D, True, Action.FINALIZE, RefusalCode.WRONG_STAGE),
    (S, True, Action.SUBMIT_SELF, RefusalCode.WRONG_STAGE),
    (S, True, Action.CONFIRM_SECOND, RefusalCode.WRONG_STAGE),
    (S, True, Action.FINALIZE, RefusalCode.WRONG_STAGE),
    (F, True, Action.SUBMIT_SELF, RefusalCode.WRONG_STAGE),
    (F, True, Action.CONFIRM_FIRST, RefusalCode.WRONG_STAGE),
    (F, True, Action.FINALIZE, RefusalCode.SECOND_PENDING),
    (F, False, Action.CONFIRM_SECOND, RefusalCode.NO_SECOND_EVALUATOR),
    (T, True, Action.SUBMIT_SELF, RefusalCode.WRONG_STAGE),
    (T, True, Action.CONFIRM_FIRST, RefusalCode.WRONG_STAGE),
    (T, True, Action.CONFIRM_SECOND, RefusalCode.WRONG_STAGE),
    (X, True, Action.SUBMIT_SELF, RefusalCode.WRONG_STAGE),
    (X, True, Action.CONFIRM_FIRST, RefusalCode.WRONG_STAGE),
    (X, True, Action.CONFIRM_SECOND, RefusalCode.WRONG_STAGE),
    (X, True, Action.FINALIZE, RefusalCode.WRONG_STAGE),
    (X, False, Action.FINALIZE, RefusalCode.WRONG_STAGE),
    (D, True, Action.REOPEN, RefusalCode.WRONG_STAGE),  # reopen goes through reopen_to
]


@pytest.mark.parametrize(("stage", "second", "action", "code"), REFUSED)
def test_refused_transitions(stage, second, action, code):
    with pytest.raises(TransitionRefused) as info:
        next_stage(make(stage, second=second), action)
    assert info.value.code is code
    assert info.value.stage is stage
    if action is not Action.REOPEN:
        assert action not in available_actions(stage, second)


def test_confirm_first_needs_a_first_evaluator():
    with pytest.raises(TransitionRefused) as info:
        next_stage(make(S, first=False), Action.CONFIRM_FIRST)
    assert info.value.code is RefusalCode.NO_FIRST_EVALUATOR


@pytest.mark.parametrize("second", [True, False])
def test_finalize_refused_when_weights_do_not_total_100(second):
    bad = (
        AppraisalItem(11, Block.PERFORMANCE, "a", weight=60),
        AppraisalItem(12, Block.PERFORMANCE, "b", weight=30),
        AppraisalItem(13, Block.PROCESS, "c", weight=100),
    )
    stage = T if second else F
    with pytest.raises(TransitionRefused) as info:
        next_stage(make(stage, second=second, items=bad), Action.FINALIZE)
    assert info.value.code is RefusalCode.INVALID_WEIGHTS
    assert [p.code for p in info.value.problems] == [WeightProblemCode.BLOCK_TOTAL]
    assert info.value.problems[0].total == 90


def test_finalize_refused_without_items():
    with pytest.raises(TransitionRefused) as info:
        next_stage(make(T, items=()), Action.FINALIZE)
    assert info.value.code is RefusalCode.INVALID_WEIGHTS


def test_available_actions():
    assert available_actions(D, True) == (Action.SUBMIT_SELF,)
    assert available_actions(S, True) == (Action.CONFIRM_FIRST, Action.REOPEN)
    assert available_actions(F, True) == (Action.CONFIRM_SECOND, Action.REOPEN)
    assert available_actions(F, False) == (Action.FINALIZE, Action.REOPEN)
    assert available_actions(T, True) == (Action.FINALIZE, Action.REOPEN)
    assert available_actions(X, True) == (Action.REOPEN,)


# --- reopen -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "target"),
    [(S, D), (F, D), (F, S), (T, D), (T, S), (T, F), (X, D), (X, S), (X, F), (X, T)],
)
def test_reopen_to_every_earlier_stage(stage, target):
    assert reopen_to(make(stage), target) is target


@pytest.mark.parametrize(("stage", "target"), [(D, D), (S, S), (S, F), (F, X), (X, X)])
def test_reopen_refused_unless_earlier(stage, target):
    with pytest.raises(TransitionRefused) as info:
        reopen_to(make(stage), target)
    assert info.value.code is RefusalCode.NOT_EARLIER


def test_reopen_to_second_done_needs_a_second_evaluator():
    with pytest.raises(TransitionRefused) as info:
        reopen_to(make(X, second=False), T)
    assert info.value.code is RefusalCode.NO_SECOND_EVALUATOR


# --- locks --------------------------------------------------------------------------------------

G, E, SF, FI, SE, A, IV = (
    Part.GOALS,
    Part.EVALUATORS,
    Part.SELF,
    Part.FIRST,
    Part.SECOND,
    Part.ADJUSTMENTS,
    Part.INTERVIEWS,
)
EDITABLE = [
    (D, True, {G, E, SF, FI, SE, A, IV}),
    (S, True, {FI, SE, A, IV}),
    (F, True, {SE, A, IV}),
    (T, True, {IV}),
    (X, True, {IV}),
    (D, False, {G, E, SF, FI, A, IV}),
    (S, False, {FI, A, IV}),
    (F, False, {IV}),  # 一次 is final: the sheet waits for 確定
    (X, False, {IV}),
]


@pytest.mark.parametrize(("stage", "second", "expected"), EDITABLE)
def test_editable_parts(stage, second, expected):
    assert editable_parts(stage, second) == frozenset(expected)


def _edit(sheet: Appraisal, part: Part) -> Appraisal:
    """Change one part of a sheet."""
    first, *rest = sheet.items
    match part:
        case Part.GOALS:
            return replace(sheet, items=(replace(first, weight=50), *rest))
        case Part.EVALUATORS:
            return replace(sheet, first_evaluator_id=9)
        case Part.SELF:
            return replace(sheet, items=(replace(first, self_score=4), *rest))
        case Part.FIRST:
            return replace(sheet, first_comment="よく頑張った")
        case Part.SECOND:
            return replace(sheet, items=(replace(first, second_score=3), *rest))
        case Part.ADJUSTMENTS:
            return replace(sheet, adjustments=(Adjustment(0, AdjustmentKind.BONUS, 2, "資格取得"),))
        case Part.INTERVIEWS:
            return replace(sheet, interviews=(Interview(0, InterviewKind.END, None, "期末面談"),))
    raise AssertionError(part)


@pytest.mark.parametrize(("stage", "second", "editable"), EDITABLE)
@pytest.mark.parametrize("part", list(Part))
def test_check_save_enforces_each_lock(stage, second, editable, part):
    stored = make(stage, second=second)
    edited = _edit(stored, part)
    assert changed_parts(stored, edited) == {part}
    if part in editable:
        check_save(stored, edited)
    else:
        with pytest.raises(SheetLocked) as info:
            check_save(stored, edited)
        assert info.value.parts == {part}


def test_final_sheet_is_locked_except_interviews():
    stored = make(X)
    for part in Part:
        if part is Part.INTERVIEWS:
            check_save(stored, _edit(stored, part))
        else:
            with pytest.raises(SheetLocked):
                check_save(stored, _edit(stored, part))


def test_adding_and_removing_items_changes_goals_and_their_scores():
    stored = make(D)
    added = replace(
        stored, items=(*stored.items, AppraisalItem(0, Block.PROCESS, "規律性", first_score=3))
    )
    assert changed_parts(stored, added) == {Part.GOALS, Part.FIRST}
    removed = replace(stored, items=stored.items[1:])
    assert changed_parts(stored, removed) == {Part.GOALS}
    reordered = replace(stored, items=(stored.items[1], stored.items[0], stored.items[2]))
    assert changed_parts(stored, reordered) == {Part.GOALS}


def test_unchanged_save_passes_even_when_final():
    check_save(make(X), make(X))


def test_second_evaluator_added_in_draft_may_score_in_the_same_save():
    stored = make(D, second=False)
    first, *rest = stored.items
    edited = replace(stored, second_evaluator_id=5, items=(replace(first, second_score=4), *rest))
    check_save(stored, edited)
    with pytest.raises(SheetLocked):
        check_save(stored, replace(edited, second_evaluator_id=None))
