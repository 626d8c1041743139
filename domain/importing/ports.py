"""What the import use cases need from storage, beyond the core repositories."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.fiscal import YearMonth
from domain.model import Kpi, Series


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """One import as recorded: its change history rows (cells of KPIs that already existed)
    carry ``source_code(id)``; the KPIs it created are listed in ``created_kpis``."""

    id: int
    file_name: str
    at: datetime
    user: str
    sheets: tuple[str, ...] = ()
    kpi_count: int = 0
    cell_count: int = 0
    created_kpis: tuple[int, ...] = ()
    created_departments: tuple[int, ...] = ()
    undone_at: datetime | None = None
    undone_by: str = ""


ImportCell = tuple[int, int, "float | None", float, bool]
"""A cell an import writes, as a plain tuple (imports write many): ``(kpi_id, yyyymm, old,
new, exists)`` — ``old`` the stored value (None when there is no row or no value), ``exists``
whether a row is stored."""


@dataclass(frozen=True, slots=True)
class ImportedChange:
    kpi_id: int
    month: YearMonth
    series: Series
    old: float | None
    new: float | None


def source_code(batch_id: int, file_name: str) -> str:
    """The change-history source of an import: ``import:<id>:<file name>`` (the history shows
    the file name; undo finds the import's rows by this exact code)."""
    return f"import:{batch_id}:{file_name[:200]}"


def undo_source_code(batch_id: int) -> str:
    return f"import-undo:{batch_id}"


class ImportRepository(Protocol):
    def add_batch(self, batch: ImportBatch) -> ImportBatch: ...
    def update_batch(self, batch: ImportBatch) -> None: ...
    def get_batch(self, batch_id: int) -> ImportBatch: ...
    def list_batches(self, limit: int = 100) -> list[ImportBatch]: ...
    def add_kpis(self, kpis: Sequence[Kpi]) -> list[int]: ...
    def write_behind(self) -> AbstractContextManager[None]:
        """A block in which ``add_kpis``/``write_cells`` may run behind the caller (only this
        repository may be used inside it); its end waits for them and raises what failed."""
        ...

    def write_cells(
        self,
        series: Series,
        cells: Sequence[ImportCell],
        *,
        user: str,
        at: datetime,
        source: str,
        history: bool = True,
    ) -> None: ...
    def batch_creating(self, kpi_id: int) -> ImportBatch | None: ...
    def changes_with_source(self, source: str) -> list[ImportedChange]: ...
    def kpis_changed_elsewhere(self, kpi_ids: Sequence[int], source: str) -> set[int]: ...
    def delete_department_if_empty(self, department_id: int) -> bool: ...
    def get_mapping(self, shape_key: str) -> str | None: ...
    def save_mapping(self, shape_key: str, label: str, settings: str, at: datetime) -> None: ...
