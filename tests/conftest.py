"""Shared fixtures: every test runs headless, with its own data folder and real databases.

``db`` is a real SQLite file; for the storage tests (tests/storage) it is also a fresh database on a
real PostgreSQL server when MIERUKA_TEST_PG_URL is set (.ci/run starts one), so the shared mode is
proven by the same tests. A test that is about the SQLite file itself is marked ``sqlite_only``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# CI runs the property tests on a fixed sequence of examples (a red run must be reproducible) and
# without per-example deadlines (shared machines are slow at times); locally they explore freely.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user data folder or settings."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("MIERUKA_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    yield


PG_URL = os.environ.get("MIERUKA_TEST_PG_URL", "")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file itself")
    config.addinivalue_line("markers", "both_backends: run this test on PostgreSQL too")
    config.addinivalue_line("markers", "postgresql_only: a shared-mode test (needs the server)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db" not in metafunc.fixturenames or len(BACKENDS) == 1:
        return
    if metafunc.definition.get_closest_marker("postgresql_only") is not None:
        metafunc.parametrize("db", ["postgresql"], indirect=True)
        return
    in_storage = "tests/storage" in str(metafunc.definition.path).replace(os.sep, "/")
    wanted = in_storage or metafunc.definition.get_closest_marker("both_backends") is not None
    if wanted and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("db", BACKENDS, indirect=True)


@pytest.fixture
def db(request: pytest.FixtureRequest, tmp_path: Path):
    from storage.database import open_database

    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        database = open_database(tmp_path / "mieruka.sqlite3")
        yield database
        database.close()
        return
    url, drop = _fresh_pg_database()
    database = open_database(url)
    try:
        yield database
    finally:
        database.close()
        drop()


def _fresh_pg_database():
    """A new, empty database on the test server, and a function that drops it."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    return url, drop


@pytest.fixture
def uow_factory(db):
    return db.uow


@pytest.fixture
def company(uow_factory):
    from domain import services

    return services.create_company(uow_factory(), name="テスト株式会社", fiscal_year_start=4)
