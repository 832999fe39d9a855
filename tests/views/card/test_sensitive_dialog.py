"""Sensitive actions: no code field anywhere, warning required, text kept on refusal (R8, R9)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot

from nit_desk.services.actor import Actor
from nit_desk.services.clients import sensitive
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.card.sensitive_dialog import SensitiveActionDialog
from tests.services.agent_support import new_client, row_counts
from tests.views.card.card_support import make_card, show, wait_idle

ACTION = "Регистрация в облачном сервисе: клиент называет код из СМС"
EXPLANATION = "Сервис пришлёт код на телефон клиента; код нужен один раз и не записывается."


def make_dialog(qtbot: QtBot, db: Database, actor: Actor,
                runner: ServiceRunner) -> tuple[SensitiveActionDialog, int, int]:
    """A shown dialog for a fresh client's request."""
    result = new_client(db, actor, 31)
    dialog = SensitiveActionDialog(Session(db, actor, runner, AppEvents()), result.client.id,
                                   result.client.handle, request_id=result.request_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, result.client.id, result.request_id


def test_r8_r9_the_dialog_has_no_field_for_a_code(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R8/R9: the only text fields are the action and the explanation; none hides input."""
    dialog, _client, _request = make_dialog(qtbot, db, agent, runner)
    edits = dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit) \
        + dialog.findChildren(QTextEdit)
    assert set(edits) == {dialog.action_edit, dialog.explanation_edit}
    assert dialog.action_edit.echoMode() is QLineEdit.EchoMode.Normal


def test_r8_warning_and_answer_are_required(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R8: without the "warned and explained" tick and an answer nothing is recorded."""
    dialog, client_id, _request = make_dialog(qtbot, db, agent, runner)
    dialog.action_edit.setText(ACTION)
    dialog.explanation_edit.setPlainText(EXPLANATION)
    dialog.buttons.accepted.emit()
    assert dialog.fields["warned"].has_error and dialog.fields["answer"].has_error
    assert sensitive.list_sensitive_actions(db, agent, client_id) == []
    dialog.warned_box.setChecked(True)
    assert not dialog.fields["warned"].has_error
    dialog.agreed_radio.click()
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.buttons.accepted.emit()
    assert dialog.recorded is not None and dialog.recorded.client_agreed
    [saved] = sensitive.list_sensitive_actions(db, agent, client_id)
    assert saved.warned_and_explained and saved.action == ACTION and saved.recorded_by == "anna"


def test_r9_a_code_typed_into_the_explanation_is_refused_and_kept(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R9: the guard's refusal shows beside the field as typed; the text stays; nothing saved."""
    dialog, _client, _request = make_dialog(qtbot, db, agent, runner)
    before = row_counts(db)
    typed = EXPLANATION + " Клиент сказал: код из смс 539201"
    dialog.action_edit.setText(ACTION)
    dialog.explanation_edit.setPlainText(typed)
    assert dialog.fields["explanation"].has_error
    assert "one-time code or password" in dialog.fields["explanation"].text
    dialog.warned_box.setChecked(True)
    dialog.refused_radio.setChecked(True)
    dialog.buttons.accepted.emit()
    assert dialog.explanation_edit.toPlainText() == typed
    assert dialog.recorded is None and row_counts(db) == before
    dialog.action_edit.setText("Оплата картой 4111 1111 1111 1111")
    qtbot.keyClicks(dialog.action_edit, " ")
    assert "payment card number" in dialog.fields["action"].text
    assert dialog.action_edit.text() == "Оплата картой 4111 1111 1111 1111 "


def test_r10_a_refusal_offers_a_ban_proposal_from_the_card(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R8 → R10: "refused" is recorded, then "Propose ban…" opens with it ticked."""
    result = new_client(db, agent, 32)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, result.request_id, None)
    card.sensitive_button.click()
    qtbot.waitUntil(lambda: card.sensitive_dialog is not None)
    dialog = card.sensitive_dialog
    assert dialog is not None
    dialog.action_edit.setText(ACTION)
    dialog.explanation_edit.setPlainText(EXPLANATION)
    dialog.warned_box.setChecked(True)
    dialog.refused_radio.setChecked(True)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10000)
    assert "refused" in dialog.refused_text.text()
    dialog.ban_button.click()
    qtbot.waitUntil(lambda: card.ban_dialog is not None and card.ban_dialog.loaded,
                    timeout=10000)
    ban = card.ban_dialog
    assert ban is not None
    [recorded] = sensitive.list_sensitive_actions(db, agent, result.client.id)
    assert ban.chosen() == [f"sensitive:{recorded.id}"]
    ban.reject()
    wait_idle(qtbot, card, runner)
