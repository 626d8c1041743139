"""Starting the desktop app: QApplication, language, opening the database, first start, window."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from domain import services
from domain.errors import DatabaseCorrupt, MierukaError
from domain.ports import UnitOfWork
from ui import i18n
from ui.main_window import MainWindow, WindowContext
from ui.messages import error_text


class DatabaseHandle(Protocol):
    location: str
    path: Path | None

    def uow(self) -> UnitOfWork: ...
    def close(self) -> None: ...


Opener = Callable[[str], Any]


class BackupTools(Protocol):
    """What the app needs from storage.backup (passed in by main.py)."""

    def list_backups(self, db_path: Path) -> list[Any]: ...
    def newest_good_backup(self, db_path: Path) -> Any: ...
    def restore_backup(self, backup: Path, db_path: Path) -> Path | None: ...


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (e.g. some services): still record something
        return "user"


def _ensure_japanese_font() -> None:
    """Use the bundled IPAexGothic only where the system has no Japanese font (Windows and most
    desktops have one; a bare Linux does not, and would show boxes)."""
    from PySide6.QtGui import QFontDatabase

    if QFontDatabase.families(QFontDatabase.WritingSystem.Japanese):
        return
    from ui.resources import resource_path

    QFontDatabase.addApplicationFont(str(resource_path("fonts", "ipaexg.ttf")))


def create_application(language: str | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Mieruka")
    app.setOrganizationName("Mieruka")
    _ensure_japanese_font()
    lang = i18n.chosen_language(language)
    cache = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    app._mieruka_translators = i18n.install_translators(app, lang, cache)  # type: ignore[attr-defined]
    return app


class AppController:
    """Owns the open database and the main window; switches databases on request."""

    def __init__(
        self,
        *,
        open_database: Opener,
        default_target: str,
        demo_target: str,
        version: str,
        today: date | None = None,
        backups: BackupTools | None = None,
        appraisal_documents: Any = None,
        department_report: Any = None,
        spreadsheets: Any = None,
    ) -> None:
        self._spreadsheets = spreadsheets
        self._open = open_database
        self._appraisal_documents = appraisal_documents
        self._department_report = department_report
        self._backups = backups
        self._heartbeat: Any = None
        self._default_target = default_target
        self._demo_target = demo_target
        self._version = version
        self._today = today
        self.db: DatabaseHandle | None = None
        self.window: MainWindow | None = None

    def open_target(self, target: str, *, parent: Any = None) -> DatabaseHandle | None:
        """Open ``target``; on a known problem show the message and return None."""
        try:
            return self._open(target)
        except DatabaseCorrupt as exc:
            return self._offer_restore(target, exc, parent)
        except MierukaError as exc:
            QMessageBox.critical(
                parent,
                QCoreApplication.translate("App", "データベースを開けません"),
                error_text(exc),
            )
            return None

    def _offer_restore(
        self, target: str, exc: DatabaseCorrupt, parent: Any
    ) -> DatabaseHandle | None:
        """A damaged file: say so, and offer the newest backup that passes the integrity check."""
        good = self._backups.newest_good_backup(Path(target)) if self._backups else None
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("App", "データベースが壊れています"))
        box.setText(error_text(exc))
        restore = None
        if good is not None:
            box.setInformativeText(
                QCoreApplication.translate(
                    "App",
                    "{0} のバックアップ（正常）から復元できます。壊れたファイルは控えとして残します。",
                ).format(good.created.strftime("%Y-%m-%d %H:%M"))
            )
            restore = box.addButton(
                QCoreApplication.translate("App", "バックアップから復元"),
                QMessageBox.ButtonRole.AcceptRole,
            )
        else:
            box.setInformativeText(
                QCoreApplication.translate("App", "使えるバックアップが見つかりません。")
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if restore is None or box.clickedButton() is not restore:
            return None
        assert self._backups is not None
        self._backups.restore_backup(good.path, Path(target))
        return self.open_target(target, parent=parent)

    def _on_restore_requested(self) -> None:
        db = self.db
        if db is None or db.path is None or self._backups is None:
            QMessageBox.information(
                self.window,
                QCoreApplication.translate("App", "バックアップから復元"),
                QCoreApplication.translate(
                    "App", "サーバーのデータベースは、サーバー側のバックアップから復元してください。"
                ),
            )
            return
        from ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self._backups.list_backups(db.path), parent=self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        path = db.path
        db.close()
        self.db = None
        try:
            self._backups.restore_backup(dialog.chosen.path, path)
        except Exception as exc:  # a damaged backup or a busy file: nothing was changed
            QMessageBox.critical(self.window, dialog.windowTitle(), error_text(exc))
        reopened = self.open_target(str(path), parent=self.window)
        if reopened is not None:
            self.show(reopened)

    def ensure_company(self, db: DatabaseHandle, *, parent: Any = None) -> DatabaseHandle | None:
        """First start: ask to create a company or open the demo (a separate file)."""
        if services.get_company(db.uow()) is not None:
            return db
        from ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(parent)
        if not dialog.exec() or dialog.choice is None:
            return None
        if dialog.choice == "create":
            services.create_company(
                db.uow(), name=dialog.company_name, fiscal_year_start=dialog.fiscal_year_start
            )
            return db
        db.close()
        return self.open_demo(parent=parent)

    def open_demo(self, *, parent: Any = None) -> DatabaseHandle | None:
        demo = self.open_target(self._demo_target, parent=parent)
        if demo is None:
            return None
        if services.get_company(demo.uow()) is None:
            from domain.demo import build_demo
            from domain.seed import create_demo_company

            create_demo_company(demo.uow(), build_demo(self._today or date.today()))
        return demo

    def show(self, db: DatabaseHandle) -> MainWindow:
        old = self.window
        if self.db is not None and self.db is not db:
            self.db.close()
        self.db = db
        context = WindowContext(
            uow_factory=db.uow,
            location=db.location,
            user=current_user(),
            version=self._version,
            is_demo=db.location == str(Path(self._demo_target)),
            appraisal_documents=self._appraisal_documents,
            department_report=self._department_report,
            spreadsheets=self._spreadsheets,
            backup=getattr(db, "backup", None),
        )
        window = MainWindow(context, today=self._today)
        window.openDatabaseRequested.connect(self._on_open_requested)
        window.openDemoRequested.connect(self._on_demo_requested)
        window.restoreRequested.connect(self._on_restore_requested)
        self._start_heartbeat(db)
        self.window = window
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def _start_heartbeat(self, db: DatabaseHandle) -> None:
        """Tell other computers that the file is in use (matters for files on a network share)."""
        from PySide6.QtCore import QTimer

        if self._heartbeat is not None:
            self._heartbeat.stop()
        beat = getattr(db, "heartbeat", None)
        if beat is None:
            return
        timer = QTimer()
        timer.setInterval(60_000)
        timer.timeout.connect(beat)
        timer.start()
        self._heartbeat = timer

    def _on_open_requested(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("App", "データベースを開く（新しい名前で作成もできます）"),
            str(Path(self._default_target).parent),
            QCoreApplication.translate(
                "App", "Mierukaデータ (*.sqlite3 *.db);;すべてのファイル (*)"
            ),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return
        if self.db is not None and self.db.path is not None and Path(path).resolve() == self.db.path.resolve():
            return  # already open here
        db = self.open_target(path, parent=self.window)
        if db is not None:
            db = self.ensure_company(db, parent=self.window)
        if db is not None:
            self.show(db)

    def _on_demo_requested(self) -> None:
        db = self.open_demo(parent=self.window)
        if db is not None:
            self.show(db)


def run_gui(
    *,
    open_database: Opener,
    target: str | None,
    default_target: str,
    demo_target: str,
    version: str,
    language: str | None = None,
    backups: BackupTools | None = None,
    appraisal_documents: Any = None,
    department_report: Any = None,
    spreadsheets: Any = None,
) -> int:
    app = create_application(language)
    controller = AppController(
        open_database=open_database,
        default_target=default_target,
        demo_target=demo_target,
        version=version,
        backups=backups,
        appraisal_documents=appraisal_documents,
        department_report=department_report,
        spreadsheets=spreadsheets,
    )
    chosen = target or str(i18n.settings().value(i18n.DATABASE_KEY, "") or "") or default_target
    db = controller.open_target(chosen)
    if db is None and not target and chosen != default_target:
        # the server chosen in the settings is unreachable (the message was shown): work on this
        # PC's file rather than leaving the manager with an app that cannot start
        db = controller.open_target(default_target)
    if db is None:
        return 1
    db = controller.ensure_company(db)
    if db is None:
        return 0
    controller.show(db)
    if os.environ.get("MIERUKA_QUIT_AFTER_SHOW"):  # start-up benchmark and packaging smoke test
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    return app.exec()
