"""PySide6 6.12 on Python 3.11 gives back None without a reference from void calls: the guard keeps
None (and True/False) alive however long the app runs."""

from __future__ import annotations

import sys
from datetime import date

import ui  # noqa: F401  (installs the guard)
from domain.demo import build_demo
from domain.seed import create_demo_company
from ui.dashboard import DashboardPanel


def test_singletons_have_headroom_on_old_pythons():
    if sys.version_info >= (3, 12):
        assert sys.getrefcount(None) > 2**29  # immortal there
    else:
        assert min(sys.getrefcount(s) for s in (None, True, False)) > 2**39


def test_hundreds_of_dashboard_repaints_keep_the_process_alive(qtbot, db):
    today = date(2025, 11, 20)
    create_demo_company(db.uow(), build_demo(today))
    panel = DashboardPanel(db.uow, fiscal_year_start=4, user="t", today=today)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reload()
    for _ in range(300):  # hundreds of lost references each: without the guard the process aborts
        panel.tiles.viewport().repaint()
    assert sys.getrefcount(None) > 2**29
