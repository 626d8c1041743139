"""Start-up as a user meets it: the first-start choice, the demo company, refusals shown clearly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from domain import services
from storage.database import open_database
from ui.app import AppController
from ui.first_run import FirstRunDialog


def _controller(tmp_path: Path) -> AppController:
    return AppController(
        open_database=open_database,
        default_target=str(tmp_path / "mieruka.sqlite3"),
        demo_target=str(tmp_path / "mieruka-demo.sqlite3"),
        version="test",
    )


def _when_modal(callback) -> None:
    """Act on the next modal dialog once it is shown (exec() blocks the test otherwise)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, poll)
            return
        callback(widget)

    QTimer.singleShot(0, poll)


def test_first_start_creates_my_company(tmp_path: Path, qtbot):
    controller = _controller(tmp_path)
    db = controller.open_target(str(tmp_path / "mieruka.sqlite3"))

    def fill(dialog: FirstRunDialog) -> None:
        assert not dialog.create_button.isEnabled()
        dialog.name_edit.setText("株式会社テスト")
        dialog.month_combo.setCurrentIndex(dialog.month_combo.findData(10))
        dialog.create_button.click()

    _when_modal(fill)
    assert controller.ensure_company(db) is db
    company = services.get_company(db.uow())
    assert (company.name, company.fiscal_year_start) == ("株式会社テスト", 10)
    window = controller.show(db)
    qtbot.addWidget(window)
    assert "株式会社テスト" in window.windowTitle()
    assert window.year_combo.currentText().endswith("年度")
    db.close()


def test_first_start_can_open_the_demo_in_its_own_file(tmp_path: Path, qtbot):
    controller = _controller(tmp_path)
    db = controller.open_target(str(tmp_path / "mieruka.sqlite3"))
    _when_modal(lambda dialog: dialog.demo_button.click())
    demo = controller.ensure_company(db)
    assert demo is not None and demo.path == tmp_path / "mieruka-demo.sqlite3"
    assert services.get_company(demo.uow()).name
    assert len(services.list_departments(demo.uow())) == 5
    window = controller.show(demo)
    qtbot.addWidget(window)
    assert "デモ" in window.windowTitle()
    assert window.grid.model.rowCount() >= 6  # the first department's KPIs, 実績+目標 rows
    # the user's own database stays empty, so the next start offers the choice again
    mine = open_database(tmp_path / "mieruka.sqlite3")
    assert services.get_company(mine.uow()) is None
    mine.close()
    demo.close()


def test_a_file_that_is_not_a_database_is_explained_and_untouched(tmp_path: Path, qtbot):
    bogus = tmp_path / "予算.xlsx"
    bogus.write_bytes(b"PK\x03\x04not really a workbook")
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.close()

    _when_modal(read_and_close)
    assert _controller(tmp_path).open_target(str(bogus)) is None
    assert seen and str(bogus) in seen[0] and "データベースではありません" in seen[0]
    assert bogus.read_bytes() == b"PK\x03\x04not really a workbook"


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))


def test_a_corrupt_database_offers_the_newest_good_backup(tmp_path: Path, qtbot):
    import storage.backup

    path = tmp_path / "mieruka.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="復元される会社")
    db.close()
    open_database(path).close()  # the day's backup
    _corrupt(path)
    controller = AppController(
        open_database=open_database, default_target=str(path),
        demo_target=str(tmp_path / "demo.sqlite3"), version="t", backups=storage.backup,
    )
    texts: list[str] = []

    def restore(box: QMessageBox) -> None:
        texts.append(box.text() + box.informativeText())
        next(b for b in box.buttons() if b.text() == "バックアップから復元").click()

    _when_modal(restore)
    reopened = controller.open_target(str(path))
    assert reopened is not None
    assert "壊れています" in texts[0] and "バックアップ" in texts[0]
    assert services.get_company(reopened.uow()).name == "復元される会社"
    reopened.close()


def test_file_menu_restore_brings_back_an_earlier_state(tmp_path: Path, qtbot):
    import storage.backup

    path = tmp_path / "mieruka.sqlite3"
    db = open_database(path)
    services.create_company(db.uow(), name="昨日の会社")
    db.close()
    controller = AppController(
        open_database=open_database, default_target=str(path),
        demo_target=str(tmp_path / "demo.sqlite3"), version="t", backups=storage.backup,
    )
    db = controller.open_target(str(path))  # makes the day's backup of 「昨日の会社」
    services.add_department(db.uow(), name="あとで消える部門")
    window = controller.show(db)
    qtbot.addWidget(window)

    def choose_first(dialog) -> None:
        assert dialog.table.rowCount() == 1
        dialog.buttons.accepted.emit()

    _when_modal(choose_first)
    window.restore_action.trigger()
    assert controller.window is not window
    qtbot.addWidget(controller.window)
    assert services.list_departments(controller.db.uow()) == []
    assert {b.reason for b in storage.backup.list_backups(path)} == {"daily", "before-restore"}
    controller.db.close()


FALLBACK = r"""
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from domain import services
from storage.database import open_database
from ui.app import create_application, run_gui
from ui.i18n import DATABASE_KEY, settings

default = sys.argv[2]
db = open_database(default)
services.create_company(db.uow(), name="ローカル株式会社")
db.close()
settings().setValue(DATABASE_KEY, "postgresql+psycopg://nobody@127.0.0.1:1/none")
app = create_application("ja")
seen = []

def close_modal():
    box = QApplication.activeModalWidget()
    if box is None:
        QTimer.singleShot(20, close_modal)
        return
    seen.append(box.text())
    box.close()

QTimer.singleShot(0, close_modal)
code = run_gui(open_database=open_database, target=None, default_target=default,
               demo_target=default + ".demo", version="t")
print("CODE", code)
print("SEEN", "127.0.0.1" in (seen[0] if seen else ""))
"""


def test_an_unreachable_server_from_the_settings_falls_back_to_this_pcs_file(tmp_path: Path):
    """Runs in its own process: run_gui enters and quits the application's event loop."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", MIERUKA_QUIT_AFTER_SHOW="1",
        XDG_CONFIG_HOME=str(tmp_path / "config"), MIERUKA_DATA_DIR=str(tmp_path / "data"),
    )
    result = subprocess.run(
        [sys.executable, "-c", FALLBACK, str(root), str(tmp_path / "mieruka.sqlite3")],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "SEEN True" in result.stdout  # the user was told the server could not be reached
    assert "CODE 0" in result.stdout  # and the app started on this PC's file instead
