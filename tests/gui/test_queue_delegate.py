"""The queue's one-call delegate paints exactly what Qt's own delegate paints."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate
from pytestqt.qtbot import QtBot

from nit_desk.gui.events import AppEvents
from nit_desk.gui.runner import ServiceRunner
from nit_desk.models.queue_model import Column
from nit_desk.services import queue
from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from nit_desk.views.queue_delegate import QueueDelegate
from nit_desk.views.queue_view import QueueView
from tests.gui.queue_support import fill_queue, queue_view, settle

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole,
          Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
          Qt.ItemDataRole.BackgroundRole)


def _styled_queue(qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
                  events: AppEvents) -> QueueView:
    """A queue with every look a cell can have: overdue (red, bold, tinted), mine
    (bold), plain, and a selected row."""
    ids = fill_queue(db, agent, 6)
    queue.claim(db, agent, ids[4])
    view = queue_view(qtbot, db, agent, runner, events)
    view.model.reload()
    settle(qtbot, view)
    view.model.refresh_time_left(utcnow() + timedelta(hours=4, minutes=30))  # rows 0-2 overdue
    view.table.selectRow(1)
    return view


def test_the_delegate_paints_pixel_for_pixel_what_qts_delegate_paints(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Issue 3 speed: the delegate only saves calls; the agent sees the same queue."""
    view = _styled_queue(qtbot, db, agent, runner, events)
    table = view.table
    assert isinstance(table.itemDelegate(), QueueDelegate)
    ours = table.viewport().grab().toImage()
    table.setItemDelegate(QStyledItemDelegate(table))
    qts = table.viewport().grab().toImage()
    assert ours == qts
    overdue = table.visualRect(view.model.index(0, Column.STATUS))
    plain = table.visualRect(view.model.index(5, Column.STATUS))
    tint = ours.pixelColor(overdue.right() - 2, overdue.center().y())
    assert tint != ours.pixelColor(plain.right() - 2, plain.center().y())  # not a blank picture


def test_painted_cell_agrees_with_data_in_every_painted_role(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """What the delegate reads is what ``data()`` answers (screen readers, tests, copy)."""
    view = _styled_queue(qtbot, db, agent, runner, events)
    model = view.model
    looks = set()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            cell = model.painted_cell(row, column)
            assert cell is not None
            for role in _ROLES:
                assert cell.get(int(role)) == model.index(row, column).data(role), (row, column)
            looks.add((cell.get(int(Qt.ItemDataRole.FontRole)) is not None,
                       cell.get(int(Qt.ItemDataRole.BackgroundRole)) is not None))
    assert {(True, True), (True, False), (False, False)} <= looks
    assert model.painted_cell(model.rowCount(), 0) is None
    assert model.painted_cell(0, model.columnCount()) is None
