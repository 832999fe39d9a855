"""Issue #14 item 2: the desk fits half of a 1920 px screen, beside the messenger.

On the demo data, in Russian (the longer texts): the main window's minimum
width stays at or under 960 px whichever client is shown and never grows from
one client to the next; the estimate's total and its Save / Propose buttons are
in view in the card's tab at 1280×800 and at 960×1000; the checklist wraps
long step names; the queue's deadline column leaves room for "held by"; the
estimate and the payments open in windows of their own, bound to the request,
and closing the estimate's window never loses unsaved lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from nit_desk.app.app import build_main_window
from nit_desk.app.bindings import attach_database
from nit_desk.app.screens import QUEUE_HEADER
from nit_desk.demo import demo
from nit_desk.domain.types import Unit
from nit_desk.models.card.checklist_model import Column as ChecklistColumn
from nit_desk.models.money.estimate_model import EditableLine
from nit_desk.models.queue.queue_model import Column
from nit_desk.services.admin import users
from nit_desk.services.storage.engine import Database
from nit_desk.ui import i18n
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.main_window import MainWindow
from nit_desk.views.queue.queue_view import HEADER_LAYOUT

NARROW = 960
SIZES = ((1280, 800), (960, 1000))


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    """The program in Russian for one test, then back to the source texts."""
    i18n.install_translators(qapp, "ru")
    yield
    i18n.remove_translators()


@pytest.fixture
def demo_db(sqlite_db: Database) -> tuple[Database, dict[str, int]]:
    """The scenario clients and a few generated ones; (database, handle → client id)."""
    summary = demo.load_demo(sqlite_db, clients=12, seed=7)
    return sqlite_db, summary.scenario_clients


@pytest.fixture
def demo_window(qtbot: QtBot, russian: None, demo_db: tuple[Database, dict[str, int]],
                runner: ServiceRunner, events: AppEvents,
                tmp_path: Path) -> Iterator[MainWindow]:
    """Boris's main window on the demo data, in Russian, shown at 960×1000."""
    db, _clients = demo_db
    actor = users.authenticate(db, demo.DEMO_AGENTS[1], demo.DEMO_PASSWORD).actor
    settings = DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat))
    detach = attach_database(events, db)
    window = build_main_window(db, actor, runner, events, settings)
    qtbot.addWidget(window)
    window.resize(NARROW, 1000)
    window.show()
    qtbot.waitUntil(lambda: window.queue_area.content.model.rowCount() > 0, timeout=10_000)
    yield window
    for detached in list(_card(window).tabs.detached_windows):
        detached.deleteLater()  # no closeEvent: nothing asks about unsaved lines
    detach()


def _card(window: MainWindow) -> Any:
    return window.card_area.content


def _show(qtbot: QtBot, window: MainWindow, request_id: int) -> None:
    """Select ``request_id`` in the queue and wait until the card has read it."""
    card = _card(window)
    assert window.queue_area.content.select_request(request_id)
    qtbot.waitUntil(lambda: card.request_id == request_id and not card.loading
                    and card.card is not None, timeout=10_000)
    qtbot.wait(20)  # the layouts settle


def _requests(window: MainWindow) -> list[int]:
    model = window.queue_area.content.model
    return [model.row(r).request_id for r in range(model.rowCount())]


def test_window_minimum_fits_960_with_the_longest_demo_client(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]]) -> None:
    """The longest handle of the demo (ok.ru/profile/…) selected: minimum width <= 960."""
    _db, clients = demo_db
    longest = max(clients, key=len)
    model = demo_window.queue_area.content.model
    rows = [model.row(r) for r in range(model.rowCount())]
    request = next(r.request_id for r in rows if r.client_id == clients[longest])
    _show(qtbot, demo_window, request)
    assert demo_window.minimumSizeHint().width() <= NARROW
    assert demo_window.width() == NARROW


