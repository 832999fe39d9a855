"""The queue screen: claim, release, lost claim, search debounce, refresh, the Work menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from nit_desk.app.app import build_main_window
from nit_desk.models.queue.queue_model import Column
from nit_desk.services.actor import Actor
from nit_desk.services.change import Change
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.queue.queue_view import QueueView
from tests.views.queue.queue_support import fill_queue, queue_view, settle


def messages(events: AppEvents) -> list[str]:
    """Collect the status-bar messages the view sends."""
    said: list[str] = []
    events.status_message.connect(said.append)
    return said


def test_take_and_release_the_current_request(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R7: Take (Ctrl+T) claims the selected request, Release (Ctrl+R) gives it back."""
    ids = fill_queue(db, agent, 3)
    view = queue_view(qtbot, db, agent, runner, events)
    said = messages(events)
    with qtbot.waitSignal(view.request_selected) as selected:
        view.table.selectRow(1)
    assert selected.args == [ids[1], view.model.row(1).client_id]
    assert view.action_take.isEnabled() and not view.action_release.isEnabled()
    view.action_take.trigger()
    qtbot.waitUntil(lambda: view.model.row(1).claimed_by_name == "anna")
    assert said[-1] == "You took the request of client_501."
    assert view.current_request_id() == ids[1]
    assert view.model.index(1, Column.CLAIMED_BY).data() == "anna (you)"
    assert view.action_release.isEnabled()
    view.action_release.trigger()
    qtbot.waitUntil(lambda: view.model.row(1).claimed_by_name is None)
    assert said[-1] == "You released the request of client_501."
    assert queue.request_detail(db, agent, ids[1]).claimed_by_id is None
    settle(qtbot, view)


