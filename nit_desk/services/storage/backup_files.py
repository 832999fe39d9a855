"""SQLite backup files: safe targets, online copies, and the rotating backup folder.

A backup must never harm the live file (issue 15, item 1). A target is
compared with the database *after* resolving ``..`` and symbolic links, and
with the companions SQLite keeps beside it (``-wal``, ``-shm``, ``-journal``):
writing over any of them loses saved changes. The copy is written through
SQLite's online backup API into a temporary file in the target's own folder,
checked, and only then renamed into place, so a half-written backup never
carries the target's name.

The rotating backups of a desk live in ``backups/`` beside the database, named
``<stem>-<YYYYmmdd-HHMMSS>-<reason>.db`` so their dates and reasons are read
from the names. No Qt and no audit knowledge here: the services above add the
audit-chain check.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP

COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database while it is in use."""
BACKUP_FOLDER = "backups"
DEFAULT_KEEP = 10
"""How many rotating backups a desk keeps unless its settings say otherwise."""
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9_.\-]+)\.db$")

Verifier = Callable[[Path], str]
"""Checks a finished copy; returns '' when it is sound, else the problem in words."""


@dataclass(frozen=True)
class BackupFile:
    """One rotating backup: where it is, when it was taken and why."""

    path: Path
    taken_at: datetime
    reason: str
    size: int


def protected_paths(database: Path) -> list[Path]:
    """The live file and its companions, resolved: a backup may write over none of them."""
    live = database.expanduser().resolve()
    return [live] + [live.with_name(live.name + suffix) for suffix in COMPANIONS]


def is_protected(database: Path, target: Path) -> bool:
    """Whether writing ``target`` would touch ``database`` or one of its companions.

    Compares resolved paths (``sub/../nit.db``, symbolic links) and, for files
    that exist, the file identity itself (hard links).
    """
    resolved = target.expanduser().resolve()
    for path in protected_paths(database):
        if resolved == path:
            return True
        if resolved.exists() and path.exists() and os.path.samefile(resolved, path):
            return True
    return False


def refuse_unsafe_target(database: Path, target: Path, *, force: bool) -> Path:
    """The resolved target, or a refusal naming what is wrong with it.

    Raises:
        ValidationError: the target is the live file or a companion, exists
            without ``force``, is a folder, or its folder is missing.
    """
    if is_protected(database, target):
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "{path} is the database itself or one of its "
                              "working files; a backup there would destroy saved changes. "
                              "Choose another file."),
            field="to", path=str(target))
    resolved = target.expanduser().resolve()
    if resolved.is_dir():
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "{path} is a folder, not a file."),
                              field="to", path=str(resolved))
    if resolved.exists() and not force:
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "{path} exists already; add --force to overwrite it."),
            field="to", path=str(resolved))
    if not resolved.parent.is_dir():
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The folder {folder} does not exist."),
                              field="to", folder=str(resolved.parent))
    return resolved


def _connect_existing(path: Path) -> sqlite3.Connection:
    """A connection to an existing file that never creates one (``mode=rw``; a WAL
    file may need its ``-shm`` written, so not read-only)."""
    uri = path.expanduser().resolve().as_uri() + "?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=15)


