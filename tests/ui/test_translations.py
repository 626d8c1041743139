"""Japanese is the source language; every UI string has an English translation that loads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import update_translations  # noqa: E402


def test_every_ui_string_has_an_english_translation(tmp_path: Path):
    committed = ROOT / "resources" / "translations" / "mieruka_en.ts"
    fresh = tmp_path / "mieruka_en.ts"
    shutil.copy(committed, fresh)
    update_translations.update([fresh])  # what lupdate finds in today's code
    tree = ET.parse(fresh)
    missing = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation") is None
        or m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.findtext("translation") or "").strip()
    ]
    assert missing == [], f"{len(missing)} strings without English: {missing[:10]}"
    sources = [m.findtext("source") for m in tree.iter("message")]
    assert len(sources) > 200
    assert any("部門ミッション" in s for s in sources)


SCRIPT = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
from datetime import date
from storage.database import open_database
from domain import services
from ui.app import create_application
from ui.main_window import MainWindow, WindowContext
app = create_application(sys.argv[3])
db = open_database(sys.argv[2])
services.create_company(db.uow(), name="ACME")
w = MainWindow(WindowContext(db.uow, "x", "u", "t"), today=date(2025, 5, 1))
tabs = ",".join(w.tabs.tabText(i) for i in range(w.tabs.count()))
print("|".join([w.menuBar().actions()[0].text(), tabs, w.year_combo.currentText()]))
"""


def _titles(tmp_path: Path, language: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), str(tmp_path / f"{language}.sqlite3"), language],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split("|")


def test_english_can_be_chosen_and_japanese_is_the_default(tmp_path: Path):
    japanese = _titles(tmp_path, "ja")
    assert japanese[0] == "ファイル(&F)" and japanese[2] == "2025年度"
    assert "月次入力" in japanese[1].split(",")
    english = _titles(tmp_path, "en")
    assert english[0] == "&File"
    assert english[1].isascii() and "Monthly" in english[1]
    assert english[2] == "FY 2025"
    assert list((tmp_path / "cache").rglob("mieruka_en.qm"))  # compiled on demand from the .ts
