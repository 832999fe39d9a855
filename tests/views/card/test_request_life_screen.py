"""The request's life on the card and in the Work menu; one current request; read-only when
another agent holds it; the work log's notes and ticking time line (R19, R22)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import Network, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.clients import work_log
from nit_desk.services.clients.work_log_dto import WorkLog, WorkLogKind
from nit_desk.services.dto import RequestDTO
from nit_desk.services.queue import claims, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.card.work_log_panel import TICK_MS, WorkLogPanel
from nit_desk.views.main_window import MainWindow
from nit_desk.views.queue.queue_view import QueueView
from tests.qt_fixtures import card_of
from tests.services.agent_support import new_client
from tests.views.card.card_support import (
    agree_estimate,
    count_calls,
    make_card,
    pay,
    show,
    wait_idle,
)

MOVES = ("start", "wait", "back", "done", "cancel", "reopen")


def _in_status(db: Database, agent: Actor, n: int, status: RequestStatus, *,
               paid: bool = True) -> tuple[int, int]:
    """A request of a new client (estimate of 2 100 ₽ agreed, paid unless told), moved by
    ``agent`` to ``status`` through the request_life service; (request, client)."""
    result = new_client(db, agent, n)
    rid = result.request_id
    total = agree_estimate(db, agent, rid, 2100_00)
    if paid:
        pay(db, agent, rid, total)
    paths: dict[RequestStatus, list[Callable[[Database, Actor, int], RequestDTO]]] = {
        RequestStatus.NEW: [],
        RequestStatus.IN_PROGRESS: [request_life.start_work],
        RequestStatus.WAITING_CLIENT: [
            request_life.start_work,
            lambda d, a, r: request_life.wait_for_client(d, a, r, "reboot and confirm")],
        RequestStatus.DONE: [request_life.start_work, request_life.mark_done],
        RequestStatus.CANCELLED: [
            lambda d, a, r: request_life.cancel(d, a, r, "client withdrew")]}
    for step in paths[status]:
        step(db, agent, rid)
    return rid, result.client.id


def _enabled_moves(window: MainWindow) -> set[str]:
    by_name = {f"action{m.capitalize()}Request": m for m in MOVES}
    return {by_name[a.objectName()] for a in window.work_menu.actions()
            if a.objectName() in by_name and a.isEnabled()}


EXPECTED = {RequestStatus.NEW: {"start", "cancel"},
            RequestStatus.IN_PROGRESS: {"wait", "done", "cancel"},
            RequestStatus.WAITING_CLIENT: {"back", "cancel"},
            RequestStatus.DONE: set(), RequestStatus.CANCELLED: set()}


def test_r19_work_menu_moves_follow_the_shown_requests_status(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        window: MainWindow) -> None:
    """Each move is in the Work menu with its own shortcut, enabled only where R19 allows it;
    "Next request" (F2) stays; reopen is not offered to an agent."""
    keys = [a.shortcut().toString() for a in window.work_menu.actions()
            if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), keys
    assert "F2" in keys
    menu = {a.objectName(): a for a in window.work_menu.actions()}
    assert menu["actionStartRequest"].shortcut() == QKeySequence("Ctrl+Shift+S")
    assert not menu["actionReopenRequest"].isVisible()
    assert _enabled_moves(window) == set()  # nothing shown, nothing to move
    requests = {status: _in_status(db, agent, 80 + i, status)
                for i, status in enumerate(EXPECTED)}
    card = card_of(window)
    for status, (request_id, client_id) in requests.items():
        card.show_request(request_id, client_id)
        qtbot.waitUntil(lambda: card.request_panel.request is not None  # noqa: B023
                        and card.request_panel.request.id == request_id, timeout=10000)  # noqa: B023
        wait_idle(qtbot, card, runner)
        assert _enabled_moves(window) == EXPECTED[status], status
        assert {n for n, b in card.life_bar.buttons.items() if b.isVisibleTo(card)} == \
            EXPECTED[status]


def test_r19_supervisor_may_reopen_a_closed_request(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Reopen… is offered to a supervisor on a done request, never on an open one."""
    done = _in_status(db, agent, 90, RequestStatus.DONE)
    open_one = _in_status(db, agent, 91, RequestStatus.NEW)
    card = make_card(qtbot, db, supervisor, runner, events)
    show(qtbot, card, runner, *done)
    assert card.life_bar.allowed_moves() == ["reopen"]
    assert card.life_bar.action_reopen.isVisible()
    show(qtbot, card, runner, *open_one)
    assert card.life_bar.allowed_moves() == ["start", "cancel"]


