"""R16: money is exact, integer kopecks; quantities are Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.money import (
    MAX_AMOUNT_KOPECKS,
    format_money,
    line_total,
    parse_money,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "kopecks"),
    [
        ("1234", 123400),
        ("1234,5", 123450),
        ("1234.50", 123450),
        ("1 234,50", 123450),
        ("1 234.50", 123450),
        ("1\u00a0234,50 ₽", 123450),
        ("1\u202f234,50₽", 123450),
        ("1234 руб", 123400),
        ("1234 руб.", 123400),
        ("2 100 ₽", 210000),
        ("500 р.", 50000),
        ("  800  ", 80000),
        ("0", 0),
        ("0,01", 1),
        ("1 000 000", 100000000),
        ("100 000 000", MAX_AMOUNT_KOPECKS),
    ],
)
def test_r16_amounts_are_read_exactly(text: str, kopecks: int) -> None:
    """R16: amounts typed the Russian or the English way become exact kopecks."""
    assert parse_money(text) == kopecks


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-5", "negative"),
        ("−5 ₽", "negative"),
        ("1e9", "not hold an amount"),
        ("1e9 ₽", "not hold an amount"),
        ("12,345,6", "not hold an amount"),
        ("abc", "not hold an amount"),
        ("12 34", "not hold an amount"),
        ("1 2345", "not hold an amount"),
        ("1,,5", "not hold an amount"),
        ("Infinity", "not hold an amount"),
        ("NaN", "not hold an amount"),
        ("0x10", "not hold an amount"),
        ("١٢٣", "not hold an amount"),
        ("", "empty"),
        ("   ", "empty"),
        ("1.234", "more than 2 digits"),
        ("10,005", "more than 2 digits"),
        ("100000000,01", "too large"),
        ("999 999 999", "too large"),
        ("9" * 80, "not hold an amount"),
    ],
)
def test_r16_bad_amounts_are_refused_clearly(text: str, words: str) -> None:
    """R16 (scenario 8): negative, malformed, over-precise and over-large amounts are refused."""
    with pytest.raises(ValidationError) as caught:
        parse_money(text, field="unit_price")
    assert caught.value.field == "unit_price"
    assert words in caught.value.message
    assert "unit price" in caught.value.message


@pytest.mark.parametrize(
    ("kopecks", "text"),
    [
        (210000, "2\u00a0100\u00a0₽"),
        (123450, "1\u00a0234,50\u00a0₽"),
        (5, "0,05\u00a0₽"),
        (0, "0\u00a0₽"),
        (99999, "999,99\u00a0₽"),
        (MAX_AMOUNT_KOPECKS, "100\u00a0000\u00a0000\u00a0₽"),
        (-150000, "-1\u00a0500\u00a0₽"),
    ],
)
def test_r16_amounts_are_shown_the_russian_way(kopecks: int, text: str) -> None:
    """R16: no-break group spaces, decimal comma, kopecks only when not zero."""
    assert format_money(kopecks) == text


def test_r16_format_without_symbol() -> None:
    """R16: the symbol can be left out (table cells with a currency column)."""
    assert format_money(150000, symbol="") == "1\u00a0500"


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_KOPECKS))
def test_r16_property_format_then_parse_round_trips(kopecks: int) -> None:
    """R16 (property): what is shown reads back to the same kopecks."""
    assert parse_money(format_money(kopecks)) == kopecks


@given(st.text(max_size=30))
def test_r16_property_parse_money_returns_int_or_refuses(text: str) -> None:
    """R16 (property): any input gives exact non-negative kopecks or a ValidationError."""
    try:
        kopecks = parse_money(text)
    except ValidationError:
        return
    assert type(kopecks) is int
    assert 0 <= kopecks <= MAX_AMOUNT_KOPECKS


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("2", Decimal("2")),
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("0.125", Decimal("0.125")),
        ("10000", Decimal("10000")),
        (" 3 ", Decimal("3")),
    ],
)
def test_r16_quantities_are_decimal(text: str, quantity: Decimal) -> None:
    """R15/R16: a quantity is an exact Decimal."""
    result = parse_quantity(text)
    assert isinstance(result, Decimal)
    assert result == quantity


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-2", "negative"),
        ("0", "more than zero"),
        ("0,000", "more than zero"),
        ("10000.001", "too large"),
        ("20000", "too large"),
        ("1.2345", "more than 3 digits"),
        ("two", "not hold a quantity"),
        ("1e3", "not hold a quantity"),
        ("", "empty"),
    ],
)
def test_r16_bad_quantities_are_refused(text: str, words: str) -> None:
    """R15/R16 (scenario 8): quantity -2 and the like are refused, naming the field."""
    with pytest.raises(ValidationError) as caught:
        parse_quantity(text)
    assert caught.value.field == "quantity"
    assert words in caught.value.message


@pytest.mark.parametrize(
    ("quantity", "price", "total"),
    [
        (Decimal("1"), 50000, 50000),
        (Decimal("2"), 80000, 160000),
        (Decimal("1.5"), 33, 50),  # 49.5 -> 50, half up
        (Decimal("0.005"), 100, 1),  # 0.5 -> 1
        (Decimal("0.004"), 100, 0),
        (Decimal("3"), 0, 0),
        (Decimal("10000"), MAX_AMOUNT_KOPECKS, 10000 * MAX_AMOUNT_KOPECKS),
    ],
)
def test_r16_line_total_is_exact_and_rounds_half_up(
    quantity: Decimal, price: int, total: int
) -> None:
    """R15/R16: a line total is exact, rounded half up to a kopeck."""
    assert line_total(quantity, price) == total


def test_r16_scenario_1_estimate_total() -> None:
    """R15/R16 (scenario 1): 1 x 500 + 2 h x 800 = 2 100 roubles."""
    total = line_total(Decimal(1), 50000) + line_total(parse_quantity("2"), 80000)
    assert format_money(total) == "2\u00a0100\u00a0₽"


def test_r16_line_total_refuses_float() -> None:
    """R16: a float quantity is a programming error, never silently accepted."""
    with pytest.raises(TypeError):
        line_total(1.5, 100)  # type: ignore[arg-type]


@given(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10000), places=3),
    st.integers(min_value=0, max_value=MAX_AMOUNT_KOPECKS),
)
def test_r16_property_line_total_within_half_a_kopeck(quantity: Decimal, price: int) -> None:
    """R16 (property): the rounded total is within half a kopeck of the exact product."""
    total = line_total(quantity, price)
    assert abs(Decimal(total) - quantity * price) <= Decimal("0.5")
