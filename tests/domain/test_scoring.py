"""Appraisal scoring (domain.scoring): table-driven, including the edge cases of the issue."""

from __future__ import annotations

import math

import pytest

from domain.appraisal_model import (
    AchievementBand,
    Adjustment,
    AdjustmentKind,
    Appraisal,
    AppraisalItem,
    Block,
    GradeBand,
    Role,
    ScoreSource,
    ScoringRules,
)
from domain.scoring import (
    RulesProblemCode,
    WeightProblem,
    WeightProblemCode,
    block_totals,
    grade_for,
    item_score,
    rules_problems,
    score_from_achievement,
    score_sheet,
    to_points,
    weight_problems,
)

P, B = Block.PERFORMANCE, Block.PROCESS
RULES = ScoringRules()


def item(block=P, weight=100.0, *, s=None, f=None, t=None, d=1.0, kpi=None, from_kpi=False):
    return AppraisalItem(
        0,
        block,
        "goal",
        weight=weight,
        difficulty=d,
        kpi_id=kpi,
        score_from_kpi=from_kpi,
        self_score=s,
        first_score=f,
        second_score=t,
    )


def sheet(*items, bonus=0.0, penalty=0.0):
    adjustments = []
    if bonus:
        adjustments.append(Adjustment(0, AdjustmentKind.BONUS, bonus, "改善提案"))
    if penalty:
        adjustments.append(Adjustment(0, AdjustmentKind.PENALTY, penalty, "重大ミス"))
    return Appraisal(
        1, 1, 1, first_evaluator_id=2, items=tuple(items), adjustments=tuple(adjustments)
    )


@pytest.mark.parametrize(
    ("achievement", "expected"),
    [
        (1.5, 5.0),
        (1.2, 5.0),
        (1.1999999999, 5.0),
        (1.19, 4.0),
        (1.0, 4.0),
        (0.9999999999, 4.0),
        (0.99, 3.0),
        (0.8, 3.0),
        (0.79, 2.0),
        (0.6, 2.0),
        (0.59, 1.0),
        (0.0, 1.0),
        (-2.0, 1.0),
        (None, None),
        (math.nan, None),
    ],
)
def test_score_from_achievement_default_bands(achievement, expected):
    assert score_from_achievement(achievement, RULES.achievement_bands) == expected


def test_score_from_achievement_without_open_band():
    bands = (AchievementBand(1.0, 5.0), AchievementBand(0.5, 3.0))
    assert score_from_achievement(0.4, bands) is None
    assert score_from_achievement(0.5, bands) == 3.0


@pytest.mark.parametrize(
    ("it", "rules", "achievement", "upto", "expected"),
    [
        (item(s=5, f=3, t=4), RULES, None, Role.SECOND, (4, ScoreSource.SECOND)),
        (item(s=5, f=3), RULES, None, Role.SECOND, (3, ScoreSource.FIRST)),
        (item(s=5, f=3, t=4), RULES, None, Role.FIRST, (3, ScoreSource.FIRST)),
        (item(s=5), RULES, None, Role.SECOND, (None, None)),  # self is shown, not counted
        (item(s=5), ScoringRules(self_counts=True), None, Role.SECOND, (5, ScoreSource.SELF)),
        (item(s=5, f=2), ScoringRules(self_counts=True), None, Role.SECOND, (2, ScoreSource.FIRST)),
        (item(s=5, f=2, t=3), RULES, None, Role.SELF, (5, ScoreSource.SELF)),
        (item(kpi=7, from_kpi=True), RULES, 1.05, Role.SECOND, (4, ScoreSource.KPI)),
        (item(kpi=7, from_kpi=True, f=2), RULES, 1.05, Role.SECOND, (2, ScoreSource.FIRST)),
        (item(kpi=7, from_kpi=False), RULES, 1.05, Role.SECOND, (None, None)),
        (item(kpi=7, from_kpi=True), RULES, None, Role.SECOND, (None, None)),
        (
            item(kpi=7, from_kpi=True, s=2),
            ScoringRules(self_counts=True),
            1.3,
            Role.SECOND,
            (5, ScoreSource.KPI),
        ),
        (item(kpi=7, from_kpi=True), RULES, 0.7, Role.SELF, (2, ScoreSource.KPI)),
    ],
)
def test_item_score_precedence(it, rules, achievement, upto, expected):
    assert item_score(it, rules, achievement, upto=upto) == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        (100, "S"),
        (90, "S"),
        (89.9, "A"),
        (75, "A"),
        (74.9, "B"),
        (60, "B"),
        (59.9, "C"),
        (45, "C"),
        (44.9, "D"),
        (0, "D"),
        (None, None),
    ],
)
def test_grade_default_bands(points, expected):
    assert grade_for(points, RULES.grade_bands) == expected


