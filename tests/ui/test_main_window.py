"""The main window end to end on a real SQLite file: departments, the monthly grid (typing,
refusals, paste, notes, undo/redo), history, and the data found again after reopening."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from domain import services
from domain.fiscal import YearMonth
from domain.model import Aggregation, Direction, Kpi, KpiKind, Series
from storage.database import open_database
from ui.departments import DepartmentDialog, DepartmentListModel
from ui.entry_grid_model import Column, EntryGridModel
from ui.main_window import MainWindow, WindowContext

TODAY = date(2025, 11, 10)  # fiscal year 2025 (April start)


def _window(db, qtbot) -> MainWindow:
    window = MainWindow(
        WindowContext(uow_factory=db.uow, location=str(db.path), user="tanaka", version="test"),
        today=TODAY,
    )
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def setup(db, company):
    dept = services.add_department(db.uow(), name="経理財務部", mission="正確で速い決算")
    count = services.save_kpi(
        db.uow(),
        Kpi(0, dept.id, "請求書処理件数", unit="件", annual_target=1200, rationale="処理能力"),
    )
    rate = services.save_kpi(
        db.uow(),
        Kpi(
            0,
            dept.id,
            "締め日遵守率",
            unit="%",
            direction=Direction.HIGHER,
            aggregation=Aggregation.AVERAGE,
            annual_target=95,
            decimals=1,
            rationale="締めを守る",
        ),
    )
    level = services.save_kpi(
        db.uow(),
        Kpi(
            0,
            dept.id,
            "予算資料のわかりやすさ",
            unit="レベル",
            kind=KpiKind.QUALITATIVE,
            aggregation=Aggregation.LAST,
            annual_target=4,
            level_descriptions=("1", "2", "3", "4", "5"),
            rationale="伝わる資料",
        ),
    )
    return dept, count, rate, level


def _stored(db, dept_id: int, kpi_id: int, month: YearMonth, series=Series.ACTUAL):
    grid = services.load_grid(db.uow(), department_id=dept_id, fiscal_year=2025)
    store = grid.actuals if series is Series.ACTUAL else grid.targets
    cell = store.get((kpi_id, month))
    return None if cell is None else cell.value


def _index(window: MainWindow, kpi_id: int, month: int, series=Series.ACTUAL):
    model = window.grid.model
    row = model.row_of(kpi_id, series)
    column = Column.FIRST_MONTH + (month - 4) % 12
    return model.index(row, column)


def test_department_created_through_the_dialog_shows_its_mission(db, company, qtbot):
    window = _window(db, qtbot)
    dialog = DepartmentDialog(db.uow, parent=window)
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.name_edit.setText("総務部")
    dialog.mission_edit.setPlainText("社員が本業に集中できる環境をつくる")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.saved is not None
    window.departments.reload(select_id=dialog.saved.id)
    assert window.current_department().name == "総務部"
    assert "社員が本業に集中できる環境をつくる" in window.entry_banner.mission.text()
    assert "社員が本業に集中できる環境をつくる" in window.kpi_banner.mission.text()


@pytest.mark.both_backends  # the GUI smoke test of the shared (PostgreSQL) mode
def test_typing_understands_japanese_notations(db, setup, qtbot):
    dept, count, rate, level = setup
    window = _window(db, qtbot)
    model = window.grid.model
    cases = [
        (count, 4, "１２", 12.0),
        (count, 5, "1,234", 1234.0),
        (count, 6, "12件", 12.0),
        (rate, 4, "95%", 95.0),
        (rate, 5, "９６．５％", 96.5),
        (level, 4, "４", 4.0),
    ]
    for kpi, month, text, expected in cases:
        assert model.setData(_index(window, kpi.id, month), text), text
        assert _stored(db, dept.id, kpi.id, YearMonth(2025, month)) == expected, text
    assert model.data(_index(window, count.id, 5)) == "1,234"


def test_a_kpi_in_hours_or_minutes_takes_durations_as_typed(db, setup, qtbot):
    dept, _count, _rate, _level = setup
    hours = services.save_kpi(
        db.uow(),
        Kpi(0, dept.id, "月次決算の残業時間", unit="時間", decimals=2, direction=Direction.LOWER,
            aggregation=Aggregation.AVERAGE, annual_target=20, rationale="締めの負荷"),
    )  # fmt: skip
    minutes = services.save_kpi(
        db.uow(),
        Kpi(0, dept.id, "問合せ一次回答時間", unit="分", direction=Direction.LOWER,
            aggregation=Aggregation.AVERAGE, annual_target=30, rationale="待たせない"),
    )  # fmt: skip
    window = _window(db, qtbot)
    window.departments.reload(select_id=dept.id)
    model = window.grid.model
    cases = [
        (hours, 4, "1:30", 1.5),
        (hours, 5, "１時間４５分", 1.75),
        (hours, 6, "90分", 1.5),
        (minutes, 4, "1時間10分", 70.0),
        (minutes, 5, "45分", 45.0),
    ]
    for kpi, month, text, expected in cases:
        assert model.setData(_index(window, kpi.id, month), text), text
        assert _stored(db, dept.id, kpi.id, YearMonth(2025, month)) == expected, text
    assert model.data(_index(window, hours.id, 5)) == "1.75"
    for kpi, text in ((hours, "1:75"), (minutes, "3:45")):  # 3:45 minutes: h:mm or mm:ss?
        with qtbot.waitSignal(model.editRejected, timeout=1000):
            assert not model.setData(_index(window, kpi.id, 7), text)
        assert _stored(db, dept.id, kpi.id, YearMonth(2025, 7)) is None


def test_an_invalid_value_is_refused_with_the_reason_and_never_saved(db, setup, qtbot):
    dept, count, rate, level = setup
    window = _window(db, qtbot)
    model = window.grid.model
    index = _index(window, count.id, 4)
    assert model.setData(index, "7")
    for bad in ("abc", "12日", "#DIV/0!"):
        with qtbot.waitSignal(model.editRejected, timeout=1000):
            assert not model.setData(index, bad)
        reason = model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert bad in reason and len(reason) > len(bad) + 5
        assert model.data(index) == bad  # the rejected text stays visible, marked
        assert _stored(db, dept.id, count.id, YearMonth(2025, 4)) == 7.0
    assert not model.setData(_index(window, level.id, 5), "9")  # levels are 1-5
    assert _stored(db, dept.id, level.id, YearMonth(2025, 5)) is None


def test_keyboard_entry_with_enter_commits(db, setup, qtbot):
    dept, count, _rate, _level = setup
    window = _window(db, qtbot)
    view = window.grid.view
    view.setCurrentIndex(_index(window, count.id, 7))
    window.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, "1")  # any key opens the cell editor with that key, as in Excel
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.text() == "1"
    qtbot.keyClicks(editor, "50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits an Enter-closed editor through a queued call
    qtbot.waitUntil(
        lambda: _stored(db, dept.id, count.id, YearMonth(2025, 7)) == 150.0, timeout=2000
    )
    assert window.undo_stack.count() == 1


@pytest.mark.both_backends  # the GUI smoke test of the shared (PostgreSQL) mode
def test_paste_a_block_from_excel_then_undo_and_redo(db, setup, qtbot):
    dept, count, _rate, _level = setup
    window = _window(db, qtbot)
    view = window.grid.view
    view.setCurrentIndex(_index(window, count.id, 4))
    # two rows (実績, 目標) × three months, as Excel puts them on the clipboard
    QGuiApplication.clipboard().setText("101\t102\t1,030\r\n100\t100\t100\r\n")
    window.grid.paste_action.trigger()
    months = [YearMonth(2025, m) for m in (4, 5, 6)]
    assert [_stored(db, dept.id, count.id, m) for m in months] == [101, 102, 1030]
    assert [_stored(db, dept.id, count.id, m, Series.TARGET) for m in months] == [100, 100, 100]

    window.undo_action.trigger()
    assert [_stored(db, dept.id, count.id, m) for m in months] == [None, None, None]
    assert [_stored(db, dept.id, count.id, m, Series.TARGET) for m in months] == [None] * 3
    assert window.grid.model.data(_index(window, count.id, 4)) == ""
    window.redo_action.trigger()
    assert [_stored(db, dept.id, count.id, m) for m in months] == [101, 102, 1030]
    assert window.grid.model.data(_index(window, count.id, 6)) == "1,030"


def test_a_paste_with_a_bad_cell_writes_nothing(db, setup, qtbot, monkeypatch):
    dept, count, _rate, _level = setup
    window = _window(db, qtbot)
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.entry_grid.QMessageBox.warning", lambda _p, _t, text: shown.append(text)
    )
    window.grid.view.setCurrentIndex(_index(window, count.id, 4))
    assert not window.grid.paste_text("1\tx\t3\n")
    assert shown and "x" in shown[0] and "5月" in shown[0]
    assert _stored(db, dept.id, count.id, YearMonth(2025, 4)) is None
    assert window.undo_stack.count() == 0


def test_undo_across_edits_with_ctrl_z_and_ctrl_y(db, setup, qtbot):
    dept, count, _rate, _level = setup
    window = _window(db, qtbot)
    model = window.grid.model
    model.setData(_index(window, count.id, 4), "10")
    model.setData(_index(window, count.id, 4), "20")
    model.setData(_index(window, count.id, 5), "30")
    assert window.undo_stack.count() == 3
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.grid.view.setFocus()
    qtbot.keyClick(window.grid.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.grid.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(db, dept.id, count.id, YearMonth(2025, 4)) == 10.0
    assert _stored(db, dept.id, count.id, YearMonth(2025, 5)) is None
    qtbot.keyClick(window.grid.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _stored(db, dept.id, count.id, YearMonth(2025, 4)) == 20.0
    history = services.kpi_history(db.uow(), count.id)
    assert [c.source for c in history][:2] == ["redo", "undo"]


def test_delete_key_clears_and_notes_are_kept_per_value(db, setup, qtbot):
    dept, count, _rate, _level = setup
    window = _window(db, qtbot)
    model = window.grid.model
    index = _index(window, count.id, 8)
    model.setData(index, "5")
    assert window.grid.set_note(index.row(), index.column(), "決算期のため増加")
    grid = services.load_grid(db.uow(), department_id=dept.id, fiscal_year=2025)
    assert grid.actuals[(count.id, YearMonth(2025, 8))].note == "決算期のため増加"
    assert "決算期のため増加" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.UserRole) is True
    window.grid.view.setCurrentIndex(index)
    window.grid.view.selectionModel().select(
        index, window.grid.view.selectionModel().SelectionFlag.ClearAndSelect
    )
    window.grid.clear_action.trigger()
    grid = services.load_grid(db.uow(), department_id=dept.id, fiscal_year=2025)
    assert grid.actuals[(count.id, YearMonth(2025, 8))].value is None  # value gone, note kept


def test_achievement_colours_and_ytd(db, setup, qtbot):
    dept, count, rate, _level = setup
    window = _window(db, qtbot)
    model = window.grid.model
    model.setData(_index(window, count.id, 4), "100")  # target 100/month → 達成
    model.setData(_index(window, count.id, 5), "92")  # 92 % → 注意
    model.setData(_index(window, count.id, 6), "50")  # 50 % → 未達
    colours = [
        model.data(_index(window, count.id, m), Qt.ItemDataRole.BackgroundRole).color().name()
        for m in (4, 5, 6)
    ]
    assert colours == ["#d4edda", "#fff3cd", "#f8d7da"]
    row = model.row_of(count.id, Series.ACTUAL)
    assert model.data(model.index(row, Column.TOTAL)) == "242"
    assert model.data(model.index(row, Column.ACHIEVEMENT)) == "80.7%"
    target_row = model.row_of(count.id, Series.TARGET)
    assert model.data(model.index(target_row, Column.TOTAL)) == "1,200"


def test_values_are_found_again_after_reopening(tmp_path, qtbot):
    path = tmp_path / "reopen.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="再読込株式会社")
    dept = services.add_department(db.uow(), name="法務部")
    kpi = services.save_kpi(db.uow(), Kpi(0, dept.id, "契約審査件数", unit="件", rationale="r"))
    window = _window(db, qtbot)
    window.grid.model.setData(_index(window, kpi.id, 9), "42")
    window.close()
    db.close()
    again = open_database(path)
    window2 = _window(again, qtbot)
    assert window2.grid.model.data(_index(window2, kpi.id, 9)) == "42"
    again.close()


def test_fiscal_year_switch_reloads_the_grid(db, setup, qtbot):
    dept, count, _rate, _level = setup
    services.apply_edits(
        db.uow(), [services.CellEdit(count.id, YearMonth(2024, 4), Series.ACTUAL, 77.0)], user="u"
    )
    window = _window(db, qtbot)
    assert window.grid.model.data(_index(window, count.id, 4)) == ""
    window.set_fiscal_year(2024)
    assert window.grid.model.grid.fiscal_year == 2024
    assert window.grid.model.data(_index(window, count.id, 4)) == "77"
    assert (
        window.grid.model.headerData(
            Column.FIRST_MONTH + 9, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
        )
        == "2025年1月"
    )


def test_models_pass_the_qt_model_tester(db, setup, qtbot, qtmodeltester):
    dept, *_ = setup
    model = EntryGridModel()
    model.load(services.load_grid(db.uow(), department_id=dept.id, fiscal_year=2025))
    qtmodeltester.check(model)
    departments = DepartmentListModel()
    departments.set_departments(services.list_departments(db.uow()))
    qtmodeltester.check(departments)
    from ui.kpi_list import KpiTableModel

    kpis = KpiTableModel()
    kpis.set_kpis(services.list_kpis(db.uow()), [])
    qtmodeltester.check(kpis)


@pytest.mark.both_backends  # the GUI smoke test of the shared (PostgreSQL) mode
def test_a_value_changed_by_someone_else_meanwhile_is_not_overwritten(
    db, setup, qtbot, monkeypatch
):
    dept, count, _rate, _level = setup
    window = _window(db, qtbot)
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.entry_grid.QMessageBox.warning", lambda _p, _t, text: shown.append(text)
    )
    # another user (another app on a shared database) writes May after this window loaded
    services.apply_edits(
        db.uow(), [services.CellEdit(count.id, YearMonth(2025, 5), Series.ACTUAL, 99.0)], user="x"
    )
    assert not window.grid.model.setData(_index(window, count.id, 5), "10")
    assert shown and "請求書処理件数" in shown[0] and "99" in shown[0]
    assert _stored(db, dept.id, count.id, YearMonth(2025, 5)) == 99.0
    assert window.grid.model.data(_index(window, count.id, 5)) == "99"  # reloaded: theirs shown
    assert window.undo_stack.count() == 0
