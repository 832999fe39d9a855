"""Filter, status, search, order, card tab and console tab come back after a restart
(issue #14, item 7)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from nit_desk.app.app import build_main_window
from nit_desk.app.remembered import store_query, stored_query
from nit_desk.domain.types import RequestStatus
from nit_desk.models.queue.queue_model import QueueQuery
from nit_desk.services.actor import Actor
from nit_desk.services.dto import QueueFilter, QueueSort
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.console.console import SupervisorConsole
from nit_desk.views.main_window import MainWindow
from nit_desk.views.queue.queue_view import QueueView
from tests.qt_fixtures import card_of
from tests.views.money.money_support import settle


def _open(qtbot: QtBot, db: Database, actor: Actor, runner: ServiceRunner,
          events: AppEvents, settings: DeskSettings) -> MainWindow:
    main = build_main_window(db, actor, runner, events, settings)
    qtbot.addWidget(main)
    main.show()
    return main


def _queue(main: MainWindow) -> QueueView:
    view = main.queue_area.content
    assert isinstance(view, QueueView)
    return view


def test_the_queue_card_and_console_open_as_they_were_left(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, desk_settings: DeskSettings) -> None:
    """Close with "mine", "waiting", a search, client Z-A, the history tab and the users
    tab; the next window shows exactly that, in its boxes too."""
    first = _open(qtbot, db, supervisor, runner, events, desk_settings)
    view = _queue(first)
    view.restore_query(QueueQuery(QueueFilter.MINE, RequestStatus.WAITING_CLIENT, "+7912",
                                  QueueSort.CLIENT, True))
    card_of(first).tabs.setCurrentIndex(1)
    console = first.supervisor_console
    assert isinstance(console, SupervisorConsole)
    console.setCurrentWidget(console.users_admin)
    settle(qtbot, runner)
    first.close()
    settle(qtbot, runner)
    second = _open(qtbot, db, supervisor, runner, events, desk_settings)
    again = _queue(second)
    assert again.query() == QueueQuery(QueueFilter.MINE, RequestStatus.WAITING_CLIENT,
                                       "+7912", QueueSort.CLIENT, True)
    assert again.filter_box.currentData() == QueueFilter.MINE
    assert again.status_box.currentData() == RequestStatus.WAITING_CLIENT
    assert again.search_edit.text() == "+7912"
    assert again.table.horizontalHeader().sortIndicatorSection() == 0  # the client column
    assert card_of(second).tabs.currentIndex() == 1
    console = second.supervisor_console
    assert isinstance(console, SupervisorConsole)
    assert console.currentWidget() is console.users_admin
    settle(qtbot, runner)


def test_an_unreadable_stored_query_opens_the_default_queue(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents, desk_settings: DeskSettings) -> None:
    """A name an older or newer version stored is ignored, not a crash."""
    desk_settings.remember("queue/filter", "everything-ever")
    main = _open(qtbot, db, agent, runner, events, desk_settings)
    assert _queue(main).query() == QueueQuery()
    settle(qtbot, runner)


def test_r9_a_search_holding_a_card_number_is_never_written_to_the_settings(
        desk_settings: DeskSettings, tmp_path: Path) -> None:
    """A card number pasted into the search box stays out of the settings file (R9)."""
    store_query(desk_settings, QueueQuery(search="4111 1111 1111 1111"))
    desk_settings.sync()
    assert stored_query(desk_settings).search == ""
    assert "4111" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    store_query(desk_settings, QueueQuery(search="+7912"))
    assert stored_query(desk_settings).search == "+7912"
