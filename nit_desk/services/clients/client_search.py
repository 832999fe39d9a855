"""Client contacts: normalising what was typed, exact matches and prefix search (R1, R12).

Contact values are canonical (:mod:`nit_desk.domain.contacts`), so a match is
an equality or a prefix range on ``client_contacts.value``, which its index
serves on both backends; a WhatsApp number matches the same phone number.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Integer, Select, String, bindparam, literal, select, union_all
from sqlalchemy.orm import Session

from nit_desk.domain.contacts import (
    MAX_PHONE_PREFIX,
    contact_text,
    handle_search_prefixes,
    looks_like_email,
    normalize_email,
    normalize_handle,
    normalize_phone,
)
from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import ContactKind, Network
from nit_desk.services.clients.client_cards import contact_dto
from nit_desk.services.dto import ClientMatch, ContactDTO
from nit_desk.services.storage.models import Client, ClientContact

MAX_MESSENGERS = 10
PREFIX_END = "\uffff"
"""Appended to a prefix to make the upper bound of a byte-wise range scan."""


def normalize_contacts(phone: str, email: str,
                       messengers: Sequence[tuple[Network, str]]) -> list[ContactDTO]:
    """The canonical contacts of an intake: a mobile phone, an email, messengers (R1).

    Raises:
        ValidationError: naming ``phone``, ``email``, ``messengers`` or ``messenger.<i>``.
    """
    if not messengers:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Give at least one messenger account (VK, Odnoklassniki, Telegram, "
            "WhatsApp, MAX or Skype)."), field="messengers")
    if len(messengers) > MAX_MESSENGERS:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "At most {n} messenger accounts."), field="messengers",
            n=MAX_MESSENGERS)
    contacts = [ContactDTO(ContactKind.PHONE, None, normalize_phone(_text(phone, "phone"))),
                ContactDTO(ContactKind.EMAIL, None, normalize_email(_text(email, "email")))]
    for i, (network, handle) in enumerate(messengers):
        field = f"messenger.{i}"
        net = _network(network, field)
        value = normalize_handle(net, _text(handle, field), field=field)
        contacts.append(ContactDTO(ContactKind.MESSENGER, net, value))
    return list(dict.fromkeys(contacts))


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The {label} field is empty."),
                              field=field, label=field)
    return value


def _network(network: object, field: str) -> Network:
    try:
        return Network(str(network))
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Choose the messenger network."), field=field) from None


def lenient_contacts(phone: str, email: str,
                     messengers: Sequence[tuple[Network, str]]) -> list[ContactDTO]:
    """Whatever of the typed contacts is valid; the rest is ignored (as-you-type lookups)."""
    found: list[ContactDTO] = []
    attempts: list[tuple[ContactKind, Network | None, str]] = [
        (ContactKind.PHONE, None, phone), (ContactKind.EMAIL, None, email)]
    attempts += [(ContactKind.MESSENGER, n, h) for n, h in messengers]
    for kind, network, text in attempts:
        if not isinstance(text, str) or not text.strip():
            continue
        try:
            found.append(ContactDTO(kind, network, _normalize_one(kind, network, text)))
        except (NitDeskError, ValueError):
            continue
    return found


def _normalize_one(kind: ContactKind, network: Network | None, text: str) -> str:
    if kind is ContactKind.PHONE:
        return normalize_phone(text)
    if kind is ContactKind.EMAIL:
        return normalize_email(text)
    return normalize_handle(Network(str(network)), text)


def exact_matches(session: Session, contacts: Iterable[ContactDTO]) -> list[ClientMatch]:
    """Clients holding any of these contact values (a WhatsApp or MAX number matches a phone)."""
    values = sorted({v for c in contacts for v in _same_number(c.value)})
    if not values:
        return []
    rows = session.execute(
        select(ClientContact).where(ClientContact.value.in_(values))
        .order_by(ClientContact.client_id, ClientContact.id)
    ).scalars().all()
    return _group(session, rows)


def _same_number(value: str) -> tuple[str, ...]:
    """A value and, for a number, its MAX form or its bare E.164 (R12 matches either)."""
    if value.startswith(MAX_PHONE_PREFIX):
        return value, contact_text(value)
    if value.startswith("+"):
        return value, MAX_PHONE_PREFIX + value
    return (value,)


def prefix_matches(session: Session, text: str, limit: int = 50) -> list[ClientMatch]:
    """Clients with a contact starting with what was typed (phone, email or handle).

    Each candidate prefix is one index range scan; never a table scan.
    """
    value = text.strip()
    if not value or limit <= 0:
        return []
    rows: list[ClientContact] = []
    for prefix in _search_prefixes(value):
        rows += session.execute(
            select(ClientContact)
            .where(ClientContact.value >= prefix, ClientContact.value < prefix + PREFIX_END)
            .order_by(ClientContact.value).limit(limit)
        ).scalars().all()
    return _group(session, rows)[:limit]


def prefix_client_ids(session: Session, text: str, limit: int = 50) -> list[int]:
    """The ids of the clients :func:`prefix_matches` finds, in the same order, without
    loading contacts or clients (the queue's search needs only the ids).

    One statement for all the candidate prefixes, built once per prefix count and
    re-bound: the queue searches as the agent types, so building it each time
    would cost more than running it.
    """
    value = text.strip()
    if not value or limit <= 0:
        return []
    prefixes = _search_prefixes(value)
    params: dict[str, object] = {"prefix_limit": int(limit)}
    for i, prefix in enumerate(prefixes):
        params[f"lo{i}"], params[f"hi{i}"] = prefix, prefix + PREFIX_END
    ids: dict[int, None] = {}
    for client_id in session.connection().execute(_prefix_ids_statement(len(prefixes)),
                                                  params).scalars():
        ids.setdefault(client_id)
    return list(ids)[:limit]


def _search_prefixes(value: str) -> tuple[str, ...]:
    """The contact-value prefixes a search text stands for (at most six)."""
    if looks_like_email(value):
        return (value.lower(),)
    return handle_search_prefixes(value)[:6]


@functools.lru_cache(maxsize=8)
def _prefix_ids_statement(count: int) -> Select[Any]:
    """Client ids of contacts in ``count`` prefix ranges, range by range in value order."""
    contacts = ClientContact.__table__.c
    limit = bindparam("prefix_limit", type_=Integer())
    arms = [select(literal(i, Integer()).label("arm"), contacts.client_id, contacts.value)
            .where(contacts.value >= bindparam(f"lo{i}", type_=String()),
                   contacts.value < bindparam(f"hi{i}", type_=String()))
            .order_by(contacts.value).limit(limit).subquery()
            for i in range(count)]
    if count == 1:
        only = arms[0]
        return select(only.c.client_id).order_by(only.c.value)
    merged = union_all(*(select(arm) for arm in arms)).subquery()
    return select(merged.c.client_id).order_by(merged.c.arm, merged.c.value)


def _group(session: Session, rows: Sequence[ClientContact]) -> list[ClientMatch]:
    by_client: dict[int, list[ContactDTO]] = {}
    for row in rows:
        dto = contact_dto(row)
        matched = by_client.setdefault(row.client_id, [])
        if dto not in matched:
            matched.append(dto)
    if not by_client:
        return []
    clients = {c.id: c for c in session.execute(
        select(Client).where(Client.id.in_(by_client))).scalars()}
    return [ClientMatch(cid, clients[cid].handle, clients[cid].banned, tuple(matched))
            for cid, matched in by_client.items()]
