"""A new user's first hour, on the real main window (offscreen, real SQLite file): what would send
them back to their Excel sheet — columns off screen, typed input lost, empty screens without a
next step, cut-off text without a tooltip."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from domain import services
from domain.fiscal import YearMonth
from domain.model import Kpi, Series
from ui.entry_grid_model import Column
from ui.main_window import MainWindow, WindowContext

TODAY = date(2025, 11, 20)


def _window(db, qtbot, size=(1280, 720)) -> MainWindow:
    window = MainWindow(
        WindowContext(uow_factory=db.uow, location=str(db.path), user="tanaka", version="test"),
        today=TODAY,
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def general_affairs(db, company):
    dept = services.add_department(db.uow(), name="総務部", mission="社員が本業に集中できる環境")
    kpis = [
        services.save_kpi(
            db.uow(),
            Kpi(0, dept.id, name, unit=unit, annual_target=target, rationale="現場の手間を減らす"),
            user="t",
        )
        for name, unit, target in (
            ("備品補充の遅延件数", "件", 0),
            ("契約書の電子化率", "%", 80),
            ("業者対応件数", "件", 1200),
        )
    ]
    return dept, kpis


def _index(window: MainWindow, kpi_id: int, month: int, series: Series = Series.ACTUAL):
    model = window.grid.model
    months = range(Column.FIRST_MONTH, Column.FIRST_MONTH + 12)
    column = next(c for c in months if model.month_at(c).month == month)
    return model.index(model.row_of(kpi_id, series), column)


def _fully_visible(window: MainWindow, column: int) -> bool:
    view = window.grid.view
    left = view.columnViewportPosition(column)
    return left >= 0 and left + view.columnWidth(column) <= view.viewport().width()


def test_the_whole_year_with_total_and_achievement_fits_a_1280_window(db, qtbot, general_affairs):
    window = _window(db, qtbot, (1280, 720))
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.grid.view.isVisible())
    assert window.grid.model.rowCount() == 6
    for column in (Column.FIRST_MONTH + 11, Column.TOTAL, Column.ACHIEVEMENT):
        assert _fully_visible(window, column), column


def test_a_large_amount_is_shown_whole_in_its_month_column(db, qtbot, general_affairs):
    dept, (_delay, _rate, count) = general_affairs
    window = _window(db, qtbot, (1366, 800))
    window.tabs.setCurrentIndex(1)
    index = _index(window, count.id, 4)
    assert window.grid.model.setData(index, "12,345,678")
    text = window.grid.model.data(index)
    assert text == "12,345,678"
    needed = window.grid.view.fontMetrics().horizontalAdvance(text)
    assert window.grid.view.columnWidth(index.column()) > needed


def test_a_refused_value_stays_marked_when_the_next_month_is_typed(db, qtbot, general_affairs):
    dept, (_delay, _rate, count) = general_affairs
    window = _window(db, qtbot)
    model = window.grid.model
    refused = _index(window, count.id, 8)
    assert not model.setData(refused, "abc")
    assert model.setData(_index(window, count.id, 9), "100")  # typing goes on along the row
    assert model.data(refused) == "abc"
    assert "abc" in model.data(refused, Qt.ItemDataRole.ToolTipRole)
    assert model.error_at(refused.row(), refused.column()) is not None
    # correcting the refused cell itself clears the mark
    assert model.setData(refused, "９８")
    assert model.data(refused) == "98"
    assert model.error_at(refused.row(), refused.column()) is None
    stored = services.load_grid(db.uow(), department_id=dept.id, fiscal_year=2025).actuals
    assert stored[(count.id, YearMonth(2025, 8))].value == 98


def test_a_long_kpi_name_has_its_whole_name_in_the_tooltip(db, qtbot, company):
    dept = services.add_department(db.uow(), name="人事部", mission="人を採り、育て、定着させる")
    name = "採用面接から内定までの平均日数（中途採用・全職種）"
    kpi = services.save_kpi(
        db.uow(), Kpi(0, dept.id, name, unit="日", annual_target=14, rationale="候補者を逃さない"),
        user="t",
    )
    window = _window(db, qtbot)
    model = window.grid.model
    index = model.index(model.row_of(kpi.id, Series.ACTUAL), Column.NAME)
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert name in tip and "候補者を逃さない" in tip


def test_a_department_without_kpis_says_how_to_add_them(db, qtbot, company):
    dept = services.add_department(db.uow(), name="法務部", mission="契約のリスクから会社を守る")
    window = _window(db, qtbot)
    window.tabs.setCurrentIndex(1)
    assert window.empty_hint.isVisible()
    assert "KPIを追加" in window.empty_hint.text()
    services.save_kpi(
        db.uow(), Kpi(0, dept.id, "契約書確認の平均処理時間", unit="日", rationale="r"), user="t"
    )
    window.departments.reload()
    window._reload_grid()
    assert not window.empty_hint.isVisible()


def test_the_dashboard_without_kpis_says_what_to_do_first(db, qtbot, company):
    services.add_department(db.uow(), name="総務部", mission="m")
    window = _window(db, qtbot)
    window.tabs.setCurrentWidget(window.dashboard)
    assert window.dashboard.empty_hint.isVisible()
    assert "KPIを追加" in window.dashboard.empty_hint.text()


def test_the_dashboard_hint_goes_once_there_are_kpis(db, qtbot, general_affairs):
    window = _window(db, qtbot)
    window.tabs.setCurrentWidget(window.dashboard)
    assert not window.dashboard.empty_hint.isVisible()


def test_cut_off_missing_months_have_a_tooltip(db, qtbot, general_affairs):
    window = _window(db, qtbot)
    window.tabs.setCurrentWidget(window.dashboard)
    model = window.dashboard.missing_model
    assert model.rowCount() == 3  # nothing entered yet: every KPI misses April to October
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            assert model.data(index, Qt.ItemDataRole.ToolTipRole) == model.data(index)
    months = model.data(model.index(0, 3))
    assert months.startswith("4月") and "10月" in months


def test_the_sidebar_leaves_room_for_the_grid(db, qtbot, general_affairs):
    window = _window(db, qtbot, (1280, 720))
    assert window.departments.width() <= 200



def test_the_kpi_dialog_fits_a_small_screen_with_ok_in_view(db, qtbot, general_affairs):
    from PySide6.QtCore import QRect

    from ui.kpi_dialog import KpiDialog

    dept, _kpis = general_affairs
    window = _window(db, qtbot)
    dialog = KpiDialog(
        db.uow, department=dept, kpi=None, fiscal_year=2025, fiscal_year_start=4,
        members=[], objectives=[], user="t", today=TODAY, parent=window,
    )  # fmt: skip
    dialog.show()
    qtbot.waitExposed(dialog)
    available = QGuiApplication.primaryScreen().availableGeometry()  # 800×800 offscreen
    assert dialog.width() <= available.width() and dialog.height() <= available.height()
    for widget in (dialog.ok_button, dialog.form.errors_label):
        assert widget.isVisible()
        top_left = widget.mapTo(dialog, widget.rect().topLeft())
        assert dialog.rect().contains(QRect(top_left, widget.size())), widget


def test_large_windows_are_no_larger_than_the_screen(db, qtbot, general_affairs):
    from ui.kpi_detail_dialog import KpiDetailDialog

    window = MainWindow(
        WindowContext(uow_factory=db.uow, location=str(db.path), user="t", version="test"),
        today=TODAY,
    )
    qtbot.addWidget(window)
    dialog = KpiDetailDialog(
        db.uow, kpi_id=general_affairs[1][0].id, fiscal_year=2025, today=TODAY, user="t"
    )
    qtbot.addWidget(dialog)
    available = QGuiApplication.primaryScreen().availableGeometry()
    for widget in (window, dialog):
        assert widget.width() <= available.width() and widget.height() <= available.height()


def test_an_employee_number_typed_full_width_is_the_same_number(db, qtbot, company):
    from ui.members_view import MemberDialog

    def add(number: str, name: str) -> MemberDialog:
        dialog = MemberDialog(db.uow, departments=services.list_departments(db.uow()))
        qtbot.addWidget(dialog)
        dialog.employee_no_edit.setText(number)
        dialog.name_edit.setText(name)
        dialog.ok_button.click()
        return dialog

    first = add("１００１", "山田 太郎")  # the IME was on
    assert first.saved_member is not None and first.saved_member.employee_no == "1001"
    second = add("1001", "佐藤 花子")
    assert second.saved_member is None  # refused as a duplicate: the dialog stays open
    assert "1001" in second.error_label.text()
    assert [m.employee_no for m in services.list_members(db.uow())] == ["1001"]
