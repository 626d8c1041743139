"""File → バックアップから復元: the backups of the open file with date and size, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class RestoreDialog(QDialog):
    """``chosen`` is the selected backup (an object with path, created, size, reason)."""

    def __init__(self, backups: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("バックアップから復元"))
        self.chosen: Any = None
        self._backups = backups
        intro = QLabel(
            self.tr(
                "復元するバックアップを選んでください。復元の前に、今のデータも自動でバックアップします。"
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("日時"), self.tr("サイズ"), self.tr("きっかけ")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        locale = QLocale()
        for row, b in enumerate(backups):
            self.table.setItem(row, 0, QTableWidgetItem(b.created.strftime("%Y-%m-%d %H:%M:%S")))
            self.table.setItem(row, 1, QTableWidgetItem(locale.formattedDataSize(b.size)))
            self.table.setItem(row, 2, QTableWidgetItem(self.reason_text(b.reason)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if backups:
            self.table.selectRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("復元する"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(backups))
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if not backups:
            layout.addWidget(QLabel(self.tr("バックアップはまだありません。")))
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(560, 360)

    def reason_text(self, reason: str) -> str:
        return {
            "daily": self.tr("毎日の自動バックアップ"),
            "manual": self.tr("手動"),
            "before-migration": self.tr("アプリ更新の前"),
            "before-restore": self.tr("復元の前"),
            "before-import": self.tr("取り込みの前"),
            "damaged": self.tr("破損していたファイルの控え"),
        }.get(reason, reason)

    def _on_accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self._backups[rows[0].row()]
            self.accept()
