"""Corrections, never deletions (R21): contacts, a re-agreed deadline, a description.

Each correction is one unit of work with one audit entry holding the before
and the after (R17). Contacts go through exactly the checks of the intake
(:mod:`nit_desk.domain.contacts` for the value, the intake's duplicate and
banned-client checks in :func:`nit_desk.services.clients.clients.refuse_contacts_taken`).
Contact values are personal data (R2): the append-only audit keeps them
masked (``+79…89``), enough to tell which contact changed, never a second copy
of the client's contacts that could not be erased. Who may correct: the
holder rule of :mod:`nit_desk.services.queue.holder` (an agent is refused on a
request, or a client, that another agent holds; supervisors pass). A banned
client's contacts are not changed by anyone: intake matches on them (R12).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from nit_desk.domain.contacts import normalize_email, normalize_handle, normalize_phone
from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.text import clean_text, field_error
from nit_desk.domain.types import OPEN_STATUSES, ContactKind, Network, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import build_card, is_supervisor, load_client
from nit_desk.services.clients.clients import refuse_contacts_taken
from nit_desk.services.dto import ClientCard, ContactDTO, RequestDTO
from nit_desk.services.queue.holder import (
    closed_conflict,
    refuse_client_held_elsewhere,
    refuse_unless_free_for,
)
from nit_desk.services.queue.work_requests import (
    DESCRIPTION_MAX,
    check_deadline,
    load_request,
    request_dto,
)
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, ClientContact, Request
from nit_desk.services.uow import UnitOfWork

REASON_MAX = 500

_DUPLICATE_OWN = QT_TRANSLATE_NOOP("messages", "The client has this contact already.")
_LAST_OF_KIND = {
    ContactKind.PHONE: QT_TRANSLATE_NOOP(
        "messages", "This is the client's only phone number, and a client keeps one: "
        "fix it instead of removing it."),
    ContactKind.EMAIL: QT_TRANSLATE_NOOP(
        "messages", "This is the client's only email address, and a client keeps one: "
        "fix it instead of removing it."),
    ContactKind.MESSENGER: QT_TRANSLATE_NOOP(
        "messages", "This is the client's only messenger account, and a client keeps one: "
        "fix it instead of removing it."),
}


# --- contacts ---------------------------------------------------------------

def fix_contact(db: Database, actor: Actor, client_id: int, contact_id: int,
                value: str) -> ClientCard:
    """Put a wrong contact right: same kind and network, a new value (R1, R21).

    Raises:
        ValidationError: a bad value (field ``value``), as at intake.
        DuplicateContact / BannedClientMatch: the value belongs to another client,
            or to a banned one (R12), exactly as at intake.
        Conflict: the client is banned, or has this contact already.
        ClaimConflict: another agent holds one of the client's open requests.
        NotFound: no such client, or the contact is not the client's.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        client = _client_for_contacts(uow, client_id, supervisor=supervisor)
        contact = _contact(uow, client, contact_id)
        kind = ContactKind(contact.kind)
        network = Network(contact.network) if contact.network else None
        new = ContactDTO(kind, network, _normalized(kind, network, value))
        if new.value != contact.value:
            _refuse_taken(uow, client, new, except_id=contact.id)
            before = _audited(contact)
            contact.value = new.value
            _flush(uow)
            uow.audit("client.contact_fixed", "client", client.id, client_id=client.id,
                      before=before, after=_audited(contact))
        return _card_and_commit(uow, client, supervisor)


