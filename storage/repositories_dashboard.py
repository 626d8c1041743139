"""Repositories of the dashboard feature over SQLAlchemy Core: reviews and actions, OKR key results
and check-ins, target revisions, the warning settings, and the dashboard's bulk value reads."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from domain.errors import NotFound
from domain.fiscal import YearMonth
from domain.forecast import WarningSettings
from domain.model import Kpi, Series
from domain.okr import CheckIn, KeyResult
from domain.review import OpenAction, Review, ReviewAction, ReviewScope
from domain.target_revision import TargetRevision
from storage.orm import KpiRow, MeasurementRow, MemberRow, MonthlyTargetRow
from storage.orm_dashboard import (
    CheckInRow,
    DashboardSettingRow,
    KeyResultRow,
    ReviewActionRow,
    ReviewRow,
    TargetRevisionRow,
)
from storage.repositories import KpiRepo

review_t = ReviewRow.__table__
action_t = ReviewActionRow.__table__
key_result_t = KeyResultRow.__table__
check_in_t = CheckInRow.__table__
revision_t = TargetRevisionRow.__table__
setting_t = DashboardSettingRow.__table__
measurement_t = MeasurementRow.__table__
target_t = MonthlyTargetRow.__table__
kpi_t = KpiRow.__table__
member_t = MemberRow.__table__

# Statements read on every dashboard refresh, built once: composing a select costs more than
# running it. KpiRepository.list() of the active KPIs: the same columns (KpiRepo._to_domain reads
# them by position), filter and order.
_ACTIVE_KPIS = (
    KpiRepo._select()
    .where(kpi_t.c.archived.is_(False))
    .order_by(kpi_t.c.department_id, kpi_t.c.sort_order, kpi_t.c.id)
)
_OWNER_NAMES = select(member_t.c.id, member_t.c.name)
_WARNING_SETTINGS = select(setting_t).order_by(setting_t.c.id).limit(1)
_OPEN_ACTIONS = (
    select(
        action_t,
        review_t.c.department_id,
        review_t.c.held_on,
        review_t.c.scope,
        review_t.c.first_ym,
    )
    .join(review_t, review_t.c.id == action_t.c.review_id)
    .where(action_t.c.done.is_(False))
    .order_by(action_t.c.due.is_(None), action_t.c.due, review_t.c.held_on, action_t.c.id)
)

_CHUNK = 900  # stay well below SQLite's limit on bound parameters


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    items = list(ids)
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def _action(row: Any) -> ReviewAction:
    return ReviewAction(
        id=row.id,
        description=row.description,
        owner_id=row.owner_id,
        due=row.due,
        done=bool(row.done),
        done_on=row.done_on,
        review_id=row.review_id,
        sort_order=row.sort_order,
    )


class ReviewRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def _actions_of(self, review_ids: Sequence[int]) -> dict[int, list[ReviewAction]]:
        found: dict[int, list[ReviewAction]] = {}
        for chunk in _chunks(review_ids):
            rows = self._c.execute(
                select(action_t)
                .where(action_t.c.review_id.in_(chunk))
                .order_by(action_t.c.sort_order, action_t.c.id)
            )
            for row in rows:
                found.setdefault(row.review_id, []).append(_action(row))
        return found

    @staticmethod
    def _review(row: Any, actions: Sequence[ReviewAction]) -> Review:
        return Review(
            id=row.id,
            department_id=row.department_id,
            held_on=row.held_on,
            scope=ReviewScope(row.scope),
            first_month=YearMonth.from_int(row.first_ym),
            participants=row.participants,
            notes=row.notes,
            decisions=row.decisions,
            actions=tuple(actions),
        )

    def list(self, *, department_id: int | None = None) -> list[Review]:
        stmt = select(review_t).order_by(review_t.c.held_on.desc(), review_t.c.id.desc())
        if department_id is not None:
            stmt = stmt.where(review_t.c.department_id == department_id)
        rows = self._c.execute(stmt).all()
        actions = self._actions_of([r.id for r in rows])
        return [self._review(r, actions.get(r.id, ())) for r in rows]

    def get(self, review_id: int) -> Review:
        row = self._c.execute(select(review_t).where(review_t.c.id == review_id)).first()
        if row is None:
            raise NotFound("review", review_id)
        return self._review(row, self._actions_of([review_id]).get(review_id, ()))

    @staticmethod
    def _values(review: Review) -> dict[str, Any]:
        return {
            "department_id": review.department_id,
            "held_on": review.held_on,
            "scope": review.scope.value,
            "first_ym": review.first_month.as_int(),
            "participants": review.participants,
            "notes": review.notes,
            "decisions": review.decisions,
        }

    def _write_actions(self, review_id: int, actions: Sequence[ReviewAction]) -> None:
        kept = [a.id for a in actions if a.id]
        stmt = delete(action_t).where(action_t.c.review_id == review_id)
        if kept:
            stmt = stmt.where(action_t.c.id.not_in(kept))
        self._c.execute(stmt)
        for order, a in enumerate(actions):
            values = {
                "review_id": review_id,
                "description": a.description,
                "owner_id": a.owner_id,
                "due": a.due,
                "done": a.done,
                "done_on": a.done_on,
                "sort_order": order,
            }
            if a.id:
                self._c.execute(
                    update(action_t)
                    .where(action_t.c.id == a.id, action_t.c.review_id == review_id)
                    .values(**values)
                )
            else:
                self._c.execute(insert(action_t).values(**values))

    def add(self, review: Review) -> Review:
        new_id = self._c.execute(
            insert(review_t).values(**self._values(review))
        ).inserted_primary_key[0]
        self._write_actions(new_id, review.actions)
        return self.get(new_id)

    def update(self, review: Review) -> Review:
        result = self._c.execute(
            update(review_t).where(review_t.c.id == review.id).values(**self._values(review))
        )
        if result.rowcount == 0:
            raise NotFound("review", review.id)
        self._write_actions(review.id, review.actions)
        return self.get(review.id)

    def delete(self, review_id: int) -> None:
        self._c.execute(delete(review_t).where(review_t.c.id == review_id))

    def open_actions(self) -> list[OpenAction]:
        rows = self._c.execute(_OPEN_ACTIONS)
        return [
            OpenAction(
                _action(r),
                r.department_id,
                r.review_id,
                r.held_on,
                ReviewScope(r.scope),
                YearMonth.from_int(r.first_ym),
            )
            for r in rows
        ]

    def set_action_done(self, action_id: int, done: bool, done_on: date | None) -> None:
        result = self._c.execute(
            update(action_t).where(action_t.c.id == action_id).values(done=done, done_on=done_on)
        )
        if result.rowcount == 0:
            raise NotFound("review_action", action_id)


class OkrRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    @staticmethod
    def _key_result(row: Any) -> KeyResult:
        return KeyResult(
            id=row.id,
            objective_id=row.objective_id,
            title=row.title,
            start=row.start_value,
            target=row.target_value,
            unit=row.unit,
            weight=row.weight,
            sort_order=row.sort_order,
        )

    @staticmethod
    def _kr_values(kr: KeyResult) -> dict[str, Any]:
        return {
            "objective_id": kr.objective_id,
            "title": kr.title,
            "unit": kr.unit,
            "start_value": kr.start,
            "target_value": kr.target,
            "weight": kr.weight,
            "sort_order": kr.sort_order,
        }

    def key_results(self, objective_ids: Sequence[int]) -> list[KeyResult]:
        found: list[KeyResult] = []
        for chunk in _chunks(objective_ids):
            rows = self._c.execute(
                select(key_result_t)
                .where(key_result_t.c.objective_id.in_(chunk))
                .order_by(key_result_t.c.objective_id, key_result_t.c.sort_order, key_result_t.c.id)
            )
            found.extend(self._key_result(r) for r in rows)
        return found

    def add_key_result(self, key_result: KeyResult) -> KeyResult:
        new_id = self._c.execute(
            insert(key_result_t).values(**self._kr_values(key_result))
        ).inserted_primary_key[0]
        row = self._c.execute(select(key_result_t).where(key_result_t.c.id == new_id)).one()
        return self._key_result(row)

    def update_key_result(self, key_result: KeyResult) -> None:
        self._c.execute(
            update(key_result_t)
            .where(key_result_t.c.id == key_result.id)
            .values(**self._kr_values(key_result))
        )

    def delete_key_result(self, key_result_id: int) -> None:
        self._c.execute(delete(key_result_t).where(key_result_t.c.id == key_result_id))

    @staticmethod
    def _check_in(row: Any) -> CheckIn:
        return CheckIn(
            id=row.id,
            key_result_id=row.key_result_id,
            checked_on=row.checked_on,
            value=row.value,
            confidence=row.confidence,
            comment=row.comment,
            user=row.user,
        )

    def check_ins(self, key_result_ids: Sequence[int]) -> list[CheckIn]:
        found: list[CheckIn] = []
        for chunk in _chunks(key_result_ids):
            rows = self._c.execute(
                select(check_in_t)
                .where(check_in_t.c.key_result_id.in_(chunk))
                .order_by(check_in_t.c.key_result_id, check_in_t.c.checked_on, check_in_t.c.id)
            )
            found.extend(self._check_in(r) for r in rows)
        return found

    def add_check_in(self, check_in: CheckIn) -> CheckIn:
        new_id = self._c.execute(
            insert(check_in_t).values(
                key_result_id=check_in.key_result_id,
                checked_on=check_in.checked_on,
                value=check_in.value,
                confidence=check_in.confidence,
                comment=check_in.comment,
                user=check_in.user,
            )
        ).inserted_primary_key[0]
        return self._check_in(
            self._c.execute(select(check_in_t).where(check_in_t.c.id == new_id)).one()
        )


class TargetRevisionRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    @staticmethod
    def _revision(row: Any) -> TargetRevision:
        return TargetRevision(
            id=row.id,
            kpi_id=row.kpi_id,
            fiscal_year=row.fiscal_year,
            effective_from=YearMonth.from_int(row.effective_ym),
            old_target=row.old_target,
            new_target=row.new_target,
            reason=row.reason,
            user=row.user,
            at=row.at,
        )

    def add(self, revision: TargetRevision) -> TargetRevision:
        new_id = self._c.execute(
            insert(revision_t).values(
                kpi_id=revision.kpi_id,
                fiscal_year=revision.fiscal_year,
                effective_ym=revision.effective_from.as_int(),
                old_target=revision.old_target,
                new_target=revision.new_target,
                reason=revision.reason,
                user=revision.user,
                at=revision.at,
            )
        ).inserted_primary_key[0]
        return self._revision(
            self._c.execute(select(revision_t).where(revision_t.c.id == new_id)).one()
        )

    def for_kpi(self, kpi_id: int) -> list[TargetRevision]:
        rows = self._c.execute(
            select(revision_t).where(revision_t.c.kpi_id == kpi_id).order_by(revision_t.c.id.desc())
        )
        return [self._revision(r) for r in rows]


class DashboardQueriesRepo:
    """The dashboard's bulk reads: every KPI's values in a month range as plain tuples, the active
    KPIs (reusing unchanged ones) and the owners' names."""

    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def kpis(self, known: MutableMapping[object, Kpi]) -> list[Kpi]:
        """The active KPIs in list order. ``known`` maps stored rows to the KPIs made of them
        by an earlier call: a row read again unchanged gives back that same object. ``known`` is
        left holding exactly the rows read now."""
        result = self._c.execute(_ACTIVE_KPIS)
        try:
            rows = result.cursor.fetchall()
        finally:
            result.close()
        found: dict[object, Kpi] = {}
        kpis = []
        for row in rows:
            kpi = known.get(row)
            if kpi is None:
                kpi = KpiRepo._to_domain(row)
            found[row] = kpi
            kpis.append(kpi)
        known.clear()
        known.update(found)
        return kpis

    def owner_names(self) -> dict[int, str]:
        """Every member's name by id, archived members included (they may still own a KPI)."""
        result = self._c.execute(_OWNER_NAMES)
        try:
            return dict(result.cursor.fetchall())
        finally:
            result.close()

    def value_rows(
        self, series: Series, first: int, last: int
    ) -> list[tuple[int, int, float | None]]:
        t = measurement_t if series is Series.ACTUAL else target_t
        result = self._c.execute(
            select(t.c.kpi_id, t.c.ym, t.c.value).where(t.c.ym >= first, t.c.ym <= last)
        )
        # Straight from the driver's cursor: the columns need no conversion (integers and a
        # float on SQLite and PostgreSQL alike), and making a Row of each of ten thousand rows
        # cost about as much as the query itself.
        try:
            return list(result.cursor.fetchall())
        finally:
            result.close()

    def warning_settings(self) -> WarningSettings:
        row = self._c.execute(_WARNING_SETTINGS).first()
        if row is None:
            return WarningSettings()
        return WarningSettings(
            pace_caution=row.pace_caution, pace_critical=row.pace_critical, grace_day=row.grace_day
        )

    def save_warning_settings(self, settings: WarningSettings) -> None:
        values = {
            "grace_day": settings.grace_day,
            "pace_caution": settings.pace_caution,
            "pace_critical": settings.pace_critical,
        }
        row = self._c.execute(select(setting_t.c.id).limit(1)).first()
        if row is None:
            self._c.execute(insert(setting_t).values(**values))
        else:
            self._c.execute(update(setting_t).where(setting_t.c.id == row.id).values(**values))
