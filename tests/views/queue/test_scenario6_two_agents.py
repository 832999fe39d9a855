"""Scenario 6 of SCENARIOS.md driven through two queue screens on one database."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from nit_desk.services.actor import Actor
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from tests.views.queue.queue_support import fill_queue, queue_view, settle


def test_scenario6_two_agents_next_then_b_tries_a_request(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor,
        runner: ServiceRunner) -> None:
    """Scenario 6: A and B press "next request" at once and get different requests; B
    then tries to take A's request and is told it is held by A since HH:MM (R7)."""
    ids = fill_queue(db, agent, 4)
    a_events, b_events = AppEvents(), AppEvents()
    a_view = queue_view(qtbot, db, agent, runner, a_events)
    b_view = queue_view(qtbot, db, agent2, runner, b_events)
    got: dict[str, int] = {}
    a_view.request_selected.connect(lambda rid, _cid: got.setdefault("a", rid))
    b_view.request_selected.connect(lambda rid, _cid: got.setdefault("b", rid))
    a_view.action_next.trigger()  # both pressed before either call returned
    b_view.action_next.trigger()
    qtbot.waitUntil(lambda: len(got) == 2)
    assert got["a"] != got["b"] and {got["a"], got["b"]} == set(ids[:2])
    a_request = queue.request_detail(db, agent, got["a"])
    assert a_request.claimed_by_name == "anna" and a_request.claimed_at is not None
    assert queue.request_detail(db, agent2, got["b"]).claimed_by_name == "boris"

    b_view.model.reload()
    settle(qtbot, b_view)
    said: list[str] = []
    b_events.status_message.connect(said.append)
    assert b_view.select_request(got["a"])
    b_view.action_take.trigger()
    qtbot.waitUntil(lambda: b_view.banner.kind == "error")
    since = a_request.claimed_at.astimezone().strftime("%H:%M")
    assert b_view.banner.text() == f"The request is held by anna since {since}."
    assert said == [b_view.banner.text()]
    assert queue.request_detail(db, agent, got["a"]).claimed_by_id == agent.user_id
    settle(qtbot, a_view)
    settle(qtbot, b_view)
