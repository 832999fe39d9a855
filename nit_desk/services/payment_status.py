"""Whether a client has paid for the current work: one definition for every screen (R6)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nit_desk.domain.types import EstimateStatus, PaymentKind, RequestStatus
from nit_desk.services.storage.models import Estimate, Payment, Request

_NOT_CURRENT = (RequestStatus.CANCELLED.value, RequestStatus.CANCELLED_BY_BAN.value)


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
    """Advance and final payments received for a request, in kopecks."""
    return int(session.execute(
        select(func.coalesce(func.sum(Payment.amount_kopecks), 0)).where(
            Payment.request_id == request_id,
            Payment.kind.in_((PaymentKind.ADVANCE.value, PaymentKind.FINAL.value)))
    ).scalar_one())


def forfeited_total(session: Session, request_id: int) -> int:
    """Advance forfeited on a ban for a request, in kopecks (R12); never counts as paid."""
    return int(session.execute(
        select(func.coalesce(func.sum(Payment.amount_kopecks), 0)).where(
            Payment.request_id == request_id, Payment.kind == PaymentKind.FORFEITED.value)
    ).scalar_one())


def paid_for_current_work(session: Session, client_id: int) -> bool:
    """Paid means: money was received for the current request and it covers
    the agreed estimate when there is one (R6)."""
    request_id = current_request_id(session, client_id)
    if request_id is None:
        return False
    paid = paid_total(session, request_id)
    agreed = agreed_total(session, request_id)
    return paid > 0 and (agreed is None or paid >= agreed)
