"""From the search box into the results with Down or Enter (issue #14, item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from tests.views.queue.queue_support import fill_queue, queue_view, settle


def test_r7_down_in_the_search_box_goes_to_the_first_result(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Down: the table holds the keyboard on its first row (its card opens)."""
    ids = fill_queue(db, agent, 3)
    view = queue_view(qtbot, db, agent, runner, events)
    view.search_edit.setFocus()
    with qtbot.waitSignal(view.request_selected) as selected:
        qtbot.keyClick(view.search_edit, Qt.Key.Key_Down)
    assert view.focusWidget() is view.table
    assert view.current_request_id() == ids[0] == selected.args[0]


def test_r7_enter_searches_at_once_and_goes_to_the_first_match(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Enter runs the search without the debounce and lands on its first match."""
    ids = fill_queue(db, agent, 3)
    view = queue_view(qtbot, db, agent, runner, events)
    view.select_request(ids[0])
    handle = view.model.row(2).handle
    view.search_edit.setFocus()
    qtbot.keyClicks(view.search_edit, handle)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    settle(qtbot, view)
    assert view.model.query.search == handle
    assert view.focusWidget() is view.table
    assert view.current_request_id() == ids[2]
