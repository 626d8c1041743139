"""OKR (挑戦の羅針盤): an objective per quarter with 2–5 key results, check-ins, weighted roll-up.

The objective is an ``Objective`` of level OKR (with fiscal year and quarter). A key result runs
from ``start`` to ``target``; its progress is the achievement of its latest check-in from ``start``
to ``target`` (domain.achievement's baseline formula, which serves both directions), limited to 0…1
as okr-tracker and BurningOKR do. No check-in yet means progress 0. The objective's progress is the
weighted mean ``Σ wᵢ·pᵢ / Σ wᵢ`` of its key results (plain mean when every weight is 0). Its pace
compares progress with the elapsed share of the quarter, like the KPIs' pace (domain.forecast).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from domain.achievement import achievement
from domain.errors import MierukaError
from domain.fiscal import quarter_months
from domain.forecast import DEFAULT_WARNINGS, Severity, WarningSettings
from domain.model import Direction, Objective, ObjectiveLevel
from domain.ports import UnitOfWork

MIN_KEY_RESULTS = 2
MAX_KEY_RESULTS = 5
MAX_CONFIDENCE = 10


@dataclass(frozen=True, slots=True)
class KeyResult:
    id: int
    objective_id: int
    title: str
    start: float
    target: float
    unit: str = ""
    weight: float = 1.0
    sort_order: int = 0


@dataclass(frozen=True, slots=True)
class CheckIn:
    """チェックイン: the value reached, confidence 0–10 that the KR will be met, a comment."""

    id: int
    key_result_id: int
    checked_on: date
    value: float
    confidence: int
    comment: str = ""
    user: str = ""


class OkrProblem(StrEnum):
    TOO_FEW_KEY_RESULTS = "too_few_key_results"
    TOO_MANY_KEY_RESULTS = "too_many_key_results"
    KEY_RESULT_WITHOUT_TITLE = "key_result_without_title"
    NEGATIVE_WEIGHT = "negative_weight"
    START_EQUALS_TARGET = "start_equals_target"
    NO_QUARTER = "no_quarter"
    NO_TITLE = "no_title"


class InvalidOkr(MierukaError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


class InvalidCheckIn(MierukaError):
    """Confidence outside 0–10 or a value that is not a finite number."""


def okr_problems(objective: Objective, key_results: Sequence[KeyResult]) -> list[OkrProblem]:
    problems: list[OkrProblem] = []
    if not objective.title.strip():
        problems.append(OkrProblem.NO_TITLE)
    if objective.fiscal_year is None or objective.quarter not in (1, 2, 3, 4):
        problems.append(OkrProblem.NO_QUARTER)
    if len(key_results) < MIN_KEY_RESULTS:
        problems.append(OkrProblem.TOO_FEW_KEY_RESULTS)
    if len(key_results) > MAX_KEY_RESULTS:
        problems.append(OkrProblem.TOO_MANY_KEY_RESULTS)
    if any(not kr.title.strip() for kr in key_results):
        problems.append(OkrProblem.KEY_RESULT_WITHOUT_TITLE)
    if any(kr.weight < 0 or not math.isfinite(kr.weight) for kr in key_results):
        problems.append(OkrProblem.NEGATIVE_WEIGHT)
    if any(kr.start == kr.target for kr in key_results):
        problems.append(OkrProblem.START_EQUALS_TARGET)
    return problems


def check_check_in(check_in: CheckIn) -> None:
    if not 0 <= check_in.confidence <= MAX_CONFIDENCE or not math.isfinite(check_in.value):
        raise InvalidCheckIn(check_in.confidence, check_in.value)


def latest(check_ins: Iterable[CheckIn]) -> CheckIn | None:
    """The most recent check-in (by date, then by entry order)."""
    return max(check_ins, key=lambda c: (c.checked_on, c.id), default=None)


def key_result_progress(kr: KeyResult, current: float | None) -> float:
    """Progress 0…1 of ``current`` from ``kr.start`` to ``kr.target``; no value → 0."""
    if current is None:
        return 0.0
    reached = achievement(current, kr.target, Direction.HIGHER, baseline=kr.start)
    if reached is None:
        return 0.0
    return min(1.0, max(0.0, reached)) + 0.0


def rolled_up(progress_and_weights: Sequence[tuple[float, float]]) -> float | None:
    """Weighted mean of (progress, weight); the plain mean when all weights are 0; None if empty."""
    if not progress_and_weights:
        return None
    total = math.fsum(w for _, w in progress_and_weights)
    if total <= 0:
        return math.fsum(p for p, _ in progress_and_weights) / len(progress_and_weights)
    return math.fsum(p * w for p, w in progress_and_weights) / total


class OkrPace(StrEnum):
    """BurningOKR's three states from progress − elapsed share of the quarter."""

    ON_TRACK = "on_track"
    IN_DANGER = "in_danger"
    OFF_TRACK = "off_track"


def quarter_elapsed(fiscal_year: int, quarter: int, today: date, fiscal_year_start: int) -> float:
    """Share 0…1 of the quarter's days that have passed by the end of ``today``."""
    months = quarter_months(fiscal_year, quarter, fiscal_year_start)
    first = date(months[0].year, months[0].month, 1)
    after = months[-1].add(1)
    end = date(after.year, after.month, 1)
    days = (end - first).days
    passed = (today - first).days + 1
    return min(1.0, max(0.0, passed / days))


