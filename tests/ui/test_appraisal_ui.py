"""評価 tab and sheet editor offscreen on a real SQLite file: live weights and grade, locks,
workflow buttons, bulk start, overview, preview (pdfium), batch PDF and Excel export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from domain import appraisal_services as aps
from domain import services
from domain.appraisal_model import Action, AppraisalPeriod, Block, Stage
from domain.model import Member
from storage.appraisal_documents import AppraisalDocumentWriter
from ui.appraisal_sheet import OK_STYLE, WARN_STYLE, SheetEditor
from ui.appraisal_tab import AppraisalPanel, OverviewModel

DOCS = AppraisalDocumentWriter(printed_on=date(2026, 11, 22))


def when_modal(callback) -> None:
    """Act on the next modal dialog once it is shown (exec() blocks the test otherwise)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, poll)
            return
        callback(widget)

    QTimer.singleShot(0, poll)


@pytest.fixture
def sheet_id(uow_factory, member, department):
    boss = services.add_member(uow_factory(), Member(0, "1000", "佐藤 部長", department.id, "部長"))
    period = aps.create_period(
        uow_factory(), AppraisalPeriod(0, "2025年度上期", date(2025, 4, 1), date(2025, 9, 30))
    )
    aps.start_period(uow_factory(), period.id, first_evaluator_id=boss.id)
    return next(s.id for s in aps.list_sheets(uow_factory(), period.id) if s.member_id == member.id)


def make_editor(qtbot, uow_factory, sheet_id) -> SheetEditor:
    editor = SheetEditor(uow_factory, sheet_id, user="tester", documents=DOCS)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def column(editor: SheetEditor, block: Block, title: str) -> int:
    return next(i for i, c in enumerate(editor.models[block].columns) if c.title == title)


def type_into(editor: SheetEditor, block: Block, row: int, title: str, text: str) -> bool:
    model = editor.models[block]
    return model.setData(model.index(row, column(editor, block, title)), text)


def fill(editor: SheetEditor, weights=(60, 40), process=(100,), first=None) -> None:
    for block, ws in ((Block.PERFORMANCE, weights), (Block.PROCESS, process)):
        for w in ws:
            row = editor.add_item(block)
            assert type_into(editor, block, row, "ウェイト%", str(w))
            if first is not None:
                assert type_into(editor, block, row, "一次", str(first))


def test_live_weight_total_turns_red_until_100(qtbot, uow_factory, sheet_id):
    editor = make_editor(qtbot, uow_factory, sheet_id)
    label = editor.weight_labels[Block.PERFORMANCE]
    fill(editor, weights=(60, 30))
    assert "90%" in label.text() and label.styleSheet() == WARN_STYLE
    assert type_into(editor, Block.PERFORMANCE, 1, "ウェイト%", "４０％")  # 全角 and % accepted
    assert "100%" in label.text() and label.styleSheet() == OK_STYLE
    assert not type_into(editor, Block.PERFORMANCE, 1, "ウェイト%", "たくさん")
    assert not type_into(editor, Block.PERFORMANCE, 1, "ウェイト%", "-5")
    assert editor.models[Block.PERFORMANCE].row_at(1).weight == 40


def test_live_score_and_grade(qtbot, uow_factory, sheet_id):
    editor = make_editor(qtbot, uow_factory, sheet_id)
    assert editor.grade_label.text() == "評語 未評価"
    fill(editor, first=4)
    assert editor.grade_label.text() == "評語 A"  # 4 on 1–5 → 75 点
    assert "75.0" in editor.score_label.text() or "75 点" in editor.score_label.text()
    assert not type_into(editor, Block.PROCESS, 0, "一次", "6")  # outside the 1–5 scale
    assert type_into(editor, Block.PROCESS, 0, "一次", "5")
    # 0.7 × 4 + 0.3 × 5 = 4.3 → 82.5 点
    assert editor.live_score.points == 82.5 and editor.grade_label.text() == "評語 A"
    editor.add_bonus.click()
    bonus = editor.adjustment_model
    assert bonus.setData(bonus.index(0, 1), "8")
    assert editor.live_score.points == 90.5 and editor.grade_label.text() == "評語 S"


def test_save_then_workflow_buttons_lock_the_sheet(qtbot, uow_factory, sheet_id):
    editor = make_editor(qtbot, uow_factory, sheet_id)
    fill(editor, first=3)
    assert editor.action_buttons[Action.SUBMIT_SELF].isVisible()
    assert not editor.action_buttons[Action.FINALIZE].isVisible()
    editor.action_buttons[Action.SUBMIT_SELF].click()  # saves first, then submits
    assert aps.get_sheet(uow_factory(), sheet_id).stage is Stage.SELF_DONE
    assert "自己評価済" in editor.stage_label.text()
    model = editor.models[Block.PERFORMANCE]
    goal = model.index(0, column(editor, Block.PERFORMANCE, "目標"))
    first = model.index(0, column(editor, Block.PERFORMANCE, "一次"))
    assert not model.flags(goal) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(first) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(goal, "変更")
    assert not editor.add_buttons[Block.PERFORMANCE].isEnabled()
    editor.action_buttons[Action.CONFIRM_FIRST].click()
    # no 二次評価者: 一次 is final, so the next step is 確定
    assert editor.action_buttons[Action.FINALIZE].isVisible()
    assert not editor.action_buttons[Action.CONFIRM_SECOND].isVisible()
    editor.action_buttons[Action.FINALIZE].click()
    stored = aps.get_sheet(uow_factory(), sheet_id)
    assert stored.stage is Stage.FINAL
    assert [e.action for e in stored.events] == [
        Action.SUBMIT_SELF,
        Action.CONFIRM_FIRST,
        Action.FINALIZE,
    ]
    assert not model.flags(first) & Qt.ItemFlag.ItemIsEditable
    assert editor.self_comment.isReadOnly()


