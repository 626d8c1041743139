"""The layers of DESIGN.md, checked by import-linter contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_layer_contracts_hold():
    tool = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(tool), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_heavy_modules_are_not_imported_at_start_up():
    """openpyxl, reportlab and calamine load lazily; the window must not pay for them."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "import main, ui.app, ui.main_window, storage.database;"
        "print(','.join(m for m in ('openpyxl','reportlab','python_calamine','alembic') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
