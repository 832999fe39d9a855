"""Bans: agents propose, supervisors decide; a ban closes the client's open work (R10-R12).

Approving is one transaction: the ban, the client's flags, every open request
cancelled by ban, every advance on them recorded as forfeited, the proposal's
verdict and the audit entries are all written, or none is.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.text import clean_text
from nit_desk.domain.types import (
    OPEN_STATUSES,
    BanProposalStatus,
    Network,
    PaymentKind,
    RequestStatus,
    Role,
)
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import load_client, user_names
from nit_desk.services.clients.client_search import exact_matches, lenient_contacts
from nit_desk.services.dto import BanDTO, BannedClient, BanProposalDTO, ClientMatch
from nit_desk.services.queue.work_timer import stop_timer
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import (
    Ban,
    BanProposal,
    ChecklistItem,
    Client,
    Payment,
    Request,
    SensitiveAction,
)
from nit_desk.services.uow import UnitOfWork, read_as

SENSITIVE_PREFIX = "sensitive:"
TEXT_MAX = 4000
MAX_REFUSED = 50


def propose_ban(db: Database, actor: Actor, client_id: int, refused_steps: Sequence[str],
                comment: str) -> BanProposalDTO:
    """An agent proposes to ban a client, naming the refused steps (R10, R11).

    Args:
        refused_steps: step codes of the client's checklist, or ``sensitive:<id>``
            for a refused sensitive action (R8); at least one.

    Raises:
        ValidationError: no or unknown refused step (``refused_steps``), no comment or
            a secret in it (``comment``).
        Conflict: the client is banned already or has a pending proposal.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require()
        text = clean_text(_str(comment), field="comment", max_length=TEXT_MAX, required=True)
        client = load_client(uow.session, client_id, lock=True)
        steps = _check_refused(uow.session, client.id, refused_steps)
        if client.banned:
            raise Conflict(QT_TRANSLATE_NOOP("messages", "{handle} is banned already."),
                           field="client", handle=client.handle)
        if _pending(uow.session, client.id) is not None:
            raise Conflict(QT_TRANSLATE_NOOP(
                "messages", "A ban of {handle} is already waiting for a supervisor."),
                field="client", handle=client.handle)
        proposal = BanProposal(client_id=client.id, refused_steps=",".join(steps),
                               comment=text, status=BanProposalStatus.PENDING.value,
                               proposed_by_id=uow.actor_id, proposed_at=uow.now)
        uow.session.add(proposal)
        uow.session.flush()
        uow.audit("ban.proposed", "ban_proposal", proposal.id, client_id=client.id,
                  after={"refused_steps": list(steps), "comment": text})
        dto = _proposal_dto(uow.session, proposal)
        uow.commit()
        return dto


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _check_refused(session: Session, client_id: int, refused: Sequence[str]) -> list[str]:
    field = "refused_steps"
    if isinstance(refused, str) or not refused or len(refused) > MAX_REFUSED:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Name the step or steps the client refused."), field=field)
    codes = set(session.execute(select(ChecklistItem.code).where(
        ChecklistItem.client_id == client_id)).scalars())
    steps: list[str] = []
    for item in refused:
        step = item.strip() if isinstance(item, str) else ""
        if not (step in codes or _refused_sensitive(session, client_id, step)):
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "The client's checklist has no step {code}."),
                field=field, code=step[:64])
        if step not in steps:
            steps.append(step)
    return steps


def _refused_sensitive(session: Session, client_id: int, step: str) -> bool:
    """``sensitive:<id>`` names a sensitive action of this client that they refused (R8)."""
    number = step.removeprefix(SENSITIVE_PREFIX)
    if not step.startswith(SENSITIVE_PREFIX) or not number.isascii() or not number.isdigit():
        return False
    row = session.get(SensitiveAction, int(number[:18]))
    return row is not None and row.client_id == client_id and not row.client_agreed


def _pending(session: Session, client_id: int) -> BanProposal | None:
    return session.execute(select(BanProposal).where(
        BanProposal.client_id == client_id,
        BanProposal.status == BanProposalStatus.PENDING.value).limit(1)).scalar_one_or_none()


def pending_proposals(db: Database, actor: Actor) -> list[BanProposalDTO]:
    """Proposals waiting for review, oldest first (supervisors only, R11)."""
    with read_as(db, actor, Role.SUPERVISOR) as (session, _sup):
        rows = session.execute(select(BanProposal).where(
            BanProposal.status == BanProposalStatus.PENDING.value)
            .order_by(BanProposal.proposed_at, BanProposal.id)).scalars().all()
        return [_proposal_dto(session, p) for p in rows]


