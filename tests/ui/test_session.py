"""The session: services called with the function itself, continuations of deleted
widgets dropped in one place, refusals shown by the widget that is an ErrorSink."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.storage.engine import Database
from nit_desk.ui.errors import ErrorSink
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session

pytestmark = pytest.mark.usefixtures("qloop")


def test_call_passes_the_database_and_the_user_and_runs_off_the_gui_thread(
        qtbot: QtBot, session: Session, db: Database, agent: Actor) -> None:
    """``session.call(fn, x)`` runs ``fn(db, actor, x)`` on the worker thread."""
    seen: list[object] = []

    def service(db_: Database, actor: Actor, value: int) -> int:
        seen.extend([db_, actor, threading.get_ident()])
        return value * 2

    task = run_async(session.call(service, 21))
    qtbot.waitUntil(task.done)
    assert task.result() == 42
    assert seen[:2] == [db, agent]
    assert seen[2] != threading.get_ident()


def test_call_returns_what_a_real_service_returns(
        qtbot: QtBot, supervisor_session: Session, agent: Actor) -> None:
    """A real service function is the API: no gateway restates it."""
    task = run_async(supervisor_session.call(users.list_users))
    qtbot.waitUntil(task.done)
    assert agent.username in {user.username for user in task.result()}


def test_the_service_checks_the_session_s_user(qtbot: QtBot, session: Session) -> None:
    """The session passes its user, and the service refuses an agent (R18)."""
    outcome: list[str] = []

    async def attempt() -> None:
        try:
            await session.call(users.list_users)
        except NitDeskError as err:
            outcome.append(type(err).__name__)

    task = run_async(attempt())
    qtbot.waitUntil(task.done)
    assert outcome == ["PermissionDenied"]


class _Screen(QWidget, ErrorSink):
    """A screen that records what it was shown and what ran after its call."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[NitDeskError] = []
        self.continued: list[object] = []

    def show_error(self, err: NitDeskError) -> None:
        self.errors.append(err)

    async def load(self, session: Session, gate: threading.Event) -> None:
        result = await session.call(lambda _db, _actor: gate.wait(5))
        self.continued.append(result)

    async def refuse(self, session: Session) -> None:
        def service(_db: Database, _actor: Actor) -> None:
            raise ValidationError("No.", field="x")

        await session.call(service)


def test_a_deleted_widget_s_continuation_is_dropped(qtbot: QtBot, session: Session) -> None:
    """The widget is deleted while its call runs: the rest of its coroutine never runs."""
    screen = _Screen()
    continued = screen.continued
    gate = threading.Event()
    task = run_async(screen.load(session, gate), owner=screen)
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(screen))
    gate.set()
    qtbot.waitUntil(task.done)
    assert task.cancelled()
    assert continued == []
    assert not session.runner.is_busy


def test_a_live_widget_s_continuation_runs(qtbot: QtBot, session: Session) -> None:
    """The same call with the widget alive returns into it."""
    screen = _Screen()
    qtbot.addWidget(screen)
    gate = threading.Event()
    gate.set()
    task = run_async(screen.load(session, gate), owner=screen)
    qtbot.waitUntil(task.done)
    assert screen.continued == [True]


def test_a_refusal_goes_to_the_error_sink_not_a_message_box(
        qtbot: QtBot, session: Session) -> None:
    """A domain error from a call the sink started is shown by the sink itself."""
    screen = _Screen()
    qtbot.addWidget(screen)
    task = run_async(screen.refuse(session), owner=screen)
    qtbot.waitUntil(task.done)
    assert [err.field for err in screen.errors] == ["x"]
    assert screen.findChild(QMessageBox, "domainErrorBox") is None


def test_a_refusal_in_a_plain_widget_opens_a_box_over_its_window(
        qtbot: QtBot, session: Session) -> None:
    """A widget that is not an ErrorSink gets the refusal in a message box."""
    plain = QWidget()
    qtbot.addWidget(plain)
    task = run_async(_Screen().refuse(session), owner=plain)
    qtbot.waitUntil(task.done)
    qtbot.waitUntil(lambda: plain.findChild(QMessageBox, "domainErrorBox") is not None)


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)
