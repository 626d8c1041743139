"""First start: create my company, or open the demo company."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def month_choices() -> list[tuple[str, int]]:
    from PySide6.QtCore import QCoreApplication

    def label(m: int) -> str:
        end = (m - 2) % 12 + 1
        return QCoreApplication.translate("FirstRun", "{0}月始まり（{0}月〜{1}）").format(
            m,
            QCoreApplication.translate("FirstRun", "{0}月").format(end)
            if m == 1
            else QCoreApplication.translate("FirstRun", "翌年{0}月").format(end),
        )

    return [(label(m), m) for m in range(1, 13)]


class FirstRunDialog(QDialog):
    """``choice`` is "create" (with ``company_name`` and ``fiscal_year_start``) or "demo"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.company_name = ""
        self.fiscal_year_start = 4
        self.setWindowTitle(self.tr("Mierukaへようこそ"))
        self._build()
        self._connect_signals()
        self._on_name_changed("")

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "部門のミッション・KPI・月次の実績をひとつの場所で見える化します。\n"
                "はじめに、自分の会社を作成するか、デモ会社で操作を試してください。"
            )
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例: 株式会社〇〇"))
        self.month_combo = QComboBox()
        for text, month in month_choices():
            self.month_combo.addItem(text, month)
        self.month_combo.setCurrentIndex(3)  # April
        form = QFormLayout()
        form.addRow(self.tr("会社名"), self.name_edit)
        form.addRow(self.tr("期首月（年度の始まり）"), self.month_combo)
        self.create_button = QPushButton(self.tr("この内容で会社を作成"))
        self.create_button.setDefault(True)
        create_box = QGroupBox(self.tr("自分の会社を作成"))
        create_layout = QVBoxLayout(create_box)
        create_layout.addLayout(form)
        create_layout.addWidget(self.create_button)
        self.demo_button = QPushButton(self.tr("デモ会社を開く"))
        demo_box = QGroupBox(self.tr("まず試してみる"))
        demo_layout = QVBoxLayout(demo_box)
        demo_text = QLabel(
            self.tr(
                "総務・人事・経理財務・法務・情報システムの5部門と2年分の実績が入ったデモ会社です（別ファイルに作成します）。"
            )
        )
        demo_text.setWordWrap(True)
        demo_layout.addWidget(demo_text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.demo_button)
        demo_layout.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(create_box)
        layout.addWidget(demo_box)
        self.resize(520, 360)

    def _connect_signals(self) -> None:
        self.name_edit.textChanged.connect(self._on_name_changed)
        self.create_button.clicked.connect(self._on_create)
        self.demo_button.clicked.connect(self._on_demo)

    def _on_name_changed(self, text: str) -> None:
        self.create_button.setEnabled(bool(text.strip()))

    def _on_create(self) -> None:
        self.choice = "create"
        self.company_name = self.name_edit.text().strip()
        self.fiscal_year_start = int(self.month_combo.currentData())
        self.accept()

    def _on_demo(self) -> None:
        self.choice = "demo"
        self.accept()
