"""Connecting a workstation to PostgreSQL: the dialog, the keyring, start-up refusals,
the live queue in the shell (issue 6).

The PostgreSQL cases use the test server of ``NIT_DESK_TEST_PG_URL`` and skip
without it; the dialog's own behaviour is tested with a stand-in check.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from nit_desk.app.app import open_prepared_database, run_gui
from nit_desk.app.live_bridge import LiveBridge, start_live_queue
from nit_desk.services import live
from nit_desk.services.admin.connection_check import check_connection
from nit_desk.services.change import Change
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.migrate import SchemaError
from nit_desk.ui import keyring_store
from nit_desk.ui.events import CONNECTED, DISCONNECTED, AppEvents
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.account.connection_dialog import ConnectionDialog, postgres_url
from tests.conftest import PASSWORD
from tests.qt_fixtures import MemoryKeyring
from tests.services.agent_support import new_client
from tests.services.pg_support import emptied


@dataclass
class StandInReport:
    """A report as the check returns it."""

    ok: bool
    message: str
    template: str = ""
    params: dict[str, Any] = field(default_factory=dict)


class StandInCheck:
    """Records what it was asked and answers a fixed report (from a worker thread)."""

    def __init__(self, report: StandInReport) -> None:
        self.report = report
        self.calls: list[tuple[str, str | None, str]] = []

    def __call__(self, url: str, password: str | None) -> StandInReport:
        self.calls.append((url, password, threading.current_thread().name))
        return self.report


def _fill(dialog: ConnectionDialog, *, host: str = "db.office", port: int = 5433,
          database: str = "nit", user: str = "anna", password: str = "s3cret!") -> None:
    dialog.host_edit.setText(host)
    dialog.port_spin.setValue(port)
    dialog.database_edit.setText(database)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)


# -- the dialog ------------------------------------------------------------------------------


def test_save_keeps_the_password_in_the_keyring_only(
        qtbot: QtBot, qloop: object, desk_settings: DeskSettings, tmp_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    """R9-style secrecy: the settings file holds the address, the keyring the password."""
    dialog = ConnectionDialog(desk_settings, StandInCheck(StandInReport(True, "OK")))
    qtbot.addWidget(dialog)
    _fill(dialog)
    dialog.accept()
    target = desk_settings.database_target()
    assert target == "postgresql+psycopg://anna@db.office:5433/nit"
    assert "s3cret!" not in (tmp_path / "settings.ini").read_text()
    assert keyring_store.load_password(target) == "s3cret!"
    assert list(memory_keyring.passwords.values()) == ["s3cret!"]


def test_reopening_fills_the_fields_and_the_password_from_the_keyring(
        qtbot: QtBot, qloop: object, desk_settings: DeskSettings) -> None:
    """The saved address comes back field by field, the password from the keyring."""
    url = "postgresql+psycopg://boris@10.0.0.5/call_centre"
    desk_settings.set_database_target(url)
    keyring_store.save_password(url, "pw")
    dialog = ConnectionDialog(desk_settings, StandInCheck(StandInReport(True, "OK")))
    qtbot.addWidget(dialog)
    assert (dialog.host_edit.text(), dialog.port_spin.value(), dialog.database_edit.text(),
            dialog.user_edit.text(), dialog.password_edit.text()) == (
        "10.0.0.5", 5432, "call_centre", "boris", "pw")
    assert dialog.url() == url


def test_test_connection_runs_off_the_gui_thread_and_shows_the_words(
        qtbot: QtBot, qloop: object, desk_settings: DeskSettings) -> None:
    """The check runs on a worker; its plain-words message appears under the button."""
    check = StandInCheck(StandInReport(
        False, "The server refused the password of user anna. Check the password.",
        template="The server refused the password of user {user}. Check the password.",
        params={"user": "anna"}))
    dialog = ConnectionDialog(desk_settings, check)
    qtbot.addWidget(dialog)
    _fill(dialog, password="wrong")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "refused the password" in dialog.result_label.text(),
                    timeout=5000)
    assert check.calls == [("postgresql+psycopg://anna@db.office:5433/nit", "wrong",
                            check.calls[0][2])]
    assert check.calls[0][2] != threading.current_thread().name
    assert dialog.test_button.isEnabled()


def test_postgres_url_quotes_odd_names() -> None:
    """User and database names with spaces or '@' survive the URL."""
    assert postgres_url("h", 5432, "nit desk", "a@b") == \
        "postgresql+psycopg://a%40b@h/nit%20desk"


def test_test_connection_against_the_real_server(
        qtbot: QtBot, qloop: object, desk_settings: DeskSettings,
        pg_database: Database) -> None:
    """With the real check: a migrated database says OK with the server's version."""
    url = pg_database.url
    dialog = ConnectionDialog(desk_settings, check_connection)
    qtbot.addWidget(dialog)
    _fill(dialog, host=url.host or "127.0.0.1", port=url.port or 5432,
          database=url.database or "", user=url.username or "", password="")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Connected to PostgreSQL" in dialog.result_label.text(),
                    timeout=15000)


# -- start-up refusals on PostgreSQL -------------------------------------------------------------


