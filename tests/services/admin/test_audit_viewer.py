"""Audit listing, filters, CSV export and the verify button (R17, R18)."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from nit_desk.domain.errors import PermissionDenied
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import audit, users
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from tests.conftest import PASSWORD


def _make_users(db: Database, supervisor: Actor, n: int) -> None:
    for i in range(n):
        users.create_user(db, supervisor, f"agent{i}", Role.AGENT, PASSWORD)


def test_r17_every_change_is_listed_newest_first(db: Database, supervisor: Actor) -> None:
    _make_users(db, supervisor, 3)
    rows = audit.list_audit(db, supervisor, audit.AuditFilter())
    assert [r.action for r in rows] == ["user.created"] * 4
    assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    assert '"username":"agent2"' in rows[0].after


def test_filters_and_keyset_pages(db: Database, supervisor: Actor) -> None:
    _make_users(db, supervisor, 5)
    users.set_active(db, supervisor, 2, False)
    only = audit.list_audit(db, supervisor, audit.AuditFilter(action_prefix="user.deact"))
    assert [r.action for r in only] == ["user.deactivated"]
    first = audit.list_audit(db, supervisor, audit.AuditFilter(), limit=3)
    rest = audit.list_audit(db, supervisor, audit.AuditFilter(), before_seq=first[-1].seq)
    assert len(first) == 3 and len(rest) == 4
    assert {r.seq for r in first}.isdisjoint({r.seq for r in rest})
    future = audit.AuditFilter(since=utcnow() + timedelta(hours=1))
    assert audit.list_audit(db, supervisor, future) == []
    assert "user.deactivated" in audit.audit_actions(db, supervisor)


def test_r18_agents_cannot_read_or_verify_the_audit(db: Database, agent: Actor,
                                                    tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        audit.list_audit(db, agent, audit.AuditFilter())
    with pytest.raises(PermissionDenied):
        audit.check_audit(db, agent)
    with pytest.raises(PermissionDenied):
        audit.export_audit_csv(db, agent, audit.AuditFilter(), tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()


def test_csv_export_holds_the_filtered_entries(db: Database, supervisor: Actor,
                                              tmp_path: Path) -> None:
    _make_users(db, supervisor, 2)
    target = tmp_path / "audit.csv"
    count = audit.export_audit_csv(db, supervisor, audit.AuditFilter(), target)
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert count == len(rows) == 3
    assert [r["Action"] for r in rows] == ["user.created"] * 3
    assert rows[0]["No."] == "1"


def test_r17_verify_button_finds_an_edited_entry(db: Database, supervisor: Actor) -> None:
    _make_users(db, supervisor, 3)
    assert audit.check_audit(db, supervisor).intact
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET after = '{}' WHERE seq = 2"))
    report = audit.check_audit(db, supervisor)
    assert not report.intact and report.first_bad_seq == 2 and report.count == 1


def test_r17_the_viewer_s_client_filter_names_one_client(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    """A client number, ``#number``, a handle or the start of a contact finds one client;
    no match and several matches are refused, saying why (moved from the console adapter)."""
    from nit_desk.domain.errors import ValidationError
    from nit_desk.services.admin.audit_dto import AuditQuery
    from tests.services.agent_support import new_client

    first = new_client(db, agent, 610).client
    second = new_client(db, agent, 611).client
    for typed in (str(first.id), f"#{first.id}", f" # {first.id} ", first.handle):
        rows = audit.audit_page(db, supervisor, AuditQuery(client=typed))
        assert rows and {r.client_id for r in rows} == {first.id}, typed
    assert {r.client_id for r in audit.audit_page(db, supervisor, AuditQuery(
        client=second.handle))} == {second.id}
    with pytest.raises(ValidationError, match="No client"):
        audit.audit_page(db, supervisor, AuditQuery(client="nobody_like_this"))
    with pytest.raises(ValidationError, match="Several clients"):
        audit.audit_page(db, supervisor, AuditQuery(client="@client_61"))


def test_r17_the_viewer_opens_with_one_read(db: Database, agent: Actor,
                                            supervisor: Actor) -> None:
    """audit_view: the first page as audit_page gives it, the kinds of change, the users."""
    from nit_desk.services.admin.audit_dto import AuditQuery

    _make_users(db, supervisor, 2)
    view = audit.audit_view(db, supervisor, AuditQuery(), limit=2)
    assert list(view.entries) == audit.audit_page(db, supervisor, AuditQuery(), limit=2)
    assert view.actions == tuple(audit.audit_actions(db, supervisor))
    assert view.usernames == tuple(u.username for u in users.list_users(db, supervisor))


def test_r17_the_viewer_s_export_uses_the_typed_filter(
        db: Database, agent: Actor, supervisor: Actor, tmp_path: Path) -> None:
    """export_audit writes only the entries of the client the filter names."""
    from nit_desk.services.admin.audit_dto import AuditQuery
    from tests.services.agent_support import new_client

    made = new_client(db, agent, 620).client
    new_client(db, agent, 621)
    target = tmp_path / "client.csv"
    count = audit.export_audit(db, supervisor, AuditQuery(client=f"#{made.id}"), target)
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert count == len(rows) > 0 and {r["Client No."] for r in rows} == {str(made.id)}