def test_width_never_grows_selecting_clients_one_after_another(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    """Every request of the queue in turn, every card tab: the window stays 960 px wide
    and its minimum width is the same for every client (nothing grows per client)."""
    minimums: set[int] = set()
    card = _card(demo_window)
    for request_id in _requests(demo_window):
        _show(qtbot, demo_window, request_id)
        for tab in range(card.tabs.count()):
            card.tabs.setCurrentIndex(tab)
            qtbot.wait(5)
            minimums.add(demo_window.minimumSizeHint().width())
            assert demo_window.width() == NARROW, f"request {request_id}, tab {tab}"
    assert max(minimums) <= NARROW
    assert len(minimums) == 1, f"the minimum changed between clients: {sorted(minimums)}"


def _in_view(widget: QWidget, window: QWidget) -> bool:
    """The whole widget is painted on screen: shown, unclipped, inside the window."""
    if not widget.isVisible() or widget.visibleRegion().boundingRect() != widget.rect():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_estimate_total_and_buttons_in_view_in_the_card(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]],
        size: tuple[int, int]) -> None:
    """Scenario 1's estimate in the card's tab: the total, Save draft, Propose and the
    client's answer are all in view, with no scrolling and no toolbar chevron."""
    _db, clients = demo_db
    demo_window.resize(*size)
    model = demo_window.queue_area.content.model
    request = next(model.row(r).request_id for r in range(model.rowCount())
                   if model.row(r).client_id == clients["@pc_slow_msk"])
    _show(qtbot, demo_window, request)
    card = _card(demo_window)
    editor = card.request_tabs[0]
    card.tabs.setCurrentIndex(3)  # the Estimate tab
    qtbot.waitUntil(lambda: editor.estimate is not None, timeout=10_000)
    qtbot.wait(20)
    assert demo_window.size().toTuple() == size
    for part in (editor.total_label, editor.save_button, editor.propose_button,
                 editor.new_version_button, editor.agree_button, editor.reject_button):
        assert _in_view(part, demo_window), part.objectName()
    assert editor.total_label.text().replace("\u00a0", " ").startswith("2 100")
    table = editor.table  # at least one whole line of the estimate in view
    assert table.isVisible()
    assert table.viewport().height() >= table.verticalHeader().defaultSectionSize()


def test_checklist_shows_whole_step_names(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]]) -> None:
    """R3's step names are read whole at 960 px: the checklist wraps them, never elides."""
    _db, clients = demo_db
    model = demo_window.queue_area.content.model
    request = next(model.row(r).request_id for r in range(model.rowCount())
                   if model.row(r).client_id == clients["ok.ru/profile/577001234"])
    _show(qtbot, demo_window, request)
    view = _card(demo_window).checklist.view
    assert view.wordWrap()
    names, column = view.model(), ChecklistColumn.STEP
    step = max(range(names.rowCount()),
               key=lambda r: len(str(names.index(r, column).data() or "")))
    text = str(names.index(step, column).data())
    needed = view.fontMetrics().horizontalAdvance(text)
    width, height = view.columnWidth(column), view.rowHeight(step)
    assert width >= needed or height >= 2 * view.fontMetrics().height(), text


