"""SettingsDialog: company settings in the database, the language in QSettings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from domain import services
from domain.model import Thresholds
from storage.database import open_database
from ui.settings_dialog import SettingsDialog, fiscal_start_text


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path):
    """Keep QSettings of these tests in the test's own folder."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings("Mieruka", "Mieruka").clear()
    yield


def make_dialog(qtbot, uow_factory) -> SettingsDialog:
    dialog = SettingsDialog(uow_factory)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_shows_the_stored_settings_and_defaults(qtbot, uow_factory, company):
    dialog = make_dialog(qtbot, uow_factory)
    assert dialog.name_edit.text() == "テスト株式会社"
    assert dialog.start_spin.value() == 4
    assert dialog.start_label.text() == "4月始まり（4月〜翌年3月）"
    assert dialog.achieved_spin.value() == 100
    assert dialog.caution_spin.value() == 90
    assert dialog.language_combo.currentData() == "ja"
    assert dialog.ok_button.isEnabled()


@pytest.mark.parametrize(
    ("start", "text"),
    [
        (4, "4月始まり（4月〜翌年3月）"),
        (1, "1月始まり（1月〜12月）"),
        (10, "10月始まり（10月〜翌年9月）"),
    ],
)
def test_fiscal_start_text(start, text):
    assert fiscal_start_text(start) == text


def test_caution_above_achieved_blocks_ok(qtbot, uow_factory, company):
    dialog = make_dialog(qtbot, uow_factory)
    dialog.caution_spin.setValue(110)
    assert not dialog.ok_button.isEnabled()
    assert "注意の基準" in dialog.error_label.text()
    dialog.caution_spin.setValue(100)
    assert dialog.ok_button.isEnabled()


def test_empty_company_name_blocks_ok(qtbot, uow_factory, company):
    dialog = make_dialog(qtbot, uow_factory)
    dialog.name_edit.setText("  ")
    assert not dialog.ok_button.isEnabled()


def test_save_writes_database_and_language(qtbot, uow_factory, company, db):
    dialog = make_dialog(qtbot, uow_factory)
    dialog.name_edit.setText("株式会社みえる")
    dialog.start_spin.setValue(10)
    assert dialog.start_label.text() == "10月始まり（10月〜翌年9月）"
    dialog.achieved_spin.setValue(95)
    dialog.caution_spin.setValue(80)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted

    path = db.path
    db.close()
    reopened = open_database(path)
    try:
        saved = services.get_company(reopened.uow())
    finally:
        reopened.close()
    assert saved is not None
    assert saved.name == "株式会社みえる"
    assert saved.fiscal_year_start == 10
    assert saved.thresholds == Thresholds(achieved=0.95, caution=0.8)
    assert QSettings("Mieruka", "Mieruka").value("ui/language") == "en"


def test_cancel_changes_nothing(qtbot, uow_factory, company):
    dialog = make_dialog(qtbot, uow_factory)
    dialog.name_edit.setText("別の会社")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.reject()
    assert services.get_company(uow_factory()).name == "テスト株式会社"
    assert QSettings("Mieruka", "Mieruka").value("ui/language") is None


def test_the_shared_server_is_chosen_in_the_settings(qtbot, uow_factory, company):
    from ui.i18n import DATABASE_KEY, settings
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(uow_factory)
    qtbot.addWidget(dialog)
    assert dialog.local_radio.isChecked() and not dialog.server_edit.isEnabled()
    dialog.server_radio.setChecked(True)
    dialog.server_edit.setText("mysql://nope")
    assert not dialog.ok_button.isEnabled()
    dialog.server_edit.setText("postgresql+psycopg://kpi:pw@srv/mieruka")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert settings().value(DATABASE_KEY) == "postgresql+psycopg://kpi:pw@srv/mieruka"
    again = SettingsDialog(uow_factory)
    qtbot.addWidget(again)
    assert again.server_radio.isChecked()
    again.local_radio.setChecked(True)
    again.ok_button.click()
    assert settings().value(DATABASE_KEY) == ""


def test_the_number_of_backups_to_keep_is_a_setting(qtbot, uow_factory, company):
    from ui.i18n import backup_keep
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(uow_factory)
    qtbot.addWidget(dialog)
    assert dialog.keep_spin.value() == 5
    dialog.keep_spin.setValue(12)
    dialog.ok_button.click()
    assert backup_keep() == 12
