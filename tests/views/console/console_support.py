"""Helpers for the supervisor console tests: a shown tab bound to the test database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from nit_desk.app.bindings import attach_database
from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session

W = TypeVar("W", bound=QWidget)
RELOAD_SETTLE_MS = 260


def open_tab(qtbot: QtBot, cls: type[W], db: Database, actor: Actor, runner: ServiceRunner,
             events: AppEvents) -> W:
    """A shown console tab of class ``cls`` in ``actor``'s session; commits on ``db`` reach
    it as data_changed."""
    widget = cls(Session(db, actor, runner, events))  # type: ignore[call-arg]
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


class CallCounter:
    """Counts the worker calls made through one runner (its ``call`` and ``call_quietly``)."""

    def __init__(self, runner: ServiceRunner) -> None:
        self.calls: list[str] = []
        for name in ("call", "call_quietly"):
            real = getattr(runner, name)
            setattr(runner, name, self._counting(real))

    def _counting(self, real: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def counted(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
            self.calls.append(getattr(fn, "__qualname__", repr(fn)))
            return await real(fn, *args, **kwargs)

        return counted


def status_messages(events: AppEvents) -> list[str]:
    """Collects every status-bar message from now on."""
    said: list[str] = []
    events.status_message.connect(said.append)
    return said
