"""R11, R18: every supervisor-only service refuses an agent, even called directly.

The console is offered to supervisors only, but the rule lives in the services:
each call below is made as an agent (and as an agent holding a forged
"supervisor" Actor) straight to the service function; each must raise
PermissionDenied and write nothing. Also R12 all-or-nothing with a failure at
the very end of the approval.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from nit_desk.domain.errors import PermissionDenied
from nit_desk.domain.types import PaymentKind, RequestStatus, Role, StepState, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.admin import audit, ban_review, reports, users
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.admin.audit_dto import AuditFilter, AuditQuery
from nit_desk.services.clients import bans, checklist, clients, registration
from nit_desk.services.money import pricelist
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from tests.conftest import PASSWORD
from tests.services.agent_support import add_payment, new_client, row_counts


@dataclass(frozen=True)
class World:
    """Things a supervisor made, for an agent to try to touch."""

    supervisor: Actor
    proposal_id: int
    banned_client_id: int
    price_item_id: int
    csv: Path


@pytest.fixture
def world(db: Database, supervisor: Actor, agent: Actor, tmp_path: Path) -> World:
    """A pending proposal, a banned client and a price item."""
    pending = new_client(db, agent)
    proposal = bans.propose_ban(db, agent, pending.client.id, ["browser_check"], "bot")
    banned = new_client(db, agent)
    other = bans.propose_ban(db, agent, banned.client.id, ["browser_check"], "bot again")
    bans.approve_ban(db, supervisor, other.id, "clear")
    item = pricelist.create_price_item(db, supervisor, name="Диагностика", unit=Unit.HOUR,
                                       unit_price_kopecks=1500_00)
    return World(supervisor, proposal.id, banned.client.id, item.id, tmp_path / "out.csv")


Call = Callable[[Database, Actor, World], Any]
SUPERVISOR_ONLY: dict[str, Call] = {
    "bans.approve_ban": lambda db, a, w: bans.approve_ban(db, a, w.proposal_id, "ok"),
    "bans.reject_ban": lambda db, a, w: bans.reject_ban(db, a, w.proposal_id, "no"),
    "bans.lift_ban": lambda db, a, w: bans.lift_ban(db, a, w.banned_client_id, "forgive"),
    "bans.pending_proposals": lambda db, a, w: bans.pending_proposals(db, a),
    "bans.bans_in_force": lambda db, a, w: bans.bans_in_force(db, a),
    "audit.list_audit": lambda db, a, w: audit.list_audit(db, a, AuditFilter()),
    "audit.audit_actions": lambda db, a, w: audit.audit_actions(db, a),
    "audit.check_audit": lambda db, a, w: audit.check_audit(db, a),
    "audit.export_audit_csv": lambda db, a, w: audit.export_audit_csv(db, a, AuditFilter(),
                                                                      w.csv),
    "audit.audit_page": lambda db, a, w: audit.audit_page(db, a, AuditQuery()),
    "audit.audit_view": lambda db, a, w: audit.audit_view(db, a, AuditQuery()),
    "audit.export_audit": lambda db, a, w: audit.export_audit(db, a, AuditQuery(), w.csv),
    "ban_review.ban_review": lambda db, a, w: ban_review.ban_review(db, a, with_templates=True),
    "checklist.save_template": lambda db, a, w: checklist.save_template(
        db, a, [(None, "Только шаг агента", True)]),
    "users.list_users": lambda db, a, w: users.list_users(db, a),
    "users.create_user": lambda db, a, w: users.create_user(db, a, "mole", Role.SUPERVISOR,
                                                            PASSWORD),
    "users.set_active": lambda db, a, w: users.set_active(db, a, w.supervisor.user_id, False),
    "users.set_role (promote self)": lambda db, a, w: users.set_role(db, a, a.user_id,
                                                                     Role.SUPERVISOR),
    "users.set_role (demote)": lambda db, a, w: users.set_role(db, a, w.supervisor.user_id,
                                                               Role.AGENT),
    "users.reset_password": lambda db, a, w: users.reset_password(
        db, a, w.supervisor.user_id, "taken over 123"),
    "users.unlock": lambda db, a, w: users.unlock(db, a, w.supervisor.user_id),
    "reports.build_report": lambda db, a, w: reports.build_report(
        db, a, utcnow() - timedelta(days=7), utcnow()),
    "pricelist.create_price_item": lambda db, a, w: pricelist.create_price_item(
        db, a, name="Своя услуга", unit=Unit.PIECE, unit_price_kopecks=1_00),
    "pricelist.update_price_item": lambda db, a, w: pricelist.update_price_item(
        db, a, w.price_item_id, name="Диагностика", unit=Unit.HOUR, unit_price_kopecks=1_00,
        extra_fee=False),
    "pricelist.set_price_item_active": lambda db, a, w: pricelist.set_price_item_active(
        db, a, w.price_item_id, False),
}


@pytest.mark.parametrize("forged", [False, True], ids=["agent", "agent-with-forged-role"])
@pytest.mark.parametrize("name", list(SUPERVISOR_ONLY))
def test_r11_r18_supervisor_only_service_refuses_an_agent(
        db: Database, agent: Actor, world: World, name: str, forged: bool) -> None:
    """R11/R18: refused with PermissionDenied and nothing written; a forged Actor gains nothing."""
    actor = Actor(agent.user_id, agent.username, Role.SUPERVISOR) if forged else agent
    before = row_counts(db)
    with pytest.raises(PermissionDenied):
        SUPERVISOR_ONLY[name](db, actor, world)
    assert row_counts(db) == before
    assert not world.csv.exists() and not world.csv.with_name("out.csv.part").exists()


@pytest.mark.parametrize("name", list(SUPERVISOR_ONLY))
def test_r18_a_deactivated_supervisor_is_refused_too(
        db: Database, supervisor: Actor, world: World, name: str) -> None:
    """R18: a second supervisor who was deactivated keeps no supervisor powers."""
    users.create_user(db, supervisor, "vera", Role.SUPERVISOR, PASSWORD,
                      must_change_password=False)
    vera = users.authenticate(db, "vera", PASSWORD).actor
    users.set_active(db, supervisor, vera.user_id, False)
    before = row_counts(db)
    with pytest.raises(PermissionDenied):
        SUPERVISOR_ONLY[name](db, vera, world)
    assert row_counts(db) == before


def test_r11_r18_every_call_works_for_the_supervisor(db: Database, supervisor: Actor,
                                                    world: World) -> None:
    """The same calls succeed for the supervisor, so the refusals above are about the role."""
    other = users.create_user(db, supervisor, "vera", Role.SUPERVISOR, PASSWORD)
    swapped = World(Actor(other.id, other.username, Role.SUPERVISOR), world.proposal_id,
                    world.banned_client_id, world.price_item_id, world.csv)
    for name, call in SUPERVISOR_ONLY.items():
        if name in ("bans.reject_ban", "users.set_role (promote self)"):
            continue  # decided by approve_ban already / the supervisor is one
        call(db, supervisor, swapped)
    assert world.csv.exists()
    assert verify_audit_chain(db).intact


def test_r12_approval_failing_at_its_last_step_leaves_nothing_changed(
        db: Database, agent: Actor, supervisor: Actor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """R12 all or nothing: a failure after the ban, cancellations and forfeits undoes them all."""
    made = new_client(db, agent)
    registration.set_step_state(db, agent, made.client.id, "browser_check", StepState.REFUSED)
    add_payment(db, made.request_id, 2000_00, PaymentKind.ADVANCE)
    proposal = bans.propose_ban(db, agent, made.client.id, ["browser_check"], "bot")
    before = row_counts(db)
    chain_before = verify_audit_chain(db)
    real_decide = bans._decide
    reached: list[str] = []

    def decide_then_fail(*args: Any) -> None:
        real_decide(*args)  # the proposal is marked approved in the session...
        reached.append("decided")
        raise RuntimeError("power cut after the last write")  # ...then the commit never comes

    monkeypatch.setattr(bans, "_decide", decide_then_fail)
    with pytest.raises(RuntimeError):
        bans.approve_ban(db, supervisor, proposal.id, "clear")
    assert reached == ["decided"]
    assert row_counts(db) == before
    card = clients.client_card(db, agent, made.client.id)
    assert not card.banned and card.ban_pending
    assert queue.request_detail(db, agent, made.request_id).status is RequestStatus.NEW
    assert [p.id for p in bans.pending_proposals(db, supervisor)] == [proposal.id]
    assert bans.bans_in_force(db, supervisor) == []
    chain_after = verify_audit_chain(db)
    assert chain_after.intact and chain_after.count == chain_before.count
    monkeypatch.undo()
    ban = bans.approve_ban(db, supervisor, proposal.id, "clear")
    assert ban.forfeited_kopecks == 2000_00 and ban.cancelled_request_ids == (made.request_id,)
    assert [b.client_id for b in bans.bans_in_force(db, supervisor)] == [made.client.id]
