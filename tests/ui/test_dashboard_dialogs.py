"""KPI detail chart, target revision, reviews and OKRs on real widgets over the demo company."""

from __future__ import annotations

import math
from datetime import date

import pytest
from PySide6.QtWidgets import QComboBox

from domain import services
from domain.demo import build_demo
from domain.fiscal import YearMonth, fiscal_months
from domain.kpi_detail import load_kpi_detail
from domain.okr import list_okrs
from domain.review import list_reviews
from domain.seed import create_demo_company
from domain.target_revision import target_revisions
from ui.kpi_detail_dialog import KpiDetailDialog
from ui.okr_panel import CheckInDialog, OkrDialog
from ui.review_dialog import ReviewDialog
from ui.target_revision_dialog import TargetRevisionDialog

TODAY = date(2025, 11, 20)
MONTHS = fiscal_months(2025, 4)


@pytest.fixture
def demo(db):
    create_demo_company(db.uow(), build_demo(TODAY))
    return db


def kpi_id(db, name: str) -> int:
    return next(k.id for k in services.list_kpis(db.uow()) if k.name == name)


def ys(item) -> list[float | None]:
    _, y = item.getData()
    return [None if math.isnan(v) else float(v) for v in y]


def open_detail(qtbot, db, name: str) -> KpiDetailDialog:
    dialog = KpiDetailDialog(
        db.uow, kpi_id=kpi_id(db, name), fiscal_year=2025, today=TODAY, user="tester"
    )
    qtbot.addWidget(dialog)
    return dialog


def test_chart_holds_actuals_targets_last_year_and_forecast(qtbot, demo):
    dialog = open_detail(qtbot, demo, "採用人数")
    detail = load_kpi_detail(
        demo.uow(), kpi_id=kpi_id(demo, "採用人数"), fiscal_year=2025, today=TODAY
    )
    chart = dialog.chart
    assert ys(chart.actual) == list(detail.tile.actuals)
    assert ys(chart.target) == [4, 0, 1, 1, 0, 1, 2, 0, 1, 1, 0, 1]
    assert ys(chart.last_year) == list(detail.tile.last_year)
    forecast = ys(chart.forecast)
    assert forecast[:6] == [None] * 6 and forecast[6] == detail.tile.actuals[6]  # from October
    assert all(v is not None for v in forecast[7:])
    x, _ = chart.actual.getData()
    assert list(x) == list(range(12))
    ticks = chart.plot.getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == [f"{m.month}月" for m in MONTHS]  # fiscal order
    # cumulative view of a SUM KPI: running totals, forecast ends at the year-end figure
    dialog.cumulative.setChecked(True)
    actual = ys(chart.actual)
    assert actual[6] == pytest.approx(sum(detail.tile.actuals[:7]))
    assert ys(chart.target)[-1] == pytest.approx(12.0)
    assert ys(chart.forecast)[-1] == pytest.approx(detail.tile.forecast.year_end)
    low, high = ys(chart.band_low), ys(chart.band_high)
    assert low[-1] <= detail.tile.forecast.year_end <= high[-1]
    dialog.show_last_year.setChecked(False)
    assert not chart.last_year.isVisible()


def test_chart_updates_items_in_place(qtbot, demo):
    dialog = open_detail(qtbot, demo, "採用人数")
    items = (dialog.chart.actual, dialog.chart.target, dialog.chart.forecast)
    count = len(dialog.chart.plot.getPlotItem().items)
    dialog.cumulative.setChecked(True)
    dialog.cumulative.setChecked(False)
    assert (dialog.chart.actual, dialog.chart.target, dialog.chart.forecast) == items
    assert len(dialog.chart.plot.getPlotItem().items) == count


def test_average_kpi_has_no_cumulative_view_and_shows_its_notes(qtbot, demo):
    dialog = open_detail(qtbot, demo, "障害対応の平均復旧時間")
    assert not dialog.cumulative.isEnabled()
    july = MONTHS.index(YearMonth(2025, 7))
    text = dialog.chart.readout_at(july)
    assert text.startswith("2025年7月") and "ストレージ障害" in text
    xs, _ = dialog.chart.notes.getData()
    assert july in list(xs)
    assert any("ストレージ障害" in dialog.notes.item(i).text() for i in range(dialog.notes.count()))
    assert (
        "前年の季節性" in dialog.method.text()
        or "ランレート" in dialog.method.text()
        or "線形トレンド" in dialog.method.text()
    )


