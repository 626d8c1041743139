"""Shared fixtures: every test runs headless, with its own data folder and real SQLite files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user data folder or settings."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("MIERUKA_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    yield


@pytest.fixture
def db(tmp_path: Path):
    from storage.database import open_database

    database = open_database(tmp_path / "mieruka.sqlite3")
    yield database
    database.close()


@pytest.fixture
def uow_factory(db):
    return db.uow


@pytest.fixture
def company(uow_factory):
    from domain import services

    return services.create_company(uow_factory(), name="テスト株式会社", fiscal_year_start=4)
