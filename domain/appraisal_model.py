"""Plain values of the appraisal feature: 評価期間, 評価シート, 評価項目, 加点・減点, 面談記録.

Codes only (StrEnum); the UI and the PDF phrase them. Everything is immutable; a sheet is edited by
building a new value with ``dataclasses.replace`` and saving it through
``domain.appraisal_services.save_sheet``, which checks the workflow locks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Block(StrEnum):
    """The two blocks of a sheet: 業績 (goals, MBO) and プロセス・行動 (behaviour)."""

    PERFORMANCE = "performance"
    PROCESS = "process"


class Stage(StrEnum):
    """Workflow status: 下書き → 自己評価済 → 一次評価済 → 二次評価済 → 確定."""

    DRAFT = "draft"
    SELF_DONE = "self_done"
    FIRST_DONE = "first_done"
    SECOND_DONE = "second_done"
    FINAL = "final"


STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)


def stage_index(stage: Stage) -> int:
    return STAGE_ORDER.index(stage)


class Role(StrEnum):
    """Who scores: 本人 (self), 一次評価者, 二次評価者."""

    SELF = "self"
    FIRST = "first"
    SECOND = "second"


class InterviewKind(StrEnum):
    """面談: 期首 (goal agreement), 中間 (progress), 期末 (feedback)."""

    START = "start"
    MID = "mid"
    END = "end"


class AdjustmentKind(StrEnum):
    BONUS = "bonus"  # 加点
    PENALTY = "penalty"  # 減点


class ScoreSource(StrEnum):
    """Where an item's counted score came from."""

    SECOND = "second"
    FIRST = "first"
    KPI = "kpi"
    SELF = "self"


@dataclass(frozen=True, slots=True)
class GradeBand:
    """A grade (評語) reached at ``min_points`` on the 100-point scale or more."""

    grade: str
    min_points: float


@dataclass(frozen=True, slots=True)
class AchievementBand:
    """An achievement ratio (1.0 = 100 %) at or above ``min_ratio`` proposes ``score``."""

    min_ratio: float
    score: float


DEFAULT_GRADE_BANDS: tuple[GradeBand, ...] = (
    GradeBand("S", 90.0),
    GradeBand("A", 75.0),
    GradeBand("B", 60.0),
    GradeBand("C", 45.0),
    GradeBand("D", -math.inf),
)

DEFAULT_ACHIEVEMENT_BANDS: tuple[AchievementBand, ...] = (
    AchievementBand(1.2, 5.0),
    AchievementBand(1.0, 4.0),
    AchievementBand(0.8, 3.0),
    AchievementBand(0.6, 2.0),
    AchievementBand(-math.inf, 1.0),
)


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """How a sheet is scored; stored with the period so it travels with the data.

    ``scale_labels`` are the user's words for each step of the scale (scale_min first) or empty.
    ``self_counts``: the self score counts when no evaluator has scored (off by default).
    """

    scale_min: int = 1
    scale_max: int = 5
    scale_labels: tuple[str, ...] = ()
    performance_weight: float = 70.0
    process_weight: float = 30.0
    grade_bands: tuple[GradeBand, ...] = DEFAULT_GRADE_BANDS
    achievement_bands: tuple[AchievementBand, ...] = DEFAULT_ACHIEVEMENT_BANDS
    self_counts: bool = False

    def block_weight(self, block: Block) -> float:
        return self.performance_weight if block is Block.PERFORMANCE else self.process_weight


@dataclass(frozen=True, slots=True)
class AppraisalPeriod:
    """評価期間, e.g. 2025年度上期 (2025-04-01 … 2025-09-30, both inclusive)."""

    id: int
    name: str
    start: date
    end: date
    rules: ScoringRules = field(default_factory=ScoringRules)


@dataclass(frozen=True, slots=True)
class AppraisalItem:
    """評価項目: a goal (業績) or a behaviour item (プロセス・行動) with its three scores.

    ``difficulty`` is the 難易度 coefficient (e.g. 1.2 / 1.0 / 0.8). ``kpi_id`` links a department
    KPI whose period achievement fills 実績; with ``score_from_kpi`` it also proposes the score.
    ``result`` is 実績・結果の記載 written at self evaluation. ``level_descriptions`` are the
    behaviour levels of a process item (scale_min first).
    """

    id: int
    block: Block
    goal: str
    criteria: str = ""
    weight: float = 0.0
    difficulty: float = 1.0
    kpi_id: int | None = None
    score_from_kpi: bool = False
    result: str = ""
    level_descriptions: tuple[str, ...] = ()
    self_score: float | None = None
    self_comment: str = ""
    first_score: float | None = None
    first_comment: str = ""
    second_score: float | None = None
    second_comment: str = ""

    def score_of(self, role: Role) -> float | None:
        if role is Role.SELF:
            return self.self_score
        if role is Role.FIRST:
            return self.first_score
        return self.second_score


@dataclass(frozen=True, slots=True)
class Adjustment:
    """加点 or 減点 in points on the 100-point scale (``points`` ≥ 0), with its reason."""

    id: int
    kind: AdjustmentKind
    points: float
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Interview:
    """面談記録."""

    id: int
    kind: InterviewKind
    held_on: date | None = None
    summary: str = ""
    agreements: str = ""


class Action(StrEnum):
    """Workflow actions; every one is recorded as an :class:`AppraisalEvent`."""

    SUBMIT_SELF = "submit_self"
    CONFIRM_FIRST = "confirm_first"
    CONFIRM_SECOND = "confirm_second"
    FINALIZE = "finalize"
    REOPEN = "reopen"


@dataclass(frozen=True, slots=True)
class AppraisalEvent:
    """One recorded workflow step (who, when, from → to, why)."""

    id: int
    action: Action
    from_stage: Stage
    to_stage: Stage
    user: str
    at: datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Appraisal:
    """評価シート of one member in one period."""

    id: int
    period_id: int
    member_id: int
    first_evaluator_id: int | None = None
    second_evaluator_id: int | None = None
    stage: Stage = Stage.DRAFT
    self_comment: str = ""  # 本人所見
    first_comment: str = ""  # 一次評価者コメント
    second_comment: str = ""  # 二次評価者コメント
    items: tuple[AppraisalItem, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    interviews: tuple[Interview, ...] = ()
    events: tuple[AppraisalEvent, ...] = ()

    @property
    def has_second(self) -> bool:
        return self.second_evaluator_id is not None

    def items_in(self, block: Block) -> tuple[AppraisalItem, ...]:
        return tuple(item for item in self.items if item.block is block)
