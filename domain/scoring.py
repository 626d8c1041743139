"""Appraisal scoring (DESIGN.md "Appraisal score"): pure functions, one rule each.

Notation: ``w`` = item weight (%), ``s`` = item score on the rating scale, ``d`` = difficulty.

1. **Item score** — the latest evaluator present counts: 二次 > 一次; then, for a KPI-linked item
   with ``score_from_kpi``, the score proposed by its period achievement
   (:func:`score_from_achievement`); then the self score, only when ``rules.self_counts``. The self
   score is always *shown*; it is not counted otherwise. ``upto`` limits the roles considered (the
   一次評価者's print uses ``upto=Role.FIRST``; ``upto=Role.SELF`` gives the self view: self, else
   the KPI proposal).
2. **Block score** = Σ(w × s × d) / Σ w over the items that have a score. Items without a score are
   left out of both sums (their weight is renormalised away), never counted as zero.
3. **Overall** (on the rating scale) = Σ(W_b × block score) / Σ W_b over the blocks that have a
   score, W_b the block weight (default 業績 70 / プロセス 30). A block with no score at all drops
   out the same way.
4. **100-point conversion**: ``base = (overall − scale_min) / (scale_max − scale_min) × 100`` — the
   bottom of the scale is 0 点, the top 100 点 (on 1–5: 1 → 0, 3 → 50, 4 → 75, 5 → 100). A
   difficulty above 1 can take it past 100, one below 1 under 0.
5. **Total** = base + Σ加点 − Σ減点 (points on the 100-point scale), rounded to one decimal and then
   **clamped to 0–100**; the unclamped figure is kept as ``points_uncapped`` so a sheet can show
   that a bonus went past 100.
6. **Grade** (評語) — the first band, from the highest ``min_points`` down, with total ≥
   ``min_points`` (default S ≥ 90, A ≥ 75, B ≥ 60, C ≥ 45, else D). The rounded total is used, so
   the grade always matches the figure printed on the sheet.

Weights are validated by :func:`weight_problems`: each block that has items must total 100.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.appraisal_model import (
    AchievementBand,
    AdjustmentKind,
    Appraisal,
    AppraisalItem,
    Block,
    GradeBand,
    Role,
    ScoreSource,
    ScoringRules,
)

WEIGHT_TOTAL = 100.0
WEIGHT_TOLERANCE = 1e-6
_BAND_TOLERANCE = 1e-9  # float noise when comparing to a band threshold (0.7999999 is 80 %)


def score_from_achievement(
    achievement: float | None, bands: Sequence[AchievementBand]
) -> float | None:
    """The score proposed by an achievement ratio: the band with the highest ``min_ratio`` that the
    achievement reaches (default ≥120 % → 5, ≥100 % → 4, ≥80 % → 3, ≥60 % → 2, else 1).
    ``None`` for no achievement or when no band is reached."""
    if achievement is None or math.isnan(achievement):
        return None
    for band in sorted(bands, key=lambda b: b.min_ratio, reverse=True):
        if achievement + _BAND_TOLERANCE >= band.min_ratio:
            return band.score
    return None


def item_score(
    item: AppraisalItem,
    rules: ScoringRules,
    achievement: float | None = None,
    *,
    upto: Role = Role.SECOND,
) -> tuple[float | None, ScoreSource | None]:
    """The counted score of an item and where it came from (rule 1 of the module docstring).
    ``achievement`` is the period achievement of the linked KPI, if any."""
    proposed = None
    if item.kpi_id is not None and item.score_from_kpi:
        proposed = score_from_achievement(achievement, rules.achievement_bands)
    if upto is Role.SELF:
        if item.self_score is not None:
            return item.self_score, ScoreSource.SELF
        return (proposed, ScoreSource.KPI) if proposed is not None else (None, None)
    if upto is Role.SECOND and item.second_score is not None:
        return item.second_score, ScoreSource.SECOND
    if item.first_score is not None:
        return item.first_score, ScoreSource.FIRST
    if proposed is not None:
        return proposed, ScoreSource.KPI
    if rules.self_counts and item.self_score is not None:
        return item.self_score, ScoreSource.SELF
    return None, None


@dataclass(frozen=True, slots=True)
class ItemScore:
    score: float | None
    source: ScoreSource | None
    weighted: float | None  # w × s × d, None when the item has no score


@dataclass(frozen=True, slots=True)
class BlockScore:
    block: Block
    weight_total: float  # Σ w of all the block's items (should be 100)
    scored_weight: float  # Σ w of the items that have a score
    score: float | None  # on the rating scale (difficulty included)
    items: tuple[ItemScore, ...]


@dataclass(frozen=True, slots=True)
class SheetScore:
    blocks: tuple[BlockScore, ...]  # PERFORMANCE, PROCESS
    overall: float | None  # rating scale
    base_points: float | None  # 100-point conversion before 加点・減点
    bonus: float
    penalty: float
    points_uncapped: float | None
    points: float | None  # 0–100, one decimal
    grade: str | None

    def block(self, block: Block) -> BlockScore:
        return next(b for b in self.blocks if b.block is block)


def block_score(scores: Iterable[tuple[float, ItemScore, float]]) -> float | None:
    """Σ(w × s × d) / Σ w over ``(weight, item score, difficulty)`` of scored items; None if none
    is scored or the scored weights total 0."""
    numerator = 0.0
    denominator = 0.0
    for weight, scored, difficulty in scores:
        if scored.score is None:
            continue
        numerator += weight * scored.score * difficulty
        denominator += weight
    if denominator <= 0:
        return None
    return numerator / denominator


def to_points(overall: float | None, rules: ScoringRules) -> float | None:
    """100-point conversion: (overall − min) / (max − min) × 100 on the rating scale."""
    if overall is None:
        return None
    span = rules.scale_max - rules.scale_min
    if span <= 0:
        return None
    return (overall - rules.scale_min) / span * 100.0


def grade_for(points: float | None, bands: Sequence[GradeBand]) -> str | None:
    """The grade of a total on the 100-point scale (rule 6); None for no total or no band."""
    if points is None:
        return None
    for band in sorted(bands, key=lambda b: b.min_points, reverse=True):
        if points + _BAND_TOLERANCE >= band.min_points:
            return band.grade
    return None


def score_sheet(
    sheet: Appraisal,
    rules: ScoringRules,
    achievements: Mapping[int, float | None] | None = None,
    *,
    upto: Role = Role.SECOND,
) -> SheetScore:
    """Score a whole sheet. ``achievements`` maps KPI ids to their period achievement."""
    found = achievements or {}
    blocks: list[BlockScore] = []
    for block in Block:
        entries: list[tuple[float, ItemScore, float]] = []
        for item in sheet.items_in(block):
            achievement = found.get(item.kpi_id) if item.kpi_id is not None else None
            score, source = item_score(item, rules, achievement, upto=upto)
            weighted = None if score is None else item.weight * score * item.difficulty
            entries.append((item.weight, ItemScore(score, source, weighted), item.difficulty))
        blocks.append(
            BlockScore(
                block=block,
                weight_total=math.fsum(w for w, _, _ in entries),
                scored_weight=math.fsum(w for w, s, _ in entries if s.score is not None),
                score=block_score(entries),
                items=tuple(s for _, s, _ in entries),
            )
        )
    numerator = 0.0
    denominator = 0.0
    for b in blocks:
        weight = rules.block_weight(b.block)
        if b.score is not None and weight > 0:
            numerator += weight * b.score
            denominator += weight
    overall = numerator / denominator if denominator > 0 else None
    base = to_points(overall, rules)
    show_adjustments = upto is not Role.SELF
    bonus = math.fsum(
        a.points for a in sheet.adjustments if a.kind is AdjustmentKind.BONUS and show_adjustments
    )
    penalty = math.fsum(
        a.points for a in sheet.adjustments if a.kind is AdjustmentKind.PENALTY and show_adjustments
    )
    if base is None:
        uncapped = points = None
    else:
        uncapped = round(base + bonus - penalty, 1) + 0.0
        points = min(WEIGHT_TOTAL, max(0.0, uncapped))
    return SheetScore(
        blocks=tuple(blocks),
        overall=overall,
        base_points=base,
        bonus=bonus,
        penalty=penalty,
        points_uncapped=uncapped,
        points=points,
        grade=grade_for(points, rules.grade_bands),
    )


# --------------------------------------------------------------------------- validation


class WeightProblemCode(StrEnum):
    BLOCK_TOTAL = "block_total"  # a block's item weights do not total 100
    NEGATIVE_WEIGHT = "negative_weight"
    NO_ITEMS = "no_items"  # the sheet has no item at all


@dataclass(frozen=True, slots=True)
class WeightProblem:
    code: WeightProblemCode
    block: Block | None = None
    total: float | None = None


def block_totals(items: Iterable[AppraisalItem]) -> dict[Block, float]:
    """Σ weight per block (blocks without items are 0)."""
    totals = dict.fromkeys(Block, 0.0)
    for item in items:
        totals[item.block] += item.weight
    return totals


def weights_ok(total: float) -> bool:
    return abs(total - WEIGHT_TOTAL) <= WEIGHT_TOLERANCE


def weight_problems(items: Sequence[AppraisalItem]) -> tuple[WeightProblem, ...]:
    """Why the weights of a sheet cannot be final: each block that has items must total 100, no
    weight may be negative, and a sheet needs at least one item. Empty tuple = fine."""
    if not items:
        return (WeightProblem(WeightProblemCode.NO_ITEMS),)
    problems: list[WeightProblem] = []
    for block in Block:
        if any(i.weight < 0 for i in items if i.block is block):
            problems.append(WeightProblem(WeightProblemCode.NEGATIVE_WEIGHT, block))
    present = {i.block for i in items}
    for block, total in block_totals(items).items():
        if block in present and not weights_ok(total):
            problems.append(WeightProblem(WeightProblemCode.BLOCK_TOTAL, block, total))
    return tuple(problems)


class RulesProblemCode(StrEnum):
    SCALE = "scale"  # scale_min must be below scale_max
    BLOCK_WEIGHTS = "block_weights"  # block weights must be ≥ 0 and total 100
    GRADE_BANDS = "grade_bands"  # at least one band, grades unique and not empty
    ACHIEVEMENT_BANDS = "achievement_bands"  # scores within the scale


def rules_problems(rules: ScoringRules) -> tuple[RulesProblemCode, ...]:
    """Why a period's scoring rules cannot be saved. Empty tuple = fine."""
    problems: list[RulesProblemCode] = []
    if rules.scale_min >= rules.scale_max:
        problems.append(RulesProblemCode.SCALE)
    weights = (rules.performance_weight, rules.process_weight)
    if any(w < 0 for w in weights) or not weights_ok(sum(weights)):
        problems.append(RulesProblemCode.BLOCK_WEIGHTS)
    grades = [b.grade.strip() for b in rules.grade_bands]
    if not grades or any(not g for g in grades) or len(set(grades)) != len(grades):
        problems.append(RulesProblemCode.GRADE_BANDS)
    if any(not rules.scale_min <= b.score <= rules.scale_max for b in rules.achievement_bands):
        problems.append(RulesProblemCode.ACHIEVEMENT_BANDS)
    return tuple(problems)


def score_in_scale(score: float | None, rules: ScoringRules) -> bool:
    return score is None or (math.isfinite(score) and rules.scale_min <= score <= rules.scale_max)
