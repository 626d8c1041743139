"""Handing new rows to a model without making its views start over: unchanged rows stay as
they are, changed ones are announced one range at a time, and only a different set of rows resets
the model. The dashboard's models refresh every few seconds of use; laying out hundreds of tiles
and table rows again each time would cost more than the whole report."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel

T = TypeVar("T")


def replace_rows(
    model: QAbstractItemModel,
    old: Sequence[T],
    new: list[T],
    slot: Callable[[T], object],
    store: Callable[[list[T]], None],
    columns: int = 1,
    same: Callable[[T, T], bool] = operator.eq,
) -> None:
    """Give ``model`` the rows ``new`` in place of ``old`` with the least work for its views.

    When both hold the same items in the same places (``slot`` of each row: what the row is
    about, e.g. a KPI id), only rows whose content changed are announced (dataChanged): views keep
    their layout and repaint what they show of those rows; nothing at all when every row is
    equal. Otherwise the model is reset. A refresh that changes nothing (or one value) therefore
    costs the views nothing (or one item) instead of laying out hundreds of rows again.
    ``same(old_row, new_row)``: whether a row is unchanged (identical rows always are).
    """
    if len(old) == len(new) and all(slot(a) == slot(b) for a, b in zip(old, new, strict=True)):
        # rows equal to the old ones stay the old objects: what views drew of them stays valid
        rows = [a if a is b or same(a, b) else b for a, b in zip(old, new, strict=True)]
        changed = [i for i, (a, b) in enumerate(zip(old, rows, strict=True)) if a is not b]
        store(rows)
        if changed:
            model.dataChanged.emit(
                model.index(changed[0], 0), model.index(changed[-1], columns - 1)
            )
        return
    model.beginResetModel()
    store(new)
    model.endResetModel()