def okr_pace(
    progress: float, elapsed: float, settings: WarningSettings = DEFAULT_WARNINGS
) -> OkrPace:
    lag = elapsed - progress
    if lag > settings.pace_critical:
        return OkrPace.OFF_TRACK
    if lag > settings.pace_caution:
        return OkrPace.IN_DANGER
    return OkrPace.ON_TRACK


PACE_SEVERITY = {OkrPace.IN_DANGER: Severity.CAUTION, OkrPace.OFF_TRACK: Severity.CRITICAL}


@dataclass(frozen=True, slots=True)
class KeyResultView:
    key_result: KeyResult
    current: float | None
    progress: float
    confidence: int | None
    last_check_in: CheckIn | None


@dataclass(frozen=True, slots=True)
class OkrView:
    """An OKR objective with its key results, the roll-up and the pace for the dashboard."""

    objective: Objective
    key_results: tuple[KeyResultView, ...]
    progress: float | None
    confidence: float | None  # weighted mean of the latest confidences
    elapsed: float
    pace: OkrPace | None


def okr_view(
    objective: Objective,
    key_results: Sequence[KeyResult],
    check_ins: Mapping[int, Sequence[CheckIn]],
    *,
    today: date,
    fiscal_year_start: int,
    settings: WarningSettings = DEFAULT_WARNINGS,
) -> OkrView:
    views: list[KeyResultView] = []
    for kr in sorted(key_results, key=lambda k: (k.sort_order, k.id)):
        last = latest(check_ins.get(kr.id, ()))
        current = None if last is None else last.value
        views.append(
            KeyResultView(
                kr,
                current,
                key_result_progress(kr, current),
                None if last is None else last.confidence,
                last,
            )
        )
    progress = rolled_up([(v.progress, v.key_result.weight) for v in views])
    confident = [
        (float(v.confidence), v.key_result.weight) for v in views if v.confidence is not None
    ]
    confidence = rolled_up(confident)
    elapsed = 0.0
    pace = None
    if objective.fiscal_year is not None and objective.quarter in (1, 2, 3, 4):
        elapsed = quarter_elapsed(
            objective.fiscal_year, objective.quarter, today, fiscal_year_start
        )
        if progress is not None:
            pace = okr_pace(progress, elapsed, settings)
    return OkrView(objective, tuple(views), progress, confidence, elapsed, pace)


# --------------------------------------------------------------------------- use cases


def list_okrs(
    uow: UnitOfWork, *, fiscal_year: int, today: date, department_id: int | None = None
) -> list[OkrView]:
    with uow:
        company = uow.company.get()
        start = 4 if company is None else company.fiscal_year_start
        objectives = [
            o
            for o in uow.objectives.list()
            if o.level is ObjectiveLevel.OKR
            and o.fiscal_year == fiscal_year
            and (department_id is None or o.department_id == department_id)
        ]
        krs = uow.okrs.key_results([o.id for o in objectives])
        check_ins = uow.okrs.check_ins([k.id for k in krs])
    return build_okr_views(objectives, krs, check_ins, today=today, fiscal_year_start=start)


def build_okr_views(
    objectives: Sequence[Objective],
    key_results: Sequence[KeyResult],
    check_ins: Sequence[CheckIn],
    *,
    today: date,
    fiscal_year_start: int,
) -> list[OkrView]:
    by_objective: dict[int, list[KeyResult]] = {}
    for kr in key_results:
        by_objective.setdefault(kr.objective_id, []).append(kr)
    by_kr: dict[int, list[CheckIn]] = {}
    for c in check_ins:
        by_kr.setdefault(c.key_result_id, []).append(c)
    ordered = sorted(objectives, key=lambda o: (o.quarter or 0, o.sort_order, o.id))
    return [
        okr_view(
            o, by_objective.get(o.id, []), by_kr, today=today, fiscal_year_start=fiscal_year_start
        )
        for o in ordered
    ]


def save_okr(
    uow: UnitOfWork, objective: Objective, key_results: Sequence[KeyResult]
) -> tuple[Objective, list[KeyResult]]:
    """Create or update an OKR objective with its 2–5 key results in one transaction. Key results
    missing from ``key_results`` are deleted (with their check-ins)."""
    objective = replace(objective, level=ObjectiveLevel.OKR, title=objective.title.strip())
    problems = okr_problems(objective, key_results)
    if problems:
        raise InvalidOkr([str(p) for p in problems])
    with uow:
        if objective.id == 0:
            saved = uow.objectives.add(objective)
        else:
            uow.objectives.update(objective)
            saved = objective
        kept = {kr.id for kr in key_results if kr.id}
        for old in uow.okrs.key_results([saved.id]):
            if old.id not in kept:
                uow.okrs.delete_key_result(old.id)
        stored: list[KeyResult] = []
        for order, kr in enumerate(key_results):
            kr = replace(kr, objective_id=saved.id, title=kr.title.strip(), sort_order=order)
            if kr.id == 0:
                stored.append(uow.okrs.add_key_result(kr))
            else:
                uow.okrs.update_key_result(kr)
                stored.append(kr)
        uow.commit()
        return saved, stored


def record_check_in(uow: UnitOfWork, check_in: CheckIn) -> CheckIn:
    check_check_in(check_in)
    with uow:
        saved = uow.okrs.add_check_in(replace(check_in, comment=check_in.comment.strip()))
        uow.commit()
        return saved


def key_result_check_ins(uow: UnitOfWork, key_result_id: int) -> list[CheckIn]:
    """Check-ins of one key result, newest first."""
    with uow:
        found = uow.okrs.check_ins([key_result_id])
    return sorted(found, key=lambda c: (c.checked_on, c.id), reverse=True)
