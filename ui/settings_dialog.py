"""Company settings: name, fiscal-year start, status thresholds (in the database) and the UI
language (in QSettings, because it belongs to this PC rather than to the data)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import MierukaError
from domain.model import Company, Thresholds
from domain.ports import UnitOfWork
from ui.i18n import (
    BACKUP_KEEP_KEY,
    DATABASE_KEY,
    LANGUAGE_KEY,
    backup_keep,
    chosen_language,
    settings,
)
from ui.messages import error_text

DEFAULT_FISCAL_START = 4
DEFAULT_ACHIEVED_PERCENT = 100.0
DEFAULT_CAUTION_PERCENT = 90.0


def fiscal_start_text(start_month: int) -> str:
    """「4月始まり（4月〜翌年3月）」 / 「1月始まり（1月〜12月）」."""
    last = (start_month + 10) % 12 + 1
    if start_month == 1:
        return QCoreApplication.translate("SettingsDialog", "1月始まり（1月〜12月）")
    return QCoreApplication.translate("SettingsDialog", "{0}月始まり（{0}月〜翌年{1}月）").format(
        start_month, last
    )


class SettingsDialog(QDialog):
    """Edit the company settings; saved through services.update_settings on OK."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork], parent: QWidget | None = None):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._company: Company | None = services.get_company(uow_factory())
        self.saved_company: Company | None = None
        self._build_view()
        self._load()
        self._connect_signals()
        self._on_changed()

    # --- view -----------------------------------------------------------------------------

    def _build_view(self) -> None:
        self.setWindowTitle(self.tr("設定"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例: 株式会社みえる"))

        self.start_spin = QSpinBox()
        self.start_spin.setRange(1, 12)
        self.start_spin.setSuffix(self.tr("月"))
        self.start_label = QLabel()

        self.achieved_spin = QDoubleSpinBox()
        self.caution_spin = QDoubleSpinBox()
        for spin in (self.achieved_spin, self.caution_spin):
            spin.setRange(0.0, 500.0)
            spin.setDecimals(1)
            spin.setSingleStep(5.0)
            spin.setSuffix(" %")

        self.language_combo = QComboBox()
        self.language_combo.addItem("日本語", "ja")
        self.language_combo.addItem("English", "en")
        language_note = QLabel(self.tr("言語の変更は再起動後に反映されます"))
        language_note.setStyleSheet("color: palette(mid);")

        form = QFormLayout()
        form.addRow(self.tr("会社名"), self.name_edit)
        form.addRow(self.tr("期首月"), self.start_spin)
        form.addRow("", self.start_label)
        form.addRow(self.tr("達成の基準"), self.achieved_spin)
        form.addRow(self.tr("注意の基準"), self.caution_spin)
        threshold_note = QLabel(
            self.tr(
                "達成率が「達成の基準」以上なら達成、「注意の基準」以上なら注意、それ未満は未達です。"
            )
        )
        threshold_note.setWordWrap(True)
        threshold_note.setStyleSheet("color: palette(mid);")
        form.addRow("", threshold_note)
        form.addRow(self.tr("表示言語"), self.language_combo)
        form.addRow("", language_note)

        self.local_radio = QRadioButton(self.tr("このPCのファイル（既定）"))
        self.server_radio = QRadioButton(self.tr("共有サーバー（PostgreSQL）"))
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("postgresql+psycopg://user:password@server/mieruka")
        server_note = QLabel(
            self.tr(
                "複数の管理者で同じデータを使うときはサーバーを指定します（再起動後に反映）。"
                "今のデータをサーバーへ移すには README の「共有モード」を参照してください。"
            )
        )
        server_note.setWordWrap(True)
        server_note.setStyleSheet("color: palette(mid);")
        self.keep_spin = QSpinBox()
        self.keep_spin.setRange(1, 100)
        form.addRow(self.tr("残すバックアップの数"), self.keep_spin)
        form.addRow(self.tr("データの保存先"), self.local_radio)
        form.addRow("", self.server_radio)
        form.addRow("", self.server_edit)
        form.addRow("", server_note)

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def _load(self) -> None:
        company = self._company
        if company is None:
            self.start_spin.setValue(DEFAULT_FISCAL_START)
            self.achieved_spin.setValue(DEFAULT_ACHIEVED_PERCENT)
            self.caution_spin.setValue(DEFAULT_CAUTION_PERCENT)
        else:
            self.name_edit.setText(company.name)
            self.start_spin.setValue(company.fiscal_year_start)
            self.achieved_spin.setValue(company.thresholds.achieved * 100)
            self.caution_spin.setValue(company.thresholds.caution * 100)
        index = self.language_combo.findData(chosen_language())
        self.language_combo.setCurrentIndex(max(index, 0))
        self.keep_spin.setValue(backup_keep())
        target = str(settings().value(DATABASE_KEY, "") or "")
        is_server = "://" in target
        self.server_radio.setChecked(is_server)
        self.local_radio.setChecked(not is_server)
        self.server_edit.setText(target if is_server else "")
        self.server_edit.setEnabled(is_server)

    # --- behaviour ------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        self.server_radio.toggled.connect(self.server_edit.setEnabled)
        self.server_radio.toggled.connect(lambda _on: self._on_changed())
        self.server_edit.textChanged.connect(lambda _t: self._on_changed())
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.start_spin.valueChanged.connect(self._on_changed)
        self.achieved_spin.valueChanged.connect(self._on_changed)
        self.caution_spin.valueChanged.connect(self._on_changed)
        self.name_edit.textChanged.connect(self._on_changed)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _problem(self) -> str:
        if not self.name_edit.text().strip():
            return self.tr("会社名を入力してください。")
        if self.caution_spin.value() > self.achieved_spin.value():
            return self.tr("「注意の基準」は「達成の基準」以下にしてください。")
        server = self.server_edit.text().strip()
        if self.server_radio.isChecked() and not server.startswith("postgresql"):
            return self.tr("サーバーは postgresql+psycopg://利用者:パスワード@サーバー名/データベース名 の形で入力してください。")
        return ""

    def _on_changed(self) -> None:
        self.start_label.setText(fiscal_start_text(self.start_spin.value()))
        problem = self._problem()
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        bad = "QDoubleSpinBox { background: #ffe0e0; }"
        invalid_band = self.caution_spin.value() > self.achieved_spin.value()
        self.caution_spin.setStyleSheet(bad if invalid_band else "")
        self.ok_button.setEnabled(not problem)

    def _on_accept(self) -> None:
        if self._problem():
            return
        thresholds = Thresholds(
            achieved=round(self.achieved_spin.value() / 100, 6),
            caution=round(self.caution_spin.value() / 100, 6),
        )
        name = self.name_edit.text().strip()
        try:
            if self._company is None:
                services.create_company(
                    self._uow_factory(), name=name, fiscal_year_start=self.start_spin.value()
                )
            self.saved_company = services.update_settings(
                self._uow_factory(),
                name=name,
                fiscal_year_start=self.start_spin.value(),
                thresholds=thresholds,
            )
        except MierukaError as exc:  # known conditions are phrased; others reach the crash dialog
            self.error_label.setText(error_text(exc))
            self.error_label.setVisible(True)
            return
        settings().setValue(LANGUAGE_KEY, self.language_combo.currentData())
        server = self.server_edit.text().strip()
        settings().setValue(DATABASE_KEY, server if self.server_radio.isChecked() else "")
        settings().setValue(BACKUP_KEEP_KEY, self.keep_spin.value())
        self.accept()