def add_contact(db: Database, actor: Actor, client_id: int, kind: ContactKind, value: str,
                network: Network | None = None) -> ClientCard:
    """Give a known client one more contact, checked as at intake (R1, R12, R21).

    Raises:
        ValidationError: a bad kind (``kind``), network (``network``) or value (``value``).
        DuplicateContact / BannedClientMatch: as at intake.
        Conflict: the client is banned, or has this contact already.
        ClaimConflict: another agent holds one of the client's open requests.
        NotFound: no such client.
    """
    checked_kind = _check_kind(kind)
    checked_network = _check_network(network) if checked_kind is ContactKind.MESSENGER else None
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        new = ContactDTO(checked_kind, checked_network,
                         _normalized(checked_kind, checked_network, value))
        client = _client_for_contacts(uow, client_id, supervisor=supervisor)
        _refuse_taken(uow, client, new, except_id=None)
        contact = ClientContact(client_id=client.id, kind=new.kind.value,
                                network=new.network.value if new.network else None,
                                value=new.value)
        uow.session.add(contact)
        _flush(uow)
        uow.audit("client.contact_added", "client", client.id, client_id=client.id,
                  after=_audited(contact))
        return _card_and_commit(uow, client, supervisor)


def remove_contact(db: Database, actor: Actor, client_id: int, contact_id: int) -> ClientCard:
    """Remove a contact the client no longer uses; the audit keeps the record (R21).

    Raises:
        ValidationError: it is the client's last phone, email or messenger
            account (R1 needs one of each): fix it instead (field ``contact``).
        Conflict: the client is banned.
        ClaimConflict: another agent holds one of the client's open requests.
        NotFound: no such client, or the contact is not the client's.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        client = _client_for_contacts(uow, client_id, supervisor=supervisor)
        contact = _contact(uow, client, contact_id)
        _refuse_last_of_kind(uow, client, contact)
        before = _audited(contact)
        uow.session.delete(contact)
        _flush(uow)
        uow.audit("client.contact_removed", "client", client.id, client_id=client.id,
                  before=before)
        return _card_and_commit(uow, client, supervisor)


def _client_for_contacts(uow: UnitOfWork, client_id: int, *, supervisor: bool) -> Client:
    """The client, locked; refused when banned (R12) or held by another agent."""
    client = load_client(uow.session, client_id, lock=True)
    if client.banned:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "The client {handle} is banned: their contacts stay as they are, "
            "so that intake still recognises them."), field="client", handle=client.handle)
    refuse_client_held_elsewhere(uow, client.id, supervisor=supervisor)
    return client


def _contact(uow: UnitOfWork, client: Client, contact_id: int) -> ClientContact:
    contact = uow.session.get(ClientContact, contact_id)
    if contact is None or contact.client_id != client.id:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "The client has no such contact."),
                       field="contact")
    return contact


def _check_kind(kind: object) -> ContactKind:
    try:
        return ContactKind(str(kind))
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Choose a phone, an email or a messenger account."),
            field="kind") from None


def _check_network(network: object) -> Network:
    try:
        return Network(str(network))
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Choose the messenger network."), field="network") from None


def _normalized(kind: ContactKind, network: Network | None, value: object) -> str:
    """The canonical value, by the intake's own rules (R1); errors name ``value``."""
    text = value if isinstance(value, str) else ""
    if kind is ContactKind.PHONE:
        return normalize_phone(text, field="value")
    if kind is ContactKind.EMAIL:
        return normalize_email(text, field="value")
    assert network is not None
    return normalize_handle(network, text, field="value")


def _refuse_taken(uow: UnitOfWork, client: Client, new: ContactDTO, *,
                  except_id: int | None) -> None:
    """Intake's duplicate and banned checks, then this client's own contacts."""
    refuse_contacts_taken(uow, client, [new])
    query = select(ClientContact.id).where(ClientContact.client_id == client.id,
                                           ClientContact.kind == new.kind.value,
                                           ClientContact.value == new.value)
    if except_id is not None:
        query = query.where(ClientContact.id != except_id)
    if uow.session.execute(query.limit(1)).first() is not None:
        raise Conflict(_DUPLICATE_OWN, field="value")


def _refuse_last_of_kind(uow: UnitOfWork, client: Client, contact: ClientContact) -> None:
    same_kind = uow.session.execute(
        select(func.count()).select_from(ClientContact)
        .where(ClientContact.client_id == client.id, ClientContact.kind == contact.kind)
    ).scalar_one()
    if same_kind <= 1:
        raise ValidationError(_LAST_OF_KIND[ContactKind(contact.kind)], field="contact")


