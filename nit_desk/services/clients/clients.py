"""Clients: intake at first contact, the client card, edits, search, history (R1-R7, R12)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import Conflict, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.text import clean_name, clean_text
from nit_desk.domain.types import Network, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.services.audit_chain import canonical_json
from nit_desk.services.clients.card_dto import IntakeForm
from nit_desk.services.clients.checklist import ensure_default_template, latest_template
from nit_desk.services.clients.client_cards import build_card, is_supervisor, load_client
from nit_desk.services.clients.client_search import (
    exact_matches,
    lenient_contacts,
    normalize_contacts,
    prefix_matches,
)
from nit_desk.services.dto import (
    BannedClientMatch,
    ClientCard,
    ClientMatch,
    ContactDTO,
    DuplicateContact,
    IntakeResult,
)
from nit_desk.services.queue.holder import refuse_client_held_elsewhere
from nit_desk.services.queue.work_requests import RequestInput, add_request, check_request_input
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import (
    AuditEntry,
    BanProposal,
    ChecklistItem,
    Client,
    ClientContact,
)
from nit_desk.services.uow import UnitOfWork, read_as

HANDLE_MAX = 100
SYSTEM_INFO_MAX = 4000

__all__ = [
    "BannedClientMatch", "DuplicateContact", "IntakeForm", "client_card", "client_history",
    "find_matches", "intake", "search_clients", "update_client",
]


@dataclass(frozen=True)
class _Intake:
    handle: str
    contacts: list[ContactDTO]
    system_info: str
    request: RequestInput


def intake(db: Database, actor: Actor, form: IntakeForm) -> IntakeResult:
    """Register a first contact: a new client (or a known one) and their request (R1, R7).

    With ``form.existing_client_id`` the request is added to that client: new contacts
    are added, known ones kept, the handle stays, non-empty system information
    replaces the old. A new client's checklist is copied from the current
    template version (R3).

    Raises:
        ValidationError: a bad field, named (``phone``, ``email``, ``messenger.0``,
            ``deadline``, ``system_info``, ``description``, ``visit_address``, ``handle``).
        BannedClientMatch: a contact belongs to a banned client (R12); a supervisor
            may go on with ``form.allow_banned`` and ``form.existing_client_id``.
        DuplicateContact: a contact belongs to another client; pass its id as
            ``form.existing_client_id`` to add the request to that client.
    """
    ensure_default_template(db)
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        data = _check_intake(uow.now, form)
        client = _resolve(uow, data.contacts, form.existing_client_id,
                          allow_banned=form.allow_banned and supervisor)
        if client is None:
            client = _new_client(uow, data)
        else:
            _extend_client(uow, client, data)
        request = add_request(uow, client, data.request)
        card = build_card(uow.session, client, viewer_id=uow.actor_id,
                          viewer_is_supervisor=supervisor)
        uow.commit()
        return IntakeResult(card, request.id)


def _check_intake(now: datetime, form: IntakeForm) -> _Intake:
    contacts = normalize_contacts(form.phone, form.email, form.messengers)
    request = check_request_input(
        now, channel=form.channel, description=form.description, deadline=form.deadline,
        has_specification=form.has_specification, offline_work=form.offline_work,
        onsite_visit=form.onsite_visit, visit_address=form.visit_address)
    return _Intake(_check_handle(form.handle), contacts, _check_system_info(form.system_info),
                   request)


def _check_handle(handle: object) -> str:
    return clean_name(handle if isinstance(handle, str) else "", field="handle",
                      max_length=HANDLE_MAX)


def _check_system_info(system_info: object) -> str:
    return clean_text(system_info if isinstance(system_info, str) else "",
                      field="system_info", max_length=SYSTEM_INFO_MAX)


def _resolve(uow: UnitOfWork, contacts: list[ContactDTO], existing_id: int | None, *,
             allow_banned: bool) -> Client | None:
    """The known client the intake adds to, or None for a new client."""
    matches = exact_matches(uow.session, contacts)
    existing = load_client(uow.session, existing_id, lock=True) if existing_id else None
    banned = [m for m in matches if m.banned]
    if existing is not None and existing.banned and not allow_banned:
        raise _banned_error([existing.id], existing.handle)
    if banned and not (allow_banned and existing is not None
                       and all(m.client_id == existing.id for m in banned)):
        raise _banned_error([m.client_id for m in banned], banned[0].handle)
    others = [m for m in matches if existing is None or m.client_id != existing.id]
    if others:
        raise DuplicateContact(
            QT_TRANSLATE_NOOP("messages", "These contacts belong to the client {handle} "
                              "already: open that client instead."),
            client_ids=tuple(m.client_id for m in others),
            banned=any(m.banned for m in others), handle=others[0].handle)
    return existing


def refuse_contacts_taken(uow: UnitOfWork, client: Client,
                          contacts: list[ContactDTO]) -> None:
    """Intake's duplicate and banned checks for contacts given to a known client (R12, R21).

    Raises:
        BannedClientMatch: the client is banned, or a contact belongs to a banned client.
        DuplicateContact: a contact belongs to another client.
    """
    _resolve(uow, contacts, client.id, allow_banned=False)


def _banned_error(ids: list[int], handle: str) -> BannedClientMatch:
    return BannedClientMatch(
        QT_TRANSLATE_NOOP("messages", "These contacts belong to {handle}, a client banned "
                          "from support."),
        client_ids=tuple(dict.fromkeys(ids)), banned=True, handle=handle)


def _new_client(uow: UnitOfWork, data: _Intake) -> Client:
    template = latest_template(uow.session)
    assert template is not None  # ensure_default_template ran before
    client = Client(handle=data.handle, system_info=data.system_info, created_at=uow.now,
                    created_by_id=uow.actor_id, template_id=template.id, trusted=False,
                    banned=False)
    uow.session.add(client)
    uow.session.flush()
    for step in template.steps:  # the checklist keeps the version it started with (R3)
        uow.session.add(ChecklistItem(client_id=client.id, position=step.position,
                                      code=step.code, title=step.title,
                                      required=step.required, state=StepState.PENDING.value))
    _add_contacts(uow, client, data.contacts, audit=False)
    uow.audit("client.created", "client", client.id, client_id=client.id,
              after={"handle": client.handle, "template_version": template.version,
                     "contacts": len(data.contacts)})
    return client


def _extend_client(uow: UnitOfWork, client: Client, data: _Intake) -> None:
    known = set(uow.session.execute(
        select(ClientContact.kind, ClientContact.value)
        .where(ClientContact.client_id == client.id)).all())
    new = [c for c in data.contacts if (c.kind.value, c.value) not in known]
    _add_contacts(uow, client, new, audit=True)
    if data.system_info and data.system_info != client.system_info:
        uow.audit("client.updated", "client", client.id, client_id=client.id,
                  before={"system_info": client.system_info},
                  after={"system_info": data.system_info})
        client.system_info = data.system_info


def _add_contacts(uow: UnitOfWork, client: Client, contacts: list[ContactDTO], *,
                  audit: bool) -> None:
    for c in contacts:
        uow.session.add(ClientContact(client_id=client.id, kind=c.kind.value,
                                      network=c.network.value if c.network else None,
                                      value=c.value))
    if contacts and audit:
        # Contacts are personal data (R2): the audit says how many, not which.
        uow.audit("client.contacts_added", "client", client.id, client_id=client.id,
                  after={"added": len(contacts)})
    uow.session.flush()


def find_matches(db: Database, actor: Actor, *, phone: str = "", email: str = "",
                 messengers: Sequence[tuple[Network, str]] = ()) -> list[ClientMatch]:
    """Clients holding any of the typed contacts, for as-you-type lookups (invalid ignored)."""
    with read_as(db, actor) as (session, _sup):
        return exact_matches(session, lenient_contacts(phone, email, messengers))


def client_card(db: Database, actor: Actor, client_id: int) -> ClientCard:
    """The client card (R3-R6) as the actor sees it."""
    with read_as(db, actor) as (session, supervisor):
        client = load_client(session, client_id)
        return build_card(session, client, viewer_id=actor.user_id,
                          viewer_is_supervisor=supervisor)


def update_client(db: Database, actor: Actor, client_id: int, expected_version: int, *,
                  handle: str | None = None, system_info: str | None = None) -> ClientCard:
    """Change a client's handle or system information (None leaves a field as it is).

    Raises:
        Conflict: the client changed since ``expected_version`` (says by whom, when).
        ClaimConflict: another agent holds one of the client's open requests (R21).
        ValidationError: a bad handle or system information (R9).
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        client = load_client(uow.session, client_id, lock=True)
        refuse_client_held_elsewhere(uow, client.id, supervisor=supervisor)
        changes: dict[str, str] = {}
        if handle is not None:
            changes["handle"] = _check_handle(handle)
        if system_info is not None:
            changes["system_info"] = _check_system_info(system_info)
        if client.version != expected_version:
            raise _changed_meanwhile(uow, client_id)
        changes = {k: v for k, v in changes.items() if getattr(client, k) != v}
        if changes:
            uow.audit("client.updated", "client", client.id, client_id=client.id,
                      before={k: getattr(client, k) for k in changes}, after=changes)
            for key, value in changes.items():
                setattr(client, key, value)
        card = build_card(uow.session, client, viewer_id=uow.actor_id,
                          viewer_is_supervisor=supervisor)
        uow.commit()
        return card


