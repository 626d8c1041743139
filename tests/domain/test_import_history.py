"""What an import wrote into the KPIs it created, read back from stored cells and later changes
(domain.importing.history): table-driven."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.fiscal import YearMonth
from domain.importing.history import import_entries, imported_values, untouched_cells
from domain.importing.ports import ImportBatch, source_code
from domain.model import Change, Series

A, T = Series.ACTUAL, Series.TARGET
APR, MAY, JUN = YearMonth(2025, 4), YearMonth(2025, 5), YearMonth(2025, 6)
IMPORTED = datetime(2025, 7, 1, 9, 0)


def change(n: int, month: YearMonth, old, new, series=A) -> Change:
    return Change(n, 7, month, series, old, new, "", "", "sato", datetime(2025, 8, n), "grid")


CASES = [
    # (stored now, later changes, imported values, untouched cells, changed count)
    ({(A, APR): 1.0, (A, MAY): 2.0}, [], {(A, APR): 1.0, (A, MAY): 2.0}, [(A, APR), (A, MAY)], 0),
    # edited once: the first change's old value is what the import wrote
    ({(A, APR): 5.0}, [change(1, APR, 1.0, 5.0)], {(A, APR): 1.0}, [], 1),
    # edited twice: the earliest change counts, in whatever order they come
    (
        {(A, APR): 9.0},
        [change(2, APR, 5.0, 9.0), change(1, APR, 1.0, 5.0)],
        {(A, APR): 1.0},
        [],
        1,
    ),
    # cleared since: stored blank, still known from the change
    ({}, [change(1, MAY, 2.0, None)], {(A, MAY): 2.0}, [], 1),
    # a cell the import left blank and someone filled later: not the import's
    ({(A, JUN): 3.0}, [change(1, JUN, None, 3.0)], {}, [], 0),
    # a stored cell with only a note (value None) is not an imported value
    ({(A, JUN): None}, [], {}, [], 0),
    # monthly targets the import wrote are cells too, per series
    (
        {(T, APR): 10.0, (A, APR): 1.0},
        [change(1, APR, 1.0, 4.0)],
        {(T, APR): 10.0, (A, APR): 1.0},
        [(T, APR)],
        1,
    ),
]


@pytest.mark.parametrize(("stored", "changes", "imported", "untouched", "changed"), CASES)
def test_imported_values_and_untouched_cells(stored, changes, imported, untouched, changed):
    assert imported_values(stored, changes) == imported
    assert untouched_cells(stored, changes) == (untouched, changed)


def test_entries_are_the_imports_in_month_order():
    batch = ImportBatch(3, "総務.xlsx", IMPORTED, "yamada")
    entries = import_entries(
        7, batch, {(A, MAY): 2.0, (A, APR): 5.0, (T, APR): 10.0}, [change(1, APR, 1.0, 5.0)]
    )
    assert [(e.month, e.series, e.old_value, e.new_value) for e in entries] == [
        (APR, A, None, 1.0),
        (APR, T, None, 10.0),
        (MAY, A, None, 2.0),
    ]
    assert {(e.kpi_id, e.user, e.at, e.source) for e in entries} == {
        (7, "yamada", IMPORTED, source_code(3, "総務.xlsx"))
    }
