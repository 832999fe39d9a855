"""R20 one definition of "paid", R21 voided payments, and what uses them (R6, R14 a, reports)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nit_desk.domain.errors import Conflict, ValidationError
from nit_desk.domain.types import AdvanceReason, Network, PaymentKind, PaymentScheme
from nit_desk.services.actor import Actor
from nit_desk.services.admin import reports
from nit_desk.services.clients import bans
from nit_desk.services.money import payments
from nit_desk.services.money.money_dto import MoneyStatus
from nit_desk.services.money.payment_status import is_paid
from nit_desk.services.queue import queue, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import (
    add_payment,
    agree_estimate,
    new_client,
    row_counts,
    tomorrow,
)

AGREED = 210_000


def _pay(db: Database, actor: Actor, request_id: int, kopecks: int) -> int:
    return payments.record_payment(db, actor, request_id, amount_kopecks=kopecks,
                                   paid_on=date.today(), kind=PaymentKind.ADVANCE,
                                   method_label="СБП").id


def _money(db: Database, actor: Actor, request_id: int) -> MoneyStatus:
    return payments.request_money(db, actor, request_id)


def _is_paid(db: Database, request_id: int) -> bool:
    with db.read_session() as s:
        return is_paid(s, request_id)


def _agreed_request(db: Database, agent: Actor, kopecks: int = AGREED) -> int:
    rid = new_client(db, agent).request_id
    agree_estimate(db, agent, rid, kopecks)
    return rid


def test_r20_a_part_payment_is_not_paid(db: Database, agent: Actor) -> None:
    rid = _agreed_request(db, agent)
    _pay(db, agent, rid, 120_000)
    money = _money(db, agent, rid)
    assert not money.paid and not _is_paid(db, rid)
    assert (money.paid_kopecks, money.due_kopecks, money.overpaid_kopecks) == (120_000, 90_000, 0)
    assert not money.work_may_start


def test_r20_r21_a_voided_payment_stays_listed_and_never_counts(db: Database,
                                                               agent: Actor) -> None:
    """Scenario 9: 1 200 recorded by mistake and voided, then 2 100: paid; the row stays."""
    rid = _agreed_request(db, agent)
    wrong = _pay(db, agent, rid, 120_000)
    voided = payments.void_payment(db, agent, wrong, "typed the wrong amount")
    assert voided.voided and voided.voided_by_name == "anna"
    assert voided.void_reason == "typed the wrong amount"
    assert _money(db, agent, rid).paid_kopecks == 0
    _pay(db, agent, rid, AGREED)
    money = _money(db, agent, rid)
    assert money.paid and money.paid_kopecks == AGREED and money.due_kopecks == 0
    assert [(p.amount_kopecks, p.voided) for p in money.payments] == [(120_000, True),
                                                                      (AGREED, False)]
    assert money.payments[0].voided_at is not None


def test_r21_void_refusals_write_nothing(db: Database, agent: Actor,
                                         supervisor: Actor) -> None:
    rid = _agreed_request(db, agent)
    pid = _pay(db, agent, rid, 120_000)
    before = row_counts(db)
    for reason in ("", "one\ntwo", "карта 4111 1111 1111 1111"):
        with pytest.raises(ValidationError) as err:
            payments.void_payment(db, agent, pid, reason)
        assert err.value.field == "reason"
    assert row_counts(db) == before
    payments.void_payment(db, agent, pid, "wrong request")
    before = row_counts(db)
    with pytest.raises(Conflict) as again:
        payments.void_payment(db, agent, pid, "again")
    assert "voided already" in again.value.message
    assert row_counts(db) == before


def test_r12_r21_a_forfeited_advance_cannot_be_voided(db: Database, agent: Actor,
                                                      supervisor: Actor) -> None:
    made = new_client(db, agent)
    agree_estimate(db, agent, made.request_id, AGREED)
    _pay(db, agent, made.request_id, AGREED)
    proposal = bans.propose_ban(db, agent, made.client.id, ["browser_check"], "bot")
    bans.approve_ban(db, supervisor, proposal.id, "clear")
    forfeited = next(p for p in _money(db, supervisor, made.request_id).payments
                     if p.kind is PaymentKind.FORFEITED)
    before = row_counts(db)
    with pytest.raises(Conflict) as err:
        payments.void_payment(db, supervisor, forfeited.id, "undo the ban")
    assert "forfeited" in err.value.message
    assert row_counts(db) == before


def test_r20_a_forfeited_advance_never_counts(db: Database, agent: Actor) -> None:
    rid = _agreed_request(db, agent)
    add_payment(db, rid, AGREED, PaymentKind.FORFEITED)
    assert not _is_paid(db, rid) and _money(db, agent, rid).paid_kopecks == 0


def test_r20_no_agreed_estimate_is_not_paid(db: Database, agent: Actor) -> None:
    rid = new_client(db, agent).request_id
    _pay(db, agent, rid, AGREED)
    money = _money(db, agent, rid)
    assert not money.paid and not _is_paid(db, rid) and money.overpaid_kopecks == 0


def test_r20_the_latest_agreed_version_counts(db: Database, agent: Actor) -> None:
    rid = _agreed_request(db, agent, 100_000)
    _pay(db, agent, rid, 100_000)
    assert _is_paid(db, rid)
    agree_estimate(db, agent, rid, 250_000)  # v2 agreed: the client owes more now
    money = _money(db, agent, rid)
    assert not money.paid and money.agreed_kopecks == 250_000 and money.due_kopecks == 150_000


def test_r20_overpaid_is_shown(db: Database, agent: Actor) -> None:
    rid = _agreed_request(db, agent)
    _pay(db, agent, rid, 260_000)
    money = _money(db, agent, rid)
    assert money.paid and money.overpaid_kopecks == 50_000 and money.due_kopecks == 0


Step = tuple[str, int]
STEPS = st.lists(st.one_of(st.tuples(st.just("pay"), st.integers(1, 300_000)),
                           st.tuples(st.just("void"), st.integers(0, 7))), max_size=7)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(agreed=st.integers(1, 400_000), steps=STEPS)
def test_r20_property_paid_due_overpaid_follow_a_plain_sum(
        db: Database, agent: Actor, agreed: int, steps: list[Step]) -> None:
    """Random payments and voids: paid, due and overpaid agree with the net sum."""
    rid = _agreed_request(db, agent, agreed)
    live: list[tuple[int, int]] = []
    for op, value in steps:
        if op == "pay":
            live.append((_pay(db, agent, rid, value), value))
        elif live:
            pid, _amount = live.pop(value % len(live))
            payments.void_payment(db, agent, pid, "typo")
    net = sum(amount for _pid, amount in live)
    money = _money(db, agent, rid)
    assert money.paid_kopecks == net
    assert money.paid is (net >= agreed) is _is_paid(db, rid)
    assert money.due_kopecks == max(agreed - net, 0)
    assert money.overpaid_kopecks == max(net - agreed, 0)
    assert money.work_may_start is money.paid


def _done(db: Database, supervisor: Actor, rid: int) -> None:
    request_life.start_work(db, supervisor, rid, override_reason="the client will pay")
    request_life.mark_done(db, supervisor, rid)


def _next_request(db: Database, agent: Actor, client_id: int) -> tuple[bool, PaymentScheme,
                                                                         tuple[AdvanceReason, ...]]:
    made = queue.create_request(db, agent, client_id, channel=Network.TELEGRAM,
                                description="Set up the new printer", deadline=tomorrow())
    return made.first_time, made.payment_scheme, made.advance_reasons


def test_r14a_done_but_part_paid_is_still_first_time(db: Database, agent: Actor,
                                                     supervisor: Actor) -> None:
    """Scenario 9's end: 1 200 of 2 100 paid -> the next request is ADVANCE (a) again."""
    made = new_client(db, agent)
    agree_estimate(db, agent, made.request_id, AGREED)
    _pay(db, agent, made.request_id, 120_000)
    _done(db, supervisor, made.request_id)
    assert _next_request(db, agent, made.client.id) == (
        True, PaymentScheme.ADVANCE, (AdvanceReason.FIRST_TIME,))


def test_r14a_done_and_paid_makes_the_next_request_on_completion(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    made = new_client(db, agent)
    agree_estimate(db, agent, made.request_id, AGREED)
    _pay(db, agent, made.request_id, AGREED)
    _done(db, supervisor, made.request_id)
    assert _next_request(db, agent, made.client.id) == (False, PaymentScheme.ON_COMPLETION, ())


def test_r20_reports_leave_voided_payments_out(db: Database, agent: Actor,
                                               supervisor: Actor) -> None:
    rid = _agreed_request(db, agent)
    payments.void_payment(db, agent, _pay(db, agent, rid, 120_000), "wrong client")
    _pay(db, agent, rid, 50_000)
    now = utcnow()
    report = reports.build_report(db, supervisor, now - timedelta(hours=1),
                                  now + timedelta(hours=1))
    assert report.paid_kopecks == 50_000
    anna = next(a for a in report.per_agent if a.username == "anna")
    assert anna.payments_kopecks == 50_000