def test_finalize_refused_with_a_message_when_weights_are_wrong(qtbot, uow_factory, sheet_id):
    editor = make_editor(qtbot, uow_factory, sheet_id)
    fill(editor, weights=(60, 30), first=3)
    editor.action_buttons[Action.SUBMIT_SELF].click()
    editor.action_buttons[Action.CONFIRM_FIRST].click()
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    assert editor.run_action(Action.FINALIZE) is False
    assert seen and "ウェイト" in seen[0] and "90%" in seen[0]
    assert aps.get_sheet(uow_factory(), sheet_id).stage is Stage.FIRST_DONE


def test_reopen_is_recorded_with_its_reason(qtbot, uow_factory, sheet_id):
    editor = make_editor(qtbot, uow_factory, sheet_id)
    fill(editor, first=3)
    editor.run_action(Action.SUBMIT_SELF)

    def choose_stage(dialog: QDialog) -> None:
        when_modal(type_reason)
        dialog.accept()

    def type_reason(dialog: QDialog) -> None:
        dialog.setTextValue("目標の書き直し")
        dialog.accept()

    when_modal(choose_stage)
    assert editor.run_action(Action.REOPEN)
    stored = aps.get_sheet(uow_factory(), sheet_id)
    assert stored.stage is Stage.DRAFT
    assert stored.events[-1].reason == "目標の書き直し"
    assert editor.history.count() == 2


def test_panel_overview_bulk_start_and_exports(qtbot, uow_factory, sheet_id, tmp_path):
    panel = AppraisalPanel(uow_factory, user="tester", documents=DOCS)
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    assert panel.period_combo.currentText() == "2025年度上期"
    assert panel.model.rowCount() == 2
    assert "未評価：2名" in panel.distribution.text()
    services.add_member(uow_factory(), Member(0, "1003", "新人 花子"))

    def start(dialog: QDialog) -> None:
        dialog.accept()

    def done(box: QMessageBox) -> None:
        assert "1人分" in box.text()
        box.accept()

    when_modal(lambda d: (when_modal(done), start(d)))
    result = panel.start_period()
    assert result is not None and len(result.created) == 1 and result.skipped == 2
    assert panel.model.rowCount() == 3
    files = panel.export_sheets(one_file_each=True, target=tmp_path / "each")
    assert sorted(f.name for f in files) == sorted(
        f"評価シート_{n}_2025年度上期.pdf" for n in ("佐藤 部長", "山田 太郎", "新人 花子")
    )
    (one,) = panel.export_sheets(one_file_each=False, target=tmp_path / "all.pdf")
    assert len(PdfReader(str(one)).pages) >= 3
    xlsx = panel.export_overview(excel=True, target=tmp_path / "overview.xlsx")
    assert xlsx is not None and xlsx.exists()
    pdf = panel.export_overview(excel=False, target=tmp_path / "overview.pdf")
    assert pdf is not None and "評価結果一覧" in PdfReader(str(pdf)).pages[0].extract_text()


def test_overview_model_passes_modeltest(qtbot, qtmodeltester, uow_factory, sheet_id):
    panel = AppraisalPanel(uow_factory, user="tester", documents=DOCS)
    qtbot.addWidget(panel)
    panel.reload()
    qtmodeltester.check(panel.model)
    assert panel.model.headers()[OverviewModel.Column.GRADE] == "評語"
    assert panel.model.index(0, OverviewModel.Column.GRADE).data() == "未評価"
    assert panel.model.rowCount(QModelIndex()) == 2


def test_preview_renders_the_pdf_pages(qtbot, uow_factory, sheet_id, tmp_path):
    editor = make_editor(qtbot, uow_factory, sheet_id)
    fill(editor, first=4)
    dialog = editor.preview()
    qtbot.addWidget(dialog)
    assert dialog.page_count() == len(PdfReader(str(dialog.pdf_path)).pages) >= 1
    image = dialog.render_page(0, 400)
    assert image.width() == 400 and image.height() > 500
    dark = sum(
        1
        for x in range(0, 400, 4)
        for y in range(0, image.height(), 4)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 50  # text and table lines were drawn
    grab = tmp_path / "preview.png"
    dialog.grab().save(str(grab))
    assert grab.stat().st_size > 1000
    dialog.close()
    assert not Path(dialog.pdf_path).exists()  # the temporary file is removed
    saved = editor.export_pdf(hide_second=True, target=tmp_path / "copy.pdf")
    assert saved is not None and "一次評価者用" in PdfReader(str(saved)).pages[0].extract_text()
