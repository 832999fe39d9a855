"""Users, sign-in and lockout (R18, R2)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from nit_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import User
from tests.conftest import PASSWORD


def test_first_supervisor_only_on_empty_database(db: Database) -> None:
    assert not users.has_users(db)
    info = users.create_first_supervisor(db, "boss", PASSWORD)
    assert info.role is Role.SUPERVISOR and users.has_users(db)
    with pytest.raises(Conflict):
        users.create_first_supervisor(db, "intruder", PASSWORD)


def test_password_is_hashed_never_stored_r2(db: Database, supervisor: Actor) -> None:
    with db.read_session() as s:
        stored = s.execute(select(User.password_hash)).scalar_one()
    assert PASSWORD not in stored and stored.startswith("scrypt$")


def test_r18_agent_cannot_add_users(db: Database, agent: Actor) -> None:
    with pytest.raises(PermissionDenied):
        users.create_user(db, agent, "mallory", Role.SUPERVISOR, PASSWORD)
    assert [u.username for u in users.list_users(db, users.authenticate(
        db, "boss", PASSWORD).actor)] == ["anna", "boss"]


def test_five_wrong_passwords_lock_the_account(db: Database, agent: Actor,
                                               supervisor: Actor) -> None:
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            users.authenticate(db, "anna", "wrong password")
    with pytest.raises(PermissionDenied, match="locked"):
        users.authenticate(db, "anna", PASSWORD)
    users.unlock(db, supervisor, agent.user_id)
    assert users.authenticate(db, "anna", PASSWORD).actor.user_id == agent.user_id


def test_last_supervisor_cannot_be_removed_or_demoted(db: Database, supervisor: Actor,
                                                      agent: Actor) -> None:
    with pytest.raises(PermissionDenied):
        users.set_active(db, supervisor, supervisor.user_id, False)
    with pytest.raises(Conflict):
        users.set_role(db, supervisor, supervisor.user_id, Role.AGENT)
    users.set_role(db, supervisor, agent.user_id, Role.SUPERVISOR)
    users.set_role(db, supervisor, supervisor.user_id, Role.AGENT)  # now allowed


def test_deactivated_user_loses_access_at_once(db: Database, supervisor: Actor,
                                               agent: Actor) -> None:
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        users.authenticate(db, "anna", PASSWORD)


def test_reset_password_forces_change(db: Database, supervisor: Actor, agent: Actor) -> None:
    users.reset_password(db, supervisor, agent.user_id, "temporary-123")
    sign_in = users.authenticate(db, "anna", "temporary-123")
    assert sign_in.must_change_password
    users.change_password(db, sign_in.actor, "temporary-123", "my own secret 9")
    assert not users.authenticate(db, "anna", "my own secret 9").must_change_password


@pytest.mark.parametrize("name", ["", "a", "has space", "x" * 33, "semi;colon"])
def test_bad_user_names_are_refused_with_the_field(db: Database, supervisor: Actor,
                                                   name: str) -> None:
    with pytest.raises(ValidationError) as err:
        users.create_user(db, supervisor, name, Role.AGENT, PASSWORD)
    assert err.value.field == "username"


def test_failed_call_writes_nothing(db: Database, supervisor: Actor) -> None:
    with db.read_session() as s:
        before = s.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    with pytest.raises(ValidationError):
        users.create_user(db, supervisor, "shorty", Role.AGENT, "short")
    with db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == before
        assert s.execute(text("SELECT count(*) FROM users")).scalar_one() == 1
