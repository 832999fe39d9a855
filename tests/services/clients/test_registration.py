"""A client's registration checklist: states, who and when, registered (R3, R4, R5, R17)."""

from __future__ import annotations

import json

import pytest

from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.types import StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, clients, registration, trust
from nit_desk.services.storage.engine import Database
from tests.services.agent_support import new_client, register_fully, row_counts


def test_r3_step_records_state_who_and_when(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    changed = registration.set_step_state(db, agent, card.id, "browser_check", StepState.DONE)
    item = changed.checklist[0]
    assert item.code == "browser_check" and item.state is StepState.DONE
    assert item.changed_by == "anna" and item.changed_at is not None
    assert changed.progress.required_done == 1 and not changed.registered


def test_r4_registered_when_every_required_step_is_done(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    codes = [i.code for i in card.checklist]
    for code in codes[:-1]:
        card = registration.set_step_state(db, agent, card.id, code, StepState.DONE)
        assert not card.registered and card.registered_at is None
    card = registration.set_step_state(db, agent, card.id, codes[-1], StepState.DONE)
    assert card.registered and card.registered_at is not None
    undone = registration.set_step_state(db, agent, card.id, codes[0], StepState.NOT_APPLICABLE)
    assert not undone.registered and undone.registered_at is None


def test_r4_optional_steps_do_not_block_registration(db: Database, agent: Actor,
                                                     supervisor: Actor) -> None:
    from nit_desk.services.clients import checklist
    checklist.save_template(db, supervisor, [(None, "Must", True), (None, "May", False)])
    card = new_client(db, agent).client
    assert [i.required for i in card.checklist] == [True, False]
    card = registration.set_step_state(db, agent, card.id, "must", StepState.DONE)
    assert card.registered and card.progress.required_total == 1


def test_r3_refused_step_stays_refused_until_changed(db: Database, agent: Actor,
                                                     agent2: Actor) -> None:
    card = new_client(db, agent).client
    registration.set_step_state(db, agent, card.id, "phone_confirmed", StepState.REFUSED)
    registration.set_step_state(db, agent2, card.id, "email_confirmed", StepState.DONE)
    items = {i.code: i for i in clients.client_card(db, agent, card.id).checklist}
    assert items["phone_confirmed"].state is StepState.REFUSED
    assert items["phone_confirmed"].changed_by == "anna"
    assert items["email_confirmed"].changed_by == "boris"


def test_r17_step_change_is_audited_with_before_and_after(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    registration.set_step_state(db, agent, card.id, "browser_check", StepState.REFUSED)
    entry = clients.client_history(db, agent, card.id)[0]
    assert entry.action == "client.step_changed" and entry.actor_name == "anna"
    assert json.loads(entry.before) == {"code": "browser_check", "state": "pending"}
    assert json.loads(entry.after) == {"code": "browser_check", "state": "refused"}


def test_r5_losing_registration_removes_trust(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    register_fully(db, agent, card.id)
    assert trust.set_trusted(db, agent, card.id, True).trusted
    after = registration.set_step_state(db, agent, card.id, "estimate_agreed",
                                        StepState.PENDING)
    assert not after.registered and not after.trusted


def test_unknown_step_or_state_is_refused_nothing_written(db: Database, agent: Actor) -> None:
    card = new_client(db, agent).client
    before = row_counts(db)
    with pytest.raises(NotFound) as err:
        registration.set_step_state(db, agent, card.id, "no_such_step", StepState.DONE)
    assert err.value.field == "code"
    with pytest.raises(ValidationError):
        registration.set_step_state(db, agent, card.id, "browser_check", "finished")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        registration.set_step_state(db, agent, 424242, "browser_check", StepState.DONE)
    assert row_counts(db) == before


def test_r12_banned_client_checklist_cannot_change(db: Database, agent: Actor,
                                                   supervisor: Actor) -> None:
    card = new_client(db, agent).client
    proposal = bans.propose_ban(db, agent, card.id, ["browser_check"], "obstructs")
    bans.approve_ban(db, supervisor, proposal.id, "agreed")
    with pytest.raises(Conflict):
        registration.set_step_state(db, agent, card.id, "browser_check", StepState.DONE)
