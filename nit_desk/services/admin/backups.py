"""Backups a desk can trust, and a restore that keeps what it replaces (issue 15).

* :func:`backup_database` writes one backup (``nit-desk backup``): never over
  the live file or its companions, through a checked temporary file.
* :func:`daily_backup_if_due` keeps the rotating ``backups/`` folder fresh at
  each start; :mod:`nit_desk.services.storage.migrate` adds one before every
  migration. How many are kept is the desk's setting.
* :func:`check_backup_file` says in words whether a file can be restored:
  integrity, schema version, audit chain (R17).
* :func:`restore_database` puts a checked backup in place of the database and
  keeps the replaced file beside it, so a restore never loses anything either.

Like ``nit-desk check`` these act as the local operator on a file: no actor.
A restore runs while no desk has the file open (the CLI, or the desk itself
before it opens the database).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.storage import backup_files, migrate
from nit_desk.services.storage.backup_files import BackupFile, FileState
from nit_desk.services.storage.engine import Database, open_database

__all__ = ["BackupFile", "DatabaseFileError", "audit_chain_problem", "backup_database",
           "check_backup_file", "daily_backup_if_due", "damaged_file", "list_backups",
           "refuse_unusable_file", "restore_database"]

log = logging.getLogger(__name__)
DAILY = timedelta(days=1)


def audit_chain_problem(path: Path) -> str:
    """'' when the audit chain in the SQLite file ``path`` is intact, else the first break.

    A file at an older schema than this program is not walked: its entries are
    checked once it is upgraded (the ORM reads only the current schema).
    """
    copy = open_database(path)
    try:
        if not migrate.schema_state(copy).up_to_date:
            return ""
        chain = verify_audit_chain(copy)
    finally:
        copy.dispose()
    if chain.intact:
        return ""
    return f"audit entry seq {chain.first_bad_seq}: {chain.problem}"


def _sqlite_path(db: Database) -> Path:
    """The file of a SQLite database; PostgreSQL is refused in words."""
    if not db.is_sqlite:
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "A PostgreSQL database is backed up with the "
                              "server's own tool, pg_dump."),
            field="db")
    return Path(str(db.url.database))


def backup_database(db: Database, target: Path, *, force: bool = False) -> Path:
    """Copy a live SQLite database to ``target``, checked, and safe while in use.

    Raises:
        ValidationError: PostgreSQL, the live file or a companion as target, an
            existing target without ``force``, a missing folder, a failed check.
    """
    return backup_files.write_backup(_sqlite_path(db), target, verify=audit_chain_problem,
                                     force=force)


def daily_backup_if_due(db: Database, *, keep: int,
                        now: datetime | None = None) -> Path | None:
    """Take the day's rotating backup when the newest one is a day old or missing.

    Returns:
        The new backup, or None (PostgreSQL, or a recent backup exists).
    """
    if not db.is_sqlite:
        return None
    database = Path(str(db.url.database))
    now = now or datetime.now()
    newest = backup_files.list_backups(database)
    if newest and now - newest[0].taken_at < DAILY:
        return None
    path = backup_files.take_rotating_backup(database, "daily", keep=keep,
                                             verify=audit_chain_problem, now=now)
    log.info("Daily backup written to %s", path)
    return path


def list_backups(database: Path) -> list[BackupFile]:
    """The rotating backups of the SQLite file ``database``, newest first."""
    return backup_files.list_backups(database)


def check_backup_file(path: Path) -> None:
    """Refuse, in words, a file that cannot stand in for the database.

    The checks run on a copy, so the file itself is never written to (opening a
    SQLite file as a database may change its journal mode).

    Raises:
        ValidationError: missing, not a SQLite database, damaged, holding no
            NIT Desk data, written by a newer program, or a broken audit chain.
    """
    with tempfile.TemporaryDirectory(prefix="nit-desk-check-") as folder:
        _copy_and_check(path.expanduser(), Path(folder) / "copy.db")


def _copy_and_check(source: Path, copy: Path) -> None:
    """Copy ``source`` to ``copy`` and check the copy; the messages name ``source``."""
    if not source.is_file():
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "There is no file at {path}."),
                              field="from", path=str(source))
    try:
        backup_files.online_copy(source, copy)
        problem = backup_files.sqlite_problem(copy)
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    if problem:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "{path} is not a sound NIT Desk "
                                                "database: {problem}"),
                              field="from", path=str(source), problem=problem)
    db = open_database(copy)
    try:
        state = migrate.schema_state(db)
    finally:
        db.dispose()
    if state.current is None or state.too_new:
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "{path} holds no database this program can use "
                              "(schema {current}, this program knows up to {head})."),
            field="from", path=str(source), current=state.current or "empty", head=state.head)
    problem = audit_chain_problem(copy)
    if problem:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The audit log in {path} was "
                                                "altered: {problem}"),
                              field="from", path=str(source), problem=problem)


def restore_database(database: Path, source: Path) -> Path | None:
    """Replace ``database`` by the checked backup ``source``; keep the replaced file.

    ``source`` is copied next to the database and the copy is checked
    (:func:`check_backup_file`) and renamed into place; ``source`` is only read.

    The replaced file (and its ``-wal``/``-journal`` companions) is copied as
    it is, damaged or not, to ``<name>.replaced-<stamp>`` beside it. Run it while
    no desk has the database open.

    Returns:
        Where the replaced file was kept, or None when there was none.

    Raises:
        ValidationError: ``source`` fails :func:`check_backup_file`, or is the
            database itself.
    """
    if backup_files.is_protected(database, source):
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "{path} is the database itself; "
                                                "choose a backup to restore from."),
                              field="from", path=str(source))
    database = database.expanduser().resolve()
    handle, name = tempfile.mkstemp(prefix=f".{database.name}.", suffix=".restoring",
                                    dir=database.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        _copy_and_check(source.expanduser(), temporary)  # what is checked is what goes in
        kept = _keep_replaced(database)
        for suffix in backup_files.COMPANIONS:  # stale pages of the old file must not apply
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        os.replace(temporary, database)
    finally:
        temporary.unlink(missing_ok=True)
    log.info("Database restored from %s; the replaced file kept as %s", source, kept)
    return kept


def _keep_replaced(database: Path) -> Path | None:
    """Copy ``database`` and its companions aside as they are; the copy's path."""
    if not database.exists():
        return None
    stamp = datetime.now().strftime(backup_files.STAMP)
    kept = database.with_name(f"{database.stem}.replaced-{stamp}{database.suffix}")
    shutil.copy2(database, kept)
    for suffix in backup_files.COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists() and suffix != "-shm":
            shutil.copy2(companion, kept.with_name(kept.name + suffix))
    return kept


