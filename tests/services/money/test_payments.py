"""Payments and the money status of a request (R12, R13, R14, R16, R6)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nit_desk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from nit_desk.domain.money import MAX_AMOUNT_KOPECKS
from nit_desk.domain.types import (
    AdvanceReason,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
    Unit,
)
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.money import estimates, payments
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.money.payment_status import paid_for_current_work
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, Payment, Request
from nit_desk.services.storage.types import utcnow
from tests.services.money_fixtures import (
    ban_client,
    line,
    make_client,
    make_request,
    row_counts,
    set_request_status,
)

TODAY = utcnow().astimezone().date()
V1 = [line("Удалённая диагностика", "1", Unit.SERVICE, 500),
      line("Удалённая чистка и оптимизация", "2", Unit.HOUR, 800)]


def _agree(db: Database, actor: Actor, request_id: int,
           lines: list[LineInput] | None = None) -> int:
    draft = estimates.create_draft(db, actor, request_id)
    draft = estimates.save_draft(db, actor, draft.id, draft.version, lines=lines or V1, note="")
    estimates.propose(db, actor, draft.id)
    return estimates.agree(db, actor, draft.id).total_kopecks


def _pay(db: Database, actor: Actor, request_id: int, amount: int,
         kind: PaymentKind = PaymentKind.ADVANCE) -> payments.PaymentDTO:
    return payments.record_payment(db, actor, request_id, amount_kopecks=amount,
                                   paid_on=TODAY, kind=kind, method_label="СБП")


def _paid(db: Database, client_id: int) -> bool:
    with db.read_session() as s:
        return paid_for_current_work(s, client_id)


# --- scenario 1: advance ------------------------------------------------------

def test_scenario1_advance_of_2100_makes_the_client_paid_r6_r14(db: Database,
                                                                agent: Actor) -> None:
    client_id = make_client(db, all_done_but_estimate=True)
    request_id = make_request(db, client_id, first_time=True)
    money = payments.request_money(db, agent, request_id)
    assert money.scheme is PaymentScheme.ADVANCE
    assert money.reasons == (AdvanceReason.FIRST_TIME,)
    assert (money.agreed_kopecks, money.due_kopecks, money.work_may_start) == (None, 0, False)
    assert money.warning == payments.ADVANCE_NOT_PAID
    assert _agree(db, agent, request_id) == 2_100_00
    money = payments.request_money(db, agent, request_id)
    assert (money.agreed_kopecks, money.paid_kopecks, money.due_kopecks) == (
        2_100_00, 0, 2_100_00)
    assert not money.work_may_start and "advance" in money.warning
    assert not _paid(db, client_id)
    recorded = _pay(db, agent, request_id, 2_100_00)
    assert (recorded.kind, recorded.amount_kopecks, recorded.recorded_by_name) == (
        PaymentKind.ADVANCE, 2_100_00, "anna")
    money = payments.request_money(db, agent, request_id)
    assert (money.paid_kopecks, money.due_kopecks, money.work_may_start, money.warning) == (
        2_100_00, 0, True, "")
    assert money.payments == (recorded,)
    assert _paid(db, client_id)


def test_r14_a_part_of_the_advance_is_not_enough(db: Database, agent: Actor) -> None:
    client_id = make_client(db)
    request_id = make_request(db, client_id)
    _agree(db, agent, request_id)
    _pay(db, agent, request_id, 1_000_00)
    money = payments.request_money(db, agent, request_id)
    assert (money.paid_kopecks, money.due_kopecks, money.work_may_start) == (
        1_000_00, 1_100_00, False)
    assert not _paid(db, client_id)
    _pay(db, agent, request_id, 1_100_00, PaymentKind.FINAL)
    assert payments.request_money(db, agent, request_id).work_may_start
    assert _paid(db, client_id)


def test_scenario3_every_advance_reason_is_listed_r14(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db), first_time=True, has_specification=True,
                              offline_work=True, onsite_visit=True)
    money = payments.request_money(db, agent, request_id)
    assert money.scheme is PaymentScheme.ADVANCE
    assert money.reasons == tuple(AdvanceReason)


# --- scenario 2: on completion ------------------------------------------------

def test_scenario2_on_completion_due_only_when_done_r13(db: Database, agent: Actor) -> None:
    client_id = make_client(db)
    first = make_request(db, client_id)
    _agree(db, agent, first)
    _pay(db, agent, first, 2_100_00)
    set_request_status(db, first, RequestStatus.DONE)
    printer = make_request(db, client_id, first_time=False)
    _agree(db, agent, printer, [line("Настройка принтера", "1", Unit.PIECE, 700)])
    money = payments.request_money(db, agent, printer)
    assert (money.scheme, money.reasons) == (PaymentScheme.ON_COMPLETION, ())
    assert (money.agreed_kopecks, money.due_kopecks, money.work_may_start, money.warning) == (
        700_00, 0, True, "")
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        _pay(db, agent, printer, 700_00, PaymentKind.ADVANCE)
    assert err.value.field == "kind"
    with pytest.raises(Conflict):
        _pay(db, agent, printer, 700_00, PaymentKind.FINAL)
    assert row_counts(db) == before
    assert not _paid(db, client_id)  # the printer is the current work, not yet paid
    set_request_status(db, printer, RequestStatus.DONE)
    assert payments.request_money(db, agent, printer).due_kopecks == 700_00
    _pay(db, agent, printer, 700_00, PaymentKind.FINAL)
    money = payments.request_money(db, agent, printer)
    assert (money.paid_kopecks, money.due_kopecks) == (700_00, 0)
    assert _paid(db, client_id)


# --- R12: bans ----------------------------------------------------------------

def test_r12_no_payment_after_a_ban_and_nothing_due(db: Database, agent: Actor) -> None:
    client_id = make_client(db)
    request_id = make_request(db, client_id)
    _agree(db, agent, request_id, [line("Регистрация на стороннем сервисе", "1",
                                        Unit.SERVICE, 1500)])
    _pay(db, agent, request_id, 1_500_00)
    ban_client(db, client_id)
    with db.write_session() as s, s.begin():  # what the bans service records on a ban
        s.add(Payment(request_id=request_id, kind=PaymentKind.FORFEITED.value,
                      amount_kopecks=1_500_00, paid_on=TODAY, recorded_at=utcnow()))
    before = row_counts(db)
    for kind in (PaymentKind.ADVANCE, PaymentKind.FINAL):
        with pytest.raises(Conflict):
            _pay(db, agent, request_id, 100, kind)
    assert row_counts(db) == before
    money = payments.request_money(db, agent, request_id)
    assert money.request_status is RequestStatus.CANCELLED_BY_BAN
    assert (money.paid_kopecks, money.forfeited_kopecks, money.due_kopecks) == (
        1_500_00, 1_500_00, 0)
    assert not money.work_may_start and money.warning == payments.CANCELLED_BY_BAN


def test_r12_a_ban_in_progress_wins_over_a_payment(db: Database, agent: Actor) -> None:
    """R12 race: a payment started while a ban is being committed waits for it (row locks
    on PostgreSQL, the single writer on SQLite) and is then refused."""
    client_id = make_client(db)
    request_id = make_request(db, client_id)
    _agree(db, agent, request_id)
    outcome: list[BaseException | None] = []

    def pay() -> None:
        try:
            _pay(db, agent, request_id, 2_100_00)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            outcome.append(exc)

    with db.write_session() as s, s.begin():  # the ban, as the bans service writes it
        client = s.get(Client, client_id, with_for_update=True)
        request = s.get(Request, request_id, with_for_update=True)
        assert client is not None and request is not None
        client.banned, request.status = True, RequestStatus.CANCELLED_BY_BAN.value
        s.flush()
        worker = threading.Thread(target=pay)
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive() and not outcome  # waiting for the ban
    worker.join(timeout=20)
    assert len(outcome) == 1 and isinstance(outcome[0], Conflict)
    assert payments.request_money(db, agent, request_id).payments == ()


def test_r12_banned_client_refused_even_on_a_closed_request(db: Database,
                                                            agent: Actor) -> None:
    client_id = make_client(db)
    request_id = make_request(db, client_id, first_time=False, status=RequestStatus.DONE)
    ban_client(db, client_id)  # a done request stays done
    with pytest.raises(Conflict):
        _pay(db, agent, request_id, 100, PaymentKind.FINAL)


def test_r12_forfeited_cannot_be_recorded_here_no_refunds(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        _pay(db, agent, request_id, 100, PaymentKind.FORFEITED)
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:
        _pay(db, agent, request_id, -100)
    assert err.value.field == "amount"
    assert row_counts(db) == before


def test_a_cancelled_request_takes_no_money(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db), status=RequestStatus.CANCELLED)
    with pytest.raises(Conflict):
        _pay(db, agent, request_id, 100)
    assert payments.request_money(db, agent, request_id).due_kopecks == 0


# --- refusals (R2, R9, R16, scenario 8) ----------------------------------------

BAD_INPUTS = [
    ({"amount_kopecks": 1_000_000_000 * 100}, "amount"),  # scenario 8: 1e9 ₽
    ({"amount_kopecks": MAX_AMOUNT_KOPECKS + 1}, "amount"),
    ({"amount_kopecks": 0}, "amount"),
    ({"amount_kopecks": 2100.0}, "amount"),
    ({"amount_kopecks": True}, "amount"),
    ({"paid_on": TODAY + timedelta(days=2)}, "paid_on"),
    ({"paid_on": datetime.now()}, "paid_on"),
    ({"paid_on": "2025-01-01"}, "paid_on"),
    ({"method_label": ""}, "method_label"),
    ({"method_label": "Карта 4111 1111 1111 1111"}, "method_label"),
    ({"method_label": "СБП\nещё"}, "method_label"),
    ({"reference": "4111111111111111"}, "reference"),
    ({"reference": "счёт 40817810099910004312"}, "reference"),
    ({"reference": "1234 5678 9012 3"}, "reference"),
    ({"reference": "код из смс 539201"}, "reference"),
    ({"reference": "пароль: qwerty123"}, "reference"),
    ({"reference": "x" * 101}, "reference"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_r9_r16_bad_payments_are_refused_and_nothing_is_written(
        db: Database, agent: Actor, change: dict[str, Any], field: str) -> None:
    request_id = make_request(db, make_client(db))
    _agree(db, agent, request_id)
    values = {"amount_kopecks": 2_100_00, "paid_on": TODAY, "kind": PaymentKind.ADVANCE,
              "method_label": "СБП", "reference": "", **change}
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        payments.record_payment(db, agent, request_id, **values)
    assert err.value.field == field
    assert row_counts(db) == before


def test_r2_short_references_and_labels_are_kept(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    _agree(db, agent, request_id)
    recorded = payments.record_payment(
        db, agent, request_id, amount_kopecks=2_100_00, paid_on=TODAY - timedelta(days=1),
        kind=PaymentKind.ADVANCE, method_label="  Наличные ", reference="чек 000123 от 25.11")
    assert (recorded.method_label, recorded.reference) == ("Наличные", "чек 000123 от 25.11")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(min_value=1, max_value=3_000_00), min_size=1, max_size=5))
def test_r14_advance_work_starts_exactly_when_paid_covers_agreed(
        db: Database, agent: Actor, amounts: list[int]) -> None:
    """Property (R14, R16): due = agreed - paid (never below 0) and work may start exactly
    when the payments reach the agreed total."""
    request_id = make_request(db, make_client(db, f"@p{row_counts(db)['clients']}"))
    agreed = _agree(db, agent, request_id)
    paid = 0
    for amount in amounts:
        _pay(db, agent, request_id, amount)
        paid += amount
        money = payments.request_money(db, agent, request_id)
        assert money.paid_kopecks == paid
        assert money.due_kopecks == max(agreed - paid, 0)
        assert money.work_may_start is (paid >= agreed)


def test_r18_inactive_user_cannot_record(db: Database, agent: Actor,
                                         supervisor: Actor) -> None:
    request_id = make_request(db, make_client(db))
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        _pay(db, agent, request_id, 100)
    with pytest.raises(PermissionDenied):
        payments.request_money(db, agent, request_id)


def test_r17_a_payment_is_audited(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    _agree(db, agent, request_id)
    before = row_counts(db)
    _pay(db, agent, request_id, 500_00)
    after = row_counts(db)
    assert (after["payments"], after["audit_log"]) == (before["payments"] + 1,
                                                       before["audit_log"] + 1)


def test_unknown_request_is_not_found(db: Database, agent: Actor) -> None:
    with pytest.raises(NotFound):
        _pay(db, agent, 4242, 100)
    with pytest.raises(NotFound):
        payments.request_money(db, agent, 4242)

