"""The application shell: runner, events bridge, change poller, errors, log, settings."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from nit_desk.app.app import open_prepared_database, resolve_target
from nit_desk.app.bindings import EVERYTHING, DataVersionPoller, attach_database
from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.changes import ChangeWatcher
from nit_desk.services.storage.engine import Database
from nit_desk.ui import errors as gui_errors
from nit_desk.ui import keyring_store
from nit_desk.ui.events import CONNECTED, DISCONNECTED, AppEvents
from nit_desk.ui.logging_setup import setup_logging, shutdown_logging
from nit_desk.ui.runner import ServiceRunner, async_slot, run_async
from nit_desk.ui.settings import DeskSettings, without_password
from nit_desk.views.crash_dialog import CrashDialog
from tests.conftest import PASSWORD
from tests.qt_fixtures import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]


# -- the runner --------------------------------------------------------------


def test_runner_runs_calls_off_the_gui_thread_and_reports_busy(
        qtbot: QtBot, runner: ServiceRunner) -> None:
    """A service call runs on the worker thread; busy_changed goes True then False."""
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)
    task = run_async(runner.call(threading.get_ident))
    qtbot.waitUntil(task.done)
    assert task.result() != threading.get_ident()
    assert busy == [True, False]
    assert not runner.is_busy


def test_runner_raises_the_service_error_in_the_awaiting_coroutine(
        qtbot: QtBot, runner: ServiceRunner) -> None:
    """An exception of the service comes back to the awaiting coroutine, busy ends."""
    def refuse() -> None:
        raise ValidationError("No.", field="x")

    async def call() -> str:
        try:
            await runner.call(refuse)
        except ValidationError as err:
            return err.template
        return "no error"

    task = run_async(call())
    qtbot.waitUntil(task.done)
    assert task.result() == "No." and runner.in_flight == 0


class _Form(QWidget):
    """A widget with an async slot that fails with a domain error."""

    def __init__(self, runner: ServiceRunner) -> None:
        super().__init__()
        self.runner = runner
        self.shown: list[str] = []

    @async_slot()
    async def save(self) -> None:
        await self.runner.call(users.MIN_PASSWORD_LENGTH.__add__, 1)
        raise ValidationError("The {label} field is wrong.", field="note", label="note")


class _FormWithMessage(_Form, gui_errors.ErrorSink):
    """The same form showing refusals itself (an ErrorSink)."""

    def show_error(self, err: NitDeskError) -> None:
        self.shown.append(err.message)


def test_async_slot_shows_a_domain_error_in_the_widget_that_called(
        qtbot: QtBot, runner: ServiceRunner) -> None:
    """A NitDeskError from an async slot goes to the widget's own show_error."""
    form = _FormWithMessage(runner)
    qtbot.addWidget(form)
    form.save()
    qtbot.waitUntil(lambda: bool(form.shown))
    assert form.shown == ["The note field is wrong."]


def test_async_slot_without_handler_shows_a_message_box_in_its_window(
        qtbot: QtBot, runner: ServiceRunner) -> None:
    """Without show_error, the translated text appears in a box over the widget's window."""
    form = _Form(runner)
    qtbot.addWidget(form)
    form.show()
    form.save()
    qtbot.waitUntil(lambda: form.findChild(QMessageBox, "domainErrorBox") is not None)
    box = form.findChild(QMessageBox, "domainErrorBox")
    assert box is not None and box.text() == "The note field is wrong."
    box.close()


# -- events ----------------------------------------------------------------------


