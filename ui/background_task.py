"""Running long work off the GUI thread with a progress dialog whose Cancel really cancels.

The work is a pure function ``fn(inputs, progress) -> result``; ``progress(done, total)`` returns
False once the user pressed Cancel, and the function is expected to stop (raise) then. It never
touches widgets. :func:`run_with_progress` blocks the caller in a local event loop (the window
stays responsive) and returns a :class:`TaskOutcome`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int], bool]


@dataclass(frozen=True, slots=True)
class TaskOutcome:
    result: Any = None
    error: BaseException | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


class _Worker(QObject):
    progressed = Signal(int, int)
    done = Signal(object, object)  # result, error

    def __init__(self, fn: Callable[[Any, Progress], Any], inputs: Any) -> None:
        super().__init__()
        self._fn = fn
        self._inputs = inputs
        self.cancel = threading.Event()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._inputs, self._progress)
        except BaseException as exc:  # handed to the GUI thread, which decides
            self.done.emit(None, exc)
            return
        self.done.emit(result, None)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    fn: Callable[[Any, Progress], Any],
    inputs: Any,
    *,
    minimum_duration_ms: int = 600,
) -> TaskOutcome:
    """Run ``fn(inputs, progress)`` on a worker thread; show a QProgressDialog after
    ``minimum_duration_ms``; Cancel sets the flag that ``progress`` reports."""
    dialog = QProgressDialog(
        label, QCoreApplication.translate("BackgroundTask", "キャンセル"), 0, 0, parent
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_duration_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    thread = QThread()
    worker = _Worker(fn, inputs)
    worker.moveToThread(thread)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def on_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def on_done(result: Any, error: BaseException | None) -> None:
        outcome["result"] = result
        outcome["error"] = error
        loop.quit()

    worker.progressed.connect(on_progress)
    worker.done.connect(on_done)
    dialog.canceled.connect(worker.cancel.set)
    thread.started.connect(worker.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    cancelled = worker.cancel.is_set()
    dialog.close()
    dialog.deleteLater()
    worker.deleteLater()
    error = outcome.get("error")
    if cancelled:
        return TaskOutcome(cancelled=True)
    return TaskOutcome(result=outcome.get("result"), error=error)
