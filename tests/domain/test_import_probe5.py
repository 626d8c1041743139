"""Table-driven cases found by probing the importer with new office workbooks (probe 5)."""

from __future__ import annotations

import pytest

from domain.importing.cells import NoDetails
from domain.importing.values import RawCell, read_cell


@pytest.mark.parametrize(
    ("text", "unit", "value", "problem"),
    [
        ("12（暫定）", "件", 12.0, False),
        ("12 (速報)", "件", 12.0, False),
        ("1,200【概算】", "円", 1200.0, False),
        ("95.5%（暫定値）", "%", 95.5, False),
        ("約15", "件", 15.0, False),
        ("約 15件", "件", 15.0, False),
        ("およそ３０", "件", 30.0, False),
        ("未確定", "件", None, False),
        ("集計中", "件", None, False),
        # a forecast or a note nobody defined stays a problem
        ("12（見込）", "件", None, True),
        ("12（要確認）", "件", None, True),
        ("約", "件", None, True),
    ],
)
def test_a_figure_with_a_provisional_note(text, unit, value, problem):
    reading = read_cell(RawCell(0, 0, text), unit, NoDetails(), fractions=False)
    assert reading.value == value
    assert (reading.problem is not None) is problem
