"""R19 life of a request, R20 the advance gate, R22 the work timer (both databases)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from nit_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from nit_desk.domain.money import format_money
from nit_desk.domain.types import Network, PaymentKind, PaymentScheme, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans
from nit_desk.services.dto import AdvanceNotPaid, ClaimConflict
from nit_desk.services.money import payments
from nit_desk.services.queue import claims, queue, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import use_clock
from tests.services.agent_support import agree_estimate, new_client, row_counts, tomorrow
from tests.services.queue.life_support import Clock, force_state, last_audit

S = RequestStatus
Op = Callable[[Database, Actor, int], Any]
OPS: dict[str, Op] = {
    "start_work": lambda db, a, rid: request_life.start_work(db, a, rid),
    "wait_for_client": lambda db, a, rid: request_life.wait_for_client(
        db, a, rid, "reboot and confirm"),
    "back_to_work": lambda db, a, rid: request_life.back_to_work(db, a, rid),
    "mark_done": lambda db, a, rid: request_life.mark_done(db, a, rid),
    "cancel": lambda db, a, rid: request_life.cancel(db, a, rid, "the client changed their mind"),
    "reopen": lambda db, a, rid: request_life.reopen(db, a, rid, "the client wrote again"),
}
ALLOWED: dict[tuple[str, RequestStatus], RequestStatus] = {
    ("start_work", S.NEW): S.IN_PROGRESS,
    ("start_work", S.IN_PROGRESS): S.IN_PROGRESS,  # the timer was stopped (a released claim)
    ("wait_for_client", S.IN_PROGRESS): S.WAITING_CLIENT,
    ("back_to_work", S.WAITING_CLIENT): S.IN_PROGRESS,
    ("mark_done", S.IN_PROGRESS): S.DONE,
    ("cancel", S.NEW): S.CANCELLED,
    ("cancel", S.IN_PROGRESS): S.CANCELLED,
    ("cancel", S.WAITING_CLIENT): S.CANCELLED,
    ("reopen", S.DONE): S.IN_PROGRESS,
    ("reopen", S.CANCELLED): S.IN_PROGRESS,
    ("reopen", S.CANCELLED_BY_BAN): S.IN_PROGRESS,  # once the ban is lifted
}
REASON = {"wait_for_client": "reboot and confirm", "cancel": "the client changed their mind",
          "reopen": "the client wrote again"}
PAIRS = [(op, status) for op in OPS for status in RequestStatus]


@pytest.fixture
def clock() -> Iterator[Clock]:
    """A clock the test moves; every unit of work reads it."""
    ticking = Clock()
    with use_clock(ticking):
        yield ticking


@pytest.mark.parametrize(("op", "status"), PAIRS, ids=[f"{o}-from-{s}" for o, s in PAIRS])
def test_r19_every_transition_allowed_or_refused(db: Database, agent: Actor, supervisor: Actor,
                                                 op: str, status: RequestStatus) -> None:
    """R19 table: each (status, move) pair is done and audited, or refused in words unchanged."""
    made = new_client(db, agent)
    rid = made.request_id
    force_state(db, rid, status, scheme=PaymentScheme.ON_COMPLETION, holder=agent.user_id)
    actor = supervisor if op == "reopen" else agent
    target = ALLOWED.get((op, status))
    if target is None:
        before = row_counts(db)
        with pytest.raises(Conflict) as err:
            OPS[op](db, actor, rid)
        assert not isinstance(err.value, ClaimConflict)
        assert "request" in err.value.message.lower()
        assert row_counts(db) == before
        assert queue.request_detail(db, agent, rid).status is status
        return
    moved = OPS[op](db, actor, rid)
    assert moved.status is target
    assert moved.status_reason == REASON.get(op, "")
    action, was, now = last_audit(db, rid)
    assert action == "request.status_changed"
    assert was["status"] == status.value
    assert now == {"status": target.value, "reason": REASON.get(op, "")}
    closing = target in (S.DONE, S.CANCELLED)
    assert (moved.closed_at is not None) is closing
    if closing or op == "reopen":
        assert moved.claimed_by_id is None
    else:
        assert moved.claimed_by_id == agent.user_id
    assert (moved.timer_started_at is not None) is (target is S.IN_PROGRESS and op != "reopen")


def test_r19_refusals_say_why_in_words(db: Database, agent: Actor) -> None:
    """R19: the message names the state, e.g. waiting for the client cannot be marked done."""
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.WAITING_CLIENT, holder=agent.user_id)
    with pytest.raises(Conflict) as err:
        request_life.mark_done(db, agent, rid)
    assert err.value.message == ("A request waiting for the client cannot be marked done: "
                                 "go back to work first.")
    force_state(db, rid, S.DONE)
    with pytest.raises(Conflict) as err:
        request_life.cancel(db, agent, rid, "too late")
    assert err.value.message.startswith("The request is done: only a supervisor can reopen")


@pytest.mark.parametrize(("op", "field"), [("wait_for_client", "awaited"), ("cancel", "reason"),
                                           ("reopen", "reason")])
@pytest.mark.parametrize("text", ["", "   ", "two\nlines", "card 4111 1111 1111 1111"])
def test_r19_reasons_are_required_one_line_and_guarded(
        db: Database, agent: Actor, supervisor: Actor, op: str, field: str, text: str) -> None:
    """R19/R9: cancel, waiting and reopen need a one-line reason with no secret in it."""
    rid = new_client(db, agent).request_id
    start = S.DONE if op == "reopen" else S.IN_PROGRESS
    force_state(db, rid, start, scheme=PaymentScheme.ON_COMPLETION, holder=agent.user_id)
    call = {"wait_for_client": request_life.wait_for_client, "cancel": request_life.cancel,
            "reopen": request_life.reopen}[op]
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        call(db, supervisor if op == "reopen" else agent, rid, text)
    assert err.value.field == field
    assert row_counts(db) == before


def test_r19_reopen_is_for_supervisors_only(db: Database, agent: Actor) -> None:
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.DONE)
    before = row_counts(db)
    with pytest.raises(PermissionDenied):
        request_life.reopen(db, agent, rid, "please")
    assert row_counts(db) == before


def test_r19_r12_cancelled_by_ban_reopens_only_after_the_ban_is_lifted(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    made = new_client(db, agent)
    proposal = bans.propose_ban(db, agent, made.client.id, ["browser_check"], "bot")
    bans.approve_ban(db, supervisor, proposal.id, "clear")
    with pytest.raises(Conflict) as err:
        request_life.reopen(db, supervisor, made.request_id, "mistake")
    assert "banned" in err.value.message
    bans.lift_ban(db, supervisor, made.client.id, "it was a mistake")
    reopened = request_life.reopen(db, supervisor, made.request_id, "mistake")
    assert reopened.status is S.IN_PROGRESS and reopened.claimed_by_id is None


def test_r19_only_the_holder_moves_a_request(db: Database, agent: Actor, agent2: Actor,
                                             supervisor: Actor) -> None:
    """Held by anna: boris is told so; a supervisor passes; a free request is taken on start."""
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.NEW, scheme=PaymentScheme.ON_COMPLETION)
    started = request_life.start_work(db, agent, rid)
    assert started.claimed_by_id == agent.user_id  # taken in the same unit of work
    since = started.claimed_at.astimezone().strftime("%H:%M")  # type: ignore[union-attr]
    with pytest.raises(ClaimConflict) as err:
        request_life.wait_for_client(db, agent2, rid, "the logs")
    assert err.value.message == f"The request is held by anna since {since}."
    waiting = request_life.wait_for_client(db, supervisor, rid, "the logs")
    assert waiting.status is S.WAITING_CLIENT and waiting.claimed_by_id == agent.user_id


# --- R19/R20: the advance gate ----------------------------------------------------

def test_r19_r20_advance_not_paid_refuses_start_with_the_due_amount(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    """Scenario 9: 2 100 agreed, 1 200 paid -> 900 due; supervisor override is audited."""
    rid = new_client(db, agent).request_id
    agree_estimate(db, agent, rid, 210_000)
    payments.record_payment(db, agent, rid, amount_kopecks=120_000, paid_on=date.today(),
                            kind=PaymentKind.ADVANCE, method_label="СБП")
    before = row_counts(db)
    with pytest.raises(AdvanceNotPaid) as err:
        request_life.start_work(db, agent, rid)
    assert err.value.due_kopecks == 90_000
    assert err.value.message == (f"The advance of {format_money(90_000)} is not paid yet: "
                                 "work on this request cannot start.")
    with pytest.raises(PermissionDenied):
        request_life.start_work(db, agent, rid, override_reason="the client promised")
    assert row_counts(db) == before
    started = request_life.start_work(db, supervisor, rid, override_reason="regular client")
    assert started.status is S.IN_PROGRESS
    action, _was, after = last_audit(db, rid)
    assert action == "request.status_changed"
    assert after["override_reason"] == "regular client" and after["due_kopecks"] == 90_000


def test_r19_r20_no_agreed_estimate_is_not_paid(db: Database, agent: Actor) -> None:
    rid = new_client(db, agent).request_id
    with pytest.raises(AdvanceNotPaid) as err:
        request_life.start_work(db, agent, rid)
    assert err.value.due_kopecks == 0 and "No estimate is agreed" in err.value.message


def test_r19_paid_advance_starts_and_on_completion_starts_unpaid(db: Database,
                                                                 agent: Actor) -> None:
    """Scenario 2: request 1 paid in full starts; done; the next request starts unpaid."""
    made = new_client(db, agent)
    agree_estimate(db, agent, made.request_id, 210_000)
    payments.record_payment(db, agent, made.request_id, amount_kopecks=210_000,
                            paid_on=date.today(), kind=PaymentKind.ADVANCE, method_label="СБП")
    request_life.start_work(db, agent, made.request_id)
    request_life.mark_done(db, agent, made.request_id)
    printer = queue.create_request(db, agent, made.client.id, channel=Network.TELEGRAM,
                                   description="Set up the printer", deadline=tomorrow())
    assert printer.payment_scheme is PaymentScheme.ON_COMPLETION
    assert request_life.start_work(db, agent, printer.id).status is S.IN_PROGRESS


# --- R22: the timer ------------------------------------------------------------------

def test_r22_timer_runs_pauses_while_waiting_and_stops_at_done(
        db: Database, agent: Actor, clock: Clock) -> None:
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.NEW, scheme=PaymentScheme.ON_COMPLETION)
    started = request_life.start_work(db, agent, rid)
    assert started.timer_started_at == clock.now and started.worked_seconds == 0
    clock.work(db, agent, 30)
    waiting = request_life.wait_for_client(db, agent, rid, "reboot and confirm")
    assert waiting.worked_seconds == 30 * 60 and waiting.timer_started_at is None
    clock.advance(hours=3)  # the client takes a while: not counted
    back = request_life.back_to_work(db, agent, rid)
    assert back.worked_seconds == 30 * 60 and back.timer_started_at == clock.now
    clock.work(db, agent, 70)
    done = request_life.mark_done(db, agent, rid)
    assert done.worked_seconds == 100 * 60 and done.timer_started_at is None
    clock.advance(hours=1)
    assert queue.request_detail(db, agent, rid).worked_seconds == 100 * 60


def test_r22_a_lapsed_claim_stops_counting_at_the_lease_end(
        db: Database, agent: Actor, agent2: Actor, clock: Clock) -> None:
    """The abandoned desk's stretch ends with its lease; the next holder's time runs on."""
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.NEW, scheme=PaymentScheme.ON_COMPLETION)
    request_life.start_work(db, agent, rid)
    clock.advance(minutes=2)
    clock.advance(hours=2)  # anna's desk died: no heartbeat
    lease = claims.CLAIM_LEASE.total_seconds()
    shown = queue.request_detail(db, agent2, rid)
    assert shown.worked_seconds == lease and shown.timer_started_at is None
    taken = claims.claim(db, agent2, rid)
    assert taken.worked_seconds == lease and taken.timer_started_at == clock.now
    clock.work(db, agent2, 3)
    paused = request_life.wait_for_client(db, agent2, rid, "the password reset link")
    assert paused.worked_seconds == lease + 180


def test_r22_next_request_takeover_banks_the_lapsed_stretch(
        db: Database, agent: Actor, agent2: Actor, clock: Clock) -> None:
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.NEW, scheme=PaymentScheme.ON_COMPLETION)
    request_life.start_work(db, agent, rid)
    clock.advance(hours=1)
    taken = claims.next_request(db, agent2)
    assert taken is not None and taken.id == rid
    assert taken.worked_seconds == claims.CLAIM_LEASE.total_seconds()
    assert taken.timer_started_at == clock.now


def test_r22_release_stops_the_timer(db: Database, agent: Actor, clock: Clock) -> None:
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.NEW, scheme=PaymentScheme.ON_COMPLETION)
    request_life.start_work(db, agent, rid)
    clock.work(db, agent, 12)
    released = claims.release(db, agent, rid)
    assert released.worked_seconds == 12 * 60 and released.timer_started_at is None
    clock.advance(hours=1)
    again = request_life.start_work(db, agent, rid)  # in progress, timer stopped: resume
    assert again.worked_seconds == 12 * 60 and again.timer_started_at == clock.now


def test_r22_correct_worked_time(db: Database, agent: Actor, agent2: Actor, supervisor: Actor,
                                 clock: Clock) -> None:
    rid = new_client(db, agent).request_id
    force_state(db, rid, S.NEW, scheme=PaymentScheme.ON_COMPLETION)
    request_life.start_work(db, agent, rid)
    clock.work(db, agent, 8)
    fixed = request_life.correct_worked_time(db, agent, rid, 90, "forgot to start the timer")
    assert fixed.worked_seconds == 90 * 60 and fixed.timer_started_at == clock.now
    action, was, after = last_audit(db, rid)
    assert (action, was, after) == ("request.time_corrected", {"minutes": 8},
                                    {"minutes": 90, "reason": "forgot to start the timer"})
    clock.work(db, agent, 4)
    assert queue.request_detail(db, agent, rid).timer_started_at is not None
    before = row_counts(db)
    for minutes in (-1, request_life.MAX_WORKED_MINUTES + 1):
        with pytest.raises(ValidationError) as err:
            request_life.correct_worked_time(db, agent, rid, minutes, "typo")
        assert err.value.field == "minutes"
    with pytest.raises(ValidationError):
        request_life.correct_worked_time(db, agent, rid, 10, "")
    with pytest.raises(ClaimConflict):
        request_life.correct_worked_time(db, agent2, rid, 10, "mine")
    assert row_counts(db) == before
    done = request_life.mark_done(db, agent, rid)
    assert done.worked_seconds == 94 * 60
    assert request_life.correct_worked_time(db, supervisor, rid, 60,
                                            "checked the log").worked_seconds == 3600


# --- R19: "next request" --------------------------------------------------------------

def test_r19_next_request_skips_waiting_for_the_client(db: Database, agent: Actor,
                                                       agent2: Actor) -> None:
    waiting = new_client(db, agent, deadline=tomorrow(2)).request_id
    force_state(db, waiting, S.NEW, scheme=PaymentScheme.ON_COMPLETION)
    request_life.start_work(db, agent, waiting)
    request_life.wait_for_client(db, agent, waiting, "photos of the error")
    claims.release(db, agent, waiting)
    assert claims.next_request(db, agent2) is None
    later = new_client(db, agent, deadline=tomorrow(30)).request_id
    taken = claims.next_request(db, agent2)
    assert taken is not None and taken.id == later
