"""Shared fixtures: a migrated database on SQLite and, when given, on PostgreSQL.

The ``db`` fixture runs each service test on a fresh SQLite file migrated to
head, and again on PostgreSQL when ``NIT_DESK_TEST_PG_URL`` names a server
(CI starts one). Without it the PostgreSQL runs skip with that reason.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, make_url, text

from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.models import Base

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NIT_DESK_TEST_SCRYPT_LOG2_N", "10")
"""Tests hash passwords at N=2^10, not 2^17 (see services/admin/passwords.py);
tests/services/admin/test_password_hashing.py proves the production cost."""
PG_URL = os.environ.get("NIT_DESK_TEST_PG_URL", "")
PASSWORD = "correct horse 42"
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"
QT_TEST_FOLDERS = ("tests/app/", "tests/ui/", "tests/views/", "tests/models/")
"""Where the Qt-side tests live (their fixtures: ``tests/qt_fixtures.py``)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns on every shown main window; that is not our warning."""
    for item in items:
        path = str(item.fspath).replace("\\", "/")
        if any(folder in path for folder in QT_TEST_FOLDERS):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head, copied for each test (fast)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path)
    migrate.upgrade(db)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Database]:
    """A throw-away PostgreSQL database for this test session, migrated once.

    ``NIT_DESK_TEST_PG_URL`` names the server; each pytest process gets its own
    database on it, so parallel runs never meet, and drops it at the end.
    """
    if not PG_URL:
        pytest.skip("PostgreSQL tests need NIT_DESK_TEST_PG_URL (CI sets it)")
    server = make_url(PG_URL)
    name = f"{server.database or 'nit_test'}_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = open_database(server.set(database=name))
    migrate.upgrade(db)
    yield db
    db.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_pg(db: Database) -> None:
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated, empty database on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "nit.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        database = open_database(path)
        yield database
        database.dispose()
    else:
        database = request.getfixturevalue("pg_database")
        _truncate_pg(database)
        yield database


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh migrated SQLite database only (for SQLite-specific tests)."""
    path = tmp_path / "nit.db"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def supervisor(db: Database) -> Actor:
    """The first supervisor of the database."""
    users.create_first_supervisor(db, "boss", PASSWORD)
    return users.authenticate(db, "boss", PASSWORD).actor


@pytest.fixture
def agent(db: Database, supervisor: Actor) -> Actor:
    """An agent added by the supervisor."""
    users.create_user(db, supervisor, "anna", Role.AGENT, PASSWORD, must_change_password=False)
    return users.authenticate(db, "anna", PASSWORD).actor


@pytest.fixture
def agent2(db: Database, supervisor: Actor) -> Actor:
    """A second agent, for two-agents-at-once scenarios."""
    users.create_user(db, supervisor, "boris", Role.AGENT, PASSWORD, must_change_password=False)
    return users.authenticate(db, "boris", PASSWORD).actor


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop driven by the Qt events that qtbot processes while it waits.

    The loop is marked as this thread's running loop without ``run_forever``:
    qtbot's waits process the Qt events that run its callbacks. (qasync's own
    ``already_running`` mode ends with ``QApplication.exit()``, which would make
    every later nested event loop of the test session return at once.)
    """
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    yield loop
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
