"""Reviews (振り返り): a department's monthly or quarterly review with notes, decisions and actions.

A review covers a period — one month or one fiscal quarter — named by its first month. The numbers
shown beside a review are the KPIs' figures over that period (:func:`period_rows`), computed with
the one achievement formula of domain.achievement. Open actions (not done) stay on the dashboard.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from domain.achievement import monthly_targets, period_achievement, period_figures, status_of
from domain.errors import MierukaError
from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of, quarter_months, quarter_of
from domain.model import Kpi, Series, Status, Thresholds
from domain.ports import UnitOfWork


class ReviewScope(StrEnum):
    MONTHLY = "monthly"  # 月次
    QUARTERLY = "quarterly"  # 四半期


class InvalidReview(MierukaError):
    """The review cannot be saved; ``problems`` are :class:`ReviewProblem` codes."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


class ReviewProblem(StrEnum):
    NOT_FIRST_MONTH = "not_first_month"  # a quarterly review must start at its quarter's 1st month
    ACTION_WITHOUT_TEXT = "action_without_text"
    EMPTY = "empty"  # no notes, decisions or actions


@dataclass(frozen=True, slots=True)
class ReviewAction:
    """アクション: what to do, who, by when, and whether it is done."""

    id: int
    description: str
    owner_id: int | None = None
    due: date | None = None
    done: bool = False
    done_on: date | None = None
    review_id: int = 0
    sort_order: int = 0


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    department_id: int
    held_on: date
    scope: ReviewScope
    first_month: YearMonth
    participants: str = ""
    notes: str = ""
    decisions: str = ""
    actions: tuple[ReviewAction, ...] = ()


@dataclass(frozen=True, slots=True)
class OpenAction:
    """An action not yet done, with the review it came from (for the dashboard)."""

    action: ReviewAction
    department_id: int
    review_id: int
    held_on: date
    scope: ReviewScope
    first_month: YearMonth


def period_months(
    scope: ReviewScope, first_month: YearMonth, fiscal_year_start: int = 4
) -> tuple[YearMonth, ...]:
    """The months a review covers: the month itself, or the fiscal quarter starting there."""
    if scope is ReviewScope.MONTHLY:
        return (first_month,)
    year = fiscal_year_of(first_month, fiscal_year_start)
    return quarter_months(year, quarter_of(first_month, fiscal_year_start), fiscal_year_start)


def period_start(scope: ReviewScope, month: YearMonth, fiscal_year_start: int = 4) -> YearMonth:
    """The first month of the period of ``scope`` that contains ``month``."""
    return period_months(scope, month, fiscal_year_start)[0]


def review_problems(review: Review, fiscal_year_start: int = 4) -> list[ReviewProblem]:
    problems: list[ReviewProblem] = []
    if period_start(review.scope, review.first_month, fiscal_year_start) != review.first_month:
        problems.append(ReviewProblem.NOT_FIRST_MONTH)
    if any(not a.description.strip() for a in review.actions):
        problems.append(ReviewProblem.ACTION_WITHOUT_TEXT)
    if not (review.notes.strip() or review.decisions.strip() or review.actions):
        problems.append(ReviewProblem.EMPTY)
    return problems


# --------------------------------------------------------------------------- period figures


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """One KPI's figures over a review period."""

    kpi: Kpi
    actual: float | None
    target: float | None
    achievement: float | None
    status: Status
    months_with_values: int


def period_rows(
    kpis: Sequence[Kpi],
    year_months: Sequence[YearMonth],
    period: Sequence[YearMonth],
    actuals: Mapping[tuple[int, YearMonth], float | None],
    stored_targets: Mapping[tuple[int, YearMonth], float],
    thresholds: Thresholds,
) -> list[PeriodRow]:
    """Figures of ``period`` (months inside the fiscal year ``year_months``). Monthly targets are
    derived over the whole fiscal year first, so an annual target is split over twelve months, not
    over the months of the period."""
    rows: list[PeriodRow] = []
    positions = [year_months.index(m) for m in period]
    for kpi in kpis:
        stored = {m: v for (k, m), v in stored_targets.items() if k == kpi.id}
        year_targets = monthly_targets(kpi, year_months, stored)
        period_actuals = [actuals.get((kpi.id, m)) for m in period]
        period_targets = [year_targets[i] for i in positions]
        figures = period_figures(kpi, period_actuals, period_targets)
        reached = period_achievement(kpi, period_actuals, period_targets)
        rows.append(
            PeriodRow(
                kpi,
                figures.actual,
                figures.target,
                reached,
                status_of(reached, thresholds),
                sum(1 for v in period_actuals if v is not None),
            )
        )
    return rows


# --------------------------------------------------------------------------- use cases


def list_reviews(uow: UnitOfWork, *, department_id: int | None = None) -> list[Review]:
    """Reviews, newest first."""
    with uow:
        return uow.reviews.list(department_id=department_id)


def save_review(uow: UnitOfWork, review: Review) -> Review:
    """Create (id 0) or replace a review with its actions, in one transaction."""
    with uow:
        company = uow.company.get()
        start = 4 if company is None else company.fiscal_year_start
        problems = review_problems(review, start)
        if problems:
            raise InvalidReview([str(p) for p in problems])
        cleaned = replace(
            review,
            participants=review.participants.strip(),
            notes=review.notes.strip(),
            decisions=review.decisions.strip(),
            actions=tuple(
                replace(a, description=a.description.strip(), sort_order=i)
                for i, a in enumerate(review.actions)
            ),
        )
        saved = uow.reviews.add(cleaned) if review.id == 0 else uow.reviews.update(cleaned)
        uow.commit()
        return saved


def delete_review(uow: UnitOfWork, review_id: int) -> None:
    with uow:
        uow.reviews.delete(review_id)
        uow.commit()


def set_action_done(uow: UnitOfWork, action_id: int, done: bool, *, today: date) -> None:
    with uow:
        uow.reviews.set_action_done(action_id, done, today if done else None)
        uow.commit()


def open_actions(uow: UnitOfWork, *, department_id: int | None = None) -> list[OpenAction]:
    with uow:
        found = uow.reviews.open_actions()
    return [a for a in found if department_id is None or a.department_id == department_id]


@dataclass(frozen=True, slots=True)
class ReviewContext:
    """The numbers beside a review: the period's KPI figures of the department."""

    scope: ReviewScope
    months: tuple[YearMonth, ...]
    rows: tuple[PeriodRow, ...]


def load_review_context(
    uow: UnitOfWork, *, department_id: int, scope: ReviewScope, first_month: YearMonth
) -> ReviewContext:
    with uow:
        company = uow.company.get()
        start = 4 if company is None else company.fiscal_year_start
        thresholds = Thresholds() if company is None else company.thresholds
        period = period_months(scope, first_month, start)
        year_months = fiscal_months(fiscal_year_of(period[0], start), start)
        kpis = uow.kpis.list(department_id=department_id)
        ids = [k.id for k in kpis]
        actual_cells = uow.values.read(Series.ACTUAL, ids, period[0], period[-1])
        target_cells = uow.values.read(Series.TARGET, ids, year_months[0], year_months[-1])
    actuals = {key: cell.value for key, cell in actual_cells.items()}
    targets = {key: cell.value for key, cell in target_cells.items() if cell.value is not None}
    rows = period_rows(kpis, year_months, period, actuals, targets, thresholds)
    return ReviewContext(scope, period, tuple(rows))
