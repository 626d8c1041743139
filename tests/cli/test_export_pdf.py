"""``main.py demo`` then ``main.py export-pdf``: real processes, real files, PDFs read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_demo_then_export_pdf(tmp_path: Path):
    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", str(db)).returncode == 0
    out = tmp_path / "all.pdf"
    done = run("export-pdf", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "10 sheet(s)" in done.stdout
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 10
    text = "".join(page.extract_text() for page in reader.pages)
    assert "評価シート" in text and "鈴木" in text and "確定" in text

    one = tmp_path / "one.pdf"
    done = run(
        "export-pdf",
        str(one),
        "--db",
        str(db),
        "--department",
        "人事部",
        "--member",
        "E0004",
        "--password",
        "pw",
    )
    assert done.returncode == 0, done.stderr
    locked = PdfReader(str(one))
    assert locked.is_encrypted and locked.decrypt("pw")
    assert "田中" in locked.pages[0].extract_text()

    missing = run(
        "export-pdf", str(tmp_path / "x.pdf"), "--db", str(db), "--period", "1999年度上期"
    )
    assert missing.returncode == 2 and "1999年度上期" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()
    nobody = run("export-pdf", str(tmp_path / "y.pdf"), "--db", str(db), "--member", "NOPE")
    assert nobody.returncode == 2 and "no appraisal sheets" in nobody.stderr
    dept = run("export-pdf", str(tmp_path / "z.pdf"), "--db", str(db), "--department", "営業部")
    assert dept.returncode == 2 and "営業部" in dept.stderr