def test_r19_moves_through_the_card_with_a_required_line(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Start, waiting (what is awaited, required), back to work, done: each acts on the
    shown request and the card follows."""
    request_id, client_id = _in_status(db, agent, 92, RequestStatus.NEW)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, request_id, client_id)
    card.life_bar.action_start.trigger()
    qtbot.waitUntil(lambda: card.life_bar.allowed_moves() == ["wait", "done", "cancel"],
                    timeout=10000)
    card.life_bar.action_wait.trigger()
    qtbot.waitUntil(lambda: card.life_bar.dialog is not None, timeout=10000)
    dialog = card.life_bar.dialog
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()  # required
    dialog.line.setText("reboot and confirm")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: card.life_bar.allowed_moves() == ["back", "cancel"], timeout=10000)
    assert claims.request_detail(db, agent, request_id).status_reason == "reboot and confirm"
    card.life_bar.action_back.trigger()
    qtbot.waitUntil(lambda: card.life_bar.allowed_moves() == ["wait", "done", "cancel"],
                    timeout=10000)
    card.life_bar.action_done.trigger()
    qtbot.waitUntil(lambda: card.request_panel.request is not None
                    and card.request_panel.request.status is RequestStatus.DONE, timeout=10000)
    wait_idle(qtbot, card, runner)
    assert card.life_bar.allowed_moves() == []
    assert claims.request_detail(db, agent, request_id).status is RequestStatus.DONE


def test_r19_r20_refusal_said_with_the_sum_and_cleared_on_switching(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """An unpaid advance: "the advance of 2 100 ₽ is not paid yet" on the card's message line;
    an agent gets no override; another request shows no trace of it."""
    request_id, client_id = _in_status(db, agent, 93, RequestStatus.NEW, paid=False)
    other_id, other_client = _in_status(db, agent, 94, RequestStatus.NEW)
    claims.claim(db, agent, request_id)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, request_id, client_id)
    card.activateWindow()
    qtbot.waitUntil(lambda: card.isActiveWindow())
    QTest.keySequence(card, QKeySequence("Ctrl+Shift+S"))  # the shortcut acts on the card
    qtbot.waitUntil(lambda: card.message.isVisibleTo(card), timeout=10000)
    assert card.message.text() == ("The advance of 2\u00a0100\u00a0₽ is not paid yet: "
                                   "work on this request cannot start.")
    assert not card.life_bar.start_anyway.isVisibleTo(card)
    assert claims.request_detail(db, agent, request_id).status is RequestStatus.NEW
    card.show_request(other_id, other_client)
    assert not card.message.isVisibleTo(card)  # at once, not after the load
    assert card.life_bar.allowed_moves() == []  # nothing acts on the last request meanwhile
    wait_idle(qtbot, card, runner)
    assert card.request_panel.request is not None and card.request_panel.request.id == other_id
    assert not card.message.isVisibleTo(card)


def test_r19_supervisor_starts_anyway_with_a_reason(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A supervisor refused for an unpaid advance is offered "Start anyway…"; the reason goes
    to the service as the override."""
    request_id, client_id = _in_status(db, agent, 95, RequestStatus.NEW, paid=False)
    card = make_card(qtbot, db, supervisor, runner, events)
    show(qtbot, card, runner, request_id, client_id)
    card.life_bar.action_start.trigger()
    qtbot.waitUntil(lambda: card.life_bar.start_anyway.isVisibleTo(card), timeout=10000)
    card.life_bar.start_anyway.click()
    qtbot.waitUntil(lambda: card.life_bar.dialog is not None, timeout=10000)
    dialog = card.life_bar.dialog
    assert dialog is not None
    dialog.line.setText("client pays tonight, agreed with the office")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: card.request_panel.request is not None
                    and card.request_panel.request.status is RequestStatus.IN_PROGRESS,
                    timeout=10000)
    log = work_log.work_log(db, supervisor, request_id)
    assert [e.text for e in log.entries if e.kind is WorkLogKind.STATUS] == [
        "client pays tonight, agreed with the office"]
    assert not card.life_bar.start_anyway.isVisibleTo(card)


