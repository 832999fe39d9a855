"""Sensitive actions are recorded with the warning, never with the code (R8, R9, R17)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nit_desk.domain.errors import NotFound, ValidationError
from nit_desk.services.actor import Actor
from nit_desk.services.clients import clients, sensitive
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import SensitiveAction
from tests.services.agent_support import new_client, row_counts

ACTION = "Регистрация в облачном сервисе резервного копирования"
EXPLANATION = "Клиенту придёт СМС с кодом; код нужен, чтобы подтвердить аккаунт сервиса."


def test_scenario4_r8_warning_and_refusal_are_recorded(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    dto = sensitive.record_sensitive_action(
        db, agent, made.client.id, request_id=made.request_id, action=ACTION,
        explanation=EXPLANATION, warned_and_explained=True, client_agreed=False)
    assert dto.warned_and_explained and not dto.client_agreed
    assert dto.recorded_by == "anna" and dto.request_id == made.request_id
    assert sensitive.list_sensitive_actions(db, agent, made.client.id) == [dto]
    assert clients.client_history(db, agent, made.client.id)[0].action == (
        "sensitive_action.recorded")


def test_r8_not_warned_is_refused_nothing_written(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        sensitive.record_sensitive_action(
            db, agent, made.client.id, request_id=None, action=ACTION,
            explanation=EXPLANATION, warned_and_explained=False, client_agreed=True)
    assert err.value.field == "warned"
    assert row_counts(db) == before


@pytest.mark.parametrize("field, action, explanation", [
    ("action", "код из смс 539201", EXPLANATION),
    ("explanation", ACTION, "карта клиента 4111 1111 1111 1111"),
    ("explanation", ACTION, "SMS code: 539201"),
    ("action", "", EXPLANATION),
    ("explanation", ACTION, "   "),
])
def test_scenario8_r9_code_typed_is_refused_nothing_written(
        db: Database, agent: Actor, field: str, action: str, explanation: str) -> None:
    made = new_client(db, agent)
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        sensitive.record_sensitive_action(
            db, agent, made.client.id, request_id=made.request_id, action=action,
            explanation=explanation, warned_and_explained=True, client_agreed=True)
    assert err.value.field == field
    assert "539201" not in err.value.message and "4111" not in err.value.message
    assert row_counts(db) == before
    with db.read_session() as s:
        assert s.execute(select(SensitiveAction)).first() is None


def test_request_must_belong_to_the_client(db: Database, agent: Actor) -> None:
    one = new_client(db, agent)
    other = new_client(db, agent)
    with pytest.raises(ValidationError) as err:
        sensitive.record_sensitive_action(
            db, agent, one.client.id, request_id=other.request_id, action=ACTION,
            explanation=EXPLANATION, warned_and_explained=True, client_agreed=True)
    assert err.value.field == "request"
    with pytest.raises(NotFound):
        sensitive.record_sensitive_action(
            db, agent, 987654, request_id=None, action=ACTION,
            explanation=EXPLANATION, warned_and_explained=True, client_agreed=True)
