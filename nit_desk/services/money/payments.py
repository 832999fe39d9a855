"""Payments of a request and where its money stands (R12, R13, R14, R20, R21).

Only money received is recorded: an advance or a final payment, in positive
integer kopecks (R16). There are no negative amounts, hence no refunds (R12).
A forfeited advance is recorded by the bans service, never here. No card or
bank data is ever kept (R2, R9): the method is a label ("СБП", "наличные") and
the reference is checked by the secret guard and refused if it holds a long
digit run. A wrong payment is voided with a reason (R21): the row stays, with
who and when, and no longer counts as paid (R20).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.text import clean_name, clean_text, field_error
from nit_desk.domain.types import (
    AdvanceReason,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
)
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import is_supervisor
from nit_desk.services.money.money_common import load_request
from nit_desk.services.money.money_dto import MoneyStatus, PaymentDTO
from nit_desk.services.money.payment_status import agreed_total, covers, forfeited_total, paid_total
from nit_desk.services.money.pricelist import check_price
from nit_desk.services.queue.holder import refuse_unless_free_for
from nit_desk.services.reasons import clean_reason
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, Payment, Request, User
from nit_desk.services.uow import UnitOfWork

LABEL_MAX_LENGTH = 100
LONG_DIGIT_RUN = 13
_DIGIT_RUN = re.compile(rf"\d(?:[ -]?\d){{{LONG_DIGIT_RUN - 1},}}")
"""13 or more digits, contiguous or split by single spaces or dashes."""

ADVANCE_NOT_PAID = QT_TRANSLATE_NOOP(
    "messages", "Advance scheme: do not start work before the advance is paid")
CANCELLED_BY_BAN = QT_TRANSLATE_NOOP(
    "messages", "The client is banned: no work is done, nothing is refunded")
CANCELLED = QT_TRANSLATE_NOOP("messages", "The request is cancelled: no work is done")


def _dto(payment: Payment, names: dict[int | None, str]) -> PaymentDTO:
    voided_by = (names.get(payment.voided_by_id, "system") if payment.voided_at is not None
                 else None)
    return PaymentDTO(payment.id, payment.request_id, PaymentKind(payment.kind),
                      payment.amount_kopecks, payment.paid_on, payment.method_label,
                      payment.reference, payment.recorded_at,
                      names.get(payment.recorded_by_id, "system"),
                      voided_at=payment.voided_at, voided_by_name=voided_by,
                      void_reason=payment.void_reason)


def _names(session: Session, rows: list[Payment]) -> dict[int | None, str]:
    ids = {i for row in rows for i in (row.recorded_by_id, row.voided_by_id) if i is not None}
    return dict(session.execute(
        select(User.id, User.username).where(User.id.in_(ids))).all()) if ids else {}


def _payments(session: Session, request_id: int) -> tuple[PaymentDTO, ...]:
    """Every payment of a request, voided ones too (R21), in the order they came in."""
    rows = list(session.execute(
        select(Payment).where(Payment.request_id == request_id)
        .order_by(Payment.paid_on, Payment.id)).scalars())
    names = _names(session, rows)
    return tuple(_dto(row, names) for row in rows)


# --- validation -------------------------------------------------------------

def _check_kind(kind: PaymentKind | str) -> PaymentKind:
    try:
        checked = PaymentKind(kind)
    except ValueError:
        checked = None
    if checked not in (PaymentKind.ADVANCE, PaymentKind.FINAL):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Only an advance or a final payment can be recorded here."),
            field="kind")
    return checked


def _check_paid_on(paid_on: date, today: date) -> date:
    if isinstance(paid_on, datetime) or not isinstance(paid_on, date):
        raise field_error(QT_TRANSLATE_NOOP("messages", "The {label} must be a date."),
                          field="paid_on")
    if paid_on > today:
        raise field_error(QT_TRANSLATE_NOOP(
            "messages", "The {label} date is in the future: record a payment once it is "
            "received."), field="paid_on")
    return paid_on


def _check_label(text: str, *, field: str, required: bool) -> str:
    """A short single-line label, checked for secrets and for long digit runs (R2, R9)."""
    cleaned = (clean_name(text, field=field, max_length=LABEL_MAX_LENGTH) if required
               else clean_text(text, field=field, max_length=LABEL_MAX_LENGTH))
    if "\n" in cleaned:
        raise field_error(QT_TRANSLATE_NOOP(
            "messages", "The {label} must be a single line, without line breaks."), field=field)
    if _DIGIT_RUN.search(cleaned):
        raise field_error(QT_TRANSLATE_NOOP(
            "messages", "The {label} contains {n} or more digits in a row, which may be a card "
            "or bank account number. Never type card or bank data into NIT Desk."),
            field=field, n=LONG_DIGIT_RUN)
    return cleaned


def _refuse_by_state(request: Request, client: Client, kind: PaymentKind) -> None:
    """No payment after a ban or a cancellation (R12); each scheme's timing (R13)."""
    if client.banned or request.status == RequestStatus.CANCELLED_BY_BAN.value:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "The client is banned: no payment can be recorded for this request."))
    if request.status == RequestStatus.CANCELLED.value:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "The request is cancelled: no payment can be recorded for it."))
    if request.payment_scheme == PaymentScheme.ON_COMPLETION.value:
        if kind is PaymentKind.ADVANCE:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "This request is paid on completion: there is no advance."),
                field="kind")
        if request.status != RequestStatus.DONE.value:
            raise Conflict(QT_TRANSLATE_NOOP(
                "messages", "This request is paid on completion: record the payment once "
                "the work is done."))


