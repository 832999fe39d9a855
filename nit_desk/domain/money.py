"""Exact money and quantities (R16): integer kopecks and Decimal, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.text import field_error

MAX_AMOUNT_KOPECKS = 100_000_000_00
"""The largest amount accepted: 100 million roubles, in kopecks."""

MAX_QUANTITY = Decimal(10000)
"""The largest quantity of an estimate line."""

GROUP_SEPARATOR = "\u00a0"
"""No-break space between thousands and before the currency symbol."""

_MAX_INPUT = 64
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_CURRENCY = re.compile(r"\s*(?:₽|руб(?:\.|лей|ля|ль)?|р\.?|rub)\s*$", re.IGNORECASE)
_AMOUNT = re.compile(r"(?P<whole>[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:[.,](?P<fraction>[0-9]+))?")
_QUANTITY = re.compile(r"(?P<whole>[0-9]+)(?:[.,](?P<fraction>[0-9]+))?")
_MINUS = ("-", "\u2212", "\u2013")

_NOT_AN_AMOUNT = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field does not hold an amount of money. Write it like 1 234,50 or 2100 ₽.",
)
_NOT_A_QUANTITY = QT_TRANSLATE_NOOP(
    "messages", "The {label} field does not hold a quantity. Write it like 2 or 1,5."
)


def parse_money(text: str, *, field: str = "amount") -> int:
    """Read an amount typed by a user into kopecks.

    Accepts ``1234``, ``1234,5``, ``1 234.50``, ``1\\u00a0234,50 ₽``, ``1234 руб``:
    the decimal separator is a comma or a dot with at most two digits after
    it; thousands are grouped only by spaces.

    Raises:
        ValidationError: empty, malformed, negative, more than two decimals,
            or above :data:`MAX_AMOUNT_KOPECKS`.
    """
    value = _prepare(text, field=field, pattern_message=_NOT_AN_AMOUNT)
    value = _CURRENCY.sub("", value)
    match = _AMOUNT.fullmatch(value)
    if match is None:
        raise field_error(_NOT_AN_AMOUNT, field=field, value=text)
    fraction = match.group("fraction") or ""
    if len(fraction) > 2:
        raise field_error(
            QT_TRANSLATE_NOOP(
                "messages",
                "The {label} field has more than 2 digits after the decimal comma; "
                "amounts are exact to the kopeck.",
            ),
            field=field,
            value=text,
        )
    kopecks = int(match.group("whole").replace(" ", "")) * 100 + int(fraction.ljust(2, "0"))
    if kopecks > MAX_AMOUNT_KOPECKS:
        raise field_error(
            QT_TRANSLATE_NOOP("messages", "The {label} is too large: at most {maximum}."),
            field=field,
            value=text,
            maximum=format_money(MAX_AMOUNT_KOPECKS),
        )
    return kopecks


def format_money(kopecks: int, *, symbol: str = "₽") -> str:
    """Show kopecks the Russian way: ``2 100 ₽``, ``1 234,50 ₽`` (no-break spaces).

    Kopecks are shown only when not zero.
    """
    roubles, rest = divmod(abs(kopecks), 100)
    number = f"{roubles:,}".replace(",", GROUP_SEPARATOR)
    if rest:
        number += f",{rest:02d}"
    sign = "-" if kopecks < 0 else ""
    return f"{sign}{number}{GROUP_SEPARATOR}{symbol}" if symbol else f"{sign}{number}"


def parse_quantity(text: str, *, field: str = "quantity") -> Decimal:
    """Read a quantity: positive, at most 3 decimals, at most 10 000; ``1,5`` or ``1.5``.

    Raises:
        ValidationError: empty, malformed, zero or negative, too precise, too large.
    """
    value = _prepare(text, field=field, pattern_message=_NOT_A_QUANTITY)
    match = _QUANTITY.fullmatch(value)
    if match is None:
        raise field_error(_NOT_A_QUANTITY, field=field, value=text)
    fraction = match.group("fraction")
    if fraction is not None and len(fraction) > 3:
        raise field_error(
            QT_TRANSLATE_NOOP(
                "messages", "The {label} has more than 3 digits after the decimal comma."
            ),
            field=field,
            value=text,
        )
    quantity = Decimal(match.group("whole") + ("." + fraction if fraction else ""))
    if quantity == 0:
        raise field_error(
            QT_TRANSLATE_NOOP("messages", "The {label} must be more than zero."),
            field=field,
            value=text,
        )
    if quantity > MAX_QUANTITY:
        raise field_error(
            QT_TRANSLATE_NOOP("messages", "The {label} is too large: at most {maximum}."),
            field=field,
            value=text,
            maximum=f"{MAX_QUANTITY:,}".replace(",", GROUP_SEPARATOR),
        )
    return quantity


def line_total(quantity: Decimal, unit_price_kopecks: int) -> int:
    """Exact total of an estimate line in kopecks, rounded half up to a kopeck.

    Raises:
        TypeError: ``quantity`` is not a Decimal (a float would lose exactness).
    """
    if not isinstance(quantity, Decimal) or isinstance(unit_price_kopecks, bool):
        raise TypeError("line_total takes a Decimal quantity and integer kopecks")
    try:
        total = (quantity * unit_price_kopecks).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    except InvalidOperation as error:  # NaN or infinity
        raise TypeError("line_total takes a finite quantity") from error
    return int(total)


def _prepare(text: str, *, field: str, pattern_message: str) -> str:
    """Strip, unify spaces, and refuse empty, over-long and negative input."""
    value = text.translate(_SPACES).strip()
    if not value:
        raise field_error(
            QT_TRANSLATE_NOOP("messages", "The {label} field is empty: enter a number."),
            field=field,
            value=text,
        )
    if len(value) > _MAX_INPUT:
        raise field_error(pattern_message, field=field, value=text[:_MAX_INPUT])
    if value.startswith(_MINUS):
        raise field_error(
            QT_TRANSLATE_NOOP("messages", "The {label} cannot be negative."),
            field=field,
            value=text,
        )
    return value
