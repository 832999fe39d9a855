"""Scenarios 1 and 5 of SCENARIOS.md driven through the main window (R1-R7, R14)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nit_desk.domain.registration import PHONE_REFUSAL_TEXT, PhoneRefusal
from nit_desk.domain.types import AdvanceReason, Network, PaymentScheme, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import clients
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.main_window import MainWindow
from tests.qt_fixtures import card_of
from tests.views.card.card_support import agree_estimate, pay, wait_idle

NOT_REGISTERED, NOT_TRUSTED, NOT_PAID = (PHONE_REFUSAL_TEXT[r] for r in (
    PhoneRefusal.NOT_REGISTERED, PhoneRefusal.NOT_TRUSTED, PhoneRefusal.NOT_PAID))


def _required_done(card: ClientCardView, count: int) -> Callable[[], bool]:
    """A wait condition: the card shows ``count`` required steps done."""
    return lambda: card.card is not None and card.card.progress.required_done == count


def work_action(window: MainWindow, name: str) -> QAction:
    """A Work menu action by object name."""
    found = [a for a in window.work_menu.actions() if a.objectName() == name]
    assert found, [a.objectName() for a in window.work_menu.actions()]
    return found[0]


def test_scenario1_first_contact_to_phone_consultation(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        window: MainWindow) -> None:
    """Scenario 1: intake (R7), ADVANCE (a) (R14), registered (R4), trusted (R5), then paid:
    the phone consultation is allowed (R6); before the payment it said "not paid" only."""
    card = card_of(window)
    action = work_action(window, "actionNewRequest")
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    qtbot.waitUntil(lambda: card.intake_dialog is not None and card.intake_dialog.isVisible())
    dialog = card.intake_dialog
    assert dialog is not None
    dialog.rows[0].set_account(Network.TELEGRAM, "@pc_slow_msk")
    dialog.phone_edit.setText("8 912 345-67-89")
    dialog.email_edit.setText("pc.slow@example.ru")
    dialog.system_edit.setPlainText("Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB")
    dialog.description_edit.setPlainText("Ноутбук медленно работает, нужна чистка")
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.buttons.accepted.emit()
    result = dialog.result_value
    assert result is not None
    qtbot.waitUntil(lambda: card.card is not None and card.card.id == result.client.id
                    and card.request_panel.request is not None, timeout=10000)
    wait_idle(qtbot, card, runner)
    queue = window.queue_area.content
    qtbot.waitUntil(lambda: queue.model.row_of(result.request_id) is not None,  # type: ignore[attr-defined]
                    timeout=10000)
    assert card.handle_label.text() == "pc_slow_msk"
    assert "Phone: +7 912 345-67-89" in card.contacts.texts()
    indicator = card.request_panel.indicator
    assert indicator.decision is not None
    assert (indicator.decision.scheme, indicator.decision.reasons) == (
        PaymentScheme.ADVANCE, (AdvanceReason.FIRST_TIME,))
    assert card.phone_indicator.reason_lines == [NOT_REGISTERED, NOT_TRUSTED, NOT_PAID]

    total = agree_estimate(db, agent, result.request_id, 2100_00)  # R15: ticks its own step
    qtbot.waitUntil(lambda: card.card is not None and card.card.progress.required_done == 1,
                    timeout=10000)
    wait_idle(qtbot, card, runner)
    panel = card.checklist
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.view.setFocus()
    while card.card is not None and not card.card.registered:
        current = panel.current_item()
        assert current is not None and current.state is StepState.PENDING
        done = card.card.progress.required_done
        QTest.keyClick(panel.view, Qt.Key.Key_Space)
        qtbot.waitUntil(_required_done(card, done + 1), timeout=10000)
    wait_idle(qtbot, card, runner)
    assert card.pills["registered"].isVisibleTo(card)
    assert card.trust_box.isEnabled()
    card.trust_box.click()
    qtbot.waitUntil(lambda: card.card is not None and card.card.trusted, timeout=10000)
    wait_idle(qtbot, card, runner)
    assert card.phone_indicator.allowed is False
    assert card.phone_indicator.reason_lines == [NOT_PAID]
    assert card.phone_indicator.headline.text() == "Phone consultation: not allowed"

    pay(db, agent, result.request_id, total)  # the advance of 2 100 ₽
    qtbot.waitUntil(lambda: card.phone_indicator.allowed is True, timeout=10000)
    wait_idle(qtbot, card, runner)
    assert card.phone_indicator.headline.text() == "Phone consultation: allowed"
    assert "paid 2\u00a0100\u00a0₽" in card.request_panel.money_label.text()
    assert clients.client_card(db, agent, result.client.id).phone_consultation.allowed


def test_scenario5_unregistered_caller_gets_no_phone_consultation(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        window: MainWindow) -> None:
    """Scenario 5: picked in the queue, the card says: not allowed — not registered, not
    trusted, not paid (R6)."""
    from tests.services.agent_support import new_client

    result = new_client(db, agent, 51)
    queue = window.queue_area.content
    qtbot.waitUntil(lambda: queue.select_request(result.request_id),  # type: ignore[attr-defined]
                    timeout=10000)
    card = card_of(window)
    qtbot.waitUntil(lambda: card.card is not None and card.card.id == result.client.id,
                    timeout=10000)
    wait_idle(qtbot, card, runner)
    assert card.phone_indicator.allowed is False
    assert card.phone_indicator.headline.text() == "Phone consultation: not allowed"
    assert card.phone_indicator.reason_lines == [NOT_REGISTERED, NOT_TRUSTED, NOT_PAID]
    assert not card.trust_box.isEnabled()
    assert card.pills["unregistered"].isVisibleTo(card)
