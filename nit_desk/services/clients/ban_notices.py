"""Cheap reads that keep people told about bans: what waits, what was decided (R11).

A supervisor's desk counts the proposals waiting for review when the console is
built and after each change of a proposal; an agent's desk asks which of their
own proposals were decided since they signed in. Each is one small statement,
so a desk may ask after every ``data_changed`` without a cost anyone sees.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from nit_desk.domain.types import BanProposalStatus, Role
from nit_desk.services.actor import Actor
from nit_desk.services.clients.bans import proposal_dtos
from nit_desk.services.dto import DecidedProposals
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import BanProposal
from nit_desk.services.storage.types import utcnow
from nit_desk.services.uow import read_as

DECIDED_MAX = 50
"""At most this many decisions are told at once (newest first)."""


def pending_ban_count(db: Database, actor: Actor) -> int:
    """How many ban proposals wait for a supervisor (supervisors only, R11, R18)."""
    with read_as(db, actor, Role.SUPERVISOR) as (session, _supervisor):
        return int(session.execute(select(func.count(BanProposal.id)).where(
            BanProposal.status == BanProposalStatus.PENDING.value)).scalar_one())


def my_decided_proposals(db: Database, actor: Actor,
                         since: datetime | None) -> DecidedProposals:
    """The actor's own ban proposals approved or rejected after ``since`` (R11).

    Args:
        since: the moment the desk started listening; None reads nothing and only
            says what time it is here (the desk's first call, at sign-in).

    Returns:
        The time of this read and the decisions, newest first.
    """
    now = utcnow()
    with read_as(db, actor) as (session, _supervisor):
        if since is None:
            return DecidedProposals(now, ())
        rows = session.execute(
            select(BanProposal).where(
                BanProposal.proposed_by_id == actor.user_id,
                BanProposal.status != BanProposalStatus.PENDING.value,
                BanProposal.reviewed_at > since)
            .order_by(BanProposal.reviewed_at.desc(), BanProposal.id.desc())
            .limit(DECIDED_MAX)).scalars().all()
        return DecidedProposals(now, tuple(proposal_dtos(session, rows)))