def test_lost_claim_names_the_holder_in_banner_and_status_bar(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Scenario 6: the second agent is told who holds the request and since when."""
    ids = fill_queue(db, agent, 2)
    anna = queue_view(qtbot, db, agent, runner, events)
    boris = queue_view(qtbot, db, agent2, runner, AppEvents())
    anna.table.selectRow(0)
    anna.action_take.trigger()
    qtbot.waitUntil(lambda: anna.model.row(0).claimed_by_name == "anna")
    held = queue.request_detail(db, agent, ids[0])
    assert held.claimed_at is not None
    since = held.claimed_at.astimezone().strftime("%H:%M")
    said = messages(boris._events)
    boris.table.selectRow(0)
    boris.action_take.trigger()
    qtbot.waitUntil(lambda: boris.banner.kind == "error")
    text = f"The request is held by anna since {since}."
    assert boris.banner.text() == text and said == [text]
    qtbot.waitUntil(lambda: boris.model.row(0).claimed_by_name == "anna")  # refreshed
    assert queue.request_detail(db, agent, ids[0]).claimed_by_id == agent.user_id
    boris.action_release.trigger()
    qtbot.waitUntil(lambda: len(said) == 2)
    assert said[1] == text  # an agent cannot release another agent's live claim
    settle(qtbot, boris)


def test_next_request_takes_the_soonest_unclaimed_and_selects_it(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R7: Next request (F2) claims the oldest unclaimed by deadline and shows it."""
    ids = fill_queue(db, agent, 3)
    queue.claim(db, agent, ids[0])
    view = queue_view(qtbot, db, agent, runner, events)
    with qtbot.waitSignal(view.request_selected) as selected:
        view.action_next.trigger()
    assert selected.args[0] == ids[1]
    qtbot.waitUntil(lambda: view.current_request_id() == ids[1])
    qtbot.waitUntil(lambda: view.model.row(1).claimed_by_name == "anna")
    settle(qtbot, view)


def test_next_request_on_an_empty_queue_says_so(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """An empty queue shows its empty state, and Next request says nothing is waiting."""
    view = queue_view(qtbot, db, agent, runner, events)
    assert view.empty_label.isVisible() and view.empty_label.text() == "The queue is empty"
    said = messages(events)
    view.action_next.trigger()
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["No unclaimed request is waiting."]


def test_search_is_debounced_and_narrows_in_sql(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Typing waits 300 ms of quiet before one search; no match shows "No requests match"."""
    ids = fill_queue(db, agent, 4)
    view = queue_view(qtbot, db, agent, runner, events)
    qtbot.keyClicks(view.search_edit, "@client_50")
    assert view.model.query.search == ""  # nothing sent while typing
    assert view.search_timer.isActive()
    qtbot.keyClicks(view.search_edit, "2")
    qtbot.waitUntil(lambda: view.model.query.search == "@client_502" and
                    not view.model.is_loading)
    assert [view.model.row(r).request_id for r in range(view.model.rowCount())] == [ids[2]]
    view.search_edit.setText("@nobody_here")
    qtbot.waitUntil(lambda: view.model.query.search == "@nobody_here" and
                    not view.model.is_loading)
    assert view.model.rowCount() == 0
    assert view.empty_label.isVisible() and view.empty_label.text() == "No requests match"


def test_data_changed_refresh_keeps_the_selected_request(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Another workstation's change reloads the queue; the selected request stays current."""
    ids = fill_queue(db, agent, 5)
    view = queue_view(qtbot, db, agent, runner, events)
    view.table.selectRow(3)
    queue.claim(db, agent2, ids[3])
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    events.data_changed.emit(Change(entities=frozenset({"*"})))
    events.data_changed.emit(Change(entities=frozenset({"request"})))
    qtbot.waitUntil(lambda: view.model.row(3).claimed_by_name == "boris")
    qtbot.wait(300)
    assert resets == [True]  # two announcements, one debounced reload
    assert view.current_request_id() == ids[3]


def test_a_closed_queue_stops_its_timers_and_refreshes_when_shown_again(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Issue #19's shuffled runs: a closed queue's debounced refresh fired during a later
    test. Closed, it reloads nothing; a change it heard before closing is read when shown."""
    ids = fill_queue(db, agent, 3)
    view = queue_view(qtbot, db, agent, runner, events)
    queue.claim(db, agent2, ids[0])
    events.data_changed.emit(Change(entities=frozenset({"request"})))
    assert view.refresh_timer.isActive()
    view.close()
    assert not (view.refresh_timer.isActive() or view.heartbeat_timer.isActive())
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    qtbot.wait(400)
    assert resets == []
    view.show()
    assert view.heartbeat_timer.isActive()
    qtbot.waitUntil(lambda: view.model.row(0).claimed_by_name == "boris")
    assert resets == [True]


def test_filter_mine_and_the_shortcuts(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """The filter box narrows to "mine"; the actions carry the documented shortcuts."""
    ids = fill_queue(db, agent, 3)
    queue.claim(db, agent, ids[2])
    view = queue_view(qtbot, db, agent, runner, events)
    view.filter_box.setCurrentIndex(view.filter_box.findText("Mine"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.is_loading)
    assert view.model.row(0).request_id == ids[2]
    keys = {a.text().replace("&", ""): a.shortcut().toString() for a in view.work_actions()}
    assert keys == {"Next request": "F2", "Take request": "Ctrl+T",
                    "Release request": "Ctrl+R", "Search the queue": "Ctrl+F",
                    "Refresh the queue": "F5"}
    view.activateWindow()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.search_edit.hasFocus)


def test_main_window_holds_the_queue_and_its_work_menu(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """install_screens puts the queue on the left and its actions in the Work menu."""
    fill_queue(db, agent, 2)
    window = build_main_window(db, agent, runner, events, desk_settings)
    qtbot.addWidget(window)
    window.show()
    view = window.queue_area.content
    assert isinstance(view, QueueView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    menu = [a.shortcut() for a in window.work_menu.actions()]
    assert QKeySequence("F2") in menu and QKeySequence("Ctrl+T") in menu


def test_column_order_and_widths_are_remembered(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings) -> None:
    """A moved and resized column comes back in the next session (layout in QSettings)."""
    window = build_main_window(db, agent, runner, events, desk_settings)
    qtbot.addWidget(window)
    window.show()
    view = window.queue_area.content
    assert isinstance(view, QueueView)
    header = view.table.horizontalHeader()
    header.moveSection(header.visualIndex(Column.CLAIMED_BY), 0)
    header.resizeSection(Column.STATUS, 211)
    window.close()
    again = build_main_window(db, agent, runner, events, desk_settings)
    qtbot.addWidget(again)
    view2 = again.queue_area.content
    assert isinstance(view2, QueueView)
    header2 = view2.table.horizontalHeader()
    assert header2.visualIndex(Column.CLAIMED_BY) == 0
    assert header2.sectionSize(Column.STATUS) == 211
    settle(qtbot, view)
    settle(qtbot, view2)
