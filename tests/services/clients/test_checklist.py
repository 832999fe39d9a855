"""The registration checklist template: default, versions, supervisors only (R3, R18)."""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import PermissionDenied, ValidationError
from nit_desk.domain.registration import DEFAULT_CHECKLIST
from nit_desk.domain.types import StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import checklist, clients, registration
from nit_desk.services.storage.engine import Database
from tests.services.agent_support import new_client, row_counts


def test_r3_default_template_is_version_one_and_idempotent(db: Database, agent: Actor) -> None:
    first = checklist.ensure_default_template(db)
    again = checklist.ensure_default_template(db)
    assert first == again and first.version == 1
    assert [s.code for s in first.steps] == [s.code for s in DEFAULT_CHECKLIST]
    assert [s.position for s in first.steps] == list(range(1, len(DEFAULT_CHECKLIST) + 1))
    assert checklist.current_template(db, agent) == first


def test_r3_save_makes_a_new_version_with_generated_codes(db: Database,
                                                          supervisor: Actor) -> None:
    base = checklist.current_template(db, supervisor)
    steps = [(s.code, s.title, s.required) for s in base.steps]
    steps.append((None, "Средство удалённого доступа установлено", True))
    steps.append((None, "Remote access tool installed", False))
    saved = checklist.save_template(db, supervisor, steps)
    assert saved.version == 2 and saved.created_by_name == "boss"
    codes = [s.code for s in saved.steps]
    assert codes[:9] == [s.code for s in base.steps]
    assert codes[9].startswith("sredstvo_udalennogo")
    assert codes[10] == "remote_access_tool_installed"
    assert saved.steps[10].required is False
    assert [t.version for t in checklist.list_template_versions(db, supervisor)] == [2, 1]
    assert checklist.current_template(db, supervisor).version == 2


@pytest.mark.parametrize("steps, field", [
    ([], "steps"),
    ([(None, "  ", True)], "steps.0.title"),
    ([(None, "Same", True), (None, "same", False)], "steps.1.title"),
    ([("Bad Code", "A step", True)], "steps.0.code"),
    ([("dup", "One", True), ("dup", "Two", True)], "steps.1.code"),
    ([(None, "код из смс 539201", True)], "steps.0.title"),
])
def test_r3_bad_template_is_refused_and_nothing_written(db: Database, supervisor: Actor,
                                                        steps: list, field: str) -> None:
    checklist.ensure_default_template(db)
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        checklist.save_template(db, supervisor, steps)
    assert err.value.field == field
    assert row_counts(db) == before


def test_r18_agent_cannot_edit_the_template(db: Database, agent: Actor) -> None:
    with pytest.raises(PermissionDenied):
        checklist.save_template(db, agent, [(None, "Anything", True)])
    assert checklist.current_template(db, agent).version == 1


def test_scenario7_old_clients_keep_their_version_r3(db: Database, supervisor: Actor,
                                                     agent: Actor) -> None:
    """Scenario 7: a new required step reaches only clients who come later."""
    registered = new_client(db, agent).client
    for item in registered.checklist:
        registration.set_step_state(db, agent, registered.id, item.code, StepState.DONE)
    halfway = new_client(db, agent).client
    registration.set_step_state(db, agent, halfway.id, "browser_check", StepState.DONE)
    base = checklist.current_template(db, supervisor)
    checklist.save_template(db, supervisor, [(s.code, s.title, s.required) for s in base.steps]
                            + [(None, "remote-access tool installed", True)])
    newcomer = new_client(db, agent).client
    old = clients.client_card(db, agent, registered.id)
    half = clients.client_card(db, agent, halfway.id)
    assert old.template_version == 1 and old.registered and len(old.checklist) == 9
    assert half.template_version == 1 and half.progress.required_done == 1
    assert len(half.checklist) == 9
    assert newcomer.template_version == 2 and len(newcomer.checklist) == 10
    assert newcomer.checklist[-1].code == "remote_access_tool_installed"
