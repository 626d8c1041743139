"""File → 取り込み履歴…: past imports listed from the database and taken back from the dialog,
off the GUI thread; a locked database or an import undone elsewhere shows a message and changes
nothing. Offscreen, a real .xlsx written here, a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

import storage.engine as engine_module
from domain import services
from domain.fiscal import YearMonth
from domain.importing.commit import ImportRequest, commit_import
from domain.importing.undo import list_imports, undo_import
from domain.importing.workbook import analyse_workbook
from domain.model import CellEdit, Kpi, Series
from storage.spreadsheet_reader import read_workbook
from ui.import_actions import ImportCommand
from ui.import_history_dialog import (
    ImportHistoryDialog,
    ImportHistoryModel,
    UndoCancelled,
    undo_in_background,
)
from ui.main_window import MainWindow, WindowContext

TODAY = date(2026, 5, 1)
AT = datetime(2026, 5, 1, 9, 30)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
Column = ImportHistoryModel.Column
Yes, Ok = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok


def workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2025年度　総務部KPI"])
    ws.append(["KPI名", "単位", "年間目標", "4月", "5月", "6月"])
    ws.append(["問合せ件数", "件", None, 131, 118, 140])
    ws.append(["備品補充の遅延件数", "件", None, 2, 0, 1])
    wb.save(path)
    return path


@pytest.fixture
def imported(tmp_path, db, company):
    """A stored KPI with April's value, then an import that overwrites it and adds a KPI."""
    dept = services.add_department(db.uow(), name="総務部")
    kpi = services.save_kpi(
        db.uow(), Kpi(0, dept.id, "問合せ件数", unit="件", annual_target=1440, rationale="理由")
    )
    services.apply_edits(
        db.uow(), [CellEdit(kpi.id, YearMonth(2025, 4), Series.ACTUAL, 100.0)], user="sato"
    )
    data = read_workbook(workbook(tmp_path / "総務KPI_2025.xlsx"))
    analysis = analyse_workbook(data.sheets, file_name=data.file_name, today=TODAY)
    request = ImportRequest(data.file_name, analysis.kpis, tuple(g.name for g in data.sheets))
    result = commit_import(db.uow(), request, user="tanaka", at=AT)
    return kpi, request, result


def actuals(db) -> dict[str, dict[str, float | None]]:
    """Every KPI's actual values by name and month."""
    kpis = services.list_kpis(db.uow())
    cells = services.read_series(
        db.uow(), Series.ACTUAL, [k.id for k in kpis], YearMonth(2025, 4), YearMonth(2026, 3)
    )
    names = {k.id: k.name for k in kpis}
    result: dict[str, dict[str, float | None]] = {}
    for (kpi_id, month), cell in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        result.setdefault(names[kpi_id], {})[str(month)] = cell.value
    return result


def dump(db) -> dict[str, list]:
    with db.engine.connect() as con:
        return {
            t: [tuple(r) for r in con.execute(text(f"SELECT * FROM {t} ORDER BY id"))]
            for t in ("department", "kpi", "measurement", "monthly_target", "import_batch")
        }


def answer_boxes(*buttons: QMessageBox.StandardButton) -> list[str]:
    """Answer the next message boxes (modal, so from the event loop); returns their texts."""
    texts: list[str] = []
    pending = list(buttons)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            texts.append(box.text())
            box.button(pending.pop(0)).click()
        if pending:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return texts


