"""The price list: services with a unit and a unit price, kept by supervisors (R15, R18).

Estimate lines copy the name, unit and price of an item when they are made,
so changing the price list never changes an existing estimate version.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import NotFound, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.money import MAX_AMOUNT_KOPECKS, format_money
from nit_desk.domain.text import clean_name, field_error
from nit_desk.domain.types import Role, Unit
from nit_desk.services.actor import SYSTEM, Actor
from nit_desk.services.money.money_dto import PriceItemDTO
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import PriceItem
from nit_desk.services.uow import UnitOfWork

NAME_MAX_LENGTH = 200

DEFAULT_PRICE_LIST: tuple[tuple[str, Unit, int, bool], ...] = (
    ("Удалённая диагностика", Unit.SERVICE, 500_00, False),
    ("Удалённая настройка", Unit.HOUR, 800_00, False),
    ("Удалённая чистка и оптимизация", Unit.HOUR, 800_00, False),
    ("Удаление вирусов и вредоносных программ", Unit.SERVICE, 1_200_00, False),
    ("Установка и настройка программы", Unit.PIECE, 400_00, False),
    ("Установка операционной системы", Unit.SERVICE, 2_000_00, False),
    ("Настройка принтера", Unit.PIECE, 700_00, False),
    ("Резервное копирование", Unit.SERVICE, 1_000_00, False),
    ("Настройка сети малого офиса", Unit.HOUR, 1_500_00, False),
    ("Выезд специалиста", Unit.VISIT, 2_500_00, False),
    ("Работа специалиста на выезде", Unit.HOUR, 1_200_00, False),
    ("Регистрация на стороннем сервисе (доп. плата)", Unit.SERVICE, 1_500_00, True),
)
"""Name, unit, unit price in kopecks and extra-fee flag of the default services."""


def _dto(item: PriceItem) -> PriceItemDTO:
    return PriceItemDTO(item.id, item.name, Unit(item.unit), item.unit_price_kopecks,
                        item.extra_fee, item.active)


def _snapshot(item: PriceItem) -> dict[str, object]:
    return {"name": item.name, "unit": item.unit, "unit_price_kopecks": item.unit_price_kopecks,
            "extra_fee": item.extra_fee, "active": item.active}


def check_price(kopecks: int, *, field: str = "unit_price", allow_zero: bool = False) -> int:
    """Refuse a price that is not whole kopecks, not positive, or above the maximum (R16).

    Raises:
        ValidationError: naming ``field``.
    """
    if isinstance(kopecks, bool) or not isinstance(kopecks, int):
        raise field_error(QT_TRANSLATE_NOOP("messages", "The {label} must be whole kopecks."),
                          field=field)
    if kopecks < 0:
        raise field_error(QT_TRANSLATE_NOOP("messages", "The {label} cannot be negative."),
                          field=field)
    if kopecks == 0 and not allow_zero:
        raise field_error(QT_TRANSLATE_NOOP("messages", "The {label} must be more than zero."),
                          field=field)
    if kopecks > MAX_AMOUNT_KOPECKS:
        raise field_error(
            QT_TRANSLATE_NOOP("messages", "The {label} is too large: at most {maximum}."),
            field=field, maximum=format_money(MAX_AMOUNT_KOPECKS))
    return kopecks


def check_unit(unit: Unit | str, *, field: str = "unit") -> Unit:
    """Turn ``unit`` into a :class:`Unit` or refuse it."""
    try:
        return Unit(unit)
    except ValueError:
        raise field_error(QT_TRANSLATE_NOOP("messages", "The {label} is not a known unit."),
                          field=field) from None


def _check_item(name: str, unit: Unit | str, unit_price_kopecks: int,
                extra_fee: bool) -> tuple[str, Unit, int, bool]:
    cleaned = clean_name(name, field="name", max_length=NAME_MAX_LENGTH)
    return cleaned, check_unit(unit), check_price(unit_price_kopecks), bool(extra_fee)


def _refuse_duplicate(uow: UnitOfWork, name: str, item_id: int | None = None) -> None:
    """Refuse a name another item has, ignoring case (in Python: SQLite's lower() is ASCII)."""
    wanted = name.casefold()
    for other_id, other_name in uow.session.execute(select(PriceItem.id, PriceItem.name)):
        if other_id != item_id and other_name.casefold() == wanted:
            raise ValidationError(
                QT_TRANSLATE_NOOP("messages",
                                  "The price list has a service named {name} already."),
                field="name", name=other_name)


def _item(uow: UnitOfWork, item_id: int) -> PriceItem:
    item = uow.session.get(PriceItem, item_id)
    if item is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such price-list item."),
                       field="price_item")
    return item