def test_chart_exports_png(qtbot, demo, tmp_path):
    dialog = open_detail(qtbot, demo, "研修参加率")
    dialog.resize(1000, 650)
    dialog.show()
    qtbot.waitExposed(dialog)
    path = dialog.chart.export_png(tmp_path / "研修参加率.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5000
    assert not list(tmp_path.glob(".*part*"))


def test_target_revision_from_the_detail(qtbot, demo):
    dialog = open_detail(qtbot, demo, "採用面接から内定までの平均日数")
    revision = TargetRevisionDialog(demo.uow, dialog.detail, today=TODAY, user="tester")
    qtbot.addWidget(revision)
    revision.effective.setCurrentIndex(revision.effective.findData(202512))
    revision.new_target.setText("15")
    assert revision.preview.item(1, 8).text() == "15.0"  # December
    assert revision.preview.item(1, 7).text() == "14.0"  # November keeps its target
    revision.buttons.accepted.emit()
    assert revision.message.text() == "改訂の理由を入力してください。"  # refused without a reason
    assert target_revisions(demo.uow(), dialog.detail.tile.kpi.id) == []
    revision.reason.setPlainText("採用市場の逼迫で面接日程が延びるため")
    revision.buttons.accepted.emit()
    assert revision.result() == revision.DialogCode.Accepted
    (stored,) = target_revisions(demo.uow(), dialog.detail.tile.kpi.id)
    assert (stored.old_target, stored.new_target) == (14.0, 15.0)
    dialog.reload()
    assert dialog.revisions.rowCount() == 1
    assert dialog.revisions.item(0, 4).text() == "採用市場の逼迫で面接日程が延びるため"
    assert dialog.revisions.item(0, 2).text() == "14.0日"


def test_review_dialog_saves_a_review_with_actions_beside_the_numbers(qtbot, demo):
    departments = services.list_departments(demo.uow())
    hr = next(d for d in departments if d.name == "人事部")
    members = {m.id: m.name for m in services.list_members(demo.uow())}
    dialog = ReviewDialog(
        demo.uow,
        departments=departments,
        department_id=hr.id,
        owners=members,
        fiscal_year_start=4,
        today=TODAY,
    )
    qtbot.addWidget(dialog)
    assert dialog.period_month() == YearMonth(2025, 10)  # the last finished month
    names = {dialog.figures.item(r, 0).text() for r in range(dialog.figures.rowCount())}
    assert "採用人数" in names and len(names) == 4
    dialog.scope.setCurrentIndex(dialog.scope.findData("quarterly"))
    assert dialog.period_month() == YearMonth(2025, 10)
    assert "2025年10月〜2025年12月" in dialog.figures_title.text()
    dialog.participants.setText("高橋、田中")
    dialog.notes.setPlainText("内定までの日数が目標に届かない")
    dialog.decisions.setPlainText("面接官を増やす")
    dialog.add_action.click()
    dialog.actions.item(0, 0).setText("面接官の候補を挙げる")
    owner = dialog.actions.cellWidget(0, 1)
    assert isinstance(owner, QComboBox)
    owner.setCurrentIndex(owner.findText("高橋 直樹"))
    dialog.actions.item(0, 2).setText("2025/12/15")
    before = {r.id for r in list_reviews(demo.uow(), department_id=hr.id)}
    dialog.save_button.click()
    (stored,) = [r for r in list_reviews(demo.uow(), department_id=hr.id) if r.id not in before]
    assert stored.scope.value == "quarterly" and stored.first_month == YearMonth(2025, 10)
    assert stored.participants == "高橋、田中"
    (action,) = stored.actions
    assert (action.description, action.due) == ("面接官の候補を挙げる", date(2025, 12, 15))
    assert members[action.owner_id] == "高橋 直樹"
    assert dialog.saved and dialog.reviews.count() == len(before) + 1


def test_review_dialog_refuses_a_bad_due_date(qtbot, demo):
    departments = services.list_departments(demo.uow())
    dialog = ReviewDialog(
        demo.uow,
        departments=departments,
        department_id=None,
        owners={},
        fiscal_year_start=4,
        today=TODAY,
    )
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("メモ")
    dialog.add_action.click()
    dialog.actions.item(0, 0).setText("確認する")
    dialog.actions.item(0, 2).setText("来週")
    count = len(list_reviews(demo.uow()))
    dialog.save_button.click()
    assert "来週" in dialog.message.text()
    assert len(list_reviews(demo.uow())) == count


def test_okr_dialog_and_check_in(qtbot, demo):
    departments = services.list_departments(demo.uow())
    dialog = OkrDialog(
        demo.uow, departments=departments, fiscal_year=2025, fiscal_year_start=4, today=TODAY
    )
    qtbot.addWidget(dialog)
    assert dialog.quarter.currentData() == 3  # November is in Q3 of an April year
    legal = next(d for d in departments if d.name == "法務部")
    dialog.department.setCurrentIndex(dialog.department.findData(legal.id))
    dialog.title.setText("部門の戦略的価値を高める")
    dialog.key_results.item(0, 0).setText("社内満足度アンケート80%以上")
    dialog.key_results.item(0, 1).setText("60")
    dialog.key_results.item(0, 2).setText("80")
    dialog.key_results.item(0, 3).setText("%")
    dialog.key_results.item(0, 4).setText("2")
    dialog.key_results.item(1, 0).setText("FAQを40本公開")
    dialog.key_results.item(1, 2).setText("40")
    dialog._on_save()
    (view,) = list_okrs(demo.uow(), fiscal_year=2025, today=TODAY, department_id=legal.id)
    assert [k.key_result.weight for k in view.key_results] == [2.0, 1.0]
    check_in = CheckInDialog(
        demo.uow, view, key_result_id=view.key_results[0].key_result.id, today=TODAY, user="tester"
    )
    qtbot.addWidget(check_in)
    check_in.value.setValue(70)
    check_in.confidence.setValue(6)
    check_in.comment.setText("中間調査で70%")
    check_in._on_save()
    (view,) = list_okrs(demo.uow(), fiscal_year=2025, today=TODAY, department_id=legal.id)
    assert view.progress == pytest.approx(2 * 0.5 / 3)
    assert view.key_results[0].last_check_in.comment == "中間調査で70%"


def test_okr_dialog_needs_two_key_results(qtbot, demo):
    dialog = OkrDialog(
        demo.uow,
        departments=services.list_departments(demo.uow()),
        fiscal_year=2025,
        fiscal_year_start=4,
        today=TODAY,
    )
    qtbot.addWidget(dialog)
    dialog.title.setText("挑戦")
    dialog.key_results.item(0, 0).setText("一つだけ")
    dialog.key_results.item(0, 2).setText("1")
    dialog.key_results.removeRow(1)
    count = len(list_okrs(demo.uow(), fiscal_year=2025, today=TODAY))
    dialog._on_save()
    assert "2つ以上" in dialog.message.text()
    assert len(list_okrs(demo.uow(), fiscal_year=2025, today=TODAY)) == count


def test_okr_panel_lists_okrs_beside_the_kpis(qtbot, demo):
    from ui.dashboard import DashboardPanel

    test_okr_dialog_and_check_in(qtbot, demo)
    panel = DashboardPanel(demo.uow, fiscal_year_start=4, user="tester", today=TODAY)
    qtbot.addWidget(panel)
    panel.reload()
    tree = panel.okr_panel.tree
    assert tree.topLevelItemCount() == 3  # two from the demo
    legal = next(d for d in services.list_departments(demo.uow()) if d.name == "法務部")
    panel.set_department_filter(legal.id)
    assert tree.topLevelItemCount() == 1
    top = tree.topLevelItem(0)
    assert top.text(0).startswith("部門の戦略的価値を高める")
    assert top.text(1) == "33%" and top.childCount() == 2
    assert top.child(0).text(2) == "6"


def test_hovering_the_chart_reads_out_that_month(qtbot, demo):
    from PySide6.QtCore import QPointF
    from PySide6.QtTest import QTest

    dialog = open_detail(qtbot, demo, "障害対応の平均復旧時間")
    dialog.resize(1000, 650)
    dialog.show()
    qtbot.waitExposed(dialog)
    plot = dialog.chart.plot
    july = MONTHS.index(YearMonth(2025, 7))
    scene_point = plot.getPlotItem().vb.mapViewToScene(QPointF(july, 2.0))
    QTest.mouseMove(plot.viewport(), plot.mapFromScene(scene_point))
    qtbot.waitUntil(lambda: dialog.chart.readout.text().startswith("2025年7月"), timeout=2000)
    assert "ストレージ障害" in dialog.chart.readout.text()
    assert dialog.chart.cursor.isVisible() and dialog.chart.cursor.value() == july
