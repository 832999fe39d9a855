"""Requests: validating their fields, creating them, their payment scheme (R7, R14).

The public functions are re-exported by :mod:`nit_desk.services.queue.queue`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.payment import PaymentDecision, payment_scheme_for
from nit_desk.domain.text import clean_text
from nit_desk.domain.types import AdvanceReason, Network, PaymentScheme, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import is_supervisor, load_client, user_names
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money.payment_status import is_paid
from nit_desk.services.queue.work_timer import timer_running, worked_seconds_at
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, Request
from nit_desk.services.storage.types import utcnow
from nit_desk.services.uow import UnitOfWork

MAX_DEADLINE_AHEAD = timedelta(days=366)
DESCRIPTION_MAX = 4000
ADDRESS_MAX = 500


@dataclass(frozen=True)
class RequestInput:
    """Validated fields of a new request."""

    channel: Network
    description: str
    deadline: datetime
    has_specification: bool
    offline_work: bool
    onsite_visit: bool
    visit_address: str


def check_request_input(
    now: datetime, *, channel: Network, description: str, deadline: datetime,
    has_specification: bool, offline_work: bool, onsite_visit: bool, visit_address: str,
) -> RequestInput:
    """Validate a request's fields (R7: a deadline in the future; R9 on free text).

    Raises:
        ValidationError: naming ``channel``, ``description``, ``deadline`` or
            ``visit_address``.
    """
    try:
        net = Network(channel)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Choose the messenger the request came through."),
            field="channel") from None
    if not net.is_channel:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Skype closed in May 2025: no request comes in through it any more. "
            "Choose the messenger the client wrote from."), field="channel")
    text = clean_text(_str(description), field="description", max_length=DESCRIPTION_MAX,
                      required=True)
    address = check_visit(onsite_visit, visit_address)
    return RequestInput(net, text, check_deadline(now, deadline), bool(has_specification),
                        bool(offline_work), bool(onsite_visit), address)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def check_deadline(now: datetime, deadline: datetime) -> datetime:
    """The agreed deadline must be a time-zone-aware moment in the future (R7)."""
    if not isinstance(deadline, datetime) or deadline.tzinfo is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Give the agreed deadline as a date and time."), field="deadline")
    if deadline <= now:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "The deadline {deadline:%d.%m.%Y %H:%M} is in the past: agree a "
            "deadline in the future."), field="deadline", deadline=deadline.astimezone())
    if deadline - now > MAX_DEADLINE_AHEAD:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "The deadline is more than a year away."), field="deadline")
    return deadline


def check_visit(onsite_visit: bool, visit_address: str) -> str:
    """An on-site visit needs its address; without a visit no address is kept (R2)."""
    if not onsite_visit:
        return ""
    return clean_text(_str(visit_address), field="visit_address", max_length=ADDRESS_MAX,
                      required=True)


def is_first_time(session: Session, client_id: int, *, before_id: int | None = None) -> bool:
    """R14 (a): no earlier request of the client was both done and paid (R20)."""
    query = select(Request.id).where(Request.client_id == client_id,
                                     Request.status == RequestStatus.DONE.value)
    if before_id is not None:
        query = query.where(Request.id < before_id)
    done = session.execute(query).scalars().all()
    return not any(is_paid(session, request_id) for request_id in done)


def encode_reasons(reasons: tuple[AdvanceReason, ...]) -> str:
    """R14 reasons as stored: ``"a,c"``."""
    return ",".join(r.value for r in reasons)


@functools.lru_cache(maxsize=64)
def decode_reasons(text: str) -> tuple[AdvanceReason, ...]:
    """R14 reasons from their stored form (a handful of forms, each decoded once)."""
    return tuple(AdvanceReason(part) for part in text.split(",") if part)


def apply_scheme(request: Request) -> PaymentDecision:
    """Recompute and store the request's payment scheme from its flags (R14)."""
    decision = payment_scheme_for(
        first_time=request.first_time, has_specification=request.has_specification,
        offline_work=request.offline_work, onsite_visit=request.onsite_visit)
    request.payment_scheme = decision.scheme.value
    request.advance_reasons = encode_reasons(decision.reasons)
    return decision


