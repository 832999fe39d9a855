"""Agents see what the rules let them see (issue 15 item 8; R11, R17, R18).

An agent who loops ``client_history`` and ``client_proposals`` over every
client must not collect other agents' ban proposals, the supervisor's
decisions and reasons on them, or the words of a ban's reason; the bulk
reads (audit viewer, exports, reports, pending reviews) refuse agents.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from nit_desk.domain.errors import PermissionDenied
from nit_desk.services.actor import Actor
from nit_desk.services.admin import audit, ban_review, reports
from nit_desk.services.admin.audit_dto import AuditFilter, AuditQuery
from nit_desk.services.clients import bans, clients
from nit_desk.services.clients.card_view import card_view
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import new_client

SUPERVISOR_WORDS = ("no evidence, talk to the client again", "Evidence is clear")


def _two_agents_proposals(db: Database, agent: Actor, agent2: Actor,
                          supervisor: Actor) -> tuple[int, int]:
    """Boris's proposal on client A rejected, then Anna's on client B approved."""
    a = new_client(db, agent2, 1).client.id
    b = new_client(db, agent2, 2).client.id
    rejected = bans.propose_ban(db, agent2, a, ["browser_check"], "boris thinks it is a bot")
    bans.reject_ban(db, supervisor, rejected.id, SUPERVISOR_WORDS[0])
    approved = bans.propose_ban(db, agent, b, ["browser_check"], "anna saw the refusal")
    bans.approve_ban(db, supervisor, approved.id, SUPERVISOR_WORDS[1])
    return a, b


def _leaks(records: Any) -> list[str]:
    text = json.dumps([[r.action, r.before, r.after] for r in records], ensure_ascii=False)
    return [w for w in (*SUPERVISOR_WORDS, "boris thinks") if w in text]


def test_r11_agent_history_hides_other_agents_proposals_and_reasons(
        db: Database, agent: Actor, agent2: Actor, supervisor: Actor) -> None:
    a, b = _two_agents_proposals(db, agent, agent2, supervisor)
    seen = [r for cid in (a, b) for r in clients.client_history(db, agent, cid)]
    assert _leaks(seen) == [SUPERVISOR_WORDS[1]]  # only the decision on her own proposal
    assert not _leaks(clients.client_history(db, agent, a))
    boris_on_b = clients.client_history(db, agent2, b)
    assert not _leaks(boris_on_b)  # neither Anna's proposal nor the ban's reason
    assert "ban.approved" in [r.action for r in boris_on_b]
    actions = [r.action for r in seen]
    assert "ban_proposal.rejected" not in actions and actions.count("ban.proposed") == 1
    assert "ban_proposal.approved" in actions  # Anna's own proposal: decision shown
    assert "ban.approved" in actions  # the ban itself is no secret (R12), its reason is


def test_r11_proposer_sees_own_decision_like_the_card(
        db: Database, agent: Actor, agent2: Actor, supervisor: Actor) -> None:
    a, _b = _two_agents_proposals(db, agent, agent2, supervisor)
    [own] = bans.client_proposals(db, agent2, a)
    assert own.review_reason == SUPERVISOR_WORDS[0]
    assert clients.client_card(db, agent2, a).last_ban_outcome is not None
    assert "ban_proposal.rejected" in [r.action for r in clients.client_history(db, agent2, a)]


def test_r11_agent_proposals_are_their_own_only(
        db: Database, agent: Actor, agent2: Actor, supervisor: Actor) -> None:
    a, b = _two_agents_proposals(db, agent, agent2, supervisor)
    assert bans.client_proposals(db, agent, a) == []
    assert [p.proposed_by for p in bans.client_proposals(db, agent, b)] == ["anna"]
    assert len(bans.client_proposals(db, supervisor, a)) == 1


def test_r17_supervisor_history_is_complete(
        db: Database, agent: Actor, agent2: Actor, supervisor: Actor) -> None:
    a, b = _two_agents_proposals(db, agent, agent2, supervisor)
    seen = [r for cid in (a, b) for r in clients.client_history(db, supervisor, cid)]
    assert set(_leaks(seen)) == {*SUPERVISOR_WORDS, "boris thinks"}


def test_r11_card_view_history_follows_the_same_rule(
        db: Database, agent: Actor, agent2: Actor, supervisor: Actor) -> None:
    a, _b = _two_agents_proposals(db, agent, agent2, supervisor)
    view = card_view(db, agent, client_id=a)
    assert not _leaks(view.history)
    assert view.history == tuple(clients.client_history(db, agent, a))
    assert not _leaks(ban_review.ban_evidence(db, agent, a).history)


def _bulk_reads(tmp_path: Path) -> dict[str, Callable[[Database, Actor], object]]:
    now = utcnow()
    return {
        "audit_page": lambda db, who: audit.audit_page(db, who, AuditQuery()),
        "audit_view": lambda db, who: audit.audit_view(db, who, AuditQuery()),
        "list_audit": lambda db, who: audit.list_audit(db, who, AuditFilter()),
        "audit_actions": audit.audit_actions,
        "export_audit": lambda db, who: audit.export_audit(db, who, AuditQuery(),
                                                           tmp_path / "a.csv"),
        "export_audit_csv": lambda db, who: audit.export_audit_csv(db, who, AuditFilter(),
                                                                   tmp_path / "b.csv"),
        "check_audit": audit.check_audit,
        "build_report": lambda db, who: reports.build_report(db, who, now - timedelta(days=7),
                                                             now),
        "pending_proposals": bans.pending_proposals,
        "ban_review": ban_review.ban_review,
    }


@pytest.mark.parametrize("name", sorted(_bulk_reads(Path("."))))
def test_r18_bulk_reads_stay_with_supervisors(db: Database, agent: Actor, supervisor: Actor,
                                              tmp_path: Path, name: str) -> None:
    read = _bulk_reads(tmp_path)[name]
    new_client(db, agent, 1)
    with pytest.raises(PermissionDenied):
        read(db, agent)
    assert not list(tmp_path.glob("*.csv"))  # nothing exported for the agent
    read(db, supervisor)
