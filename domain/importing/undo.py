"""Taking an import back as one step, and the list of imports (the import log)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import MierukaError
from domain.fiscal import YearMonth
from domain.importing.history import CellOf, untouched_cells
from domain.importing.ports import ImportBatch, source_code, undo_source_code
from domain.model import CellEdit, CellValue, Series
from domain.ports import UnitOfWork


class ImportAlreadyUndone(MierukaError):
    def __init__(self, batch_id: int) -> None:
        super().__init__(batch_id)
        self.batch_id = batch_id


@dataclass(frozen=True, slots=True)
class UndoResult:
    reverted: int
    skipped: int  # cells changed again since the import: left as they are
    deleted_kpis: int
    deleted_departments: int


def undo_import(
    uow: UnitOfWork, batch_id: int, *, user: str, at: datetime | None = None
) -> UndoResult:
    """Take an import back as one step (one transaction): its cells return to their old values
    unless they were changed since (those are left and counted), the KPIs it created are deleted
    unless they were edited since, and so are the departments it created once empty."""
    from domain.services import _apply, _stored_for

    at = at or datetime.now().replace(microsecond=0)
    with uow:
        batch = uow.imports.get_batch(batch_id)
        if batch.undone_at is not None:
            raise ImportAlreadyUndone(batch_id)
        source = source_code(batch_id, batch.file_name)
        created = set(batch.created_kpis)
        edited = uow.imports.kpis_changed_elsewhere(sorted(created), source) if created else set()
        deletable = created - edited
        edits: list[CellEdit] = []
        skipped = 0
        for kpi_id in sorted(created & edited):  # kept: clear what is still as imported
            cleared, changed = _clear_untouched(uow, kpi_id)
            edits.extend(cleared)
            skipped += changed
        recorded = [c for c in uow.imports.changes_with_source(source) if c.kpi_id not in deletable]
        now_stored = _stored_for(uow, {(c.series, (c.kpi_id, c.month)): c for c in recorded})
        for change in recorded:
            current = now_stored.get((change.series, (change.kpi_id, change.month)))
            value = current.value if current is not None else None
            if value != change.new:
                skipped += 1
                continue
            note = current.note if current is not None else ""
            edits.append(CellEdit(change.kpi_id, change.month, change.series, change.old, note))
        applied = _apply(uow, edits, user=user, source=undo_source_code(batch_id), keep_notes=True)
        for kpi_id in sorted(deletable):
            uow.kpis.delete(kpi_id)
        deleted_depts = sum(
            1 for d in batch.created_departments if uow.imports.delete_department_if_empty(d)
        )
        uow.imports.update_batch(replace(batch, undone_at=at, undone_by=user))
        uow.commit()
    return UndoResult(len(applied), skipped, len(deletable), deleted_depts)


def stored_cells(uow: UnitOfWork, kpi_id: int) -> dict[CellOf, CellValue]:
    """Every stored cell of one KPI, both series (inside an open unit of work)."""
    out: dict[CellOf, CellValue] = {}
    for series in (Series.ACTUAL, Series.TARGET):
        for (_kid, month), cell in uow.values.read(series, [kpi_id], _FIRST, _LAST).items():
            out[(series, month)] = cell
    return out


_FIRST, _LAST = YearMonth(1, 1), YearMonth(9999, 12)


def _clear_untouched(uow: UnitOfWork, kpi_id: int) -> tuple[list[CellEdit], int]:
    """A KPI the import created and someone edited since: the cells still as imported are
    cleared (their notes kept); cells changed since are left and counted."""
    stored = stored_cells(uow, kpi_id)
    values = {key: cell.value for key, cell in stored.items()}
    still, changed = untouched_cells(values, uow.changes.for_kpi(kpi_id))
    edits = [
        CellEdit(kpi_id, month, series, None, stored[(series, month)].note)
        for series, month in still
    ]
    return edits, changed


def list_imports(uow: UnitOfWork, limit: int = 100) -> list[ImportBatch]:
    with uow:
        return uow.imports.list_batches(limit)
