"""The dashboard in English in a 1280 px window: the side panel's four tabs (warnings, missing,
actions, OKR) are all on show, not behind scroll arrows, and a tile's forecast stops short of
its badges. English runs in its own process (the translator is process-wide)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import sys
sys.path.insert(0, sys.argv[1])
from datetime import date
from domain.demo import build_demo
from domain.seed import create_demo_company
from storage.database import open_database
from ui.app import create_application
from ui.main_window import MainWindow, WindowContext
app = create_application("en")
today = date(2025, 11, 20)
db = open_database(sys.argv[2])
create_demo_company(db.uow(), build_demo(today))
w = MainWindow(WindowContext(db.uow, "x", "u", "t"), today=today)
w.resize(1280, 720)
w.show()
for _ in range(20):
    app.processEvents()
panel = w.dashboard
bar = panel.side.tabBar()
texts = [bar.tabText(i) for i in range(bar.count())]
shown = all(bar.tabRect(i).right() <= bar.width() for i in range(bar.count()))
print("|".join([",".join(texts), str(shown)]))
"""


def test_the_side_tabs_fit_in_english_at_1280(tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), str(tmp_path / "demo.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    texts, shown = result.stdout.strip().splitlines()[-1].split("|")
    assert texts.split(",")[0].startswith("Warnings (") and texts.endswith("OKR")
    assert shown == "True"