def test_detaching_one_screen_keeps_the_others_bound_to_the_same_database(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Issue #19: a late detach of one screen's bridge must not silence another's."""
    other = AppEvents()
    detach_other = attach_database(other, db)
    detach_mine = attach_database(events, db)
    heard: list[object] = []
    events.data_changed.connect(heard.append)
    try:
        detach_other()
        with qtbot.waitSignal(events.data_changed, timeout=5000):
            run_async(runner.call(users.create_user, db, supervisor, "vera", Role.AGENT,
                                  PASSWORD))
    finally:
        detach_mine()
    assert len(heard) == 1


def test_app_events_re_emit_a_service_commit_on_the_gui_thread(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R17: a committed change (made on the worker) reaches screens on the GUI thread."""
    detach = attach_database(events, db)
    received: list[tuple[object, int]] = []
    events.data_changed.connect(lambda change: received.append((change,
                                                                threading.get_ident())))
    try:
        with qtbot.waitSignal(events.data_changed, timeout=5000):
            run_async(runner.call(users.create_user, db, supervisor, "vera", Role.AGENT,
                                  PASSWORD))
    finally:
        detach()
    change, thread = received[0]
    assert thread == threading.get_ident()
    assert "user" in change.entities and "user.created" in change.actions  # type: ignore


@pytest.fixture
def watcher(sqlite_db: Database) -> Iterator[ChangeWatcher]:
    """A change watcher on the SQLite test database."""
    change_watcher = ChangeWatcher(sqlite_db)
    yield change_watcher
    change_watcher.close()


def test_data_version_poller_notices_a_commit_of_another_process(
        qtbot: QtBot, sqlite_db: Database, runner: ServiceRunner, events: AppEvents,
        watcher: ChangeWatcher) -> None:
    """Another workstation's commit on the same SQLite file makes screens reload."""
    poller = DataVersionPoller(runner, watcher, events, interval_ms=50)
    changes: list[object] = []
    events.data_changed.connect(changes.append)
    poller.start()
    qtbot.wait(300)  # several polls without any commit
    assert changes == []
    script = ("import sys; from nit_desk.services.admin import users; "
              "from nit_desk.services.storage.engine import open_database; "
              "users.create_first_supervisor(open_database(sys.argv[1]), 'boss', sys.argv[2])")
    with qtbot.waitSignal(events.data_changed, timeout=10000):
        subprocess.run([sys.executable, "-c", script, str(sqlite_db.url.database), PASSWORD],
                       check=True, cwd=ROOT, timeout=60)
    poller.stop()
    qtbot.waitUntil(lambda: not runner.is_busy)
    assert changes[0] is EVERYTHING and changes[0].entities == frozenset({"*"})  # type: ignore


def test_change_watcher_is_idle_on_postgresql(db: Database) -> None:
    """PostgreSQL has no data_version: the watcher says so instead of polling."""
    change_watcher = ChangeWatcher(db)
    try:
        assert change_watcher.supported is db.is_sqlite
        assert (change_watcher.data_version() is None) is (not db.is_sqlite)
    finally:
        change_watcher.close()


# -- errors and the log --------------------------------------------------------------


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The rotating log in the test's folder, removed afterwards."""
    path = setup_logging(tmp_path / "logs")
    yield path
    shutdown_logging()


@pytest.fixture
def reporter(log_file: Path, qloop: asyncio.AbstractEventLoop
             ) -> Iterator[gui_errors.ErrorReporter]:
    """The error reporter installed as in the program, uninstalled afterwards."""
    installed = gui_errors.install_error_handling(log_file, qloop, crash_dialog=CrashDialog)
    yield installed
    if installed.dialog is not None:
        installed.dialog.close()
    gui_errors.uninstall_error_handling()


def _crash_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, CrashDialog) and w.isVisible()]


def test_unexpected_exception_is_logged_and_shown_once(
        qtbot: QtBot, reporter: gui_errors.ErrorReporter, log_file: Path) -> None:
    """A bug shows the crash dialog once; a second one is only logged."""
    async def broken(n: int) -> None:
        raise RuntimeError(f"bug number {n}")

    run_async(broken(1))
    run_async(broken(2))
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    qtbot.wait(100)
    dialogs = _crash_dialogs()
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert isinstance(dialog, CrashDialog)
    assert "RuntimeError: bug number 1" in dialog.details
    assert str(log_file) in dialog.message_label.text()
    dialog.copy_button.click()
    assert "bug number 1" in QGuiApplication.clipboard().text()
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "bug number 1" in logged and "bug number 2" in logged


def test_excepthook_routes_a_bug_to_the_same_single_dialog(
        qtbot: QtBot, reporter: gui_errors.ErrorReporter) -> None:
    """sys.excepthook (errors in Qt slots) ends in the reporter too."""
    try:
        raise KeyError("missing")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "KeyError" in reporter.dialog.details  # type: ignore[attr-defined]


