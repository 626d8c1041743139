"""Sizing top-level windows to the screen they open on.

A dialog laid out for a large monitor opened on the laptops back offices use (1366×768, or
1280×720 at 150 % scaling) reached below the taskbar, OK button and all. Windows and dialogs ask
for their preferred size through here and get no more than the screen can show."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# room for the window frame and title bar, which availableGeometry does not subtract
FRAME_WIDTH = 16
FRAME_HEIGHT = 48


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, shrunk where the screen is smaller."""
    # the primary screen: asking a widget that is still being built for its screen
    # (QWidget.screen()) left a dangling screen behind in PySide 6 and crashed a later window
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - FRAME_WIDTH)
        height = min(height, available.height() - FRAME_HEIGHT)
    widget.resize(width, height)
