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
from domain.errors import MierukaError
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
    ) -> None:
        self._open = open_database
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
        except MierukaError as exc:
            QMessageBox.critical(
                parent,
                QCoreApplication.translate("App", "データベースを開けません"),
                error_text(exc),
            )
            return None

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
        )
        window = MainWindow(context, today=self._today)
        window.openDatabaseRequested.connect(self._on_open_requested)
        window.openDemoRequested.connect(self._on_demo_requested)
        self.window = window
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return window

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
) -> int:
    app = create_application(language)
    controller = AppController(
        open_database=open_database,
        default_target=default_target,
        demo_target=demo_target,
        version=version,
    )
    db = controller.open_target(target or default_target)
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