def test_r19_held_by_another_agent_shows_read_only(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor, supervisor: Actor,
        runner: ServiceRunner, events: AppEvents) -> None:
    """Boris holds the request: Anna's card says so and offers no move, tick, note or
    sensitive action; a supervisor's card still does."""
    request_id, client_id = _in_status(db, agent, 96, RequestStatus.NEW)
    taken = claims.claim(db, agent2, request_id)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, request_id, client_id)
    assert taken.claimed_at is not None
    since = taken.claimed_at.astimezone().strftime("%H:%M")
    assert card.read_only
    assert card.life_bar.held_label.text() == f"Held by boris since {since}: read only"
    assert card.life_bar.allowed_moves() == []
    assert not card.checklist._editable
    assert not card.sensitive_button.isEnabled()
    assert not card.request_panel.spec_box.isEnabled()
    assert card.work_log.read_only and not card.work_log.add_button.isEnabled()
    boss = make_card(qtbot, db, supervisor, runner, events)
    show(qtbot, boss, runner, request_id, client_id)
    assert not boss.read_only
    assert boss.life_bar.held_label.text() == f"Held by boris since {since}"
    assert boss.life_bar.allowed_moves() == ["start", "cancel"]
    assert boss.checklist._editable


def test_r9_note_refusal_is_said_beside_the_box_and_the_text_stays(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A card number in a note is refused beside the box, the typed text kept (R9); a good
    note is added with Ctrl+Enter and the box empties."""
    request_id, client_id = _in_status(db, agent, 97, RequestStatus.NEW)
    claims.claim(db, agent, request_id)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, request_id, client_id)
    panel = card.work_log
    card.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.log is not None and not runner.is_busy, timeout=10000)
    typed = "оплатил картой 4111 1111 1111 1111"
    panel.note_edit.setPlainText(typed)
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.note_field.has_error, timeout=10000)
    assert panel.note_edit.toPlainText() == typed
    assert "card" in panel.note_field.text.lower()
    notes = panel.model.rowCount()
    panel.note_edit.setPlainText("cleaned autostart, removed 2 adware programs")
    card.activateWindow()
    panel.note_edit.setFocus()
    qtbot.waitUntil(lambda: panel.note_edit.hasFocus())
    QTest.keyClick(panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.model.rowCount() == notes + 1, timeout=10000)
    last = panel.model.entry(notes)
    assert last is not None and last.kind == "note"
    assert last.text == "cleaned autostart, removed 2 adware programs"
    assert panel.note_edit.toPlainText() == "" and not panel.note_field.has_error


def test_r22_time_line_ticks_without_asking_the_database(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the timer runs the line moves every 30 s from the loaded figure and the clock;
    paused, it stands still."""
    session = Session(db, agent, runner, events)
    reads = count_calls(monkeypatch, runner)
    panel = WorkLogPanel(session)
    qtbot.addWidget(panel)
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    now = [t0]
    panel.clock = lambda: now[0]
    panel.set_log(WorkLog(1, (), 90 * 60, True, t0, Decimal(2)))
    assert panel.time_label.text() == "1 h 30 min of 2 h · the timer runs"
    assert panel.tick_timer.isActive() and panel.tick_timer.interval() == TICK_MS == 30_000
    now[0] = t0 + timedelta(minutes=10, seconds=20)
    panel.tick_timer.timeout.emit()
    assert panel.time_label.text() == "1 h 40 min of 2 h · the timer runs"
    now[0] = t0 + timedelta(minutes=31)
    panel.tick_timer.timeout.emit()
    assert panel.time_label.text() == "2 h 1 min of 2 h · the timer runs"
    assert "c62828" in panel.time_label.styleSheet()  # over the estimate
    assert reads == [] and not runner.is_busy  # no database call per tick
    panel.set_log(WorkLog(1, (), 100 * 60, False, t0, Decimal(2)))
    assert not panel.tick_timer.isActive()
    now[0] = t0 + timedelta(hours=5)
    assert panel.time_label.text() == "1 h 40 min of 2 h"


def test_r19_after_an_intake_its_author_holds_the_request_and_the_queue_selects_it(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        window: MainWindow) -> None:
    """One current request: the new request is taken by its author and is the queue's
    current row, so the Work menu acts on what the card shows."""
    card = card_of(window)
    card.action_new_request.trigger()
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
    queue = window.queue_area.content
    assert isinstance(queue, QueueView)
    qtbot.waitUntil(lambda: queue.current_request_id() == result.request_id, timeout=10000)
    qtbot.waitUntil(lambda: card.request_panel.request is not None
                    and card.request_panel.request.claimed_by_id == agent.user_id,
                    timeout=10000)
    wait_idle(qtbot, card, runner)
    assert claims.request_detail(db, agent, result.request_id).claimed_by_id == agent.user_id
    assert card.request_id == result.request_id
    assert _enabled_moves(window) == {"start", "cancel"}
