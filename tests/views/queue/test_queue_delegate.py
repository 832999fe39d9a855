"""The queue's delegate paints exactly what Qt's own delegate paints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleFactory
from pytestqt.qtbot import QtBot

from nit_desk.models.queue.queue_model import Column
from nit_desk.services.actor import Actor
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.theme import dark_palette
from nit_desk.views.queue.queue_delegate import QueueDelegate
from nit_desk.views.queue.queue_view import QueueView
from tests.views.queue.queue_support import fill_queue, queue_view, settle

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole,
          Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
          Qt.ItemDataRole.BackgroundRole)


def _styled_queue(qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
                  events: AppEvents) -> QueueView:
    """A queue with every look a cell can have: overdue (a clock, red time), mine
    (bold), plain, and a selected row."""
    ids = fill_queue(db, agent, 6)
    queue.claim(db, agent, ids[4])
    view = queue_view(qtbot, db, agent, runner, events)
    view.model.reload()
    settle(qtbot, view)
    view.model.refresh_time_left(utcnow() + timedelta(hours=4, minutes=30))  # rows 0-2 overdue
    view.table.selectRow(1)
    return view


def _pictures(view: QueueView) -> tuple[QImage, QImage]:
    """The viewport painted by the queue's delegate, then by Qt's own (delegate restored)."""
    table = view.table
    ours = table.viewport().grab().toImage()
    delegate = table.itemDelegate()
    table.setItemDelegate(QStyledItemDelegate(table))
    qts = table.viewport().grab().toImage()
    table.setItemDelegate(delegate)
    return ours, qts


@pytest.mark.parametrize("style_name", ["Fusion", "Windows"])
def test_the_delegate_paints_pixel_for_pixel_what_qts_delegate_paints(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents, style_name: str) -> None:
    """Issue 3 speed: the delegate only saves work; the agent sees the same queue, in each
    style it paints itself: plain, overdue (clock, red time), mine (bold), a selected row,
    the focused cell, a centred column and a column too narrow for its text (elided)."""
    view = _styled_queue(qtbot, db, agent, runner, events)
    table = view.table
    style = QStyleFactory.create(style_name)
    table.setStyle(style)
    table.setFocus()
    table.setCurrentIndex(view.model.index(1, Column.CLIENT))
    table.setColumnWidth(table.horizontalHeader().logicalIndex(0), 40)  # elided
    delegate = table.itemDelegate()
    assert isinstance(delegate, QueueDelegate)
    ours, qts = _pictures(view)
    assert ours == qts
    assert delegate.laid_out_texts > 0  # the plain cells really were painted by it
    overdue = table.visualRect(view.model.index(0, Column.STATUS))
    plain = table.visualRect(view.model.index(5, Column.STATUS))
    tint = ours.pixelColor(overdue.right() - 2, overdue.center().y())
    assert tint != ours.pixelColor(plain.right() - 2, plain.center().y())  # not a blank picture


def test_the_delegate_follows_a_dark_palette_and_an_inactive_window(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Text colours come from the palette group Qt would use (active, inactive or
    disabled) at paint time, never from the text cache."""
    view = _styled_queue(qtbot, db, agent, runner, events)
    view.table.setStyle(QStyleFactory.create("Fusion"))
    ours, _ = _pictures(view)  # the light picture, texts laid out
    palette = dark_palette()
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Text, QColor("#e0c080"))
    view.table.setPalette(palette)
    dark, qts = _pictures(view)
    assert dark == qts and dark != ours
    view.table.setEnabled(False)  # the disabled group's grey
    disabled, qts = _pictures(view)
    assert disabled == qts and disabled != dark


def test_under_a_style_sheet_qt_paints_every_cell(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A style sheet may pad or colour items: then the delegate leaves painting to Qt."""
    view = _styled_queue(qtbot, db, agent, runner, events)
    view.table.setStyleSheet("QTableView::item { padding-left: 9px; color: #123456; }")
    delegate = view.table.itemDelegate()
    assert isinstance(delegate, QueueDelegate)
    ours, qts = _pictures(view)
    assert ours == qts
    assert delegate.laid_out_texts == 0


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
            decorated = cell.get(int(Qt.ItemDataRole.DecorationRole)) is not None
            assert decorated == (model.index(row, column).data(
                Qt.ItemDataRole.DecorationRole) is not None), (row, column)
            looks.add((cell.get(int(Qt.ItemDataRole.FontRole)) is not None, decorated))
    assert {(False, True), (True, False), (False, False)} <= looks  # overdue, mine, plain
    assert model.painted_cell(model.rowCount(), 0) is None
    assert model.painted_cell(0, model.columnCount()) is None
