"""The main window shell and the whole program start (run_gui)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from nit_desk.app.app import build_main_window, run_gui
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.ui.events import CONNECTED, DISCONNECTED, AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.account.sign_in import FIRST_SUPERVISOR, SignInDialog
from nit_desk.views.main_window import MainWindow
from nit_desk.views.widgets import PlaceholderPanel


def make_window(qtbot: QtBot, db: Database, actor: Actor, runner: ServiceRunner,
                events: AppEvents, settings: DeskSettings) -> MainWindow:
    """A shown bare shell (no screens placed) for ``actor``."""
    window = MainWindow(actor, runner, events, settings, database_name="/tmp/desk.db")
    qtbot.addWidget(window)
    window.show()
    return window


def test_build_main_window_names_user_role_and_database(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """The window names the user, the role and the database, never its password."""
    window = build_main_window(db, agent, runner, events, desk_settings)
    qtbot.addWidget(window)
    assert window.windowTitle() == "NIT Desk — anna (agent)"
    assert window.connection_label.text().startswith("Connected to ")
    shown = window.connection_label.text()
    assert (str(db.url.database) in shown) if db.is_sqlite else ("***" in shown or
                                                                 db.url.password is None)
    assert window.action_change_password.isEnabled()


def test_placeholders_are_replaced_by_screens(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """The queue and card areas hold placeholders until the screens are set."""
    window = make_window(qtbot, db, agent, runner, events, desk_settings)
    assert isinstance(window.queue_area.content, PlaceholderPanel)
    queue = QLabel("the queue")
    window.set_queue_widget(queue)
    card = QLabel("the card")
    window.set_card_widget(card)
    assert window.queue_area.content is queue and window.card_area.content is card
    assert window.splitter.widget(0) is window.queue_area


def test_supervisor_console_only_for_supervisors(
        qtbot: QtBot, db: Database, supervisor: Actor, agent: Actor, runner: ServiceRunner,
        events: AppEvents, desk_settings: DeskSettings) -> None:
    """R18: the console tab and menu entry appear for a supervisor, never for an agent."""
    boss = make_window(qtbot, db, supervisor, runner, events, desk_settings)
    assert boss.add_supervisor_console(QLabel("console"))
    assert boss.tabs.count() == 2
    assert boss.action_supervisor_console in boss.work_menu.actions()
    boss.action_supervisor_console.trigger()
    assert boss.tabs.currentWidget() is boss.supervisor_console
    anna = make_window(qtbot, db, agent, runner, events, desk_settings)
    assert not anna.add_supervisor_console(QLabel("console"))
    assert anna.tabs.count() == 1 and anna.supervisor_console is None


def test_work_actions_replace_the_placeholder(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """Screens add their actions to the Work menu; the placeholder then goes."""
    window = make_window(qtbot, db, agent, runner, events, desk_settings)
    assert [a.isEnabled() for a in window.work_menu.actions()] == [False]
    action = QAction("Next request", window)
    window.add_work_action(action)
    assert window.work_menu.actions() == [action]


def test_geometry_and_splitter_are_restored(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """Sizes saved at close come back in the next window."""
    first = make_window(qtbot, db, agent, runner, events, desk_settings)
    first.resize(700, 500)
    first.splitter.setSizes([250, 440])
    sizes = first.splitter.sizes()
    with qtbot.waitSignal(first.closed) as closed:
        first.close()
    assert closed.args == [False]
    second = make_window(qtbot, db, agent, runner, events, desk_settings)
    assert second.size().width() == 700 and second.splitter.sizes() == sizes


def test_sign_out_closes_with_signed_out_true(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """File → Sign out closes the window and says the user signed out (not quit)."""
    window = make_window(qtbot, db, agent, runner, events, desk_settings)
    with qtbot.waitSignal(window.closed) as closed:
        window.action_sign_out.trigger()
    assert closed.args == [True]


def test_busy_indicator_and_connection_state(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """A long call shows "Working…" after the delay; a lost database is said in red."""
    window = make_window(qtbot, db, agent, runner, events, desk_settings)
    runner.busy_changed.emit(True)
    assert not window.busy_indicator.isVisible()  # short calls never flicker
    qtbot.waitUntil(window.busy_indicator.isVisible, timeout=2000)
    assert QApplication.overrideCursor() is not None
    runner.busy_changed.emit(False)
    assert not window.busy_indicator.isVisible() and QApplication.overrideCursor() is None
    events.connection_state_changed.emit(DISCONNECTED)
    assert "reconnecting…" in window.connection_label.text()  # issue 6's words
    events.connection_state_changed.emit(CONNECTED)
    assert window.connection_label.text().startswith("Connected to ")


def test_about_box(qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
                   events: AppEvents, desk_settings: DeskSettings) -> None:
    """Help → About names the program, its version and the database."""
    window = make_window(qtbot, db, agent, runner, events, desk_settings)
    window.action_about.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and "NIT Desk" in box.text()
    assert window.connection_label.text().removeprefix("Connected to ") in box.informativeText()
    box.close()


# -- the whole program -----------------------------------------------------------


def _close_when(predicate_widget: type, qtbot: QtBot, *, object_name: str = "") -> QTimer:
    """A timer that closes the first visible top-level widget of a type once it appears."""
    timer = QTimer()
    timer.setInterval(50)

    def _on_timeout() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, predicate_widget) and widget.isVisible() and (
                    not object_name or widget.objectName() == object_name):
                widget.close()
                timer.stop()

    timer.timeout.connect(_on_timeout)
    timer.start()
    return timer


def test_run_gui_demo_mode_skips_sign_in_and_quits_cleanly(
        qtbot: QtBot, sqlite_db: Database, tmp_path: Path,
        desk_settings: DeskSettings) -> None:
    """Demo mode with an actor opens the main window at once; closing it ends with 0."""
    users.create_first_supervisor(sqlite_db, "boss", "correct horse 42")
    actor = Actor(1, "boss", Role.SUPERVISOR)
    timer = _close_when(MainWindow, qtbot)
    assert run_gui(None, demo=True, demo_actor=actor, db=sqlite_db,
                   settings=desk_settings) == 0
    assert not timer.isActive()  # the main window was shown and closed
    assert desk_settings.window_geometry() is not None


def test_run_gui_refuses_a_newer_schema_with_exit_code_2(
        qtbot: QtBot, tmp_path: Path, desk_settings: DeskSettings) -> None:
    """A database written by a newer NIT Desk is refused with a clear message, code 2."""
    path = tmp_path / "newer.db"
    db = open_database(path)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    db.dispose()
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
    assert run_gui(str(path), settings=desk_settings) == 2
    timer.stop()
    assert shown and "newer NIT Desk" in shown[0]


def test_run_gui_first_start_creates_the_database_and_the_first_supervisor(
        qtbot: QtBot, nit_desk_home: Path, desk_settings: DeskSettings) -> None:
    """A first start: default file created and migrated, first supervisor, main window."""
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(50)

    def _on_timeout() -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, SignInDialog) and widget.mode == FIRST_SUPERVISOR \
                    and widget.create_button.isEnabled() and "sign_in" not in seen:
                seen.append("sign_in")
                widget.first_user_edit.setText("chief")
                widget.first_password_edit.setText("correct horse 42")
                widget.first_repeat_edit.setText("correct horse 42")
                widget.create_button.click()
            elif isinstance(widget, MainWindow) and "main" not in seen:
                seen.append("main")
                seen.append(widget.windowTitle())
                widget.close()

    timer.timeout.connect(_on_timeout)
    timer.start()
    assert run_gui(None, settings=desk_settings) == 0
    timer.stop()
    assert seen == ["sign_in", "main", "NIT Desk — chief (supervisor)"]
    assert desk_settings.last_user_name() == "chief"
    db = open_database(nit_desk_home / "data" / "nit-desk.db")
    try:
        assert users.has_users(db)
    finally:
        db.dispose()
