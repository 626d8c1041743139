"""File → 取り込み履歴…: the imports recorded in the database, newest first, and 「この取り込みを
元に戻す」 — an import taken back as one step (domain.importing.undo), off the GUI thread.

Unlike the window's undo stack this works for any past import, also after the app was closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.importing.ports import ImportBatch
from domain.importing.undo import ImportAlreadyUndone, UndoResult, list_imports, undo_import
from domain.ports import UnitOfWork
from ui.background_task import Progress, run_with_progress
from ui.messages import error_text
from ui.row_table import AnyIndex, RowTableModel

UNDONE_BRUSH = QBrush(QColor("#80868b"))


class UndoCancelled(Exception):
    """Cancel was pressed before the undo committed: its transaction was rolled back."""


class CancellableUnitOfWork:
    """A unit of work whose commit first asks ``progress`` whether Cancel was pressed, and rolls
    back instead (raising UndoCancelled). undo_import takes no progress of its own, so Cancel
    works at its one commit: nothing is changed."""

    def __init__(self, inner: UnitOfWork, progress: Progress) -> None:
        self._inner = inner
        self._progress = progress

    def __enter__(self) -> CancellableUnitOfWork:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:  # the repositories of the inner unit of work
        return getattr(self._inner, name)

    def commit(self) -> None:
        if not self._progress(0, 0):
            raise UndoCancelled()
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()


def undo_in_background(inputs: tuple[Any, ...], progress: Progress) -> UndoResult:
    """Worker: take import ``batch_id`` back (one transaction; Cancel rolls it back)."""
    uow_factory, batch_id, user = inputs
    uow: Any = CancellableUnitOfWork(uow_factory(), progress)
    return undo_import(uow, batch_id, user=user)


def when(at: datetime) -> str:
    return at.strftime("%Y/%m/%d %H:%M")


class ImportHistoryModel(RowTableModel):
    """Read-only table of ImportBatch rows, in the order given (newest first)."""

    class Column(IntEnum):
        AT = 0
        FILE = 1
        USER = 2
        SHEETS = 3
        KPIS = 4
        CELLS = 5
        CREATED = 6
        STATE = 7

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("取り込み日時"),
            self.tr("ファイル"),
            self.tr("利用者"),
            self.tr("シート"),
            self.tr("KPI数"),
            self.tr("値の数"),
            self.tr("新しく作成"),
            self.tr("状態"),
        )

    def set_batches(self, batches: Sequence[ImportBatch]) -> None:
        self._reset_rows(batches)

    def batch_at(self, row: int) -> ImportBatch | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        batch = self.batch_at(index.row()) if index.isValid() else None
        if batch is None:
            return None
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(batch, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.Column.SHEETS, self.Column.FILE):
            return self._display(batch, column)
        if role == Qt.ItemDataRole.ForegroundRole and batch.undone_at is not None:
            return UNDONE_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.Column.KPIS,
            self.Column.CELLS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, batch: ImportBatch, column: ImportHistoryModel.Column) -> str:
        match column:
            case self.Column.AT:
                return when(batch.at)
            case self.Column.FILE:
                return batch.file_name
            case self.Column.USER:
                return batch.user
            case self.Column.SHEETS:
                return "、".join(batch.sheets)
            case self.Column.KPIS:
                return f"{batch.kpi_count:,}"
            case self.Column.CELLS:
                return f"{batch.cell_count:,}"
            case self.Column.CREATED:
                kpis, depts = len(batch.created_kpis), len(batch.created_departments)
                if not kpis and not depts:
                    return "—"
                return self.tr("KPI {0}件・部門 {1}件").format(kpis, depts)
            case self.Column.STATE:
                if batch.undone_at is None:
                    return self.tr("取り込み済み")
                if not batch.undone_by:
                    return self.tr("元に戻し済み（{0}）").format(when(batch.undone_at))
                return self.tr("元に戻し済み（{0} {1}）").format(
                    when(batch.undone_at), batch.undone_by
                )
        return ""


def undone_text(batch: ImportBatch, result: UndoResult) -> str:
    """What an undo did, in words (UndoResult plus the created KPIs it kept)."""
    lines = [
        QCoreApplication.translate(
            "ImportHistory", "「{0}」（{1}）の取り込みを元に戻しました。"
        ).format(batch.file_name, when(batch.at)),
        QCoreApplication.translate("ImportHistory", "取り込み前の値に戻した値: {0}個").format(
            result.reverted
        ),
        QCoreApplication.translate("ImportHistory", "削除したKPI: {0}件、部門: {1}件").format(
            result.deleted_kpis, result.deleted_departments
        ),
    ]
    if result.skipped:
        lines.append(
            QCoreApplication.translate(
                "ImportHistory", "取り込み後に変更されていたため、そのまま残した値: {0}個"
            ).format(result.skipped)
        )
    kept = len(batch.created_kpis) - result.deleted_kpis
    if kept > 0:
        lines.append(
            QCoreApplication.translate(
                "ImportHistory", "取り込み後に編集されていたため残したKPI: {0}件"
            ).format(kept)
        )
    return lines[0] + "\n\n" + "\n".join(lines[1:])


class ImportHistoryDialog(QDialog):
    """Lists list_imports; undoing one calls ``on_undone(batch_id)`` so the window refreshes."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        user: str,
        on_undone: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._user = user
        self._on_undone = on_undone
        self.last_result: UndoResult | None = None
        self.model = ImportHistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self._build_view()
        self._connect_signals()
        self.reload()

    def _build_view(self) -> None:
        self.setWindowTitle(self.tr("取り込み履歴"))
        intro = QLabel(
            self.tr(
                "Excel/CSVの取り込みの記録です（新しい順）。取り込みは1回分をまとめて元に戻せます。"
                "アプリを閉じた後でも元に戻せます。"
            )
        )
        intro.setWordWrap(True)
        self.empty_label = QLabel(self.tr("まだ取り込みはありません。"))
        self.empty_label.setStyleSheet("color: palette(mid);")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            ImportHistoryModel.Column.SHEETS, QHeaderView.ResizeMode.Stretch
        )
        self.undo_button = QPushButton(self.tr("この取り込みを元に戻す…"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        self.resize(980, 420)

    def _connect_signals(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.undo_button.clicked.connect(self.undo_selected)
        self.buttons.rejected.connect(self.reject)

    # --- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_batch()
        try:
            batches = list_imports(self._uow())
        except Exception as exc:
            QMessageBox.warning(self, self.tr("読み込めませんでした"), error_text(exc))
            batches = []
        self.model.set_batches(batches)
        self.empty_label.setVisible(not batches)
        ids = [b.id for b in batches]
        if batches:
            self.select(selected.id if selected is not None and selected.id in ids else ids[0])
        self._update_buttons()

    def select(self, batch_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            batch = self.model.batch_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            if batch is not None and batch.id == batch_id:
                self.table.selectRow(row)
                return

    def selected_batch(self) -> ImportBatch | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.batch_at(self.proxy.mapToSource(rows[0]).row())

    def _update_buttons(self, *_: object) -> None:
        batch = self.selected_batch()
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None)

    # --- undo -----------------------------------------------------------------------------
    def undo_selected(self) -> UndoResult | None:
        """Ask, then take the selected import back off the GUI thread; report what it did."""
        batch = self.selected_batch()
        if batch is None or batch.undone_at is not None:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("取り込みを元に戻す"),
            self.tr(
                "「{0}」（{1}の取り込み）を元に戻しますか？\n\n"
                "取り込んだ値は取り込み前の値に戻り、この取り込みで新しく作られたKPIと部門は"
                "削除されます。取り込み後に変更された値と、取り込み後に編集されたKPIは"
                "そのまま残ります。"
            ).format(batch.file_name, when(batch.at)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        outcome = run_with_progress(
            self,
            self.tr("「{0}」の取り込みを元に戻しています…").format(batch.file_name),
            undo_in_background,
            (self._uow, batch.id, self._user),
        )
        self.reload()
        if outcome.cancelled or isinstance(outcome.error, UndoCancelled):
            if not self._is_undone(batch.id):
                QMessageBox.information(
                    self,
                    self.tr("取り込みを元に戻す"),
                    self.tr("キャンセルしました。何も変更していません。"),
                )
                return None
            self._after_undo(batch.id)  # Cancel came after the commit: it was taken back
            return None
        if isinstance(outcome.error, ImportAlreadyUndone):
            QMessageBox.information(
                self,
                self.tr("取り込みを元に戻す"),
                self.tr("「{0}」の取り込みはすでに元に戻されています。").format(batch.file_name),
            )
            self._after_undo(batch.id)
            return None
        if outcome.error is not None:
            QMessageBox.warning(
                self,
                self.tr("元に戻せませんでした"),
                self.tr("「{0}」の取り込みを元に戻せませんでした。何も変更していません。").format(
                    batch.file_name
                )
                + "\n\n"
                + error_text(outcome.error),
            )
            return None
        result: UndoResult = outcome.result
        self.last_result = result
        self._after_undo(batch.id)
        QMessageBox.information(
            self, self.tr("取り込みを元に戻しました"), undone_text(batch, result)
        )
        return result

    def _is_undone(self, batch_id: int) -> bool:
        return any(
            b is not None and b.id == batch_id and b.undone_at is not None
            for b in (self.model.batch_at(r) for r in range(self.model.rowCount()))
        )

    def _after_undo(self, batch_id: int) -> None:
        if self._on_undone is not None:
            self._on_undone(batch_id)