def test_deadline_column_is_compact_so_held_by_is_seen(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    """The deadline cell is the time left (the date is its tooltip); "held by" follows it
    and is in view in the queue pane at 960 px."""
    queue = demo_window.queue_area.content
    table, header = queue.table, queue.table.horizontalHeader()
    assert header.visualIndex(Column.CLAIMED_BY) == header.visualIndex(Column.DEADLINE) + 1
    index = queue.model.index(0, Column.DEADLINE)
    assert "·" not in str(index.data())
    assert str(index.data(3)).strip()  # Qt.ToolTipRole: the agreed date and time
    held_by_right = header.sectionViewportPosition(Column.CLAIMED_BY) + 40
    assert held_by_right <= table.viewport().width()


def test_estimate_and_payments_open_in_their_own_windows(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]]) -> None:
    """"Open in a window" gives a second editor / panel bound to the shown request; it
    stays on that request when the card moves on."""
    _db, clients = demo_db
    card = _card(demo_window)
    first, second = _requests(demo_window)[:2]
    _show(qtbot, demo_window, first)
    editor, panel = card.request_tabs
    card.tabs.setCurrentIndex(3)  # the Estimate tab
    assert card.tabs.action_detach.isEnabled()
    card.tabs.action_detach.trigger()
    detached = card.tabs.detached_windows[-1]
    assert detached.isVisible() and detached.isWindow()
    assert detached.content is not editor and detached.content.request_id == first
    assert re.search(rf"[#№]{first}\b", detached.windowTitle())  # "№" in Russian
    window_panel = card.tabs.open_detached(panel)
    assert window_panel is not None and window_panel.content.request_id == first
    qtbot.waitUntil(lambda: window_panel.content.status is not None, timeout=10_000)
    _show(qtbot, demo_window, second)
    assert detached.content.request_id == first and window_panel.content.request_id == first
    card.tabs.setCurrentIndex(0)
    assert not card.tabs.action_detach.isEnabled()  # the checklist has no window of its own
    window_panel.close()
    qtbot.waitUntil(lambda: window_panel not in card.tabs.detached_windows, timeout=5_000)


def test_closing_a_detached_estimate_with_unsaved_lines_asks_first(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """R15: Cancel keeps the window and the lines; Save saves them, then the window goes."""
    _db, clients = demo_db
    model = demo_window.queue_area.content.model
    request = next(model.row(r).request_id for r in range(model.rowCount())
                   if model.row(r).client_id == clients["@printer_home"])
    _show(qtbot, demo_window, request)
    card = _card(demo_window)
    window = card.tabs.open_detached(card.request_tabs[0])
    assert window is not None
    editor = window.content
    qtbot.waitUntil(lambda: editor.stack.currentIndex() > 0, timeout=10_000)
    if editor.estimate is None:
        editor.start_button.click()
        qtbot.waitUntil(lambda: editor.estimate is not None, timeout=10_000)
    editor.model.add_line(line=EditableLine("Настройка принтера", Decimal(1), Unit.SERVICE,
                                            500_00))
    assert editor.dirty
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    assert not window.close()
    assert window.isVisible() and editor.dirty
    window.close()
    qtbot.waitUntil(lambda: window not in card.tabs.detached_windows, timeout=10_000)
    assert not answers


def _estimate_in_front(qtbot: QtBot, window: MainWindow, clients: dict[str, int]) -> Any:
    """Scenario 1's request on the card with its Estimate tab in front; the editor."""
    model = window.queue_area.content.model
    request = next(model.row(r).request_id for r in range(model.rowCount())
                   if model.row(r).client_id == clients["@pc_slow_msk"])
    _show(qtbot, window, request)
    card = _card(window)
    editor = card.request_tabs[0]
    card.tabs.setCurrentIndex(3)  # the Estimate tab
    qtbot.waitUntil(lambda: editor.estimate is not None, timeout=10_000)
    qtbot.wait(20)
    return editor


def test_estimate_table_has_room_for_six_lines_at_1280x800(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]]) -> None:
    """The card's splitter gives the tabs the room: six whole lines of the estimate fit
    under its header at 1280×800, with the total and the buttons still in view; the line
    total's column shows its whole title."""
    demo_window.resize(1280, 800)
    editor = _estimate_in_front(qtbot, demo_window, demo_db[1])
    table = editor.table
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 6, f"room for {rows} lines"
    for part in (editor.total_label, editor.save_button, editor.propose_button,
                 editor.agree_button, editor.reject_button):
        assert _in_view(part, demo_window), part.objectName()
    header = table.horizontalHeader()
    for column in range(header.count()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column


def test_card_splitter_is_remembered(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]],
        runner: ServiceRunner, events: AppEvents, tmp_path: Path) -> None:
    """The agent's split between the client above and the tabs below comes back in the
    next session (DeskSettings); until then the default split applies."""
    demo_window.resize(1280, 800)
    _estimate_in_front(qtbot, demo_window, demo_db[1])
    splitter = _card(demo_window).splitter
    top = splitter.sizes()[0]
    splitter.moveSplitter(top - 60, 1)  # what dragging the handle does
    moved = splitter.sizes()
    assert moved[0] == top - 60
    demo_window.close()
    db, _clients = demo_db
    actor = users.authenticate(db, demo.DEMO_AGENTS[1], demo.DEMO_PASSWORD).actor
    settings = DeskSettings(QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat))
    again = build_main_window(db, actor, runner, events, settings)
    qtbot.addWidget(again)
    again.resize(1280, 800)
    again.show()
    qtbot.wait(20)
    assert _card(again).splitter.sizes()[0] == moved[0]


