"""Free text and names are cleaned and checked before anything is written (R9)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.text import clean_name, clean_text, field_error, field_label


def test_clean_text_strips_and_normalizes_newlines() -> None:
    """Ends are stripped and every newline becomes \\n; tabs stay."""
    assert clean_text("  a\r\nb\rc\u2028d\te  ", field="notes") == "a\nb\nc\nd\te"


def test_clean_text_scenario_1_system_information_passes() -> None:
    """Scenario 1: the system information of @pc_slow_msk is ordinary text."""
    text = "Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB"
    assert clean_text(text, field="system_info") == text


def test_clean_text_normalizes_to_nfc() -> None:
    """Combining marks are composed, so equal-looking text is equal."""
    assert clean_text("е\u0308ж", field="notes") == "ёж"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85\x00", "\ud800"])
def test_clean_text_refuses_control_characters_naming_the_field(char: str) -> None:
    """Control characters other than newline and tab are refused; the message names the field."""
    with pytest.raises(ValidationError) as caught:
        clean_text(f"ok {char} ok", field="system_info")
    assert caught.value.field == "system_info"
    assert "system info" in caught.value.message
    assert "control character" in caught.value.message


def test_clean_text_refuses_too_long() -> None:
    """Text over the maximum length is refused, with both lengths in the message."""
    with pytest.raises(ValidationError) as caught:
        clean_text("a" * 11, field="notes", max_length=10)
    assert "11" in caught.value.message and "10" in caught.value.message
    assert clean_text("a" * 10 + "   ", field="notes", max_length=10) == "a" * 10


def test_clean_text_empty_is_fine_unless_required() -> None:
    """Empty text passes unless the field is required."""
    assert clean_text("   ", field="notes") == ""
    with pytest.raises(ValidationError) as caught:
        clean_text(" \n ", field="notes", required=True)
    assert "required" in caught.value.message


@pytest.mark.parametrize("text", ["клиент дал 4111 1111 1111 1111", "код из смс 539201"])
def test_clean_text_refuses_secrets_r9(text: str) -> None:
    """R9 (scenario 8): a card number or one-time code in a note is refused."""
    with pytest.raises(ValidationError) as caught:
        clean_text(text, field="notes")
    assert caught.value.field == "notes"
    assert "539201" not in caught.value.message


def test_clean_name_collapses_spaces() -> None:
    """A name is one line; runs of spaces and tabs become one space."""
    assert clean_name("  Remote-access \t tool  installed ", field="title") == (
        "Remote-access tool installed"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("two\nlines", "single line"),
        ("two\r\nlines", "single line"),
        ("two\u2028lines", "single line"),
        ("", "required"),
        ("   ", "required"),
        ("x" * 65, "too long"),
        ("bell\x07", "control character"),
        ("pin: 1234", "one-time code or password"),
    ],
)
def test_clean_name_refusals(text: str, words: str) -> None:
    """A name is required, one line, short, without control characters or secrets."""
    with pytest.raises(ValidationError) as caught:
        clean_name(text, field="step_title")
    assert caught.value.field == "step_title"
    assert words in caught.value.message
    assert "step title" in caught.value.message


def test_field_error_carries_a_plain_label() -> None:
    """Messages name the field in plain words."""
    error = field_error("The {label} field is wrong.", field="unit_price", value="x")
    assert field_label("system_info") == "system info"
    assert error.field == "unit_price"
    assert error.message == "The unit price field is wrong."


@given(st.text(max_size=300))
def test_property_clean_text_returns_str_or_refuses(text: str) -> None:
    """Any unicode text is either cleaned to a str or refused with a ValidationError."""
    try:
        cleaned = clean_text(text, field="notes")
    except ValidationError as error:
        assert error.field == "notes"
        return
    assert isinstance(cleaned, str)
    assert cleaned == cleaned.strip()
    assert "\r" not in cleaned
    assert clean_text(cleaned, field="notes") == cleaned


@given(st.text(max_size=100))
def test_property_clean_name_returns_one_line_or_refuses(text: str) -> None:
    """Any unicode text is either a one-line name or a ValidationError."""
    try:
        cleaned = clean_name(text, field="name")
    except ValidationError:
        return
    assert cleaned and "\n" not in cleaned and len(cleaned) <= 64
    assert clean_name(cleaned, field="name") == cleaned
