"""Checking the lines of an estimate draft before anything is written (R15, R16, R9).

Each error names the field and, in ``params["line"]``, the line (from 1), so
the editor can point at the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.money import MAX_AMOUNT_KOPECKS, MAX_QUANTITY, format_money, line_total
from nit_desk.domain.text import clean_text
from nit_desk.domain.types import Unit
from nit_desk.services.money.money_dto import EstimateStage, LineInput
from nit_desk.services.storage.models import EstimateLine, PriceItem

MAX_LINES = 1000
DESCRIPTION_MAX_LENGTH = 500
_QUANTUM = Decimal("0.001")


def _line_error(template: str, field: str, position: int, **params: Any) -> ValidationError:
    return ValidationError(template, field=field, line=position, **params)


def _check_quantity(quantity: object, position: int) -> Decimal:
    if not isinstance(quantity, Decimal) or not quantity.is_finite():
        raise _line_error(QT_TRANSLATE_NOOP(
            "messages", "Line {line}: the quantity is not an exact number."), "quantity", position)
    if quantity <= 0:
        raise _line_error(QT_TRANSLATE_NOOP(
            "messages", "Line {line}: the quantity must be more than zero."), "quantity", position)
    if quantity > MAX_QUANTITY:
        raise _line_error(QT_TRANSLATE_NOOP(
            "messages", "Line {line}: the quantity is too large: at most {maximum}."),
            "quantity", position, maximum=str(MAX_QUANTITY))
    if quantity != quantity.quantize(_QUANTUM):
        raise _line_error(QT_TRANSLATE_NOOP(
            "messages", "Line {line}: the quantity has more than 3 digits after the decimal "
            "comma."), "quantity", position)
    return quantity.quantize(_QUANTUM)


def _check_unit_price(price: object, position: int) -> int:
    if isinstance(price, bool) or not isinstance(price, int):
        raise _line_error(QT_TRANSLATE_NOOP(
            "messages", "Line {line}: the unit price must be whole kopecks."), "unit_price",
            position)
    if not 0 <= price <= MAX_AMOUNT_KOPECKS:
        raise _line_error(QT_TRANSLATE_NOOP(
            "messages", "Line {line}: the unit price must be from 0 to {maximum}."),
            "unit_price", position, maximum=format_money(MAX_AMOUNT_KOPECKS))
    return price


def _check_line(line: LineInput, position: int) -> EstimateLine:
    try:
        description = clean_text(line.description, field="description",
                                 max_length=DESCRIPTION_MAX_LENGTH, required=True)
    except ValidationError as error:
        error.params["line"] = position  # so the editor can point at the cell
        raise
    item_id = line.price_item_id
    if item_id is not None and (isinstance(item_id, bool) or not isinstance(item_id, int)):
        raise _line_error(QT_TRANSLATE_NOOP("messages", "Line {line}: no such price-list item."),
                          "price_item", position)
    quantity = _check_quantity(line.quantity, position)
    try:
        unit = Unit(line.unit)
    except ValueError:
        raise _line_error(QT_TRANSLATE_NOOP("messages", "Line {line}: unknown unit."), "unit",
                          position) from None
    price = _check_unit_price(line.unit_price_kopecks, position)
    return EstimateLine(position=position, price_item_id=line.price_item_id,
                        description=description, quantity=quantity, unit=unit.value,
                        unit_price_kopecks=price, total_kopecks=line_total(quantity, price))


def check_lines(session: Session, lines: Sequence[LineInput]) -> list[EstimateLine]:
    """Check every line of a draft and build its rows with exact totals (R15, R16, R9).

    Raises:
        ValidationError: the first bad line (``params["line"]``, from 1) or
            field, too many lines, or a total above the money maximum.
    """
    if len(lines) > MAX_LINES:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "An estimate has at most {maximum} lines."), field="lines",
            maximum=MAX_LINES)
    rows = [_check_line(line, position) for position, line in enumerate(lines, start=1)]
    wanted = {row.price_item_id for row in rows if row.price_item_id is not None}
    known = set(session.execute(
        select(PriceItem.id).where(PriceItem.id.in_(wanted))).scalars()) if wanted else set()
    for row in rows:
        if row.price_item_id is not None and row.price_item_id not in known:
            raise _line_error(QT_TRANSLATE_NOOP(
                "messages", "Line {line}: no such price-list item."), "price_item",
                row.position)
    if sum(row.total_kopecks for row in rows) > MAX_AMOUNT_KOPECKS:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "The estimate total is too large: at most {maximum}."), field="lines",
            maximum=format_money(MAX_AMOUNT_KOPECKS))
    return rows


def check_stage(stage: EstimateStage | str) -> EstimateStage:
    """Turn ``stage`` into an :class:`EstimateStage` or refuse it."""
    try:
        return EstimateStage(stage)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "Unknown estimate stage."),
                              field="stage") from None