def window_for(db, qtbot) -> MainWindow:
    window = MainWindow(WindowContext(db.uow, "x", "tanaka", "t"), today=TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def row(dialog: ImportHistoryDialog, r: int = 0) -> list[str]:
    return [dialog.proxy.index(r, c).data() for c in Column]


def test_the_model_passes_the_qt_model_checks(qtmodeltester, db, imported):
    model = ImportHistoryModel()
    model.set_batches(list_imports(db.uow()))
    qtmodeltester.check(model)


def test_undo_an_import_from_the_history(qtbot, db, imported):
    kpi, request, result = imported
    window = window_for(db, qtbot)
    file_menu = window.menuBar().actions()[0].menu()
    assert "取り込み履歴…" in [a.text() for a in file_menu.actions()]
    window.departments.select(kpi.department_id)
    assert window.kpi_panel.model.rowCount() == 2
    # the same import also sits on this session's undo stack (as after the wizard)
    command = ImportCommand(
        db.uow, request, result, user="tanaka", on_changed=lambda: None, on_error=pytest.fail
    )
    window.undo_stack.push(command)

    dialog = window.import_export.show_history(show=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert row(dialog) == [
        "2026/05/01 09:30", "総務KPI_2025.xlsx", "tanaka", "総務部", "2", "6",
        "KPI 1件・部門 0件", "取り込み済み",
    ]  # fmt: skip
    assert dialog.undo_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "import_history.png"))

    texts = answer_boxes(Yes, Ok)
    undone = dialog.undo_selected()
    assert undone is not None and len(texts) == 2
    assert "「総務KPI_2025.xlsx」（2026/05/01 09:30の取り込み）を元に戻しますか？" in texts[0]
    assert "取り込み後に変更された値" in texts[0]
    assert (undone.reverted, undone.skipped, undone.deleted_kpis) == (3, 0, 1)
    assert texts[1].splitlines()[:4] == [
        "「総務KPI_2025.xlsx」（2026/05/01 09:30）の取り込みを元に戻しました。",
        "",
        "取り込み前の値に戻した値: 3個",
        "削除したKPI: 1件、部門: 0件",
    ]
    assert actuals(db) == {"問合せ件数": {"2025-04": 100.0}}  # the values are gone
    state = row(dialog)[Column.STATE]
    assert state.startswith("元に戻し済み（") and state.endswith(" tanaka）")
    assert not dialog.undo_button.isEnabled()
    assert window.kpi_panel.model.rowCount() == 1  # the window was refreshed like after an import
    window.undo_stack.undo()  # nothing left to take back: no error, the step goes
    assert window.undo_stack.count() == 0
    assert actuals(db) == {"問合せ件数": {"2025-04": 100.0}}


def test_values_changed_since_are_kept_and_reported(qtbot, db, imported):
    kpi, _request, _result = imported
    services.apply_edits(
        db.uow(), [CellEdit(kpi.id, YearMonth(2025, 6), Series.ACTUAL, 150.0)], user="sato"
    )
    dialog = ImportHistoryDialog(db.uow, user="tanaka")
    qtbot.addWidget(dialog)
    texts = answer_boxes(Yes, Ok)
    undone = dialog.undo_selected()
    assert undone is not None and (undone.reverted, undone.skipped) == (2, 1)
    assert "取り込み後に変更されていたため、そのまま残した値: 1個" in texts[1]
    assert actuals(db) == {"問合せ件数": {"2025-04": 100.0, "2025-06": 150.0}}


def test_saying_no_changes_nothing(qtbot, db, imported):
    before = dump(db)
    dialog = ImportHistoryDialog(db.uow, user="tanaka")
    qtbot.addWidget(dialog)
    answer_boxes(QMessageBox.StandardButton.No)
    assert dialog.undo_selected() is None
    assert dump(db) == before and row(dialog)[Column.STATE] == "取り込み済み"


@pytest.mark.sqlite_only
def test_a_locked_database_shows_a_message_and_changes_nothing(qtbot, db, imported, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    db.engine.dispose()  # new connections pick up the short timeout
    dialog = ImportHistoryDialog(db.uow, user="tanaka")
    qtbot.addWidget(dialog)
    before = dump(db)
    blocker = sqlite3.connect(db.path, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        texts = answer_boxes(Yes, Ok)
        assert dialog.undo_selected() is None
    finally:
        blocker.rollback()
        blocker.close()
    failed = "「総務KPI_2025.xlsx」の取り込みを元に戻せませんでした。何も変更していません。"
    assert texts[1].startswith(failed)
    assert "使用中" in texts[1]
    assert dump(db) == before
    assert row(dialog)[Column.STATE] == "取り込み済み" and dialog.undo_button.isEnabled()
    answer_boxes(Yes, Ok)  # once the other program is done, it works
    assert dialog.undo_selected() is not None


def test_an_import_undone_elsewhere_meanwhile_is_reported(qtbot, db, imported):
    _kpi, _request, result = imported
    dialog = ImportHistoryDialog(db.uow, user="tanaka")
    qtbot.addWidget(dialog)
    undo_import(db.uow(), result.batch_id, user="sato")  # e.g. main.py undo-import
    before = dump(db)
    texts = answer_boxes(Yes, Ok)
    assert dialog.undo_selected() is None
    assert texts[1] == "「総務KPI_2025.xlsx」の取り込みはすでに元に戻されています。"
    assert dump(db) == before
    assert row(dialog)[Column.STATE].endswith(" sato）")


def test_cancel_rolls_the_undo_back(db, imported):
    before = dump(db)
    with pytest.raises(UndoCancelled):
        undo_in_background((db.uow, imported[2].batch_id, "tanaka"), lambda _d, _t: False)
    assert dump(db) == before


def test_no_imports_yet(qtbot, db, company):
    dialog = ImportHistoryDialog(db.uow, user="tanaka")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0 and dialog.empty_label.isVisible()
    assert not dialog.undo_button.isEnabled()