# -- a missing, empty or damaged database is never silently replaced (item 3) ----------


class DatabaseFileError(NitDeskError):
    """The database file cannot be used as it is; :attr:`latest` is the newest backup."""

    def __init__(self, template: str, *, path: Path, latest: BackupFile | None,
                 detail: str = "") -> None:
        super().__init__(template, field="db", path=str(path), detail=detail)
        self.path = path
        self.latest = latest


_FILE_PROBLEMS = {
    FileState.MISSING: QT_TRANSLATE_NOOP(
        "messages", "The database file {path} is missing. This desk has worked with it "
        "before, so NIT Desk does not put an empty database in its place."),
    FileState.EMPTY: QT_TRANSLATE_NOOP(
        "messages", "The database file {path} is empty: none of this desk's data is left in "
        "it. NIT Desk does not start a new empty database over it."),
    FileState.NOT_A_DATABASE: QT_TRANSLATE_NOOP(
        "messages", "The file {path} is not a NIT Desk database ({detail}); another program "
        "may have written over it. NIT Desk leaves it as it is."),
    FileState.DAMAGED: QT_TRANSLATE_NOOP(
        "messages", "The database file {path} is damaged (SQLite reports: {detail}). "
        "NIT Desk does not write to a damaged file."),
}


def refuse_unusable_file(database: Path, *, had_database: bool,
                         thorough: bool = True) -> None:
    """Refuse, in words, a database file that is missing, empty or damaged.

    Only a desk that never had a database here may start with a missing or
    0-byte file: that is the very first start, which creates the database.
    Backups of it in ``backups/`` prove it had one, whatever the caller knows
    (the command line keeps no settings; a desk's settings may be reset).

    Args:
        had_database: this computer has opened a database at ``database`` before.
        thorough: read every page (``quick_check``); the desk's start-up passes
            False and reports what SQLite meets while opening (:func:`damaged_file`).

    Raises:
        DatabaseFileError: what is wrong, and the newest backup to offer.
    """
    state, detail = backup_files.file_state(database, thorough=thorough)
    had_database = had_database or bool(backup_files.list_backups(database))
    if state is FileState.SOUND and had_database:
        try:
            if not backup_files.has_tables(database):
                state = FileState.EMPTY
        except sqlite3.DatabaseError as exc:
            state, detail = FileState.DAMAGED, str(exc)
    if state is FileState.SOUND:
        return
    if state in (FileState.MISSING, FileState.EMPTY) and not had_database:
        return
    raise _file_error(database, state, detail)


def damaged_file(database: Path, detail: str) -> DatabaseFileError:
    """The error for a file SQLite found damaged while opening it (``detail``: its words)."""
    return _file_error(database, FileState.DAMAGED, detail)


def _file_error(database: Path, state: FileState, detail: str) -> DatabaseFileError:
    newest = backup_files.list_backups(database)
    return DatabaseFileError(_FILE_PROBLEMS[state], path=database,
                             latest=newest[0] if newest else None, detail=detail)