def sqlite_problem(path: Path, *, quick: bool = False) -> str:
    """What SQLite's ``integrity_check`` says is wrong with ``path`` ('' when sound).

    Args:
        quick: ``quick_check`` instead (skips index contents; for each start-up).
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = _connect_existing(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return "" if rows == ["ok"] else f"{pragma}: {rows[0]}"


def online_copy(source: Path, target: Path) -> None:
    """Copy the database ``source`` into ``target`` with SQLite's online backup API.

    Safe while other connections write: the copy is one consistent snapshot,
    and the source's pages are only read.
    """
    src = _connect_existing(source)
    dest = sqlite3.connect(str(target))
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()


def write_backup(database: Path, target: Path, *, verify: Verifier | None = None,
                 force: bool = False) -> Path:
    """Back ``database`` up to ``target``: temporary file, checks, atomic rename.

    Args:
        verify: a further check of the copy (the audit chain), after integrity_check.
        force: replace an existing ``target`` (never the database or its companions).

    Returns:
        The resolved path of the finished backup.

    Raises:
        ValidationError: an unsafe target, or a copy that failed its checks
            (the target is then left as it was).
    """
    resolved = refuse_unsafe_target(database, target, force=force)
    handle, name = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".partial",
                                    dir=resolved.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        online_copy(database.expanduser().resolve(), temporary)
        problem = sqlite_problem(temporary) or (verify(temporary) if verify else "")
        if problem:
            raise ValidationError(
                QT_TRANSLATE_NOOP("messages", "The backup was not written: the copy failed "
                                  "its check ({problem})."),
                field="to", problem=problem)
        if is_protected(database, resolved):  # re-checked: the folder may have changed
            raise ValidationError(QT_TRANSLATE_NOOP("messages", "The backup cannot overwrite "
                                                    "the database itself."), field="to")
        os.replace(temporary, resolved)
    finally:
        temporary.unlink(missing_ok=True)
    return resolved


# -- the rotating folder --------------------------------------------------------------


def backup_folder(database: Path) -> Path:
    """Where a database's rotating backups are kept: ``backups/`` beside it."""
    return database.expanduser().resolve().parent / BACKUP_FOLDER


def list_backups(database: Path) -> list[BackupFile]:
    """The rotating backups of ``database``, newest first."""
    folder = backup_folder(database)
    stem = database.stem
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["stem"] != stem or not path.is_file():
            continue
        taken = datetime.strptime(match["stamp"], STAMP)
        found.append(BackupFile(path, taken, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def take_rotating_backup(database: Path, reason: str, *, keep: int,
                         verify: Verifier | None = None,
                         now: datetime | None = None) -> Path:
    """Write a new rotating backup of ``database`` and keep only the newest ``keep``.

    Args:
        reason: a short word for the file name (``daily``, ``before-0003``).
        keep: how many backups to keep (at least the one just taken).
    """
    folder = backup_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime(STAMP)
    target = folder / f"{database.stem}-{stamp}-{reason}.db"
    path = write_backup(database, target, verify=verify, force=True)
    prune_backups(database, keep=keep)
    return path


def prune_backups(database: Path, *, keep: int) -> list[Path]:
    """Delete the rotating backups beyond the newest ``keep`` (at least one stays)."""
    removed = []
    for old in list_backups(database)[max(keep, 1):]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


# -- what is wrong with a database file -----------------------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"


class FileState(Enum):
    """What a SQLite database file looks like before it is opened."""

    SOUND = "sound"
    MISSING = "missing"
    EMPTY = "empty"
    NOT_A_DATABASE = "not_a_database"
    DAMAGED = "damaged"


def file_state(path: Path, *, thorough: bool = True) -> tuple[FileState, str]:
    """How the file at ``path`` stands, with SQLite's own words for a damaged one.

    A file of 0 bytes is EMPTY; one that does not start with SQLite's header is
    NOT_A_DATABASE; one whose ``quick_check`` fails is DAMAGED. Nothing is
    created or changed.

    Args:
        thorough: run ``quick_check`` (reads every page: seconds on a large file).
            The desk's start-up skips it and reports the damage SQLite meets
            while opening instead.
    """
    if not path.exists():
        return FileState.MISSING, ""
    if not path.is_file():
        return FileState.NOT_A_DATABASE, "a folder"
    if path.stat().st_size == 0:
        return FileState.EMPTY, ""
    with path.open("rb") as raw:
        if raw.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return FileState.NOT_A_DATABASE, "file is not a database"
    problem = sqlite_problem(path, quick=True) if thorough else ""
    return (FileState.DAMAGED, problem) if problem else (FileState.SOUND, "")


def has_tables(path: Path) -> bool:
    """Whether the sound SQLite file ``path`` holds any table at all."""
    conn = _connect_existing(path)
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                            ).fetchone()[0] > 0
    finally:
        conn.close()
