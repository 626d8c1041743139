"""Repositories over SQLAlchemy Core: rows in, plain domain dataclasses out.

Core (not ORM objects) is used throughout: a fiscal year of 500 KPIs reads ~15x faster this way,
and nothing lazy-loaded can leak out of a transaction into a widget or another thread.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from domain.errors import DuplicateEmployeeNo, NotFound
from domain.fiscal import YearMonth
from domain.model import (
    Aggregation,
    CellValue,
    Change,
    Company,
    Department,
    Direction,
    Kpi,
    KpiKind,
    Member,
    Objective,
    ObjectiveLevel,
    Series,
    Thresholds,
)
from domain.ports import Cell
from storage.orm import (
    ChangeRow,
    CompanyRow,
    DepartmentRow,
    KpiRow,
    MeasurementRow,
    MemberRow,
    MonthlyTargetRow,
    ObjectiveRow,
)

company_t = CompanyRow.__table__
department_t = DepartmentRow.__table__
member_t = MemberRow.__table__
objective_t = ObjectiveRow.__table__
kpi_t = KpiRow.__table__
measurement_t = MeasurementRow.__table__
target_t = MonthlyTargetRow.__table__
change_t = ChangeRow.__table__


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


_COMPANY = select(company_t).order_by(company_t.c.id).limit(1)


class CompanyRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def get(self) -> Company | None:
        row = self._c.execute(_COMPANY).first()  # (read on every dashboard refresh)
        if row is None:
            return None
        return Company(
            id=row.id,
            name=row.name,
            fiscal_year_start=row.fiscal_year_start,
            thresholds=Thresholds(row.threshold_achieved, row.threshold_caution),
        )

    def _values(self, company: Company) -> dict[str, Any]:
        return {
            "name": company.name,
            "fiscal_year_start": company.fiscal_year_start,
            "threshold_achieved": company.thresholds.achieved,
            "threshold_caution": company.thresholds.caution,
        }

    def add(self, company: Company) -> Company:
        new_id = self._c.execute(
            insert(company_t).values(**self._values(company), created_at=_now())
        ).inserted_primary_key[0]
        return Company(new_id, company.name, company.fiscal_year_start, company.thresholds)

    def update(self, company: Company) -> None:
        self._c.execute(
            update(company_t).where(company_t.c.id == company.id).values(**self._values(company))
        )


_ALL_DEPARTMENTS = select(
    department_t.c.id,
    department_t.c.name,
    department_t.c.mission,
    department_t.c.kgi_id,
    department_t.c.sort_order,
    department_t.c.archived,
).order_by(department_t.c.sort_order, department_t.c.id)
_DEPARTMENTS = {
    True: _ALL_DEPARTMENTS,
    False: _ALL_DEPARTMENTS.where(department_t.c.archived.is_(False)),
}


class DepartmentRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    @staticmethod
    def _to_domain(row: Any) -> Department:
        return Department(
            id=row.id,
            name=row.name,
            mission=row.mission,
            kgi_id=row.kgi_id,
            sort_order=row.sort_order,
            archived=bool(row.archived),
        )

    def list(self, *, include_archived: bool = False) -> list[Department]:
        # every dashboard refresh lists the departments: the statement is built once, and the
        # driver's rows (id, name, mission, kgi_id, sort_order, archived) are read by position
        result = self._c.execute(_DEPARTMENTS[include_archived])
        try:
            rows = result.cursor.fetchall()
        finally:
            result.close()
        return [Department(i, n, m, k, o, bool(a)) for i, n, m, k, o, a in rows]

    def get(self, department_id: int) -> Department:
        row = self._c.execute(
            select(department_t).where(department_t.c.id == department_id)
        ).first()
        if row is None:
            raise NotFound("department", department_id)
        return self._to_domain(row)

    @staticmethod
    def _values(d: Department) -> dict[str, Any]:
        return {
            "name": d.name,
            "mission": d.mission,
            "kgi_id": d.kgi_id,
            "sort_order": d.sort_order,
            "archived": d.archived,
        }

    def add(self, department: Department) -> Department:
        new_id = self._c.execute(
            insert(department_t).values(**self._values(department))
        ).inserted_primary_key[0]
        return self.get(new_id)

    def update(self, department: Department) -> None:
        self._c.execute(
            update(department_t)
            .where(department_t.c.id == department.id)
            .values(**self._values(department))
        )


class MemberRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    @staticmethod
    def _to_domain(row: Any) -> Member:
        return Member(
            id=row.id,
            employee_no=row.employee_no,
            name=row.name,
            department_id=row.department_id,
            title=row.title,
            grade=row.grade,
            archived=bool(row.archived),
        )

    def list(self, *, include_archived: bool = False) -> list[Member]:
        stmt = select(member_t).order_by(member_t.c.employee_no)
        if not include_archived:
            stmt = stmt.where(member_t.c.archived.is_(False))
        return [self._to_domain(r) for r in self._c.execute(stmt)]

    def get(self, member_id: int) -> Member:
        row = self._c.execute(select(member_t).where(member_t.c.id == member_id)).first()
        if row is None:
            raise NotFound("member", member_id)
        return self._to_domain(row)

    def by_employee_no(self, employee_no: str) -> Member | None:
        row = self._c.execute(select(member_t).where(member_t.c.employee_no == employee_no)).first()
        return None if row is None else self._to_domain(row)

    @staticmethod
    def _values(m: Member) -> dict[str, Any]:
        return {
            "employee_no": m.employee_no,
            "name": m.name,
            "department_id": m.department_id,
            "title": m.title,
            "grade": m.grade,
            "archived": m.archived,
        }

    def add(self, member: Member) -> Member:
        try:
            with self._c.begin_nested():
                new_id = self._c.execute(
                    insert(member_t).values(**self._values(member))
                ).inserted_primary_key[0]
        except IntegrityError as exc:
            raise DuplicateEmployeeNo(member.employee_no) from exc
        return self.get(new_id)

    def update(self, member: Member) -> None:
        try:
            with self._c.begin_nested():
                self._c.execute(
                    update(member_t)
                    .where(member_t.c.id == member.id)
                    .values(**self._values(member))
                )
        except IntegrityError as exc:
            raise DuplicateEmployeeNo(member.employee_no) from exc


_ALL_OBJECTIVES = select(objective_t).order_by(objective_t.c.sort_order, objective_t.c.id)
_OBJECTIVES = {
    True: _ALL_OBJECTIVES,
    False: _ALL_OBJECTIVES.where(objective_t.c.archived.is_(False)),
}


class ObjectiveRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    @staticmethod
    def _to_domain(row: Any) -> Objective:
        return Objective(
            id=row.id,
            title=row.title,
            level=ObjectiveLevel(row.level),
            parent_id=row.parent_id,
            department_id=row.department_id,
            member_id=row.member_id,
            fiscal_year=row.fiscal_year,
            quarter=row.quarter,
            description=row.description,
            sort_order=row.sort_order,
            archived=bool(row.archived),
        )

    def list(self, *, include_archived: bool = False) -> list[Objective]:
        return [self._to_domain(r) for r in self._c.execute(_OBJECTIVES[include_archived])]

    def get(self, objective_id: int) -> Objective:
        row = self._c.execute(select(objective_t).where(objective_t.c.id == objective_id)).first()
        if row is None:
            raise NotFound("objective", objective_id)
        return self._to_domain(row)

    @staticmethod
    def _values(o: Objective) -> dict[str, Any]:
        return {
            "title": o.title,
            "level": o.level.value,
            "parent_id": o.parent_id,
            "department_id": o.department_id,
            "member_id": o.member_id,
            "fiscal_year": o.fiscal_year,
            "quarter": o.quarter,
            "description": o.description,
            "sort_order": o.sort_order,
            "archived": o.archived,
        }

    def add(self, objective: Objective) -> Objective:
        new_id = self._c.execute(
            insert(objective_t).values(**self._values(objective))
        ).inserted_primary_key[0]
        return self.get(new_id)

    def update(self, objective: Objective) -> None:
        self._c.execute(
            update(objective_t)
            .where(objective_t.c.id == objective.id)
            .values(**self._values(objective))
        )

    def delete(self, objective_id: int) -> None:
        self._c.execute(delete(objective_t).where(objective_t.c.id == objective_id))


def _months_to_text(months: Sequence[int]) -> str:
    return ",".join(str(m) for m in sorted(set(months)))


_DIRECTIONS = {d.value: d for d in Direction}
_AGGREGATIONS = {a.value: a for a in Aggregation}
_KINDS = {k.value: k for k in KpiKind}


@functools.lru_cache(maxsize=64)
def _months_from_text(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(",") if p.strip())


def _levels_from_text(text: str | None) -> tuple[str, ...]:
    if not text or text == "[]":
        return ()
    return tuple(json.loads(text))


class KpiRepo:
    # explicit column order: rows are unpacked by position (attribute access per column is
    # the slowest part of reading a few hundred KPIs)
    _COLUMNS = (
        "id",
        "department_id",
        "name",
        "unit",
        "direction",
        "aggregation",
        "baseline",
        "annual_target",
        "range_low",
        "range_high",
        "decimals",
        "kind",
        "level_descriptions",
        "owner_id",
        "objective_id",
        "rationale",
        "active_months",
        "start_ym",
        "deadline_ym",
        "sort_order",
        "archived",
    )

    def __init__(self, conn: Connection) -> None:
        self._c = conn

    @classmethod
    def _select(cls) -> Any:
        return select(*(kpi_t.c[name] for name in cls._COLUMNS))

    @staticmethod
    def _to_domain(row: Any) -> Kpi:
        (
            id_,
            dept,
            name,
            unit,
            direction,
            aggregation,
            baseline,
            target,
            low,
            high,
            decimals,
            kind,
            levels,
            owner,
            objective,
            rationale,
            months,
            start,
            deadline,
            order,
            archived,
        ) = row
        return Kpi(  # by position (the field order is checked below the class): half the cost
            id_,
            dept,
            name,
            unit,
            _DIRECTIONS[direction],
            _AGGREGATIONS[aggregation],
            baseline,
            target,
            low,
            high,
            decimals,
            _KINDS[kind],
            _levels_from_text(levels),
            owner,
            objective,
            rationale,
            _months_from_text(months),
            None if start is None else YearMonth.from_int(start),
            None if deadline is None else YearMonth.from_int(deadline),
            order,
            bool(archived),
        )

    @staticmethod
    def _values(k: Kpi) -> dict[str, Any]:
        return {
            "department_id": k.department_id,
            "objective_id": k.objective_id,
            "name": k.name,
            "unit": k.unit,
            "direction": k.direction.value,
            "aggregation": k.aggregation.value,
            "baseline": k.baseline,
            "annual_target": k.annual_target,
            "range_low": k.range_low,
            "range_high": k.range_high,
            "decimals": k.decimals,
            "kind": k.kind.value,
            "level_descriptions": json.dumps(list(k.level_descriptions), ensure_ascii=False),
            "owner_id": k.owner_id,
            "rationale": k.rationale,
            "active_months": _months_to_text(k.active_months),
            "start_ym": None if k.start is None else k.start.as_int(),
            "deadline_ym": None if k.deadline is None else k.deadline.as_int(),
            "sort_order": k.sort_order,
            "archived": k.archived,
        }

    def list(
        self, *, department_id: int | None = None, include_archived: bool = False
    ) -> list[Kpi]:
        stmt = self._select().order_by(kpi_t.c.department_id, kpi_t.c.sort_order, kpi_t.c.id)
        if department_id is not None:
            stmt = stmt.where(kpi_t.c.department_id == department_id)
        if not include_archived:
            stmt = stmt.where(kpi_t.c.archived.is_(False))
        found = self._c.execute(stmt)
        try:  # one fetchall from the driver instead of a fetchone per row
            return [self._to_domain(r) for r in found.cursor.fetchall()]
        finally:
            found.close()

    def get(self, kpi_id: int) -> Kpi:
        row = self._c.execute(self._select().where(kpi_t.c.id == kpi_id)).first()
        if row is None:
            raise NotFound("kpi", kpi_id)
        return self._to_domain(row)

    def add(self, kpi: Kpi) -> Kpi:
        new_id = self._c.execute(insert(kpi_t).values(**self._values(kpi))).inserted_primary_key[0]
        return self.get(new_id)

    def update(self, kpi: Kpi) -> None:
        self._c.execute(update(kpi_t).where(kpi_t.c.id == kpi.id).values(**self._values(kpi)))

    def delete(self, kpi_id: int) -> None:
        self._c.execute(delete(kpi_t).where(kpi_t.c.id == kpi_id))

    def count_active(self, department_id: int) -> int:
        return int(
            self._c.execute(
                select(func.count())
                .select_from(kpi_t)
                .where(kpi_t.c.department_id == department_id, kpi_t.c.archived.is_(False))
            ).scalar_one()
        )


# KpiRepo._to_domain passes the columns to Kpi by position: they must stay in its field order
if [f.name for f in dataclasses.fields(Kpi)] != [c.removesuffix("_ym") for c in KpiRepo._COLUMNS]:
    raise TypeError("KpiRepo._COLUMNS and the fields of Kpi are not in the same order")


class ValueRepo:
    """Actuals live in ``measurement``, monthly targets in ``monthly_target``; same shape."""

    def __init__(self, conn: Connection) -> None:
        self._c = conn

    @staticmethod
    def _table(series: Series) -> Any:
        return measurement_t if series is Series.ACTUAL else target_t

    def read(
        self, series: Series, kpi_ids: Sequence[int], first: YearMonth, last: YearMonth
    ) -> dict[Cell, CellValue]:
        t = self._table(series)
        result: dict[Cell, CellValue] = {}
        ids = list(kpi_ids)
        # one YearMonth per distinct month (a year of 500 KPIs has 12), not one per row
        months: dict[int, YearMonth] = {}
        empty: dict[float | None, CellValue] = {}
        for start in range(0, len(ids), 900):  # keep the IN list under parameter limits
            chunk = ids[start : start + 900]
            found = self._c.execute(
                select(t.c.kpi_id, t.c.ym, t.c.value, t.c.note).where(
                    t.c.kpi_id.in_(chunk), t.c.ym >= first.as_int(), t.c.ym <= last.as_int()
                )
            )
            # straight from the driver's cursor: these columns need no conversion on SQLite or
            # PostgreSQL, and a Row object per cell costs as much as the query itself
            try:
                rows = found.cursor.fetchall()
            finally:
                found.close()
            for kpi_id, ym, value, note in rows:
                month = months.get(ym)
                if month is None:
                    month = months[ym] = YearMonth.from_int(ym)
                if note:
                    cell = CellValue(value, note)
                else:  # most cells have no note: share one immutable value per number
                    cell = empty.get(value)  # type: ignore[assignment]
                    if cell is None:
                        cell = empty[value] = CellValue(value, "")
                result[(kpi_id, month)] = cell
        return result

    def get(
        self, series: Series, kpi_id: int, month: YearMonth, *, lock: bool = False
    ) -> CellValue | None:
        """One cell; ``lock`` holds it until commit on servers that support row locks
        (PostgreSQL), so a compare-then-write cannot interleave with another writer."""
        t = self._table(series)
        stmt = select(t.c.value, t.c.note).where(t.c.kpi_id == kpi_id, t.c.ym == month.as_int())
        if lock:
            stmt = stmt.with_for_update()
        row = self._c.execute(stmt).first()
        return None if row is None else CellValue(row.value, row.note or "")

    def put_many(
        self, series: Series, cells: Mapping[Cell, CellValue | None], *, user: str
    ) -> None:
        """Write cells; ``None`` (or an empty value with no note) deletes the stored cell."""
        t = self._table(series)
        now = _now()
        to_delete = [k for k, c in cells.items() if c is None or (c.value is None and not c.note)]
        deleted = set(to_delete)
        to_write = {k: c for k, c in cells.items() if c is not None and k not in deleted}
        where = (t.c.kpi_id == bindparam("k_id"), t.c.ym == bindparam("k_ym"))
        if to_delete:  # one prepared statement for all (an import undo deletes many)
            self._c.execute(
                delete(t).where(*where),
                [{"k_id": kpi_id, "k_ym": month.as_int()} for kpi_id, month in to_delete],
            )
        if not to_write:
            return
        extra: dict[str, Any] = (
            {"updated_by": user, "updated_at": now} if series is Series.ACTUAL else {}
        )
        stored = self._stored_keys(t, to_write)
        updates, inserts = [], []
        for (kpi_id, month), cell in to_write.items():
            row = {"value": cell.value, "note": cell.note, **extra}
            if (kpi_id, month.as_int()) in stored:
                updates.append(
                    {
                        "k_id": kpi_id,
                        "k_ym": month.as_int(),
                        **{f"v_{c}": v for c, v in row.items()},
                    }
                )
            else:
                inserts.append({"kpi_id": kpi_id, "ym": month.as_int(), **row})
        if updates:
            values = {c: bindparam(f"v_{c}") for c in ("value", "note", *extra)}
            self._c.execute(update(t).where(*where).values(**values), updates)
        if inserts:
            self._c.execute(insert(t), inserts)

    def _stored_keys(self, t: Any, cells: Mapping[Cell, object]) -> set[tuple[int, int]]:
        """(kpi_id, yyyymm) of the given cells that have a stored row."""
        ids = sorted({kpi_id for kpi_id, _ in cells})
        months = [m.as_int() for _, m in cells]
        found: set[tuple[int, int]] = set()
        for start in range(0, len(ids), 900):
            rows = self._c.execute(
                select(t.c.kpi_id, t.c.ym).where(
                    t.c.kpi_id.in_(ids[start : start + 900]),
                    t.c.ym >= min(months),
                    t.c.ym <= max(months),
                )
            )
            found.update((int(k), int(ym)) for k, ym in rows)
        return found

    def count(self, kpi_id: int) -> int:
        return int(
            self._c.execute(
                select(func.count())
                .select_from(measurement_t)
                .where(measurement_t.c.kpi_id == kpi_id)
            ).scalar_one()
        )


class ChangeRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def add_many(self, changes: Iterable[Change]) -> None:
        rows = [
            {
                "kpi_id": ch.kpi_id,
                "ym": ch.month.as_int(),
                "series": ch.series.value,
                "old_value": ch.old_value,
                "new_value": ch.new_value,
                "old_note": ch.old_note,
                "new_note": ch.new_note,
                "user": ch.user,
                "at": ch.at,
                "source": ch.source,
            }
            for ch in changes
        ]
        if rows:
            self._c.execute(insert(change_t), rows)

    def for_kpi(self, kpi_id: int) -> list[Change]:
        rows = self._c.execute(
            select(change_t).where(change_t.c.kpi_id == kpi_id).order_by(change_t.c.id.desc())
        )
        return [
            Change(
                id=r.id,
                kpi_id=r.kpi_id,
                month=YearMonth.from_int(r.ym),
                series=Series(r.series),
                old_value=r.old_value,
                new_value=r.new_value,
                old_note=r.old_note or "",
                new_note=r.new_note or "",
                user=r.user,
                at=r.at,
                source=r.source,
            )
            for r in rows
        ]
