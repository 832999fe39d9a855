"""The SQLite change watcher tells another desk's commit from this desk's own.

Two ``Database`` objects on one file stand for two desks (each has its own
origin, exactly as two processes do); the subprocess test in
``tests/app/test_shell.py`` covers a real second process.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from nit_desk.domain.types import Role
from nit_desk.services.actor import SYSTEM
from nit_desk.services.admin import users
from nit_desk.services.changes import FORGET_ORIGINS_AFTER, ChangeWatcher
from nit_desk.services.storage.engine import Database, open_database
from tests.conftest import PASSWORD


@pytest.fixture
def other_desk(sqlite_db: Database) -> Iterator[Database]:
    """A second desk on the same file."""
    other = open_database(sqlite_db.url.database or "")
    yield other
    other.dispose()


@pytest.fixture
def watcher(sqlite_db: Database) -> Iterator[ChangeWatcher]:
    """This desk's watcher, its baseline taken."""
    change_watcher = ChangeWatcher(sqlite_db)
    assert change_watcher.foreign_commit() is False
    yield change_watcher
    change_watcher.close()


def _add_user(db: Database, name: str) -> None:
    users.create_user(db, SYSTEM, name, Role.AGENT, PASSWORD, must_change_password=False)


def test_own_commit_is_not_foreign(sqlite_db: Database, watcher: ChangeWatcher) -> None:
    """This desk's save moves data_version, yet the watcher sees nothing foreign."""
    _add_user(sqlite_db, "olga")
    assert watcher.foreign_commit() is False
    assert watcher.foreign_commit() is False


def test_another_desk_s_commit_is_foreign(sqlite_db: Database, other_desk: Database,
                                          watcher: ChangeWatcher) -> None:
    """Another desk's save is seen once."""
    _add_user(other_desk, "olga")
    assert watcher.foreign_commit() is True
    assert watcher.foreign_commit() is False


def test_a_foreign_commit_mixed_with_own_ones_is_still_seen(
        sqlite_db: Database, other_desk: Database, watcher: ChangeWatcher) -> None:
    """Own saves before and after another desk's save do not hide it."""
    _add_user(sqlite_db, "olga")
    _add_user(other_desk, "pavel")
    _add_user(sqlite_db, "rita")
    assert watcher.foreign_commit() is True


def test_a_write_that_announces_nothing_counts_as_foreign(
        sqlite_db: Database, watcher: ChangeWatcher) -> None:
    """A program that does not count its commits (a plain sqlite3 tool) still reloads desks."""
    with closing(sqlite3.connect(sqlite_db.url.database or "")) as tool:
        tool.execute("CREATE TABLE scratch (x INTEGER)")
        tool.commit()
    assert watcher.foreign_commit() is True


def test_counters_of_long_closed_desks_are_forgotten(sqlite_db: Database,
                                                     other_desk: Database) -> None:
    """A desk starting to watch drops the counters of desks silent for a week."""
    _add_user(other_desk, "olga")
    old = datetime.now(UTC) - FORGET_ORIGINS_AFTER - timedelta(hours=1)
    with sqlite_db.write_session() as session:
        session.execute(text("UPDATE change_origins SET at = :at"),
                        {"at": old.replace(tzinfo=None).isoformat(sep=" ")})
        session.commit()
    ChangeWatcher(sqlite_db).close()
    with sqlite_db.read_session() as session:
        assert session.execute(text("SELECT count(*) FROM change_origins")).scalar_one() == 0


def test_postgresql_has_no_counter(db: Database) -> None:
    """On PostgreSQL the watcher only checks that the server answers (LISTEN/NOTIFY tells)."""
    change_watcher = ChangeWatcher(db)
    try:
        expected = False if db.is_sqlite else None
        assert change_watcher.foreign_commit() is expected
    finally:
        change_watcher.close()