# --- services ---------------------------------------------------------------

def record_payment(db: Database, actor: Actor, request_id: int, *, amount_kopecks: int,
                   paid_on: date, kind: PaymentKind, method_label: str,
                   reference: str = "") -> PaymentDTO:
    """Record money received for a request (any active user; R13, R16).

    Args:
        amount_kopecks: positive whole kopecks, at most the money maximum.
        paid_on: the day the money came in; not in the future (local date).
        kind: ADVANCE (advance scheme only) or FINAL (on-completion requests
            only once done).
        method_label: how it was paid, e.g. "СБП"; never card or bank data.
        reference: an optional short reference; never card or bank data.

    Raises:
        NotFound: no such request.
        ValidationError: a bad amount, date, kind, label or reference.
        Conflict: the client is banned, the request cancelled, or the scheme
            says not now (R12, R13).
        ClaimConflict: another agent holds the request (supervisors pass).
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request, client = load_request(uow, request_id, lock=True)
        refuse_unless_free_for(uow, request, supervisor=supervisor)
        checked_kind = _check_kind(kind)
        amount = check_price(amount_kopecks, field="amount")
        day = _check_paid_on(paid_on, uow.now.astimezone().date())
        label = _check_label(method_label, field="method_label", required=True)
        ref = _check_label(reference, field="reference", required=False)
        _refuse_by_state(request, client, checked_kind)
        payment = Payment(request_id=request.id, kind=checked_kind.value,
                          amount_kopecks=amount, paid_on=day, method_label=label,
                          reference=ref, recorded_by_id=uow.actor_id, recorded_at=uow.now)
        uow.session.add(payment)
        uow.session.flush()
        uow.audit("payment.recorded", "payment", payment.id, client_id=request.client_id,
                  after={"request_id": request.id, "kind": payment.kind, "amount_kopecks": amount,
                         "paid_on": day, "method_label": label, "reference": ref})
        uow.commit()
        return _dto(payment, {uow.actor_id: actor.username})


def void_payment(db: Database, actor: Actor, payment_id: int, reason: str) -> PaymentDTO:
    """Void a wrong payment with a reason (R21); it stays listed and no longer counts (R20).

    Any active user who may act on the request (the holder rule) may void.

    Raises:
        ValidationError: no reason, or one that is several lines or holds a secret.
        NotFound: no such payment.
        ClaimConflict: another agent holds the request (supervisors pass).
        Conflict: voided already, a forfeited advance (only a ban records
            those), or a request cancelled by a ban.
    """
    why = clean_reason(reason)
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        payment = _payment(uow, payment_id)
        request, _client = load_request(uow, payment.request_id, lock=True)
        refuse_unless_free_for(uow, request, supervisor=supervisor)
        _refuse_void(payment, request)
        before = _void_snapshot(payment)
        payment.voided_at, payment.voided_by_id, payment.void_reason = uow.now, uow.actor_id, why
        uow.audit("payment.voided", "payment", payment.id, client_id=request.client_id,
                  before=before, after=_void_snapshot(payment))
        dto = _dto(payment, _names(uow.session, [payment]))
        uow.commit()
        return dto


def _payment(uow: UnitOfWork, payment_id: int) -> Payment:
    payment = uow.session.get(Payment, payment_id)
    if payment is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such payment."), field="payment")
    return payment


def _refuse_void(payment: Payment, request: Request) -> None:
    if payment.voided_at is not None:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "This payment was voided already on {at:%d.%m.%Y %H:%M}."),
            field="payment", at=payment.voided_at.astimezone())
    if payment.kind == PaymentKind.FORFEITED.value:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "A forfeited advance is recorded by a ban and cannot be voided."),
            field="payment")
    if request.status == RequestStatus.CANCELLED_BY_BAN.value:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "The request was cancelled by a ban: its payments stay as they are."),
            field="payment")


def _void_snapshot(payment: Payment) -> dict[str, object]:
    return {"request_id": payment.request_id, "kind": payment.kind,
            "amount_kopecks": payment.amount_kopecks, "voided": payment.voided_at is not None,
            "void_reason": payment.void_reason}


def request_money(db: Database, actor: Actor, request_id: int) -> MoneyStatus:
    """Where the money of a request stands: agreed, paid, forfeited, due (R12-R14, R20).

    Voided payments are listed but never counted. Paid (R20): an agreed
    estimate whose total the money covers; overpaid: money above that total.
    Advance scheme: the agreed total less what was paid is due before work,
    and work may start only once the request is paid.
    On completion: nothing is due until the request is done, then the agreed
    total less what was paid. A cancelled request owes nothing.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require()
        request, client = load_request(uow, request_id)
        return money_status(uow.session, request, client)


