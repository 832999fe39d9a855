"""Loading clients and building the client card, shared by the agent-side services."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import NotFound
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.registration import (
    StepStatus,
    phone_consultation,
    registration_progress,
)
from nit_desk.domain.types import BanProposalStatus, ContactKind, Network, Role, StepState
from nit_desk.services.dto import BanOutcomeDTO, ChecklistItemDTO, ClientCard, ContactDTO
from nit_desk.services.money.payment_status import paid_for_current_work
from nit_desk.services.storage.models import (
    BanProposal,
    ChecklistItem,
    ChecklistTemplate,
    Client,
    ClientContact,
    User,
)


def is_supervisor(user: User | None) -> bool:
    """Whether the row ``UnitOfWork.require`` returned is a supervisor (None: the system)."""
    return user is None or Role(user.role) is Role.SUPERVISOR


def load_client(session: Session, client_id: int, *, lock: bool = False) -> Client:
    """The client row; ``lock`` holds it (FOR UPDATE on PostgreSQL) until commit.

    Raises:
        NotFound: no such client.
    """
    client = session.get(Client, client_id, with_for_update=lock or None)
    if client is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such client."), field="client")
    return client


def user_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """User names by id, for the ids given (None skipped)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {uid: name for uid, name in rows}


def contact_dto(contact: ClientContact) -> ContactDTO:
    """A contact row as a DTO, with its id (for corrections, R21)."""
    return ContactDTO(ContactKind(contact.kind),
                      Network(contact.network) if contact.network else None, contact.value,
                      id=contact.id)


def step_statuses(items: Iterable[ChecklistItem]) -> list[StepStatus]:
    """Checklist rows as the domain's step statuses."""
    return [StepStatus(item.required, StepState(item.state)) for item in items]


def build_card(session: Session, client: Client, *, viewer_id: int | None,
               viewer_is_supervisor: bool) -> ClientCard:
    """Everything the client card shows (R3-R6, R11) for the viewing user.

    Call it inside the unit of work, before commit: it flushes and reads back.
    """
    session.flush()
    items = session.execute(
        select(ChecklistItem).where(ChecklistItem.client_id == client.id)
        .order_by(ChecklistItem.position)).scalars().all()
    contacts = session.execute(
        select(ClientContact).where(ClientContact.client_id == client.id)
        .order_by(ClientContact.id)).scalars().all()
    names = user_names(session, (i.changed_by_id for i in items))
    progress = registration_progress(step_statuses(items))
    phone = phone_consultation(registered=progress.registered, trusted=client.trusted,
                               paid=paid_for_current_work(session, client.id),
                               banned=client.banned)
    template_version = session.execute(
        select(ChecklistTemplate.version).where(ChecklistTemplate.id == client.template_id)
    ).scalar_one()
    return ClientCard(
        id=client.id, handle=client.handle,
        contacts=tuple(contact_dto(c) for c in contacts),
        system_info=client.system_info, registered=progress.registered,
        trusted=client.trusted, banned=client.banned,
        ban_pending=_ban_pending(session, client.id),
        last_ban_outcome=_last_outcome(session, client.id, viewer_id, viewer_is_supervisor),
        checklist=tuple(
            ChecklistItemDTO(i.code, i.title, i.required, StepState(i.state),
                             names.get(i.changed_by_id) if i.changed_by_id else None,
                             i.changed_at)
            for i in items),
        progress=progress, phone_consultation=phone, template_version=template_version,
        version=client.version, registered_at=client.registered_at,
    )


def _ban_pending(session: Session, client_id: int) -> bool:
    return session.execute(
        select(BanProposal.id).where(BanProposal.client_id == client_id,
                                     BanProposal.status == BanProposalStatus.PENDING.value)
        .limit(1)
    ).first() is not None


def _last_outcome(session: Session, client_id: int, viewer_id: int | None,
                  supervisor: bool) -> BanOutcomeDTO | None:
    """The last reviewed proposal: shown to the agent who proposed it, and to supervisors."""
    query = select(BanProposal).where(
        BanProposal.client_id == client_id,
        BanProposal.status != BanProposalStatus.PENDING.value)
    if not supervisor:
        query = query.where(BanProposal.proposed_by_id == viewer_id)
    proposal = session.execute(
        query.order_by(BanProposal.reviewed_at.desc(), BanProposal.id.desc()).limit(1)
    ).scalar_one_or_none()
    if proposal is None:
        return None
    reviewer = user_names(session, [proposal.reviewed_by_id]).get(
        proposal.reviewed_by_id or 0)
    return BanOutcomeDTO(proposal.id, BanProposalStatus(proposal.status),
                         proposal.review_reason, reviewer, proposal.reviewed_at)
