"""Undo/redo as a thin adapter: services return what they changed, commands swap before/after."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from domain import services
from domain.model import CellEdit, CellValue
from domain.ports import UnitOfWork
from domain.services import AppliedEdit, Source


class CellEditsCommand(QUndoCommand):
    """Edits already applied by the service; undo writes the ``before`` cells back, redo the
    ``after`` cells. ``on_applied`` refreshes whatever shows the cells; ``on_error`` reports a
    failure (e.g. a locked database) — the command then becomes obsolete."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        applied: Sequence[AppliedEdit],
        text: str,
        *,
        user: str,
        on_applied: Callable[[list[CellEdit]], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(text)
        self._uow_factory = uow_factory
        self._applied = list(applied)
        self._user = user
        self._on_applied = on_applied
        self._on_error = on_error
        self._first = True

    def _write(self, cells: list[CellEdit], source: str, expect: list[CellEdit]) -> None:
        # the cells must still hold what this command left there, or someone else changed them
        expected = {(c.series, c.kpi_id, c.month): CellValue(c.value, c.note) for c in expect}
        try:
            services.apply_edits(
                self._uow_factory(), cells, user=self._user, source=source, expected=expected
            )
        except Exception as exc:  # shown to the user; the stored data is unchanged
            self.setObsolete(True)
            self._on_error(exc)
            return
        self._on_applied(cells)

    def redo(self) -> None:
        if self._first:  # the service already wrote these cells before the push
            self._first = False
            self._on_applied([a.after for a in self._applied])
            return
        self._write(
            [a.after for a in self._applied], Source.REDO, [a.before for a in self._applied]
        )

    def undo(self) -> None:
        self._write(
            [a.before for a in reversed(self._applied)],
            Source.UNDO,
            [a.after for a in self._applied],
        )
