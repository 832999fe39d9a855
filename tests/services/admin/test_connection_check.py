""""Test connection" names what is wrong in plain words (issue 6, connecting).

Most cases run against real servers: the test server of
``NIT_DESK_TEST_PG_URL`` (trust authentication) for reachability, missing
databases and schemas, and a small throw-away cluster with password
authentication (started here when ``initdb`` is available) for wrong and
missing passwords. The wording classifier is also checked on its own for
messages this machine's servers cannot produce (a Russian server, SQLSTATEs).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from nit_desk.services.admin import connection_check
from nit_desk.services.admin.connection_check import check_connection, classify_error
from nit_desk.services.admin.connection_dto import ProblemKind
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.migrate import SchemaState

PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"),
             key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
             default=Path("/nonexistent"))
"""The newest installed server's programs (Debian/Ubuntu layout)."""
SECRET = "s3cret-Пароль"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def scratch_database(pg_database: Database) -> Iterator[URL]:
    """An empty database of our own on the test server, dropped afterwards."""
    name = f"nit_pg_check_{os.getpid()}"
    admin = create_engine(pg_database.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield pg_database.url.set(database=name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def password_server() -> Iterator[URL]:
    """A throw-away PostgreSQL cluster that wants a password (scram-sha-256)."""
    if not (PG_BIN / "initdb").exists() or os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("needs root and PostgreSQL's initdb to start a password-protected server")
    folder = Path(tempfile.mkdtemp(prefix="nit_pg_auth_"))
    shutil.chown(folder, "postgres")
    (folder / "pw").write_text(SECRET + "\n")
    shutil.chown(folder / "pw", "postgres")
    port = _free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-A",
                    "scram-sha-256", f"--pwfile={folder / 'pw'}", "-U", "postgres", "-N"],
                   check=True, capture_output=True)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(folder / "data")]
    subprocess.run([*pg_ctl, "-o", options, "-w", "-l", str(folder / "log"), "start"],
                   check=True, capture_output=True)
    try:
        yield URL.create("postgresql+psycopg", username="postgres", host="127.0.0.1",
                         port=port, database="postgres")
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


# -- against the test server ------------------------------------------------------------


def test_ok_names_the_server_version(pg_database: Database) -> None:
    """A migrated database: OK, with the server's version in the message."""
    found = check_connection(pg_database.url)
    assert found.ok and found.problem_kind is ProblemKind.OK
    with pg_database.engine.connect() as conn:
        version = str(conn.execute(text("SHOW server_version")).scalar_one()).split(" ")[0]
    assert found.server_version == version
    assert f"PostgreSQL {version}" in found.message


def test_missing_database(pg_database: Database) -> None:
    """A database name the server does not have."""
    name = f"nit_pg_no_such_{os.getpid()}"
    found = check_connection(pg_database.url.set(database=name))
    assert found.problem_kind is ProblemKind.NO_DATABASE
    assert f"no database named {name}" in found.message


def test_nothing_listens_on_the_port(pg_database: Database) -> None:
    """Connection refused: the host cannot be reached on that port."""
    port = _free_port()
    found = check_connection(pg_database.url.set(port=port))
    assert found.problem_kind is ProblemKind.UNREACHABLE
    assert f"127.0.0.1:{port} cannot be reached" in found.message


def test_unknown_host_name() -> None:
    """A host name that does not resolve is also "cannot be reached"."""
    found = check_connection("postgresql+psycopg://agent@no-such-host.invalid/nit", "x")
    assert found.problem_kind is ProblemKind.UNREACHABLE
    assert "no-such-host.invalid" in found.message


def test_unknown_user(pg_database: Database) -> None:
    """A role the server does not know is refused entry."""
    found = check_connection(pg_database.url.set(username=f"nobody_{os.getpid()}"))
    assert found.problem_kind is ProblemKind.NOT_LET_IN


def test_empty_database_needs_db_upgrade(scratch_database: URL) -> None:
    """A new, empty database: run nit-desk db upgrade once."""
    found = check_connection(scratch_database)
    assert found.problem_kind is ProblemKind.SCHEMA_EMPTY
    assert "nit-desk db upgrade" in found.message


def test_schema_written_by_a_newer_program(scratch_database: URL) -> None:
    """An unknown (newer) revision: install the newer program."""
    db = open_database(scratch_database)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffffffffff9'"))
    db.dispose()
    found = check_connection(scratch_database)
    assert found.problem_kind is ProblemKind.SCHEMA_TOO_NEW
    assert "Install the newer program" in found.message
    assert "fffffffffff9" in found.message