def _changed_meanwhile(uow: UnitOfWork, client_id: int) -> Conflict:
    last = uow.session.execute(
        select(AuditEntry.actor_name, AuditEntry.at).where(AuditEntry.client_id == client_id)
        .order_by(AuditEntry.seq.desc()).limit(1)).first()
    who, when = (last[0], last[1]) if last else ("?", uow.now)
    return Conflict(QT_TRANSLATE_NOOP(
        "messages", "The client was changed by {user} at {at:%H:%M}; reload and apply your "
        "change again."), field="client", user=who, at=when.astimezone())


def search_clients(db: Database, actor: Actor, text: str, limit: int = 50) -> list[ClientMatch]:
    """Clients whose phone, email or messenger account starts with ``text`` (index ranges)."""
    if not isinstance(text, str) or len(text) > 320:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The search text is too long."),
                              field="search")
    with read_as(db, actor) as (session, _sup):
        return prefix_matches(session, text, max(1, min(limit, 500)))


def client_history(db: Database, actor: Actor, client_id: int,
                   limit: int = 200) -> list[AuditRecord]:
    """The audit entries about one client that the reader may see, newest first (R17, R18).

    A supervisor sees every entry; an agent sees the client's history without
    the supervisor-only entries (see :func:`read_history`).
    """
    with read_as(db, actor) as (session, supervisor):
        load_client(session, client_id)
        return read_history(session, client_id, limit,
                            viewer_id=None if supervisor else actor.user_id)


