"""MembersPanel, MemberDialog and MemberTableModel on a real SQLite file."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from domain import services
from domain.model import Member
from ui.members_view import MemberDialog, MembersPanel, MemberTableModel


def make_panel(qtbot, uow_factory) -> MembersPanel:
    panel = MembersPanel(uow_factory)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def column_texts(panel: MembersPanel, column: MemberTableModel.Column) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def add(uow_factory, no, name, department_id=None):
    return services.add_member(uow_factory(), Member(0, no, name, department_id))


def test_table_shows_members_with_department_and_status(qtbot, uow_factory, member, department):
    panel = make_panel(qtbot, uow_factory)
    model = panel.model
    assert model.headers() == ("社員番号", "氏名", "部門", "役職", "等級", "状態")
    assert panel.proxy.rowCount() == 1
    row = [panel.proxy.index(0, c).data() for c in MemberTableModel.Column]
    assert row == ["1001", "山田 太郎", "総務部", "課長", "G3", "在籍"]


def test_filter_box(qtbot, uow_factory, company, department):
    add(uow_factory, "1001", "山田 太郎", department.id)
    add(uow_factory, "1002", "佐藤 花子")
    panel = make_panel(qtbot, uow_factory)
    panel.filter_edit.setText("佐藤")
    assert column_texts(panel, MemberTableModel.Column.NAME) == ["佐藤 花子"]
    panel.filter_edit.setText("総務")
    assert column_texts(panel, MemberTableModel.Column.NAME) == ["山田 太郎"]
    panel.filter_edit.setText("")
    assert panel.proxy.rowCount() == 2


def test_add_member_through_the_dialog(qtbot, uow_factory, department):
    panel = make_panel(qtbot, uow_factory)
    assert not panel.edit_button.isEnabled()
    panel.add_button.click()
    dialog = panel.member_dialog
    assert isinstance(dialog, MemberDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.employee_no_edit.setText("2001")
    assert not dialog.ok_button.isEnabled()  # a name is required too
    dialog.name_edit.setText("鈴木 一郎")
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findData(department.id))
    dialog.title_edit.setText("主任")
    dialog.ok_button.click()

    assert column_texts(panel, MemberTableModel.Column.NAME) == ["鈴木 一郎"]
    assert panel.selected_member() is not None
    assert panel.selected_member().department_id == department.id
    (stored,) = services.list_members(uow_factory())
    assert (stored.employee_no, stored.title) == ("2001", "主任")


def test_duplicate_employee_number_keeps_the_dialog_open(qtbot, uow_factory, member, department):
    dialog = MemberDialog(uow_factory, departments=[department])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.employee_no_edit.setText(member.employee_no)
    dialog.name_edit.setText("別人")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "社員番号「1001」は既に使われています" in dialog.error_label.text()
    assert "1001" in dialog.employee_no_edit.toolTip()
    assert len(services.list_members(uow_factory())) == 1

    dialog.employee_no_edit.setText("1002")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_member is not None and dialog.saved_member.employee_no == "1002"


def test_edit_member(qtbot, uow_factory, member, department):
    panel = make_panel(qtbot, uow_factory)
    panel.select_member(member.id)
    assert panel.edit_button.isEnabled()
    panel.edit_button.click()
    dialog = panel.member_dialog
    assert dialog.employee_no_edit.text() == "1001"
    assert dialog.department_combo.currentData() == department.id
    dialog.grade_edit.setText("G4")
    dialog.ok_button.click()
    assert column_texts(panel, MemberTableModel.Column.GRADE) == ["G4"]


def test_archive_and_restore(qtbot, uow_factory, member):
    panel = make_panel(qtbot, uow_factory)
    panel.select_member(member.id)
    assert panel.archive_button.text() == "アーカイブ"
    panel.archive_button.click()
    assert panel.proxy.rowCount() == 0

    panel.show_archived_check.setChecked(True)
    assert column_texts(panel, MemberTableModel.Column.STATUS) == ["アーカイブ"]
    panel.select_member(member.id)
    assert panel.archive_button.text() == "復元"
    panel.archive_button.click()
    assert column_texts(panel, MemberTableModel.Column.STATUS) == ["在籍"]
    assert services.list_members(uow_factory())[0].archived is False


def test_member_table_model(qtmodeltester, uow_factory, member, department):
    model = MemberTableModel()
    model.set_members(
        [member, Member(9, "9", "未所属の人", None, archived=True)],
        {department.id: department.name},
    )
    qtmodeltester.check(model)
    assert model.index(1, MemberTableModel.Column.DEPARTMENT).data() == "（未所属）"


def test_a_new_member_starts_in_the_department_chosen_on_the_left(qtbot, uow_factory, department):
    from datetime import date

    from ui.main_window import MainWindow, WindowContext

    other = services.add_department(uow_factory(), name="人事部", mission="人を活かす")
    window = MainWindow(WindowContext(uow_factory, "x", "tester", "t"), today=date(2025, 5, 1))
    qtbot.addWidget(window)
    window.show()
    window.departments.reload(select_id=other.id)
    window.tabs.setCurrentWidget(window.members)
    window.members.add_button.click()
    dialog = window.members.member_dialog
    assert dialog.department_combo.currentData() == other.id
    dialog.reject()
    window.departments.reload(select_id=department.id)
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentWidget(window.members)
    window.members.add_button.click()
    assert window.members.member_dialog.department_combo.currentData() == department.id
