"""The dashboard tab on real widgets (offscreen) over a real SQLite file with the demo company."""

from __future__ import annotations

import math
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from domain import services
from domain.dashboard import load_dashboard
from domain.demo import build_demo
from domain.fiscal import YearMonth, fiscal_months
from domain.model import Status
from domain.review import Review, ReviewAction, ReviewScope, open_actions, save_review
from domain.seed import create_demo_company
from ui.dashboard import DashboardPanel
from ui.dashboard_models import KpiIdRole, StatusRole, SummaryColumn, TileRole
from ui.main_window import MainWindow, WindowContext

TODAY = date(2025, 11, 20)
MONTHS = fiscal_months(2025, 4)


@pytest.fixture
def demo(db):
    create_demo_company(db.uow(), build_demo(TODAY))
    return db


def panel_for(qtbot, db) -> DashboardPanel:
    panel = DashboardPanel(db.uow, fiscal_year_start=4, user="tester", today=TODAY)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    panel.reload()
    return panel


def tile_rows(panel: DashboardPanel) -> dict[str, int]:
    model = panel.tiles.tile_model
    return {
        model.tile_at(row).kpi.name: row
        for row in range(model.rowCount())
        if model.tile_at(row) is not None
    }


def tiles_by_name(panel: DashboardPanel) -> dict[str, object]:
    model = panel.tiles.tile_model
    return {name: model.tile_at(row) for name, row in tile_rows(panel).items()}


def status_of_row(panel: DashboardPanel, name: str) -> Status:
    """The status the view is given for the tile (through the model's role)."""
    row = tile_rows(panel)[name]
    index = panel.tiles.tile_model.index(row, 0)
    assert index.data(TileRole).kpi.name == name
    return Status(index.data(StatusRole))


@pytest.mark.both_backends  # the demo on a PostgreSQL server too
def test_dashboard_is_the_start_tab_and_shows_the_demo_statuses(qtbot, demo):
    window = MainWindow(WindowContext(demo.uow, demo.location, "tester", "0"), today=TODAY)
    qtbot.addWidget(window)
    assert window.tabs.currentWidget() is window.dashboard
    assert window.tabs.tabText(0) == "ダッシュボード"
    panel = window.dashboard
    assert panel.fiscal_year() == 2025
    expected = {
        t.kpi.name: t.status
        for t in load_dashboard(demo.uow(), fiscal_year=2025, today=TODAY).tiles()
    }
    shown = {name: status_of_row(panel, name) for name in expected}
    assert shown == expected
    assert shown["研修参加率"] is Status.ACHIEVED
    assert shown["採用後1年以内の離職率"] is Status.MISSED
    assert shown["採用面接から内定までの平均日数"] is Status.CAUTION
    summary = panel.summary_model
    hr_row = next(r for r in range(summary.rowCount()) if summary.index(r, 0).data() == "人事部")
    counts = [
        summary.index(hr_row, c).data()
        for c in (
            SummaryColumn.KPIS,
            SummaryColumn.ACHIEVED,
            SummaryColumn.CAUTION,
            SummaryColumn.MISSED,
        )
    ]
    assert counts == [4, 1, 1, 2]
    assert panel.warning_model.rowCount() >= 1
    warnings = panel.warning_model
    titles = [warnings.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
              for c in range(warnings.columnCount())]
    assert titles == ["重要度", "KPI（部門）", "内容", "担当"]  # each title over its own column
    assert "年度末" in warnings.index(0, titles.index("内容")).data()
    assert panel.missing_model.index(0, 2).data() == "契約書確認の平均処理時間"


def test_start_tab_is_data_entry_before_any_kpi(qtbot, db, company):
    window = MainWindow(WindowContext(db.uow, db.location, "tester", "0"), today=TODAY)
    qtbot.addWidget(window)
    assert window.tabs.currentWidget() is not window.dashboard
    assert window.tabs.tabText(window.tabs.currentIndex()) == "月次入力"


def test_filters_by_department_owner_and_status(qtbot, demo):
    panel = panel_for(qtbot, demo)
    assert len(tiles_by_name(panel)) == 18
    panel.department_combo.setCurrentIndex(panel.department_combo.findText("人事部"))
    assert set(tiles_by_name(panel)) == {
        "採用人数",
        "採用面接から内定までの平均日数",
        "採用後1年以内の離職率",
        "研修参加率",
    }
    assert panel.summary_model.rowCount() == 1
    panel.status_combo.setCurrentIndex(panel.status_combo.findText("未達"))
    assert set(tiles_by_name(panel)) == {"採用人数", "採用後1年以内の離職率"}
    panel.department_combo.setCurrentIndex(0)
    panel.status_combo.setCurrentIndex(0)
    panel.owner_combo.setCurrentIndex(panel.owner_combo.findText("小林 拓也"))
    assert set(tiles_by_name(panel)) == {"障害対応の平均復旧時間", "権限棚卸し実施率"}
    assert all(t.owner_name == "小林 拓也" for t in tiles_by_name(panel).values())


