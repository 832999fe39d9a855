"""The ban review tab's reads: its lists and the evidence about a client, one call each.

The tab used to open with two worker calls in a row (the lists, then the
evidence of the proposal it selected), each made of several services. Here
the same public services run in one worker call, so a supervisor's click
costs one round trip. Each service still checks the role itself (R18).
"""

from __future__ import annotations

from sqlalchemy import func, select

from nit_desk.domain.types import OPEN_STATUSES, PaymentKind, Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin.console_dto import BanEffect, BanEvidence, BanReviewView
from nit_desk.services.clients import bans, checklist, clients, sensitive
from nit_desk.services.dto import BannedClient, BanProposalDTO
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Payment, Request
from nit_desk.services.uow import read_as


def ban_review(db: Database, actor: Actor, *, with_templates: bool = False,
               keep_proposal_id: int | None = None,
               keep_client_id: int | None = None) -> BanReviewView:
    """Pending proposals, bans in force and the evidence of the client the tab will show.

    The tab keeps its selection over a reload, so the evidence is about the
    proposal ``keep_proposal_id`` if it is still pending, else the banned client
    ``keep_client_id`` if still banned, else the oldest pending proposal.

    Args:
        with_templates: also read every checklist template version (the names of
            refused steps; the tab reads them once).

    Raises:
        PermissionDenied: the actor is no active supervisor (R11, R18).
    """
    proposals = tuple(bans.pending_proposals(db, actor))
    banned = tuple(bans.bans_in_force(db, actor))
    templates = tuple(checklist.list_template_versions(db, actor)) if with_templates else ()
    client_id = shown_client(proposals, banned, keep_proposal_id, keep_client_id)
    evidence = None if client_id is None else ban_evidence(db, actor, client_id)
    return BanReviewView(proposals, banned, templates, evidence)


def shown_client(proposals: tuple[BanProposalDTO, ...], banned: tuple[BannedClient, ...],
                 keep_proposal_id: int | None, keep_client_id: int | None) -> int | None:
    """The client whose evidence the tab shows after a reload (None: nobody)."""
    for proposal in proposals:
        if proposal.id == keep_proposal_id:
            return proposal.client_id
    if any(b.client_id == keep_client_id for b in banned):
        return keep_client_id
    return proposals[0].client_id if proposals else None


def ban_evidence(db: Database, actor: Actor, client_id: int) -> BanEvidence:
    """The client's card (checklist with who and when), R8 records and history (R17)."""
    return BanEvidence(clients.client_card(db, actor, client_id),
                       tuple(sensitive.list_sensitive_actions(db, actor, client_id)),
                       tuple(clients.client_history(db, actor, client_id)))


def ban_effect(db: Database, actor: Actor, client_id: int) -> BanEffect:
    """How many open requests a ban would cancel and how much advance it would forfeit.

    The same reading as :func:`nit_desk.services.clients.bans.approve_ban` applies
    (R12): open requests, their advances not voided. Supervisors only (R18).
    """
    open_values = [status.value for status in OPEN_STATUSES]
    with read_as(db, actor, Role.SUPERVISOR) as (session, _supervisor):
        count = session.execute(select(func.count(Request.id)).where(
            Request.client_id == client_id, Request.status.in_(open_values))).scalar_one()
        paid = session.execute(
            select(func.coalesce(func.sum(Payment.amount_kopecks), 0))
            .join(Request, Request.id == Payment.request_id)
            .where(Request.client_id == client_id, Request.status.in_(open_values),
                   Payment.kind == PaymentKind.ADVANCE.value, Payment.voided_at.is_(None))
        ).scalar_one()
    return BanEffect(int(count), int(paid))
