"""Backups never harm the live file; rotating backups; restore keeps what it replaces.

Issue 15, items 1 and 2. The live file is attacked while a writer commits:
every target that resolves to the database or one of its companions
(``-wal``, ``-shm``, ``-journal``) is refused, and not one committed change
is lost. Backups are SQLite files, so these run on SQLite; a PostgreSQL
database is backed up with pg_dump (``test_backup_of_postgresql_points_to_pg_dump``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nit_desk.domain.errors import ValidationError
from nit_desk.services.admin import backups, users
from nit_desk.services.admin.maintenance import check_database
from nit_desk.services.storage import backup_files
from nit_desk.services.storage.engine import Database, open_database
from tests.conftest import PASSWORD

TRICKY_TARGETS: list[Callable[[Path], Path]] = [
    lambda live: live,
    lambda live: live.parent / "sub" / ".." / live.name,
    lambda live: live.parent / "." / live.name,
    lambda live: live.with_name(live.name + "-wal"),
    lambda live: live.with_name(live.name + "-shm"),
    lambda live: live.with_name(live.name + "-journal"),
    lambda live: live.parent / "sub" / ".." / (live.name + "-wal"),
    lambda live: live.parent / "link.db",  # a symbolic link to the live file
    lambda live: live.parent / "hard.db",  # a hard link to the live file
]
"""Every way found to name the live file or a companion (sub/ exists, link.db links)."""


def _tricky_targets(live: Path) -> list[Path]:
    (live.parent / "sub").mkdir(exist_ok=True)
    link = live.parent / "link.db"
    if not link.exists():
        link.symlink_to(live)
    hard = live.parent / "hard.db"
    if not hard.exists():
        os.link(live, hard)
    return [make(live) for make in TRICKY_TARGETS]


class Writer(threading.Thread):
    """Commits numbered rows into a probe table until told to stop; counts its commits."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.committed = 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        """Commit one row per transaction, as a desk saves one change at a time."""
        conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER PRIMARY KEY)")
            while not self.stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO probe (n) VALUES (?)", (self.committed + 1,))
                conn.execute("COMMIT")
                self.committed += 1
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            conn.close()


def _attack(db: Database, live: Path, rounds: int,
            min_commits: int = 300) -> tuple[int, int, int]:
    """Back up to every tricky target ``rounds`` times while a writer commits.

    The writer runs until it has committed at least ``min_commits`` changes,
    with a sound backup taken meanwhile, so the count of lost changes means something.

    Returns:
        (attacks tried, attacks refused, changes lost).
    """
    targets = _tricky_targets(live)
    writer = Writer(live)
    writer.start()
    tried = refused = 0
    try:
        for _ in range(rounds):
            for target in targets:
                tried += 1
                try:
                    backups.backup_database(db, target, force=True)
                except ValidationError as exc:
                    assert exc.field == "to"
                    refused += 1
            backups.backup_database(db, live.parent / "good.db", force=True)  # a real one
        while writer.committed < min_commits and writer.is_alive():
            backups.backup_database(db, live.parent / "good.db", force=True)
    finally:
        writer.stop.set()
        writer.join(30)
    assert writer.error is None, writer.error
    with sqlite3.connect(live) as raw:
        present = raw.execute("SELECT count(*) FROM probe").fetchone()[0]
    return tried, refused, writer.committed - present


def test_r17_backup_to_the_live_file_or_a_companion_loses_nothing(sqlite_db: Database) -> None:
    """Item 1: sub/../nit.db, nit.db-wal, links… are all refused under a writer; 0 lost."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    live = Path(str(sqlite_db.url.database))
    tried, refused, lost = _attack(sqlite_db, live, rounds=5)
    assert (tried, refused, lost) == (5 * len(TRICKY_TARGETS), tried, 0)
    assert check_database(sqlite_db).ok
    copy = open_database(live.parent / "good.db")
    try:
        assert check_database(copy).ok
    finally:
        copy.dispose()


def test_backup_refuses_an_existing_target_without_force(sqlite_db: Database,
                                                         tmp_path: Path) -> None:
    """An existing file is replaced only with --force; a folder never."""
    (tmp_path / "old.db").write_bytes(b"keep me")
    with pytest.raises(ValidationError, match="--force"):
        backups.backup_database(sqlite_db, tmp_path / "old.db")
    assert (tmp_path / "old.db").read_bytes() == b"keep me"
    with pytest.raises(ValidationError, match="folder"):
        backups.backup_database(sqlite_db, tmp_path, force=True)


