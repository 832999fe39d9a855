"""Password hashing and sign-in hardening (issue 15 item 7; R17, R18).

The suite hashes at a lowered test cost (``NIT_DESK_TEST_SCRYPT_LOG2_N`` in
``tests/conftest.py``); ``test_production_cost_is_owasp_scrypt`` unsets it and
proves the cost the program really uses.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from nit_desk.domain.errors import PermissionDenied, ValidationError
from nit_desk.services.actor import Actor
from nit_desk.services.admin import passwords, users
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry, User
from tests.conftest import PASSWORD


def test_production_cost_is_owasp_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the test-only setting new hashes use N=2^17, r=8, p=1 and still verify."""
    monkeypatch.delenv(passwords.TEST_COST_VARIABLE, raising=False)
    assert passwords.current_cost() == (2**17, 8, 1)
    stored = passwords.hash_password("correct horse 42")
    assert stored.startswith("scrypt$131072$8$1$")
    assert passwords.verify_password("correct horse 42", stored)
    assert not passwords.verify_password("correct horse 43", stored)
    assert not passwords.needs_rehash(stored)


def _old_hash(password: str) -> str:
    """A hash as the desk stored it before: N=2^14."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return "$".join(["scrypt", "16384", "8", "1", base64.b64encode(salt).decode(),
                     base64.b64encode(digest).decode()])


def _stored_hash(db: Database, user_id: int) -> str:
    with db.read_session() as s:
        return s.execute(select(User.password_hash).where(User.id == user_id)).scalar_one()


def test_older_hash_is_upgraded_at_next_sign_in(db: Database, agent: Actor) -> None:
    with db.engine.begin() as conn:
        conn.execute(update(User).where(User.id == agent.user_id)
                     .values(password_hash=_old_hash(PASSWORD)))
    assert users.authenticate(db, "anna", PASSWORD).actor.user_id == agent.user_id
    upgraded = _stored_hash(db, agent.user_id)
    n, r, p = passwords.current_cost()
    assert upgraded.startswith(f"scrypt${n}${r}${p}$") and PASSWORD not in upgraded
    assert users.authenticate(db, "anna", PASSWORD).actor.user_id == agent.user_id
    with db.read_session() as s:
        actions = s.execute(select(AuditEntry.action).where(
            AuditEntry.entity_id == agent.user_id, AuditEntry.entity == "user")).scalars().all()
    assert actions.count("user.password_rehashed") == 1


@pytest.fixture
def scrypt_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int, int]]]:
    """Every scrypt computation's (N, r, p), in order."""
    calls: list[tuple[int, int, int]] = []
    real = hashlib.scrypt

    def counting(password: bytes, **kw: int) -> bytes:
        calls.append((kw["n"], kw["r"], kw["p"]))
        return real(password, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "scrypt", counting)
    yield calls


def test_unknown_user_costs_as_much_as_a_known_one(db: Database, agent: Actor,
                                                   scrypt_calls: list[tuple[int, int, int]]
                                                   ) -> None:
    """The refusal of an unknown name does the same scrypt work as a wrong password."""
    passwords.verify_unknown_user("warm-up")  # the dummy hash is made once per process
    scrypt_calls.clear()
    with pytest.raises(PermissionDenied):
        users.authenticate(db, "anna", "wrong password")
    known = list(scrypt_calls)
    scrypt_calls.clear()
    with pytest.raises(PermissionDenied):
        users.authenticate(db, "nobody-here", "wrong password")
    assert scrypt_calls == known == [passwords.current_cost()]


def test_r17_changing_own_password_locks_out_after_failures(db: Database,
                                                            agent: Actor) -> None:
    for _ in range(users.MAX_FAILED_ATTEMPTS):
        with pytest.raises(ValidationError):
            users.change_password(db, agent, "guess the password", "new password 42")
    with pytest.raises(PermissionDenied, match="locked"):
        users.change_password(db, agent, PASSWORD, "new password 42")
    with pytest.raises(PermissionDenied, match="locked"):
        users.authenticate(db, "anna", PASSWORD)
    with db.read_session() as s:
        actions = s.execute(select(AuditEntry.action).where(
            AuditEntry.entity_id == agent.user_id, AuditEntry.entity == "user")).scalars().all()
    assert actions.count("user.password_change_failed") == users.MAX_FAILED_ATTEMPTS
    assert actions.count("user.locked_out") == 1


def test_r17_successful_change_is_audited(db: Database, agent: Actor) -> None:
    users.change_password(db, agent, PASSWORD, "new password 42")
    assert users.authenticate(db, "anna", "new password 42").actor.user_id == agent.user_id
    with db.read_session() as s:
        assert "user.password_changed" in s.execute(select(AuditEntry.action)).scalars().all()


@pytest.mark.parametrize("blank", [" " * 8, " " * 20, "\t \u00a0  \u3000   "])
def test_password_of_spaces_is_refused(db: Database, supervisor: Actor, agent: Actor,
                                       blank: str) -> None:
    with pytest.raises(ValidationError, match="spaces"):
        users.change_password(db, agent, PASSWORD, blank)
    with pytest.raises(ValidationError, match="spaces"):
        users.reset_password(db, supervisor, agent.user_id, blank)
    with pytest.raises(ValidationError, match="spaces"):
        users.create_user(db, supervisor, "vera", users.Role.AGENT, blank)
