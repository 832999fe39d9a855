"""Corrections on the client card (issue #12 item 5, R21): contacts, deadline, texts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import ContactKind, Network
from nit_desk.services.actor import Actor
from nit_desk.services.clients import clients
from nit_desk.services.queue import claims
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.card.correction_dialogs import ContactDialog, DeadlineDialog, TextDialog
from tests.services.agent_support import new_client, row_counts
from tests.views.card.card_support import make_card, show, wait_idle
from tests.views.dialog_support import ModalAnswerer
from tests.views.money.money_support import finish


@pytest.fixture
def card(qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
         events: AppEvents) -> ClientCardView:
    """The client card for the agent."""
    return make_card(qtbot, db, agent, runner, events)


@pytest.fixture
def answer_yes() -> Iterator[ModalAnswerer]:
    """Confirmations answered Yes."""
    answerer = ModalAnswerer(QMessageBox.StandardButton.Yes)
    yield answerer
    answerer.stop()


def _dialog(qtbot: QtBot, card: ClientCardView) -> object:
    qtbot.waitUntil(lambda: card.corrections.dialog is not None, timeout=5000)
    return card.corrections.dialog


def _save(qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, dialog: object) -> None:
    """Press Save and wait for the dialog's call to be answered (and the card to settle)."""
    assert isinstance(dialog, (ContactDialog, DeadlineDialog, TextDialog))
    finish(qtbot, dialog.submit())
    wait_idle(qtbot, card, runner)


