"""R9: no field accepts a card number, a one-time code or a password."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.secret_guard import SecretFinding, check_free_text, find_secret

REFUSED_CARDS = [
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "4111111111111111",
    "заметка: 4111 1111 1111 1111 от клиента",
    "карта 5555 5555 5555 4444, срок 12/27",
    "5555555555554444",
    "2200 0000 0000 0004",  # Мир
    "3782 822463 10005",  # American Express 4-6-5
    "378282246310005",
    "6011 1111 1111 1117",
    "4000 0566 5566 5556",
    "номер 4111-1111-1111-1111.",
    "4012888888881881 спасибо",
    "Карта:4111111111111111",
    "4222222222222",  # 13 digits
    "6250 9410 0652 8599",
    "8600 1234 5678 9012",  # Uzcard-like, Luhn valid
]
REFUSED_CODES = [
    "код 4821",
    "код из смс 539201",
    "Код из SMS: 5392",
    "смс-код: 1234",
    "СМС код 778899",
    "пароль: qwerty123",
    "Пароль от почты: Kotik2020",
    "пароль qwerty123",
    "пароль = tr0ub4dor",
    "pass: hunter2",
    "password is hunter2",
    "Password: correcthorsebatterystaple",
    "the password is 'hunter2'",
    "SMS code 123456",
    "sms code: 123456",
    "verification code is 123456",
    "OTP 123456",
    "otp: 654321",
    "PIN 1234",
    "pin: 0000",
    "cvv 123",
    "CVC: 123",
    "CVV2 987",
    "пин-код 1234",
    "пин код 1234",
    "код подтверждения 123-456",
    "код подтверждения: 123 456",
    "Клиент продиктовал код — 4821",
    "одноразовый код 5555",
    "Код доступа 90210",
    "2FA code 445566",
    "код из приложения 112233",
    "ПАРОЛЬ: Лето2024",
    "пароль от wi-fi: 12345678",
    "pwd=Secr3t!",
]
PASSING = [
    "+7 912 345-67-89",
    "8 (912) 345-67-89",
    "89123456789",
    "+79123456789, +7 912 345 67 89",
    "2 100 ₽",
    "1500 руб",
    "1 500 000 ₽ за год",
    "26.11.2026",
    "2026-11-26",
    "срок: завтра 18:00",
    "10:42:15",
    "заказ 123456",
    "order #4821",
    "22H2",
    "Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB",
    "v1.2.3",
    "build 19045.3693",
    "IP 192.168.0.1, шлюз 10.0.0.1",
    "MAC 00:1A:2B:3C:4D:5E",
    "MAC 00-1A-2B-3C-4D-5E",
    "серийный номер 1234567890123",  # not Luhn-valid
    "S/N 4111111111111112",  # not Luhn-valid
    "Core i5-8250U, 8 GB RAM",
    "код ошибки 0x80070005",
    "error code 1603",
    "Code 43 в диспетчере устройств",
    "код ошибки 1603 при установке",
    "Windows Update: ошибка, код 80070005",
    "пароль не спрашивали",
    "client forgot the password",
    "Пароль: не помнит",
    "пароль 2 раза вводил неверно",
    "password is wrong",
    "the password must have 12 characters",
    "пароль Windows не подходит",
    "tests pass 100%",
    "промокод 1234 не сработал",
    "штрих-код 4600123456789",
    "IMEI 356938035643809",
    "код региона 77",
    "Пароль: ********",
    "пин 2 разъёма",
    "GUID 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    "ИНН 7707083893",
    "1234 5678",
    "",
    "Клиент просит почистить ноутбук, тормозит браузер.",
]


@pytest.mark.parametrize("text", REFUSED_CARDS)
def test_r9_card_numbers_are_found(text: str) -> None:
    """R9: a Luhn-valid card number, grouped as cards are, is found."""
    finding = find_secret(text)
    assert finding is not None and finding.kind == "card"


@pytest.mark.parametrize("text", REFUSED_CODES)
def test_r9_codes_and_passwords_are_found(text: str) -> None:
    """R9: a one-time code, PIN, CVV or password given as such is found."""
    finding = find_secret(text)
    assert finding is not None and finding.kind == "code"


@pytest.mark.parametrize("text", PASSING)
def test_r9_ordinary_text_passes(text: str) -> None:
    """R9: phones, prices, dates, versions, error codes and the like are not secrets."""
    assert find_secret(text) is None
    check_free_text(text, field="notes")


def test_r9_finding_points_at_the_secret_not_the_keyword() -> None:
    """R9: the finding's span is the secret itself, so a view can highlight it."""
    text = "код из смс 539201, спасибо"
    assert find_secret(text) == SecretFinding("code", 11, 17)
    card = "карта 4111 1111 1111 1111."
    finding = find_secret(card)
    assert finding is not None
    assert card[finding.start : finding.end] == "4111 1111 1111 1111"


