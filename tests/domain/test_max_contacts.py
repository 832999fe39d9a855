"""MAX, the state messenger, as a contact network (R1): canonical forms, refusals, links."""

from __future__ import annotations

import pytest

from nit_desk.domain.contact_links import contact_link
from nit_desk.domain.contacts import (
    contact_text,
    handle_search_prefixes,
    normalize_handle,
)
from nit_desk.domain.errors import ValidationError
from nit_desk.domain.types import ContactKind, Network


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("8 912 345-67-89", "max:+79123456789"),
        ("+7 (912) 345 67 89", "max:+79123456789"),
        ("max:+79123456789", "max:+79123456789"),
        ("https://max.ru/u/f9LHodD0cOI", "max.ru/u/f9LHodD0cOI"),
        ("max.ru/u/f9LHodD0cOI/", "max.ru/u/f9LHodD0cOI"),
        ("https://web.max.ru/u/AbC_12-xyz", "max.ru/u/AbC_12-xyz"),
        ("https://max.ru/PC_Slow_Msk", "max.ru/pc_slow_msk"),
        ("@pc_slow_msk", "max.ru/pc_slow_msk"),
        ("pc.slow.msk", "max.ru/pc.slow.msk"),
    ],
)
def test_r1_max_accounts_have_one_canonical_form(text: str, canonical: str) -> None:
    """R1: a MAX account is a phone number, a shared profile link or a public name."""
    assert normalize_handle(Network.MAX, text) == canonical


@pytest.mark.parametrize(
    "text", ["", "max.ru/", "max.ru", "abc", "@пк_медленный", "max.ru/u/ab", "8 495 123-45-67",
             "pc slow", "1pc_slow"])
def test_r1_bad_max_accounts_are_refused_naming_field_and_network(text: str) -> None:
    """R1: a MAX account that is none of the three forms is refused, naming the field."""
    with pytest.raises(ValidationError) as error:
        normalize_handle(Network.MAX, text, field="messenger.0")
    assert error.value.field == "messenger.0"


def test_r1_max_number_stays_apart_from_the_same_whatsapp_number() -> None:
    """R1: one number on WhatsApp and on MAX are two stored contacts (values are unique)."""
    whatsapp = normalize_handle(Network.WHATSAPP, "8 912 345-67-89")
    on_max = normalize_handle(Network.MAX, "8 912 345-67-89")
    assert whatsapp != on_max
    assert contact_text(on_max) == whatsapp == "+79123456789"


def test_r1_max_is_copied_never_opened_and_skype_is_no_channel() -> None:
    """R1: MAX has no public link scheme, so the card copies it; Skype stays only as data."""
    assert contact_link(ContactKind.MESSENGER, Network.MAX, "max:+79123456789") is None
    assert contact_link(ContactKind.MESSENGER, Network.MAX, "max.ru/u/f9LHodD0cOI") is None
    assert Network.MAX.is_channel and not Network.SKYPE.is_channel


def test_r1_search_finds_max_accounts_by_number_and_name() -> None:
    """R1: the search box's prefixes reach a MAX number and a MAX public name."""
    assert "max:+7912345" in handle_search_prefixes("8 912 345")
    assert "max:+7912345" in handle_search_prefixes("+7 912 345")
    assert "max.ru/pc_slow" in handle_search_prefixes("pc_slow")
    assert handle_search_prefixes("https://max.ru/u/f9L") == ("max.ru/u/f9L",)
