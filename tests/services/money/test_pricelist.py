"""The price list: defaults, supervisors' edits, validation (R15, R16, R18)."""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import PermissionDenied, ValidationError
from nit_desk.domain.money import MAX_AMOUNT_KOPECKS
from nit_desk.domain.types import Unit
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.money import estimates, pricelist
from nit_desk.services.storage.engine import Database
from tests.services.money_fixtures import line, make_client, make_request, row_counts


def _by_name(db: Database, actor: Actor) -> dict[str, pricelist.PriceItemDTO]:
    return {item.name: item for item in pricelist.list_price_items(db, actor, True)}


def test_r15_default_price_list_is_seeded_once(db: Database, agent: Actor) -> None:
    added = pricelist.seed_default_price_list(db)
    assert len(added) == len(pricelist.DEFAULT_PRICE_LIST)
    assert pricelist.seed_default_price_list(db) == ()
    items = _by_name(db, agent)
    assert len(items) == len(pricelist.DEFAULT_PRICE_LIST)
    diagnosis = items["Удалённая диагностика"]
    assert (diagnosis.unit, diagnosis.unit_price_kopecks) == (Unit.SERVICE, 50_000)
    assert items["Удалённая чистка и оптимизация"].unit_price_kopecks == 80_000
    assert items["Выезд специалиста"].unit is Unit.VISIT
    extra = [item.name for item in items.values() if item.extra_fee]
    assert extra == ["Регистрация на стороннем сервисе (доп. плата)"]


def test_r15_seed_does_not_undo_a_supervisors_edit(db: Database, supervisor: Actor) -> None:
    pricelist.seed_default_price_list(db)
    item = _by_name(db, supervisor)["Настройка принтера"]
    pricelist.update_price_item(db, supervisor, item.id, name="Настройка МФУ", unit=Unit.PIECE,
                                unit_price_kopecks=90_000, extra_fee=False)
    pricelist.seed_default_price_list(db)
    names = _by_name(db, supervisor)
    assert "Настройка принтера" not in names and "Настройка МФУ" in names


def test_r18_agents_cannot_change_the_price_list(db: Database, agent: Actor,
                                                 supervisor: Actor) -> None:
    pricelist.seed_default_price_list(db)
    item = pricelist.list_price_items(db, agent)[0]
    before = row_counts(db)
    with pytest.raises(PermissionDenied):
        pricelist.create_price_item(db, agent, name="Чай", unit=Unit.PIECE,
                                    unit_price_kopecks=100)
    with pytest.raises(PermissionDenied):
        pricelist.update_price_item(db, agent, item.id, name=item.name, unit=item.unit,
                                    unit_price_kopecks=1, extra_fee=False)
    with pytest.raises(PermissionDenied):
        pricelist.set_price_item_active(db, agent, item.id, False)
    assert row_counts(db) == before
    assert pricelist.list_price_items(db, agent)[0] == item


def test_r18_inactive_user_cannot_even_read(db: Database, agent: Actor,
                                            supervisor: Actor) -> None:
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        pricelist.list_price_items(db, agent)


def test_r18_supervisor_edits_and_audits(db: Database, supervisor: Actor) -> None:
    before = row_counts(db)["audit_log"]
    item = pricelist.create_price_item(db, supervisor, name="  Настройка   роутера ",
                                       unit=Unit.PIECE, unit_price_kopecks=60_000)
    assert item.name == "Настройка роутера" and item.active
    changed = pricelist.update_price_item(db, supervisor, item.id, name=item.name,
                                          unit=Unit.HOUR, unit_price_kopecks=65_000,
                                          extra_fee=True)
    assert (changed.unit, changed.unit_price_kopecks, changed.extra_fee) == (
        Unit.HOUR, 65_000, True)
    hidden = pricelist.set_price_item_active(db, supervisor, item.id, False)
    assert not hidden.active
    assert item.id not in [i.id for i in pricelist.list_price_items(db, supervisor)]
    assert item.id in [i.id for i in pricelist.list_price_items(db, supervisor, True)]
    assert row_counts(db)["audit_log"] == before + 3


@pytest.mark.parametrize(("name", "price", "field"), [
    ("", 100, "name"),
    ("Настройка\nпринтера", 100, "name"),
    ("Карта 4111 1111 1111 1111", 100, "name"),
    ("Нормальное имя", 0, "unit_price"),
    ("Нормальное имя", -100, "unit_price"),
    ("Нормальное имя", MAX_AMOUNT_KOPECKS + 1, "unit_price"),
    ("Нормальное имя", 100.0, "unit_price"),
    ("Нормальное имя", True, "unit_price"),
])
def test_r16_r9_bad_items_are_refused_and_nothing_is_written(
        db: Database, supervisor: Actor, name: str, price: object, field: str) -> None:
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        pricelist.create_price_item(db, supervisor, name=name, unit=Unit.PIECE,
                                    unit_price_kopecks=price)  # type: ignore[arg-type]
    assert err.value.field == field
    assert row_counts(db) == before


def test_duplicate_names_are_refused_case_insensitively(db: Database,
                                                        supervisor: Actor) -> None:
    pricelist.seed_default_price_list(db)
    with pytest.raises(ValidationError) as err:
        pricelist.create_price_item(db, supervisor, name="НАСТРОЙКА ПРИНТЕРА",
                                    unit=Unit.PIECE, unit_price_kopecks=100)
    assert err.value.field == "name"


def test_r15_repricing_never_changes_an_existing_estimate(db: Database, agent: Actor,
                                                          supervisor: Actor) -> None:
    pricelist.seed_default_price_list(db)
    printer = _by_name(db, agent)["Настройка принтера"]
    request_id = make_request(db, make_client(db))
    draft = estimates.create_draft(db, agent, request_id)
    draft = estimates.save_draft(db, agent, draft.id, draft.version, note="", lines=[
        line(printer.name, "1", printer.unit, 700, printer.id)])
    pricelist.update_price_item(db, supervisor, printer.id, name=printer.name,
                                unit=printer.unit, unit_price_kopecks=99_900, extra_fee=False)
    assert estimates.get_estimate(db, agent, draft.id).total_kopecks == 70_000
