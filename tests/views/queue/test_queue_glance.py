"""The queue read at a glance: header sort in SQL, closed rows with no time left, the
description column (issue #14, item 7)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import RequestStatus
from nit_desk.models.queue.queue_model import Column
from nit_desk.services.actor import Actor
from nit_desk.services.dto import QueueSort
from nit_desk.services.queue import request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from tests.services.agent_support import new_client
from tests.views.queue.queue_support import queue_view, settle


def _clients(db: Database, agent: Actor) -> list[int]:
    start = utcnow() + timedelta(hours=2)
    return [new_client(db, agent, 950 + i, handle=handle, deadline=start + timedelta(hours=i),
                       description=f"Чистка ноутбука {i}").request_id
            for i, handle in enumerate(["mila", "anton", "zoya"])]


def _click_header(qtbot: QtBot, view: object, column: Column) -> None:
    table = view.table  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_r7_a_header_click_orders_the_queue_in_sql(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Client header: A to Z, again Z to A; the service did the order (the query says so);
    the registration header has no order and keeps the current one."""
    _clients(db, agent)
    view = queue_view(qtbot, db, agent, runner, events)
    assert [view.model.row(i).handle for i in range(3)] == ["mila", "anton", "zoya"]
    _click_header(qtbot, view, Column.CLIENT)
    settle(qtbot, view)
    assert view.model.query.sort is QueueSort.CLIENT
    assert [view.model.row(i).handle for i in range(3)] == ["anton", "mila", "zoya"]
    _click_header(qtbot, view, Column.CLIENT)
    settle(qtbot, view)
    assert view.model.query.descending
    assert [view.model.row(i).handle for i in range(3)] == ["zoya", "mila", "anton"]
    _click_header(qtbot, view, Column.REGISTRATION)
    settle(qtbot, view)
    assert (view.model.query.sort, view.model.query.descending) == (QueueSort.CLIENT, True)
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == Column.CLIENT


def test_r19_a_closed_request_shows_no_time_left(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Looking back at cancelled requests: the deadline, no "overdue", no clock."""
    ids = _clients(db, agent)
    request_life.cancel(db, supervisor, ids[0], "the client withdrew")
    view = queue_view(qtbot, db, agent, runner, events)
    box = view.status_box
    box.setCurrentIndex(next(i for i in range(box.count())
                             if box.itemData(i) == RequestStatus.CANCELLED))
    settle(qtbot, view)
    assert view.model.rowCount() == 1
    view.model.refresh_time_left(utcnow() + timedelta(days=3))  # long past its deadline
    cell = view.model.index(0, Column.DEADLINE)
    assert "overdue" not in cell.data() and " in " not in f" {cell.data()}"
    assert cell.data(Qt.ItemDataRole.DecorationRole) is None


def test_r7_the_description_column_shows_what_the_client_asked(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """The last column: the description's first line, with the whole of it as a tip."""
    _clients(db, agent)
    view = queue_view(qtbot, db, agent, runner, events)
    cell = view.model.index(0, Column.DESCRIPTION)
    assert cell.data() == "Чистка ноутбука 0"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Чистка ноутбука 0"
    header = view.table.horizontalHeader()
    assert header.visualIndex(Column.DESCRIPTION) == len(Column) - 1
