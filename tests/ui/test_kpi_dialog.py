"""KpiDialog and LibraryDialog on a real SQLite file, offscreen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from domain import services
from domain.fiscal import YearMonth, fiscal_months
from domain.model import Aggregation, Direction, Kpi, KpiKind, Series
from storage.database import open_database
from ui.kpi_dialog import KpiDialog, even_split
from ui.library_dialog import LibraryDialog, LibraryEntryModel, load_bundled_library

AUGUST = 4  # position of 8月 in an April-start fiscal year


def open_dialog(qtbot, uow_factory, department, *, kpi=None, members=(), objectives=()):
    dialog = KpiDialog(
        uow_factory,
        department=department,
        kpi=kpi,
        fiscal_year=2025,
        fiscal_year_start=4,
        members=list(members),
        objectives=list(objectives),
        user="tester",
        today=date(2025, 4, 10),  # the first month: target changes are not revisions yet
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill_basics(dialog, *, annual="１，２００"):
    form = dialog.form
    form.name_edit.setText("備品補充の遅延件数")
    form.unit_edit.setText("件")
    form.annual_target_edit.setText(annual)
    form.rationale_edit.setPlainText("消耗品切れで現場の仕事が止まる事態をなくす")


def save_kpis(uow_factory, department, count):
    for i in range(count):
        services.save_kpi(
            uow_factory(),
            Kpi(0, department.id, f"指標{i}", unit="件", annual_target=10, rationale="理由"),
        )


def test_month_headers_follow_the_fiscal_year(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    months = [m.month for m in dialog.form.month_grid.months]
    assert months == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    assert department.mission in dialog.form.mission_label.text()


def test_ok_needs_a_rationale_and_readable_numbers(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    form = dialog.form
    form.name_edit.setText("備品補充の遅延件数")
    form.annual_target_edit.setText("1,200")
    assert not dialog.ok_button.isEnabled()
    assert "ミッションにどう効くか" in form.errors_label.text()

    form.rationale_edit.setPlainText("現場の仕事を止めない")
    assert dialog.ok_button.isEnabled()

    form.annual_target_edit.setText("abc")
    assert not dialog.ok_button.isEnabled()
    assert "abc" in form.annual_target_edit.toolTip()
    assert "#ffe0e0" in form.annual_target_edit.styleSheet()

    form.annual_target_edit.setText("95%")
    form.unit_edit.setText("%")
    assert dialog.ok_button.isEnabled()
    assert form.annual_target_edit.toolTip() == ""


def test_unreadable_deadline_and_month_target_block_ok(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    fill_basics(dialog)
    dialog.form.deadline_edit.setText("そのうち")
    assert not dialog.ok_button.isEnabled()
    dialog.form.deadline_edit.setText("2026年3月")
    assert dialog.ok_button.isEnabled()
    dialog.form.month_grid.target_edits[0].setText("12x")
    assert not dialog.ok_button.isEnabled()


def test_create_with_even_targets_is_saved(qtbot, uow_factory, department, member, db):
    dialog = open_dialog(qtbot, uow_factory, department, members=[member])
    form = dialog.form
    fill_basics(dialog, annual="1,100")
    form.month_grid.active_checks[AUGUST].setChecked(False)
    form.deadline_edit.setText("R8.3")
    form.owner_combo.setCurrentIndex(form.owner_combo.findData(member.id))
    form.even_button.click()
    texts = [edit.text() for edit in form.month_grid.target_edits]
    assert texts[AUGUST] == ""
    assert [t for i, t in enumerate(texts) if i != AUGUST] == ["100"] * 11

    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.saved_kpi
    assert saved is not None and saved.id > 0

    path = db.path
    db.close()
    reopened = open_database(path)
    try:
        (kpi,) = services.list_kpis(reopened.uow(), department_id=department.id)
        assert kpi.name == "備品補充の遅延件数"
        assert kpi.annual_target == 1100
        assert kpi.deadline == YearMonth(2026, 3)
        assert kpi.owner_id == member.id
        assert 8 not in kpi.active_months and len(kpi.active_months) == 11
        months = fiscal_months(2025, 4)
        targets = services.read_series(
            reopened.uow(), Series.TARGET, [kpi.id], months[0], months[-1]
        )
        assert {month: cell.value for (_, month), cell in targets.items()} == {
            m: 100.0 for m in months if m.month != 8
        }
    finally:
        reopened.close()


def test_edit_loads_and_changes_monthly_targets(qtbot, uow_factory, department):
    kpi = services.save_kpi(
        uow_factory(),
        Kpi(0, department.id, "採用人数", unit="人", annual_target=12, rationale="人員計画"),
        monthly_targets={YearMonth(2025, 4): 3.0},
    )
    dialog = open_dialog(qtbot, uow_factory, department, kpi=kpi)
    edits = dialog.form.month_grid.target_edits
    assert edits[0].text() == "3"
    assert edits[1].text() == "" and edits[1].placeholderText() == "1"
    edits[0].setText("")
    edits[1].setText("５")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted

    months = fiscal_months(2025, 4)
    targets = services.read_series(uow_factory(), Series.TARGET, [kpi.id], months[0], months[-1])
    assert {
        month: cell.value for (_, month), cell in targets.items() if cell.value is not None
    } == {YearMonth(2025, 5): 5.0}
    sources = {change.source for change in services.kpi_history(uow_factory(), kpi.id)}
    assert sources == {services.Source.KPI_DIALOG}


def test_warning_for_a_sixth_kpi(qtbot, uow_factory, department):
    save_kpis(uow_factory, department, 4)
    dialog = open_dialog(qtbot, uow_factory, department)
    fill_basics(dialog)
    assert "5件を超えています" not in dialog.form.warnings_label.text()

    save_kpis(uow_factory, department, 1)
    dialog = open_dialog(qtbot, uow_factory, department)
    fill_basics(dialog)
    assert "この部門の有効なKPIが5件を超えています" in dialog.form.warnings_label.text()
    assert dialog.form.warnings_frame.isVisible()
    assert dialog.ok_button.isEnabled()  # a warning never blocks


def test_warnings_for_missing_target_and_deadline(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    fill_basics(dialog, annual="")
    text = dialog.form.warnings_label.text()
    assert "目標値が設定されていないため、達成を測れません" in text
    assert "期限（いつまでに）が設定されていません" in text
    dialog.form.annual_target_edit.setText("10")
    dialog.form.deadline_edit.setText("2026/3")
    assert not dialog.form.warnings_frame.isVisibleTo(dialog)


def test_range_shows_bounds_and_rejects_inverted_band(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    form = dialog.form
    fill_basics(dialog)
    assert not form.range_low_edit.isVisibleTo(dialog)
    form.direction_combo.setCurrentIndex(form.direction_combo.findData(Direction.RANGE))
    assert form.range_low_edit.isVisibleTo(dialog)
    form.range_low_edit.setText("10")
    form.range_high_edit.setText("5")
    assert not dialog.ok_button.isEnabled()
    assert "下限が上限より大きく" in form.errors_label.text()
    form.range_high_edit.setText("20")
    assert dialog.ok_button.isEnabled()


def test_qualitative_shows_levels_and_fixes_the_unit(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    form = dialog.form
    fill_basics(dialog, annual="4")
    assert not form.levels_group.isVisibleTo(dialog)
    form.kind_combo.setCurrentIndex(form.kind_combo.findData(KpiKind.QUALITATIVE))
    assert form.levels_group.isVisibleTo(dialog)
    assert form.unit_edit.text() == "レベル" and form.unit_edit.isReadOnly()
    assert "レベルの説明が揃っていません" in form.warnings_label.text()
    form.annual_target_edit.setText("7")
    assert not dialog.ok_button.isEnabled()
    form.annual_target_edit.setText("4")
    for i, edit in enumerate(form.level_edits, start=1):
        edit.setText(f"状態{i}")
    dialog.ok_button.click()
    saved = dialog.saved_kpi
    assert saved is not None
    assert saved.kind is KpiKind.QUALITATIVE and saved.unit == "レベル"
    assert saved.level_descriptions == tuple(f"状態{i}" for i in range(1, 6))


def test_pick_from_the_library(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    dialog.form.library_button.click()
    library = dialog.library_dialog
    assert isinstance(library, LibraryDialog)
    assert library.current_category().label == "総務"
    assert library.select_entry("備品補充の遅延件数")
    assert "補充" in library.detail.toPlainText()
    library.use_button.click()

    form = dialog.form
    assert form.name_edit.text() == "備品補充の遅延件数"
    assert form.unit_edit.text() == "件"
    assert form.direction_combo.currentData() == Direction.LOWER
    assert form.annual_target_edit.text() == "0"
    assert "現場" in form.rationale_edit.toPlainText()
    form.name_edit.setText("備品補充の遅延件数（本社）")  # still editable
    dialog.ok_button.click()
    assert dialog.saved_kpi is not None
    assert dialog.saved_kpi.name == "備品補充の遅延件数（本社）"


def test_library_qualitative_entry_fills_levels(qtbot, uow_factory, department):
    dialog = open_dialog(qtbot, uow_factory, department)
    dialog.form.library_button.click()
    library = dialog.library_dialog
    assert library.select_entry("問い合わせ対応の丁寧さ")
    library.use_button.click()
    form = dialog.form
    assert form.kind_combo.currentData() == KpiKind.QUALITATIVE
    assert form.levels_group.isVisibleTo(dialog)
    assert all(edit.text() for edit in form.level_edits)


def test_library_dialog_filters_and_preselects(qtbot):
    categories = load_bundled_library()
    assert categories
    dialog = LibraryDialog(categories, department_name="人事部")
    qtbot.addWidget(dialog)
    assert dialog.current_category().label == "人事"
    before = dialog.proxy.rowCount()
    dialog.filter_edit.setText("採用")
    assert 0 < dialog.proxy.rowCount() < before


def test_library_entry_model(qtmodeltester):
    categories = load_bundled_library()
    assert categories
    model = LibraryEntryModel()
    model.set_entries(categories[0].entries)
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("annual", "aggregation", "count", "decimals", "expected"),
    [
        (1200, Aggregation.SUM, 12, 0, [100.0] * 12),
        (100, Aggregation.SUM, 12, 0, [9.0] * 4 + [8.0] * 8),
        (10, Aggregation.SUM, 3, 1, [3.4, 3.3, 3.3]),
        (95, Aggregation.AVERAGE, 3, 0, [95, 95, 95]),
        (5, Aggregation.LAST, 0, 0, []),
    ],
)
def test_even_split(annual, aggregation, count, decimals, expected):
    values = even_split(annual, aggregation, count, decimals)
    assert values == expected
    if aggregation is Aggregation.SUM and count:
        assert round(sum(values), 6) == annual


def test_a_second_kpi_of_one_name_in_the_department_is_refused(qtbot, uow_factory, department):
    stored = services.save_kpi(
        uow_factory(),
        Kpi(0, department.id, "備品補充の遅延件数", unit="件", annual_target=0, rationale="理由"),
    )
    dialog = open_dialog(qtbot, uow_factory, department)
    fill_basics(dialog)  # the same name as the stored KPI
    assert not dialog.ok_button.isEnabled()
    assert "同じ名前のKPIがあります" in dialog.form.errors_label.text()
    dialog.form.name_edit.setText("備品補充の遅延件数（本社）")
    assert dialog.ok_button.isEnabled()
    # editing the stored KPI itself keeps its own name
    edit = open_dialog(qtbot, uow_factory, department, kpi=stored)
    assert edit.ok_button.isEnabled(), edit.form.errors_label.text()
