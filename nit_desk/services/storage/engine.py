"""Opening the database: a path or URL in, a configured :class:`Database` out."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, InterfaceError
from sqlalchemy.orm import Session, sessionmaker

from nit_desk.domain.db_target import split_password
from nit_desk.domain.errors import READ_CONNECTION_LOST, ConnectionLost, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.services.storage.backend import Backend, backend_for

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "sshfs", "afs", "ncpfs", "9p",
     "fuse.glusterfs", "ceph", "davfs", "fuse.davfs2"}
)


def to_url(target: str | Path) -> URL:
    """Turn a ``--db`` value (a file path or a SQLAlchemy URL) into a URL.

    The password is cut out first (:func:`nit_desk.domain.db_target.split_password`,
    any character allowed) and set on the parsed URL, so nothing else ever parses
    a URL holding a password, and a parse error never quotes it.

    Raises:
        ValidationError: the value is neither a usable path nor a URL.
    """
    raw = str(target).strip()
    if not raw:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "No database given."), field="db")
    if "://" in raw:
        address, password = split_password(raw)
        try:
            url = make_url(address)
        except Exception as exc:  # SQLAlchemy raises ArgumentError with details
            raise ValidationError(
                QT_TRANSLATE_NOOP("messages", "Database URL is not valid: {detail}"),
                field="db", detail=str(exc),
            ) from None  # the cause may quote the raw URL; the address has no password
        if password is not None:
            url = url.set(password=password)
        if url.get_backend_name() not in {"sqlite", "postgresql"}:
            raise ValidationError(
                QT_TRANSLATE_NOOP("messages", "Only SQLite files and PostgreSQL URLs are "
                                  "supported, not {backend}."),
                field="db", backend=url.get_backend_name(),
            )
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite", database=str(Path(raw).expanduser().absolute()))


def is_network_path(path: Path) -> bool:
    """Whether a file sits on a network share, where SQLite's locking is unsafe."""
    text = str(path)
    if sys.platform == "win32":
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # DRIVE_REMOTE
    return _mount_fstype(path) in NETWORK_FILESYSTEMS


def _mount_fstype(path: Path) -> str:
    """The file-system type of the mount holding ``path`` (Linux /proc/mounts)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    real = os.path.realpath(path)
    best, fstype = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and (real == parts[1] or real.startswith(parts[1].rstrip("/") + "/")):
            if len(parts[1]) > len(best):
                best, fstype = parts[1], parts[2]
    return fstype


class Database:
    """An engine, its backend and session factories for reads and writes.

    Writes run in sessions whose transactions start with BEGIN IMMEDIATE on
    SQLite; reads use ordinary deferred transactions so they never wait.
    """

    def __init__(self, url: URL, engine: Engine, backend: Backend) -> None:
        self.url = url
        self.engine = engine
        self.backend = backend
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(nit_write=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        """Whether this is the embedded single-desk database."""
        return self.backend.name == "sqlite"

    @property
    def display_name(self) -> str:
        """The URL with any password hidden, safe for logs and the About box."""
        return self.url.render_as_string(hide_password=True)

    def write_session(self) -> Session:
        """A session for one unit of work that changes data."""
        return self._write()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A short read-only session, rolled back at the end.

        Raises:
            ConnectionLost: the server went away during the read (``nothing_written``;
                :func:`nit_desk.services.uow.retrying_reads` runs it again once).
        """
        session = self._read()
        try:
            yield session
        except DBAPIError as exc:
            if not is_connection_lost(exc):
                raise
            raise ConnectionLost(READ_CONNECTION_LOST, nothing_written=True) from exc
        finally:
            close_quietly(session)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.backend.dispose()
        self.engine.dispose()


_CONNECTION_SQLSTATES = ("08", "57P01", "57P02", "57P03")
"""SQLSTATE class 08 (connection exception) and the server's shutdown codes."""


def is_connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` says the server connection broke (not a refusal by the database).

    SQLAlchemy marks what its dialect recognises as a disconnect
    (``connection_invalidated``); psycopg's "terminating connection due to
    administrator command" (57P01) and a client-side "server closed the
    connection" (no SQLSTATE on an OperationalError of PostgreSQL) are counted
    too. SQLite's own errors ("database is locked") are never a lost connection.
    """
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    if type(orig).__module__.split(".")[0] not in ("psycopg", "psycopg2"):
        return False
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state is None:
        return isinstance(exc, InterfaceError) or type(orig).__name__ in (
            "OperationalError", "InterfaceError")
    return any(str(state).startswith(prefix) for prefix in _CONNECTION_SQLSTATES)


def close_quietly(session: Session) -> None:
    """Roll back and close ``session``; on a dead connection there is nothing to undo."""
    try:
        session.rollback()
    except DBAPIError as exc:
        if not is_connection_lost(exc):
            raise
    finally:
        session.close()


def open_database(target: str | Path | URL, *, password: str | None = None) -> Database:
    """Create a :class:`Database` for a path or URL without touching the schema.

    Args:
        target: a SQLite file path or a SQLAlchemy URL.
        password: a PostgreSQL password from the keyring, never from settings.

    Raises:
        ValidationError: bad value, or a SQLite file on a network share.
    """
    url = target if isinstance(target, URL) else to_url(target)
    if password is not None and url.get_backend_name() == "postgresql":
        url = url.set(password=password)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_path(url)
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    backend = backend_for(engine.dialect.name)
    backend.configure(engine)
    return Database(url, engine, backend)


def _check_sqlite_path(url: URL) -> None:
    """Refuse a SQLite file on a network share or in a folder that does not exist."""
    if not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.parent.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "The folder {folder} does not exist."),
            field="db", folder=str(path.parent),
        )
    if is_network_path(path.parent):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "messages",
                "The database {path} is on a network share, where SQLite can lose data. "
                "For shared use, connect every workstation to a PostgreSQL server.",
            ),
            field="db", path=str(path),
        )
