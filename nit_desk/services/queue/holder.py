"""Who may work on a request now: its holder, or a supervisor (R19, issue #12 item 3).

A request that another agent holds under a live claim is theirs: estimate
edits, payments, checklist ticks, sensitive actions, corrections and status
changes by anyone else are refused with "held by anna since 10:42". A claim
whose lease lapsed holds nothing. Supervisors are never refused by a claim.
Client-level changes (the checklist, contacts) follow the client's open
requests: while one of them is held by another agent, the client is theirs.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from nit_desk.domain.errors import Conflict
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import OPEN_STATUSES, RequestStatus
from nit_desk.services.clients.client_cards import user_names
from nit_desk.services.dto import ClaimConflict
from nit_desk.services.storage.models import Request
from nit_desk.services.uow import UnitOfWork

_OPEN = sorted(s.value for s in OPEN_STATUSES)


def claim_live(uow: UnitOfWork, request: Request) -> bool:
    """Whether the request's claim (if any) still holds: its lease has not lapsed."""
    return request.lease_expires_at is None or request.lease_expires_at >= uow.now


def held_by_other(uow: UnitOfWork, request: Request) -> bool:
    """Whether someone other than the actor holds the request under a live claim."""
    return (request.claimed_by_id is not None and request.claimed_by_id != uow.actor_id
            and claim_live(uow, request))


def held_conflict(uow: UnitOfWork, request: Request) -> ClaimConflict:
    """The refusal naming who holds the request since when (scenario 6)."""
    holder = user_names(uow.session, [request.claimed_by_id]).get(
        request.claimed_by_id or 0, "?")
    since = (request.claimed_at or uow.now).astimezone()
    return ClaimConflict(
        QT_TRANSLATE_NOOP("messages", "The request is held by {holder} since {since:%H:%M}."),
        holder=holder, since=since)


def closed_conflict(request: Request) -> Conflict:
    """The refusal of work on a closed request."""
    return Conflict(QT_TRANSLATE_NOOP("messages", "The request is closed ({status})."),
                    field="request", status=request.status)


def refuse_unless_free_for(uow: UnitOfWork, request: Request, *, supervisor: bool) -> None:
    """Refuse an agent's change to a request another agent holds (supervisors pass).

    Raises:
        ClaimConflict: held by another agent under a live claim.
    """
    if not supervisor and held_by_other(uow, request):
        raise held_conflict(uow, request)


def require_holder(uow: UnitOfWork, request: Request, *, supervisor: bool) -> None:
    """Agents move an open request only while they hold its claim; supervisors always may.

    Raises:
        Conflict: the request is closed, or the agent has not taken it.
        ClaimConflict: another agent holds it.
    """
    if RequestStatus(request.status) not in OPEN_STATUSES:
        raise closed_conflict(request)
    if supervisor or request.claimed_by_id == uow.actor_id:
        return
    if held_by_other(uow, request):
        raise held_conflict(uow, request)
    raise Conflict(QT_TRANSLATE_NOOP("messages", "Take the request for work first."),
                   field="request")


def refuse_client_held_elsewhere(uow: UnitOfWork, client_id: int, *, supervisor: bool) -> None:
    """Refuse an agent's change to a client whose open request another agent holds.

    Raises:
        ClaimConflict: one of the client's open requests is held by another agent.
    """
    if supervisor:
        return
    query = select(Request).where(
        Request.client_id == client_id, Request.status.in_(_OPEN),
        Request.claimed_by_id.is_not(None),
        or_(Request.lease_expires_at.is_(None), Request.lease_expires_at >= uow.now))
    if uow.actor_id is not None:
        query = query.where(Request.claimed_by_id != uow.actor_id)
    held = uow.session.execute(
        query.order_by(Request.claimed_at).limit(1)).scalar_one_or_none()
    if held is not None:
        raise held_conflict(uow, held)
