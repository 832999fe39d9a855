"""Ban proposals, review and effect (R10, R11, R12, R17; scenario 4)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nit_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from nit_desk.domain.types import (
    BanProposalStatus,
    Network,
    PaymentKind,
    RequestStatus,
    StepState,
)
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.clients import bans, clients, registration, sensitive
from nit_desk.services.dto import BannedClientMatch
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Payment
from tests.services.agent_support import add_payment, intake_values, new_client, row_counts

VK = [(Network.VK, "vk.com/id52011")]


def _scenario4_client(db: Database, agent: Actor) -> tuple[int, int, int]:
    """vk.com/id52011 with a refused sensitive action and 1 500 ₽ advance paid."""
    made = new_client(db, agent, 4, handle="id52011", messengers=VK, channel=Network.VK)
    action = sensitive.record_sensitive_action(
        db, agent, made.client.id, request_id=made.request_id,
        action="Account on a third-party cloud-backup service (extra fee)",
        explanation="An SMS code will be asked for to confirm the account",
        warned_and_explained=True, client_agreed=False)
    registration.set_step_state(db, agent, made.client.id, "messenger_confirmed",
                                StepState.REFUSED)
    add_payment(db, made.request_id, 150_000, PaymentKind.ADVANCE)
    return made.client.id, made.request_id, action.id


def test_scenario4_ban_cancels_work_and_forfeits_the_advance_r12(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    client_id, request_id, action_id = _scenario4_client(db, agent)
    queue.claim(db, agent, request_id)
    second = clients.intake(db, agent, clients.IntakeForm(
        **intake_values(5, phone="8 912 345-00-04", email="client4@example.ru",
                        messengers=VK),
        existing_client_id=client_id))
    proposal = bans.propose_ban(db, agent, client_id,
                                ["messenger_confirmed", f"sensitive:{action_id}"],
                                "Refused the SMS code for the agreed backup service")
    assert proposal.status is BanProposalStatus.PENDING and proposal.proposed_by == "anna"
    assert proposal.refused_steps == ("messenger_confirmed", f"sensitive:{action_id}")
    card = clients.client_card(db, agent, client_id)
    assert card.ban_pending and not card.banned and card.last_ban_outcome is None
    assert [p.id for p in bans.pending_proposals(db, supervisor)] == [proposal.id]

    ban = bans.approve_ban(db, supervisor, proposal.id, "Evidence is clear")
    assert ban.banned_by == "boss" and ban.forfeited_kopecks == 150_000
    assert set(ban.cancelled_request_ids) == {request_id, second.request_id}
    card = clients.client_card(db, agent, client_id)
    assert card.banned and not card.trusted and not card.ban_pending
    assert card.last_ban_outcome is not None
    assert card.last_ban_outcome.status is BanProposalStatus.APPROVED
    for rid in (request_id, second.request_id):
        detail = queue.request_detail(db, agent, rid)
        assert detail.status is RequestStatus.CANCELLED_BY_BAN and detail.closed_at
        assert detail.claimed_by_id is None
    with db.read_session() as s:
        forfeited = s.execute(select(Payment.request_id, Payment.amount_kopecks).where(
            Payment.kind == PaymentKind.FORFEITED.value)).all()
    assert [tuple(r) for r in forfeited] == [(request_id, 150_000)]
    actions = [h.action for h in clients.client_history(db, supervisor, client_id)]
    assert {"ban.approved", "request.cancelled_by_ban", "payment.forfeited",
            "ban_proposal.approved"} <= set(actions)
    assert bans.pending_proposals(db, supervisor) == []
    assert verify_audit_chain(db).intact  # R17: every entry chained in the same transaction


def test_scenario4_same_phone_on_whatsapp_is_flagged_at_intake_r12(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    client_id, _request_id, _action = _scenario4_client(db, agent)
    proposal = bans.propose_ban(db, agent, client_id, ["messenger_confirmed"], "refused")
    bans.approve_ban(db, supervisor, proposal.id, "")
    found = bans.banned_match(db, agent, messengers=[(Network.WHATSAPP, "+7 912 345 00 04")])
    assert [m.client_id for m in found] == [client_id] and found[0].banned
    before = row_counts(db)
    with pytest.raises(BannedClientMatch) as err:
        clients.intake(db, agent, clients.IntakeForm(**intake_values(
            77, messengers=[(Network.WHATSAPP, "8 912 345-00-04")], channel=Network.WHATSAPP)))
    assert err.value.client_ids == (client_id,)
    assert row_counts(db) == before


def test_scenario4_rejected_proposal_returns_client_to_normal(
        db: Database, agent: Actor, agent2: Actor, supervisor: Actor) -> None:
    made = new_client(db, agent, handle="late_reply")
    proposal = bans.propose_ban(db, agent, made.client.id, ["deadlines_agreed"],
                                "Never answers on time")
    rejected = bans.reject_ban(db, supervisor, proposal.id, "Slow is not obstructing")
    assert rejected.status is BanProposalStatus.REJECTED and rejected.reviewed_by == "boss"
    card = clients.client_card(db, agent, made.client.id)
    assert not card.banned and not card.ban_pending
    assert card.last_ban_outcome is not None
    assert card.last_ban_outcome.reason == "Slow is not obstructing"
    assert clients.client_card(db, agent2, made.client.id).last_ban_outcome is None
    assert queue.request_detail(db, agent, made.request_id).status is RequestStatus.NEW


def test_r11_agents_cannot_decide_or_lift_bans(db: Database, agent: Actor,
                                               supervisor: Actor) -> None:
    made = new_client(db, agent)
    proposal = bans.propose_ban(db, agent, made.client.id, ["browser_check"], "bot")
    before = row_counts(db)
    with pytest.raises(PermissionDenied):
        bans.approve_ban(db, agent, proposal.id, "I approve myself")
    with pytest.raises(PermissionDenied):
        bans.reject_ban(db, agent, proposal.id, "no")
    with pytest.raises(PermissionDenied):
        bans.pending_proposals(db, agent)
    bans.approve_ban(db, supervisor, proposal.id, "")
    before = row_counts(db)
    with pytest.raises(PermissionDenied):
        bans.lift_ban(db, agent, made.client.id, "forgive")
    assert row_counts(db) == before
    lifted = bans.lift_ban(db, supervisor, made.client.id, "Paid a fine")
    assert lifted.lifted_by == "boss" and lifted.lift_reason == "Paid a fine"
    assert not clients.client_card(db, agent, made.client.id).banned
    with pytest.raises(Conflict):
        bans.lift_ban(db, supervisor, made.client.id, "again")


def test_r12_approval_is_all_or_nothing(db: Database, agent: Actor, supervisor: Actor,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    client_id, request_id, _action = _scenario4_client(db, agent)
    proposal = bans.propose_ban(db, agent, client_id, ["messenger_confirmed"], "refused")
    before = row_counts(db)

    def broken(*_args: object) -> int:
        raise RuntimeError("disk on fire half-way through")

    monkeypatch.setattr(bans, "_forfeit_advance", broken)
    with pytest.raises(RuntimeError):
        bans.approve_ban(db, supervisor, proposal.id, "go")
    assert row_counts(db) == before
    card = clients.client_card(db, agent, client_id)
    assert not card.banned and card.ban_pending
    assert queue.request_detail(db, agent, request_id).status is RequestStatus.NEW
    monkeypatch.undo()
    assert bans.approve_ban(db, supervisor, proposal.id, "go").forfeited_kopecks == 150_000


def test_r11_proposal_needs_known_steps_and_a_comment(db: Database, agent: Actor,
                                                      agent2: Actor) -> None:
    made = new_client(db, agent)
    other = new_client(db, agent)
    agreed = sensitive.record_sensitive_action(
        db, agent, made.client.id, request_id=None, action="Code for a service",
        explanation="Explained", warned_and_explained=True, client_agreed=True)
    foreign = sensitive.record_sensitive_action(
        db, agent, other.client.id, request_id=None, action="Code for a service",
        explanation="Explained", warned_and_explained=True, client_agreed=False)
    before = row_counts(db)
    for steps, comment, field in (
            ([], "comment", "refused_steps"),
            (["no_such_step"], "comment", "refused_steps"),
            ([f"sensitive:{agreed.id}"], "comment", "refused_steps"),
            ([f"sensitive:{foreign.id}"], "comment", "refused_steps"),
            (["sensitive:x"], "comment", "refused_steps"),
            ("browser_check", "comment", "refused_steps"),
            (["browser_check"], "  ", "comment"),
            (["browser_check"], "he said code 539201 is his", "comment"),
    ):
        with pytest.raises(ValidationError) as err:
            bans.propose_ban(db, agent, made.client.id, steps, comment)  # type: ignore[arg-type]
        assert err.value.field == field, (steps, comment)
    assert row_counts(db) == before
    bans.propose_ban(db, agent, made.client.id, ["browser_check"], "bot check refused")
    with pytest.raises(Conflict):
        bans.propose_ban(db, agent2, made.client.id, ["browser_check"], "me too")


def test_decided_proposal_cannot_be_decided_again(db: Database, agent: Actor,
                                                  supervisor: Actor) -> None:
    made = new_client(db, agent)
    proposal = bans.propose_ban(db, agent, made.client.id, ["browser_check"], "bot")
    bans.reject_ban(db, supervisor, proposal.id, "no evidence")
    with pytest.raises(Conflict):
        bans.approve_ban(db, supervisor, proposal.id, "changed my mind")
    with pytest.raises(ValidationError) as err:
        bans.reject_ban(db, supervisor, proposal.id, "")
    assert err.value.field == "reason"
    assert [p.status for p in bans.client_proposals(db, agent, made.client.id)] == [
        BanProposalStatus.REJECTED]
