"""Ready-answer templates: placeholders checked, filled, secrets refused (R8, R9, R23)."""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.ready_answer_texts import DEFAULT_ANSWERS
from nit_desk.domain.ready_answers import (
    PLACEHOLDERS,
    check_answer_text,
    fill_answer,
    placeholders_in,
)


def test_every_default_answer_passes_the_save_check() -> None:
    for answer in DEFAULT_ANSWERS:
        check_answer_text(answer.body)
        assert set(placeholders_in(answer.body)) <= set(PLACEHOLDERS)


def test_defaults_cover_what_the_seed_explains() -> None:
    bodies = " ".join(a.body for a in DEFAULT_ANSWERS)
    assert "{аванс}" in bodies and "{основания}" in bodies  # why an advance, how much (R14)
    assert "Никогда не присылайте этот код нам" in bodies  # the SMS step
    assert "ботов" in bodies and "{смета}" in bodies and "{к_оплате}" in bodies
    assert any("бан" in a.title.lower() for a in DEFAULT_ANSWERS)
    assert any("Предупреждение" in a.title for a in DEFAULT_ANSWERS)  # R8


def test_an_unknown_placeholder_is_refused_naming_it() -> None:
    with pytest.raises(ValidationError) as refused:
        check_answer_text("Здравствуйте, {клиетн}!")
    assert refused.value.field == "text"
    assert refused.value.params["placeholder"] == "{клиетн}"


@pytest.mark.parametrize("text", ["Сумма {к_оплате", "Итого } рублей", "{{клиент}}",
                                  "{ клиент }", "{client.__class__}"])
def test_a_broken_placeholder_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        check_answer_text(text)


@pytest.mark.parametrize("text", ["Ваш код из смс 539201", "Карта 4111 1111 1111 1111"])
def test_r9_a_template_holding_a_secret_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        check_answer_text(text)


def test_r23_a_template_holding_a_full_name_is_refused() -> None:
    with pytest.raises(ValidationError):
        check_answer_text("Иванов Иван Иванович, {клиент}, ждём оплату")


def test_fill_puts_values_in_and_lists_what_it_had_none_for() -> None:
    filled = fill_answer("{клиент}: к оплате {к_оплате}, смета {смета}",
                         {"клиент": "@pc_slow_msk", "к_оплате": "2 100 ₽", "смета": ""})
    assert filled.text == "@pc_slow_msk: к оплате 2 100 ₽, смета {смета}"
    assert filled.missing == ("смета",) and not filled.complete


def test_fill_never_reinterprets_a_value() -> None:
    filled = fill_answer("{клиент}", {"клиент": "{к_оплате}"})
    assert filled.text == "{к_оплате}" and filled.complete