def test_r21_fix_a_phone_to_another_clients_number_is_refused_beside_the_field(
        qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R21/R12: fixing a phone to a number another client holds is refused beside the
    value, the typed text stays, nothing is written; a good number is then saved."""
    other = new_client(db, agent, 501)
    mine = new_client(db, agent, 502)
    claims.claim(db, agent, mine.request_id)
    show(qtbot, card, runner, mine.request_id, None)
    assert len(card.contacts.fix_buttons) == 3  # phone, email, Telegram
    qtbot.mouseClick(card.contacts.fix_buttons[0], Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, card)
    assert isinstance(dialog, ContactDialog) and dialog.kind is ContactKind.PHONE
    before = row_counts(db)
    taken = "8 912 345-05-01"  # other's phone, typed the agent's way
    dialog.value_edit.setText(taken)
    _save(qtbot, card, runner, dialog)
    assert dialog.isVisible() and dialog.value_field.has_error
    assert other.client.handle in dialog.value_field.text
    assert dialog.value_edit.text() == taken
    assert row_counts(db) == before
    dialog.value_edit.setText("+7 912 777-66-55")
    _save(qtbot, card, runner, dialog)
    stored = clients.client_card(db, agent, mine.client.id)
    assert any(c.value == "+79127776655" for c in stored.contacts)
    qtbot.waitUntil(lambda: "Phone: +7 912 777-66-55" in card.contacts.texts(), timeout=10000)
    wait_idle(qtbot, card, runner)


def test_r1_a_bad_value_is_refused_as_at_intake_and_kept(
        qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R1: "ivan@" is refused beside the field before any call; the text stays."""
    mine = new_client(db, agent, 503)
    show(qtbot, card, runner, mine.request_id, None)
    qtbot.mouseClick(card.contacts.fix_buttons[1], Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, card)
    assert isinstance(dialog, ContactDialog) and dialog.kind is ContactKind.EMAIL
    dialog.value_edit.setText("ivan@")
    _save(qtbot, card, runner, dialog)
    assert dialog.value_field.has_error and dialog.value_edit.text() == "ivan@"
    dialog.reject()


def test_r21_add_then_remove_a_messenger_account(
        qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, db: Database,
        agent: Actor, answer_yes: ModalAnswerer) -> None:
    """R21: a VK account is added (shown as stored), then removed after a confirmation."""
    mine = new_client(db, agent, 504)
    show(qtbot, card, runner, mine.request_id, None)
    assert card.contacts.add_button is not None
    qtbot.mouseClick(card.contacts.add_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, card)
    assert isinstance(dialog, ContactDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ContactKind.MESSENGER))
    dialog.network_combo.setCurrentIndex(dialog.network_combo.findData(Network.VK))
    qtbot.keyClicks(dialog.value_edit, "vk.com/id52011")
    assert "id52011" in dialog.value_field.text  # the stored form, as at intake
    _save(qtbot, card, runner, dialog)
    values = [c.value for c in clients.client_card(db, agent, mine.client.id).contacts]
    assert len(values) == 4
    qtbot.waitUntil(lambda: len(card.contacts.remove_buttons) == 4, timeout=10000)
    qtbot.mouseClick(card.contacts.remove_buttons[-1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(card.contacts.remove_buttons) == 3, timeout=10000)
    wait_idle(qtbot, card, runner)
    assert len(answer_yes.texts) == 1
    assert "Remove the messenger account" in answer_yes.texts[0]
    assert len(clients.client_card(db, agent, mine.client.id).contacts) == 3


def test_r21_reagree_the_deadline_with_a_reason(
        qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R7/R21: the reason is required; the new deadline is saved and shown on the card."""
    mine = new_client(db, agent, 505)
    claims.claim(db, agent, mine.request_id)
    show(qtbot, card, runner, mine.request_id, None)
    qtbot.mouseClick(card.request_panel.deadline_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, card)
    assert isinstance(dialog, DeadlineDialog)
    friday = (utcnow() + timedelta(days=3)).replace(second=0, microsecond=0)
    dialog.set_deadline(friday)
    _save(qtbot, card, runner, dialog)
    assert dialog.isVisible() and dialog.fields["reason"].has_error
    assert claims.request_detail(db, agent, mine.request_id).deadline != friday
    dialog.reason_edit.setText("клиент попросил перенести на пятницу")
    _save(qtbot, card, runner, dialog)
    assert claims.request_detail(db, agent, mine.request_id).deadline == friday
    qtbot.waitUntil(lambda: local_time_text(friday) in card.request_panel.deadline_label.text(),
                    timeout=10000)
    wait_idle(qtbot, card, runner)


def test_r21_a_deadline_in_the_past_is_refused_beside_the_field(
        qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R7: yesterday is refused beside the date; the reason typed stays."""
    mine = new_client(db, agent, 506)
    show(qtbot, card, runner, mine.request_id, None)
    qtbot.mouseClick(card.request_panel.deadline_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, card)
    assert isinstance(dialog, DeadlineDialog)
    dialog.set_deadline(utcnow() - timedelta(days=1))
    dialog.reason_edit.setText("перенос")
    _save(qtbot, card, runner, dialog)
    assert dialog.fields["deadline"].has_error and dialog.reason_edit.text() == "перенос"
    dialog.reject()


def test_r21_edit_the_description_and_a_secret_is_refused_beside_it(
        qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R9/R21: a card number in the description is refused beside it, the text kept;
    a plain correction is saved and shown."""
    mine = new_client(db, agent, 507)
    show(qtbot, card, runner, mine.request_id, None)
    qtbot.mouseClick(card.request_panel.description_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, card)
    assert isinstance(dialog, TextDialog)
    secret = "оплата картой 4111 1111 1111 1111"
    dialog.text_edit.setPlainText(secret)
    _save(qtbot, card, runner, dialog)
    assert dialog.fields["description"].has_error
    assert dialog.text_edit.toPlainText() == secret
    dialog.text_edit.setPlainText("Настроить новый принтер")
    _save(qtbot, card, runner, dialog)
    assert claims.request_detail(db, agent, mine.request_id).description == (
        "Настроить новый принтер")
    qtbot.waitUntil(lambda: card.request_panel.description.text() == "Настроить новый принтер",
                    timeout=10000)
    wait_idle(qtbot, card, runner)


def test_r21_edit_the_system_information_with_the_cards_version(
        qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R21: the system information is saved through update_client and shown on the card."""
    mine = new_client(db, agent, 508)
    show(qtbot, card, runner, mine.request_id, None)
    qtbot.mouseClick(card.system_info_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, card)
    assert isinstance(dialog, TextDialog)
    assert dialog.text_edit.toPlainText() == mine.client.system_info
    dialog.text_edit.setPlainText("Windows 11 Pro, Core i5-8250U, 16 GB RAM, SSD 512 GB")
    _save(qtbot, card, runner, dialog)
    stored = clients.client_card(db, agent, mine.client.id)
    assert stored.system_info == "Windows 11 Pro, Core i5-8250U, 16 GB RAM, SSD 512 GB"
    qtbot.waitUntil(lambda: "Windows 11 Pro" in card.system_info.text(), timeout=10000)
    wait_idle(qtbot, card, runner)
