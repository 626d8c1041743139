"""Revising a KPI's target during a fiscal year (目標の改訂): a recorded change with a reason.

A revision applies to one fiscal year from an effective month on. The months before it keep the
targets they were judged against; the whole year's twelve monthly targets are stored, so neither the
past months of this year nor other years move (the KPI's own annual target, which other years derive
from, is left as it is). How the remaining months change (:func:`revised_targets`):

* SUM — the remaining active months share ``new − Σ earlier targets``, in proportion to their
  current targets (evenly when those are all 0 or missing), so the year adds up to the new target.
* other aggregations — the remaining months' targets move by ``new − old`` (flat targets become the
  new target; a step ramp keeps its shape and ends at the new target).

``old`` is the year's target figure before the revision: :func:`domain.achievement.aggregate` of
the monthly targets with the KPI's aggregation. Every changed month goes to the value history too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.achievement import aggregate, is_active, monthly_targets
from domain.errors import MierukaError
from domain.fiscal import YearMonth, fiscal_months
from domain.model import Aggregation, CellValue, Change, Direction, Kpi, Series
from domain.ports import Cell, UnitOfWork

SOURCE = "target_revision"  # recorded as the source of the value changes


@dataclass(frozen=True, slots=True)
class TargetRevision:
    id: int
    kpi_id: int
    fiscal_year: int
    effective_from: YearMonth
    old_target: float | None
    new_target: float
    reason: str
    user: str
    at: datetime


class RevisionProblem(StrEnum):
    NO_REASON = "no_reason"
    NOT_A_NUMBER = "not_a_number"
    RANGE_KPI = "range_kpi"  # a band is changed in the KPI dialog, not revised as a number
    OUTSIDE_YEAR = "outside_year"  # the effective month is not in the fiscal year
    NO_MONTH_LEFT = "no_month_left"  # no active month from the effective month on
    UNCHANGED = "unchanged"


class InvalidRevision(MierukaError):
    def __init__(self, problem: RevisionProblem) -> None:
        super().__init__(problem)
        self.problem = problem


def year_target(kpi: Kpi, targets: Sequence[float | None]) -> float | None:
    """The year's target figure from its monthly targets (Σ for SUM, mean for AVERAGE, …)."""
    return aggregate(targets, kpi.aggregation)


def revised_targets(
    kpi: Kpi,
    months: Sequence[YearMonth],
    current: Sequence[float | None],
    effective_index: int,
    new_target: float,
) -> list[float | None]:
    """The twelve monthly targets after revising the year to ``new_target`` from
    ``months[effective_index]`` on (rules in the module docstring)."""
    if not 0 <= effective_index < len(months):
        raise InvalidRevision(RevisionProblem.OUTSIDE_YEAR)
    remaining = [i for i in range(effective_index, len(months)) if is_active(kpi, months[i])]
    if not remaining:
        raise InvalidRevision(RevisionProblem.NO_MONTH_LEFT)
    result = list(current)
    if kpi.aggregation is Aggregation.SUM:
        earlier = math.fsum(t for t in current[:effective_index] if t is not None)
        share = new_target - earlier
        weights = [current[i] or 0.0 for i in remaining]
        total = math.fsum(weights)
        for i, w in zip(remaining, weights, strict=True):
            part = share * w / total if total > 0 else share / len(remaining)
            result[i] = part + 0.0
        return result
    old = year_target(kpi, current)
    delta = new_target - (old if old is not None else new_target)
    for i in remaining:
        value = current[i]
        result[i] = new_target if value is None or old is None else value + delta + 0.0
    return result


def revise_target(
    uow: UnitOfWork,
    *,
    kpi_id: int,
    fiscal_year: int,
    new_target: float,
    reason: str,
    effective_from: YearMonth,
    user: str,
    at: datetime,
) -> TargetRevision:
    """Revise ``kpi_id``'s target for ``fiscal_year`` in one transaction and record why."""
    reason = reason.strip()
    if not reason:
        raise InvalidRevision(RevisionProblem.NO_REASON)
    if not math.isfinite(new_target):
        raise InvalidRevision(RevisionProblem.NOT_A_NUMBER)
    with uow:
        kpi = uow.kpis.get(kpi_id)
        if kpi.direction is Direction.RANGE:
            raise InvalidRevision(RevisionProblem.RANGE_KPI)
        company = uow.company.get()
        start = 4 if company is None else company.fiscal_year_start
        months = fiscal_months(fiscal_year, start)
        if effective_from not in months:
            raise InvalidRevision(RevisionProblem.OUTSIDE_YEAR)
        stored_cells = uow.values.read(Series.TARGET, [kpi_id], months[0], months[-1])
        stored = {m: c.value for (_, m), c in stored_cells.items() if c.value is not None}
        current = monthly_targets(kpi, months, stored)
        old = year_target(kpi, current)
        revised = revised_targets(kpi, months, current, months.index(effective_from), new_target)
        if old is not None and revised == current and math.isclose(old, new_target):
            raise InvalidRevision(RevisionProblem.UNCHANGED)
        revision = store_revision(
            uow,
            TargetRevision(
                0, kpi_id, fiscal_year, effective_from, old, new_target, reason, user, at
            ),
            months=months,
            stored_cells=stored_cells,
            current=current,
            revised=revised,
        )
        uow.commit()
        return revision


def store_revision(
    uow: UnitOfWork,
    revision: TargetRevision,
    *,
    months: Sequence[YearMonth],
    stored_cells: Mapping[Cell, CellValue],
    current: Sequence[float | None],
    revised: Sequence[float | None],
) -> TargetRevision:
    """Write a revision inside the caller's transaction (no commit): the year's monthly targets
    ``revised`` as stored step targets (notes kept), each changed month in the value history
    with source :data:`SOURCE`, and the revision record. ``current`` are the targets the months
    had (stored or derived); ``stored_cells`` the year's stored target cells."""
    kpi_id = revision.kpi_id
    stored = {m: c.value for (_, m), c in stored_cells.items() if c.value is not None}
    cells: dict[Cell, CellValue] = {}
    changes: list[Change] = []
    for month, before, after in zip(months, current, revised, strict=True):
        if after is None or stored.get(month) == after:
            continue
        cell = stored_cells.get((kpi_id, month))
        note = "" if cell is None else cell.note
        cells[(kpi_id, month)] = CellValue(after, note)
        changes.append(
            Change(
                0,
                kpi_id,
                month,
                Series.TARGET,
                stored.get(month, before),
                after,
                note,
                note,
                revision.user,
                revision.at,
                SOURCE,
            )
        )
    uow.values.put_many(Series.TARGET, cells, user=revision.user)
    uow.changes.add_many(changes)
    return uow.target_revisions.add(revision)


def target_revisions(uow: UnitOfWork, kpi_id: int) -> list[TargetRevision]:
    """A KPI's revisions, newest first."""
    with uow:
        return uow.target_revisions.for_kpi(kpi_id)
