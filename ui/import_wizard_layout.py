"""The widgets of the import wizard (layout only; ui.import_wizard.ImportWizard behaves).

Strings use the translation context ``ImportWizard``, the class that shows them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.import_models import (
    ConflictModel,
    KpiPreviewModel,
    MatchModel,
    SheetCellsModel,
    grid_column_width,
)


def build(w: Any) -> None:
    """Create the wizard's widgets as attributes of ``w`` (an ImportWizard)."""
    w.pages = QStackedWidget()
    w.pages.addWidget(_read_page(w))
    w.pages.addWidget(_match_page(w))
    w.back_button = QPushButton(QCoreApplication.translate("ImportWizard", "< 戻る"))
    w.next_button = QPushButton(
        QCoreApplication.translate("ImportWizard", "次へ: 登録済みデータと照合 >")
    )
    w.import_button = QPushButton(QCoreApplication.translate("ImportWizard", "取り込む"))
    w.cancel_button = QPushButton(QCoreApplication.translate("ImportWizard", "キャンセル"))
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    for button in (w.back_button, w.next_button, w.import_button, w.cancel_button):
        buttons.addWidget(button)
    layout = QVBoxLayout(w)
    layout.addWidget(w.pages, 1)
    layout.addLayout(buttons)
    w._show_page(0)


def _read_page(w: Any) -> QWidget:
    w.sheet_list = QListWidget()
    w.sheet_list.setMaximumWidth(240)
    w.notice = QLabel()
    w.notice.setWordWrap(True)
    w.notice.setStyleSheet("color: #1a5fb4;")
    w.include_combo = QComboBox()
    w.include_combo.addItem(QCoreApplication.translate("ImportWizard", "取り込む"), True)
    w.include_combo.addItem(QCoreApplication.translate("ImportWizard", "取り込まない"), False)
    w.header_spin = QSpinBox()
    w.header_spin.setRange(0, 100_000)
    w.header_spin.setSpecialValueText(QCoreApplication.translate("ImportWizard", "自動"))
    w.year_spin = QSpinBox()
    w.year_spin.setRange(1899, 2100)
    w.year_spin.setSpecialValueText(QCoreApplication.translate("ImportWizard", "自動"))
    w.start_combo = QComboBox()
    w.start_combo.addItem(QCoreApplication.translate("ImportWizard", "自動"), None)
    for month in range(1, 13):
        w.start_combo.addItem(
            QCoreApplication.translate("ImportWizard", "{0}月").format(month), month
        )
    w.department_combo = QComboBox()
    w.department_combo.setEditable(True)
    w.layout_label = QLabel()
    form = QFormLayout()
    form.addRow(QCoreApplication.translate("ImportWizard", "このシート"), w.include_combo)
    form.addRow(QCoreApplication.translate("ImportWizard", "見出しの行"), w.header_spin)
    form.addRow(QCoreApplication.translate("ImportWizard", "年度"), w.year_spin)
    form.addRow(QCoreApplication.translate("ImportWizard", "期首月"), w.start_combo)
    form.addRow(QCoreApplication.translate("ImportWizard", "部署"), w.department_combo)
    form.addRow(QCoreApplication.translate("ImportWizard", "形式"), w.layout_label)
    w.roles_table = QTableWidget(0, 3)
    w.roles_table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("ImportWizard", "列"),
            QCoreApplication.translate("ImportWizard", "見出し"),
            QCoreApplication.translate("ImportWizard", "役割"),
        ]
    )
    w.roles_table.verticalHeader().setVisible(False)
    w.roles_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    w.roles_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    settings = QWidget()
    settings_layout = QVBoxLayout(settings)
    settings_layout.setContentsMargins(0, 0, 0, 0)
    settings_layout.addLayout(form)
    settings_layout.addWidget(QLabel(QCoreApplication.translate("ImportWizard", "列の役割")))
    settings_layout.addWidget(w.roles_table, 1)
    w.cells_model = SheetCellsModel()
    w.cells_view = QTableView()
    w.cells_view.setModel(w.cells_model)
    header = w.cells_view.horizontalHeader()
    header.setDefaultSectionSize(grid_column_width(QFontMetrics(header.font())))
    w.kpi_model = KpiPreviewModel(w.session)
    w.kpi_view = QTableView()
    w.kpi_view.setModel(w.kpi_model)
    w.kpi_view.verticalHeader().setVisible(False)
    w.problem_list = QListWidget()
    w.problem_list.setMaximumHeight(110)
    w.problem_list.setWordWrap(True)  # a long reason wraps instead of running off the side
    w.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    w.summary = QLabel()
    preview = QSplitter(Qt.Orientation.Vertical)
    for title, widget in (
        (
            QCoreApplication.translate(
                "ImportWizard",
                "シートの内容（青: 見出し、緑: 取り込む値、赤: 読めないセル — 赤いセルに理由）",
            ),
            w.cells_view,
        ),
        (QCoreApplication.translate("ImportWizard", "見つかったKPIと月ごとの値"), w.kpi_view),
        (QCoreApplication.translate("ImportWizard", "読めなかったセル"), w.problem_list),
    ):
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(QLabel(title))
        box_layout.addWidget(widget, 1)
        preview.addWidget(box)
    preview.setSizes([330, 260, 120])
    body = QSplitter(Qt.Orientation.Horizontal)
    body.addWidget(w.sheet_list)
    body.addWidget(settings)
    body.addWidget(preview)
    body.setSizes([200, 330, 750])
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(w.notice)
    layout.addWidget(body, 1)
    layout.addWidget(w.summary)
    return page


def _match_page(w: Any) -> QWidget:
    w.match_model = MatchModel()
    w.match_view = QTableView()
    w.match_view.setModel(w.match_model)
    w.match_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    w.match_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    w.conflict_model = ConflictModel()
    w.conflict_view = QTableView()
    w.conflict_view.setModel(w.conflict_model)
    w.conflict_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    w.overwrite_all = QPushButton(QCoreApplication.translate("ImportWizard", "すべて上書きする"))
    w.keep_all = QPushButton(QCoreApplication.translate("ImportWizard", "すべて登録済みの値を残す"))
    w.plan_label = QLabel()
    w.plan_label.setWordWrap(True)
    row = QHBoxLayout()
    row.addWidget(
        QLabel(
            QCoreApplication.translate(
                "ImportWizard", "登録済みの値と違うセル（チェック = ファイルの値で上書き）"
            )
        )
    )
    row.addStretch(1)
    row.addWidget(w.overwrite_all)
    row.addWidget(w.keep_all)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(w.plan_label)
    layout.addWidget(
        QLabel(
            QCoreApplication.translate(
                "ImportWizard",
                "KPIの取り込み先（部署とKPI名で照合。別のKPIに割り当てるにはダブルクリック）",
            )
        )
    )
    layout.addWidget(w.match_view, 3)
    layout.addLayout(row)
    layout.addWidget(w.conflict_view, 2)
    return page