def seed_default_price_list(db: Database) -> tuple[PriceItemDTO, ...]:
    """Fill an empty price list with NIT's default services; do nothing otherwise.

    Idempotent: once the list has any item (seeded, or edited by a supervisor),
    nothing is added, so a deliberate rename or removal is never undone.

    Returns:
        The items added (empty when the list was not empty).
    """
    with UnitOfWork(db, SYSTEM) as uow:
        uow.require()
        if uow.session.execute(select(func.count(PriceItem.id))).scalar_one():
            return ()
        items = [PriceItem(name=name, unit=unit.value, unit_price_kopecks=price,
                           extra_fee=extra, active=True)
                 for name, unit, price, extra in DEFAULT_PRICE_LIST]
        uow.session.add_all(items)
        uow.session.flush()
        for item in items:
            uow.audit("price_item.created", "price_item", item.id, after=_snapshot(item))
        uow.commit()
        return tuple(_dto(item) for item in items)


def list_price_items(db: Database, actor: Actor,
                     include_inactive: bool = False) -> tuple[PriceItemDTO, ...]:
    """The price list in its order, active items only unless asked (any active user)."""
    with UnitOfWork(db, actor) as uow:
        uow.require()
        return price_items(uow.session, include_inactive)


def price_items(session: Session, include_inactive: bool = False) -> tuple[PriceItemDTO, ...]:
    """The price list in its order read in ``session`` (for a service's own read)."""
    query = select(PriceItem).order_by(PriceItem.id)
    if not include_inactive:
        query = query.where(PriceItem.active.is_(True))
    return tuple(_dto(item) for item in session.execute(query).scalars())


def create_price_item(db: Database, actor: Actor, *, name: str, unit: Unit,
                      unit_price_kopecks: int, extra_fee: bool = False) -> PriceItemDTO:
    """Add a service to the price list (supervisors only, R18).

    Raises:
        PermissionDenied: the actor is not an active supervisor.
        ValidationError: a bad name, unit or price, or a name already used.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        name, unit, price, extra = _check_item(name, unit, unit_price_kopecks, extra_fee)
        _refuse_duplicate(uow, name)
        item = PriceItem(name=name, unit=unit.value, unit_price_kopecks=price,
                         extra_fee=extra, active=True)
        uow.session.add(item)
        uow.session.flush()
        uow.audit("price_item.created", "price_item", item.id, after=_snapshot(item))
        uow.commit()
        return _dto(item)


def update_price_item(db: Database, actor: Actor, item_id: int, *, name: str, unit: Unit,
                      unit_price_kopecks: int, extra_fee: bool) -> PriceItemDTO:
    """Rename or reprice a service (supervisors only, R18); estimates keep their prices.

    Raises:
        PermissionDenied, NotFound, ValidationError.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        item = _item(uow, item_id)
        name, unit, price, extra = _check_item(name, unit, unit_price_kopecks, extra_fee)
        _refuse_duplicate(uow, name, item_id)
        before = _snapshot(item)
        item.name, item.unit, item.unit_price_kopecks, item.extra_fee = (
            name, unit.value, price, extra)
        after = _snapshot(item)
        if after != before:
            uow.audit("price_item.changed", "price_item", item.id, before=before, after=after)
        uow.commit()
        return _dto(item)


def set_price_item_active(db: Database, actor: Actor, item_id: int,
                          active: bool) -> PriceItemDTO:
    """Withdraw a service from the list or bring it back (supervisors only, R18).

    A withdrawn item is no longer offered for new lines; existing lines keep it.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        item = _item(uow, item_id)
        before = item.active
        item.active = bool(active)
        if before != item.active:
            uow.audit("price_item.activated" if active else "price_item.deactivated",
                      "price_item", item.id, before={"active": before},
                      after={"active": item.active})
        uow.commit()
        return _dto(item)
