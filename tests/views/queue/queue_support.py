"""Helpers for the queue tests: clients made through the services, a queue view of a session."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.queue.queue_view import QueueView
from tests.services.agent_support import new_client


def fill_queue(db: Database, actor: Actor, count: int, *, first: int = 500) -> list[int]:
    """``count`` clients with one request each, deadlines one hour apart; their request ids."""
    start = utcnow() + timedelta(hours=2)
    return [new_client(db, actor, first + i, deadline=start + timedelta(hours=i)).request_id
            for i in range(count)]


def queue_view(qtbot: QtBot, db: Database, actor: Actor, runner: ServiceRunner,
               events: AppEvents) -> QueueView:
    """A shown queue view for ``actor``, its first page loaded."""
    view = QueueView(Session(db, actor, runner, events))
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitUntil(lambda: not view.model.is_loading)
    return view


def settle(qtbot: QtBot, view: QueueView) -> None:
    """Wait until no debounce timer is pending and no page is on its way."""
    qtbot.waitUntil(lambda: not (view.refresh_timer.isActive() or view.search_timer.isActive()
                                 or view.model.is_loading or view.model.is_fetching
                                 or view.model.is_reading_ahead)
                    and view.model.has_page_ahead)
