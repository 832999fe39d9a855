"""Ready answers on the card: picked by a key and a few letters, filled, copied (#14 item 4)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from nit_desk.demo.demo import Scenarios, create_demo_users
from nit_desk.domain.ready_answer_texts import DEFAULT_ANSWERS
from nit_desk.domain.ready_answers import placeholders_in
from nit_desk.domain.types import AdvanceReason
from nit_desk.services.clients.card_view import card_view
from nit_desk.services.clients.ready_answers import list_ready_answers
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Request
from nit_desk.ui.events import AppEvents
from nit_desk.ui.money_text import money_text
from nit_desk.ui.ready_answer_values import filled_for, reason_phrase
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.card.ready_answer_picker import ReadyAnswerPicker
from tests.views.card.card_support import make_card, show, wait_idle


def _type(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (QTest.keyClicks takes ASCII only, the agent types Russian)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def _request_of(db: Database, client_id: int) -> int:
    with db.read_session() as session:
        return int(session.execute(
            select(Request.id).where(Request.client_id == client_id)).scalar_one())


def test_r14_scenario_1_every_ready_answer_is_filled_completely(db: Database) -> None:
    """Scenario 1 (@pc_slow_msk, ADVANCE (a), 2 100 ₽ agreed): no placeholder is left."""
    actors = create_demo_users(db)
    client_id = Scenarios(db, actors).pc_slow_msk()
    view = card_view(db, actors.boris, _request_of(db, client_id))
    for default in DEFAULT_ANSWERS:
        filled = filled_for(default.body, view)
        assert filled.complete, (default.title, filled.missing)
        assert not placeholders_in(filled.text)
    advance = filled_for(DEFAULT_ANSWERS[1].body, view).text
    assert advance.startswith(f"pc_slow_msk, по обращению №{view.request.id} ")  # type: ignore[union-attr]
    assert f"оплата авансом: {reason_phrase(AdvanceReason.FIRST_TIME)}." in advance  # R14 (a)
    assert f"смета — {money_text(210_000)}" in advance
    greeting = filled_for(DEFAULT_ANSWERS[0].body, view).text
    assert local_time_text(view.request.deadline) in greeting  # type: ignore[union-attr]
    sms = filled_for(DEFAULT_ANSWERS[5].body, view).text
    assert "+79123456789" in sms and "Никогда не присылайте этот код нам" in sms


def test_ctrl_shift_a_and_a_few_letters_copy_the_filled_answer(
        qtbot: QtBot, db: Database, runner: ServiceRunner, events: AppEvents) -> None:
    """The agent presses Ctrl+Shift+G, types «аванс», Enter: the filled text is on the
    clipboard, the picker is gone, the status bar says to paste it; nothing was sent."""
    actors = create_demo_users(db)
    client_id = Scenarios(db, actors).pc_slow_msk()
    card = make_card(qtbot, db, actors.boris, runner, events)
    show(qtbot, card, runner, _request_of(db, client_id), None)
    said: list[str] = []
    events.status_message.connect(said.append)
    QGuiApplication.clipboard().clear()
    card.activateWindow()
    card.setFocus()
    QTest.keyClick(card, Qt.Key.Key_G,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: card.action_row.answer_picker is not None, timeout=10000)
    picker = card.action_row.answer_picker
    assert isinstance(picker, ReadyAnswerPicker)
    qtbot.waitUntil(picker.filter_edit.hasFocus, timeout=5000)
    _type(picker.filter_edit, "почему аванс")
    assert picker.list.count() == 1
    QTest.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: card.action_row.answer_picker is None, timeout=5000)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("pc_slow_msk,") and money_text(210_000) in copied
    assert "{" not in copied
    assert said and "copied" in said[-1]
    wait_idle(qtbot, card, runner)


def test_down_in_the_filter_moves_the_preview_and_missing_values_are_said(
        qtbot: QtBot, db: Database, runner: ServiceRunner, events: AppEvents) -> None:
    """Without a request the answers about money keep their braces and the picker says so."""
    actors = create_demo_users(db)
    client_id = Scenarios(db, actors).pc_slow_msk()
    view = card_view(db, actors.boris, None, client_id=client_id)
    picker = ReadyAnswerPicker(list_ready_answers(db, actors.boris), view)
    qtbot.addWidget(picker)
    picker.show()
    first = picker.preview.toPlainText()
    QTest.keyClick(picker.filter_edit, Qt.Key.Key_Down)
    assert picker.list.currentRow() == 1 and picker.preview.toPlainText() != first
    assert picker.missing_label.isVisibleTo(picker)
    assert "{обращение}" in picker.missing_label.text()
