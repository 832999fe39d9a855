"""The card's one read (``card_view``): the same parts the separate reads give, in one go."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from nit_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.clients import clients, work_log
from nit_desk.services.clients.card_view import card_view
from nit_desk.services.money import payments
from nit_desk.services.queue import claims
from nit_desk.services.storage.engine import Database
from tests.services.agent_support import new_client


def test_card_view_holds_what_the_separate_reads_give_r17_r22(db: Database,
                                                              agent: Actor) -> None:
    made = new_client(db, agent)
    rid, cid = made.request_id, made.client.id
    clients.update_client(db, agent, cid, made.client.version, system_info="Windows 11")
    view = card_view(db, agent, rid)
    assert view.card == clients.client_card(db, agent, cid)
    assert view.request == claims.request_detail(db, agent, rid)
    assert view.money == payments.request_money(db, agent, rid)
    assert view.history == tuple(clients.client_history(db, agent, cid))
    assert len(view.history) >= 2
    assert view.work_log is not None
    assert view.work_log.entries == work_log.work_log(db, agent, rid).entries


def test_card_view_of_a_client_without_a_request(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    view = card_view(db, agent, client_id=made.client.id)
    assert view.card.id == made.client.id
    assert view.request is None and view.money is None and view.work_log is None
    assert view.history == tuple(clients.client_history(db, agent, made.client.id))


def test_card_view_without_the_work_log(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    view = card_view(db, agent, made.request_id, with_work_log=False)
    assert view.request is not None and view.work_log is None


def test_card_view_reads_in_one_session(db: Database, agent: Actor,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """One unit of work per card open: one read session, no write session."""
    made = new_client(db, agent)
    opened: list[str] = []

    def counting(kind: str, real: Callable[[], Any]) -> Callable[[], Any]:
        def wrapper() -> Any:
            opened.append(kind)
            return real()
        return wrapper

    monkeypatch.setattr(db, "read_session", counting("read", db.read_session))
    monkeypatch.setattr(db, "write_session", counting("write", db.write_session))
    card_view(db, agent, made.request_id)
    assert opened == ["read"]


def test_card_view_refuses_unknown_ids_and_no_ids(db: Database, agent: Actor) -> None:
    with pytest.raises(NotFound):
        card_view(db, agent, 424242)
    with pytest.raises(NotFound):
        card_view(db, agent, client_id=424242)
    with pytest.raises(ValidationError):
        card_view(db, agent)


def test_r18_an_inactive_user_reads_no_card(db: Database, agent: Actor,
                                            supervisor: Actor) -> None:
    made = new_client(db, agent)
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        card_view(db, agent, made.request_id)