def client_proposals(db: Database, actor: Actor, client_id: int) -> list[BanProposalDTO]:
    """The ban proposals about one client the reader may see, newest first (R11, R18).

    A supervisor sees every proposal; an agent only the ones they made, with
    the supervisor's decision and reason, as the card shows them. Other agents'
    proposals and their review reasons stay with the supervisors.
    """
    with read_as(db, actor) as (session, supervisor):
        load_client(session, client_id)
        query = select(BanProposal).where(BanProposal.client_id == client_id)
        if not supervisor:
            query = query.where(BanProposal.proposed_by_id == actor.user_id)
        rows = session.execute(query.order_by(BanProposal.id.desc())).scalars().all()
        return [_proposal_dto(session, p) for p in rows]


def approve_ban(db: Database, actor: Actor, proposal_id: int, reason: str = "") -> BanDTO:
    """Ban the client: open requests cancelled by ban, advances forfeited (R11, R12).

    Raises:
        PermissionDenied: the actor is not a supervisor.
        Conflict: the proposal was decided already, or the client is banned.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        why = clean_text(_str(reason), field="reason", max_length=TEXT_MAX)
        proposal = _load_pending(uow.session, proposal_id)
        client = load_client(uow.session, proposal.client_id, lock=True)
        if client.banned:
            raise Conflict(QT_TRANSLATE_NOOP("messages", "{handle} is banned already."),
                           field="client", handle=client.handle)
        ban = Ban(client_id=client.id, proposal_id=proposal.id, reason=why or proposal.comment,
                  banned_by_id=uow.actor_id, banned_at=uow.now)
        uow.session.add(ban)
        uow.session.flush()
        uow.audit("ban.approved", "ban", ban.id, client_id=client.id,
                  before={"banned": False, "trusted": client.trusted},
                  after={"banned": True, "trusted": False, "proposal_id": proposal.id,
                         "reason": ban.reason})
        client.banned, client.trusted = True, False
        cancelled, forfeited = _cancel_open_work(uow, client.id, ban.id)
        _decide(uow, proposal, BanProposalStatus.APPROVED, why)
        dto = _ban_dto(uow.session, ban, tuple(cancelled), forfeited)
        uow.commit()
        return dto


def _load_pending(session: Session, proposal_id: int) -> BanProposal:
    proposal = session.get(BanProposal, proposal_id, with_for_update=True)
    if proposal is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such ban proposal."), field="proposal")
    if proposal.status != BanProposalStatus.PENDING.value:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "This proposal was {status} already."), field="proposal",
            status=proposal.status)
    return proposal


def _cancel_open_work(uow: UnitOfWork, client_id: int, ban_id: int) -> tuple[list[int], int]:
    """Close every open request as cancelled by ban; record its advance as forfeited (R12)."""
    requests = uow.session.execute(
        select(Request).where(Request.client_id == client_id,
                              Request.status.in_([s.value for s in OPEN_STATUSES]))
        .order_by(Request.id).with_for_update()).scalars().all()
    total = 0
    for request in requests:
        before = request.status
        request.status = RequestStatus.CANCELLED_BY_BAN.value
        request.closed_at = uow.now
        stop_timer(request, uow.now)  # R22: no work is done after a ban
        request.claimed_by_id = request.claimed_at = request.lease_expires_at = None
        uow.audit("request.cancelled_by_ban", "request", request.id, client_id=client_id,
                  before={"status": before}, after={"status": request.status, "ban_id": ban_id})
        total += _forfeit_advance(uow, request, ban_id)
    return [r.id for r in requests], total


def _forfeit_advance(uow: UnitOfWork, request: Request, ban_id: int) -> int:
    """Record the advance paid on ``request`` as forfeited; return the amount in kopecks."""
    paid = int(uow.session.execute(
        select(func.coalesce(func.sum(Payment.amount_kopecks), 0)).where(
            Payment.request_id == request.id, Payment.kind == PaymentKind.ADVANCE.value,
            Payment.voided_at.is_(None))
    ).scalar_one())
    if paid <= 0:
        return 0
    payment = Payment(request_id=request.id, kind=PaymentKind.FORFEITED.value,
                      amount_kopecks=paid, paid_on=uow.now.date(), method_label="",
                      reference=f"ban {ban_id}", recorded_by_id=uow.actor_id,
                      recorded_at=uow.now)
    uow.session.add(payment)
    uow.session.flush()
    uow.audit("payment.forfeited", "payment", payment.id, client_id=request.client_id,
              after={"request_id": request.id, "amount_kopecks": paid, "ban_id": ban_id})
    return paid


def _decide(uow: UnitOfWork, proposal: BanProposal, status: BanProposalStatus,
            reason: str) -> None:
    proposal.status = status.value
    proposal.reviewed_by_id, proposal.reviewed_at = uow.actor_id, uow.now
    proposal.review_reason = reason
    uow.audit(f"ban_proposal.{status.value}", "ban_proposal", proposal.id,
              client_id=proposal.client_id, before={"status": BanProposalStatus.PENDING.value},
              after={"status": status.value, "reason": reason})


def reject_ban(db: Database, actor: Actor, proposal_id: int, reason: str) -> BanProposalDTO:
    """Reject a proposal with a reason; the client goes back to normal work (R11).

    Raises:
        PermissionDenied: the actor is not a supervisor.
        ValidationError: no reason (field ``reason``).
        Conflict: decided already.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        why = clean_text(_str(reason), field="reason", max_length=TEXT_MAX, required=True)
        proposal = _load_pending(uow.session, proposal_id)
        _decide(uow, proposal, BanProposalStatus.REJECTED, why)
        dto = _proposal_dto(uow.session, proposal)
        uow.commit()
        return dto


