"""Intake, the client card, edits, lookups and history (R1, R2, R6, R7, R9, R12, R17)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from nit_desk.domain.errors import (
    Conflict,
    NitDeskError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from nit_desk.domain.registration import PhoneRefusal
from nit_desk.domain.types import (
    AdvanceReason,
    ContactKind,
    Network,
    PaymentScheme,
    RequestStatus,
    StepState,
)
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.clients import bans, clients, sensitive
from nit_desk.services.dto import BannedClientMatch, DuplicateContact
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import ChecklistItem, Request
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import intake_values, new_client, row_counts, tomorrow

SCENARIO_1 = {
    "handle": "pc_slow_msk", "phone": "8 912 345-67-89", "email": "Pc.Slow@Example.ru",
    "messengers": [(Network.TELEGRAM, "@pc_slow_msk")], "channel": Network.TELEGRAM,
    "system_info": "Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB",
    "description": "The laptop is slow; clean it up",
}


def test_scenario1_intake_normalises_contacts_and_picks_advance_a(db: Database,
                                                                 agent: Actor) -> None:
    """R1 contacts stored canonically, R7 deadline kept, R14 (a) for a first contact."""
    result = clients.intake(db, agent, clients.IntakeForm(deadline=tomorrow(), **SCENARIO_1))
    card = result.client
    assert {(c.kind, c.value) for c in card.contacts} == {
        (ContactKind.PHONE, "+79123456789"), (ContactKind.EMAIL, "pc.slow@example.ru"),
        (ContactKind.MESSENGER, "@pc_slow_msk")}
    assert card.handle == "pc_slow_msk" and not card.registered and not card.trusted
    assert card.template_version == 1 and len(card.checklist) == 9
    assert all(i.state is StepState.PENDING for i in card.checklist)
    detail = queue.request_detail(db, agent, result.request_id)
    assert detail.payment_scheme is PaymentScheme.ADVANCE
    assert detail.advance_reasons == (AdvanceReason.FIRST_TIME,) and detail.first_time
    assert detail.status is RequestStatus.NEW and detail.client_handle == "pc_slow_msk"


def test_scenario5_unregistered_caller_gets_no_phone_consultation_r6(db: Database,
                                                                     agent: Actor) -> None:
    card = new_client(db, agent).client
    assert not card.phone_consultation.allowed
    assert card.phone_consultation.refusals == (
        PhoneRefusal.NOT_REGISTERED, PhoneRefusal.NOT_TRUSTED, PhoneRefusal.NOT_PAID)


@pytest.mark.parametrize("override, field", [
    ({"phone": "12345"}, "phone"),
    ({"email": "ivan@"}, "email"),
    ({"messengers": [(Network.TELEGRAM, "@a")]}, "messenger.0"),
    ({"messengers": [(Network.VK, "vk.com/id1"), (Network.TELEGRAM, "@a")]}, "messenger.1"),
    ({"messengers": []}, "messengers"),
    ({"deadline": utcnow() - timedelta(hours=1)}, "deadline"),
    ({"system_info": "карта 4111 1111 1111 1111"}, "system_info"),
    ({"description": "код из смс 539201"}, "description"),
    ({"description": "   "}, "description"),
    ({"onsite_visit": True, "visit_address": ""}, "visit_address"),
    ({"handle": ""}, "handle"),
    ({"handle": "bad\x00handle"}, "handle"),
])
def test_scenario8_bad_intake_is_refused_named_and_nothing_written(
        db: Database, agent: Actor, override: dict, field: str) -> None:
    """R1, R7, R9: the field is named and no table changes."""
    new_client(db, agent)
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        clients.intake(db, agent, clients.IntakeForm(**intake_values(**override)))
    assert err.value.field == field
    assert row_counts(db) == before


def test_r1_naive_deadline_is_refused(db: Database, agent: Actor) -> None:
    with pytest.raises(ValidationError) as err:
        clients.intake(db, agent, clients.IntakeForm(
            **intake_values(deadline=tomorrow().replace(tzinfo=None))))
    assert err.value.field == "deadline"


def test_r2_visit_address_is_kept_on_the_request(db: Database, agent: Actor) -> None:
    address = "Москва, ул. Примерная, 1, оф. 2"
    result = new_client(db, agent, onsite_visit=True, visit_address=address)
    detail = queue.request_detail(db, agent, result.request_id)
    assert detail.visit_address == address and detail.onsite_visit
    assert AdvanceReason.ONSITE_VISIT in detail.advance_reasons
    without = new_client(db, agent, onsite_visit=False, visit_address=address)
    assert queue.request_detail(db, agent, without.request_id).visit_address == ""


def test_duplicate_contact_offers_the_existing_client(db: Database, agent: Actor) -> None:
    first = new_client(db, agent, 1).client
    before = row_counts(db)
    values = intake_values(2, email="client1@example.ru")
    with pytest.raises(DuplicateContact) as err:
        clients.intake(db, agent, clients.IntakeForm(**values))
    assert err.value.client_ids == (first.id,) and not err.value.banned
    assert row_counts(db) == before
    again = clients.intake(db, agent, clients.IntakeForm(existing_client_id=first.id, **values))
    assert again.client.id == first.id
    values_now = {c.value for c in again.client.contacts}
    assert "+79123450002" in values_now and "+79123450001" in values_now
    assert "@client_2" in values_now and len(again.client.contacts) == 5


def test_r12_whatsapp_number_matches_a_phone(db: Database, agent: Actor) -> None:
    first = new_client(db, agent, 3).client
    matches = clients.find_matches(db, agent, messengers=[(Network.WHATSAPP, "+7 912 345-00-03")])
    assert [m.client_id for m in matches] == [first.id]
    assert matches[0].matched_on[0].value == "+79123450003"


def test_find_matches_ignores_invalid_values(db: Database, agent: Actor) -> None:
    first = new_client(db, agent, 4).client
    found = clients.find_matches(db, agent, phone="12345", email="client4@EXAMPLE.ru",
                                 messengers=[(Network.TELEGRAM, "@a")])
    assert [m.client_id for m in found] == [first.id]
    assert clients.find_matches(db, agent, phone="", email="ivan@") == []


def test_existing_client_banned_needs_a_supervisor(db: Database, agent: Actor,
                                                   supervisor: Actor) -> None:
    first = new_client(db, agent, 5).client
    proposal = bans.propose_ban(db, agent, first.id, ["browser_check"], "refused the check")
    bans.approve_ban(db, supervisor, proposal.id, "confirmed")
    values = intake_values(6, phone="8 912 345-00-05")
    before = row_counts(db)
    for actor, kwargs in ((agent, {}), (agent, {"allow_banned": True}),
                          (agent, {"existing_client_id": first.id, "allow_banned": True}),
                          (supervisor, {})):
        with pytest.raises(BannedClientMatch) as err:
            clients.intake(db, actor, clients.IntakeForm(**values, **kwargs))
        assert err.value.client_ids == (first.id,) and err.value.banned
    assert row_counts(db) == before
    result = clients.intake(db, supervisor, clients.IntakeForm(
        existing_client_id=first.id, allow_banned=True, **values))
    assert result.client.banned and result.client.id == first.id


def test_update_client_with_version_check(db: Database, agent: Actor, agent2: Actor) -> None:
    card = new_client(db, agent).client
    changed = clients.update_client(db, agent2, card.id, card.version, handle="new_nick",
                                    system_info="Ubuntu 24.04")
    assert changed.handle == "new_nick" and changed.version == card.version + 1
    with pytest.raises(Conflict) as err:
        clients.update_client(db, agent, card.id, card.version, handle="mine")
    assert "changed by boris at" in err.value.message
    assert clients.client_card(db, agent, card.id).handle == "new_nick"
    with pytest.raises(ValidationError) as bad:
        clients.update_client(db, agent, card.id, changed.version,
                              system_info="пароль: hunter2")
    assert bad.value.field == "system_info"


def test_search_clients_by_prefix(db: Database, agent: Actor) -> None:
    a = new_client(db, agent, 7, messengers=[(Network.VK, "vk.com/id52011")]).client
    b = new_client(db, agent, 8).client
    assert {m.client_id for m in clients.search_clients(db, agent, "8 912 345-00")} == {a.id,
                                                                                        b.id}
    assert [m.client_id for m in clients.search_clients(db, agent, "+7912345000 8")] == [b.id]
    assert [m.client_id for m in clients.search_clients(db, agent, "client8@")] == [b.id]
    assert [m.client_id for m in clients.search_clients(db, agent, "id5201")] == [a.id]
    assert [m.client_id for m in clients.search_clients(db, agent, "client_8")] == [b.id]
    assert [m.client_id for m in clients.search_clients(db, agent, "t.me/client_8")] == [b.id]
    assert clients.search_clients(db, agent, "nobody_here") == []


def test_client_history_lists_audit_entries_r17(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    clients.update_client(db, agent, card.id, card.version, handle="renamed")
    history = clients.client_history(db, agent, card.id)
    assert [h.action for h in history][:2] == ["client.updated", "request.created"]
    assert history[-1].action == "client.created" and history[0].actor_name == "anna"


def test_r18_inactive_user_cannot_read_or_intake(db: Database, agent: Actor,
                                                 supervisor: Actor) -> None:
    card = new_client(db, agent).client
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        clients.client_card(db, agent, card.id)
    with pytest.raises(PermissionDenied):
        new_client(db, agent)
    with pytest.raises(NotFound):
        clients.client_card(db, supervisor, 99999)


def test_r3_checklist_items_copied_at_intake(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    with db.read_session() as s:
        codes = s.execute(select(ChecklistItem.code).where(ChecklistItem.client_id == card.id)
                          .order_by(ChecklistItem.position)).scalars().all()
        assert s.execute(select(Request.client_id)).scalars().all() == [card.id]
    assert codes == [i.code for i in card.checklist]


# -- hostile input (R9, scenario 8): a NitDeskError or success, never anything else ------


_NASTY = [
    "'; DROP TABLE clients; --", "\" OR 1=1 --", "Robert'); DELETE FROM requests;--",
    "4111 1111 1111 1111", "код из смс 539201", "пароль: hunter2", "\x00", "\ud800",
    "\u202eevil", "a\u0000b", "\r\n\r\n", "👨‍👩‍👧‍👦" * 40, "Ωмир漢字𝔘𝔫𝔦", "%s%s%n{0}{x}",
    "vk.com/" + "я" * 70, "+" + "9" * 70, "@" * 300, "\t\x0b\x0c\x1b[31m", "\uffff\ufffe",
]
HOSTILE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(_NASTY),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=4), st.integers(1, 60_000)),
    st.lists(st.sampled_from(_NASTY + ["ok", "8 912 345-67-89", "@pc_slow_msk"]),
             max_size=6).map(" ".join),
)
_HYPO = settings(max_examples=100, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


def _outcome_is_clean(db: Database, call: object) -> None:
    before = row_counts(db)
    try:
        call()  # type: ignore[operator]
    except NitDeskError:
        assert row_counts(db) == before


@_HYPO
@given(data=st.data())
def test_scenario8_hostile_intake_is_refused_cleanly_r9(db: Database, agent: Actor,
                                                        data: st.DataObject) -> None:
    values = intake_values()
    for key in ("handle", "phone", "email", "system_info", "description"):
        if data.draw(st.booleans(), label=f"hostile {key}"):
            values[key] = data.draw(HOSTILE, label=key)
    if data.draw(st.booleans(), label="hostile messenger"):
        network = data.draw(st.sampled_from(list(Network)), label="network")
        values["messengers"] = [(network, data.draw(HOSTILE, label="messenger"))]
    if data.draw(st.booleans(), label="visit"):
        values.update(onsite_visit=True, visit_address=data.draw(HOSTILE, label="address"))
    _outcome_is_clean(db, lambda: clients.intake(db, agent, clients.IntakeForm(**values)))


@_HYPO
@given(data=st.data())
def test_scenario8_hostile_edits_proposals_and_records_r9(db: Database, agent: Actor,
                                                          data: st.DataObject) -> None:
    made = new_client(db, agent)
    client_id = made.client.id
    handle = data.draw(st.one_of(st.none(), HOSTILE), label="handle")
    info = data.draw(st.one_of(st.none(), HOSTILE), label="system_info")
    version = clients.client_card(db, agent, client_id).version
    _outcome_is_clean(db, lambda: clients.update_client(
        db, agent, client_id, version, handle=handle, system_info=info))
    steps = data.draw(st.lists(st.one_of(st.just("browser_check"), HOSTILE), max_size=3),
                      label="refused_steps")
    comment = data.draw(HOSTILE, label="comment")
    _outcome_is_clean(db, lambda: bans.propose_ban(db, agent, client_id, steps, comment))
    action = data.draw(HOSTILE, label="action")
    explanation = data.draw(HOSTILE, label="explanation")
    _outcome_is_clean(db, lambda: sensitive.record_sensitive_action(
        db, agent, client_id, request_id=made.request_id, action=action,
        explanation=explanation, warned_and_explained=True,
        client_agreed=data.draw(st.booleans(), label="agreed")))
