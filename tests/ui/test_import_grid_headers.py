"""The wizard's sheet grid names each column's role in its header: every role's header fits the
grid's column (Japanese and English), and the header's tooltip gives the full wording."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics

from domain.importing.vocabulary import Role
from storage.spreadsheet_reader import read_workbook
from ui.import_models import header_role_label, role_label
from ui.import_session import ImportSession
from ui.import_wizard import ImportWizard


def grouped_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "営業"
    ws.append(["媒体", "項目", "区分", "4月", "5月"])
    ws.append(["自社サイト", "売上", "目標", 100, 110])
    ws.append([None, None, "実績", 90, 120])
    wb.save(path)
    return path


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_role_fits_the_grid_column_and_the_tooltip_says_it_all(
    qtbot, tmp_path, db, company, language
):
    from PySide6.QtGui import QFontDatabase

    from ui import i18n
    from ui.resources import resource_path

    if not QFontDatabase.families(QFontDatabase.WritingSystem.Japanese):  # as the app does
        QFontDatabase.addApplicationFont(str(resource_path("fonts", "ipaexg.ttf")))
    app = QCoreApplication.instance()
    translators = i18n.install_translators(app, language, tmp_path) if language == "en" else []
    try:
        data = read_workbook(grouped_book(tmp_path / "営業.xlsx"))
        session = ImportSession.from_read(data, today=date(2026, 5, 1), known_departments=[])
        wizard = ImportWizard(session, db.uow, user="u")
        qtbot.addWidget(wizard)
        wizard.show()
        header = wizard.cells_view.horizontalHeader()
        model = wizard.cells_model
        roles = {c: model._roles.get(c) for c in range(model.columnCount())}
        assert {Role.NAME, Role.VALUES} <= set(roles.values())
        for column, role in roles.items():
            if role is None or role is Role.IGNORE:
                continue
            letter = "ABCDE"[column]
            shown = model.headerData(column, Qt.Orientation.Horizontal)
            assert shown == f"{letter}\n{header_role_label(role)}"
            tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            assert tip == f"{letter}: {role_label(role)}"
        metrics = QFontMetrics(header.font())
        room = header.sectionSize(0) - 8  # the header's own margins
        for role in Role:
            if role is not Role.IGNORE:
                text = header_role_label(role)
                assert metrics.horizontalAdvance(text) <= room, (role, text, room)
        assert header.sectionSize(0) <= 160  # room for the words, not a sheet of wide columns
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        if language == "en":
            i18n.install_translators(app, "ja", tmp_path)  # the locale back for later tests
