"""Estimate versions: exact totals, frozen versions, stages, registration (R15, R16, R4)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from nit_desk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from nit_desk.domain.money import MAX_AMOUNT_KOPECKS
from nit_desk.domain.types import EstimateStatus, StepState, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.money import estimates
from nit_desk.services.money.estimate_lines import MAX_LINES
from nit_desk.services.money.money_dto import EstimateDTO, EstimateStage, LineInput
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import ChecklistItem, Client, Estimate
from tests.services.money_fixtures import (
    ban_client,
    line,
    make_client,
    make_request,
    row_counts,
)

V1 = [line("Удалённая диагностика", "1", Unit.SERVICE, 500),
      line("Удалённая чистка и оптимизация", "2", Unit.HOUR, 800)]


def _agreed(db: Database, actor: Actor, request_id: int,
            lines: list[LineInput] | None = None) -> EstimateDTO:
    draft = estimates.create_draft(db, actor, request_id)
    draft = estimates.save_draft(db, actor, draft.id, draft.version, lines=lines or V1, note="")
    estimates.propose(db, actor, draft.id)
    return estimates.agree(db, actor, draft.id)


def _exact_total(quantity: Decimal, price: int) -> int:
    """Round half up of the exact product, computed with fractions, not Decimal."""
    return int((Fraction(quantity) * price + Fraction(1, 2)) // 1)


# --- R16: exact totals --------------------------------------------------------

quantities = st.one_of(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal(20), places=3),
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10000), places=3))
prices = st.one_of(st.integers(min_value=0, max_value=5_000_00),
                   st.integers(min_value=0, max_value=MAX_AMOUNT_KOPECKS))
line_inputs = st.builds(LineInput, description=st.sampled_from(["Диагностика", "Настройка",
                                                                "Выезд", "Чистка"]),
                        quantity=quantities, unit=st.sampled_from(list(Unit)),
                        unit_price_kopecks=prices)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line_inputs, min_size=0, max_size=12))
def test_r16_total_is_exactly_the_sum_of_the_lines(db: Database, agent: Actor,
                                                   lines: list[LineInput]) -> None:
    """Property (R15, R16): every line total is the exact product rounded half up to a
    kopeck, and the estimate total is their exact integer sum, stored and reloaded."""
    request_id = make_request(db, make_client(db, f"@h{row_counts(db)['clients']}"))
    draft = estimates.create_draft(db, agent, request_id)
    expected = [_exact_total(item.quantity, item.unit_price_kopecks) for item in lines]
    if sum(expected) > MAX_AMOUNT_KOPECKS:
        with pytest.raises(ValidationError):
            estimates.save_draft(db, agent, draft.id, draft.version, lines=lines, note="")
        return
    saved = estimates.save_draft(db, agent, draft.id, draft.version, lines=lines, note="")
    assert [item.total_kopecks for item in saved.lines] == expected
    assert saved.total_kopecks == sum(expected)
    assert all(isinstance(item.total_kopecks, int) for item in saved.lines)
    reloaded = estimates.get_estimate(db, agent, draft.id)
    assert reloaded.total_kopecks == sum(item.total_kopecks for item in reloaded.lines)
    assert [item.quantity for item in reloaded.lines] == [item.quantity for item in lines]


def test_r16_half_a_kopeck_rounds_up(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    draft = estimates.create_draft(db, agent, request_id)
    saved = estimates.save_draft(db, agent, draft.id, draft.version, note="", lines=[
        LineInput("Настройка", Decimal("0.5"), Unit.HOUR, 1),
        LineInput("Настройка", Decimal("1.333"), Unit.HOUR, 100_00)])
    assert [item.total_kopecks for item in saved.lines] == [1, 13_330]
    assert saved.total_kopecks == 13_331


# --- scenario 1: v1 agreed and frozen -------------------------------------------

def test_scenario1_estimate_v1_agreed_and_frozen_r15(db: Database, agent: Actor) -> None:
    client_id = make_client(db, all_done_but_estimate=True)
    request_id = make_request(db, client_id)
    draft = estimates.create_draft(db, agent, request_id)
    assert (draft.number, draft.status, draft.stage) == (
        1, EstimateStatus.DRAFT, EstimateStage.FIRST_CONTACT)
    draft = estimates.save_draft(db, agent, draft.id, draft.version, lines=V1,
                                 note="Чистка после диагностики")
    assert draft.total_kopecks == 2_100_00
    assert [(item.quantity, item.total_kopecks) for item in draft.lines] == [
        (Decimal(1), 500_00), (Decimal(2), 1_600_00)]
    proposed = estimates.propose(db, agent, draft.id)
    assert proposed.status is EstimateStatus.PROPOSED and proposed.frozen
    agreed = estimates.agree(db, agent, draft.id)
    assert agreed.status is EstimateStatus.AGREED and agreed.decided_at is not None
    assert agreed.created_by_name == "anna"
    with pytest.raises(Conflict):
        estimates.save_draft(db, agent, agreed.id, agreed.version, lines=[], note="")
    assert estimates.get_estimate(db, agent, agreed.id) == agreed


def test_r4_agreeing_ticks_the_estimate_step_and_registers(db: Database, agent: Actor) -> None:
    client_id = make_client(db, all_done_but_estimate=True)
    _agreed(db, agent, make_request(db, client_id))
    with db.read_session() as s:
        item = s.execute(select(ChecklistItem).where(
            ChecklistItem.client_id == client_id, ChecklistItem.code == "estimate_agreed")
        ).scalar_one()
        client = s.get(Client, client_id)
        assert client is not None
        assert item.state == StepState.DONE.value and item.changed_by_id == agent.user_id
        assert client.registered_at is not None


def test_r4_agreeing_with_other_steps_pending_does_not_register(db: Database,
                                                                agent: Actor) -> None:
    client_id = make_client(db)
    _agreed(db, agent, make_request(db, client_id))
    with db.read_session() as s:
        client = s.get(Client, client_id)
        assert client is not None and client.registered_at is None
        states = {i.code: i.state for i in client.checklist}
    assert states["estimate_agreed"] == "done" and states["browser_check"] == "pending"


# --- R15: frozen versions -----------------------------------------------------

_OPS: dict[str, Callable[[Database, Actor, EstimateDTO], object]] = {
    "save_draft": lambda db, a, e: estimates.save_draft(db, a, e.id, e.version, lines=V1[:1],
                                                        note="x"),
    "propose": lambda db, a, e: estimates.propose(db, a, e.id),
    "agree": lambda db, a, e: estimates.agree(db, a, e.id),
    "reject": lambda db, a, e: estimates.reject(db, a, e.id),
}


@pytest.mark.parametrize("final", ["agree", "reject"])
def test_r15_a_decided_version_never_changes_in_any_order(db: Database, agent: Actor,
                                                          final: str) -> None:
    """Every order of save_draft/propose/agree/reject on an agreed (or rejected) version
    is refused, and the version, its lines and the audit log stay as they were."""
    request_id = make_request(db, make_client(db))
    draft = estimates.create_draft(db, agent, request_id)
    draft = estimates.save_draft(db, agent, draft.id, draft.version, lines=V1, note="")
    estimates.propose(db, agent, draft.id)
    decided = _OPS[final](db, agent, draft)
    assert isinstance(decided, EstimateDTO)
    before = row_counts(db)
    for order in itertools.permutations(_OPS):
        for name in order:
            with pytest.raises(Conflict):
                _OPS[name](db, agent, decided)
    assert estimates.get_estimate(db, agent, decided.id) == decided
    assert row_counts(db) == before


def test_r15_a_proposed_version_cannot_be_edited_or_reproposed(db: Database,
                                                               agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    draft = estimates.create_draft(db, agent, request_id)
    draft = estimates.save_draft(db, agent, draft.id, draft.version, lines=V1, note="")
    proposed = estimates.propose(db, agent, draft.id)
    for name in ("save_draft", "propose"):
        with pytest.raises(Conflict):
            _OPS[name](db, agent, proposed)
    assert estimates.get_estimate(db, agent, proposed.id) == proposed


def test_r15_a_draft_must_be_proposed_before_a_decision(db: Database, agent: Actor) -> None:
    draft = estimates.create_draft(db, agent, make_request(db, make_client(db)))
    for name in ("agree", "reject"):
        with pytest.raises(Conflict):
            _OPS[name](db, agent, draft)
    with pytest.raises(ValidationError):  # nothing to propose
        estimates.propose(db, agent, draft.id)


def test_r15_a_change_makes_a_new_version(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    v1 = _agreed(db, agent, request_id)
    v2 = estimates.create_draft(db, agent, request_id, based_on=v1.id)
    assert (v2.number, v2.status, v2.total_kopecks) == (2, EstimateStatus.DRAFT, 2_100_00)
    assert [item.description for item in v2.lines] == [item.description for item in v1.lines]
    v2 = estimates.save_draft(db, agent, v2.id, v2.version, note="", lines=[
        V1[0], line("Удалённая чистка и оптимизация", "3", Unit.HOUR, 800),
        line("Резервное копирование", "1", Unit.SERVICE, 1000)])
    assert estimates.get_estimate(db, agent, v1.id) == v1
    diff = estimates.compare_versions(db, agent, v1.id, v2.id)
    assert [d.description for d in diff.added] == ["Резервное копирование"]
    assert diff.removed == ()
    assert [(old.quantity, new.quantity) for old, new in diff.changed] == [
        (Decimal(2), Decimal(3))]
    assert diff.total_change_kopecks == v2.total_kopecks - v1.total_kopecks == 1_800_00
    assert [v.number for v in estimates.list_versions(db, agent, request_id)] == [1, 2]


def test_r15_only_one_open_version_at_a_time(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    estimates.create_draft(db, agent, request_id)
    before = row_counts(db)
    with pytest.raises(Conflict):
        estimates.create_draft(db, agent, request_id)
    assert row_counts(db) == before


def test_r15_based_on_must_be_the_same_request(db: Database, agent: Actor) -> None:
    client_id = make_client(db)
    other = _agreed(db, agent, make_request(db, client_id))
    with pytest.raises(ValidationError) as err:
        estimates.create_draft(db, agent, make_request(db, client_id), based_on=other.id)
    assert err.value.field == "based_on"
    with pytest.raises(NotFound):
        estimates.create_draft(db, agent, other.request_id, based_on=9999)


# --- stages -------------------------------------------------------------------

def test_r15_stage_first_contact_then_after_registration(db: Database, agent: Actor) -> None:
    client_id = make_client(db, all_done_but_estimate=True)
    request_id = make_request(db, client_id)
    v1 = _agreed(db, agent, request_id)  # registers the client
    assert v1.stage is EstimateStage.FIRST_CONTACT
    v2 = estimates.create_draft(db, agent, request_id, based_on=v1.id)
    assert v2.stage is EstimateStage.AFTER_REGISTRATION
    first_of_next = estimates.create_draft(db, agent, make_request(db, client_id))
    assert first_of_next.stage is EstimateStage.FIRST_CONTACT
    with pytest.raises(ValidationError):
        estimates.create_draft(db, agent, make_request(db, client_id), stage="later")


def test_r15_explicit_stage_is_kept(db: Database, agent: Actor) -> None:
    request_id = make_request(db, make_client(db))
    draft = estimates.create_draft(db, agent, request_id, stage="after_registration")
    assert draft.stage is EstimateStage.AFTER_REGISTRATION


# --- concurrency --------------------------------------------------------------

def test_stale_save_names_who_changed_it_and_when(db: Database, agent: Actor,
                                                  agent2: Actor) -> None:
    request_id = make_request(db, make_client(db))
    draft = estimates.create_draft(db, agent, request_id)
    estimates.save_draft(db, agent, draft.id, draft.version, lines=V1, note="")
    before = row_counts(db)
    with pytest.raises(Conflict) as err:
        estimates.save_draft(db, agent2, draft.id, draft.version, lines=V1[:1], note="")
    assert "anna" in err.value.message and err.value.params["user"] == "anna"
    assert row_counts(db) == before


def test_every_save_gives_a_new_version_number(db: Database, agent: Actor) -> None:
    draft = estimates.create_draft(db, agent, make_request(db, make_client(db)))
    first = estimates.save_draft(db, agent, draft.id, draft.version, lines=V1, note="")
    second = estimates.save_draft(db, agent, draft.id, first.version, lines=V1, note="")
    assert draft.version < first.version < second.version


# --- refusals (R9, R16, scenario 8) -------------------------------------------

@pytest.mark.parametrize(("lines", "note", "field"), [
    ([line("Чистка", "-2", Unit.HOUR, 800)], "", "quantity"),
    ([line("Чистка", "0", Unit.HOUR, 800)], "", "quantity"),
    ([line("Чистка", "10000.001", Unit.HOUR, 800)], "", "quantity"),
    ([line("Чистка", "1.0001", Unit.HOUR, 800)], "", "quantity"),
    ([LineInput("Чистка", 2.0, Unit.HOUR, 800_00)], "", "quantity"),  # type: ignore[arg-type]
    ([LineInput("Чистка", Decimal("NaN"), Unit.HOUR, 800_00)], "", "quantity"),
    ([LineInput("Чистка", Decimal(1), Unit.HOUR, -1)], "", "unit_price"),
    ([LineInput("Чистка", Decimal(1), Unit.HOUR, 80.5)], "", "unit_price"),  # type: ignore[arg-type]
    ([LineInput("Чистка", Decimal(1), Unit.HOUR, MAX_AMOUNT_KOPECKS + 1)], "", "unit_price"),
    ([LineInput("Чистка", Decimal(2), Unit.HOUR, MAX_AMOUNT_KOPECKS)], "", "lines"),
    ([LineInput("Чистка", Decimal(1), "litre", 100)], "", "unit"),  # type: ignore[arg-type]
    ([LineInput("Чистка", Decimal(1), Unit.HOUR, 100, 9999)], "", "price_item"),
    ([LineInput("Чистка", Decimal(1), Unit.HOUR, 100, "1")], "", "price_item"),  # type: ignore[arg-type]
    ([line("", "1", Unit.HOUR, 800)], "", "description"),
    ([line("Карта 4111 1111 1111 1111", "1", Unit.HOUR, 800)], "", "description"),
    (V1, "Клиент дал карту 4111 1111 1111 1111", "note"),
    (V1, "код из смс 539201", "note"),
    ([line("Чистка", "1", Unit.HOUR, 1)] * (MAX_LINES + 1), "", "lines"),
])
def test_scenario8_bad_lines_and_notes_are_refused_nothing_written(
        db: Database, agent: Actor, lines: list[LineInput], note: str, field: str) -> None:
    """R9, R16, scenario 8: a quantity of -2, secrets in notes... refused with the field."""
    draft = estimates.create_draft(db, agent, make_request(db, make_client(db)))
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        estimates.save_draft(db, agent, draft.id, draft.version, lines=lines, note=note)
    assert err.value.field == field
    if field not in ("lines", "note"):
        assert err.value.params["line"] == 1
    assert row_counts(db) == before
    assert estimates.get_estimate(db, agent, draft.id) == draft


def test_r12_no_estimate_work_for_a_banned_client(db: Database, agent: Actor) -> None:
    client_id = make_client(db)
    request_id = make_request(db, client_id)
    draft = estimates.create_draft(db, agent, request_id)
    draft = estimates.save_draft(db, agent, draft.id, draft.version, lines=V1, note="")
    ban_client(db, client_id)
    before = row_counts(db)
    for name in ("save_draft", "propose"):
        with pytest.raises(Conflict):
            _OPS[name](db, agent, draft)
    with pytest.raises(Conflict):
        estimates.create_draft(db, agent, request_id)
    assert row_counts(db) == before


def test_r18_inactive_user_is_refused(db: Database, agent: Actor, supervisor: Actor) -> None:
    request_id = make_request(db, make_client(db))
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        estimates.create_draft(db, agent, request_id)
    with pytest.raises(PermissionDenied):
        estimates.list_versions(db, agent, request_id)


def test_r17_every_change_is_audited(db: Database, agent: Actor) -> None:
    before = row_counts(db)["audit_log"]
    _agreed(db, agent, make_request(db, make_client(db)))
    # created, saved, proposed, agreed (+ the client's step, ticked by agree)
    assert row_counts(db)["audit_log"] == before + 5
    with db.read_session() as s:
        assert s.execute(select(Estimate.status)).scalar_one() == "agreed"


def test_unknown_ids_are_not_found(db: Database, agent: Actor) -> None:
    with pytest.raises(NotFound):
        estimates.create_draft(db, agent, 4242)
    with pytest.raises(NotFound):
        estimates.get_estimate(db, agent, 4242)
    with pytest.raises(NotFound):
        estimates.list_versions(db, agent, 4242)
