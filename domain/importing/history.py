"""The values an import wrote into the KPIs it created, read back from what is stored.

An import records its changes to KPIs that already existed cell by cell (old → new; undo needs
the old value). The cells of a KPI the import *created* had no old value, and a workbook of
40,000 KPIs has hundreds of thousands of them, so those are recorded once, as the import batch
(issue: "recorded in the change history as one import"). What each such cell received is still
known exactly: a cell nobody changed since holds it, and the first later change of a cell
records it as its old value. :func:`imported_values` reconstructs it; the KPI's history shows
those entries (:func:`import_entries`) and undo clears the cells still as imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.fiscal import YearMonth
from domain.importing.ports import ImportBatch, source_code
from domain.model import Change, Series

CellOf = tuple[Series, YearMonth]


def first_changes(changes: Sequence[Change]) -> dict[CellOf, Change]:
    """The earliest recorded change of every cell (``changes`` in any order)."""
    first: dict[CellOf, Change] = {}
    for change in changes:
        key = (change.series, change.month)
        known = first.get(key)
        if known is None or (change.at, change.id) < (known.at, known.id):
            first[key] = change
    return first


def imported_values(
    stored: Mapping[CellOf, float | None], changes: Sequence[Change]
) -> dict[CellOf, float]:
    """What the creating import wrote into each cell of a KPI: the first change's old value, or
    the stored value of a cell never changed since. Cells the import left blank are absent."""
    first = first_changes(changes)
    out: dict[CellOf, float] = {}
    for key in set(stored) | set(first):
        change = first.get(key)
        value = change.old_value if change is not None else stored.get(key)
        if value is not None:
            out[key] = value
    return out


def import_entries(
    kpi_id: int,
    batch: ImportBatch,
    stored: Mapping[CellOf, float | None],
    changes: Sequence[Change],
) -> list[Change]:
    """History entries for the cells the import that created the KPI wrote (blank → value), in
    month order, attributed to the import (its user, time and source code)."""
    source = source_code(batch.id, batch.file_name)
    values = imported_values(stored, changes)
    return [
        Change(0, kpi_id, month, series, None, value, "", "", batch.user, batch.at, source)
        for (series, month), value in sorted(
            values.items(), key=lambda item: (item[0][1].as_int(), item[0][0].value)
        )
    ]


def untouched_cells(
    stored: Mapping[CellOf, float | None], changes: Sequence[Change]
) -> tuple[list[CellOf], int]:
    """(cells still exactly as the import wrote them, count of imported cells changed since):
    a cell with no recorded change holds what the import wrote."""
    changed = {(c.series, c.month) for c in changes}
    values = imported_values(stored, changes)
    still = sorted(
        (key for key in values if key not in changed),
        key=lambda k: (k[1].as_int(), k[0].value),
    )
    return still, sum(1 for key in values if key in changed)
