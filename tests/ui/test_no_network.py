"""Security basics: the app listens on no network port (everything stays on the manager's PC)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from domain.demo import build_demo
from domain.seed import create_demo_company
from ui.main_window import MainWindow, WindowContext


def _listening_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            state, inode = parts[3], parts[9]
            if state == "0A" or table.startswith("/proc/net/udp"):  # LISTEN, or a bound UDP port
                inodes.add(inode)
    return inodes


def _my_socket_inodes() -> set[str]:
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:[") : -1])
    return found


def test_the_main_window_opens_no_listening_socket(db, qtbot):
    create_demo_company(db.uow(), build_demo(date(2026, 11, 22)))
    window = MainWindow(WindowContext(db.uow, str(db.path), "u", "t"), today=date(2026, 11, 22))
    qtbot.addWidget(window)
    window.show()
    for index in range(window.tabs.count()):  # visit every screen
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    assert os.path.exists("/proc/net/tcp")
    assert _my_socket_inodes() & _listening_inodes() == set()