def test_grade_custom_bands_in_any_order():
    bands = (GradeBand("B", 50), GradeBand("A", 80), GradeBand("C", 0))
    assert [grade_for(p, bands) for p in (85, 80, 79, 50, 10, -1)] == [
        "A",
        "A",
        "B",
        "B",
        "C",
        None,
    ]


@pytest.mark.parametrize(
    ("overall", "rules", "expected"),
    [
        (1.0, RULES, 0.0),
        (3.0, RULES, 50.0),
        (4.0, RULES, 75.0),
        (5.0, RULES, 100.0),
        (6.0, RULES, 125.0),
        (None, RULES, None),
        (2.0, ScoringRules(scale_min=1, scale_max=3), 50.0),
        (3.0, ScoringRules(scale_min=3, scale_max=3), None),
    ],
)
def test_to_points(overall, rules, expected):
    assert to_points(overall, rules) == expected


# name, sheet, rules, upto, expected (performance block, process block, points, grade)
CASES = [
    (
        "two blocks 70/30",
        sheet(item(P, 60, f=4), item(P, 40, f=5), item(B, 100, f=3)),
        # 業績 (60·4 + 40·5)/100 = 4.4; overall 0.7·4.4 + 0.3·3 = 3.98 → (3.98 − 1)/4·100 = 74.5
        RULES,
        Role.SECOND,
        (4.4, 3.0, 74.5, "B"),
    ),
    (
        "difficulty weighs in",
        sheet(item(P, 50, f=4, d=1.2), item(P, 50, f=4, d=0.8), item(B, 100, f=4)),
        RULES,
        Role.SECOND,
        (4.0, 4.0, 75.0, "A"),
    ),
    (
        "missing item renormalises, never zero",
        sheet(item(P, 50, f=4), item(P, 50)),
        RULES,
        Role.SECOND,
        (4.0, None, 75.0, "A"),
    ),
    (
        "missing process block renormalises",
        sheet(item(P, 100, f=5), item(B, 100)),
        RULES,
        Role.SECOND,
        (5.0, None, 100.0, "S"),
    ),
    (
        "no 二次: 一次 counts",
        sheet(item(P, 100, s=5, f=3), item(B, 100, s=5, f=3)),
        RULES,
        Role.SECOND,
        (3.0, 3.0, 50.0, "C"),
    ),
    (
        "二次 overrides 一次",
        sheet(item(P, 100, f=3, t=5), item(B, 100, f=3, t=5)),
        RULES,
        Role.SECOND,
        (5.0, 5.0, 100.0, "S"),
    ),
    (
        "一次 view ignores 二次",
        sheet(item(P, 100, f=3, t=5), item(B, 100, f=3, t=5)),
        RULES,
        Role.FIRST,
        (3.0, 3.0, 50.0, "C"),
    ),
    (
        "only self scores: nothing counted",
        sheet(item(P, 100, s=5), item(B, 100, s=4)),
        RULES,
        Role.SECOND,
        (None, None, None, None),
    ),
    (
        "only self scores, self counts",
        sheet(item(P, 100, s=5), item(B, 100, s=4)),
        ScoringRules(self_counts=True),
        Role.SECOND,
        (5.0, 4.0, 92.5, "S"),
    ),
    (
        "only self scores, self view",
        sheet(item(P, 100, s=4), item(B, 100, s=4)),
        RULES,
        Role.SELF,
        (4.0, 4.0, 75.0, "A"),
    ),
    (
        "all items KPI-linked",
        sheet(item(P, 50, kpi=1, from_kpi=True), item(P, 50, kpi=2, from_kpi=True)),
        RULES,
        Role.SECOND,
        (4.5, None, 87.5, "A"),  # kpi 1: 125 % → 5, kpi 2: 100 % → 4
    ),
    (
        "bonus pushing past 100 is capped",
        sheet(item(P, 100, f=5), item(B, 100, f=5), bonus=8),
        RULES,
        Role.SECOND,
        (5.0, 5.0, 100.0, "S"),
    ),
    (
        "difficulty pushing past 100 is capped",
        sheet(item(P, 100, f=5, d=1.2), item(B, 100, f=5)),
        RULES,
        Role.SECOND,
        (6.0, 5.0, 100.0, "S"),
    ),
    (
        "penalty below 0 is floored",
        sheet(item(P, 100, f=1), bonus=0, penalty=5),
        RULES,
        Role.SECOND,
        (1.0, None, 0.0, "D"),
    ),
    (
        "bonus lifts a grade",
        sheet(item(P, 100, f=4), item(B, 100, f=4), bonus=3),
        RULES,
        Role.SECOND,
        (4.0, 4.0, 78.0, "A"),
    ),
    (
        "bonus and penalty",
        sheet(item(P, 100, f=4), bonus=10, penalty=3),
        RULES,
        Role.SECOND,
        (4.0, None, 82.0, "A"),
    ),
    (
        "weights not totalling 100 still score as a weighted mean",
        sheet(item(P, 30, f=5), item(P, 30, f=3)),
        RULES,
        Role.SECOND,
        (4.0, None, 75.0, "A"),
    ),
    (
        "no items at all",
        sheet(),
        RULES,
        Role.SECOND,
        (None, None, None, None),
    ),
    (
        "zero weights only",
        sheet(item(P, 0, f=5)),
        RULES,
        Role.SECOND,
        (None, None, None, None),
    ),
    (
        "block weights 100/0 ignore the process block",
        sheet(item(P, 100, f=4), item(B, 100, f=1)),
        ScoringRules(performance_weight=100, process_weight=0),
        Role.SECOND,
        (4.0, 1.0, 75.0, "A"),
    ),
]


