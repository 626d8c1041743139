"""Changing a KPI's target in the KPI dialog after its fiscal year has started (年度途中の目標変更).

Once a fiscal year is under way (:func:`year_started`), changing a KPI's annual target or the
year's monthly step targets is a target revision (domain.target_revision): it needs a reason and an
effective month, the months before that month keep the targets they were judged against, the year's
twelve monthly targets are stored, and the revision (old → new, reason) is recorded. Editing other
fields, a new KPI, a RANGE KPI (its band is not a number to revise), giving a KPI its first target
and removing every target are not revisions (:func:`target_change` returns None).

From the effective month on (:func:`changed_targets`):

* step targets typed in the month grid — those months take the targets the form shows (typed, or
  derived from the form's annual target for blank months);
* only the annual target changed — the year is revised to the form's year target with
  :func:`domain.target_revision.revised_targets` (for SUM the remaining months share what is left,
  so the year adds up to the new annual target).

The figures recorded (:func:`revision_figures`): ``old`` is the year's target before
(:func:`domain.target_revision.year_target`, as the revision dialog records it); ``new`` is, for
SUM, the year's total after the change and, for the other aggregations, the target figure of the
months from the effective month on (the level that applies from then).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain import achievement
from domain.errors import InvalidKpi
from domain.fiscal import YearMonth, fiscal_months
from domain.kpi_checks import kpi_errors
from domain.model import Aggregation, Direction, Kpi, Series
from domain.ports import UnitOfWork
from domain.target_revision import (
    InvalidRevision,
    RevisionProblem,
    TargetRevision,
    revised_targets,
    store_revision,
    year_target,
)


def year_started(months: Sequence[YearMonth], today: YearMonth) -> bool:
    """The fiscal year of ``months`` is under way: ``today`` lies inside it, after its first month
    (during the first month targets are still being set, so changing them asks nothing)."""
    return today in months and months.index(today) > 0


@dataclass(frozen=True, slots=True)
class TargetChange:
    """A change of a KPI's targets for one fiscal year, as the KPI dialog would save it."""

    kpi: Kpi  # the KPI as it will be saved
    months: tuple[YearMonth, ...]
    before: tuple[float | None, ...]  # the year's monthly targets now (stored or derived)
    requested: tuple[float | None, ...]  # the year's monthly targets the form describes
    months_edited: bool  # step targets were typed (else only the annual target changed)
    old_target: float  # the year's target figure now


def target_change(
    stored_kpi: Kpi,
    kpi: Kpi,
    months: Sequence[YearMonth],
    stored: Mapping[YearMonth, float],
    edited: Mapping[YearMonth, float | None],
) -> TargetChange | None:
    """What saving ``kpi`` with the month grid ``edited`` (month → step target, None = blank)
    changes in the year of ``months``, compared with ``stored_kpi`` and its stored step targets
    ``stored``; None when that is not a revision (module docstring)."""
    if kpi.id == 0 or Direction.RANGE in (kpi.direction, stored_kpi.direction):
        return None
    months_edited = any(edited.get(m) != stored.get(m) for m in months)
    if not months_edited and kpi.annual_target == stored_kpi.annual_target:
        return None
    before = achievement.monthly_targets(stored_kpi, months, stored)
    typed = {m: v for m, v in edited.items() if v is not None}
    requested = achievement.monthly_targets(kpi, months, typed)
    old = year_target(stored_kpi, before)
    if old is None or year_target(kpi, requested) is None or requested == before:
        return None
    return TargetChange(kpi, tuple(months), tuple(before), tuple(requested), months_edited, old)


def changed_targets(change: TargetChange, effective_index: int) -> list[float | None]:
    """The year's twelve monthly targets after the change takes effect from
    ``change.months[effective_index]`` (rules in the module docstring); raises InvalidRevision
    (OUTSIDE_YEAR, NO_MONTH_LEFT, UNCHANGED)."""
    if not 0 <= effective_index < len(change.months):
        raise InvalidRevision(RevisionProblem.OUTSIDE_YEAR)
    before = list(change.before)
    if change.months_edited:
        result = before[:effective_index] + list(change.requested[effective_index:])
    else:
        new = year_target(change.kpi, change.requested)
        assert new is not None  # target_change returns None otherwise
        result = revised_targets(change.kpi, change.months, before, effective_index, new)
    if result == before:
        raise InvalidRevision(RevisionProblem.UNCHANGED)
    return result


def revision_figures(
    change: TargetChange, effective_index: int, result: Sequence[float | None]
) -> tuple[float, float]:
    """``(old, new)`` target figures to record for ``result`` (module docstring)."""
    kpi = change.kpi
    months = result if kpi.aggregation is Aggregation.SUM else result[effective_index:]
    new = year_target(kpi, months)
    if new is None:
        raise InvalidRevision(RevisionProblem.NO_MONTH_LEFT)
    return change.old_target, new


def save_kpi_with_revision(
    uow: UnitOfWork,
    kpi: Kpi,
    *,
    monthly_targets: Mapping[YearMonth, float | None],
    fiscal_year: int,
    effective_from: YearMonth,
    reason: str,
    user: str,
    at: datetime,
) -> TargetRevision:
    """Save an edited KPI whose targets change in a started ``fiscal_year``, as a revision with
    ``reason`` from ``effective_from`` on — one transaction: the KPI's fields, the year's monthly
    targets (:func:`changed_targets`), their value history and the revision record.

    ``monthly_targets`` is the KPI dialog's month grid for that year. Raises InvalidKpi, or
    InvalidRevision (NO_REASON, OUTSIDE_YEAR, NO_MONTH_LEFT, UNCHANGED — also when, read again
    inside the transaction, the change is no revision at all).
    """
    errors = kpi_errors(kpi)
    if errors:
        raise InvalidKpi([str(e.code) for e in errors])
    reason = reason.strip()
    if not reason:
        raise InvalidRevision(RevisionProblem.NO_REASON)
    with uow:
        stored_kpi = uow.kpis.get(kpi.id)
        company = uow.company.get()
        months = fiscal_months(fiscal_year, 4 if company is None else company.fiscal_year_start)
        if effective_from not in months:
            raise InvalidRevision(RevisionProblem.OUTSIDE_YEAR)
        stored_cells = uow.values.read(Series.TARGET, [kpi.id], months[0], months[-1])
        stored = {m: c.value for (_, m), c in stored_cells.items() if c.value is not None}
        change = target_change(stored_kpi, kpi, months, stored, monthly_targets)
        if change is None:
            raise InvalidRevision(RevisionProblem.UNCHANGED)
        index = months.index(effective_from)
        result = changed_targets(change, index)
        old, new = revision_figures(change, index, result)
        uow.kpis.update(kpi)
        revision = store_revision(
            uow,
            TargetRevision(0, kpi.id, fiscal_year, effective_from, old, new, reason, user, at),
            months=months,
            stored_cells=stored_cells,
            current=change.before,
            revised=result,
        )
        uow.commit()
        return revision
