"""Helpers for the supervisor console tests: a shown tab bound to the test database."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from nit_desk.app.bindings import attach_database
from nit_desk.app.console_gateways import DatabaseConsoleGateway
from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner

W = TypeVar("W", bound=QWidget)
RELOAD_SETTLE_MS = 260


def open_tab(qtbot: QtBot, cls: type[W], db: Database, actor: Actor, runner: ServiceRunner,
             events: AppEvents) -> W:
    """A shown console tab of class ``cls``; commits on ``db`` reach it as data_changed."""
    widget = cls(DatabaseConsoleGateway(db, actor), runner, events)  # type: ignore[call-arg, arg-type]
    detach = attach_database(events, db)
    # Detached at this test's teardown, not whenever Qt gets round to destroying the widget
    # (then it would be during the next test, which may share the database: issue #19).
    qtbot.addWidget(widget, before_close_func=lambda _widget: detach())
    widget.resize(1200, 760)
    widget.show()
    wait_idle(qtbot, runner)
    return widget


def wait_idle(qtbot: QtBot, runner: ServiceRunner) -> None:
    """Wait until no service call is in flight, its result shown and the screens' debounced
    reloads (up to 250 ms after a change) have run too."""
    qtbot.wait(20)
    qtbot.waitUntil(lambda: not runner.is_busy, timeout=15000)
    qtbot.wait(RELOAD_SETTLE_MS)
    qtbot.waitUntil(lambda: not runner.is_busy, timeout=15000)


def status_messages(events: AppEvents) -> list[str]:
    """Collects every status-bar message from now on."""
    said: list[str] = []
    events.status_message.connect(said.append)
    return said
