"""The ``nit-desk`` command line: every subcommand, and clear one-line errors.

Most tests call :func:`nit_desk.cli.main` in-process (fast); a few run
``python -m nit_desk`` to prove the real entry point prints no traceback and
never imports Qt for a non-GUI command.
"""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from nit_desk import cli
from nit_desk.demo import demo
from nit_desk.domain.types import Role
from nit_desk.services.admin import users
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.models import Base, Client, User

from .conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[1]


def run(argv: list[str], capsys: pytest.CaptureFixture[str], *,
        stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None,
        ) -> tuple[int, str, str]:
    """Run ``nit-desk argv`` in-process; returns (exit status, stdout, stderr)."""
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m nit_desk args`` for real."""
    return subprocess.run([sys.executable, "-m", "nit_desk", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.fixture
def new_file(tmp_path: Path) -> str:
    """A path where no database exists yet."""
    return str(tmp_path / "desk.db")


@pytest.fixture
def file_with_users(new_file: str, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite file with a supervisor ``boss`` and an agent ``anna``, made by the CLI."""
    for name, role in (("boss", "supervisor"), ("anna", "agent")):
        status, _out, err = run(["user", "add", name, "--role", role, "--db", new_file,
                                 "--password-stdin"], capsys, stdin=PASSWORD + "\n",
                                monkeypatch=monkeypatch)
        assert status == 0, err
    return new_file


# -- user add ------------------------------------------------------------------------


def test_user_add_creates_the_first_supervisor_then_users_r18(
        new_file: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The first user of a new file is a supervisor; later ones are added as the system."""
    status, out, _ = run(["user", "add", "boss", "--role", "supervisor", "--db", new_file,
                          "--password-stdin"], capsys, stdin=PASSWORD + "\n",
                         monkeypatch=monkeypatch)
    assert (status, out.strip()) == (0, "user boss added (supervisor)")
    status, out, _ = run(["user", "add", "anna", "--role", "agent", "--db", new_file],
                         capsys, stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert status == 0 and out.startswith("user anna added (agent)")
    db = open_database(new_file)
    try:
        boss = users.authenticate(db, "boss", PASSWORD)
        anna = users.authenticate(db, "anna", PASSWORD)
        assert boss.actor.role is Role.SUPERVISOR and not boss.must_change_password
        assert anna.actor.role is Role.AGENT and anna.must_change_password
        assert verify_audit_chain(db).count == 2  # both creations audited (R17)
    finally:
        db.dispose()


def test_user_add_asks_twice_on_a_terminal(
        new_file: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the password is asked twice; a mismatch writes nothing, exit 2."""
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(isatty=lambda: True))
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda _prompt: next(answers))
    status, _out, err = run(["user", "add", "boss", "--role", "supervisor", "--db", new_file],
                            capsys)
    assert status == 2 and "differ" in err
    db = open_database(new_file)
    try:
        assert not users.has_users(db)
    finally:
        db.dispose()


