"""Issue #12 item 3 (R19): only the holder works on a held request; supervisors pass.

For every mutating service that touches a request or its client: while anna
holds the request under a live claim, boris is refused with "held by anna
since HH:MM" and nothing is written (no row, no audit entry); a supervisor's
same call goes through; once anna's claim has lapsed it blocks nobody. Modelled
on test_supervisor_only.py: one parametrised table of calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import update

from nit_desk.domain.types import PaymentKind, StepState, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.clients import registration, sensitive, trust
from nit_desk.services.dto import ClaimConflict
from nit_desk.services.money import estimates, payments
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.queue import claims, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Request
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import agree_estimate, new_client, register_fully, row_counts


@dataclass(frozen=True)
class World:
    """anna's client and request (registered, estimate agreed and paid), held by anna."""

    client_id: int
    request_id: int
    since: str


@pytest.fixture
def world(db: Database, agent: Actor) -> World:
    made = new_client(db, agent)
    register_fully(db, agent, made.client.id)
    agree_estimate(db, agent, made.request_id, 1_000_00)
    payments.record_payment(db, agent, made.request_id, amount_kopecks=1_000_00,
                            paid_on=date.today(), kind=PaymentKind.ADVANCE, method_label="СБП")
    held = claims.claim(db, agent, made.request_id)
    assert held.claimed_at is not None
    return World(made.client.id, made.request_id, held.claimed_at.astimezone().strftime("%H:%M"))


LINES = [LineInput("Удалённая чистка", Decimal(2), Unit.HOUR, 800_00)]
Setup = Callable[[Database, Actor, World], dict[str, Any]]
Call = Callable[[Database, Actor, World, dict[str, Any]], Any]


def _nothing(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    return {}


def _draft(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    return {"draft": estimates.create_draft(db, anna, w.request_id)}


def _filled(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    draft = estimates.create_draft(db, anna, w.request_id)
    return {"draft": estimates.save_draft(db, anna, draft.id, draft.version, lines=LINES,
                                          note="")}


def _proposed(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    ctx = _filled(db, anna, w)
    return {"draft": estimates.propose(db, anna, ctx["draft"].id)}


def _paid_once_more(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    return {"payment": payments.record_payment(
        db, anna, w.request_id, amount_kopecks=500_00, paid_on=date.today(),
        kind=PaymentKind.ADVANCE, method_label="СБП")}


def _started(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    return {"request": request_life.start_work(db, anna, w.request_id)}


def _waiting(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    _started(db, anna, w)
    return {"request": request_life.wait_for_client(db, anna, w.request_id, "the logs")}


def _version(db: Database, anna: Actor, w: World) -> dict[str, Any]:
    return {"version": claims.request_detail(db, anna, w.request_id).version}


CALLS: dict[str, tuple[Setup, Call]] = {
    "estimates.create_draft": (_nothing, lambda db, a, w, c: estimates.create_draft(
        db, a, w.request_id)),
    "estimates.save_draft": (_draft, lambda db, a, w, c: estimates.save_draft(
        db, a, c["draft"].id, c["draft"].version, lines=LINES, note="")),
    "estimates.propose": (_filled, lambda db, a, w, c: estimates.propose(db, a, c["draft"].id)),
    "estimates.agree": (_proposed, lambda db, a, w, c: estimates.agree(db, a, c["draft"].id)),
    "estimates.reject": (_proposed, lambda db, a, w, c: estimates.reject(db, a, c["draft"].id)),
    "payments.record_payment": (_nothing, lambda db, a, w, c: payments.record_payment(
        db, a, w.request_id, amount_kopecks=300_00, paid_on=date.today(),
        kind=PaymentKind.ADVANCE, method_label="наличные")),
    "payments.void_payment": (_paid_once_more, lambda db, a, w, c: payments.void_payment(
        db, a, c["payment"].id, "typed the wrong amount")),
    "registration.set_step_state": (_nothing, lambda db, a, w, c: registration.set_step_state(
        db, a, w.client_id, "browser_check", StepState.PENDING)),
    "trust.set_trusted": (_nothing, lambda db, a, w, c: trust.set_trusted(
        db, a, w.client_id, True)),
    "sensitive.record_sensitive_action (request)": (
        _nothing, lambda db, a, w, c: sensitive.record_sensitive_action(
            db, a, w.client_id, request_id=w.request_id, action="Регистрация в облаке",
            explanation="Код придёт клиенту", warned_and_explained=True, client_agreed=True)),
    "sensitive.record_sensitive_action (client)": (
        _nothing, lambda db, a, w, c: sensitive.record_sensitive_action(
            db, a, w.client_id, request_id=None, action="Регистрация в облаке",
            explanation="Код придёт клиенту", warned_and_explained=True, client_agreed=True)),
    "claims.update_flags": (_version, lambda db, a, w, c: claims.update_flags(
        db, a, w.request_id, c["version"], has_specification=True, offline_work=False,
        onsite_visit=False)),
    "request_life.start_work": (_nothing, lambda db, a, w, c: request_life.start_work(
        db, a, w.request_id)),
    "request_life.wait_for_client": (_started, lambda db, a, w, c: request_life.wait_for_client(
        db, a, w.request_id, "reboot and confirm")),
    "request_life.back_to_work": (_waiting, lambda db, a, w, c: request_life.back_to_work(
        db, a, w.request_id)),
    "request_life.mark_done": (_started, lambda db, a, w, c: request_life.mark_done(
        db, a, w.request_id)),
    "request_life.cancel": (_nothing, lambda db, a, w, c: request_life.cancel(
        db, a, w.request_id, "the client went elsewhere")),
    "request_life.correct_worked_time": (
        _started, lambda db, a, w, c: request_life.correct_worked_time(
            db, a, w.request_id, 30, "worked before the timer")),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_r19_another_agent_is_refused_and_nothing_is_written(
        db: Database, agent: Actor, agent2: Actor, world: World, name: str) -> None:
    setup, call = CALLS[name]
    ctx = setup(db, agent, world)
    before = row_counts(db)
    with pytest.raises(ClaimConflict) as err:
        call(db, agent2, world, ctx)
    assert err.value.message == f"The request is held by anna since {world.since}."
    assert row_counts(db) == before


@pytest.mark.parametrize("name", list(CALLS))
def test_r19_a_supervisor_is_never_refused_by_a_claim(
        db: Database, agent: Actor, supervisor: Actor, world: World, name: str) -> None:
    setup, call = CALLS[name]
    ctx = setup(db, agent, world)
    before = row_counts(db)
    call(db, supervisor, world, ctx)
    assert row_counts(db)["audit_log"] > before["audit_log"]


@pytest.mark.parametrize("name", list(CALLS))
def test_r19_a_lapsed_claim_blocks_nobody(
        db: Database, agent: Actor, agent2: Actor, world: World, name: str) -> None:
    setup, call = CALLS[name]
    ctx = setup(db, agent, world)
    with db.write_session() as s, s.begin():
        s.execute(update(Request).where(Request.id == world.request_id)
                  .values(lease_expires_at=utcnow() - timedelta(seconds=1)))
    before = row_counts(db)
    call(db, agent2, world, ctx)
    assert row_counts(db)["audit_log"] > before["audit_log"]
