"""Taking an import back as one step, and the list of imports (the import log)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import MierukaError
from domain.importing.ports import ImportBatch, source_code, undo_source_code
from domain.model import CellEdit
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
    from domain.services import _apply

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
        for change in uow.imports.changes_with_source(source):
            if change.kpi_id in deletable:
                continue
            current = uow.values.get(change.series, change.kpi_id, change.month)
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


def list_imports(uow: UnitOfWork, limit: int = 100) -> list[ImportBatch]:
    with uow:
        return uow.imports.list_batches(limit)
