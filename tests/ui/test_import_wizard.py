"""The import wizard and the File menu / drag-and-drop hook, offscreen on real files and a real
SQLite database: preview, corrections that update at once, old → new, commit, undo."""

from __future__ import annotations

import warnings
from datetime import date, datetime
from pathlib import Path

import openpyxl
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from domain import services
from domain.fiscal import YearMonth
from domain.model import CellEdit, Kpi, Series
from storage.spreadsheet_reader import read_workbook
from storage.xlsx_writer import write_kpi_workbook
from ui.import_actions import SpreadsheetIO
from ui.import_models import PROBLEM_BRUSH, VALUE_BRUSH, KpiPreviewModel
from ui.import_session import ImportSession
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow, WindowContext

TODAY = date(2026, 5, 1)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def kpi_book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws["A1"] = "総務部　月次KPI"
    ws.append([])
    ws.append(["KPI名", "単位", "目標", "4月", "5月", "6月", "上期計"])
    ws.append(["問合せ件数", "件", 120, 131, "１１８件", "abc", "=SUM(D4:F4)"])
    ws.append(["会議室稼働率", "%", 0.7, 0.66, 0.72, None, None])
    for cell in ("C5", "D5", "E5"):
        ws[cell].number_format = "0%"
    notes = wb.create_sheet("記入方法")
    notes["A1"] = "※ 毎月10日までに入力"
    wb.save(path)
    return path


def session_for(path: Path, uow_factory) -> ImportSession:
    known = [d.name for d in services.list_departments(uow_factory())]
    return ImportSession.from_read(read_workbook(path), today=TODAY, known_departments=known)


def test_preview_shows_values_problems_and_updates_at_once(qtbot, tmp_path, db, company):
    session = session_for(kpi_book(tmp_path / "総務.xlsx"), db.uow)
    wizard = ImportWizard(session, db.uow, user="tanaka")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.sheet_list.count() == 2
    assert "KPI 2件" in wizard.sheet_list.item(0).text()
    model = wizard.cells_model
    assert model.data(model.index(3, 3), Qt.ItemDataRole.BackgroundRole) == VALUE_BRUSH
    bad = model.index(3, 5)  # F4 "abc"
    assert model.data(bad, Qt.ItemDataRole.BackgroundRole) == PROBLEM_BRUSH
    assert "「abc」を数値として読み取れません" in model.data(bad, Qt.ItemDataRole.ToolTipRole)
    listed = [wizard.problem_list.item(i).text() for i in range(wizard.problem_list.count())]
    assert [t[:4] for t in listed] == ["D3: ", "F4: "]
    assert "年度が書かれていないため2026年度として読みました" in listed[0]
    assert wizard.year_spin.value() == 2026
    kpis = wizard.kpi_model
    assert kpis.rowCount() == 2
    assert kpis.data(kpis.index(0, KpiPreviewModel.Column.NAME)) == "問合せ件数"
    assert kpis.headerData(KpiPreviewModel.FIXED, Qt.Orientation.Horizontal) == "2026年4月"
    assert kpis.data(kpis.index(1, KpiPreviewModel.FIXED)) == "66"
    # correct the fiscal year: the months move at once
    wizard.year_spin.setValue(2024)
    wizard.year_spin.editingFinished.emit()
    assert kpis.headerData(KpiPreviewModel.FIXED, Qt.Orientation.Horizontal) == "2024年4月"
    assert session.overrides["総務部"].fiscal_year == 2024
    # a column role: 単位 → 取り込まない; the unit goes and the % row is no longer scaled
    unit_row = next(
        r
        for r in range(wizard.roles_table.rowCount())
        if wizard.roles_table.item(r, 1).text() == "単位"
    )
    combo = wizard.roles_table.cellWidget(unit_row, 2)
    combo.setCurrentIndex(combo.findText("取り込まない"))
    assert kpis.data(kpis.index(0, KpiPreviewModel.Column.UNIT)) == "件"  # read from 「１１８件」
    assert kpis.data(kpis.index(1, KpiPreviewModel.Column.UNIT)) == "%"  # from the % format
    # leave a KPI out
    kpis.setData(kpis.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert [k.name for k in session.request().kpis] == ["会議室稼働率"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    wizard.grab().save(str(SHOTS / "import_wizard_preview.png"))


def test_old_to_new_keep_or_overwrite_and_commit(qtbot, tmp_path, db, company):
    dept = services.add_department(db.uow(), name="総務部")
    stored = services.save_kpi(db.uow(), Kpi(0, dept.id, "問合せ件数", unit="件", rationale="理由"))
    services.apply_edits(
        db.uow(), [CellEdit(stored.id, YearMonth(2026, 4), Series.ACTUAL, 100.0)], user="sato"
    )
    session = session_for(kpi_book(tmp_path / "総務.xlsx"), db.uow)
    wizard = ImportWizard(session, db.uow, user="tanaka")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.go_to_plan()
    matches = wizard.match_model
    assert matches.rowCount() == 2
    assert matches.data(matches.index(0, 2)) == "既存: 問合せ件数"
    assert matches.data(matches.index(1, 2)) == "新しいKPIを作成"
    conflicts = wizard.conflict_model
    assert conflicts.rowCount() == 1
    assert [conflicts.data(conflicts.index(0, c)) for c in (4, 5)] == ["100", "131"]
    wizard.grab().save(str(SHOTS / "import_wizard_match.png"))
    wizard.keep_all.click()  # keep 100
    result = wizard.commit()
    assert result is not None and result.kept_cells == 1
    cells = services.read_series(
        db.uow(), Series.ACTUAL, [stored.id], YearMonth(2026, 4), YearMonth(2026, 6)
    )
    assert {m.month: c.value for (_, m), c in cells.items()} == {4: 100.0, 5: 118.0}


def test_map_to_another_stored_kpi(qtbot, tmp_path, db, company):
    dept = services.add_department(db.uow(), name="総務部")
    other = services.save_kpi(
        db.uow(), Kpi(0, dept.id, "社内問い合わせ件数", unit="件", rationale="理由")
    )
    session = session_for(kpi_book(tmp_path / "総務.xlsx"), db.uow)
    wizard = ImportWizard(session, db.uow, user="tanaka")
    qtbot.addWidget(wizard)
    assert wizard.go_to_plan()
    wizard.map_match(0, other.id)
    assert wizard.match_model.data(wizard.match_model.index(0, 2)) == "既存: 社内問い合わせ件数"
    wizard.commit()
    cells = services.read_series(
        db.uow(), Series.ACTUAL, [other.id], YearMonth(2026, 4), YearMonth(2026, 6)
    )
    assert len(cells) == 2


def _window(db, qtbot, tmp_path) -> MainWindow:
    io = SpreadsheetIO(read_workbook=read_workbook, write_kpi_workbook=write_kpi_workbook)
    window = MainWindow(
        WindowContext(
            uow_factory=db.uow,
            location=str(db.path),
            user="tanaka",
            version="t",
            spreadsheets=io,
            backup=db.backup,
        ),
        today=TODAY,
    )
    qtbot.addWidget(window)
    window.show()
    return window


def _finish_modal(action) -> None:
    def run() -> None:  # the wizard runs modally: act on it from the event loop
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ImportWizard) and w.isVisible()
        ]
        if shown:
            action(shown[0])
        else:
            QTimer.singleShot(50, run)

    QTimer.singleShot(50, run)


