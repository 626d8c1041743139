"""The main window: department sidebar, 月次入力 / KPI一覧 / 目標ツリー / 社員 tabs, menus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.appraisal_ports import AppraisalDocuments
from domain.errors import KpiHasHistory
from domain.fiscal import YearMonth, fiscal_year_of
from domain.model import Company, Department, Kpi, ObjectiveLevel, Status
from domain.ports import UnitOfWork
from ui.appraisal_tab import AppraisalPanel
from ui.dashboard import DashboardPanel
from ui.departments import DepartmentPanel, MissionBanner
from ui.entry_grid import EntryGrid
from ui.entry_grid_model import STATUS_COLOURS
from ui.goal_tree import GoalTreePanel
from ui.kpi_list import KpiPanel
from ui.members_view import MembersPanel
from ui.messages import error_text
from ui.screen_fit import resize_to_fit


@dataclass(frozen=True, slots=True)
class WindowContext:
    """What the window needs from the composition root."""

    uow_factory: Callable[[], UnitOfWork]
    location: str
    user: str
    version: str
    is_demo: bool = False
    appraisal_documents: AppraisalDocuments | None = None
    department_report: Callable[..., Any] | None = None  # storage PDF writer (dashboard)
    spreadsheets: Any = None  # ui.import_actions.SpreadsheetIO: Excel/CSV reader and writer
    backup: Callable[[str], Any] | None = None  # a backup of the open file, e.g. before an import


class MainWindow(QMainWindow):
    openDatabaseRequested = Signal()
    openDemoRequested = Signal()
    restoreRequested = Signal()

    def __init__(self, context: WindowContext, *, today: date | None = None) -> None:
        super().__init__()
        self.context = context
        self._uow = context.uow_factory
        self._today = today or date.today()
        self.undo_stack = QUndoStack(self)
        self.company: Company = self._load_company()
        self._department: Department | None = None
        self._build()
        self._build_menus()
        self._connect_signals()
        self._update_title()
        self.departments.reload()
        self._show_dashboard_first()

    # --- construction -----------------------------------------------------------------------
    def _load_company(self) -> Company:
        company = services.get_company(self._uow())
        assert company is not None, "the app creates the company before the window"
        return company

    def _build(self) -> None:
        self.departments = DepartmentPanel(self._uow)
        self.year_combo = QComboBox()
        self._fill_years()

        # 月次入力
        self.entry_banner = MissionBanner()
        self.grid = EntryGrid(self._uow, self.undo_stack, user=self.context.user)
        self.add_kpi_button = QPushButton(self.tr("KPIを追加…"))
        self.edit_kpi_button = QPushButton(self.tr("KPIを編集…"))
        self.history_button = QPushButton(self.tr("変更履歴…"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        top.addWidget(self.year_combo)
        top.addSpacing(12)
        top.addWidget(self.add_kpi_button)
        top.addWidget(self.edit_kpi_button)
        top.addWidget(self.history_button)
        top.addStretch(1)
        top.addWidget(self._legend())
        entry_page = QWidget()
        entry_layout = QVBoxLayout(entry_page)
        entry_layout.addWidget(self.entry_banner)
        entry_layout.addLayout(top)
        self.empty_hint = QLabel(
            self.tr(
                "この部門にはまだKPIがありません。「KPIを追加…」で登録するか、「KPI一覧」タブの"
                "「例から追加…」で部門ごとの例から選べます。今お使いのExcelの表は"
                "「ファイル → Excel/CSVを取り込む…」で読み込めます。"
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet(
            "background: #fff8e1; border: 1px solid #f0d48a; border-radius: 4px; padding: 8px;"
        )
        self.empty_hint.hide()
        entry_layout.addWidget(self.empty_hint)
        entry_layout.addWidget(self.grid, 1)
        hint = QLabel(
            self.tr("セルを選んで数値を入力（１２・1,234・95%・12件 も可）。Excelからの貼り付け、Delete で消去、右クリックでメモ。")
        )
        hint.setStyleSheet("color: #555;")
        entry_layout.addWidget(hint)

        # KPI一覧
        self.kpi_banner = MissionBanner()
        self.kpi_panel = KpiPanel()
        kpi_page = QWidget()
        kpi_layout = QVBoxLayout(kpi_page)
        kpi_layout.addWidget(self.kpi_banner)
        kpi_layout.addWidget(self.kpi_panel, 1)

        self.goal_tree = GoalTreePanel(self._uow)
        self.members = MembersPanel(self._uow)
        self.appraisals = AppraisalPanel(
            self._uow, user=self.context.user, documents=self.context.appraisal_documents
        )

        self.dashboard = DashboardPanel(
            self._uow,
            fiscal_year_start=self.company.fiscal_year_start,
            user=self.context.user,
            today=self._today,
            report_writer=self.context.department_report,
        )

        self.tabs = QTabWidget()
        self.tabs.addTab(self.dashboard, self.tr("ダッシュボード"))
        self.tabs.addTab(entry_page, self.tr("月次入力"))
        self.tabs.addTab(kpi_page, self.tr("KPI一覧"))
        self.tabs.addTab(self.goal_tree, self.tr("目標ツリー"))
        self.tabs.addTab(self.members, self.tr("社員"))
        self.tabs.addTab(self.appraisals, self.tr("評価"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.departments)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1190])
        self.setCentralWidget(splitter)
        self.location_label = QLabel()
        self.statusBar().addPermanentWidget(self.location_label)
        resize_to_fit(self, 1366, 800)

    def _legend(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        t = self.company.thresholds
        for status, text in (
            (Status.ACHIEVED, self.tr("達成 ≥{0:.0f}%").format(t.achieved * 100)),
            (Status.CAUTION, self.tr("注意 ≥{0:.0f}%").format(t.caution * 100)),
            (Status.MISSED, self.tr("未達")),
        ):
            label = QLabel(text)
            label.setStyleSheet(
                f"background: {STATUS_COLOURS[status].name()}; padding: 2px 8px; border-radius: 3px;"
            )
            layout.addWidget(label)
        return box

    def _fill_years(self) -> None:
        current = fiscal_year_of(YearMonth(self._today.year, self._today.month), self.company.fiscal_year_start)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(current - 5, current + 2):
            self.year_combo.addItem(self.tr("{0}年度").format(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(current))
        self.year_combo.blockSignals(False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("ファイル(&F)"))
        self.open_action = QAction(self.tr("データベースを開く…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.demo_action = QAction(self.tr("デモ会社を開く"), self)
        self.quit_action = QAction(self.tr("終了"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        self.restore_action = QAction(self.tr("バックアップから復元…"), self)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        from ui.import_actions import ImportExportActions

        self.import_export = ImportExportActions(self, file_menu, before=self.restore_action)

        edit_menu = self.menuBar().addMenu(self.tr("編集(&E)"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("元に戻す"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("やり直し"))
        redo_keys: list[QKeySequence] = []
        for seq in (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)):
            if seq not in redo_keys:  # a duplicate makes the shortcut ambiguous and dead
                redo_keys.append(seq)
        self.redo_action.setShortcuts(redo_keys)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.grid.copy_action)
        edit_menu.addAction(self.grid.paste_action)
        edit_menu.addAction(self.grid.clear_action)

        settings_menu = self.menuBar().addMenu(self.tr("設定(&S)"))
        self.settings_action = QAction(self.tr("会社と表示の設定…"), self)
        settings_menu.addAction(self.settings_action)

        help_menu = self.menuBar().addMenu(self.tr("ヘルプ(&H)"))
        self.about_action = QAction(self.tr("Mierukaについて"), self)
        help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.departments.departmentSelected.connect(self._on_department_selected)
        self.departments.departmentsChanged.connect(self._on_structure_changed)
        self.year_combo.currentIndexChanged.connect(lambda _i: self._reload_grid())
        self.add_kpi_button.clicked.connect(lambda: self.edit_kpi(None))
        self.edit_kpi_button.clicked.connect(self._on_edit_grid_kpi)
        self.history_button.clicked.connect(self._on_history_grid_kpi)
        self.grid.historyRequested.connect(self.show_history)
        self.grid.view.doubleClicked.connect(self._on_grid_double_clicked)
        self.kpi_panel.add_button.clicked.connect(lambda: self.edit_kpi(None))
        self.kpi_panel.library_button.clicked.connect(lambda: self.edit_kpi(None, from_library=True))
        self.kpi_panel.edit_button.clicked.connect(self._on_edit_listed_kpi)
        self.kpi_panel.view.doubleClicked.connect(lambda _i: self._on_edit_listed_kpi())
        self.kpi_panel.archive_button.clicked.connect(self._on_archive_kpi)
        self.kpi_panel.delete_button.clicked.connect(self._on_delete_kpi)
        self.kpi_panel.history_button.clicked.connect(self._on_history_listed_kpi)
        self.kpi_panel.show_archived.toggled.connect(lambda _c: self._reload_kpi_list())
        self.kpi_panel.selectionChanged.connect(self._update_kpi_buttons)
        self.goal_tree.changed.connect(self._on_structure_changed)
        self.goal_tree.kpiActivated.connect(self._on_tree_kpi)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.dashboard.changed.connect(self._reload_grid)
        self.open_action.triggered.connect(self.openDatabaseRequested)
        self.demo_action.triggered.connect(self.openDemoRequested)
        self.restore_action.triggered.connect(self.restoreRequested)
        self.quit_action.triggered.connect(self.close)
        self.settings_action.triggered.connect(self._on_settings)
        self.about_action.triggered.connect(self._on_about)

    # --- state ----------------------------------------------------------------------------
    def fiscal_year(self) -> int:
        return int(self.year_combo.currentData())

    def set_fiscal_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self.year_combo.addItem(self.tr("{0}年度").format(year), year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)

    def current_department(self) -> Department | None:
        return self._department

    def _update_title(self) -> None:
        demo = self.tr("（デモ）") if self.context.is_demo else ""
        self.setWindowTitle(f"{self.company.name}{demo} — Mieruka")
        self.location_label.setText(self.tr("データ: {0}").format(self.context.location))

    def _kgi_title(self, department: Department | None) -> str | None:
        if department is None or department.kgi_id is None:
            return None
        for goal in services.list_objectives(self._uow()):
            if goal.id == department.kgi_id and goal.level is ObjectiveLevel.KGI:
                return goal.title
        return None

    # --- reloading ------------------------------------------------------------------------
    def _on_department_selected(self, department: Department | None) -> None:
        self._department = department
        kgi = self._kgi_title(department)
        self.entry_banner.show_department(department, kgi)
        self.kpi_banner.show_department(department, kgi)
        for w in (self.add_kpi_button, self.edit_kpi_button, self.history_button, self.kpi_panel):
            w.setEnabled(department is not None)
        self._reload_grid()
        self._reload_kpi_list()

    def _reload_grid(self) -> None:
        if self._department is None:
            self.grid.model.clear()
            self.empty_hint.hide()
            return
        try:
            data = services.load_grid(
                self._uow(), department_id=self._department.id, fiscal_year=self.fiscal_year()
            )
        except Exception as exc:
            QMessageBox.warning(self, self.tr("読み込めませんでした"), error_text(exc))
            return
        self.grid.load(data)
        self.empty_hint.setVisible(not data.kpis)

    def _reload_kpi_list(self) -> None:
        if self._department is None:
            self.kpi_panel.model.set_kpis([], [])
            return
        kpis = services.list_kpis(
            self._uow(),
            department_id=self._department.id,
            include_archived=self.kpi_panel.show_archived.isChecked(),
        )
        self.kpi_panel.model.set_kpis(kpis, services.list_members(self._uow(), include_archived=True))
        self._update_kpi_buttons()

    def _update_kpi_buttons(self) -> None:
        kpi = self.kpi_panel.current_kpi()
        for b in (self.kpi_panel.edit_button, self.kpi_panel.archive_button,
                  self.kpi_panel.delete_button, self.kpi_panel.history_button):
            b.setEnabled(kpi is not None)
        if kpi is not None:
            self.kpi_panel.archive_button.setText(self.tr("復元") if kpi.archived else self.tr("アーカイブ"))

    def _on_structure_changed(self) -> None:
        dept = self._department
        if dept is not None:
            self._department = next(
                (d for d in services.list_departments(self._uow(), include_archived=True) if d.id == dept.id),
                None,
            )
        self._on_department_selected(self._department)
        if self.tabs.currentWidget() is self.goal_tree:
            self.goal_tree.reload()

    def _on_tab_changed(self, _index: int) -> None:
        widget = self.tabs.currentWidget()
        if widget is self.goal_tree:
            self.goal_tree.reload()
        elif widget is self.members:
            department = self.current_department()
            self.members.default_department_id = department.id if department else None
            self.members.reload()
        elif widget is self.appraisals:
            self.appraisals.reload()
        elif widget is self.dashboard:
            self.dashboard.reload()

    def _show_dashboard_first(self) -> None:
        """Once KPIs exist the dashboard is the start tab; before that, data entry is."""
        if services.list_kpis(self._uow()):
            self.tabs.setCurrentWidget(self.dashboard)
            self.dashboard.reload()
        else:
            self.tabs.setCurrentIndex(self.tabs.indexOf(self.dashboard) + 1)

    # --- KPI actions ----------------------------------------------------------------------
    def edit_kpi(self, kpi: Kpi | None, *, from_library: bool = False) -> Kpi | None:
        from ui.kpi_dialog import KpiDialog

        department = self._department
        if department is None:
            return None
        if kpi is not None and kpi.department_id != department.id:
            department = next(d for d in services.list_departments(self._uow(), include_archived=True) if d.id == kpi.department_id)
        dialog = KpiDialog(
            self._uow,
            department=department,
            kpi=kpi,
            fiscal_year=self.fiscal_year(),
            fiscal_year_start=self.company.fiscal_year_start,
            members=services.list_members(self._uow()),
            objectives=services.list_objectives(self._uow()),
            user=self.context.user,
            today=self._today,
            parent=self,
        )
        if from_library and hasattr(dialog, "open_library"):
            dialog.open_library()
        if dialog.exec() and dialog.saved_kpi is not None:
            self._reload_grid()
            self._reload_kpi_list()
            return dialog.saved_kpi
        return None

    def _on_edit_grid_kpi(self) -> None:
        kpi = self.grid.model.kpi_at(self.grid.view.currentIndex().row())
        if kpi is not None:
            self.edit_kpi(kpi)

    def _on_grid_double_clicked(self, index) -> None:  # noqa: ANN001
        from ui.entry_grid_model import Column

        if index.column() == Column.NAME:
            self._on_edit_grid_kpi()

    def _on_edit_listed_kpi(self) -> None:
        kpi = self.kpi_panel.current_kpi()
        if kpi is not None:
            self.edit_kpi(kpi)

    def _on_tree_kpi(self, kpi_id: int) -> None:
        kpi = next((k for k in services.list_kpis(self._uow(), include_archived=True) if k.id == kpi_id), None)
        if kpi is not None:
            self.departments.select(kpi.department_id)
            self.edit_kpi(kpi)
            self.goal_tree.reload()

    def _on_archive_kpi(self) -> None:
        kpi = self.kpi_panel.current_kpi()
        if kpi is None:
            return
        services.set_kpi_archived(self._uow(), kpi.id, not kpi.archived)
        self._reload_kpi_list()
        self._reload_grid()

    def _on_delete_kpi(self) -> None:
        kpi = self.kpi_panel.current_kpi()
        if kpi is None:
            return
        try:
            answer = QMessageBox.question(
                self, self.tr("KPIを削除"), self.tr("「{0}」を削除しますか？").format(kpi.name)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            services.delete_kpi(self._uow(), kpi.id)
        except KpiHasHistory as exc:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("実績のあるKPI"))
            box.setText(
                self.tr("「{0}」には{1}件の実績があります。通常はアーカイブしてください（実績と履歴は残ります）。").format(
                    kpi.name, exc.value_count
                )
            )
            archive = box.addButton(self.tr("アーカイブする"), QMessageBox.ButtonRole.AcceptRole)
            delete = box.addButton(self.tr("実績ごと削除する"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is archive:
                services.set_kpi_archived(self._uow(), kpi.id, True)
            elif box.clickedButton() is delete:
                services.delete_kpi(self._uow(), kpi.id, confirm_history=True)
                self.undo_stack.clear()  # earlier edits of the deleted KPI cannot be undone
            else:
                return
        self._reload_kpi_list()
        self._reload_grid()

    def show_history(self, kpi_id: int) -> None:
        from ui.history_dialog import HistoryDialog

        kpi = next((k for k in services.list_kpis(self._uow(), include_archived=True) if k.id == kpi_id), None)
        if kpi is not None:
            HistoryDialog(self._uow, kpi, parent=self).exec()

    def _on_history_grid_kpi(self) -> None:
        kpi_id = self.grid.current_kpi_id()
        if kpi_id is None:
            QMessageBox.information(self, self.tr("変更履歴"), self.tr("表でKPIの行を選んでください。"))
            return
        self.show_history(kpi_id)

    def _on_history_listed_kpi(self) -> None:
        kpi = self.kpi_panel.current_kpi()
        if kpi is not None:
            self.show_history(kpi.id)

    # --- settings, about ------------------------------------------------------------------
    def _on_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        if SettingsDialog(self._uow, parent=self).exec():
            year = self.fiscal_year()
            self.company = self._load_company()
            self._fill_years()
            self.set_fiscal_year(year)
            self._update_title()
            self._reload_grid()
            self.dashboard.set_fiscal_year_start(self.company.fiscal_year_start)

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Mierukaについて"),
            self.tr("Mieruka（見える化） バージョン {0}\n部門のミッション・KPI・実績を見える化します。\n\nデータ: {1}").format(
                self.context.version, self.context.location
            ),
        )
