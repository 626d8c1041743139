"""Refresh the Qt Linguist source file(s) from the UI code: `uv run python packaging/update_translations.py`.

Japanese is the source language (the strings in the code); resources/translations/mieruka_en.ts holds
the English translations. lupdate keeps existing translations and marks new strings unfinished; fill
them in (Qt Linguist: `uv run pyside6-linguist resources/translations/mieruka_en.ts`). The .qm files
are compiled on demand at start-up (ui/i18n.py) or by `--release` for packaging.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FILES = [ROOT / "resources" / "translations" / "mieruka_en.ts"]


def ui_sources() -> list[Path]:
    return sorted(p for p in (ROOT / "ui").rglob("*.py") if p.name != "cli.py")


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def update(ts_files: list[Path] = TS_FILES) -> None:
    for ts in ts_files:
        ts.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-no-obsolete",
                "-source-language",
                "ja_JP",
                "-target-language",
                "en_US",
                *map(str, ui_sources()),
                "-ts",
                str(ts),
            ],
            check=True,
        )


def release(ts_files: list[Path] = TS_FILES) -> None:
    for ts in ts_files:
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


if __name__ == "__main__":
    update()
    if "--release" in sys.argv:
        release()
