"""MAX through intake and corrections; Skype kept as data but no channel (R1, R12, R21)."""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.types import ContactKind, Network
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, corrections
from nit_desk.services.dto import BannedClientMatch, DuplicateContact
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from tests.services.agent_support import new_client


def test_r1_intake_keeps_max_and_whatsapp_on_one_number(db: Database, agent: Actor) -> None:
    """R1: a client on WhatsApp and MAX with the same number is one intake, two accounts."""
    result = new_client(db, agent, 501, channel=Network.MAX, messengers=[
        (Network.MAX, "8 912 345-05-01"), (Network.WHATSAPP, "8 912 345-05-01")])
    messengers = {(c.network, c.value) for c in result.client.contacts
                  if c.kind is ContactKind.MESSENGER}
    assert messengers == {(Network.MAX, "max:+79123450501"),
                          (Network.WHATSAPP, "+79123450501")}
    assert queue.request_detail(db, agent, result.request_id).channel is Network.MAX


def test_r1_skype_account_is_kept_but_no_request_comes_by_skype(db: Database,
                                                                agent: Actor) -> None:
    """R1: Skype closed in May 2025; its handle stays, a Skype channel is refused."""
    with pytest.raises(ValidationError) as error:
        new_client(db, agent, 502, channel=Network.SKYPE)
    assert error.value.field == "channel"
    result = new_client(db, agent, 503, messengers=[
        (Network.TELEGRAM, "@client_503"), (Network.SKYPE, "live:.cid.503")])
    assert (Network.SKYPE, "live:.cid.503") in {(c.network, c.value)
                                                for c in result.client.contacts}


def test_r12_a_max_number_matches_another_clients_phone(db: Database, agent: Actor) -> None:
    """R12: a MAX account on someone else's number is found at intake and in corrections."""
    new_client(db, agent, 504)
    with pytest.raises(DuplicateContact):
        new_client(db, agent, 505, messengers=[(Network.MAX, "8 912 345-05-04")])
    other = new_client(db, agent, 506)
    with pytest.raises(DuplicateContact):
        corrections.add_contact(db, agent, other.client.id, ContactKind.MESSENGER,
                                "+7 912 345-05-04", network=Network.MAX)


def test_r21_max_account_added_and_fixed_by_correction(db: Database, agent: Actor) -> None:
    """R21: a MAX account is added and fixed with the intake's checks."""
    result = new_client(db, agent, 507)
    card = corrections.add_contact(db, agent, result.client.id, ContactKind.MESSENGER,
                                   "https://max.ru/u/f9LHodD0cOI", network=Network.MAX)
    added = next(c for c in card.contacts if c.network is Network.MAX)
    assert added.value == "max.ru/u/f9LHodD0cOI"
    assert added.id is not None
    card = corrections.fix_contact(db, agent, result.client.id, added.id, "8 912 345-05-07")
    assert any(c.value == "max:+79123450507" for c in card.contacts)


def test_r12_banned_clients_number_is_flagged_when_given_as_max(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    """R12: a banned client's phone typed as a MAX account is still flagged at intake."""
    banned = new_client(db, agent, 508)
    proposal = bans.propose_ban(db, agent, banned.client.id, ["messenger_confirmed"], "refused")
    bans.approve_ban(db, supervisor, proposal.id, "")
    with pytest.raises(BannedClientMatch):
        new_client(db, agent, 509, messengers=[(Network.MAX, "8 912 345-05-08")])
