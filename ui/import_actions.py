"""File → Excel/CSVを取り込む… / Excelに書き出す… and drag-and-drop of a file onto the window.

The main window creates one :class:`ImportExportActions`; the file reader and writer come from
main.py through ``WindowContext.spreadsheets`` (a :class:`SpreadsheetIO`): ui/ never imports
storage/. A finished import goes onto the window's undo stack as one step (undo = take the whole
import back; redo = import the same KPIs again). File → 取り込み履歴… lists every recorded import
and takes any of them back (ui/import_history_dialog.py), also after a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from domain import services
from domain.exporting import build_export
from domain.importing.commit import ImportRequest, ImportResult, commit_import
from domain.importing.errors import ImportCancelled, WorkbookUnreadable
from domain.importing.mapping import remembered
from domain.importing.undo import undo_import
from domain.importing.workbook import SheetBySheet
from domain.ports import UnitOfWork
from ui.background_task import run_with_progress
from ui.import_session import ImportSession
from ui.import_text import unreadable_message
from ui.messages import error_text

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xls")


@dataclass(frozen=True, slots=True)
class SpreadsheetIO:
    """Storage functions handed to the UI by main.py."""

    read_workbook: Callable[..., Any]  # (path, *, sheet, progress, on_sheet) -> WorkbookData
    write_kpi_workbook: Callable[..., Path]  # (KpiExport, path) -> Path


class ImportCommand(QUndoCommand):
    """One import on the undo stack: undo takes it back as one step, redo imports it again."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        request: ImportRequest,
        result: ImportResult,
        *,
        user: str,
        on_changed: Callable[[], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(
            QCoreApplication.translate("ImportActions", "取り込み {0}").format(request.file_name)
        )
        self._uow = uow_factory
        self._request = request
        self.batch_id = result.batch_id
        self._user = user
        self._on_changed = on_changed
        self._on_error = on_error
        self._first = True
        self.undone_elsewhere = False  # taken back from the import history meanwhile

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        try:
            self.batch_id = commit_import(self._uow(), self._request, user=self._user).batch_id
        except Exception as exc:  # shown; nothing was written
            self.setObsolete(True)
            self._on_error(exc)
            return
        self._on_changed()

    def undo(self) -> None:
        if self.undone_elsewhere:  # nothing left to take back; the step goes
            self.setObsolete(True)
            return
        try:
            undo_import(self._uow(), self.batch_id, user=self._user)
        except Exception as exc:  # ImportAlreadyUndone, a locked database: shown to the user
            self.setObsolete(True)
            self._on_error(exc)
            return
        self._on_changed()


def read_for_import(inputs: tuple[Any, ...], progress: Callable[[int, int], bool]) -> ImportSession:
    """Worker: read the file and analyse it (off the GUI thread); raises ImportCancelled.

    Each sheet is analysed as soon as the reader delivers it, while the next ones are parsed."""
    path, read, uow_factory, today = inputs

    def report(done: int, total: int) -> None:
        if not progress(done, total):
            raise ImportCancelled()

    company = services.get_company(uow_factory())
    default_start = company.fiscal_year_start if company else 4
    known = [d.name for d in services.list_departments(uow_factory(), include_archived=True)]
    sheets: list[SheetBySheet] = []

    def on_sheet(grid: Any, names: tuple[str, ...]) -> None:
        if not sheets:
            sheets.append(
                SheetBySheet(
                    names,
                    file_name=Path(path).name,
                    today=today,
                    default_start=default_start,
                    progress=report,
                )
            )
        sheets[0].add(grid)

    report(0, 1000)
    data = read(path, on_sheet=on_sheet)
    session = ImportSession.from_read(
        data,
        today=today,
        default_start=default_start,
        known_departments=known,
        prepared=sheets[0] if sheets else None,
    )
    saved = remembered(uow_factory(), [s.shape_key for s in session.analysis.sheets])
    session.apply_remembered(saved)
    return session


class _DropFilter(QObject):
    def __init__(self, owner: ImportExportActions) -> None:
        super().__init__(owner.window)
        self._owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._owner.dropped_path(event.mimeData()) is not None:  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            path = self._owner.dropped_path(event.mimeData())  # type: ignore[attr-defined]
            if path is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self._owner.import_file(path)
                return True
        return False


class ImportExportActions(QObject):
    """The import/export actions of a main window (``window.context`` holds what is needed)."""

    def __init__(self, window: Any, file_menu: QMenu, before: QAction | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.import_action = QAction(
            QCoreApplication.translate("ImportActions", "Excel/CSVを取り込む…"), window
        )
        self.export_action = QAction(
            QCoreApplication.translate("ImportActions", "Excelに書き出す…"), window
        )
        self.history_action = QAction(
            QCoreApplication.translate("ImportActions", "取り込み履歴…"), window
        )
        file_menu.insertSeparator(before) if before is not None else file_menu.addSeparator()
        file_menu.insertActions(
            before, [self.import_action, self.export_action, self.history_action]
        )
        self.import_action.triggered.connect(self._on_import)
        self.export_action.triggered.connect(self._on_export)
        self.history_action.triggered.connect(lambda: self.show_history())
        self.last_wizard: Any = None
        window.setAcceptDrops(True)
        self._filter = _DropFilter(self)
        window.installEventFilter(self._filter)
        central = window.centralWidget()
        if central is not None:
            central.setAcceptDrops(True)
            central.installEventFilter(self._filter)
        available = self._io() is not None
        self.import_action.setEnabled(available)
        self.export_action.setEnabled(available)

    def _io(self) -> SpreadsheetIO | None:
        return getattr(self.window.context, "spreadsheets", None)

    @staticmethod
    def dropped_path(mime: Any) -> Path | None:
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in ACCEPTED_SUFFIXES:
                return path
        return None

    # --- import ---------------------------------------------------------------------------
    def _on_import(self) -> None:
        settings = QSettings()
        folder = str(settings.value("import/last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("ImportActions", "取り込むファイル"),
            folder,
            QCoreApplication.translate(
                "ImportActions",
                "Excel / CSV (*.xlsx *.xlsm *.csv *.tsv *.txt *.xls);;すべてのファイル (*)",
            ),
        )
        if path:
            settings.setValue("import/last_folder", str(Path(path).parent))
            self.import_file(Path(path))

    def prepare(self, path: Path) -> ImportSession | None:
        """Read and analyse ``path`` with progress; a clear message when it cannot be read."""
        io = self._io()
        if io is None:
            return None
        context = self.window.context
        inputs = (
            path,
            io.read_workbook,
            context.uow_factory,
            getattr(self.window, "_today", date.today()),
        )
        outcome = run_with_progress(
            self.window,
            QCoreApplication.translate("ImportActions", "「{0}」を読み込んでいます…").format(
                path.name
            ),
            read_for_import,
            inputs,
        )
        if outcome.cancelled or isinstance(outcome.error, ImportCancelled):
            return None
        if isinstance(outcome.error, WorkbookUnreadable):
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("ImportActions", "読み込めません"),
                unreadable_message(outcome.error, QCoreApplication.translate),
            )
            return None
        if outcome.error is not None:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("ImportActions", "読み込めません"),
                error_text(outcome.error),
            )
            return None
        return outcome.result

    def import_file(self, path: Path, *, show: bool = True) -> Any:
        """Open the wizard for ``path``; returns the wizard (already shown modally if ``show``)."""
        from ui.import_wizard import ImportWizard

        session = self.prepare(path)
        if session is None:
            return None
        wizard = ImportWizard(
            session,
            self.window.context.uow_factory,
            user=self.window.context.user,
            backup=getattr(self.window.context, "backup", None),
            parent=self.window,
        )
        wizard.imported.connect(lambda result, w=wizard: self._on_imported(w, result))
        self.last_wizard = wizard
        if show:
            wizard.exec()
        return wizard

    def _on_imported(self, wizard: Any, result: ImportResult) -> None:
        command = ImportCommand(
            self.window.context.uow_factory,
            wizard.session.request(),
            result,
            user=self.window.context.user,
            on_changed=self._reload,
            on_error=self._show_error,
        )
        self.window.undo_stack.push(command)
        self._reload()
        self.window.statusBar().showMessage(
            QCoreApplication.translate(
                "ImportActions",
                "取り込みました: 値 {0}個、新しいKPI {1}件（元に戻すには 編集 → 元に戻す）",
            ).format(result.written_cells, result.created_kpis),
            10_000,
        )

    def _reload(self) -> None:
        self.window.departments.reload()
        self.window._on_structure_changed()

    # --- import history -------------------------------------------------------------------
    def show_history(self, *, show: bool = True) -> Any:
        """File → 取り込み履歴…; returns the dialog (already run modally if ``show``)."""
        from ui.import_history_dialog import ImportHistoryDialog

        dialog = ImportHistoryDialog(
            self.window.context.uow_factory,
            user=self.window.context.user,
            on_undone=self._on_undone_from_history,
            parent=self.window,
        )
        if show:
            dialog.exec()
        return dialog

    def _on_undone_from_history(self, batch_id: int) -> None:
        """An import was taken back from the history: its step on the undo stack has nothing
        left to undo, and the window shows the data as it is now (as after an import)."""
        stack = self.window.undo_stack
        for index in range(stack.count()):
            command = stack.command(index)
            if isinstance(command, ImportCommand) and command.batch_id == batch_id:
                command.undone_elsewhere = True
        self._reload()

    def _show_error(self, exc: Exception) -> None:
        QMessageBox.warning(
            self.window,
            QCoreApplication.translate("ImportActions", "元に戻せませんでした"),
            error_text(exc),
        )

    # --- export ---------------------------------------------------------------------------
    def _on_export(self) -> None:
        year = int(self.window.fiscal_year())
        year, ok = QInputDialog.getInt(
            self.window,
            QCoreApplication.translate("ImportActions", "Excelに書き出す"),
            QCoreApplication.translate("ImportActions", "年度"),
            year,
            1990,
            2100,
        )
        if not ok:
            return
        suggested = (
            Path(str(QSettings().value("export/last_folder", str(Path.home()))))
            / f"KPI_{year}年度.xlsx"
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("ImportActions", "Excelに書き出す"),
            str(suggested),
            QCoreApplication.translate("ImportActions", "Excel ブック (*.xlsx)"),
        )
        if path:
            QSettings().setValue("export/last_folder", str(Path(path).parent))
            self.export_to(Path(path), year)

    def export_to(self, path: Path, fiscal_year: int) -> Path | None:
        io = self._io()
        if io is None:
            return None
        uow_factory = self.window.context.uow_factory

        def work(_inputs: object, _progress: Callable[[int, int], bool]) -> Path:
            export = build_export(uow_factory(), fiscal_year=fiscal_year, today=date.today())
            return io.write_kpi_workbook(export, path)

        outcome = run_with_progress(
            self.window,
            QCoreApplication.translate("ImportActions", "書き出しています…"),
            work,
            None,
        )
        if outcome.error is not None:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("ImportActions", "書き出せませんでした"),
                error_text(outcome.error)
                if not isinstance(outcome.error, OSError)
                else str(outcome.error),
            )
            return None
        if outcome.ok:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("ImportActions", "書き出しました: {0}").format(
                    outcome.result
                ),
                10_000,
            )
            return outcome.result
        return None
