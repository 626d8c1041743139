"""Work around a reference-count bug of PySide6 6.12 on Python 3.11: calls to Qt methods that
return nothing (``painter.setPen``, ``label.setText``…) and reading an item's data back as None give
back ``None`` without taking a reference to it. Each call lowers None's count by one; a dashboard
repaint makes hundreds of such calls, and the process aborts ("Fatal Python error: none_dealloc:
deallocating None") once the count reaches zero — after a few minutes of use.

Measured here (PySide6 6.12.0, CPython 3.11.7): one reference lost per ``QPainter.setPen``,
``QPainter.drawPath``, ``QFont.setBold``, ``QComboBox.currentData()`` returning None…; None starts
with ~8,000 references once the main window is imported.

The same has been seen for True/False once (``bool_dealloc`` at exit of a benchmark run).

Python 3.12 made None, True and False immortal, which is what this does by hand on older
versions: their counts are raised far beyond anything a session can lose. They are static
objects that are never freed, so nothing else changes. No Qt import here, so ``ui.cli`` stays
Qt-free.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # ~10^12 lost references before it could matter


def keep_none_alive() -> bool:
    """Raise the reference counts of None, True and False once per process on Python < 3.12;
    True if it did."""
    if sys.version_info >= (3, 12) or getattr(sys, "_mieruka_none_guard", False):
        return False
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: the first field
        count.value += _HEADROOM
    sys._mieruka_none_guard = True  # type: ignore[attr-defined]
    return True
