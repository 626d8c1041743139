"""HistoryDialog and HistoryTableModel over the change history of a KPI."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from domain import services
from domain.fiscal import YearMonth
from domain.model import CellEdit, Change, Kpi, Series
from ui.history_dialog import HistoryDialog, HistoryTableModel, source_text

Column = HistoryTableModel.Column


@pytest.fixture
def kpi(uow_factory, department) -> Kpi:
    return services.save_kpi(
        uow_factory(),
        Kpi(0, department.id, "請求処理の平均日数", unit="日", decimals=1, rationale="締めを守る"),
    )


def row_texts(dialog: HistoryDialog, row: int) -> list[str]:
    return [dialog.proxy.index(row, column).data() for column in Column]


def test_shows_each_change_newest_first(qtbot, uow_factory, kpi):
    april, may = YearMonth(2025, 4), YearMonth(2025, 5)
    services.apply_edits(
        uow_factory(), [CellEdit(kpi.id, april, Series.ACTUAL, 3.25, "")], user="佐藤"
    )
    services.apply_edits(
        uow_factory(),
        [CellEdit(kpi.id, april, Series.ACTUAL, 2.5, "締め日前倒し")],
        user="佐藤",
        source=services.Source.PASTE,
    )
    services.apply_edits(
        uow_factory(),
        [CellEdit(kpi.id, may, Series.TARGET, 2.0, "")],
        user="山田",
        source="import:請求.xlsx",
    )
    dialog = HistoryDialog(uow_factory, kpi)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.model.headers() == (
        "日時", "利用者", "月", "種別", "変更前", "変更後", "メモ", "操作",
    )  # fmt: skip
    assert dialog.proxy.rowCount() == 3
    assert not dialog.empty_label.isVisible()
    newest = row_texts(dialog, 0)
    assert newest[1:] == ["山田", "2025年5月", "目標", "", "2.0", "", "取り込み 請求.xlsx"]
    assert row_texts(dialog, 1)[1:] == [
        "佐藤", "2025年4月", "実績", "3.25", "2.5", "締め日前倒し", "貼り付け",
    ]  # fmt: skip
    assert row_texts(dialog, 2)[1:] == ["佐藤", "2025年4月", "実績", "", "3.25", "", "入力"]
    assert "請求処理の平均日数" in dialog.windowTitle()


def test_empty_history(qtbot, uow_factory, kpi):
    dialog = HistoryDialog(uow_factory, kpi)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.proxy.rowCount() == 0
    assert dialog.empty_label.isVisible()


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("edit", "入力"),
        ("paste", "貼り付け"),
        ("undo", "元に戻す"),
        ("redo", "やり直し"),
        ("kpi_dialog", "KPI設定"),
        ("demo", "デモ"),
        ("import:総務部.xlsx", "取り込み 総務部.xlsx"),
        ("import", "取り込み"),
        ("", ""),
        ("something_new", "something_new"),
    ],
)
def test_source_text(code, text):
    assert source_text(code) == text


def test_history_table_model(qtmodeltester):
    at = datetime(2025, 5, 1, 9, 30)
    changes = [
        Change(
            2, 1, YearMonth(2025, 5), Series.ACTUAL, None, 1234.5, "", "メモ", "佐藤", at, "edit"
        ),
        Change(1, 1, YearMonth(2026, 1), Series.TARGET, 3.0, None, "旧", "", "山田", at, "undo"),
    ]
    model = HistoryTableModel(decimals=1)
    model.set_changes(changes)
    qtmodeltester.check(model)
    assert model.index(0, Column.NEW).data() == "1,234.5"
    assert model.index(0, Column.AT).data() == "2025/05/01 09:30"
    assert model.index(1, Column.MONTH).data() == "2026年1月"
    assert "旧" in model.index(1, Column.NOTE).data(Qt.ItemDataRole.ToolTipRole)
