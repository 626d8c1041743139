"""Languages: Japanese is the source language; English comes from resources/translations/*.ts.

The .ts files are committed; the .qm they compile to is built on demand (pyside6-lrelease) into the
user's cache, so a fresh clone works without a build step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from ui.resources import resource_path

LANGUAGE_KEY = "ui/language"
DATABASE_KEY = "db/target"
BACKUP_KEEP_KEY = "backup/keep"  # how many automatic backups to keep
DEFAULT_BACKUP_KEEP = 5


def backup_keep() -> int:
    try:
        value = int(settings().value(BACKUP_KEEP_KEY, DEFAULT_BACKUP_KEEP))
    except (TypeError, ValueError):
        return DEFAULT_BACKUP_KEEP
    return max(1, min(value, 100))  # "" = the default file on this PC; else a file path or server URL
LANGUAGES = ("ja", "en")


def settings() -> QSettings:
    return QSettings("Mieruka", "Mieruka")


def chosen_language(override: str | None = None) -> str:
    if override in LANGUAGES:
        return str(override)
    value = settings().value(LANGUAGE_KEY, "ja")
    return str(value) if value in LANGUAGES else "ja"


def ts_path(language: str) -> Path:
    return resource_path("translations", f"mieruka_{language}.ts")


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def compiled_qm(language: str, cache_dir: Path) -> Path | None:
    """The .qm for ``language``: shipped next to the .ts (frozen builds) or compiled into the cache."""
    shipped = ts_path(language).with_suffix(".qm")
    source = ts_path(language)
    if shipped.exists() and (
        not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
    ):
        return shipped
    if not source.exists():
        return None
    target = cache_dir / f"mieruka_{language}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = _lrelease()
    if tool is None:
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp.qm")
    result = subprocess.run(
        [tool, "-silent", str(source), "-qm", str(tmp)], capture_output=True, check=False
    )
    if result.returncode != 0 or not tmp.exists():
        return None
    os.replace(tmp, target)
    return target


def install_translators(app: QApplication, language: str, cache_dir: Path) -> list[QTranslator]:
    """Load Qt's own and our translations for ``language``; keep the returned objects alive."""
    QLocale.setDefault(
        QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English)
    )
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_tr)
        translators.append(qt_tr)
    if language != "ja":
        qm = compiled_qm(language, cache_dir)
        if qm is not None:
            ours = QTranslator(app)
            if ours.load(str(qm)):
                app.installTranslator(ours)
                translators.append(ours)
    return translators