def test_schema_older_than_the_program(scratch_database: URL,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A known revision behind head: run nit-desk db upgrade.

    The migrations have one revision before the first release, so the older
    schema is simulated by the state the migration module reports.
    """
    db = open_database(scratch_database)
    migrate.upgrade(db)
    db.dispose()
    head = migrate.schema_state(open_database(scratch_database)).head
    monkeypatch.setattr(migrate, "schema_state",
                        lambda _db: SchemaState(current="000000000001", head=head, known=True))
    found = check_connection(scratch_database)
    assert found.problem_kind is ProblemKind.SCHEMA_TOO_OLD
    assert "Run 'nit-desk db upgrade' first" in found.message


# -- against a server that wants a password --------------------------------------------


def test_wrong_password(password_server: URL) -> None:
    """A wrong password is named as such, and never appears in the message."""
    found = check_connection(password_server, "not-the-password")
    assert found.problem_kind is ProblemKind.BAD_PASSWORD
    assert "refused the password of user postgres" in found.message
    assert "not-the-password" not in found.message + repr(found.params)


def test_missing_password(password_server: URL, monkeypatch: pytest.MonkeyPatch,
                          tmp_path: Path) -> None:
    """No password at all: the server asks for one."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    found = check_connection(password_server, None)
    assert found.problem_kind is ProblemKind.NO_PASSWORD


def test_right_password_reaches_the_schema_check(password_server: URL) -> None:
    """With the right password the test goes on to the schema (empty here)."""
    found = check_connection(password_server, SECRET)
    assert found.problem_kind is ProblemKind.SCHEMA_EMPTY


# -- the classifier and the address ------------------------------------------------------


@pytest.mark.parametrize(("message", "kind"), [
    ('FATAL:  password authentication failed for user "anna"', ProblemKind.BAD_PASSWORD),
    ('ВАЖНО:  пользователь "anna" не прошёл проверку подлинности (по паролю)',
     ProblemKind.BAD_PASSWORD),
    ('ВАЖНО:  база данных "nit" не существует', ProblemKind.NO_DATABASE),
    ('ВАЖНО:  роль "anna" не существует', ProblemKind.NOT_LET_IN),
    ("fe_sendauth: no password supplied", ProblemKind.NO_PASSWORD),
    ("FATAL:  the database system is starting up", ProblemKind.SERVER_BUSY),
    ("connection timeout expired", ProblemKind.UNREACHABLE),
    ("something nobody expected", ProblemKind.OTHER),
])
def test_server_messages_in_either_language(message: str, kind: ProblemKind) -> None:
    """Connection errors carry no SQLSTATE: the wording is classified (en, ru)."""
    assert classify_error(psycopg.OperationalError(message)) is kind


@pytest.mark.parametrize(("sqlstate", "kind"), [("28P01", ProblemKind.BAD_PASSWORD),
                                                 ("3D000", ProblemKind.NO_DATABASE)])
def test_sqlstate_wins_when_there_is_one(sqlstate: str, kind: ProblemKind) -> None:
    """Where psycopg has a SQLSTATE it decides, whatever the wording."""

    class WithState(psycopg.OperationalError):
        pass

    WithState.sqlstate = sqlstate  # type: ignore[assignment]
    assert classify_error(WithState("unrelated words")) is kind


def test_a_bad_address_is_reported_not_raised() -> None:
    """A URL of another database kind is a report, not an exception."""
    found = check_connection("mysql://agent@server/nit")
    assert found.problem_kind is ProblemKind.BAD_ADDRESS
    assert not found.ok


def test_reports_fill_every_template() -> None:
    """Every problem's message is filled (no stray {placeholders})."""
    params = {"host": "h", "port": 1, "user": "u", "database": "d", "detail": "x",
              "version": "15", "current": "a", "head": "b"}
    for kind in ProblemKind:
        assert "{" not in connection_check.report(kind, **params).message


def test_a_sqlite_file_is_checked_but_never_created(tmp_path: Path,
                                                    sqlite_template: Path) -> None:
    """A missing file is reported (and not made); a migrated one is OK."""
    missing = tmp_path / "nowhere.db"
    assert check_connection(str(missing)).problem_kind is ProblemKind.BAD_ADDRESS
    assert not missing.exists()
    assert check_connection(str(sqlite_template)).ok