@pytest.fixture
def scratch_pg(pg_database: Database) -> Iterator[URL]:
    """An empty database of our own on the test server, dropped afterwards."""
    name = f"nit_pg_gui_{os.getpid()}"
    admin = create_engine(pg_database.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield pg_database.url.set(database=name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_a_workstation_older_than_the_schema_refuses_to_start(scratch_pg: URL) -> None:
    """A schema written by a newer program: refused, "install the newer program"."""
    db = open_database(scratch_pg)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffffffffff1'"))
    db.dispose()
    with pytest.raises(SchemaError, match="newer NIT Desk.*Install the newer program"):
        open_prepared_database(scratch_pg.render_as_string(hide_password=False))


def test_a_workstation_newer_than_the_schema_refuses_to_start_and_does_not_upgrade(
        scratch_pg: URL) -> None:
    """An empty (older) shared schema is not upgraded by whichever desk starts first."""
    with pytest.raises(SchemaError, match="nit-desk db upgrade"):
        open_prepared_database(scratch_pg.render_as_string(hide_password=False))
    db = open_database(scratch_pg)
    assert migrate.schema_state(db).current is None  # nothing was created
    db.dispose()


def test_run_gui_shows_which_side_to_upgrade_and_exits_2(
        qtbot: QtBot, scratch_pg: URL, desk_settings: DeskSettings) -> None:
    """The whole start-up path: the fatal box names the command, exit code 2."""
    shown: list[str] = []
    timer = QTimer()
    timer.setInterval(50)

    def _on_timeout() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.objectName() == "fatalBox" \
                    and widget.isVisible():
                shown.append(widget.text())
                widget.close()

    timer.timeout.connect(_on_timeout)
    timer.start()
    assert run_gui(scratch_pg.render_as_string(hide_password=False),
                   settings=desk_settings) == 2
    timer.stop()
    assert shown and "nit-desk db upgrade" in shown[0]


# -- the live queue in the shell ---------------------------------------------------------------


def test_bridge_hands_states_and_changes_to_the_gui_thread(
        qtbot: QtBot, events: AppEvents) -> None:
    """A listener thread's "reconnecting" shows as not connected, then connected again."""
    bridge = LiveBridge(events)
    states: list[str] = []
    events.connection_state_changed.connect(states.append)
    worker = threading.Thread(target=lambda: (bridge.on_state(live.RECONNECTING),
                                              bridge.on_state(live.CONNECTED)))
    with qtbot.waitSignal(events.data_changed, timeout=2000) as changed:
        worker.start()
        worker.join()
        threading.Thread(target=bridge.on_change, args=(live.FULL_RELOAD,)).start()
    qtbot.waitUntil(lambda: len(states) == 2, timeout=2000)
    assert states == [DISCONNECTED, CONNECTED]
    assert changed.args == [live.FULL_RELOAD]


@pytest.fixture
def pg_db(pg_database: Database) -> Database:
    """The PostgreSQL test database, emptied."""
    return emptied(pg_database)


def test_a_commit_at_another_desk_reaches_data_changed_within_a_second(
        qtbot: QtBot, events: AppEvents, pg_db: Database) -> None:
    """Issue 6 live queue end to end: another desk's intake -> data_changed here."""
    from nit_desk.services.admin import users

    users.create_first_supervisor(pg_db, "boss", PASSWORD)
    boss = users.authenticate(pg_db, "boss", PASSWORD).actor
    stop = start_live_queue(pg_db, events)
    other = open_database(pg_db.url)
    try:
        qtbot.waitUntil(lambda: _listening(pg_db), timeout=5000)
        with qtbot.waitSignal(events.data_changed, timeout=1000,
                              check_params_cb=_has_client) as changed:
            made = new_client(other, boss)
        assert made.client.id in changed.args[0].client_ids
    finally:
        stop()
        other.dispose()


def _has_client(change: Change) -> bool:
    return "client" in change.entities


def _listening(db: Database) -> bool:
    with db.engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND query LIKE 'LISTEN %'")).scalar_one())


# -- the password asked for once at start-up --------------------------------------------------


def test_a_missing_password_is_asked_for_once_and_the_open_retried(
        qtbot: QtBot, qloop: asyncio.AbstractEventLoop, desk_settings: DeskSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The keyring has no password and the server wants one: one prompt, then a retry
    with the typed password (which open_prepared_database keeps in the keyring). The
    password travels beside the URL, never inside it (issue 15, item 5)."""
    from nit_desk.app import app

    target = "postgresql+psycopg://anna@db.office/nit"
    opened: list[tuple[str, str | None]] = []
    asked: list[str] = []

    async def fake_open(url: str, settings: DeskSettings, password: str | None = None) -> str:
        opened.append((url, password))
        return "db"

    async def fake_ask(url: str, problem: str) -> str:
        asked.append(problem)
        return "typed p@ss:w/rd %"

    monkeypatch.setattr(app, "_open_with_splash", fake_open)
    monkeypatch.setattr(app, "ask_for_password", fake_ask)
    refused = OperationalError("connect", {}, psycopg.OperationalError(
        "connection failed: fe_sendauth: no password supplied"))
    task = asyncio.ensure_future(app._open_asking_password(target, refused, desk_settings))
    qtbot.waitUntil(task.done, timeout=3000)
    assert task.result() == "db"
    assert opened == [(target, "typed p@ss:w/rd %")]
    assert asked == ["The server asks for the password of user anna. Enter it."]


def test_an_unrelated_failure_is_not_a_password_prompt(
        qtbot: QtBot, qloop: asyncio.AbstractEventLoop, desk_settings: DeskSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that cannot be reached is reported as it is, without asking anything."""
    from nit_desk.app import app

    asked: list[str] = []

    async def fake_ask(url: str, problem: str) -> str:
        asked.append(url)
        return "x"

    monkeypatch.setattr(app, "ask_for_password", fake_ask)
    refused = OperationalError("connect", {}, psycopg.OperationalError(
        "connection failed: Connection refused"))
    task = asyncio.ensure_future(
        app._open_asking_password("postgresql+psycopg://anna@db.office/nit", refused,
                                  desk_settings))
    qtbot.waitUntil(task.done, timeout=3000)
    assert task.exception() is refused
    assert asked == []
