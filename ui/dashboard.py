"""The dashboard (見える化): the start tab once data exists.

Filters (fiscal year, department, owner, status), the company row per department, the tile wall,
and side panels: early warnings, missing entries, open review actions and OKRs. Reads through one
use case (domain.dashboard.load_dashboard) and filters the built report without reading again;
clicking a tile opens the KPI detail. Reviews, OKRs and the department PDF open from here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.dashboard import (
    DashboardFilter,
    DashboardReport,
    TileCache,
    apply_filter,
    default_fiscal_year,
    load_dashboard,
    save_warning_settings,
)
from domain.forecast import WarningSettings
from domain.model import Status
from domain.ports import UnitOfWork
from domain.review import set_action_done
from ui.dashboard_models import (
    ActionModel,
    DepartmentIdRole,
    KpiIdRole,
    MissingModel,
    SummaryModel,
    WarningModel,
)
from ui.dashboard_text import status_label
from ui.dashboard_tiles import TileWall
from ui.messages import error_text
from ui.okr_panel import OkrPanel

# "all" in the filter combos: ids start at 1. (Not None: reading an item's data back as None
# through PySide6 6.12 on Python 3.11 loses a reference to None each time.)
ALL = 0


def _table(model: object, widths: tuple[int, ...], *, stretch: int, lines: int = 1) -> QTableView:
    """A read-only table with fixed column widths and row heights: measuring hundreds of rows
    to fit their contents would cost more than the whole dashboard refresh."""
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(lines > 1)
    view.setAlternatingRowColors(True)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() * lines + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = header.fontMetrics()
    for column, width in enumerate(widths):
        title = model.headerData(column, Qt.Orientation.Horizontal)  # type: ignore[attr-defined]
        needed = metrics.horizontalAdvance(str(title or "")) + 18  # English headers are longer
        header.resizeSection(column, max(width, needed))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class DashboardPanel(QWidget):
    """``changed`` is emitted after something on the dashboard wrote data (actions, revisions)."""

    changed = Signal()
    kpiActivated = Signal(int)

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        fiscal_year_start: int,
        user: str,
        today: date | None = None,
        report_writer: Callable[..., object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._report_writer = report_writer
        self._user = user
        self._today = today or date.today()
        self._fiscal_year_start = fiscal_year_start
        self._cache = TileCache()
        self.report: DashboardReport | None = None  # unfiltered
        self.shown: DashboardReport | None = None  # filtered
        self._filter_choices: tuple[list[tuple[str, int]], list[tuple[str, int]]] | None = None
        self._build()
        self._connect_signals()

    # --- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.department_combo = QComboBox()
        self.owner_combo = QComboBox()
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("すべての状態"), "")
        for status in (Status.MISSED, Status.CAUTION, Status.ACHIEVED, Status.NO_DATA):
            self.status_combo.addItem(status_label(status), status)
        self.status_combo.addItem(self.tr("注意と未達"), "attention")
        self.fill_years()
        self.review_button = QPushButton(self.tr("振り返り…"))
        self.pdf_button = QPushButton(self.tr("部門レポートPDF…"))
        self.refresh_button = QPushButton(self.tr("更新"))
        bar = QHBoxLayout()
        for label, widget in (
            (self.tr("年度"), self.year_combo),
            (self.tr("部門"), self.department_combo),
            (self.tr("担当"), self.owner_combo),
            (self.tr("状態"), self.status_combo),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
            bar.addSpacing(6)
        bar.addStretch(1)
        bar.addWidget(self.review_button)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.refresh_button)
        self.as_of_label = QLabel()
        self.as_of_label.setStyleSheet("color: #5f6368;")
        self.empty_hint = QLabel(
            self.tr(
                "まだKPIがありません。左の「追加」で部門を作り、「月次入力」タブの「KPIを追加…」"
                "（または「KPI一覧」の「例から追加…」）でKPIを登録して実績を入力すると、"
                "ここに達成状況・推移・年度末予測が表示されます。"
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet(
            "background: #fff8e1; border: 1px solid #f0d48a; border-radius: 4px; padding: 8px;"
        )
        self.empty_hint.hide()

        self.summary_model = SummaryModel(self)
        self.summary = _table(self.summary_model, (150, 44, 44, 44, 44, 60, 44, 52, 110), stretch=0)
        self.summary.setToolTip(self.tr("行をクリックするとその部門に絞り込みます"))
        self.tiles = TileWall()
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.summary)
        left.addWidget(self.tiles)
        left.setSizes([170, 560])

        self.warning_model = WarningModel(self)
        self.warnings = _table(self.warning_model, (48, 112, 160, 64), stretch=2, lines=3)
        self.missing_model = MissingModel(self)
        self.missing = _table(self.missing_model, (90, 90, 200, 90), stretch=2)
        self.grace_spin = QSpinBox()
        self.grace_spin.setRange(1, 28)
        self.grace_spin.setToolTip(
            self.tr("この日を過ぎても前月の実績がないと「未入力」になります")
        )
        missing_page = QWidget()
        missing_layout = QVBoxLayout(missing_page)
        missing_layout.setContentsMargins(0, 0, 0, 0)
        grace_row = QHBoxLayout()
        grace_row.addWidget(QLabel(self.tr("実績の入力期限：翌月")))
        grace_row.addWidget(self.grace_spin)
        grace_row.addWidget(QLabel(self.tr("日")))
        grace_row.addStretch(1)
        missing_layout.addLayout(grace_row)
        missing_layout.addWidget(self.missing, 1)
        self.action_model = ActionModel(self)
        self.actions = _table(self.action_model, (40, 200, 80, 84, 90, 120), stretch=1)
        self.okr_panel = OkrPanel(self._uow, user=self._user, today=self._today)
        self.side = QTabWidget()
        # no frame around the pages: the counts in the tab titles change on every refresh,
        # and each change would redraw that frame around the whole side panel
        self.side.setDocumentMode(True)
        self.side.addTab(self.warnings, self.tr("早期警告"))
        self.side.addTab(missing_page, self.tr("未入力"))
        self.side.addTab(self.actions, self.tr("アクション"))
        self.side.addTab(self.okr_panel, self.tr("OKR"))

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(self.side)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([900, 440])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.as_of_label)
        layout.addWidget(self.empty_hint)
        layout.addWidget(body, 1)

    def fill_years(self) -> None:
        current = default_fiscal_year(self._today, self._fiscal_year_start)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(current + 1, current - 6, -1):
            self.year_combo.addItem(self.tr("{0}年度").format(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(current))
        self.year_combo.blockSignals(False)

    def _connect_signals(self) -> None:
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        for combo in (self.department_combo, self.owner_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.refresh_button.clicked.connect(self.reload)
        self.summary.clicked.connect(self._on_summary_clicked)
        self.tiles.kpiActivated.connect(self.open_kpi)
        self.warnings.doubleClicked.connect(self._on_listed_kpi)
        self.missing.doubleClicked.connect(self._on_listed_kpi)
        self.action_model.doneToggled.connect(self._on_action_done)
        self.grace_spin.editingFinished.connect(self._on_grace_changed)
        self.review_button.clicked.connect(self.open_reviews)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.okr_panel.changed.connect(self.reload)

    # --- state ----------------------------------------------------------------------------
    def fiscal_year(self) -> int:
        return int(self.year_combo.currentData())

    def set_fiscal_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self.year_combo.addItem(self.tr("{0}年度").format(year), year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)

    def set_today(self, today: date) -> None:
        self._today = today

    def set_fiscal_year_start(self, start_month: int) -> None:
        """After the company settings changed (start month, thresholds): show them."""
        year = self.fiscal_year()
        self._fiscal_year_start = start_month
        self._cache.clear()
        self.fill_years()
        self.set_fiscal_year(year)
        if self.isVisible():
            self.reload()

    def criteria(self) -> DashboardFilter:
        status = self.status_combo.currentData()
        if status == "attention":
            statuses = frozenset({Status.CAUTION, Status.MISSED})
        elif not status:
            statuses = frozenset()
        else:
            statuses = frozenset({Status(status)})
        return DashboardFilter(
            department_id=self.department_combo.currentData() or None,
            owner_id=self.owner_combo.currentData() or None,
            statuses=statuses,
        )

    def set_department_filter(self, department_id: int | None) -> None:
        index = self.department_combo.findData(department_id or ALL)
        self.department_combo.setCurrentIndex(max(index, 0))

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            report = load_dashboard(
                self._uow(), fiscal_year=self.fiscal_year(), today=self._today, cache=self._cache
            )
        except Exception as exc:
            QMessageBox.warning(self, self.tr("読み込めませんでした"), error_text(exc))
            return
        self.report = report
        self.empty_hint.setVisible(not any(section.tiles for section in report.sections))
        self.grace_spin.blockSignals(True)
        self.grace_spin.setValue(report.settings.warnings.grace_day)
        self.grace_spin.blockSignals(False)
        self._fill_filters(report)
        self._apply_filter()

    def _fill_filters(self, report: DashboardReport) -> None:
        departments = [(s.department.name, s.department.id) for s in report.sections]
        owners = sorted(
            {(t.owner_name, t.kpi.owner_id) for t in report.tiles() if t.kpi.owner_id is not None}
        )
        if (departments, owners) == self._filter_choices:
            return  # the same choices: keep the combos as they are
        self._filter_choices = (departments, owners)
        department = self.department_combo.currentData() if self.department_combo.count() else ALL
        owner = self.owner_combo.currentData() if self.owner_combo.count() else ALL
        for combo in (self.department_combo, self.owner_combo):
            combo.blockSignals(True)
            combo.clear()
        self.department_combo.addItem(self.tr("すべての部門"), ALL)
        for name, department_id in departments:
            self.department_combo.addItem(name, department_id)
        self.owner_combo.addItem(self.tr("すべての担当"), ALL)
        for name, member_id in owners:
            self.owner_combo.addItem(name, member_id)
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(department), 0))
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(owner), 0))
        for combo in (self.department_combo, self.owner_combo):
            combo.blockSignals(False)

    def _apply_filter(self) -> None:
        if self.report is None:
            return
        shown = apply_filter(self.report, self.criteria())
        self.shown = shown
        self.tiles.tile_model.set_report(shown)
        self.summary_model.set_report(shown)
        for view, model in (
            (self.warnings, self.warning_model),
            (self.missing, self.missing_model),
            (self.actions, self.action_model),
        ):
            rows = model.rowCount()
            model.set_report(shown)
            if model.rowCount() != rows:
                # lay the list out now: its scroll bar then appears or goes before the next
                # paint, instead of being drawn once more over the old length
                view.doItemsLayout()
        self.okr_panel.set_context(shown)
        for tab, text in enumerate(
            (
                self.tr("早期警告 {0}").format(self.warning_model.rowCount()),
                self.tr("未入力 {0}").format(self.missing_model.rowCount()),
                self.tr("アクション {0}").format(self.action_model.rowCount()),
            )
        ):
            if self.side.tabText(tab) != text:  # setting it lays out the tab bar again
                self.side.setTabText(tab, text)
        this_month = self._today.year * 12 + self._today.month
        passed = [m for m in shown.months if m.year * 12 + m.month < this_month]
        state = self.tr("（年度締め）") if shown.settled else ""
        if passed:
            text = self.tr("{0}年度　{1}年{2}月までの実績　{3}時点{4}").format(
                shown.fiscal_year,
                passed[-1].year,
                passed[-1].month,
                self._today.strftime("%Y-%m-%d"),
                state,
            )
        else:
            text = self.tr("{0}年度　まだ終わった月がありません　{1}時点").format(
                shown.fiscal_year, self._today.strftime("%Y-%m-%d")
            )
        self.as_of_label.setText(text)

    # --- actions --------------------------------------------------------------------------
    def _on_summary_clicked(self, index: QModelIndex) -> None:
        department_id = index.data(DepartmentIdRole)
        if department_id is not None:
            current = self.department_combo.currentData()
            self.set_department_filter(ALL if current == department_id else department_id)

    def _on_listed_kpi(self, index: QModelIndex) -> None:
        kpi_id = index.data(KpiIdRole)
        if kpi_id is not None:
            self.open_kpi(int(kpi_id))

    def open_kpi(self, kpi_id: int) -> None:
        from ui.kpi_detail_dialog import KpiDetailDialog

        self.kpiActivated.emit(kpi_id)
        dialog = KpiDetailDialog(
            self._uow,
            kpi_id=kpi_id,
            fiscal_year=self.fiscal_year(),
            today=self._today,
            user=self._user,
            parent=self,
        )
        dialog.changed.connect(self._on_changed)
        dialog.exec()
        dialog.deleteLater()

    def _on_changed(self) -> None:
        self.reload()
        self.changed.emit()

    def _on_action_done(self, action_id: int, done: bool) -> None:
        try:
            set_action_done(self._uow(), action_id, done, today=self._today)
        except Exception as exc:
            QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))
        self._on_changed()

    def _on_grace_changed(self) -> None:
        report = self.report
        value = self.grace_spin.value()
        if report is None or report.settings.warnings.grace_day == value:
            return
        current = report.settings.warnings
        try:
            save_warning_settings(
                self._uow(),
                WarningSettings(current.pace_caution, current.pace_critical, grace_day=value),
            )
        except Exception as exc:
            QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))
            return
        self.reload()

    def selected_department_id(self) -> int | None:
        department_id = self.department_combo.currentData()
        if department_id:
            return int(department_id)
        index = self.summary.currentIndex()
        value = index.data(DepartmentIdRole) if index.isValid() else None
        return None if value is None else int(value)

    def open_reviews(self) -> None:
        from ui.review_dialog import ReviewDialog

        if self.report is None:
            return
        dialog = ReviewDialog(
            self._uow,
            departments=[s.department for s in self.report.sections],
            department_id=self.selected_department_id(),
            owners=self.report.owners,
            fiscal_year_start=self._fiscal_year_start,
            today=self._today,
            parent=self,
        )
        dialog.exec()
        dialog.deleteLater()
        if dialog.saved:
            self._on_changed()

    def export_pdf(self) -> None:
        from ui.dashboard_pdf import export_department_report

        if self.shown is not None:
            export_department_report(self, self.shown, self._report_writer)  # type: ignore[arg-type]