def test_r17_a_copy_that_fails_its_check_never_takes_the_target_name(
        sqlite_db: Database, tmp_path: Path) -> None:
    """A broken audit chain in the live file: no backup is written, the old one stays."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    target = tmp_path / "copy.db"
    backups.backup_database(sqlite_db, target)
    before = target.read_bytes()
    with sqlite3.connect(sqlite_db.url.database) as raw:
        raw.execute("UPDATE audit_log SET actor_name = 'someone' WHERE seq = 1")
    with pytest.raises(ValidationError, match="failed its check"):
        backups.backup_database(sqlite_db, target, force=True)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.partial")), "the temporary copy is removed"


# -- rotating backups (item 2) -------------------------------------------------------------


def test_daily_backup_once_a_day_and_only_the_newest_kept(sqlite_db: Database) -> None:
    """One backup a day at start; ``keep`` decides how many stay."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    live = Path(str(sqlite_db.url.database))
    day = datetime(2026, 12, 1, 9, 0)
    assert backups.daily_backup_if_due(sqlite_db, keep=2, now=day) is not None
    assert backups.daily_backup_if_due(sqlite_db, keep=2, now=day + timedelta(hours=23)) is None
    for n in range(1, 4):
        assert backups.daily_backup_if_due(sqlite_db, keep=2, now=day + timedelta(days=n))
    found = backups.list_backups(live)
    assert [b.taken_at for b in found] == [day + timedelta(days=3), day + timedelta(days=2)]
    assert {b.reason for b in found} == {"daily"}


# -- restore (item 2) ------------------------------------------------------------------------


def _backup_with_users(db: Database, tmp_path: Path) -> Path:
    users.create_first_supervisor(db, "boss", PASSWORD)
    return backups.backup_database(db, tmp_path / "saved.db")


def test_r17_restore_puts_the_backup_back_and_keeps_the_replaced_file(
        sqlite_db: Database, tmp_path: Path) -> None:
    """The replaced file (even a damaged one) is kept beside the restored database."""
    saved = _backup_with_users(sqlite_db, tmp_path)
    live = Path(str(sqlite_db.url.database))
    sqlite_db.dispose()
    live.write_bytes(b"\0" * 4096)  # the live file is ruined
    kept = backups.restore_database(live, saved)
    assert kept is not None and kept.read_bytes() == b"\0" * 4096
    restored = open_database(live)
    try:
        assert users.has_users(restored) and check_database(restored).ok
    finally:
        restored.dispose()


@pytest.mark.parametrize(("spoil", "words"), [
    (lambda p: p.write_bytes(b""), "holds no database"),
    (lambda p: p.write_bytes(b"not a database at all" * 100), "not a sound NIT Desk database"),
    (lambda p: p.unlink(), "There is no file"),
    (lambda p: _tamper(p), "audit log in"),
    (lambda p: _newer(p), "holds no database this program can use"),
])
def test_r17_restore_refuses_a_bad_backup_and_leaves_the_database(
        sqlite_db: Database, tmp_path: Path, spoil: Callable[[Path], None], words: str) -> None:
    """Integrity, schema version and audit chain are checked before anything is replaced."""
    saved = _backup_with_users(sqlite_db, tmp_path)
    live = Path(str(sqlite_db.url.database))
    spoil(saved)
    before = live.read_bytes()
    with pytest.raises(ValidationError, match=words):
        backups.restore_database(live, saved)
    assert live.read_bytes() == before
    assert not list(live.parent.glob("*.replaced-*"))


def _tamper(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE audit_log SET actor_name = 'someone' WHERE seq = 1")


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_newer'")


def test_restore_refuses_the_database_itself(sqlite_db: Database) -> None:
    """Restoring a file over itself would replace it by its own half-copied pages."""
    live = Path(str(sqlite_db.url.database))
    with pytest.raises(ValidationError, match="database itself"):
        backups.restore_database(live, live.parent / "x" / ".." / live.name)


# -- a missing, empty or damaged file (item 3) ------------------------------------------------


@pytest.mark.parametrize(("spoil", "state"), [
    (lambda p: p.unlink(), "missing"),
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"PK\x03\x04 a zip file" * 50), "not a NIT Desk database"),
    (lambda p: _damage(p), "damaged"),
])
def test_a_lost_database_is_named_in_words_with_the_newest_backup(
        sqlite_db: Database, spoil: Callable[[Path], None], state: str) -> None:
    """After the first start, nothing is created in place of a lost file."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    live = Path(str(sqlite_db.url.database))
    newest = backup_files.take_rotating_backup(live, "daily", keep=3)
    sqlite_db.dispose()
    spoil(live)
    before = live.read_bytes() if live.exists() else None
    with pytest.raises(backups.DatabaseFileError, match=state) as caught:
        backups.refuse_unusable_file(live, had_database=True)
    assert caught.value.latest is not None and caught.value.latest.path == newest
    assert (live.read_bytes() if live.exists() else None) == before


def _damage(path: Path) -> None:
    """Overwrite the middle of the file (a table's pages), keeping SQLite's header."""
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):
        data[start:start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_the_very_first_start_may_create_the_database(tmp_path: Path) -> None:
    """Nothing was ever there: a missing or 0-byte file is where a new desk starts."""
    backups.refuse_unusable_file(tmp_path / "new.db", had_database=False)
    (tmp_path / "touched.db").write_bytes(b"")
    backups.refuse_unusable_file(tmp_path / "touched.db", had_database=False)
    with pytest.raises(backups.DatabaseFileError, match="missing") as caught:
        backups.refuse_unusable_file(tmp_path / "new.db", had_database=True)
    assert caught.value.latest is None