def add_request(uow: UnitOfWork, client: Client, data: RequestInput) -> Request:
    """Create a request for ``client`` with its scheme, and audit it (R7, R14, R17)."""
    request = Request(
        client_id=client.id, channel=data.channel.value, status=RequestStatus.NEW.value,
        description=data.description, deadline=data.deadline, created_at=uow.now,
        created_by_id=uow.actor_id, first_time=is_first_time(uow.session, client.id),
        has_specification=data.has_specification, offline_work=data.offline_work,
        onsite_visit=data.onsite_visit, visit_address=data.visit_address)
    apply_scheme(request)
    uow.session.add(request)
    uow.session.flush()
    uow.audit("request.created", "request", request.id, client_id=client.id,
              after=request_snapshot(request))
    return request


def request_snapshot(request: Request) -> dict[str, object]:
    """The audited fields of a request (no contact data)."""
    return {"status": request.status, "deadline": request.deadline,
            "channel": request.channel, "first_time": request.first_time,
            "has_specification": request.has_specification,
            "offline_work": request.offline_work, "onsite_visit": request.onsite_visit,
            "visit_address": request.visit_address, "payment_scheme": request.payment_scheme,
            "advance_reasons": request.advance_reasons}


def load_request(session: Session, request_id: int, *, lock: bool = False) -> Request:
    """The request row; ``lock`` holds it until commit on PostgreSQL.

    Raises:
        NotFound: no such request.
    """
    request = session.get(Request, request_id, with_for_update=lock or None)
    if request is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such request."), field="request")
    return request


def request_dto(session: Session, request: Request, now: datetime | None = None) -> RequestDTO:
    """A request row as the request screen's DTO, its timer as of ``now`` (R22).

    A running timer under a lapsed claim is shown stopped at the lease's end.
    """
    now = now or utcnow()
    running = timer_running(request, now)
    client = session.get(Client, request.client_id)
    assert client is not None
    names = user_names(session, [request.claimed_by_id])
    return RequestDTO(
        id=request.id, client_id=request.client_id, client_handle=client.handle,
        client_banned=client.banned, channel=Network(request.channel),
        status=RequestStatus(request.status), description=request.description,
        deadline=request.deadline, created_at=request.created_at,
        first_time=request.first_time, has_specification=request.has_specification,
        offline_work=request.offline_work, onsite_visit=request.onsite_visit,
        visit_address=request.visit_address,
        payment_scheme=PaymentScheme(request.payment_scheme),
        advance_reasons=decode_reasons(request.advance_reasons),
        claimed_by_id=request.claimed_by_id,
        claimed_by_name=names.get(request.claimed_by_id) if request.claimed_by_id else None,
        claimed_at=request.claimed_at, lease_expires_at=request.lease_expires_at,
        closed_at=request.closed_at, version=request.version,
        status_reason=request.status_reason,
        worked_seconds=request.worked_seconds if running else worked_seconds_at(request, now),
        timer_started_at=request.timer_started_at if running else None)


def create_request(
    db: Database, actor: Actor, client_id: int, *, channel: Network, description: str,
    deadline: datetime, has_specification: bool = False, offline_work: bool = False,
    onsite_visit: bool = False, visit_address: str = "", allow_banned: bool = False,
) -> RequestDTO:
    """A new request for a known client; first contact (R14 a) comes from their history.

    Raises:
        ValidationError: a bad field (see :func:`check_request_input`).
        Conflict: the client is banned (unless a supervisor passes ``allow_banned``).
    """
    with UnitOfWork(db, actor) as uow:
        user = uow.require()
        client = load_client(uow.session, client_id, lock=True)
        data = check_request_input(
            uow.now, channel=channel, description=description, deadline=deadline,
            has_specification=has_specification, offline_work=offline_work,
            onsite_visit=onsite_visit, visit_address=visit_address)
        if client.banned and not (allow_banned and is_supervisor(user)):
            raise Conflict(QT_TRANSLATE_NOOP(
                "messages", "The client {handle} is banned from support."),
                field="client", handle=client.handle)
        request = add_request(uow, client, data)
        dto = request_dto(uow.session, request)
        uow.commit()
        return dto