def _flush(uow: UnitOfWork) -> None:
    """Write the contact now, so a duplicate that slipped in meanwhile is a clean refusal."""
    try:
        uow.session.flush()
    except IntegrityError as exc:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "This contact was just given to another client; reload the card."),
            field="value") from exc


def _audited(contact: ClientContact) -> dict[str, object]:
    """What the audit keeps of a contact: kind, network and a masked value (R2)."""
    return {"contact_id": contact.id, "kind": contact.kind, "network": contact.network,
            "value": mask_contact(contact.value)}


def mask_contact(value: str) -> str:
    """A contact value masked for the audit: ``+79…89``, ``pc…@example.ru``, ``@pc…sk``."""
    local, at, domain = value.partition("@")
    if at and local:
        return f"{local[:2]}…@{domain}"
    return f"{value[:3]}…{value[-2:]}" if len(value) > 6 else value[:1] + "…"


def _card_and_commit(uow: UnitOfWork, client: Client, supervisor: bool) -> ClientCard:
    card = build_card(uow.session, client, viewer_id=uow.actor_id,
                      viewer_is_supervisor=supervisor)
    uow.commit()
    return card


# --- the request: deadline and description ----------------------------------

def reagree_deadline(db: Database, actor: Actor, request_id: int, deadline: datetime,
                     reason: str) -> RequestDTO:
    """Move an open request's deadline as agreed again with the client (R7, R21).

    Raises:
        ValidationError: the deadline is not in the future (``deadline``) or the
            reason is missing, multi-line or holds a secret (``reason``, R9, R23).
        Conflict: the request is closed.
        ClaimConflict: another agent holds the request.
        NotFound: no such request.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        new = check_deadline(uow.now, deadline)
        why = one_line_reason(reason)
        request = _request_for_change(uow, request_id, supervisor=supervisor, closed_ok=False)
        if new != request.deadline:
            before = request.deadline.isoformat()
            request.deadline = new
            uow.audit("request.deadline_changed", "request", request.id,
                      client_id=request.client_id, before={"deadline": before},
                      after={"deadline": new.isoformat(), "reason": why})
        dto = request_dto(uow.session, request)
        uow.commit()
        return dto


def edit_description(db: Database, actor: Actor, request_id: int,
                     description: str) -> RequestDTO:
    """Correct what the request is about (R9, R21, R23).

    Open requests only; a supervisor may also correct a closed one.

    Raises:
        ValidationError: empty, too long, or holding a secret or identity (``description``).
        Conflict: an agent on a closed request.
        ClaimConflict: another agent holds the request.
        NotFound: no such request.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        text = clean_text(description if isinstance(description, str) else "",
                          field="description", max_length=DESCRIPTION_MAX, required=True)
        request = _request_for_change(uow, request_id, supervisor=supervisor,
                                      closed_ok=supervisor)
        if text != request.description:
            uow.audit("request.description_changed", "request", request.id,
                      client_id=request.client_id, before={"description": request.description},
                      after={"description": text})
            request.description = text
        dto = request_dto(uow.session, request)
        uow.commit()
        return dto


def one_line_reason(text: object, *, field: str = "reason", max_length: int = REASON_MAX) -> str:
    """A required one-line reason, checked for secrets and identities (R9, R23).

    Raises:
        ValidationError: naming ``field``.
    """
    cleaned = clean_text(text if isinstance(text, str) else "", field=field,
                         max_length=max_length, required=True)
    if "\n" in cleaned:
        raise field_error(QT_TRANSLATE_NOOP(
            "messages", "The {label} must be a single line, without line breaks."), field=field)
    return cleaned


def _request_for_change(uow: UnitOfWork, request_id: int, *, supervisor: bool,
                        closed_ok: bool) -> Request:
    request = load_request(uow.session, request_id, lock=True)
    if not closed_ok and RequestStatus(request.status) not in OPEN_STATUSES:
        raise closed_conflict(request)
    refuse_unless_free_for(uow, request, supervisor=supervisor)
    return request
