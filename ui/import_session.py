"""The state of one import in the wizard: the read file, the user's corrections, the analysis.

No Qt here (tested directly): the wizard's widgets call :meth:`ImportSession.correct` and read
:attr:`ImportSession.analysis`; only the corrected sheet is analysed again, so the preview
updates at once even when other sheets are large.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from domain.importing.analysis import analyse_sheet
from domain.importing.cells import SheetGrid, paused_gc
from domain.importing.commit import ImportRequest, kpi_key
from domain.importing.mapping import SheetMapping, is_empty, to_json
from domain.importing.model import ImportedKpi, SheetAnalysis, SheetOverrides, WorkbookAnalysis
from domain.importing.workbook import SheetBySheet, combine


@dataclass(slots=True)
class ImportSession:
    file_name: str
    grids: tuple[SheetGrid, ...]
    today: date
    default_start: int = 4
    known_departments: Sequence[str] = ()
    skipped_sheets: tuple[str, ...] = ()  # hidden or chart sheets the reader left out
    overrides: dict[str, SheetOverrides] = field(default_factory=dict)
    kpi_map: dict[str, int] = field(default_factory=dict)  # kpi_key → stored id (0 = new)
    excluded: set[str] = field(default_factory=set)  # kpi keys the user unticked
    remembered_for: list[str] = field(default_factory=list)  # sheets a saved mapping was applied to
    progress: Callable[[int, int], None] | None = field(default=None, repr=False)  # first analysis
    prepared: SheetBySheet | None = field(default=None, repr=False)  # analysed while reading
    analysis: WorkbookAnalysis = field(init=False)
    _raw: dict[str, SheetAnalysis] = field(default_factory=dict, init=False)
    _inputs: dict[str, Any] = field(default_factory=dict, init=False)
    _guessed: bool = field(default=False, init=False)
    _hidden_seen: set[str] = field(default_factory=set, init=False)  # hidden KPIs unticked once

    def __post_init__(self) -> None:
        sheets = self.prepared  # analysed while the reader delivered the sheets, or now
        if sheets is None:
            sheets = SheetBySheet(
                [g.name for g in self.grids],
                file_name=self.file_name,
                today=self.today,
                overrides=self.overrides,
                default_start=self.default_start,
                progress=self.progress,
            )
            for grid in self.grids:
                sheets.add(grid)
        sheets.finish()
        self._inputs, self._guessed = sheets.inputs, sheets.guessed
        self._raw = dict(sheets.analyses)
        self.prepared = self.progress = None
        self._combine()

    @classmethod
    def from_read(cls, data: Any, **kwargs: Any) -> ImportSession:
        """From the reader's WorkbookData (file_name, sheets, skipped)."""
        return cls(data.file_name, tuple(data.sheets), skipped_sheets=tuple(data.skipped), **kwargs)

    # --- analysis ---------------------------------------------------------------------------
    def _grid(self, sheet: str) -> SheetGrid:
        return next(g for g in self.grids if g.name == sheet)

    def _analyse(self, sheet: str, progress: Callable[[int], None] | None = None) -> SheetAnalysis:
        with paused_gc():
            return analyse_sheet(
                self._grid(sheet), self._inputs[sheet], self.overrides.get(sheet), progress
            )

    def _combine(self) -> None:
        self.analysis = combine(
            self.file_name,
            [self._raw[g.name] for g in self.grids],
            overrides=self.overrides,
            known_departments=self.known_departments,
            year_guessed=self._guessed,
        )
        for kpi in self.analysis.kpis:  # in hidden rows: unticked, once (the user may tick it)
            key = kpi_key(kpi)
            if kpi.hidden and key not in self._hidden_seen:
                self._hidden_seen.add(key)
                self.excluded.add(key)

    def sheet(self, name: str) -> SheetAnalysis:
        return next(s for s in self.analysis.sheets if s.sheet == name)

    def grid(self, name: str) -> SheetGrid:
        return self._grid(name)

    def kpis_of(self, sheet: str) -> list[ImportedKpi]:
        return [k for k in self.analysis.kpis if k.sheet == sheet]

    def correct(self, sheet: str, **changes: Any) -> SheetAnalysis:
        """Apply a correction (SheetOverrides fields) to one sheet and analyse it again."""
        current = self.overrides.get(sheet, SheetOverrides())
        self.overrides[sheet] = replace(current, **changes)
        self._raw[sheet] = self._analyse(sheet)
        self._combine()
        return self.sheet(sheet)

    def apply_remembered(self, mappings: Mapping[str, SheetMapping]) -> list[str]:
        """Apply saved mappings to the sheets whose shape they were saved for."""
        applied = []
        for a in list(self._raw.values()):
            mapping = mappings.get(a.shape_key)
            if mapping is None or is_empty(mapping):
                continue
            self.overrides[a.sheet] = mapping.overrides
            self.kpi_map.update(mapping.kpi_map)
            self._raw[a.sheet] = self._analyse(a.sheet)
            applied.append(a.sheet)
        if applied:
            self._combine()
        self.remembered_for = applied
        return applied

    # --- choices ----------------------------------------------------------------------------
    def set_included(self, kpi: ImportedKpi, included: bool) -> None:
        (self.excluded.discard if included else self.excluded.add)(kpi_key(kpi))

    def included(self, kpi: ImportedKpi) -> bool:
        return kpi_key(kpi) not in self.excluded

    def map_kpi(self, kpi: ImportedKpi, stored_id: int | None) -> None:
        """Map to a stored KPI (id), force a new one (0), or back to matching by name (None)."""
        if stored_id is None:
            self.kpi_map.pop(kpi_key(kpi), None)
        else:
            self.kpi_map[kpi_key(kpi)] = stored_id

    def request(self, default_department: str = "") -> ImportRequest:
        kpis = tuple(k for k in self.analysis.kpis if kpi_key(k) not in self.excluded)
        keys = {kpi_key(k) for k in kpis}
        return ImportRequest(
            self.file_name,
            kpis,
            tuple(g.name for g in self.grids),
            default_department,
            {k: v for k, v in self.kpi_map.items() if k in keys},
        )

    def mappings_to_remember(self) -> dict[str, tuple[str, str]]:
        """shape key → (label, settings) for sheets the user corrected (not the fiscal year)."""
        out: dict[str, tuple[str, str]] = {}
        for a in self.analysis.sheets:
            overrides = replace(self.overrides.get(a.sheet, SheetOverrides()), fiscal_year=None)
            keys = {kpi_key(k) for k in self.kpis_of(a.sheet)}
            kpi_map = {k: v for k, v in self.kpi_map.items() if k in keys}
            mapping = SheetMapping(overrides, kpi_map)
            if a.shape_key and not is_empty(mapping):
                out[a.shape_key] = (f"{self.file_name} / {a.sheet}", to_json(mapping))
        return out
