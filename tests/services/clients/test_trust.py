"""The trusted persons list (R5) and what it means for phone consultations (R6)."""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import Conflict
from nit_desk.domain.registration import PhoneRefusal, TrustRefusal
from nit_desk.domain.types import PaymentKind
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, clients, trust
from nit_desk.services.storage.engine import Database
from tests.services.agent_support import (
    add_payment,
    agree_estimate,
    new_client,
    register_fully,
    row_counts,
)


def test_r5_unregistered_client_cannot_be_trusted(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    before = row_counts(db)
    with pytest.raises(Conflict) as err:
        trust.set_trusted(db, agent, card.id, True)
    assert err.value.params["refusals"] == (TrustRefusal.NOT_REGISTERED,)
    assert "not registered" in err.value.message
    assert row_counts(db) == before
    assert not clients.client_card(db, agent, card.id).trusted


def test_r5_registered_client_can_be_trusted_and_removed(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    register_fully(db, agent, card.id)
    trusted = trust.set_trusted(db, agent, card.id, True)
    assert trusted.trusted
    assert clients.client_history(db, agent, card.id)[0].action == "client.trust_changed"
    assert not trust.set_trusted(db, agent, card.id, False).trusted


def test_r5_banned_client_cannot_be_trusted_removal_always_works(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    card = new_client(db, agent).client
    register_fully(db, agent, card.id)
    proposal = bans.propose_ban(db, agent, card.id, ["added_as_friend"], "blocked us")
    bans.approve_ban(db, supervisor, proposal.id, "")
    with pytest.raises(Conflict) as err:
        trust.set_trusted(db, agent, card.id, True)
    assert err.value.params["refusals"] == (TrustRefusal.BANNED,)
    assert not trust.set_trusted(db, agent, card.id, False).trusted


def test_scenario1_phone_consultation_after_trust_and_payment_r6(db: Database,
                                                                 agent: Actor) -> None:
    made = new_client(db, agent)
    register_fully(db, agent, made.client.id)
    card = trust.set_trusted(db, agent, made.client.id, True)
    assert card.phone_consultation.refusals == (PhoneRefusal.NOT_PAID,)
    agree_estimate(db, agent, made.request_id, 210_000)  # R20: paid needs an agreed estimate
    add_payment(db, made.request_id, 210_000, PaymentKind.ADVANCE)
    card = clients.client_card(db, agent, made.client.id)
    assert card.phone_consultation.allowed and card.phone_consultation.refusals == ()
