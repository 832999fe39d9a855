"""The one guard of typed text, run both ways over a corpus (issue 15 item 6; R9, R23).

Every phrase in ``REFUSED`` must be refused and every phrase in ``HARMLESS``
must pass; the corpus (tests/domain/guard_corpus.py) is what agents and
clients really type, in Russian and English. Broken text (a lone surrogate,
a control character) is refused with a clear message, never a crash.
"""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.secret_guard import BROKEN_MESSAGE, CONTROL_MESSAGE, check_free_text
from tests.domain.guard_corpus import (
    HARMLESS,
    REFUSED,
    REFUSED_CARDS,
    REFUSED_IDENTITIES,
    REFUSED_PASSWORDS,
)


def test_the_corpus_is_large_and_balanced() -> None:
    assert len(REFUSED) + len(HARMLESS) >= 200
    assert len(REFUSED) >= 100 and len(HARMLESS) >= 100
    assert len(set(REFUSED)) == len(REFUSED) and len(set(HARMLESS)) == len(HARMLESS)
    # mostly text full of numbers; the rest near misses ("пароль сброшен", "Иван Петрович")
    assert sum(any(c.isdigit() for c in text) for text in HARMLESS) >= 0.8 * len(HARMLESS)


@pytest.mark.parametrize("text", REFUSED_PASSWORDS)
def test_r9_passwords_pins_and_codes_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_free_text(text, field="note")
    assert err.value.field == "note" and err.value.params["kind"] == "code"


@pytest.mark.parametrize("text", REFUSED_CARDS)
def test_r9_card_numbers_with_any_separator_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_free_text(text, field="note")
    assert err.value.params["kind"] == "card"


@pytest.mark.parametrize("text", REFUSED_IDENTITIES)
def test_r23_full_names_and_documents_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_free_text(text, field="note")
    assert err.value.params["kind"] in ("name", "document")


@pytest.mark.parametrize("text", HARMLESS)
def test_r9_r23_harmless_text_full_of_numbers_passes(text: str) -> None:
    check_free_text(text, field="note")


@pytest.mark.parametrize(("text", "template", "code", "position"), [
    ("заметка \ud83d без пары", BROKEN_MESSAGE, "D83D", 9),
    ("\udc00", BROKEN_MESSAGE, "DC00", 1),
    ("звонок\x00в 10:00", CONTROL_MESSAGE, "0000", 7),
    ("escape \x1b[31m", CONTROL_MESSAGE, "001B", 8),
    ("bell\x07", CONTROL_MESSAGE, "0007", 5),
])
def test_broken_text_gets_a_clear_error_not_a_crash(text: str, template: str, code: str,
                                                     position: int) -> None:
    with pytest.raises(ValidationError) as err:
        check_free_text(text, field="email")
    assert err.value.template == template and err.value.field == "email"
    assert err.value.params["code"] == code and err.value.params["position"] == position
    assert "U+" + code in err.value.message


def test_line_breaks_and_tabs_are_ordinary_text() -> None:
    check_free_text("строка 1\nстрока 2\tи табуляция", field="note")