@pytest.mark.parametrize(
    ("name", "the_sheet", "rules", "upto", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_score_sheet(name, the_sheet, rules, upto, expected):
    achievements = {1: 1.25, 2: 1.0}
    result = score_sheet(the_sheet, rules, achievements, upto=upto)
    perf, proc, points, grade = expected
    got_perf = result.block(P).score
    got_proc = result.block(B).score
    assert (None if got_perf is None else round(got_perf, 6)) == perf
    assert (None if got_proc is None else round(got_proc, 6)) == proc
    assert (result.points, result.grade) == (points, grade)


def test_uncapped_points_are_kept():
    result = score_sheet(sheet(item(P, 100, f=5), bonus=8), RULES)
    assert result.points_uncapped == 108.0
    assert result.points == 100.0
    assert (result.bonus, result.penalty) == (8.0, 0.0)


def test_self_view_leaves_adjustments_out():
    result = score_sheet(sheet(item(P, 100, s=4, f=4), bonus=10), RULES, upto=Role.SELF)
    assert (result.points, result.bonus) == (75.0, 0.0)


def test_block_weights_and_scored_weight():
    result = score_sheet(sheet(item(P, 60, f=4), item(P, 30), item(P, 20, f=2)), RULES)
    block = result.block(P)
    assert block.weight_total == 110
    assert block.scored_weight == 80
    assert block.score == pytest.approx((60 * 4 + 20 * 2) / 80)
    assert [i.weighted for i in block.items] == [240.0, None, 40.0]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ((item(P, 60), item(P, 40), item(B, 100)), ()),
        ((item(P, 100),), ()),  # an empty process block is not a problem
        ((item(P, 33.3), item(P, 33.3), item(P, 33.4)), ()),
        ((item(P, 60), item(P, 30)), (WeightProblem(WeightProblemCode.BLOCK_TOTAL, P, 90.0),)),
        (
            (item(P, 100), item(B, 50), item(B, 60)),
            (WeightProblem(WeightProblemCode.BLOCK_TOTAL, B, 110.0),),
        ),
        ((item(P, 120), item(P, -20)), (WeightProblem(WeightProblemCode.NEGATIVE_WEIGHT, P),)),
        ((), (WeightProblem(WeightProblemCode.NO_ITEMS),)),
    ],
)
def test_weight_problems(items, expected):
    assert weight_problems(items) == expected


def test_block_totals():
    assert block_totals([item(P, 60), item(B, 10), item(P, 5)]) == {P: 65.0, B: 10.0}


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (RULES, ()),
        (
            ScoringRules(scale_min=5, scale_max=5),
            (RulesProblemCode.SCALE, RulesProblemCode.ACHIEVEMENT_BANDS),
        ),
        (ScoringRules(performance_weight=70, process_weight=40), (RulesProblemCode.BLOCK_WEIGHTS,)),
        (
            ScoringRules(performance_weight=110, process_weight=-10),
            (RulesProblemCode.BLOCK_WEIGHTS,),
        ),
        (ScoringRules(grade_bands=()), (RulesProblemCode.GRADE_BANDS,)),
        (
            ScoringRules(grade_bands=(GradeBand("A", 50), GradeBand("A", 0))),
            (RulesProblemCode.GRADE_BANDS,),
        ),
        (ScoringRules(grade_bands=(GradeBand(" ", 50),)), (RulesProblemCode.GRADE_BANDS,)),
        (ScoringRules(scale_min=1, scale_max=3), (RulesProblemCode.ACHIEVEMENT_BANDS,)),
    ],
)
def test_rules_problems(rules, expected):
    assert rules_problems(rules) == expected
