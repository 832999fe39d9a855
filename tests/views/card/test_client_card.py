"""The client card: checklist to registered, trust toggle, badges, reloads, models (R3-R6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import StepState
from nit_desk.models.card.checklist_model import STATE_ROLE, ChecklistModel, Column
from nit_desk.models.card.history_model import HistoryModel
from nit_desk.services.actor import Actor
from nit_desk.services.change import Change
from nit_desk.services.clients import bans, clients, registration
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.card.client_card import ClientCardView
from tests.services.agent_support import new_client, register_fully
from tests.views.card.card_support import count_calls, make_card, show, wait_idle


def _required_done(card: ClientCardView, count: int) -> Callable[[], bool]:
    """A wait condition: the card shows ``count`` required steps done."""
    return lambda: card.card is not None and card.card.progress.required_done == count


def test_r3_r4_r5_ticking_every_step_registers_and_enables_trust(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R3/R4: Space ticks the current step; at 9 of 9 the badge shows and trust opens (R5)."""
    result = new_client(db, agent, 1)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, result.request_id, None)
    panel = card.checklist
    assert panel.progress_label.text() == "0 of 9 required steps done"
    assert not card.trust_box.isEnabled()
    assert "not registered" in card.trust_box.toolTip()
    assert card.pills["unregistered"].isVisibleTo(card)
    assert not card.pills["registered"].isVisibleTo(card)
    card.activateWindow()
    panel.view.setFocus()
    for done in range(1, 10):
        assert panel.current_item() is not None
        assert panel.current_item().state is StepState.PENDING  # type: ignore[union-attr]
        QTest.keyClick(panel.view, Qt.Key.Key_Space)
        qtbot.waitUntil(_required_done(card, done), timeout=10000)
    wait_idle(qtbot, card, runner)
    assert panel.progress_label.text() == "9 of 9 required steps done"
    assert panel.progress.value() == panel.progress.maximum() == 9
    assert card.pills["registered"].isVisibleTo(card)
    assert not card.pills["unregistered"].isVisibleTo(card)
    assert card.trust_box.isEnabled() and not card.trust_box.isChecked()
    card.trust_box.click()
    qtbot.waitUntil(lambda: card.card is not None and card.card.trusted, timeout=10000)
    assert card.pills["trusted"].isVisibleTo(card)
    assert clients.client_card(db, agent, result.client.id).trusted


def test_r3_refused_and_not_applicable_show_who_and_when(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R3: Ctrl+D, refused and n.a. from the panel's actions; the row says who and when."""
    result = new_client(db, agent, 2)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, None, result.client.id)
    panel = card.checklist
    panel.select_step("browser_check")
    panel.action_refused.trigger()
    qtbot.waitUntil(lambda: panel.model.item(0) is not None
                    and panel.model.item(0).state is StepState.REFUSED)  # type: ignore[union-attr]
    row = panel.model.row_of("browser_check")
    assert panel.model.index(row, Column.BY).data() == "anna"
    assert panel.model.index(row, Column.WHEN).data()
    assert panel.model.index(row, Column.STATE).data() == "refused"
    panel.select_step("email_confirmed")
    panel.action_not_applicable.trigger()
    qtbot.waitUntil(lambda: panel.model.index(panel.model.row_of("email_confirmed"), 0)
                    .data(STATE_ROLE) == StepState.NOT_APPLICABLE)
    wait_idle(qtbot, card, runner)
    # R4: a required step marked n.a. or refused does not count as done
    assert card.card is not None and card.card.progress.required_done == 0
    assert not card.pills["registered"].isVisibleTo(card)


def test_card_reloads_when_another_workstation_changes_its_client(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A commit about the shown client reloads the card; one about another client does not."""
    shown = new_client(db, agent, 3)
    other = new_client(db, agent, 4)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, shown.request_id, None)
    register_fully(db, agent2, other.client.id)
    wait_idle(qtbot, card, runner)
    assert card.card is not None and card.card.progress.required_done == 0
    registration.set_step_state(db, agent2, shown.client.id, "browser_check", StepState.DONE)
    qtbot.waitUntil(lambda: card.card is not None and card.card.progress.required_done == 1,
                    timeout=10000)
    item = card.checklist.model.item(card.checklist.model.row_of("browser_check"))
    assert item is not None and item.changed_by == "boris"
    assert card.history_model.rowCount() >= 2


def test_r11_banned_client_card_is_read_only(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A banned client: red badge, no checklist changes, no trust, no new proposal (R11, R12)."""
    result = new_client(db, agent, 5)
    registration.set_step_state(db, agent, result.client.id, "phone_confirmed",
                                StepState.REFUSED)
    proposal = bans.propose_ban(db, agent, result.client.id, ["phone_confirmed"],
                                "Не подтверждает телефон")
    bans.approve_ban(db, supervisor, proposal.id, "Подтверждено")
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, None, result.client.id)
    assert card.pills["banned"].isVisibleTo(card)
    assert not card.pills["ban_proposed"].isVisibleTo(card)
    assert not card.checklist.action_done.isEnabled()
    assert not card.trust_box.isEnabled()
    assert "banned" in card.trust_box.toolTip()
    assert not card.ban_button.isEnabled() and not card.sensitive_button.isEnabled()
    assert card.phone_indicator.allowed is False
    assert "the client is banned from support" in card.phone_indicator.reason_lines


