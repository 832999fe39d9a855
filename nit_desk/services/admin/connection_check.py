""""Test connection": what is wrong with a PostgreSQL address, in plain words.

:func:`check_connection` tries the server the way a workstation will, and
names the first problem: the host cannot be reached, the password is wrong
or missing, the user is not let in, the database is missing, the schema is
older or newer than this program. It never raises for any of these, so a
settings dialog can run it on a worker and show the report as it is.

libpq reports a failed connection with a message and no SQLSTATE, in the
server's language; the error is classified by SQLSTATE where one exists,
then by libpq's own flags (a password was needed), then by the English and
Russian wording of the server's message.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.services.admin.connection_dto import ConnectionReport, ProblemKind
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import open_database, to_url

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5


def server_key(target: str) -> str:
    """``user@host:port/database`` of a PostgreSQL target, parsed by SQLAlchemy alone.

    The keyring keeps one password under this name; a password in ``target``
    (any character) plays no part in it.
    """
    url = to_url(target)
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


_TEMPLATES: dict[ProblemKind, str] = {
    ProblemKind.OK: QT_TRANSLATE_NOOP(
        "messages", "Connected to PostgreSQL {version}. The database is ready for this "
        "program."),
    ProblemKind.BAD_ADDRESS: QT_TRANSLATE_NOOP(
        "messages", "The database address is not valid: {detail}"),
    ProblemKind.UNREACHABLE: QT_TRANSLATE_NOOP(
        "messages", "The server {host}:{port} cannot be reached. Check the host name and "
        "port, that the server is running, and that no firewall blocks this computer."),
    ProblemKind.NO_PASSWORD: QT_TRANSLATE_NOOP(
        "messages", "The server asks for the password of user {user}. Enter it."),
    ProblemKind.BAD_PASSWORD: QT_TRANSLATE_NOOP(
        "messages", "The server refused the password of user {user}. Check the password."),
    ProblemKind.NOT_LET_IN: QT_TRANSLATE_NOOP(
        "messages", "The server does not let user {user} in: the user may not exist, or "
        "the server does not allow connections from this computer (pg_hba.conf)."),
    ProblemKind.NO_DATABASE: QT_TRANSLATE_NOOP(
        "messages", "The server has no database named {database}. Check the name, or ask "
        "the administrator to create it."),
    ProblemKind.SERVER_BUSY: QT_TRANSLATE_NOOP(
        "messages", "The server is starting, stopping or has no free connections. Try "
        "again in a minute."),
    ProblemKind.SCHEMA_EMPTY: QT_TRANSLATE_NOOP(
        "messages", "The database {database} has no NIT Desk tables yet. Run "
        "'nit-desk db upgrade' once to create them."),
    ProblemKind.SCHEMA_TOO_OLD: QT_TRANSLATE_NOOP(
        "messages", "The database schema is older than this program ({current} < {head}). "
        "Run 'nit-desk db upgrade' first."),
    ProblemKind.SCHEMA_TOO_NEW: QT_TRANSLATE_NOOP(
        "messages", "The database was written by a newer NIT Desk (schema {current}). "
        "Install the newer program on this computer."),
    ProblemKind.OTHER: QT_TRANSLATE_NOOP(
        "messages", "The connection failed: {detail}"),
}

# SQLSTATE, then wording (English and Russian server messages), per problem, in order.
_SQLSTATES: dict[str, ProblemKind] = {
    "28P01": ProblemKind.BAD_PASSWORD, "28000": ProblemKind.NOT_LET_IN,
    "3D000": ProblemKind.NO_DATABASE, "57P03": ProblemKind.SERVER_BUSY,
    "53300": ProblemKind.SERVER_BUSY,
}
_WORDING: tuple[tuple[ProblemKind, tuple[str, ...]], ...] = (
    (ProblemKind.NO_PASSWORD, ("no password supplied", "password is required")),
    (ProblemKind.BAD_PASSWORD, ("password authentication failed", "пароль не прошёл проверку",
                                "не прошёл проверку подлинности (по паролю)")),
    (ProblemKind.NOT_LET_IN, ('role "', 'роль "', "pg_hba.conf", "no such user",
                             "permission denied", "нет доступа")),
    (ProblemKind.NO_DATABASE, ("database \"", "база данных \"")),
    (ProblemKind.SERVER_BUSY, ("starting up", "shutting down", "too many clients",
                               "connection slots are reserved", "запускается",
                               "слишком много подключений")),
    (ProblemKind.UNREACHABLE, ("connection refused", "timeout expired", "timed out",
                               "could not translate host", "failed to resolve host",
                               "name or service not known", "no route to host",
                               "network is unreachable", "could not connect",
                               "server closed the connection unexpectedly",
                               "connection reset", "host is unreachable")),
)


def report(kind: ProblemKind, **params: Any) -> ConnectionReport:
    """A report of ``kind`` with its message filled in from ``params``."""
    template = _TEMPLATES[kind]
    try:
        message = template.format(**params)
    except (KeyError, IndexError, ValueError):
        message = template
    return ConnectionReport(ok=kind is ProblemKind.OK, problem_kind=kind, message=message,
                            template=template, params=dict(params),
                            server_version=str(params.get("version", "")))


def classify_error(error: BaseException) -> ProblemKind:
    """Which problem a psycopg connection error stands for (see the module docstring)."""
    sqlstate = getattr(error, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate in _SQLSTATES:
        return _SQLSTATES[sqlstate]
    pgconn = getattr(error, "pgconn", None)
    if pgconn is not None and getattr(pgconn, "needs_password", False):
        return ProblemKind.NO_PASSWORD
    wording = str(error).lower()
    for kind, fragments in _WORDING:
        if any(fragment.lower() in wording for fragment in fragments):
            return kind
    return ProblemKind.OTHER


def check_connection(url: str | URL, password: str | None = None, *,
                     timeout_s: int = CONNECT_TIMEOUT_S) -> ConnectionReport:
    """Connect to ``url`` as a workstation would and report the first problem.

    Blocking (up to about ``timeout_s`` seconds): run it off the GUI thread.

    Args:
        url: a ``postgresql+psycopg://user@host:port/database`` URL (an existing
            SQLite file is checked too: its schema only; a missing one is not created).
        password: the password to try (from the dialog or the keyring).
    """
    try:
        target = to_url(url) if not isinstance(url, URL) else url
    except ValidationError as exc:
        return report(ProblemKind.BAD_ADDRESS, detail=exc.message)
    names = {"host": target.host or "localhost", "port": target.port or 5432,
             "user": target.username or "", "database": target.database or ""}
    if target.get_backend_name() == "postgresql":
        target = target.update_query_dict({"connect_timeout": str(timeout_s)})
    elif not Path(str(target.database or "")).is_file():  # a test must not create the file
        return report(ProblemKind.BAD_ADDRESS, detail=f"no database file {target.database}")
    try:
        db = open_database(target, password=password)
    except ValidationError as exc:
        return report(ProblemKind.BAD_ADDRESS, detail=exc.message)
    try:
        return _check_open(db, names)
    finally:
        db.dispose()


def _check_open(db: Any, names: dict[str, Any]) -> ConnectionReport:
    """Connect, read the server version, then compare the schema with this program."""
    try:
        with db.engine.connect() as conn:
            version = "SQLite" if db.is_sqlite else str(
                conn.execute(text("SHOW server_version")).scalar_one()).split(" ")[0]
        state = migrate.schema_state(db)
    except DBAPIError as exc:
        kind = classify_error(exc.orig if exc.orig is not None else exc)
        log.info("Connection test failed: %s", kind.value)
        return report(kind, detail=_first_line(exc.orig or exc), **names)
    except (SQLAlchemyError, OSError) as exc:
        log.info("Connection test failed: %s", type(exc).__name__)
        return report(ProblemKind.OTHER, detail=_first_line(exc), **names)
    if state.current is None:
        return report(ProblemKind.SCHEMA_EMPTY, **names)
    if state.too_new:
        return report(ProblemKind.SCHEMA_TOO_NEW, current=state.current, head=state.head,
                      **names)
    if state.too_old:
        return report(ProblemKind.SCHEMA_TOO_OLD, current=state.current, head=state.head,
                      **names)
    return report(ProblemKind.OK, version=version, current=state.current, **names)


def _first_line(error: BaseException) -> str:
    """The first line of an error, without the "connection failed:" prefix psycopg adds."""
    lines = str(error).strip().splitlines()
    line = lines[0] if lines else type(error).__name__
    return line.removeprefix("connection failed: ")
