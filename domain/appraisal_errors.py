"""Typed errors of the appraisal feature; ui/appraisal_messages.py phrases them."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from domain.errors import MierukaError

if TYPE_CHECKING:
    from domain.appraisal_model import Stage
    from domain.scoring import RulesProblemCode, WeightProblem


class Part(StrEnum):
    """The parts of a sheet that lock separately (domain.appraisal)."""

    GOALS = "goals"
    EVALUATORS = "evaluators"
    SELF = "self"
    FIRST = "first"
    SECOND = "second"
    ADJUSTMENTS = "adjustments"
    INTERVIEWS = "interviews"


class RefusalCode(StrEnum):
    WRONG_STAGE = "wrong_stage"  # the action does not apply at the current stage
    NO_SECOND_EVALUATOR = "no_second_evaluator"  # CONFIRM_SECOND without a 二次評価者
    SECOND_PENDING = "second_pending"  # FINALIZE before the 二次評価者 confirmed
    NO_FIRST_EVALUATOR = "no_first_evaluator"  # CONFIRM_FIRST without a 一次評価者
    INVALID_WEIGHTS = "invalid_weights"  # FINALIZE with block weights not totalling 100
    NOT_EARLIER = "not_earlier"  # reopen to a stage that is not before the current one


class TransitionRefused(MierukaError):
    """A workflow action was refused; ``code`` says why, ``problems`` lists weight problems."""

    def __init__(
        self, code: RefusalCode, stage: Stage, problems: tuple[WeightProblem, ...] = ()
    ) -> None:
        super().__init__(code, stage)
        self.code = code
        self.stage = stage
        self.problems = problems


class SheetLocked(MierukaError):
    """A save tried to change parts of the sheet that are locked at its stage."""

    def __init__(self, stage: Stage, parts: frozenset[Part]) -> None:
        super().__init__(stage, sorted(parts))
        self.stage = stage
        self.parts = parts


class InvalidPeriod(MierukaError):
    """A period cannot be saved: ``codes`` are RulesProblemCode values or "name" / "dates"."""

    def __init__(self, codes: tuple[RulesProblemCode | str, ...]) -> None:
        super().__init__(codes)
        self.codes = codes


class DuplicatePeriodName(MierukaError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class PeriodHasFinalSheets(MierukaError):
    """The scoring rules of a period with 確定 sheets cannot change (that would change grades)."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class InvalidScore(MierukaError):
    """A score outside the period's rating scale, a difficulty ≤ 0 or negative points."""

    def __init__(self, field: str, value: float) -> None:
        super().__init__(field, value)
        self.field = field
        self.value = value


class NoPeriod(MierukaError):
    """No appraisal period exists (or none with the given name)."""

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.name = name
