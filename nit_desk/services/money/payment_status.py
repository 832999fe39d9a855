"""What "paid" means: one definition for every screen and rule (R6, R14 a, R20).

A request is paid when the money recorded for it (advance and final
payments), less voided payments, covers the total of its latest agreed
estimate. A part payment is not paid; a forfeited advance (R12) never counts;
a request without an agreed estimate is not paid.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nit_desk.domain.types import EstimateStatus, PaymentKind, RequestStatus
from nit_desk.services.storage.models import Estimate, Payment, Request

_NOT_CURRENT = (RequestStatus.CANCELLED.value, RequestStatus.CANCELLED_BY_BAN.value)
MONEY_KINDS = (PaymentKind.ADVANCE.value, PaymentKind.FINAL.value)
"""Kinds of payment that are money received (a forfeited row records a ban, R12)."""


def current_request_id(session: Session, client_id: int) -> int | None:
    """The client's latest request that was not cancelled: the current work."""
    return session.execute(
        select(Request.id).where(Request.client_id == client_id,
                                 Request.status.not_in(_NOT_CURRENT))
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(1)
    ).scalar_one_or_none()


def agreed_total(session: Session, request_id: int) -> int | None:
    """Total in kopecks of the latest agreed estimate version, if any."""
    return session.execute(
        select(Estimate.total_kopecks).where(Estimate.request_id == request_id,
                                             Estimate.status == EstimateStatus.AGREED.value)
        .order_by(Estimate.number.desc()).limit(1)
    ).scalar_one_or_none()


def paid_total(session: Session, request_id: int) -> int:
    """Advance and final payments received for a request, less voided ones, in kopecks."""
    return int(session.execute(
        select(func.coalesce(func.sum(Payment.amount_kopecks), 0)).where(
            Payment.request_id == request_id, Payment.kind.in_(MONEY_KINDS),
            Payment.voided_at.is_(None))
    ).scalar_one())


def forfeited_total(session: Session, request_id: int) -> int:
    """Advance forfeited on a ban for a request, in kopecks (R12); never counts as paid."""
    return int(session.execute(
        select(func.coalesce(func.sum(Payment.amount_kopecks), 0)).where(
            Payment.request_id == request_id, Payment.kind == PaymentKind.FORFEITED.value,
            Payment.voided_at.is_(None))
    ).scalar_one())


def covers(agreed: int | None, paid: int) -> bool:
    """R20 on plain numbers: an agreed total exists and the money paid covers it."""
    return agreed is not None and paid >= agreed


def is_paid(session: Session, request_id: int) -> bool:
    """R20: the request has an agreed estimate and the money recorded covers its total."""
    return covers(agreed_total(session, request_id), paid_total(session, request_id))


def paid_for_current_work(session: Session, client_id: int) -> bool:
    """R6: the client's current request is paid (R20)."""
    request_id = current_request_id(session, client_id)
    return request_id is not None and is_paid(session, request_id)
