"""振り返り: a department's monthly or quarterly review — date, participants, notes, decisions and
actions (owner, due date, done) — with that period's KPI numbers beside it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.fiscal import YearMonth, fiscal_months, fiscal_year_of, quarter_of
from domain.model import Department
from domain.months import DateParseError, parse_date
from domain.ports import UnitOfWork
from domain.review import (
    InvalidReview,
    Review,
    ReviewAction,
    ReviewProblem,
    ReviewScope,
    delete_review,
    list_reviews,
    load_review_context,
    period_start,
    save_review,
)
from ui.dashboard_text import (
    STATUS_BACKGROUND,
    month_text,
    percent,
    period_text,
    scope_label,
    status_label,
    value_text,
)
from ui.messages import error_text
from ui.screen_fit import resize_to_fit


def review_problem_text(problem: str) -> str:
    return {
        ReviewProblem.NOT_FIRST_MONTH: QCoreApplication.translate(
            "ReviewDialog", "四半期の振り返りは四半期の最初の月を選んでください。"
        ),
        ReviewProblem.ACTION_WITHOUT_TEXT: QCoreApplication.translate(
            "ReviewDialog", "内容のないアクションがあります。"
        ),
        ReviewProblem.EMPTY: QCoreApplication.translate(
            "ReviewDialog", "内容・決定事項・アクションのどれかを入力してください。"
        ),
    }.get(ReviewProblem(problem), problem)


class ReviewDialog(QDialog):
    """Reviews of one department; ``saved`` is True once something was saved or deleted."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        *,
        departments: Sequence[Department],
        department_id: int | None,
        owners: Mapping[int, str],
        fiscal_year_start: int,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow_factory
        self._owners = dict(owners)
        self._start = fiscal_year_start
        self._today = today
        self._current: Review | None = None
        self.saved = False
        self.setWindowTitle(self.tr("振り返り"))
        self._build(departments)
        self._connect_signals()
        index = self.department.findData(department_id) if department_id is not None else 0
        self.department.setCurrentIndex(max(index, 0))
        self._load_list()
        self.new_review()

    # --- construction -----------------------------------------------------------------------
    def _build(self, departments: Sequence[Department]) -> None:
        self.department = QComboBox()
        for d in departments:
            self.department.addItem(d.name, d.id)
        self.reviews = QListWidget()
        self.new_button = QPushButton(self.tr("新しい振り返り"))
        self.delete_button = QPushButton(self.tr("削除"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("部門")))
        left_layout.addWidget(self.department)
        left_layout.addWidget(QLabel(self.tr("これまでの振り返り")))
        left_layout.addWidget(self.reviews, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left_layout.addLayout(row)

        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.scope = QComboBox()
        for scope in ReviewScope:
            self.scope.addItem(scope_label(scope), scope)
        self.period = QComboBox()
        self.participants = QLineEdit()
        self.participants.setPlaceholderText(self.tr("例：佐藤、鈴木、高橋"))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(
            self.tr("数字から見えたこと、うまくいったこと・いかなかったこと")
        )
        self.decisions = QPlainTextEdit()
        self.decisions.setPlaceholderText(self.tr("決めたこと（目標の見直しもここに）"))
        self.actions = QTableWidget(0, 4)
        self.actions.setHorizontalHeaderLabels(
            [self.tr("アクション"), self.tr("担当"), self.tr("期限"), self.tr("完了")]
        )
        self.actions.horizontalHeaderItem(2).setToolTip(self.tr("例：2025-10-31、2025/10/31"))
        self.actions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.actions.setColumnWidth(1, 120)
        self.actions.setColumnWidth(2, 100)
        self.actions.setColumnWidth(3, 44)
        self.actions.setWordWrap(True)
        self.actions.verticalHeader().setDefaultSectionSize(34)
        self.notes.setFixedHeight(96)
        self.decisions.setFixedHeight(64)
        self.add_action = QPushButton(self.tr("アクションを追加"))
        self.remove_action = QPushButton(self.tr("アクションを削除"))
        form = QFormLayout()
        form.addRow(self.tr("実施日"), self.held_on)
        form.addRow(self.tr("区分"), self.scope)
        form.addRow(self.tr("対象期間"), self.period)
        form.addRow(self.tr("参加者"), self.participants)
        form.addRow(self.tr("内容・気づき"), self.notes)
        form.addRow(self.tr("決定事項"), self.decisions)
        action_row = QHBoxLayout()
        action_row.addWidget(self.add_action)
        action_row.addWidget(self.remove_action)
        action_row.addStretch(1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.save_button = QPushButton(self.tr("保存"))
        self.close_button = QPushButton(self.tr("閉じる"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addLayout(form)
        middle_layout.addWidget(QLabel(self.tr("アクション")))
        middle_layout.addWidget(self.actions, 1)
        middle_layout.addLayout(action_row)

        self.figures_title = QLabel()
        self.figures_title.setStyleSheet("font-weight: bold;")
        self.figures = QTableWidget(0, 5)
        self.figures.setHorizontalHeaderLabels(
            [self.tr("KPI"), self.tr("実績"), self.tr("目標"), self.tr("達成率"), self.tr("状態")]
        )
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.verticalHeader().hide()
        header = self.figures.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.figures_title)
        right_layout.addWidget(self.figures, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.setSizes([200, 460, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        resize_to_fit(self, 1180, 640)

    def _connect_signals(self) -> None:
        self.department.currentIndexChanged.connect(lambda _i: self._on_department_changed())
        self.reviews.currentItemChanged.connect(self._on_review_selected)
        self.new_button.clicked.connect(self.new_review)
        self.delete_button.clicked.connect(self._on_delete)
        self.scope.currentIndexChanged.connect(lambda _i: self._fill_periods(None))
        self.period.currentIndexChanged.connect(lambda _i: self._load_figures())
        self.add_action.clicked.connect(lambda: self._add_action_row(None))
        self.remove_action.clicked.connect(self._remove_action_row)
        self.save_button.clicked.connect(self._on_save)
        self.close_button.clicked.connect(self.accept)

    # --- periods and figures --------------------------------------------------------------
    def department_id(self) -> int | None:
        if self.department.count() == 0:
            return None
        return int(self.department.currentData())

    def period_month(self) -> YearMonth | None:
        if self.period.count() == 0:
            return None
        return YearMonth.from_int(int(self.period.currentData()))

    def _fill_periods(self, selected: YearMonth | None) -> None:
        scope = ReviewScope(self.scope.currentData())
        last_closed = YearMonth(self._today.year, self._today.month).add(-1)
        current_year = fiscal_year_of(last_closed, self._start)
        self.period.blockSignals(True)
        self.period.clear()
        seen: list[YearMonth] = []
        for year in (current_year + 1, current_year, current_year - 1):
            for month in reversed(fiscal_months(year, self._start)):
                first = period_start(scope, month, self._start)
                if first not in seen:
                    seen.append(first)
                    self.period.addItem(
                        period_text(scope, first, year, quarter_of(first, self._start)),
                        first.as_int(),
                    )
        wanted = selected or period_start(scope, last_closed, self._start)
        self.period.setCurrentIndex(max(self.period.findData(wanted.as_int()), 0))
        self.period.blockSignals(False)
        self._load_figures()

    def _load_figures(self) -> None:
        department_id = self.department_id()
        first = self.period_month()
        self.figures.setRowCount(0)
        if department_id is None or first is None:
            return
        scope = ReviewScope(self.scope.currentData())
        try:
            context = load_review_context(
                self._uow(), department_id=department_id, scope=scope, first_month=first
            )
        except Exception as exc:
            self.message.setText(error_text(exc))
            return
        months = context.months
        label = (
            month_text(months[0])
            if len(months) == 1
            else self.tr("{0}〜{1}").format(month_text(months[0]), month_text(months[-1]))
        )
        self.figures_title.setText(self.tr("この期間の数字（{0}）").format(label))
        self.figures.setRowCount(len(context.rows))
        for row, figure in enumerate(context.rows):
            kpi = figure.kpi
            cells = (
                kpi.name,
                value_text(kpi, figure.actual),
                value_text(kpi, figure.target),
                percent(figure.achievement),
                status_label(figure.status),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 4:
                    item.setBackground(STATUS_BACKGROUND[figure.status])
                self.figures.setItem(row, column, item)

    # --- reviews --------------------------------------------------------------------------
    def _on_department_changed(self) -> None:
        self._load_list()
        self.new_review()

    def _load_list(self) -> None:
        self.reviews.blockSignals(True)
        self.reviews.clear()
        department_id = self.department_id()
        if department_id is not None:
            for review in list_reviews(self._uow(), department_id=department_id):
                year = fiscal_year_of(review.first_month, self._start)
                text = self.tr("{0}　{1}").format(
                    review.held_on.strftime("%Y-%m-%d"),
                    period_text(
                        review.scope,
                        review.first_month,
                        year,
                        quarter_of(review.first_month, self._start),
                    ),
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, review)
                self.reviews.addItem(item)
        self.reviews.blockSignals(False)

    def new_review(self) -> None:
        self._current = None
        self.reviews.clearSelection()
        self.held_on.setDate(QDate(self._today.year, self._today.month, self._today.day))
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(0)
        self.scope.blockSignals(False)
        self.participants.clear()
        self.notes.clear()
        self.decisions.clear()
        self.actions.setRowCount(0)
        self.message.clear()
        self.delete_button.setEnabled(False)
        self._fill_periods(None)

    def _on_review_selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        review: Review = item.data(Qt.ItemDataRole.UserRole)
        self.show_review(review)

    def show_review(self, review: Review) -> None:
        self._current = review
        self.held_on.setDate(QDate(review.held_on.year, review.held_on.month, review.held_on.day))
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(self.scope.findData(review.scope))
        self.scope.blockSignals(False)
        self._fill_periods(review.first_month)
        self.participants.setText(review.participants)
        self.notes.setPlainText(review.notes)
        self.decisions.setPlainText(review.decisions)
        self.actions.setRowCount(0)
        for action in review.actions:
            self._add_action_row(action)
        self.delete_button.setEnabled(True)
        self.message.clear()

    def _add_action_row(self, action: ReviewAction | None) -> None:
        row = self.actions.rowCount()
        self.actions.insertRow(row)
        text = QTableWidgetItem("" if action is None else action.description)
        text.setData(Qt.ItemDataRole.UserRole, action or ReviewAction(0, ""))  # id 0: new
        self.actions.setItem(row, 0, text)
        owner = QComboBox()
        owner.addItem(self.tr("（未定）"), 0)
        for member_id, name in sorted(self._owners.items(), key=lambda kv: kv[1]):
            owner.addItem(name, member_id)
        if action is not None and action.owner_id is not None:
            owner.setCurrentIndex(max(owner.findData(action.owner_id), 0))
        self.actions.setCellWidget(row, 1, owner)
        due = "" if action is None or action.due is None else action.due.isoformat()
        self.actions.setItem(row, 2, QTableWidgetItem(due))
        done = QTableWidgetItem()
        done.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        checked = action is not None and action.done
        done.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.actions.setItem(row, 3, done)

    def _remove_action_row(self) -> None:
        row = self.actions.currentRow()
        if row >= 0:
            self.actions.removeRow(row)

    def collected(self) -> Review:
        """The review as entered; raises DateParseError for a due date that is not a date."""
        department_id = self.department_id()
        assert department_id is not None
        actions: list[ReviewAction] = []
        for row in range(self.actions.rowCount()):
            text_item = self.actions.item(row, 0)
            earlier: ReviewAction = text_item.data(Qt.ItemDataRole.UserRole)
            owner_box = self.actions.cellWidget(row, 1)
            assert isinstance(owner_box, QComboBox)
            due_item = self.actions.item(row, 2)
            due_text = "" if due_item is None else due_item.text().strip()
            done = self.actions.item(row, 3).checkState() == Qt.CheckState.Checked
            done_on = None
            if done:
                done_on = earlier.done_on if earlier.done else self._today
            actions.append(
                ReviewAction(
                    earlier.id,
                    text_item.text(),
                    owner_box.currentData() or None,
                    parse_date(due_text) if due_text else None,
                    done,
                    done_on,
                )
            )
        day = self.held_on.date()
        return Review(
            0 if self._current is None else self._current.id,
            department_id,
            date(day.year(), day.month(), day.day()),
            ReviewScope(self.scope.currentData()),
            self.period_month(),
            self.participants.text(),
            self.notes.toPlainText(),
            self.decisions.toPlainText(),
            tuple(actions),
        )

    def _on_save(self) -> None:
        if self.department_id() is None:
            return
        try:
            review = save_review(self._uow(), self.collected())
        except DateParseError as exc:
            self.message.setText(self.tr("期限「{0}」を日付として読めません。").format(exc.text))
            return
        except InvalidReview as exc:
            self.message.setText("\n".join(review_problem_text(p) for p in exc.problems))
            return
        except Exception as exc:
            QMessageBox.warning(self, self.tr("保存できませんでした"), error_text(exc))
            return
        self.saved = True
        self._load_list()
        for row in range(self.reviews.count()):
            if self.reviews.item(row).data(Qt.ItemDataRole.UserRole).id == review.id:
                self.reviews.setCurrentRow(row)
        self.message.setText(self.tr("保存しました。"))

    def _on_delete(self) -> None:
        if self._current is None:
            return
        answer = QMessageBox.question(
            self, self.tr("振り返りを削除"), self.tr("この振り返りを削除しますか？")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete_review(self._uow(), self._current.id)
        self.saved = True
        self._load_list()
        self.new_review()
