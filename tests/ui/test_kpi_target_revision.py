"""Changing a KPI's target in the KPI dialog after the fiscal year started: the reason is asked,
a revision is recorded, earlier months keep their targets; cancelling saves nothing. Offscreen,
on a real SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from domain import services
from domain.fiscal import YearMonth, fiscal_months
from domain.model import Aggregation, CellEdit, Kpi, Series
from domain.target_revision import target_revisions
from ui.history_dialog import HistoryDialog, RevisionTableModel
from ui.kpi_dialog import KpiDialog
from ui.main_window import MainWindow, WindowContext
from ui.target_change_dialog import TargetChangeDialog

TODAY = date(2025, 10, 15)  # 2025年度 (April start) is in its seventh month
MONTHS = fiscal_months(2025, 4)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def kpi(uow_factory, department) -> Kpi:
    saved = services.save_kpi(
        uow_factory(),
        Kpi(0, department.id, "採用人数", unit="人", annual_target=120, rationale="人員計画"),
    )
    services.apply_edits(
        uow_factory(),
        [CellEdit(saved.id, MONTHS[i], Series.ACTUAL, 9.0) for i in range(6)],
        user="tester",
    )
    return saved


def open_dialog(qtbot, uow_factory, department, kpi, *, today=TODAY, fiscal_year=2025):
    dialog = KpiDialog(
        uow_factory,
        department=department,
        kpi=kpi,
        fiscal_year=fiscal_year,
        fiscal_year_start=4,
        members=[],
        objectives=[],
        user="tester",
        today=today,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def stored_targets(uow_factory, kpi_id: int) -> dict[YearMonth, float]:
    cells = services.read_series(uow_factory(), Series.TARGET, [kpi_id], MONTHS[0], MONTHS[-1])
    return {m: c.value for (_, m), c in cells.items() if c.value is not None}


def stored_kpi(uow_factory, kpi_id: int) -> Kpi:
    return next(k for k in services.list_kpis(uow_factory()) if k.id == kpi_id)


def test_changing_the_annual_target_asks_why_and_records_a_revision(
    qtbot, uow_factory, department, kpi
):
    dialog = open_dialog(qtbot, uow_factory, department, kpi)
    dialog.form.annual_target_edit.setText("180")
    dialog.ok_button.click()

    prompt = dialog.reason_dialog
    assert isinstance(prompt, TargetChangeDialog) and prompt.isVisible()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert stored_kpi(uow_factory, kpi.id).annual_target == 120  # nothing saved yet
    fields = prompt.fields
    assert fields.effective_month() == YearMonth(2025, 10)  # defaults to this month
    assert prompt.targets_label.text() == "120人 → 180人"
    assert [fields.preview.item(0, c).text() for c in (0, 5, 6, 11)] == ["10"] * 4
    assert [fields.preview.item(1, c).text() for c in (0, 5, 6, 11)] == ["10", "10", "20", "20"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    prompt.grab().save(str(SHOTS / "kpi_target_change_prompt.png"))

    prompt.ok_button.click()  # no reason yet: refused, still open
    assert fields.message.text() == "改訂の理由を入力してください。" and prompt.isVisible()
    assert target_revisions(uow_factory(), kpi.id) == []

    fields.reason.setPlainText("増員計画の前倒しで下期の採用を増やすため")
    prompt.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.saved_kpi is not None and dialog.saved_kpi.annual_target == 180

    (revision,) = target_revisions(uow_factory(), kpi.id)
    assert revision == dialog.revision
    assert (revision.old_target, revision.new_target) == (120.0, 180.0)
    assert revision.reason == "増員計画の前倒しで下期の採用を増やすため"
    assert (revision.fiscal_year, revision.effective_from, revision.user) == (
        2025,
        YearMonth(2025, 10),
        "tester",
    )
    targets = stored_targets(uow_factory, kpi.id)
    assert [targets[m] for m in MONTHS] == [10.0] * 6 + [20.0] * 6  # April–September kept
    assert stored_kpi(uow_factory, kpi.id).annual_target == 180

    history = HistoryDialog(uow_factory, stored_kpi(uow_factory, kpi.id))
    qtbot.addWidget(history)
    history.show()
    assert history.revisions_table.isVisible()
    model = history.revision_model
    row = [model.index(0, c).data() for c in RevisionTableModel.Column]
    assert row[1:] == [
        "2025年度",
        "2025年10月",
        "120",
        "180",
        "増員計画の前倒しで下期の採用を増やすため",
        "tester",
    ]
    rows = [
        [history.proxy.index(r, c).data() for c in range(8)]
        for r in range(history.proxy.rowCount())
    ]
    target_rows = [r for r in rows if r[3] == "目標"]
    assert len(target_rows) == 12 and {r[7] for r in target_rows} == {"目標の改訂"}
    assert ["2025年10月", "10", "20"] in [[r[2], r[4], r[5]] for r in target_rows]
    history.resize(900, 520)
    history.grab().save(str(SHOTS / "kpi_history_with_revision.png"))


def test_cancelling_the_reason_keeps_the_dialog_open_and_saves_nothing(
    qtbot, uow_factory, department, kpi
):
    dialog = open_dialog(qtbot, uow_factory, department, kpi)
    dialog.form.annual_target_edit.setText("180")
    dialog.form.name_edit.setText("採用者数")
    dialog.ok_button.click()
    prompt = dialog.reason_dialog
    assert prompt is not None
    prompt.fields.reason.setPlainText("理由")
    prompt.reject()
    assert dialog.reason_dialog is None
    assert dialog.isVisible() and dialog.saved_kpi is None
    assert dialog.form.annual_target_edit.text() == "180"  # the user's edits are still there
    assert stored_kpi(uow_factory, kpi.id).name == "採用人数"
    assert stored_kpi(uow_factory, kpi.id).annual_target == 120
    assert target_revisions(uow_factory(), kpi.id) == []
    assert stored_targets(uow_factory, kpi.id) == {}
    assert {c.series for c in services.kpi_history(uow_factory(), kpi.id)} == {Series.ACTUAL}


def test_typed_step_targets_take_effect_from_the_chosen_month(qtbot, uow_factory, department, kpi):
    dialog = open_dialog(qtbot, uow_factory, department, kpi)
    edits = dialog.form.month_grid.target_edits
    edits[1].setText("30")  # May: before the effective month, stays 10
    edits[8].setText("15")  # December
    dialog.ok_button.click()
    prompt = dialog.reason_dialog
    assert prompt is not None
    assert prompt.fields.preview.item(1, 1).text() == "10"
    assert prompt.fields.preview.item(1, 8).text() == "15"
    prompt.fields.reason.setPlainText("年末の採用イベントに合わせる")
    prompt.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    targets = stored_targets(uow_factory, kpi.id)
    assert [targets[m] for m in MONTHS] == [10.0] * 8 + [15.0] + [10.0] * 3
    (revision,) = target_revisions(uow_factory(), kpi.id)
    assert (revision.old_target, revision.new_target) == (120.0, 125.0)


def test_only_a_past_month_changed_cannot_be_saved_from_this_month(
    qtbot, uow_factory, department, kpi
):
    dialog = open_dialog(qtbot, uow_factory, department, kpi)
    dialog.form.month_grid.target_edits[1].setText("30")
    dialog.ok_button.click()
    prompt = dialog.reason_dialog
    assert prompt is not None
    assert prompt.fields.message.text() == "目標が変わっていません。"
    assert not prompt.ok_button.isEnabled()
    prompt.fields.effective.setCurrentIndex(1)  # from May: now it is a change
    assert prompt.ok_button.isEnabled() and prompt.fields.message.text() == ""
    assert prompt.targets_label.text() == "120人 → 140人"


@pytest.mark.parametrize(
    ("today", "fiscal_year", "edit"),
    [
        (TODAY, 2025, "name"),  # other fields of a started year
        (TODAY, 2025, "rationale"),
        (TODAY, 2026, "annual"),  # a year that has not started
        (date(2025, 4, 20), 2025, "annual"),  # still the first month
        (date(2026, 5, 1), 2025, "annual"),  # a year that is over
    ],
)
def test_no_reason_is_asked(qtbot, uow_factory, department, kpi, today, fiscal_year, edit):
    dialog = open_dialog(qtbot, uow_factory, department, kpi, today=today, fiscal_year=fiscal_year)
    form = dialog.form
    if edit == "name":
        form.name_edit.setText("採用者数")
    elif edit == "rationale":
        form.rationale_edit.setPlainText("事業計画に必要な人員を確保する")
    else:
        form.annual_target_edit.setText("180")
    dialog.ok_button.click()
    assert dialog.reason_dialog is None
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert target_revisions(uow_factory(), kpi.id) == []


def test_fractional_stored_targets_are_not_a_change(qtbot, uow_factory, department, kpi):
    """Targets left by an earlier revision (e.g. 100/3) show rounded; saving a name is no
    revision and does not round them."""
    third = 100 / 3
    services.save_kpi(
        uow_factory(), stored_kpi(uow_factory, kpi.id), monthly_targets={MONTHS[9]: third}
    )
    dialog = open_dialog(qtbot, uow_factory, department, stored_kpi(uow_factory, kpi.id))
    dialog.form.name_edit.setText("採用者数")
    dialog.ok_button.click()
    assert dialog.reason_dialog is None and dialog.result() == QDialog.DialogCode.Accepted
    assert stored_targets(uow_factory, kpi.id) == {MONTHS[9]: third}


def test_from_the_kpi_list_of_the_main_window(qtbot, db, company, department):
    """The window hands its date to the dialog: a revision is asked for there too."""
    average = services.save_kpi(
        db.uow(),
        Kpi(
            0,
            department.id,
            "問い合わせ満足度",
            unit="点",
            aggregation=Aggregation.AVERAGE,
            annual_target=80,
            rationale="社内の信頼",
        ),
    )
    window = MainWindow(WindowContext(db.uow, "x", "tester", "t"), today=TODAY)
    qtbot.addWidget(window)
    window.departments.select(department.id)
    steps: list[str] = []

    def act() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, KpiDialog) and modal.reason_dialog is None:
            modal.form.annual_target_edit.setText("85")
            modal.ok_button.click()
            steps.append("edited")
        elif isinstance(modal, TargetChangeDialog):
            modal.fields.reason.setPlainText("品質向上の取り組みを始めたため")
            modal.ok_button.click()
            steps.append("reason")
            return
        QTimer.singleShot(20, act)

    QTimer.singleShot(20, act)
    saved = window.edit_kpi(average)
    assert steps == ["edited", "reason"]
    assert saved is not None and saved.annual_target == 85
    (revision,) = target_revisions(db.uow(), average.id)
    assert (revision.old_target, revision.new_target) == (80.0, 85.0)
    targets = stored_targets(db.uow, average.id)
    assert [targets[m] for m in MONTHS] == [80.0] * 6 + [85.0] * 6
