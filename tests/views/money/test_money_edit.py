"""The money editor: amounts read exactly, shown in the locale, refusals keep the text (R16)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nit_desk.domain.money import MAX_AMOUNT_KOPECKS, parse_money
from nit_desk.ui.money_text import editing_text, money_text
from nit_desk.views.money.money_edit import MoneyEdit

RUSSIAN = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
NBSP = "\u00a0"


@pytest.fixture
def russian_locale(qapp: QApplication) -> Iterator[None]:
    """The program's default locale is Russian for the test."""
    previous = QLocale()
    QLocale.setDefault(RUSSIAN)
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def edit(qtbot: QtBot, russian_locale: None) -> MoneyEdit:
    """A money editor, shown off screen."""
    widget = MoneyEdit()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type(qtbot: QtBot, edit: MoneyEdit, text: str) -> None:
    """Type ``text`` key by key (QTest types Latin-1 only; the rest is inserted as typed)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.setText(text)
        edit.textEdited.emit(text)


@pytest.mark.parametrize(("typed", "kopecks"), [
    ("1234,5", 1234_50), ("1 234.50", 1234_50), ("1234", 1234_00), ("1 234,50 ₽", 1234_50),
    (f"1{NBSP}234,50{NBSP}₽", 1234_50), ("0,05", 5), ("2100 руб", 2100_00),
])
def test_r16_accepts_the_ways_people_type_an_amount(qtbot: QtBot, edit: MoneyEdit, typed: str,
                                                    kopecks: int) -> None:
    """R16: each typing is read to exact kopecks; shown as "1 234,50 ₽" when not editing."""
    _type(qtbot, edit, typed)
    assert edit.kopecks == kopecks
    assert edit.error == ""
    edit.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))
    assert edit.text() == money_text(kopecks)


def test_shows_russian_money_when_not_editing(edit: MoneyEdit) -> None:
    """R16: "1 234,50 ₽" in Russian (no-break spaces), whole roubles without kopecks."""
    edit.clearFocus()
    assert not edit.hasFocus()
    edit.set_kopecks(1234_50)
    assert edit.text() == f"1{NBSP}234,50{NBSP}₽"
    edit.set_kopecks(2100_00)
    assert edit.text() == f"2{NBSP}100{NBSP}₽"


@pytest.mark.parametrize(("typed", "reason"), [
    ("-100", "negative"), ("−5,00", "negative"), ("100000001", "too large"),
    ("12,345", "more than 2 digits"), ("abc", "does not hold an amount"),
    ("1,2,3", "does not hold an amount"), ("1 23", "does not hold an amount"),
])
def test_r16_refuses_bad_amounts_with_a_reason_and_keeps_the_text(
        qtbot: QtBot, edit: MoneyEdit, typed: str, reason: str) -> None:
    """R16: negative, over-large or malformed: refused, the reason shown, the text kept."""
    errors: list[str] = []
    edit.error_changed.connect(errors.append)
    _type(qtbot, edit, typed)
    edit.editingFinished.emit()
    assert edit.kopecks is None
    assert reason in edit.error
    assert edit.toolTip() == edit.error
    assert edit.property("invalid") is True
    assert edit.text() == typed
    assert errors and reason in errors[-1]


def test_fixing_the_text_clears_the_refusal(qtbot: QtBot, edit: MoneyEdit) -> None:
    """Once the text is an amount again, the reason and the red border go."""
    qtbot.keyClicks(edit, "-5")
    assert edit.error
    edit.clear()
    qtbot.keyClicks(edit, "5")
    assert edit.error == "" and edit.kopecks == 500
    assert edit.property("invalid") is False


def test_zero_refused_when_not_allowed(qtbot: QtBot, russian_locale: None) -> None:
    """A payment of zero is refused by its editor."""
    edit = MoneyEdit(allow_zero=False)
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "0")
    assert edit.kopecks is None and edit.error


@settings(max_examples=200, deadline=None)
@given(kopecks=st.integers(min_value=0, max_value=MAX_AMOUNT_KOPECKS))
def test_r16_shown_and_edited_texts_read_back_to_the_same_kopecks(kopecks: int) -> None:
    """R16: what the editor shows (formatted or for editing) parses back exactly."""
    assert parse_money(money_text(kopecks, RUSSIAN)) == kopecks
    assert parse_money(editing_text(kopecks, RUSSIAN)) == kopecks


def test_english_locale_shows_the_english_way(qapp: QApplication) -> None:
    """Money follows the user's locale: "₽1,234.50" in English."""
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert money_text(1234_50, english) == "₽1,234.50"
    assert editing_text(1234_50, english) == "1234.50"


def test_formatted_english_amount_stands_for_itself(qtbot: QtBot, qapp: QApplication) -> None:
    """"₽2,100" (English) does not parse as 2,100 roubles; the editor keeps the amount it shows."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        edit = MoneyEdit()
        qtbot.addWidget(edit)
        edit.set_kopecks(2100_00)
        assert edit.text() == "₽2,100"
        assert edit.check() == 2100_00 and edit.error == ""
    finally:
        QLocale.setDefault(previous)