def test_r9_scenario_8_card_is_refused_without_echoing_it() -> None:
    """R9 (scenario 8): a note with a card number is refused; the message names the field."""
    with pytest.raises(ValidationError) as caught:
        check_free_text("клиент прислал 4111 1111 1111 1111", field="system_info")
    error = caught.value
    assert error.field == "system_info"
    assert "system info" in error.message
    assert "card number" in error.message
    assert "4111" not in error.message
    assert all("4111" not in str(value) for value in error.params.values())


def test_r9_scenario_8_sms_code_is_refused_without_echoing_it() -> None:
    """R9 (scenario 8): "код из смс 539201" is refused as a one-time code."""
    with pytest.raises(ValidationError) as caught:
        check_free_text("код из смс 539201", field="notes")
    assert "one-time code or password" in caught.value.message
    assert "539201" not in caught.value.message
    assert caught.value.params["kind"] == "code"


def test_r9_yo_and_case_do_not_matter() -> None:
    """R9: ё/е and letter case make no difference."""
    assert find_secret("КОД ПОДТВЕРЖДЁНИЯ 1234") is not None
    assert find_secret("Пин-Код 1234") is not None


def _luhn_complete(body: str) -> str:
    for check in "0123456789":
        digits = body + check
        total = 0
        for index, char in enumerate(reversed(digits)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


@given(
    body=st.text(alphabet="0123456789", min_size=15, max_size=15),
    layout=st.sampled_from(["plain", "space", "dash"]),
    before=st.text(max_size=30),
    after=st.text(max_size=30),
)
def test_r9_property_any_luhn_card_in_random_text_is_found(
    body: str, layout: str, before: str, after: str
) -> None:
    """R9 (property): any 16-digit Luhn-valid number set apart in random text is found."""
    number = _luhn_complete(body)
    if layout != "plain":
        sep = " " if layout == "space" else "-"
        number = sep.join(number[i : i + 4] for i in range(0, 16, 4))
    text = f"{before} {number} {after}"
    if "imei" in before.lower():
        return  # an IMEI is Luhn-valid by design and deliberately allowed
    finding = find_secret(text)
    assert finding is not None and finding.kind == "card"


@given(st.text().map(lambda text: "".join(c for c in text if not c.isdigit())))
def test_r9_property_text_without_digits_never_holds_a_card(text: str) -> None:
    """R9 (property): text without digits is never flagged as a card number."""
    finding = find_secret(text)
    assert finding is None or finding.kind == "code"


@given(st.text())
def test_r9_property_any_text_checks_cleanly(text: str) -> None:
    """R9 (property): any text either passes or is refused with a ValidationError."""
    try:
        check_free_text(text, field="notes")
    except ValidationError as error:
        assert error.field == "notes"


def test_r9_long_text_is_checked_quickly() -> None:
    """R9: a 4000-character note of digit groups is checked without blowing up."""
    rnd = random.Random(9)
    text = " ".join(str(rnd.randint(0, 999)) for _ in range(1000))[:4000]
    find_secret(text)
    find_secret("код " * 1000)