def test_user_add_refuses_an_agent_as_first_user(
        new_file: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Somebody must be able to manage users: the first one is a supervisor."""
    status, _out, err = run(["user", "add", "anna", "--role", "agent", "--db", new_file,
                             "--password-stdin"], capsys, stdin=PASSWORD + "\n",
                            monkeypatch=monkeypatch)
    assert status == 2
    assert err.strip() == ("nit-desk: error: argument --role: the first user of a database "
                           "must be a supervisor")


@pytest.mark.parametrize(("name", "password", "argument"), [
    ("boss", "short", "argument password:"),
    ("a b", PASSWORD, "argument NAME:"),
    ("anna", PASSWORD, "argument NAME: The user name anna is taken."),
])
def test_user_add_reports_bad_values_by_argument(
        file_with_users: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, name: str, password: str, argument: str) -> None:
    """A bad name or password is one line naming it, exit 2."""
    status, _out, err = run(["user", "add", name, "--role", "agent", "--db", file_with_users,
                             "--password-stdin"], capsys, stdin=password + "\n",
                            monkeypatch=monkeypatch)
    assert status == 2
    assert err.count("\n") == 1 and argument in err


def test_user_add_works_on_the_test_database(
        db: Database, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``--db`` takes a URL as well as a path (runs on PostgreSQL when configured)."""
    status, out, err = run(["user", "add", "boss", "--role", "supervisor", "--db", _url(db),
                            "--password-stdin"], capsys, stdin=PASSWORD + "\n",
                           monkeypatch=monkeypatch)
    assert status == 0, err
    assert out.strip() == "user boss added (supervisor)"
    assert users.authenticate(db, "boss", PASSWORD).actor.role is Role.SUPERVISOR


# -- demo ------------------------------------------------------------------------------


def test_demo_fills_an_empty_database(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    """Scenarios plus 200 generated clients; the demo users sign in; the chain verifies."""
    status, out, err = run(["demo", "--db", _url(db), "--clients", "200", "--seed", "7"],
                           capsys)
    assert status == 0, err
    assert demo.DEMO_PASSWORD in out and "200 clients" in out
    with db.read_session() as s:
        generated = s.execute(select(func.count(Client.id))
                              .where(Client.handle.like("%\\_%", escape="\\"))).scalar_one()
        total = s.execute(select(func.count(Client.id))).scalar_one()
        names = set(s.execute(select(User.username)).scalars())
    assert total >= 200 + 5 and generated >= 200
    assert names == {demo.DEMO_SUPERVISOR, *demo.DEMO_AGENTS}
    supervisor = users.authenticate(db, demo.DEMO_SUPERVISOR, demo.DEMO_PASSWORD).actor
    assert supervisor.role is Role.SUPERVISOR
    report = verify_audit_chain(db)
    assert report.intact, report.problem
    with db.read_session() as s:
        actions = set(s.execute(text("SELECT action FROM audit_log")).scalars())
    assert {"demo.bulk_loaded", "client.created", "ban.proposed", "payment.recorded"} <= actions


def test_demo_leaves_the_schema_and_pragmas_as_the_program_expects(
        new_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    """After the bulk load: indexes rebuilt exactly as the models say, WAL and checks back on."""
    status, _out, err = run(["demo", "--db", new_file, "--clients", "300"], capsys)
    assert status == 0, err
    db = open_database(new_file)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
    finally:
        db.dispose()
    raw = sqlite3.connect(new_file)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # stored in the file
    finally:
        raw.close()
    status, out, _ = run(["check", "--db", new_file], capsys)
    assert status == 0 and out.startswith("OK: ")


def test_demo_refuses_a_database_in_use(file_with_users: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Demo data never mixes with real users and clients."""
    status, _out, err = run(["demo", "--db", file_with_users, "--clients", "10"], capsys)
    assert status == 1 and "in use already" in err


# -- check ---------------------------------------------------------------------------


def test_check_passes_on_a_sound_database(file_with_users: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 0 and the number of audit entries walked (R17)."""
    status, out, _ = run(["check", "--db", file_with_users], capsys)
    assert (status, out.strip()) == (0, "OK: 2 audit entries intact")


def test_check_fails_on_a_tampered_audit_entry(file_with_users: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """An audit row edited with plain SQL: exit 1 naming the entry (R17)."""
    with sqlite3.connect(file_with_users) as raw:
        raw.execute("UPDATE audit_log SET actor_name = 'someone' WHERE seq = 2")
    status, out, err = run(["check", "--db", file_with_users], capsys)
    assert status == 1 and out == ""
    assert err.startswith("nit-desk: error: check failed: audit entry seq 2 ")
    assert "changed" in err


def test_check_fails_on_a_broken_foreign_key(file_with_users: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A row pointing at nothing is reported by PRAGMA foreign_key_check."""
    raw = sqlite3.connect(file_with_users)
    try:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("INSERT INTO client_contacts (client_id, kind, network, value) "
                    "VALUES (4242, 'email', NULL, 'ghost@example.ru')")
        raw.commit()
    finally:
        raw.close()
    status, _out, err = run(["check", "--db", file_with_users], capsys)
    assert status == 1 and "foreign_key_check: client_contacts" in err


def test_check_works_on_the_test_database(db: Database, supervisor: object,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """On PostgreSQL (when configured) only the audit chain is walked."""
    status, out, _ = run(["check", "--db", _url(db)], capsys)
    assert status == 0 and out.startswith("OK: ")


# -- backup --------------------------------------------------------------------------


def test_backup_writes_a_valid_copy_and_never_overwrites(
        file_with_users: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The copy opens, passes its own check and has the users; a second run needs --force."""
    target = tmp_path / "copy.db"
    status, out, _ = run(["backup", "--db", file_with_users, "--to", str(target)], capsys)
    assert status == 0 and str(target) in out
    status, out, _ = run(["check", "--db", str(target)], capsys)
    assert (status, out.strip()) == (0, "OK: 2 audit entries intact")
    with sqlite3.connect(target) as raw:
        assert sorted(r[0] for r in raw.execute("SELECT username FROM users")) == ["anna", "boss"]
    status, _out, err = run(["backup", "--db", file_with_users, "--to", str(target)], capsys)
    assert status == 2 and "argument --to:" in err and "--force" in err
    status, _out, _err = run(["backup", "--db", file_with_users, "--to", str(target),
                              "--force"], capsys)
    assert status == 0


def test_backup_while_the_database_is_being_written(
        file_with_users: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An open write transaction elsewhere does not spoil the copy (online backup API)."""
    writer = sqlite3.connect(file_with_users, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE users SET failed_attempts = 3")
        status, _out, err = run(["backup", "--db", file_with_users,
                                 "--to", str(tmp_path / "live.db")], capsys)
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert status == 0, err
    with sqlite3.connect(tmp_path / "live.db") as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT max(failed_attempts) FROM users").fetchone() == (0,)


def test_backup_of_postgresql_points_to_pg_dump(db: Database, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """PostgreSQL has its own tool; SQLite uses the backup API."""
    status, out, _ = run(["backup", "--db", _url(db), "--to", str(tmp_path / "x")], capsys)
    if db.is_sqlite:
        assert status == 0
    else:
        assert status == 1 and "pg_dump" in out


# -- db upgrade / status -------------------------------------------------------------


def test_db_upgrade_and_status(new_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A new file is created at head; a second upgrade has nothing to do."""
    status, out, _ = run(["db", "upgrade", "--db", new_file], capsys)
    head = migrate.schema_state(open_database(new_file)).head
    assert (status, out.strip()) == (0, f"schema upgraded from empty to {head}")
    status, out, _ = run(["db", "upgrade", "--db", new_file], capsys)
    assert (status, out.strip()) == (0, f"schema is up to date ({head})")
    status, out, _ = run(["db", "status", "--db", new_file], capsys)
    assert (status, out.strip()) == (0, f"schema {head}, program {head}: up to date")
    assert not list(Path(new_file).parent.glob("backups/*.db")), "nothing to back up"


def test_db_upgrade_refuses_a_newer_schema(file_with_users: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A file from a newer NIT Desk: exit 1 with a clear message, file untouched."""
    with sqlite3.connect(file_with_users) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_newer'")
    status, _out, err = run(["db", "upgrade", "--db", file_with_users], capsys)
    assert status == 1 and "newer NIT Desk" in err and "9999_newer" in err
    status, out, _ = run(["db", "status", "--db", file_with_users], capsys)
    assert status == 1 and "newer than this program" in out
    status, _out, err = run(["check", "--db", file_with_users], capsys)
    assert status == 1 and "newer NIT Desk" in err


# -- bad arguments -----------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "argument"), [
    (["user", "add", "x", "--role", "boss"], "argument --role"),
    (["user", "add", "x"], "--role"),
    (["check", "--db", "mysql://u@h/db"], "argument --db"),
    (["check", "--db", "postgresql://u@h:port/db"], "argument --db"),
    (["check", "--db", "{tmp}/no/such/folder/x.db"], "argument --db"),
    (["check", "--db", "{tmp}/missing.db"], "argument --db: no database at"),
    (["demo", "--db", "{tmp}/d.db", "--clients", "many"], "argument --clients"),
    (["demo", "--db", "{tmp}/d.db", "--clients", "-1"], "argument --clients"),
    (["demo", "--clients", "10"], "--db"),
    (["backup", "--db", "{tmp}/x.db"], "--to"),
    (["no-such-command"], "argument COMMAND"),
    (["--demo", "--db", "{tmp}/x.db"], "argument --demo"),
    (["--demo", "check"], "argument --demo"),
])
def test_bad_arguments_exit_2_with_one_line_naming_the_argument(
        argv: list[str], argument: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """No usage dump, no traceback: one line that says which argument is wrong."""
    status, out, err = run([a.replace("{tmp}", str(tmp_path)) for a in argv], capsys)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("nit-desk")
    assert argument in err
    assert "Traceback" not in err


def test_the_real_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    """``python -m nit_desk`` with a bad --db: exit 2, one line, and Qt never imported."""
    done = run_process("check", "--db", str(tmp_path / "nowhere" / "x.db"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "argument --db" in done.stderr
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from nit_desk.cli import main; "
         f"status = main(['db', 'upgrade', '--db', {str(tmp_path / 'q.db')!r}]); "
         "print(status, any(m.startswith('PySide6') for m in sys.modules))"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert probe.stdout.strip().splitlines()[-1] == "0 False", probe.stderr


def test_an_unreachable_server_is_one_line_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A PostgreSQL URL nobody answers: a database error line, no traceback."""
    status, _out, err = run(["check", "--db", "postgresql://nobody@127.0.0.1:9/none"], capsys)
    assert status == 1
    assert err.startswith("nit-desk: error: database error:") and err.count("\n") == 1


# -- the workstation -------------------------------------------------------------------


@pytest.fixture
def fake_gui(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace ``nit_desk.app.app`` so the GUI commands can be checked without Qt."""
    calls: list[dict[str, Any]] = []

    def run_gui(db_target: str | None, **kwargs: Any) -> int:
        db = kwargs.get("db")
        if db is not None:  # the demo database must be usable while the GUI runs
            with db.read_session() as s:
                kwargs["clients"] = s.execute(select(func.count(Client.id))).scalar_one()
        calls.append({"db_target": db_target, **kwargs})
        return 0

    module = types.ModuleType("nit_desk.app.app")
    module.run_gui = run_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nit_desk.app.app", module)
    return calls


def test_no_command_opens_the_workstation(fake_gui: list[dict[str, Any]], new_file: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``nit-desk --db X`` opens X; plain ``nit-desk`` leaves the choice to the settings."""
    assert run(["--db", new_file], capsys)[0] == 0
    assert run([], capsys)[0] == 0
    assert [c["db_target"] for c in fake_gui] == [new_file, None]


def test_demo_flag_opens_the_workstation_signed_in_on_demo_data(
        fake_gui: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    """``--demo`` builds a temporary database, signs in the demo supervisor, cleans up."""
    status, _out, err = run(["--demo", "--demo-clients", "50"], capsys)
    assert status == 0, err
    (call,) = fake_gui
    assert call["demo"] is True
    assert call["demo_actor"].username == demo.DEMO_SUPERVISOR
    assert call["demo_actor"].role is Role.SUPERVISOR
    assert call["clients"] >= 50
    assert not Path(call["db_target"]).exists(), "the temporary demo folder is removed"


# -- issue 15: backups never harm the live file; restore; lost files; passwords ------------


@pytest.mark.parametrize("target", ["{dir}/sub/../desk.db", "{dir}/desk.db-wal",
                                    "{dir}/desk.db-shm", "{dir}/desk.db-journal",
                                    "{dir}/./desk.db"])
def test_backup_refuses_the_live_file_and_its_companions(
        file_with_users: str, target: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 1: even with --force, exit 2 naming --to; the database still checks OK."""
    folder = Path(file_with_users).parent
    (folder / "sub").mkdir(exist_ok=True)
    status, _out, err = run(["backup", "--db", file_with_users, "--to",
                             target.format(dir=folder), "--force"], capsys)
    assert status == 2 and "argument --to:" in err and "working files" in err
    status, out, _ = run(["check", "--db", file_with_users], capsys)
    assert (status, out.strip()) == (0, "OK: 2 audit entries intact")


def test_restore_from_a_backup_keeps_the_replaced_file(
        file_with_users: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 2: restore --from checks the file, replaces the database, keeps the old one."""
    saved = tmp_path / "saved.db"
    assert run(["backup", "--db", file_with_users, "--to", str(saved)], capsys)[0] == 0
    Path(file_with_users).write_bytes(b"")  # the database was emptied meanwhile
    status, out, err = run(["restore", "--db", file_with_users, "--from", str(saved)], capsys)
    assert status == 0, err
    assert "restored" in out and ".replaced-" in out
    (kept,) = Path(file_with_users).parent.glob("desk.replaced-*.db")
    assert kept.read_bytes() == b""
    status, out, _ = run(["check", "--db", file_with_users], capsys)
    assert (status, out.strip()) == (0, "OK: 2 audit entries intact")


def test_restore_refuses_a_tampered_backup(
        file_with_users: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 2: an altered audit log in the backup: exit 2 naming --from, nothing replaced."""
    saved = tmp_path / "saved.db"
    assert run(["backup", "--db", file_with_users, "--to", str(saved)], capsys)[0] == 0
    with sqlite3.connect(saved) as raw:
        raw.execute("UPDATE audit_log SET actor_name = 'someone' WHERE seq = 2")
    before = Path(file_with_users).read_bytes()
    status, _out, err = run(["restore", "--db", file_with_users, "--from", str(saved)], capsys)
    assert status == 2 and "argument --from:" in err and "audit log" in err
    assert Path(file_with_users).read_bytes() == before


@pytest.mark.parametrize("command", [["check"], ["user", "add", "x", "--role", "agent",
                                                 "--password-stdin"], ["db", "upgrade"]])
def test_an_emptied_database_is_reported_never_refilled(
        file_with_users: str, command: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 3: a 0-byte file: exit 1, the problem in words and the restore command."""
    folder = Path(file_with_users).parent
    db = open_database(file_with_users)
    from nit_desk.services.admin.backups import daily_backup_if_due

    newest = daily_backup_if_due(db, keep=3)
    db.dispose()
    Path(file_with_users).write_bytes(b"")
    status, _out, err = run([*command, "--db", file_with_users], capsys,
                            stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert status == 1 and err.count("\n") == 1
    assert "is empty" in err and f"nit-desk restore --db {file_with_users} --from {newest}" in err
    assert Path(file_with_users).stat().st_size == 0
    assert newest is not None and newest.parent == folder / "backups"


def test_a_missing_database_with_backups_is_not_created_anew(
        file_with_users: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 3: the command line keeps no settings, but backups beside the path prove a
    database was there: `user add` on the vanished file refuses and names the backup."""
    db = open_database(file_with_users)
    from nit_desk.services.admin.backups import daily_backup_if_due

    newest = daily_backup_if_due(db, keep=3)
    db.dispose()
    Path(file_with_users).unlink()
    status, _out, err = run(["user", "add", "x", "--role", "supervisor", "--password-stdin",
                             "--db", file_with_users], capsys, stdin=PASSWORD + "\n",
                            monkeypatch=monkeypatch)
    assert status == 1 and "is missing" in err and f"--from {newest}" in err
    assert not Path(file_with_users).exists()


PG_PASSWORD = "Zq#7/x?y@w:rd"


@pytest.mark.parametrize("url", [
    f"postgresql://postgres:{PG_PASSWORD}@127.0.0.1:notaport/nit",
    f"postgresql://postgres:{PG_PASSWORD}@127.0.0.1:9/none",
])
def test_a_password_in_db_is_never_printed(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 5: a bad or unreachable URL whose password holds # / ? @ : is one line,
    no traceback, and none of the password."""
    status, out, err = run(["check", "--db", url], capsys)
    assert status in (1, 2) and err.count("\n") == 1 and "Traceback" not in err
    for fragment in (PG_PASSWORD, "Zq#7", "w:rd", "x?y"):
        assert fragment not in out + err


def test_a_password_in_db_reaches_the_server(db: Database,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Item 5 on PostgreSQL: the URL is parsed (trust auth ignores the password) and works."""
    if db.is_sqlite:
        pytest.skip("a file has no password")
    url = db.url.set(password=None).render_as_string(hide_password=False).replace(
        "://postgres@", f"://postgres:{PG_PASSWORD}@")
    status, out, err = run(["check", "--db", url], capsys)
    assert (status, out.strip()) == (0, "OK: 0 audit entries intact"), err
    assert PG_PASSWORD not in out + err