SUPERVISOR_ONLY_ACTIONS = frozenset({"ban_proposal.approved", "ban_proposal.rejected"})
"""A supervisor's decision on a ban proposal and its reason: an agent sees only the
decisions on proposals they made themselves, as the card shows them (R11)."""
REASON_KEYS = ("reason", "comment")
"""Keys of a ban's entry that hold a supervisor's or another agent's words."""


def read_history(session: Session, client_id: int, limit: int = 200, *,
                 viewer_id: int | None = None) -> list[AuditRecord]:
    """:func:`client_history` of a client already loaded, inside a caller's read.

    Args:
        viewer_id: None for a supervisor (everything); an agent's user id hides the
            ban proposals of other agents (``ban.proposed`` and the supervisor's
            decision with its reason, R11) and the reasons written on a ban.
    """
    query = select(AuditEntry).where(AuditEntry.client_id == client_id)
    if viewer_id is not None:
        own = select(BanProposal.id).where(BanProposal.client_id == client_id,
                                           BanProposal.proposed_by_id == viewer_id)
        query = query.where(or_(AuditEntry.entity != "ban_proposal",
                                AuditEntry.entity_id.in_(own)))
    rows = session.execute(
        query.order_by(AuditEntry.seq.desc()).limit(max(1, min(limit, 5000)))).scalars()
    records = [AuditRecord(e.id, e.seq, e.at, e.actor_name, e.action, e.entity, e.entity_id,
                           e.client_id, e.before, e.after) for e in rows]
    return records if viewer_id is None else [_for_agent(r) for r in records]


def _for_agent(record: AuditRecord) -> AuditRecord:
    """A ban's entry without the words of its reason: the agent sees that, not why."""
    if record.entity != "ban":
        return record
    return replace(record, before=_without_reasons(record.before),
                   after=_without_reasons(record.after))


def _without_reasons(text: str) -> str:
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return text
    return canonical_json({k: v for k, v in data.items() if k not in REASON_KEYS})
