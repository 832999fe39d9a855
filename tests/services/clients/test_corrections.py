"""Corrections, never deletions (R21): contacts, deadline, description, system information.

Every allowed correction writes exactly one audit entry with its before and
after (R17); every refusal writes nothing (row counts, audit included) and
names the field; an agent is refused while another agent holds the request
or the client, a supervisor passes (the holder rule).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from nit_desk.domain.errors import Conflict, NitDeskError, NotFound, ValidationError
from nit_desk.domain.types import ContactKind, Network
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, clients, corrections
from nit_desk.services.dto import BannedClientMatch, ClaimConflict, ClientCard, DuplicateContact
from nit_desk.services.queue import queue, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import new_client, row_counts, tomorrow

CARD = "4111 1111 1111 1111"


def _audit(db: Database) -> list[tuple[str, str, str]]:
    """Every audit entry as (action, before, after), oldest first."""
    with db.read_session() as s:
        return [(a, b, c) for a, b, c in s.execute(
            select(AuditEntry.action, AuditEntry.before, AuditEntry.after)
            .order_by(AuditEntry.seq))]


def _contact(card: ClientCard, kind: ContactKind) -> int:
    found = next(c for c in card.contacts if c.kind is kind)
    assert found.id is not None
    return found.id


def _one_new_entry(db: Database, before: int, action: str) -> dict[str, Any]:
    """The single audit entry written since ``before`` entries: its action, before, after."""
    entries = _audit(db)
    assert len(entries) == before + 1
    got, before_json, after_json = entries[-1]
    assert got == action
    return {"before": json.loads(before_json) if before_json else None,
            "after": json.loads(after_json) if after_json else None}


def _refused(db: Database, call: Callable[[], object], error: type[NitDeskError],
             field: str | None) -> NitDeskError:
    """``call`` raises ``error`` naming ``field`` and writes nothing at all."""
    counts = row_counts(db)
    with pytest.raises(error) as err:
        call()
    assert err.value.field == field, err.value.message
    assert row_counts(db) == counts
    return err.value


# --- contacts -------------------------------------------------------------

def test_r21_card_contacts_carry_their_ids(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    assert all(c.id is not None for c in card.contacts)
    assert len({c.id for c in card.contacts}) == len(card.contacts)


def test_r21_fix_contact_writes_one_masked_before_after(db: Database, agent: Actor) -> None:
    card = new_client(db, agent, 11).client
    phone_id = _contact(card, ContactKind.PHONE)
    count = len(_audit(db))
    fixed = corrections.fix_contact(db, agent, card.id, phone_id, "8 912 999-00-11")
    assert "+79129990011" in {c.value for c in fixed.contacts}
    assert "+79123450011" not in {c.value for c in fixed.contacts}
    assert next(c.id for c in fixed.contacts if c.kind is ContactKind.PHONE) == phone_id
    entry = _one_new_entry(db, count, "client.contact_fixed")
    assert entry["before"]["value"] == "+79…11" and entry["after"]["value"] == "+79…11"
    assert entry["before"]["contact_id"] == entry["after"]["contact_id"] == phone_id
    assert entry["before"]["kind"] == "phone"
    assert "+79129990011" not in json.dumps(entry)  # R2: no second copy in the audit


@pytest.mark.parametrize(("kind", "network", "value"), [
    (ContactKind.PHONE, None, "12345"),
    (ContactKind.EMAIL, None, "ivan@"),
    (ContactKind.MESSENGER, Network.TELEGRAM, "@a"),
])
def test_r1_fix_contact_refuses_bad_values_per_kind(db: Database, agent: Actor,
                                                    kind: ContactKind, network: Network | None,
                                                    value: str) -> None:
    card = new_client(db, agent).client
    contact_id = _contact(card, kind)
    _refused(db, lambda: corrections.fix_contact(db, agent, card.id, contact_id, value),
             ValidationError, "value")
    _refused(db, lambda: corrections.add_contact(db, agent, card.id, kind, value, network),
             ValidationError, "value")


def test_r21_add_contact_checks_kind_and_network(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    _refused(db, lambda: corrections.add_contact(db, agent, card.id, "fax", "123"),  # type: ignore[arg-type]
             ValidationError, "kind")
    _refused(db, lambda: corrections.add_contact(db, agent, card.id, ContactKind.MESSENGER,
                                                 "@pc_slow_msk", None),
             ValidationError, "network")


def test_r12_fix_and_add_refuse_another_clients_contact_like_intake(db: Database,
                                                                   agent: Actor) -> None:
    other = new_client(db, agent, 21).client
    card = new_client(db, agent, 22).client
    email_id = _contact(card, ContactKind.EMAIL)
    err = _refused(db, lambda: corrections.fix_contact(db, agent, card.id, email_id,
                                                       "Client21@Example.ru"),
                   DuplicateContact, "contacts")
    assert isinstance(err, DuplicateContact) and err.client_ids == (other.id,)
    # a WhatsApp number is the same person as that phone (as at intake)
    err = _refused(db, lambda: corrections.add_contact(
        db, agent, card.id, ContactKind.MESSENGER, "+7 912 345-00-21", Network.WHATSAPP),
        DuplicateContact, "contacts")
    assert isinstance(err, DuplicateContact) and err.client_ids == (other.id,)


def test_r21_own_duplicate_is_a_clean_refusal_not_an_integrity_error(db: Database,
                                                                      agent: Actor) -> None:
    card = new_client(db, agent, 23, messengers=[(Network.TELEGRAM, "@client_23"),
                                                 (Network.VK, "vk.com/client_23")]).client
    tg = next(c for c in card.contacts if c.network is Network.TELEGRAM)
    assert tg.id is not None
    _refused(db, lambda: corrections.add_contact(db, agent, card.id, ContactKind.MESSENGER,
                                                 "t.me/client_23", Network.TELEGRAM),
             Conflict, "value")
    vk = next(c for c in card.contacts if c.network is Network.VK)
    assert vk.id is not None
    fixed = corrections.fix_contact(db, agent, card.id, vk.id, "vk.com/id52011")
    assert "vk.com/id52011" in {c.value for c in fixed.contacts}


def test_r12_contact_matching_a_banned_client_is_refused(db: Database, agent: Actor,
                                                         supervisor: Actor) -> None:
    banned = new_client(db, agent, 31).client
    proposal = bans.propose_ban(db, agent, banned.id, ["browser_check"], "refused the check")
    bans.approve_ban(db, supervisor, proposal.id, "confirmed")
    card = new_client(db, agent, 32).client
    phone_id = _contact(card, ContactKind.PHONE)
    for actor in (agent, supervisor):
        err = _refused(db, lambda a=actor: corrections.fix_contact(  # type: ignore[misc]
            db, a, card.id, phone_id, "8 912 345-00-31"), BannedClientMatch, "contacts")
        assert isinstance(err, BannedClientMatch) and err.banned
    # and the banned client's own contacts are not changed by anyone (R12)
    banned_phone = _contact(banned, ContactKind.PHONE)
    for actor in (agent, supervisor):
        _refused(db, lambda a=actor: corrections.fix_contact(  # type: ignore[misc]
            db, a, banned.id, banned_phone, "8 912 777-00-31"), Conflict, "client")
        _refused(db, lambda a=actor: corrections.add_contact(  # type: ignore[misc]
            db, a, banned.id, ContactKind.EMAIL, "new31@example.ru"), Conflict, "client")


def test_r1_remove_contact_keeps_one_of_each_kind(db: Database, agent: Actor) -> None:
    card = new_client(db, agent, 41).client
    for kind in ContactKind:
        contact_id = _contact(card, kind)
        err = _refused(db, lambda c=contact_id: corrections.remove_contact(  # type: ignore[misc]
            db, agent, card.id, c), ValidationError, "contact")
        assert "fix it instead" in err.message
    added = corrections.add_contact(db, agent, card.id, ContactKind.EMAIL, "second41@example.ru")
    old_email = _contact(card, ContactKind.EMAIL)
    count = len(_audit(db))
    after = corrections.remove_contact(db, agent, card.id, old_email)
    assert [c.value for c in after.contacts if c.kind is ContactKind.EMAIL] == [
        "second41@example.ru"]
    assert len(after.contacts) == len(added.contacts) - 1
    entry = _one_new_entry(db, count, "client.contact_removed")
    assert entry["before"]["value"] == "cl…@example.ru" and entry["after"] is None


def test_r21_remove_refuses_a_contact_of_another_client(db: Database, agent: Actor) -> None:
    a = new_client(db, agent, 42).client
    b = new_client(db, agent, 43).client
    _refused(db, lambda: corrections.remove_contact(db, agent, b.id,
                                                    _contact(a, ContactKind.PHONE)),
             NotFound, "contact")


def test_r21_contacts_follow_the_holder_rule(db: Database, agent: Actor, agent2: Actor,
                                             supervisor: Actor) -> None:
    made = new_client(db, agent, 51)
    card = made.client
    queue.claim(db, agent, made.request_id)
    email_id = _contact(card, ContactKind.EMAIL)
    err = _refused(db, lambda: corrections.fix_contact(db, agent2, card.id, email_id,
                                                       "other51@example.ru"),
                   ClaimConflict, None)
    assert isinstance(err, ClaimConflict) and err.holder == "anna"
    _refused(db, lambda: corrections.add_contact(db, agent2, card.id, ContactKind.EMAIL,
                                                 "other51@example.ru"), ClaimConflict, None)
    _refused(db, lambda: corrections.remove_contact(db, agent2, card.id, email_id),
             ClaimConflict, None)
    mine = corrections.add_contact(db, agent, card.id, ContactKind.EMAIL, "mine51@example.ru")
    assert "mine51@example.ru" in {c.value for c in mine.contacts}
    boss = corrections.fix_contact(db, supervisor, card.id, email_id, "boss51@example.ru")
    assert "boss51@example.ru" in {c.value for c in boss.contacts}


def test_r21_system_info_follows_the_holder_rule(db: Database, agent: Actor, agent2: Actor,
                                                 supervisor: Actor) -> None:
    made = new_client(db, agent, 52)
    queue.claim(db, agent, made.request_id)
    version = made.client.version
    _refused(db, lambda: clients.update_client(db, agent2, made.client.id, version,
                                               system_info="Windows 11"), ClaimConflict, None)
    count = len(_audit(db))
    changed = clients.update_client(db, supervisor, made.client.id, version,
                                    system_info="Windows 11")
    assert changed.system_info == "Windows 11"
    entry = _one_new_entry(db, count, "client.updated")
    assert entry["after"] == {"system_info": "Windows 11"}
    assert entry["before"]["system_info"].startswith("Windows 10")


# --- the deadline -------------------------------------------------------------

def test_r21_reagree_deadline_audits_before_after_and_reason(db: Database,
                                                             agent: Actor) -> None:
    made = new_client(db, agent, 61)
    old = queue.request_detail(db, agent, made.request_id).deadline
    friday = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    count = len(_audit(db))
    dto = corrections.reagree_deadline(db, agent, made.request_id, friday,
                                       "the client asked to move it to Friday")
    assert dto.deadline == friday
    entry = _one_new_entry(db, count, "request.deadline_changed")
    assert entry["before"] == {"deadline": old.isoformat()}
    assert entry["after"] == {"deadline": friday.isoformat(),
                              "reason": "the client asked to move it to Friday"}
    rows = queue.queue_page(db, agent).rows
    assert next(r for r in rows if r.request_id == made.request_id).deadline == friday


@pytest.mark.parametrize(("deadline_hours", "reason", "field"), [
    (-1, "moved", "deadline"),
    (48, "", "reason"),
    (48, "   ", "reason"),
    (48, "first line\nsecond line", "reason"),
    (48, f"client sent {CARD}", "reason"),
    (48, "код из смс 539201", "reason"),
    (48, "Иванов Иван Иванович просил", "reason"),
    (48, "паспорт 4510 123456", "reason"),
])
def test_r7_r9_r23_reagree_deadline_refusals_write_nothing(db: Database, agent: Actor,
                                                           deadline_hours: int, reason: str,
                                                           field: str) -> None:
    made = new_client(db, agent)
    _refused(db, lambda: corrections.reagree_deadline(db, agent, made.request_id,
                                                      tomorrow(deadline_hours), reason),
             ValidationError, field)


def test_r21_deadline_only_on_open_requests_and_holder_rule(db: Database, agent: Actor,
                                                            agent2: Actor,
                                                            supervisor: Actor) -> None:
    made = new_client(db, agent, 62)
    queue.claim(db, agent, made.request_id)
    err = _refused(db, lambda: corrections.reagree_deadline(
        db, agent2, made.request_id, tomorrow(72), "moved"), ClaimConflict, None)
    assert "anna" in err.message
    dto = corrections.reagree_deadline(db, supervisor, made.request_id, tomorrow(72), "moved")
    assert dto.deadline > tomorrow(48)
    request_life.cancel(db, agent, made.request_id, "the client withdrew")
    for actor in (agent, supervisor):
        _refused(db, lambda a=actor: corrections.reagree_deadline(  # type: ignore[misc]
            db, a, made.request_id, tomorrow(96), "moved"), Conflict, "request")


# --- the description ------------------------------------------------------------

def test_r21_edit_description_audits_before_after(db: Database, agent: Actor) -> None:
    made = new_client(db, agent, 71)
    count = len(_audit(db))
    dto = corrections.edit_description(db, agent, made.request_id,
                                       "  The laptop is slow; clean autostart  ")
    assert dto.description == "The laptop is slow; clean autostart"
    entry = _one_new_entry(db, count, "request.description_changed")
    assert entry["before"] == {"description": "The laptop is slow; clean it up"}
    assert entry["after"] == {"description": "The laptop is slow; clean autostart"}
    corrections.edit_description(db, agent, made.request_id,
                                 "The laptop is slow; clean autostart")
    assert len(_audit(db)) == count + 1  # unchanged text: nothing to audit


@pytest.mark.parametrize("text", [
    "", f"card {CARD}", "код из смс 539201", "Петрова Мария Сергеевна", "СНИЛС 112-233-445 95",
    "x" * 4001,
])
def test_r9_r23_edit_description_refusals_write_nothing(db: Database, agent: Actor,
                                                        text: str) -> None:
    made = new_client(db, agent)
    _refused(db, lambda: corrections.edit_description(db, agent, made.request_id, text),
             ValidationError, "description")


def test_r21_description_holder_rule_and_closed_requests(db: Database, agent: Actor,
                                                         agent2: Actor,
                                                         supervisor: Actor) -> None:
    made = new_client(db, agent, 72)
    queue.claim(db, agent, made.request_id)
    _refused(db, lambda: corrections.edit_description(db, agent2, made.request_id, "other"),
             ClaimConflict, None)
    assert corrections.edit_description(db, supervisor, made.request_id,
                                        "by the boss").description == "by the boss"
    request_life.cancel(db, agent, made.request_id, "the client withdrew")
    _refused(db, lambda: corrections.edit_description(db, agent, made.request_id, "late"),
             Conflict, "request")
    assert corrections.edit_description(db, supervisor, made.request_id,
                                        "after the fact").description == "after the fact"


def test_r21_unknown_request_or_client_is_not_found(db: Database, agent: Actor) -> None:
    _refused(db, lambda: corrections.edit_description(db, agent, 999, "x"), NotFound, "request")
    _refused(db, lambda: corrections.add_contact(db, agent, 999, ContactKind.EMAIL,
                                                 "a999@example.ru"), NotFound, "client")
