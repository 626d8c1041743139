"""The wizard's KPI preview shows a month's 目標 under its 実績 (予算/実績 columns, 目標/実績
rows), so the user sees that the file's targets were read, not only the actuals."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import Qt

from storage.spreadsheet_reader import read_workbook
from ui.import_models import KpiPreviewModel
from ui.import_session import ImportSession
from ui.import_wizard import ImportWizard


def paired_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["2025年度 総務部 KPI"])
    ws.append(["KPI名", "区分", "単位", "4月", "5月", "6月"])
    ws.append(["問合せ件数", "目標", "件", 100, 100, 120])
    ws.append(["", "実績", "件", 96, 131, None])
    ws.append(["会議室稼働率", "実績", "%", 60, 72, 70])
    wb.save(path)
    return path


def wizard_for(qtbot, path, db) -> ImportWizard:
    session = ImportSession.from_read(
        read_workbook(path), today=date(2025, 8, 1), known_departments=[]
    )
    wizard = ImportWizard(session, db.uow, user="u")
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_a_months_target_shows_under_its_actual(qtbot, tmp_path, db, company):
    wizard = wizard_for(qtbot, paired_book(tmp_path / "k.xlsx"), db)
    model = wizard.kpi_model
    names = [model.data(model.index(r, KpiPreviewModel.Column.NAME)) for r in range(2)]
    assert names == ["問合せ件数", "会議室稼働率"]
    april, june = KpiPreviewModel.FIXED, KpiPreviewModel.FIXED + 2
    assert model.headerData(june, Qt.Orientation.Horizontal) == "2025年6月"
    assert model.data(model.index(0, april)) == "96\n目標 100"
    assert model.data(model.index(0, june)) == "\n目標 120"  # no actual yet, the target read
    assert model.data(model.index(1, april)) == "60"  # a KPI without targets: one line
    assert model.data(model.index(0, KpiPreviewModel.Column.TARGET)) == "月別"
    tip = model.data(model.index(0, april), Qt.ItemDataRole.ToolTipRole)
    assert tip == "実績 96 / 目標 100"
    assert model.data(model.index(1, june), Qt.ItemDataRole.ToolTipRole) == "実績 70"
    # rows are tall enough for both lines
    spacing = wizard.kpi_view.fontMetrics().lineSpacing()
    assert wizard.kpi_view.rowHeight(0) >= 2 * spacing


def test_without_targets_the_rows_stay_one_line(qtbot, tmp_path, db, company):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KPI名", "単位", "4月", "5月"])
    ws.append(["問合せ件数", "件", 96, 131])
    wb.save(tmp_path / "plain.xlsx")
    wizard = wizard_for(qtbot, tmp_path / "plain.xlsx", db)
    model = wizard.kpi_model
    assert model.data(model.index(0, KpiPreviewModel.FIXED)) == "96"
    spacing = wizard.kpi_view.fontMetrics().lineSpacing()
    assert wizard.kpi_view.rowHeight(0) < 2 * spacing


def test_a_kpi_in_a_hidden_row_shows_unticked_with_its_reason_readable(
    qtbot, tmp_path, db, company
):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "総務部"
    ws.append(["KPI名", "単位", "4月", "5月"])
    ws.append(["問合せ件数", "件", 96, 131])
    ws.append(["（旧）問合せ件数", "件", 30, 20])
    ws.row_dimensions[3].hidden = True
    wb.save(tmp_path / "hidden.xlsx")
    wizard = wizard_for(qtbot, tmp_path / "hidden.xlsx", db)
    wizard.resize(1100, 700)
    model = wizard.kpi_model
    checks = [model.data(model.index(r, 0), Qt.ItemDataRole.CheckStateRole) for r in range(2)]
    assert checks == [Qt.CheckState.Checked, Qt.CheckState.Unchecked]
    problems = wizard.problem_list
    item = next(
        problems.item(i) for i in range(problems.count()) if "非表示" in problems.item(i).text()
    )
    assert item.text().startswith("C3: ")
    qtbot.waitUntil(lambda: problems.visualItemRect(item).width() > 0)
    assert problems.visualItemRect(item).width() <= problems.viewport().width()  # wrapped
    assert problems.visualItemRect(item).height() > problems.fontMetrics().lineSpacing()