def test_clicking_a_summary_row_filters_to_that_department(qtbot, demo):
    panel = panel_for(qtbot, demo)
    index = panel.summary_model.index(3, 0)
    assert index.data() == "法務部"
    panel.summary.clicked.emit(index)
    assert panel.department_combo.currentText() == "法務部"
    assert len(tiles_by_name(panel)) == 3
    panel.summary.clicked.emit(panel.summary_model.index(0, 0))  # same row again: all
    assert panel.department_combo.currentIndex() == 0


def test_switching_fiscal_year_reloads(qtbot, demo):
    panel = panel_for(qtbot, demo)
    panel.set_fiscal_year(2024)
    tiles = tiles_by_name(panel)
    assert all(
        t.forecast.method.value == "actual" or t.latest_value is None for t in tiles.values()
    )
    assert "2024年度" in panel.as_of_label.text()
    panel.set_fiscal_year(2026)
    assert all(t.status is Status.NO_DATA for t in tiles_by_name(panel).values())


def close_modal_soon(collected: list) -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
            return
        collected.append(dialog)
        dialog.accept()

    QTimer.singleShot(0, close)


def test_clicking_a_tile_opens_the_kpi_detail(qtbot, demo):
    panel = panel_for(qtbot, demo)
    panel.show()
    qtbot.waitExposed(panel)
    model = panel.tiles.tile_model
    row = tile_rows(panel)["採用人数"]
    panel.tiles.scrollTo(model.index(row, 0))
    rect = panel.tiles.visualRect(model.index(row, 0))
    opened: list = []
    close_modal_soon(opened)
    with qtbot.waitSignal(panel.kpiActivated) as signal:
        qtbot.mouseClick(panel.tiles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    kpi_id = model.index(row, 0).data(KpiIdRole)
    assert signal.args == [kpi_id]
    assert opened and opened[0].detail.tile.kpi.name == "採用人数"


def test_open_actions_show_until_done(qtbot, demo):
    dept = next(d for d in services.list_departments(demo.uow()) if d.name == "法務部")
    save_review(
        demo.uow(),
        Review(
            0,
            dept.id,
            date(2025, 11, 5),
            ReviewScope.MONTHLY,
            YearMonth(2025, 10),
            notes="遅延の原因を確認",
            actions=(ReviewAction(0, "発注点を見直す", None, date(2025, 11, 1)),),
        ),
    )
    panel = panel_for(qtbot, demo)
    assert panel.action_model.rowCount() == 5  # 4 from the demo's reviews
    panel.set_department_filter(dept.id)
    model = panel.action_model
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "発注点を見直す"
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert panel.side.tabText(2) == "アクション 1"
    model.setData(model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert open_actions(demo.uow(), department_id=dept.id) == []
    assert panel.action_model.rowCount() == 0
    panel.set_department_filter(None)
    assert panel.action_model.rowCount() == 4


def test_grace_day_setting_changes_missing_entries(qtbot, demo):
    panel = panel_for(qtbot, demo)
    assert panel.missing_model.rowCount() == 1
    panel.grace_spin.setValue(25)
    panel.grace_spin.editingFinished.emit()
    assert panel.missing_model.rowCount() == 0
    assert panel.report.settings.warnings.grace_day == 25


def test_screenshot_of_the_dashboard(qtbot, demo, tmp_path):
    window = MainWindow(WindowContext(demo.uow, demo.location, "tester", "0"), today=TODAY)
    qtbot.addWidget(window)
    window.resize(1500, 920)
    window.show()
    qtbot.waitExposed(window)
    path = tmp_path / "dashboard.png"
    assert window.grab().save(str(path))
    image = window.grab().toImage()
    assert image.width() == 1500
    colours = {image.pixelColor(x, y).name() for x in range(0, 1500, 25) for y in range(0, 900, 25)}
    assert len(colours) > 20  # drawn, not a blank window


def nan_to_none(values):
    return [None if math.isnan(v) else float(v) for v in values]