def test_drop_a_file_on_the_window_import_and_undo_as_one_step(qtbot, tmp_path, db, company):
    window = _window(db, qtbot, tmp_path)
    actions = window.import_export
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Excel/CSVを取り込む…" in texts and "Excelに書き出す…" in texts
    path = kpi_book(tmp_path / "総務.xlsx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert actions.dropped_path(mime) == path
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    assert actions.dropped_path(other) is None

    _finish_modal(lambda wizard: (wizard.go_to_plan(), wizard.commit()))
    with warnings.catch_warnings():  # Qt 6 keeps only the deprecated QPoint form in PySide6
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(200, 200),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(QPoint(200, 200)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    names = sorted(k.name for k in services.list_kpis(db.uow()))
    assert names == ["会議室稼働率", "問合せ件数"]
    assert window.undo_stack.count() == 1
    from storage.backup import list_backups

    assert [b.reason for b in list_backups(db.path)] == ["before-import"]
    window.undo_stack.undo()
    assert services.list_kpis(db.uow()) == [] and services.list_departments(db.uow()) == []
    window.undo_stack.redo()  # imports the same KPIs again
    assert len(services.list_kpis(db.uow())) == 2


def test_unreadable_file_shows_a_message_and_opens_no_wizard(
    qtbot, tmp_path, db, company, monkeypatch
):
    window = _window(db, qtbot, tmp_path)
    path = tmp_path / "勤怠.xls"
    path.write_text("<html><table><tr><td>1</td></tr></table></html>", encoding="utf-8")
    shown: list[str] = []

    def close_message() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, close_message)
            return
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(50, close_message)
    assert window.import_export.import_file(path) is None
    assert shown and "勤怠.xls" in shown[0] and "Excel ブック (*.xlsx)" in shown[0]


def test_export_from_the_window(qtbot, tmp_path, db, company):
    dept = services.add_department(db.uow(), name="総務部")
    kpi = services.save_kpi(db.uow(), Kpi(0, dept.id, "=1+2", unit="件", rationale="理由"))
    services.apply_edits(
        db.uow(), [CellEdit(kpi.id, YearMonth(2025, 4), Series.ACTUAL, 3.0)], user="u"
    )
    window = _window(db, qtbot, tmp_path)
    out = window.import_export.export_to(tmp_path / "KPI.xlsx", 2025)
    assert out is not None and out.exists()
    sheet = openpyxl.load_workbook(out)["総務部"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "=1+2")
    assert datetime(2025, 4, 1) in [
        c for c in next(sheet.iter_rows(min_row=5, max_row=5, values_only=True))
    ]
    assert 3 in row


def test_the_history_names_the_import():
    from ui.history_dialog import source_text

    assert source_text("import:3:総務KPI.xlsx") == "Excel/CSV取り込み 総務KPI.xlsx"
    assert source_text("import-undo:3") == "取り込みの取り消し #3"


def test_session_progress_corrections_and_remembered_mappings(tmp_path):
    calls: list[tuple[int, int]] = []
    data = read_workbook(kpi_book(tmp_path / "総務.xlsx"))
    session = ImportSession.from_read(data, today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert session.mappings_to_remember() == {}  # nothing corrected: nothing to remember
    session.correct("総務部", fiscal_year=2024, start_month=10)
    remembered = session.mappings_to_remember()
    [(key, (label, settings))] = remembered.items()
    assert key == session.sheet("総務部").shape_key and label == "総務.xlsx / 総務部"
    assert '"start_month": 10' in settings and "2024" not in settings  # the year is not kept
    from domain.importing.mapping import from_json

    fresh = ImportSession.from_read(read_workbook(tmp_path / "総務.xlsx"), today=TODAY)
    assert fresh.apply_remembered({key: from_json(settings)}) == ["総務部"]
    assert fresh.overrides["総務部"].start_month == 10