def test_wrapped_labels_of_the_card_get_their_height_at_960x740(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]]) -> None:
    """At 960×740 no wrapped label of the card is given less height than it needs for
    its width (they drew over each other: the request's "Оплата" line), whichever client."""
    demo_window.resize(960, 740)
    card = _card(demo_window)
    for request_id in _requests(demo_window)[:12]:
        _show(qtbot, demo_window, request_id)
        assert demo_window.size().toTuple() == (960, 740)
        for label in card.findChildren(QLabel):
            if not label.isVisible() or not label.wordWrap() or not label.text():
                continue
            needed = min(label.heightForWidth(label.width()), label.maximumHeight())
            assert label.height() >= needed, (request_id, label.objectName(), label.text())


def test_queue_header_saved_by_an_older_layout_is_ignored(
        qtbot: QtBot, demo_window: MainWindow, demo_db: tuple[Database, dict[str, int]],
        runner: ServiceRunner, events: AppEvents, tmp_path: Path) -> None:
    """A header state saved before the compact deadline (no layout version: 1) neither
    hides a column nor brings back the wide deadline; one saved now comes back."""
    queue = demo_window.queue_area.content
    header = queue.table.horizontalHeader()
    default_deadline = header.sectionSize(Column.DEADLINE)
    header.resizeSection(Column.DEADLINE, 330)  # the old "date · time left" width
    header.setSectionHidden(Column.CLAIMED_BY, True)
    old = header.saveState()
    db, _clients = demo_db
    actor = users.authenticate(db, demo.DEMO_AGENTS[1], demo.DEMO_PASSWORD).actor

    def window_with(settings_file: str, state: QByteArray, layout: int | None) -> MainWindow:
        store = QSettings(str(tmp_path / settings_file), QSettings.Format.IniFormat)
        settings = DeskSettings(store)
        if layout is None:  # as the old version wrote it: the state, no layout version
            store.setValue(f"views/{QUEUE_HEADER}", state)
        else:
            settings.set_view_state(QUEUE_HEADER, state, layout)
        window = build_main_window(db, actor, runner, events, settings)
        qtbot.addWidget(window)
        return window

    old_window = window_with("old.ini", old, None)
    stale = old_window.queue_area.content.table.horizontalHeader()
    assert not any(stale.isSectionHidden(c) for c in range(stale.count()))
    assert stale.sectionSize(Column.DEADLINE) == default_deadline
    header.setSectionHidden(Column.CLAIMED_BY, False)
    header.resizeSection(Column.DEADLINE, default_deadline + 17)
    fresh = window_with("new.ini", header.saveState(), HEADER_LAYOUT)
    assert stale.sectionSize(Column.DEADLINE) == default_deadline  # old_window still here
    restored = fresh.queue_area.content.table.horizontalHeader()
    assert restored.sectionSize(Column.DEADLINE) == default_deadline + 17