def test_log_never_holds_contact_data_or_secrets(log_file: Path) -> None:
    """R2, R9: phone, e-mail, handle, card number, SMS code, passwords are redacted."""
    log = logging.getLogger("nit_desk.test")
    log.info("intake from %s phone %s mail %s", "@pc_slow_msk", "+7 912 345-67-89",
             "pc.slow@example.ru")
    log.warning("note was %r", "card 4111 1111 1111 1111, код из смс 539201")
    log.info("connecting to postgresql://agent:Hunter22@db.local/nit, password: qwerty123")
    try:
        raise ValueError("duplicate phone 89123456789 of vk.com/id52011")
    except ValueError:
        log.exception("Saving failed")
    text = log_file.read_text(encoding="utf-8")
    for secret in ("pc_slow_msk", "912 345-67-89", "pc.slow@example.ru", "4111 1111",
                   "539201", "Hunter22", "qwerty123", "89123456789", "id52011"):
        assert secret not in text
    assert "Saving failed" in text and "ValueError" in text and "[email]" in text


# -- settings and keyring ------------------------------------------------------------


def test_settings_never_store_a_database_password(desk_settings: DeskSettings) -> None:
    """A PostgreSQL URL is kept without its password; the rest round-trips."""
    desk_settings.set_database_target("postgresql://agent:s3cret@db.local:5433/nit")
    desk_settings.set_last_user_name("anna")
    desk_settings.set_language("ru")
    assert desk_settings.database_target() == "postgresql://agent@db.local:5433/nit"
    assert (desk_settings.last_user_name(), desk_settings.language()) == ("anna", "ru")
    assert without_password("/home/anna/nit desk.db") == "/home/anna/nit desk.db"


def test_keyring_keeps_the_password_per_server_and_user(memory_keyring: MemoryKeyring) -> None:
    """The password is stored under "user@host:port/db" in the "NIT Desk" service."""
    url = "postgresql+psycopg://agent@db.local/nit"
    assert keyring_store.load_password(url) is None
    assert keyring_store.save_password(url, "s3cret")
    assert memory_keyring.passwords == {("NIT Desk", "agent@db.local:5432/nit"): "s3cret"}
    assert keyring_store.load_password("postgresql://agent:x@db.local:5432/nit") == "s3cret"
    keyring_store.forget_password(url)
    keyring_store.forget_password(url)  # forgetting twice is harmless
    assert keyring_store.load_password(url) is None


class _FlakyWatcher:
    """A watcher whose database stops answering and comes back."""

    def __init__(self) -> None:
        self.failing = False

    def foreign_commit(self) -> bool:
        """No foreign commit, or a connection error while failing."""
        if self.failing:
            raise OperationalError("SELECT 1", {}, ConnectionError("server closed"))
        return False


def test_poller_reports_a_lost_and_regained_database(
        qtbot: QtBot, runner: ServiceRunner, events: AppEvents) -> None:
    """The status bar learns when the database stops answering, and when it is back."""
    watcher = _FlakyWatcher()
    poller = DataVersionPoller(runner, watcher, events, interval_ms=30)  # type: ignore
    states: list[str] = []
    events.connection_state_changed.connect(states.append)
    poller.start()
    qtbot.waitUntil(lambda: poller.polls > 0)
    watcher.failing = True
    qtbot.waitUntil(lambda: states == [DISCONNECTED])
    watcher.failing = False
    qtbot.waitUntil(lambda: states == [DISCONNECTED, CONNECTED])
    poller.stop()
    qtbot.waitUntil(lambda: not runner.is_busy)


def test_default_database_is_created_in_the_data_folder(
        nit_desk_home: Path, desk_settings: DeskSettings) -> None:
    """No --db and no setting: nit-desk.db in the user data folder, folder created."""
    target = resolve_target(None, desk_settings)
    assert Path(target) == nit_desk_home / "data" / "nit-desk.db"
    assert Path(target).parent.is_dir()
    desk_settings.set_database_target("/srv/desk/nit.db")
    assert resolve_target(None, desk_settings) == "/srv/desk/nit.db"
    assert resolve_target("/tmp/other.db", desk_settings) == "/tmp/other.db"


@pytest.mark.postgres
def test_postgresql_password_goes_to_the_keyring_not_the_url(
        pg_database: Database, memory_keyring: MemoryKeyring) -> None:
    """A password given in a URL is remembered in the keyring for the next start."""
    url = pg_database.url.set(password="given-once")
    target = url.render_as_string(hide_password=False)
    db = open_prepared_database(target)
    try:
        assert db.url.password == "given-once"
    finally:
        db.dispose()
    stripped = without_password(target)
    assert keyring_store.load_password(stripped) == "given-once"
    again = open_prepared_database(stripped)  # the keyring supplies it
    try:
        assert again.url.password == "given-once"
    finally:
        again.dispose()