def test_loading_shows_a_busy_state_and_the_context_menu_sets_states(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Loading is visibly busy; the checklist's context menu offers every state (R3)."""
    result = new_client(db, agent, 8)
    card = make_card(qtbot, db, agent, runner, events)
    card.show_request(result.request_id, None)
    assert card.loading and card.busy_bar.isVisibleTo(card)
    qtbot.waitUntil(lambda: card.card is not None and not card.loading, timeout=10000)
    assert not card.busy_bar.isVisibleTo(card)
    wait_idle(qtbot, card, runner)
    panel = card.checklist
    row = panel.model.row_of("deadlines_agreed")
    panel.select_step("deadlines_agreed")
    menu = panel.context_menu()  # what a right click pops up (popups warn off screen)
    assert [a.text() for a in menu.actions()] == ["&Done", "&Refused", "&Not applicable",
                                                  "&Pending"]
    assert panel.current_code() == "deadlines_agreed"
    menu.actions()[2].trigger()
    menu.deleteLater()
    qtbot.waitUntil(lambda: (panel.model.item(row) is not None and panel.model.item(row)
                             .state is StepState.NOT_APPLICABLE), timeout=10000)  # type: ignore[union-attr]
    wait_idle(qtbot, card, runner)


def test_empty_selection_shows_the_placeholder(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """No request selected: the card says how to get one instead of empty panels."""
    result = new_client(db, agent, 6)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, result.request_id, None)
    assert card.stack.currentIndex() == 1
    card.show_request(None, None)
    assert card.stack.currentIndex() == 0 and card.card is None


def test_checklist_and_history_models_pass_the_model_tester(
        qtbot: QtBot, db: Database, agent: Actor) -> None:
    """Qt's own model tester finds nothing wrong with the card's models."""
    result = new_client(db, agent, 7)
    registration.set_step_state(db, agent, result.client.id, "browser_check", StepState.DONE)
    card = clients.client_card(db, agent, result.client.id)
    checklist = ChecklistModel()
    QAbstractItemModelTester(checklist,
                             QAbstractItemModelTester.FailureReportingMode.Fatal)
    checklist.set_items(card.checklist)
    checklist.set_items(card.checklist[:3])
    assert checklist.rowCount() == 3
    history = HistoryModel()
    QAbstractItemModelTester(history, QAbstractItemModelTester.FailureReportingMode.Fatal)
    entries = clients.client_history(db, agent, result.client.id)
    history.set_entries(entries, {i.code: i.title for i in card.checklist})
    assert history.rowCount() == len(entries)
    texts = [history.index(r, 3).data() for r in range(history.rowCount())]
    assert "Проверка браузера на ботов пройдена: pending → done" in texts


def test_a_closed_card_holds_its_reload_until_shown_again(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A closed card reads nothing (its runner may be gone after sign-out: a shuffled run
    saw one reload during a later test); a change it heard is read when shown again."""
    result = new_client(db, agent, 3)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, result.request_id, result.client.id)
    concerning = Change(entities=frozenset({"client"}),
                        client_ids=frozenset({result.client.id}))
    registration.set_step_state(db, agent2, result.client.id, "browser_check", StepState.DONE)
    events.data_changed.emit(concerning)
    assert card._reload_timer.isActive()
    card.close()
    assert not card._reload_timer.isActive()
    events.data_changed.emit(concerning)  # heard while closed: held, not read
    qtbot.wait(250)
    assert card.card is not None and card.card.progress.required_done == 0
    card.show()
    qtbot.waitUntil(_required_done(card, 1), timeout=5000)


def test_one_worker_call_per_request_selection_and_per_reload(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor, runner: ServiceRunner,
        events: AppEvents, monkeypatch: pytest.MonkeyPatch) -> None:
    """Showing a request reads the card, the request, its money, the history and the work
    log in one worker call (``card_view``); so does the reload after a change (R22 shown)."""
    first, second = new_client(db, agent, 41), new_client(db, agent, 42)
    card = make_card(qtbot, db, agent, runner, events)
    calls = count_calls(monkeypatch, runner)
    show(qtbot, card, runner, first.request_id, None)
    assert calls == ["card_view"]
    assert card.request_panel.request is not None and card.work_log.model.log is not None
    assert card.request_panel.request.id == first.request_id
    assert card.work_log.model.log.request_id == first.request_id
    calls.clear()
    show(qtbot, card, runner, second.request_id, second.client.id)
    assert calls == ["card_view"]
    calls.clear()
    registration.set_step_state(db, agent2, second.client.id, "browser_check", StepState.DONE)
    qtbot.waitUntil(_required_done(card, 1), timeout=5000)
    wait_idle(qtbot, card, runner)
    assert calls == ["card_view"]
