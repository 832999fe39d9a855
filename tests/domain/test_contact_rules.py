"""R1/R2: contacts are checked and kept in one canonical form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nit_desk.domain.contacts import (
    handle_search_prefix,
    handle_search_prefixes,
    looks_like_email,
    looks_like_phone,
    normalize_email,
    normalize_handle,
    normalize_phone,
)
from nit_desk.domain.errors import ValidationError
from nit_desk.domain.types import Network

TG, VK, OK, WA, SKYPE = (
    Network.TELEGRAM,
    Network.VK,
    Network.ODNOKLASSNIKI,
    Network.WHATSAPP,
    Network.SKYPE,
)

# --- phone ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "8 912 345-67-89",
        "+7 (912) 345 67 89",
        "+79123456789",
        "89123456789",
        "8(912)345-67-89",
        "  +7 912 345 67 89  ",
        "9123456789",
        "+7\u00a0912\u00a0345-67-89",
    ],
)
def test_r1_mobile_phone_is_stored_in_e164(text: str) -> None:
    """R1 (scenario 1): a Russian mobile, however typed, is +79123456789."""
    assert normalize_phone(text) == "+79123456789"


def test_r1_foreign_mobiles_are_accepted() -> None:
    """R1: a foreign mobile, or a number that may be mobile, is accepted in E.164."""
    assert normalize_phone("+44 7911 123456") == "+447911123456"
    assert normalize_phone("+1 650 253 0000") == "+16502530000"  # fixed line or mobile


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("12345", "not hold a valid phone number"),
        ("", "empty"),
        ("   ", "empty"),
        ("8 912 345-67", "not hold a valid phone number"),
        ("+7 912 345-67-89-00", "not hold a valid phone number"),
        ("1-800-FLOWERS", "not hold a valid phone number"),
        ("телефон", "not hold a valid phone number"),
        ("8 495 123-45-67", "must hold a mobile number"),
        ("8 800 555-35-35", "must hold a mobile number"),
        ("+7 912 345 67 89 " + "0" * 60, "too long"),
    ],
)
def test_r1_bad_phones_are_refused_naming_the_field(text: str, words: str) -> None:
    """R1 (scenario 8): phone 12345, landlines and free text are refused, naming the field."""
    with pytest.raises(ValidationError) as caught:
        normalize_phone(text)
    assert caught.value.field == "phone"
    assert words in caught.value.message
    assert "phone" in caught.value.message


# --- email ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("pc.slow@example.ru", "pc.slow@example.ru"),
        ("  Pc.Slow@Example.RU ", "pc.slow@example.ru"),
        ("ivan+nit@mail.ru", "ivan+nit@mail.ru"),
        ("IVAN@YANDEX.RU", "ivan@yandex.ru"),
        ("клиент@пример.рф", "клиент@пример.рф"),
    ],
)
def test_r1_email_is_lower_cased_whole(text: str, canonical: str) -> None:
    """R1: an email is kept normalised and lower-cased, so duplicates are found."""
    assert normalize_email(text) == canonical


@pytest.mark.parametrize(
    "text",
    ["ivan@", "@example.ru", "ivan", "ivan@@example.ru", "ivan@example", "iv an@example.ru", ""],
)
def test_r1_bad_emails_are_refused(text: str) -> None:
    """R1 (scenario 8): email "ivan@" and the like are refused, naming the field."""
    with pytest.raises(ValidationError) as caught:
        normalize_email(text, field="email")
    assert caught.value.field == "email"
    assert "email" in caught.value.message


# --- messenger handles ----------------------------------------------------

GOOD_HANDLES = [
    (TG, "@pc_slow_msk", "@pc_slow_msk"),
    (TG, "pc_slow_msk", "@pc_slow_msk"),
    (TG, "t.me/pc_slow_msk", "@pc_slow_msk"),
    (TG, "https://t.me/pc_slow_msk", "@pc_slow_msk"),
    (TG, "https://t.me/pc_slow_msk/", "@pc_slow_msk"),
    (TG, "@Late_Reply", "@late_reply"),
    (TG, "@abcde", "@abcde"),
    (TG, "@" + "a" * 32, "@" + "a" * 32),
    (TG, "telegram.me/Durov", "@durov"),
    (VK, "vk.com/id52011", "vk.com/id52011"),
    (VK, "https://vk.com/durov", "vk.com/durov"),
    (VK, "id52011", "vk.com/id52011"),
    (VK, "durov", "vk.com/durov"),
    (VK, "https://m.vk.com/durov?w=wall1_1", "vk.com/durov"),
    (VK, "www.vk.com/Ivan.Petrov", "vk.com/ivan.petrov"),
    (VK, "vk.ru/ivan_petrov", "vk.com/ivan_petrov"),
    (VK, "m.ivanov", "vk.com/m.ivanov"),
    (OK, "ok.ru/profile/123456789", "ok.ru/profile/123456789"),
    (OK, "https://ok.ru/profile/123456789/", "ok.ru/profile/123456789"),
    (OK, "123456789", "ok.ru/profile/123456789"),
    (OK, "ok.ru/ivan.petrov", "ok.ru/ivan.petrov"),
    (OK, "https://m.ok.ru/Ivan.Petrov", "ok.ru/ivan.petrov"),
    (OK, "odnoklassniki.ru/profile/42", "ok.ru/profile/42"),
    (WA, "8 912 345-67-89", "+79123456789"),
    (WA, "+7 912 345 67 89", "+79123456789"),
    (WA, "https://wa.me/79123456789", "+79123456789"),
    (SKYPE, "live:.cid.1a2b3c", "live:.cid.1a2b3c"),
    (SKYPE, "live:ivan_petrov", "live:ivan_petrov"),
    (SKYPE, "Ivan.Petrov", "ivan.petrov"),
    (SKYPE, "skype:ivan_petrov?call", "ivan_petrov"),
    (SKYPE, "ivan-petrov,1", "ivan-petrov,1"),
]

BAD_HANDLES = [
    (TG, "@a", "5 to 32 characters"),
    (TG, "@abcd", "5 to 32 characters"),
    (TG, "@" + "a" * 33, "5 to 32 characters"),
    (TG, "@1abcde", "account on Telegram"),
    (TG, "@pc-slow", "account on Telegram"),
    (TG, "@пк_медленный", "account on Telegram"),
    (TG, "t.me/", "5 to 32 characters"),
    (TG, "", "empty"),
    (VK, "vk.com/", "5 to 32 characters"),
    (VK, "vk.com", "5 to 32 characters"),
    (VK, "abc", "5 to 32 characters"),
    (VK, "52011", "account on VK"),
    (VK, "vk.com/иванпетров", "account on VK"),
    (VK, "id0123", "account on VK"),
    (VK, "id52011abc", "account on VK"),
    (OK, "ok.ru/profile/", "account on Odnoklassniki"),
    (OK, "ok.ru/profile/abc", "account on Odnoklassniki"),
    (OK, "ok.ru/", "account on Odnoklassniki"),
    (OK, "@ivan", "account on Odnoklassniki"),
    (WA, "12345", "valid phone number"),
    (WA, "8 495 123-45-67", "mobile"),
    (WA, "@pc_slow_msk", "valid phone number"),
    (SKYPE, "ab", "6 to 32 characters"),
    (SKYPE, "1abcdef", "account on Skype"),
    (SKYPE, "ivan petrov", "account on Skype"),
    (SKYPE, "live:", "account on Skype"),
    (SKYPE, "a" * 33, "6 to 32 characters"),
]


@pytest.mark.parametrize(("network", "text", "canonical"), GOOD_HANDLES)
def test_r1_handles_have_one_canonical_form(network: Network, text: str, canonical: str) -> None:
    """R1/R2: links, @-names and bare names reduce to one canonical form per network."""
    assert normalize_handle(network, text) == canonical


@pytest.mark.parametrize(("network", "text", "words"), BAD_HANDLES)
def test_r1_bad_handles_are_refused_naming_field_and_network(
    network: Network, text: str, words: str
) -> None:
    """R1 (scenario 8): Telegram "@a" (too short) and other bad handles are refused."""
    with pytest.raises(ValidationError) as caught:
        normalize_handle(network, text, field="messenger")
    assert caught.value.field == "messenger"
    assert words in caught.value.message
    assert "messenger" in caught.value.message


@given(st.sampled_from(list(Network)), st.text(max_size=80))
def test_r1_property_handles_normalize_or_refuse(network: Network, text: str) -> None:
    """R1 (property): any input gives a canonical handle, stable when normalised again."""
    try:
        canonical = normalize_handle(network, text)
    except ValidationError:
        return
    assert canonical == normalize_handle(network, canonical)
    assert canonical == canonical.strip()


@given(st.text(max_size=80))
def test_r1_property_phones_normalize_or_refuse(text: str) -> None:
    """R1 (property): any input gives E.164 or a ValidationError, never another error."""
    try:
        phone = normalize_phone(text)
    except ValidationError:
        return
    assert phone.startswith("+") and phone[1:].isdigit()
    assert normalize_phone(phone) == phone


@given(st.text(max_size=80))
def test_r1_property_emails_normalize_or_refuse(text: str) -> None:
    """R1 (property): any input gives a lower-case address or a ValidationError."""
    try:
        email = normalize_email(text)
    except ValidationError:
        return
    assert email == email.lower()
    assert normalize_email(email) == email


# --- search box -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("@pc_sl", "@pc_sl"),
        ("https://t.me/PC_slow", "@pc_slow"),
        ("t.me/pc", "@pc"),
        ("VK.com/ID520", "vk.com/id520"),
        ("https://vk.com/dur", "vk.com/dur"),
        ("https://ok.ru/profile/123", "ok.ru/profile/123"),
        ("8 912", "+7912"),
        ("+7 (912) 345", "+7912345"),
        ("912 345", "+7912345"),
        ("Live:.cid", "live:.cid"),
        ("  ", ""),
    ],
)
def test_r1_search_prefix_matches_canonical_forms(text: str, prefix: str) -> None:
    """R1: what an agent types becomes a prefix of the canonical form."""
    assert handle_search_prefix(text) == prefix


def test_r1_search_prefixes_cover_every_network() -> None:
    """R1: a bare name may be a Skype name, a Telegram @name, a VK or OK short name."""
    assert handle_search_prefixes("pc_slow") == (
        "pc_slow",
        "@pc_slow",
        "vk.com/pc_slow",
        "ok.ru/pc_slow",
        "max.ru/pc_slow",
    )
    assert "ok.ru/profile/12345" in handle_search_prefixes("12345")
    for network, text, canonical in GOOD_HANDLES:
        typed = text[: max(2, len(text) - 2)]
        if network is not WA and not typed.startswith("skype:"):
            assert any(canonical.startswith(p) for p in handle_search_prefixes(typed)), text


@pytest.mark.parametrize(
    ("text", "phone", "email"),
    [
        ("8 912 345-67-89", True, False),
        ("+7 (912)", True, False),
        ("8912", True, False),
        ("891", False, False),
        ("pc.slow@example.ru", False, True),
        ("ivan@", False, True),
        ("@pc_slow_msk", False, False),
        ("vk.com/id52011", False, False),
        ("ivan @example.ru", False, False),
        ("", False, False),
    ],
)
def test_r1_search_box_guesses(text: str, phone: bool, email: bool) -> None:
    """R1: the search box guesses phones and emails cheaply."""
    assert looks_like_phone(text) is phone
    assert looks_like_email(text) is email
