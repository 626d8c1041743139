"""``main.py demo`` then ``main.py report-pdf``: a real process without a display, the PDF read
back."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from domain.dashboard import default_fiscal_year

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    no_display = {"QT_QPA_PLATFORM": "no-such-platform"}  # any Qt window would abort
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **no_display},
    )


def test_demo_then_report_pdf(tmp_path: Path):
    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", str(db)).returncode == 0
    year = default_fiscal_year(date.today(), 4)  # the demo's current year
    out = tmp_path / "report.pdf"
    done = run("report-pdf", str(out), "--db", str(db), "--fiscal-year", str(year))
    assert done.returncode == 0, done.stderr
    assert f"5 page(s), fiscal year {year}" in done.stdout
    reader = PdfReader(str(out))
    assert len(reader.pages) == 5
    assert "総務部" in reader.pages[0].extract_text()

    one = tmp_path / "hr.pdf"
    done = run("report-pdf", str(one), "--db", str(db), "--department", "人事部")
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(str(one)).pages) == 1

    missing = run("report-pdf", str(tmp_path / "x.pdf"), "--db", str(db), "--department", "営業部")
    assert missing.returncode == 2
    assert "営業部" in missing.stderr and "人事部" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()
