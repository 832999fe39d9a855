"""Scenarios 9 and 2 of SCENARIOS.md driven through the main window (R14, R19-R22)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import AdvanceReason, PaymentKind, PaymentScheme, RequestStatus, Unit
from nit_desk.models.card.work_log_model import Column
from nit_desk.services.actor import Actor
from nit_desk.services.money import estimates, payments
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.queue import claims, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.main_window import MainWindow
from nit_desk.views.queue.queue_view import QueueView
from tests.services.agent_support import new_client
from tests.views.card.card_support import agree_estimate, wait_idle


def _parts(window: MainWindow) -> tuple[QueueView, ClientCardView]:
    queue, card = window.queue_area.content, window.card_area.content
    assert isinstance(queue, QueueView) and isinstance(card, ClientCardView)
    return queue, card


def _menu(window: MainWindow, name: str) -> None:
    """Trigger a Work menu action (by object name), as its shortcut would."""
    found = [a for a in window.work_menu.actions() if a.objectName() == name]
    assert found and found[0].isEnabled(), name
    found[0].trigger()


def _open(qtbot: QtBot, window: MainWindow, runner: ServiceRunner, request_id: int) -> None:
    """Select ``request_id`` in the queue and wait for the card to show it."""
    queue, card = _parts(window)
    qtbot.waitUntil(lambda: queue.select_request(request_id), timeout=10000)
    qtbot.waitUntil(lambda: card.request_panel.request is not None
                    and card.request_panel.request.id == request_id, timeout=10000)
    wait_idle(qtbot, card, runner)


def _status_is(card: ClientCardView, status: RequestStatus) -> bool:
    return card.request_panel.request is not None and card.request_panel.request.status is status


def _answer(qtbot: QtBot, card: ClientCardView, text: str) -> None:
    """Type ``text`` into the one-line dialog the last move opened and press OK."""
    qtbot.waitUntil(lambda: card.life_bar.dialog is not None, timeout=10000)
    dialog = card.life_bar.dialog
    assert dialog is not None
    dialog.line.setText(text)
    dialog.ok_button.click()


def _scenario1_estimate(db: Database, actor: Actor, request_id: int) -> int:
    """Estimate v1: remote diagnosis 1 × 500 ₽, remote clean-up 2 h × 800 ₽, agreed."""
    draft = estimates.create_draft(db, actor, request_id)
    draft = estimates.save_draft(db, actor, draft.id, draft.version, note="", lines=[
        LineInput("Удалённая диагностика", Decimal(1), Unit.SERVICE, 500_00),
        LineInput("Удалённая чистка", Decimal(2), Unit.HOUR, 800_00)])
    estimates.propose(db, actor, draft.id)
    return estimates.agree(db, actor, draft.id).total_kopecks


def _pay(db: Database, actor: Actor, request_id: int, kopecks: int,
         kind: PaymentKind = PaymentKind.ADVANCE) -> int:
    return payments.record_payment(db, actor, request_id, amount_kopecks=kopecks,
                                   paid_on=date.today(), kind=kind, method_label="СБП").id


def test_scenario9_request_worked_to_the_end_with_a_mistake_put_right(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        window: MainWindow) -> None:
    """Start refused until the advance is paid (R19, R20); a wrong payment voided (R21); wait,
    back, a note, the time against the estimate, done (R22); the next request is ON
    COMPLETION (R14 a)."""
    first = new_client(db, agent, 9, handle="pc_slow_msk")
    rid = first.request_id
    assert _scenario1_estimate(db, agent, rid) == 2100_00
    queue, card = _parts(window)
    _open(qtbot, window, runner, rid)
    _menu(window, "actionStartRequest")
    qtbot.waitUntil(lambda: card.message.isVisibleTo(card), timeout=10000)
    assert card.message.text() == ("The advance of 2\u00a0100\u00a0₽ is not paid yet: work on "
                                   "this request cannot start.")
    assert _status_is(card, RequestStatus.NEW)

    wrong = _pay(db, agent, rid, 1200_00)
    payments.void_payment(db, agent, wrong, "typed the wrong amount")
    _pay(db, agent, rid, 2100_00)
    assert payments.request_money(db, agent, rid).paid
    qtbot.waitUntil(lambda: not card._reload_timer.isActive() and not card.loading)
    wait_idle(qtbot, card, runner)
    _menu(window, "actionStartRequest")
    qtbot.waitUntil(lambda: _status_is(card, RequestStatus.IN_PROGRESS), timeout=10000)
    assert not card.message.isVisibleTo(card)  # the refusal went with the move
    card.tabs.setCurrentWidget(card.work_log)
    log = card.work_log
    qtbot.waitUntil(lambda: log.model.log is not None and log.model.log.timer_running,
                    timeout=10000)
    assert log.tick_timer.isActive() and log.time_label.text().endswith("· the timer runs")

    _menu(window, "actionWaitRequest")
    _answer(qtbot, card, "reboot and confirm")
    qtbot.waitUntil(lambda: _status_is(card, RequestStatus.WAITING_CLIENT), timeout=10000)
    qtbot.waitUntil(lambda: log.model.log is not None and not log.model.log.timer_running,
                    timeout=10000)
    assert not log.tick_timer.isActive()  # the timer pauses while the client is awaited
    _menu(window, "actionBackRequest")
    qtbot.waitUntil(lambda: _status_is(card, RequestStatus.IN_PROGRESS), timeout=10000)
    wait_idle(qtbot, card, runner)

    log.note_edit.setPlainText("cleaned autostart, removed 2 adware programs")
    window.activateWindow()
    log.note_edit.setFocus()
    qtbot.waitUntil(lambda: log.note_edit.hasFocus())
    QTest.keyClick(log.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: log.note_edit.toPlainText() == "", timeout=10000)
    request_life.correct_worked_time(db, agent, rid, 100, "worked with the client on the line")
    _menu(window, "actionDoneRequest")
    qtbot.waitUntil(lambda: _status_is(card, RequestStatus.DONE), timeout=10000)
    qtbot.waitUntil(lambda: log.model.log is not None and not log.model.log.timer_running
                    and log.model.log.worked_seconds >= 100 * 60, timeout=10000)
    wait_idle(qtbot, card, runner)
    assert log.time_label.text() == "1 h 40 min of 2 h"
    texts = [log.model.text(r, Column.DETAILS) for r in range(log.model.rowCount())]
    assert "in progress → waiting for client — reboot and confirm" in texts
    assert "cleaned autostart, removed 2 adware programs" in texts
    assert any("typed the wrong amount" in t for t in texts)
    assert card.life_bar.allowed_moves() == []

    printer = new_client(db, agent, 9, existing_client_id=first.client.id,
                         description="Настроить принтер")
    _open(qtbot, window, runner, printer.request_id)
    decision = card.request_panel.indicator.decision
    assert decision is not None and (decision.scheme, decision.reasons) == (
        PaymentScheme.ON_COMPLETION, ())


def test_scenario2_returning_client_pays_on_completion(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        window: MainWindow) -> None:
    """While the first request is paid in part the next one is ADVANCE (a); once paid, the
    printer request is ON COMPLETION, worked to done through the Work menu, and paid after."""
    first = new_client(db, agent, 2, handle="pc_slow_msk")
    assert _scenario1_estimate(db, agent, first.request_id) == 2100_00
    _pay(db, agent, first.request_id, 1200_00)
    request_life.start_work(db, supervisor, first.request_id, override_reason="agreed")
    request_life.mark_done(db, supervisor, first.request_id)
    again = new_client(db, agent, 2, existing_client_id=first.client.id,
                       description="Ещё раз почистить")
    queue, card = _parts(window)
    _open(qtbot, window, runner, again.request_id)
    decision = card.request_panel.indicator.decision
    assert decision is not None and (decision.scheme, decision.reasons) == (
        PaymentScheme.ADVANCE, (AdvanceReason.FIRST_TIME,))  # 1 200 of 2 100 ₽ is not paid

    _pay(db, agent, first.request_id, 900_00)
    printer = new_client(db, agent, 2, existing_client_id=first.client.id,
                         description="Настроить новый принтер, клиент на связи")
    _open(qtbot, window, runner, printer.request_id)
    decision = card.request_panel.indicator.decision
    assert decision is not None and decision.scheme is PaymentScheme.ON_COMPLETION
    total = agree_estimate(db, agent, printer.request_id, 1500_00)
    _menu(window, "actionStartRequest")  # nothing to pay first: on completion
    qtbot.waitUntil(lambda: _status_is(card, RequestStatus.IN_PROGRESS), timeout=10000)
    wait_idle(qtbot, card, runner)
    assert claims.request_detail(db, agent, printer.request_id).claimed_by_id == agent.user_id
    _menu(window, "actionDoneRequest")
    qtbot.waitUntil(lambda: _status_is(card, RequestStatus.DONE), timeout=10000)
    assert payments.request_money(db, agent, printer.request_id).due_kopecks == total
    _pay(db, agent, printer.request_id, total, PaymentKind.FINAL)  # due now, recorded after
    money = payments.request_money(db, agent, printer.request_id)
    assert money.paid and money.due_kopecks == 0

    after = new_client(db, agent, 2, existing_client_id=first.client.id,
                       description="Подключить сканер")
    _open(qtbot, window, runner, after.request_id)
    decision = card.request_panel.indicator.decision
    assert decision is not None and (decision.scheme, decision.reasons) == (
        PaymentScheme.ON_COMPLETION, ())