def lift_ban(db: Database, actor: Actor, client_id: int, reason: str) -> BanDTO:
    """Lift the ban in force (supervisors only, R11); cancelled requests stay cancelled.

    Raises:
        PermissionDenied: the actor is not a supervisor.
        ValidationError: no reason (field ``reason``).
        Conflict: the client is not banned.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        why = clean_text(_str(reason), field="reason", max_length=TEXT_MAX, required=True)
        client = load_client(uow.session, client_id, lock=True)
        ban = _ban_in_force(uow.session, client)
        ban.lifted_by_id, ban.lifted_at, ban.lift_reason = uow.actor_id, uow.now, why
        client.banned = False
        uow.audit("ban.lifted", "ban", ban.id, client_id=client.id,
                  before={"banned": True}, after={"banned": False, "reason": why})
        dto = _ban_dto(uow.session, ban, (), 0)
        uow.commit()
        return dto


def _ban_in_force(session: Session, client: Client) -> Ban:
    ban = session.execute(select(Ban).where(Ban.client_id == client.id,
                                            Ban.lifted_at.is_(None))
                          .order_by(Ban.id.desc()).limit(1)).scalar_one_or_none()
    if not client.banned or ban is None:
        raise Conflict(QT_TRANSLATE_NOOP("messages", "{handle} is not banned."),
                       field="client", handle=client.handle)
    return ban


def bans_in_force(db: Database, actor: Actor, limit: int = 500) -> list[BannedClient]:
    """Clients banned now, newest ban first (supervisors only, R11)."""
    with read_as(db, actor, Role.SUPERVISOR) as (session, _sup):
        rows = session.execute(
            select(Ban, Client.handle).join(Client, Client.id == Ban.client_id)
            .where(Ban.lifted_at.is_(None), Client.banned.is_(True))
            .order_by(Ban.banned_at.desc(), Ban.id.desc()).limit(max(1, min(limit, 5000)))
        ).all()
        return [BannedClient(ban.client_id, handle, _ban_dto(session, ban, (), 0))
                for ban, handle in rows]


def banned_match(db: Database, actor: Actor, *, phone: str = "", email: str = "",
                 messengers: Sequence[tuple[Network, str]] = ()) -> list[ClientMatch]:
    """Banned clients holding any of the typed contacts: the intake's R12 flag."""
    with read_as(db, actor) as (session, _sup):
        matches = exact_matches(session, lenient_contacts(phone, email, messengers))
        return [m for m in matches if m.banned]


def proposal_dtos(session: Session, rows: Sequence[BanProposal]) -> list[BanProposalDTO]:
    """Proposals as DTOs (for the other ban reads of this package)."""
    return [_proposal_dto(session, p) for p in rows]


def _proposal_dto(session: Session, p: BanProposal) -> BanProposalDTO:
    client = session.get(Client, p.client_id)
    names = user_names(session, [p.proposed_by_id, p.reviewed_by_id])
    return BanProposalDTO(
        p.id, p.client_id, client.handle if client else "",
        tuple(s for s in p.refused_steps.split(",") if s), p.comment,
        BanProposalStatus(p.status), names.get(p.proposed_by_id, "?"), p.proposed_at,
        names.get(p.reviewed_by_id) if p.reviewed_by_id else None, p.reviewed_at,
        p.review_reason)


def _ban_dto(session: Session, ban: Ban, cancelled: tuple[int, ...], forfeited: int) -> BanDTO:
    names = user_names(session, [ban.banned_by_id, ban.lifted_by_id])
    return BanDTO(ban.id, ban.client_id, ban.proposal_id, ban.reason,
                  names.get(ban.banned_by_id, "?"), ban.banned_at,
                  names.get(ban.lifted_by_id) if ban.lifted_by_id else None, ban.lifted_at,
                  ban.lift_reason, cancelled, forfeited)
