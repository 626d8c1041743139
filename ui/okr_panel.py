"""OKR beside the KPIs (KPI = 安定運営のエンジン, OKR = 挑戦の羅針盤): a tree of the year's OKR
objectives with their key results (progress, confidence, pace), and dialogs to set an objective
with 2–5 key results and to record a check-in (value, confidence 0–10, comment)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.dashboard import DashboardReport
from domain.fiscal import YearMonth, quarter_of
from domain.model import Department, Objective, ObjectiveLevel
from domain.okr import (
    MAX_KEY_RESULTS,
    CheckIn,
    InvalidCheckIn,
    InvalidOkr,
    KeyResult,
    OkrProblem,
    OkrView,
    record_check_in,
    save_okr,
)
from domain.parsing import ValueParseError, format_value, parse_value
from domain.ports import UnitOfWork
from ui.dashboard_text import okr_pace_label, percent
from ui.messages import error_text
from ui.screen_fit import resize_to_fit


def okr_problem_text(problem: str) -> str:
    texts = {
        OkrProblem.TOO_FEW_KEY_RESULTS: QCoreApplication.translate(
            "Okr", "主要な成果（KR）を2つ以上設定してください。"
        ),
        OkrProblem.TOO_MANY_KEY_RESULTS: QCoreApplication.translate(
            "Okr", "主要な成果（KR）は5つまでにしてください。"
        ),
        OkrProblem.KEY_RESULT_WITHOUT_TITLE: QCoreApplication.translate(
            "Okr", "名前のない主要な成果があります。"
        ),
        OkrProblem.NEGATIVE_WEIGHT: QCoreApplication.translate(
            "Okr", "重みは0以上の数値にしてください。"
        ),
        OkrProblem.START_EQUALS_TARGET: QCoreApplication.translate(
            "Okr", "開始値と目標値が同じ主要な成果があります。"
        ),
        OkrProblem.NO_QUARTER: QCoreApplication.translate("Okr", "四半期を選んでください。"),
        OkrProblem.NO_TITLE: QCoreApplication.translate(
            "Okr", "目標（Objective）を入力してください。"
        ),
    }
    return texts.get(OkrProblem(problem), problem)


def _number(value: float | None) -> str:
    return "" if value is None else format_value(value, 0 if float(value).is_integer() else 1)


class OkrPanel(QWidget):
    """The year's OKRs. ``changed`` after an OKR or a check-in was saved."""

    changed = Signal()

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        user: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._user = user
        self._today = today
        self._report: DashboardReport | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("OKR"), self.tr("進捗"), self.tr("自信度"), self.tr("状況"), self.tr("現在値")]
        )
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.add_button = QPushButton(self.tr("OKRを追加…"))
        self.edit_button = QPushButton(self.tr("編集…"))
        self.check_in_button = QPushButton(self.tr("チェックイン…"))
        self.hint = QLabel(
            self.tr(
                "KPIは安定運営のエンジン、OKRは挑戦の羅針盤。四半期ごとに目標と2〜5個の主要な成果を置きます。"
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.check_in_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.add_button.clicked.connect(lambda: self.edit_okr(None))
        self.edit_button.clicked.connect(self._on_edit)
        self.check_in_button.clicked.connect(self._on_check_in)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self._on_check_in())

    def set_context(self, report: DashboardReport) -> None:
        previous = self._report
        self._report = report
        if previous is not None and self._shown(previous) == self._shown(report):
            return  # the same OKRs of the same departments: the tree stays as it is
        self.tree.clear()
        for section in report.sections:
            for view in section.okrs:
                self._add_view(section.department, view)
        self.tree.expandAll()
        for column in range(1, 5):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(0, 260)

    @staticmethod
    def _shown(report: DashboardReport) -> list[tuple[Department, OkrView]]:
        return [(s.department, v) for s in report.sections for v in s.okrs]

    def views(self) -> list[OkrView]:
        if self._report is None:
            return []
        return [v for s in self._report.sections for v in s.okrs]

    def _add_view(self, department: Department, view: OkrView) -> None:
        objective = view.objective
        confidence = "—" if view.confidence is None else f"{view.confidence:.1f}"
        item = QTreeWidgetItem(
            [
                self.tr("{0}（{1} Q{2}）").format(
                    objective.title, department.name, objective.quarter
                ),
                percent(view.progress),
                confidence,
                okr_pace_label(view.pace),
                "",
            ]
        )
        item.setData(0, 256, ("objective", objective.id))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        self.tree.addTopLevelItem(item)
        for kr_view in view.key_results:
            kr = kr_view.key_result
            child = QTreeWidgetItem(
                [
                    self.tr("{0}（重み{1}）").format(kr.title, _number(kr.weight)),
                    percent(kr_view.progress),
                    "—" if kr_view.confidence is None else str(kr_view.confidence),
                    "",
                    self.tr("{0} / 目標{1}{2}").format(
                        _number(kr_view.current) or "—", _number(kr.target), kr.unit
                    ),
                ]
            )
            if kr_view.last_check_in and kr_view.last_check_in.comment:
                child.setToolTip(0, kr_view.last_check_in.comment)
            child.setData(0, 256, ("key_result", kr.id))
            item.addChild(child)

    def _selected_view(self) -> tuple[OkrView | None, int | None]:
        item = self.tree.currentItem()
        if item is None:
            return None, None
        kind, key = item.data(0, 256)
        for view in self.views():
            if kind == "objective" and view.objective.id == key:
                return view, None
            if kind == "key_result" and any(k.key_result.id == key for k in view.key_results):
                return view, key
        return None, None

    def _on_edit(self) -> None:
        view, _ = self._selected_view()
        if view is not None:
            self.edit_okr(view)

    def edit_okr(self, view: OkrView | None) -> None:
        if self._report is None:
            return
        dialog = OkrDialog(
            self._uow,
            departments=[s.department for s in self._report.sections],
            fiscal_year=self._report.fiscal_year,
            fiscal_year_start=self._report.company.fiscal_year_start,
            today=self._today,
            view=view,
            parent=self,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.changed.emit()

    def _on_check_in(self) -> None:
        view, kr_id = self._selected_view()
        if view is None:
            QMessageBox.information(
                self, self.tr("チェックイン"), self.tr("チェックインするOKRを選んでください。")
            )
            return
        dialog = CheckInDialog(
            self._uow, view, key_result_id=kr_id, today=self._today, user=self._user, parent=self
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.changed.emit()


class OkrDialog(QDialog):
    """An OKR objective for one quarter with 2–5 key results."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        departments: Sequence[Department],
        fiscal_year: int,
        fiscal_year_start: int,
        today: date,
        view: OkrView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._view = view
        self._fiscal_year = fiscal_year
        self.setWindowTitle(self.tr("OKRを編集") if view else self.tr("OKRを追加"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("例：部門の戦略的価値を高める"))
        self.department = QComboBox()
        for d in departments:
            self.department.addItem(d.name, d.id)
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(self.tr("{0}年度 第{1}四半期").format(fiscal_year, q), q)
        self.key_results = QTableWidget(0, 5)
        self.key_results.setHorizontalHeaderLabels(
            [
                self.tr("主要な成果（KR）"),
                self.tr("開始値"),
                self.tr("目標値"),
                self.tr("単位"),
                self.tr("重み"),
            ]
        )
        self.key_results.horizontalHeader().setSectionResizeMode(
            0, self.key_results.horizontalHeader().ResizeMode.Stretch
        )
        for column, width in ((1, 70), (2, 70), (3, 56), (4, 56)):
            self.key_results.setColumnWidth(column, width)
        self.add_kr = QPushButton(self.tr("KRを追加"))
        self.remove_kr = QPushButton(self.tr("KRを削除"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("目標（Objective）"), self.title)
        form.addRow(self.tr("部門"), self.department)
        form.addRow(self.tr("期間"), self.quarter)
        kr_buttons = QHBoxLayout()
        kr_buttons.addWidget(self.add_kr)
        kr_buttons.addWidget(self.remove_kr)
        kr_buttons.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.key_results, 1)
        layout.addLayout(kr_buttons)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        resize_to_fit(self, 720, 380)
        self.add_kr.clicked.connect(lambda: self._add_row(None))
        self.remove_kr.clicked.connect(self._remove_row)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)

        if view is not None:
            objective = view.objective
            self.title.setText(objective.title)
            self.department.setCurrentIndex(
                max(self.department.findData(objective.department_id), 0)
            )
            self.quarter.setCurrentIndex(max(self.quarter.findData(objective.quarter), 0))
            for kr_view in view.key_results:
                self._add_row(kr_view.key_result)
        else:
            current = quarter_of(YearMonth(today.year, today.month), fiscal_year_start)
            self.quarter.setCurrentIndex(self.quarter.findData(current))
            self._add_row(None)
            self._add_row(None)

    def _add_row(self, kr: KeyResult | None) -> None:
        if self.key_results.rowCount() >= MAX_KEY_RESULTS:
            self.message.setText(okr_problem_text(OkrProblem.TOO_MANY_KEY_RESULTS))
            return
        row = self.key_results.rowCount()
        self.key_results.insertRow(row)
        values = (
            ("", "0", "", "", "1")
            if kr is None
            else (kr.title, _number(kr.start), _number(kr.target), kr.unit, _number(kr.weight))
        )
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(256, 0 if kr is None else kr.id)
            self.key_results.setItem(row, column, item)

    def _remove_row(self) -> None:
        row = self.key_results.currentRow()
        if row >= 0:
            self.key_results.removeRow(row)

    def collected(self) -> tuple[Objective, list[KeyResult]]:
        """The objective and key results as entered (raises ValueParseError on a bad number)."""
        key_results = []
        for row in range(self.key_results.rowCount()):

            def cell(column: int, row: int = row) -> str:
                item = self.key_results.item(row, column)
                return "" if item is None else item.text()

            start = parse_value(cell(1))
            target = parse_value(cell(2))
            weight = parse_value(cell(4))
            key_results.append(
                KeyResult(
                    int(self.key_results.item(row, 0).data(256) or 0),
                    0,
                    cell(0),
                    0.0 if start is None else start,
                    0.0 if target is None else target,
                    cell(3).strip(),
                    1.0 if weight is None else weight,
                )
            )
        base = self._view.objective if self._view else Objective(0, "", ObjectiveLevel.OKR)
        objective = Objective(
            base.id,
            self.title.text(),
            ObjectiveLevel.OKR,
            base.parent_id,
            self.department.currentData(),
            None,
            self._fiscal_year,
            self.quarter.currentData(),
            base.description,
            base.sort_order,
            base.archived,
        )
        return objective, key_results

    def _on_save(self) -> None:
        try:
            objective, key_results = self.collected()
            save_okr(self._uow(), objective, key_results)
        except ValueParseError:
            self.message.setText(self.tr("開始値・目標値・重みは数値で入力してください。"))
            return
        except InvalidOkr as exc:
            self.message.setText("\n".join(okr_problem_text(p) for p in exc.problems))
            return
        except Exception as exc:
            QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))
            return
        self.accept()


class CheckInDialog(QDialog):
    """Record a check-in for one key result of an OKR."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        view: OkrView,
        *,
        key_result_id: int | None,
        today: date,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._user = user
        self.saved: CheckIn | None = None
        self.setWindowTitle(self.tr("チェックイン — {0}").format(view.objective.title))
        self.key_result = QComboBox()
        for kr_view in view.key_results:
            self.key_result.addItem(kr_view.key_result.title, kr_view.key_result.id)
        if key_result_id is not None:
            self.key_result.setCurrentIndex(self.key_result.findData(key_result_id))
        self.checked_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.checked_on.setCalendarPopup(True)
        self.checked_on.setDisplayFormat("yyyy-MM-dd")
        self.value = QDoubleSpinBox()
        self.value.setRange(-1e12, 1e12)
        self.value.setDecimals(2)
        self.confidence = QSpinBox()
        self.confidence.setRange(0, 10)
        self.confidence.setValue(5)
        self.confidence.setSuffix(self.tr(" / 10"))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("進み具合、障害、次の一手など"))
        form = QFormLayout()
        form.addRow(self.tr("主要な成果"), self.key_result)
        form.addRow(self.tr("日付"), self.checked_on)
        form.addRow(self.tr("現在値"), self.value)
        form.addRow(self.tr("自信度（0〜10）"), self.confidence)
        form.addRow(self.tr("コメント"), self.comment)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        current = {k.key_result.id: k.current for k in view.key_results}
        self.key_result.currentIndexChanged.connect(
            lambda _i: self.value.setValue(current.get(self.key_result.currentData()) or 0.0)
        )
        self.value.setValue(current.get(self.key_result.currentData()) or 0.0)

    def _on_save(self) -> None:
        day = self.checked_on.date()
        try:
            self.saved = record_check_in(
                self._uow(),
                CheckIn(
                    0,
                    int(self.key_result.currentData()),
                    date(day.year(), day.month(), day.day()),
                    self.value.value(),
                    self.confidence.value(),
                    self.comment.text(),
                    self._user,
                ),
            )
        except InvalidCheckIn:
            QMessageBox.warning(
                self, self.tr("保存できませんでした"), self.tr("自信度は0〜10です。")
            )
            return
        except Exception as exc:
            QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))
            return
        self.accept()
