"""Repository of the import feature (import_batch, import_mapping) and its bulk writes.

An import of a 20-sheet workbook writes hundreds of thousands of cells; on SQLite these go
through the driver as INSERTs of many rows each (measured ~3× faster than Core with per-row type
processing, and half of row-by-row ``executemany``), elsewhere through Core.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME

from domain.errors import NotFound
from domain.fiscal import YearMonth
from domain.importing.ports import ImportBatch, ImportCell, ImportedChange
from domain.model import Kpi, Series
from storage.orm_import import ImportBatchRow, ImportMappingRow
from storage.repositories import KpiRepo, change_t, department_t, kpi_t, measurement_t, target_t
from storage.write_behind import WriteBehind

batch_t = ImportBatchRow.__table__
mapping_t = ImportMappingRow.__table__


_MONTH_TEXT: dict[tuple[int, ...], str] = {}


_KPI_COLUMNS = (
    "department_id", "objective_id", "name", "unit", "direction", "aggregation", "baseline",
    "annual_target", "range_low", "range_high", "decimals", "kind", "level_descriptions",
    "owner_id", "rationale", "active_months", "start_ym", "deadline_ym", "sort_order", "archived",
)  # fmt: skip


def _kpi_values(kpi: Kpi) -> tuple[Any, ...]:
    """KpiRepo._values(kpi) as a tuple in ``_KPI_COLUMNS`` order, with the JSON and month texts
    of ordinary KPIs cached (×40,000)."""
    if kpi.level_descriptions or not _FAST_ROWS:
        row = KpiRepo._values(kpi)
        return tuple(row[c] for c in _KPI_COLUMNS)
    return _fast_kpi_values(kpi)


def _fast_kpi_values(kpi: Kpi) -> tuple[Any, ...]:
    months = _MONTH_TEXT.get(kpi.active_months)
    if months is None:
        months = _MONTH_TEXT.setdefault(
            kpi.active_months, ",".join(str(m) for m in sorted(set(kpi.active_months)))
        )
    return (
        kpi.department_id,
        kpi.objective_id,
        kpi.name,
        kpi.unit,
        kpi.direction.value,
        kpi.aggregation.value,
        kpi.baseline,
        kpi.annual_target,
        kpi.range_low,
        kpi.range_high,
        kpi.decimals,
        kpi.kind.value,
        "[]",
        kpi.owner_id,
        kpi.rationale,
        months,
        None if kpi.start is None else kpi.start.as_int(),
        None if kpi.deadline is None else kpi.deadline.as_int(),
        kpi.sort_order,
        kpi.archived,
    )


def _same_as_repo(kpi: Kpi) -> bool:
    reference = KpiRepo._values(kpi)
    return list(reference) == list(_KPI_COLUMNS) and tuple(reference.values()) == (
        _fast_kpi_values(kpi)
    )


# the cached form above is used only while it gives exactly what KpiRepo writes
_FAST_ROWS = _same_as_repo(Kpi(0, 0, ""))


# Rows per INSERT statement: many narrow rows in one ``VALUES`` list cost half of what the same
# rows cost through ``executemany`` one by one (measured: 360,000 cells in 0.39 s instead of
# 0.65 s). Numbered parameters (``?123``) get dearer per parameter as a statement has more of
# them (measured, 40,000 KPIs of 22 columns: 1,000 rows a statement 1.0 s, 100 rows 0.26 s),
# so wide rows go in smaller statements.
_MAX_PARAMS = 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999
_ROWS_PER_INSERT = 1000
_KPIS_PER_INSERT = 100


_SQL_TEXT: dict[tuple[str, str, int, int, int], str] = {}


def _multirow_inserts(
    head: str,
    row: str,
    width: int,
    fixed: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    pick: Callable[[Any], Sequence[Any]] | None = None,
    most: int = _ROWS_PER_INSERT,
) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """``INSERT`` statements of many rows each, with their parameter lists.

    ``row`` is one row's ``VALUES`` tuple in which ``{0}`` … ``{width-1}`` stand for the row's own
    parameters and ``?1`` … ``?k`` for the ``fixed`` ones shared by every row (the user, the time),
    which are bound once per statement instead of once per row. ``pick`` (an ``itemgetter``)
    takes a row's parameters out of each item of ``rows``; without it the items are the rows."""
    per = max(1, min(most, (_MAX_PARAMS - len(fixed)) // width))
    base = len(fixed) + 1
    fixed = tuple(fixed)

    def sql(count: int) -> str:
        key = (head, row, width, base, count)
        text = _SQL_TEXT.get(key)
        if text is None:
            text = head + ", ".join(
                row.format(*(f"?{base + i * width + j}" for j in range(width)))
                for i in range(count)
            )
            if count == per:  # the full-size texts repeat for every chunk of an import: kept
                _SQL_TEXT[key] = text
        return text

    def flat(part: Sequence[Sequence[Any]]) -> tuple[Any, ...]:  # in C: no Python per row
        return fixed + tuple(chain.from_iterable(part if pick is None else map(pick, part)))

    out: list[tuple[str, list[tuple[Any, ...]]]] = []
    full = len(rows) - len(rows) % per
    if full:
        out.append((sql(per), [flat(rows[i : i + per]) for i in range(0, full, per)]))
    if full < len(rows):
        out.append((sql(len(rows) - full), [flat(rows[full:])]))
    return out


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(i) for i in json.loads(text or "[]"))


class ImportRepo:
    def __init__(self, conn: Connection) -> None:
        self._c = conn
        self._sqlite = conn.dialect.name == "sqlite"
        self._behind: WriteBehind | None = None
        self._next_kpi_id: int | None = None  # inside ``write_behind``, once KPIs were added

    @contextmanager
    def write_behind(self) -> Iterator[None]:
        """Inside the block, bulk writes (``add_kpis``, ``write_cells``) run on a writer thread
        while the caller goes on (see :mod:`storage.write_behind`); the block waits for them
        at its end and raises what failed. Only this repository may be used inside it."""
        if not self._sqlite or self._behind is not None:
            yield
            return
        driver = self._c.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        self._behind = WriteBehind(driver)
        try:
            yield
            self._behind.wait()
        finally:
            behind, self._behind = self._behind, None
            self._next_kpi_id = None
            behind.close()

    def _write(self, sql: str, params: Any) -> None:
        """A bulk write: queued to the writer inside ``write_behind``, else run now."""
        if self._behind is not None:
            self._behind.submit(sql, params, many=isinstance(params, list))
        else:
            self._c.exec_driver_sql(sql, params)

    def _settled(self) -> Connection:
        """The connection, once every queued write has run (before any read)."""
        if self._behind is not None:
            self._behind.wait()
        return self._c

    # --- batches -----------------------------------------------------------------------------
    @staticmethod
    def _to_domain(row: Any) -> ImportBatch:
        return ImportBatch(
            id=row.id,
            file_name=row.file_name,
            at=row.imported_at,
            user=row.user,
            sheets=tuple(json.loads(row.sheets or "[]")),
            kpi_count=row.kpi_count,
            cell_count=row.cell_count,
            created_kpis=_ids(row.created_kpis),
            created_departments=_ids(row.created_departments),
            undone_at=row.undone_at,
            undone_by=row.undone_by or "",
        )

    @staticmethod
    def _values(b: ImportBatch) -> dict[str, Any]:
        return {
            "file_name": b.file_name,
            "sheets": json.dumps(list(b.sheets), ensure_ascii=False),
            "imported_at": b.at,
            "user": b.user,
            "kpi_count": b.kpi_count,
            "cell_count": b.cell_count,
            "created_kpis": json.dumps(list(b.created_kpis)),
            "created_departments": json.dumps(list(b.created_departments)),
            "undone_at": b.undone_at,
            "undone_by": b.undone_by,
        }

    def add_batch(self, batch: ImportBatch) -> ImportBatch:
        new_id = (
            self._settled()
            .execute(insert(batch_t).values(**self._values(batch)))
            .inserted_primary_key[0]
        )
        return self.get_batch(new_id)

    def update_batch(self, batch: ImportBatch) -> None:
        self._settled().execute(
            update(batch_t).where(batch_t.c.id == batch.id).values(**self._values(batch))
        )

    def get_batch(self, batch_id: int) -> ImportBatch:
        row = self._settled().execute(select(batch_t).where(batch_t.c.id == batch_id)).first()
        if row is None:
            raise NotFound("import_batch", batch_id)
        return self._to_domain(row)

    def list_batches(self, limit: int = 100) -> list[ImportBatch]:
        rows = self._settled().execute(select(batch_t).order_by(batch_t.c.id.desc()).limit(limit))
        return [self._to_domain(r) for r in rows]

    # --- bulk writes -------------------------------------------------------------------------
    def add_kpis(self, kpis: Sequence[Kpi]) -> list[int]:
        """Insert KPIs in one statement; their ids in the same order.

        SQLite: the caller's transaction has already written (it holds the only write lock), so
        the next ids are ours to give, which lets one plain executemany do the work. A server
        database has concurrent writers: ids come from its sequence through RETURNING.
        """
        if not kpis:
            return []
        values = [_kpi_values(k) for k in kpis]
        if not self._sqlite:
            result = self._settled().execute(
                insert(kpi_t).returning(kpi_t.c.id, sort_by_parameter_order=True),
                [dict(zip(_KPI_COLUMNS, v, strict=True)) for v in values],
            )
            return [int(r[0]) for r in result]
        first = self._next_kpi_id
        if first is None:  # later calls inside ``write_behind`` go on from here without a read
            top = self._settled().execute(select(func.coalesce(func.max(kpi_t.c.id), 0)))
            first = int(top.scalar_one()) + 1
        ids = list(range(first, first + len(values)))
        if self._behind is not None:
            self._next_kpi_id = first + len(values)
        columns = ("id", *_KPI_COLUMNS)
        head = f"INSERT INTO kpi ({', '.join(columns)}) VALUES "
        row = "(" + ", ".join(f"{{{i}}}" for i in range(len(columns))) + ")"
        rows = [(kpi_id, *v) for kpi_id, v in zip(ids, values, strict=True)]
        inserts = _multirow_inserts(head, row, len(columns), (), rows, most=_KPIS_PER_INSERT)
        for sql, params in inserts:
            for one in params:  # several rows per statement: the writer holds the GIL less often
                self._write(sql, one)
        return ids

    def write_cells(
        self,
        series: Series,
        cells: Sequence[ImportCell],
        *,
        user: str,
        at: datetime,
        source: str,
        history: bool = True,
    ) -> None:
        """Write values (insert or update; notes are kept) and, with ``history``, one history
        row per cell."""
        if not cells:
            return
        table = measurement_t if series is Series.ACTUAL else target_t
        actual = series is Series.ACTUAL
        if self._sqlite:
            self._write_sqlite(table.name, actual, series.value, cells, user, at, source, history)
            return
        extra = {"updated_by": user, "updated_at": at} if actual else {}
        new_rows = [
            {"kpi_id": k, "ym": ym, "value": new, "note": "", **extra}
            for k, ym, _old, new, exists in cells
            if not exists
        ]
        if new_rows:
            self._settled().execute(insert(table), new_rows)
        for k, ym, _old, new, exists in cells:
            if exists:
                self._settled().execute(
                    update(table)
                    .where(table.c.kpi_id == k, table.c.ym == ym)
                    .values(value=new, **extra)
                )
        if not history:
            return
        self._settled().execute(
            insert(change_t),
            [
                {
                    "kpi_id": k,
                    "ym": ym,
                    "series": series.value,
                    "old_value": old,
                    "new_value": new,
                    "old_note": "",
                    "new_note": "",
                    "user": user,
                    "at": at,
                    "source": source,
                }
                for k, ym, old, new, _exists in cells
            ],
        )

    def _write_sqlite(
        self,
        table: str,
        actual: bool,
        series: str,
        cells: Sequence[ImportCell],
        user: str,
        at: datetime,
        source: str,
        history: bool,
    ) -> None:
        stamp = SQLITE_DATETIME().bind_processor(self._c.dialect)(at)  # type: ignore[misc]
        old = [c for c in cells if c[4]]
        new = [c for c in cells if not c[4]] if old else cells
        before = 0
        if history and new:
            last = f"SELECT COALESCE(MAX(rowid), 0) FROM {table}"
            before = int(self._settled().exec_driver_sql(last).scalar_one())
        if new:
            columns, row, fixed = "kpi_id, ym, value, note", "({0}, {1}, {2}, '')", ()
            if actual:  # ?1, ?2: the same user and time for every row, bound once per statement
                columns += ", updated_by, updated_at"
                row, fixed = "({0}, {1}, {2}, '', ?1, ?2)", (user, stamp)
            head = f"INSERT INTO {table} ({columns}) VALUES "
            cells_of = itemgetter(0, 1, 3)  # kpi id, month, new value
            for sql, params in _multirow_inserts(head, row, 3, fixed, new, cells_of):
                for one in params:
                    self._write(sql, one)
        if old and actual:
            self._write(
                f"UPDATE {table} SET value = ?, updated_by = ?, updated_at = ? "
                "WHERE kpi_id = ? AND ym = ?",
                [(value, user, stamp, k, ym) for k, ym, _o, value, _e in old],
            )
        elif old:
            self._write(
                f"UPDATE {table} SET value = ? WHERE kpi_id = ? AND ym = ?",
                [(value, k, ym) for k, ym, _o, value, _e in old],
            )
        if not history:
            return
        record = (
            "INSERT INTO value_change (kpi_id, ym, series, old_value, new_value, old_note, "
            'new_note, "user", at, source) '
        )
        if new:  # the rows just inserted are the new cells: copy them in SQLite, not in Python
            self._write(
                record + f"SELECT kpi_id, ym, ?, NULL, value, '', '', ?, ?, ? FROM {table} "
                "WHERE rowid > ? ORDER BY rowid",
                (series, user, stamp, source, before),
            )
        if old:
            self._write(
                record + "VALUES (?, ?, ?, ?, ?, '', '', ?, ?, ?)",
                [(k, ym, series, o, value, user, stamp, source) for k, ym, o, value, _e in old],
            )

    def batch_creating(self, kpi_id: int) -> ImportBatch | None:
        """The import that created this KPI (undone or not), if any."""
        needle = f"%{kpi_id}%"  # a cheap filter on the JSON list; the exact test follows
        rows = self._settled().execute(
            select(batch_t).where(batch_t.c.created_kpis.like(needle)).order_by(batch_t.c.id.desc())
        )
        for row in rows:
            batch = self._to_domain(row)
            if kpi_id in batch.created_kpis:
                return batch
        return None

    # --- undo --------------------------------------------------------------------------------
    def changes_with_source(self, source: str) -> list[ImportedChange]:
        rows = self._settled().execute(
            select(
                change_t.c.kpi_id,
                change_t.c.ym,
                change_t.c.series,
                change_t.c.old_value,
                change_t.c.new_value,
            )
            .where(change_t.c.source == source)
            .order_by(change_t.c.id)
        )
        return [
            ImportedChange(
                r.kpi_id, YearMonth.from_int(r.ym), Series(r.series), r.old_value, r.new_value
            )
            for r in rows
        ]

    def kpis_changed_elsewhere(self, kpi_ids: Sequence[int], source: str) -> set[int]:
        found: set[int] = set()
        ids = list(kpi_ids)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            rows = self._settled().execute(
                select(change_t.c.kpi_id)
                .where(change_t.c.kpi_id.in_(chunk), change_t.c.source != source)
                .distinct()
            )
            found.update(int(r[0]) for r in rows)
        return found

    def delete_department_if_empty(self, department_id: int) -> bool:
        count = (
            self._settled()
            .execute(
                select(func.count())
                .select_from(kpi_t)
                .where(kpi_t.c.department_id == department_id)
            )
            .scalar_one()
        )
        if count:
            return False
        self._settled().execute(delete(department_t).where(department_t.c.id == department_id))
        return True

    # --- mappings ----------------------------------------------------------------------------
    def get_mapping(self, shape_key: str) -> str | None:
        row = (
            self._settled()
            .execute(select(mapping_t.c.settings).where(mapping_t.c.shape_key == shape_key))
            .first()
        )
        return None if row is None else str(row.settings)

    def save_mapping(self, shape_key: str, label: str, settings: str, at: datetime) -> None:
        updated = self._settled().execute(
            update(mapping_t)
            .where(mapping_t.c.shape_key == shape_key)
            .values(
                label=label, settings=settings, updated_at=at, use_count=mapping_t.c.use_count + 1
            )
        )
        if updated.rowcount == 0:
            self._settled().execute(
                insert(mapping_t).values(
                    shape_key=shape_key, label=label, settings=settings, updated_at=at, use_count=1
                )
            )