def money_status(session: Session, request: Request, client: Client) -> MoneyStatus:
    """:func:`request_money` of a loaded request inside a caller's read (``card_view``)."""
    request_id = request.id
    status = RequestStatus(request.status)
    scheme = PaymentScheme(request.payment_scheme)
    agreed = agreed_total(session, request_id)
    paid = paid_total(session, request_id)
    due, may_start, warning = _due(scheme, status, client.banned, agreed, paid)
    return MoneyStatus(
        request_id=request.id, request_status=status, scheme=scheme,
        reasons=_reasons(request.advance_reasons),
        agreed_kopecks=agreed, paid_kopecks=paid,
        forfeited_kopecks=forfeited_total(session, request_id), due_kopecks=due,
        work_may_start=may_start, warning=warning, payments=_payments(session, request_id),
        paid=covers(agreed, paid),
        overpaid_kopecks=max(paid - agreed, 0) if agreed is not None else 0)


def _reasons(stored: str) -> tuple[AdvanceReason, ...]:
    """The R14 reason letters as stored on the request ("a,d"; separators ignored)."""
    return tuple(AdvanceReason(char) for char in stored if char.isalpha())


def _due(scheme: PaymentScheme, status: RequestStatus, banned: bool, agreed: int | None,
         paid: int) -> tuple[int, bool, str]:
    """Amount due, whether work may start, and the warning for one request."""
    owed = max((agreed or 0) - paid, 0)
    if banned or status is RequestStatus.CANCELLED_BY_BAN:
        return 0, False, CANCELLED_BY_BAN
    if status is RequestStatus.CANCELLED:
        return 0, False, CANCELLED
    if scheme is PaymentScheme.ON_COMPLETION:
        return (owed if status is RequestStatus.DONE else 0), True, ""
    if covers(agreed, paid):
        return 0, True, ""
    return owed, False, ADVANCE_NOT_PAID

