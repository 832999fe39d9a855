"""Where the screens are placed into the main window (the screen engineers' hook).

:func:`install_screens` is called by :func:`nit_desk.app.app.build_main_window`
for every new main window: the queue on the left, the client card on the
right (once its module is there), their actions in the Work menu, and a
supervisor's console where it exists.
"""

from __future__ import annotations

import logging
import os
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from nit_desk.app.console_screens import install_supervisor_console
from nit_desk.app.remembered import (
    CARD_TAB,
    CONSOLE_TAB,
    remember_queue,
    remember_tab,
    stored_query,
)
from nit_desk.ui.session import Session
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.desk_notices import BanDecisionWatch, DeskNotifier
from nit_desk.views.main_window import MainWindow
from nit_desk.views.queue.queue_view import HEADER_LAYOUT, QueueView

log = logging.getLogger(__name__)

QUEUE_HEADER = "queue/header"
EXIT_AFTER_FIRST_PAINT = "NIT_DESK_EXIT_AFTER_FIRST_PAINT"
"""Set to 1 (benchmarks only): print ``FIRST_PAINT <epoch>`` at the first queue page and quit."""


def make_queue_view(desk: Session) -> QueueView:
    """The queue screen for the desk's user, as the last session left it."""
    return QueueView(desk, query=stored_query(desk.settings) if desk.settings else None)


def _make_card(desk: Session) -> QWidget | None:
    """The client card screen, when its modules are installed."""
    try:
        from nit_desk.views.card.client_card import ClientCardView
    except ImportError:
        log.debug("No client card screen yet: the placeholder stays")
        return None
    card = ClientCardView(desk)
    from nit_desk.app.money_screens import install_money_tabs

    install_money_tabs(card, desk)  # the estimate editor and payments panel tabs
    return card


def _remember_header(window: MainWindow, queue_view: QueueView,
                     settings: DeskSettings) -> None:
    """The queue's column order and widths come back in the next session."""
    queue_view.restore_header_state(settings.view_state(QUEUE_HEADER, HEADER_LAYOUT))

    def on_window_closed(_signed_out: bool) -> None:
        settings.set_view_state(QUEUE_HEADER, queue_view.header_state(), HEADER_LAYOUT)
        settings.sync()

    window.closed.connect(on_window_closed)


def _exit_after_first_paint(window: MainWindow, queue_view: QueueView) -> None:
    """Benchmark hook: print when the first queue page is painted, then close the window."""

    def on_page_loaded(_rows: int) -> None:
        queue_view.model.page_loaded.disconnect(on_page_loaded)
        QApplication.processEvents()
        queue_view.table.viewport().repaint()
        print(f"FIRST_PAINT {time.time():.6f}", flush=True)
        QTimer.singleShot(0, window.close)

    queue_view.model.page_loaded.connect(on_page_loaded)


def install_screens(window: MainWindow, desk: Session) -> None:
    """Place the queue and the client card into ``window`` and wire them together."""
    queue_view = make_queue_view(desk)
    if desk.settings is not None:
        _remember_header(window, queue_view, desk.settings)
        remember_queue(window, queue_view, desk.settings)
    window.set_queue_widget(queue_view)
    for action in queue_view.work_actions():
        window.add_work_action(action)
    if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
        _exit_after_first_paint(window, queue_view)
    card = _make_card(desk)
    if card is not None:
        window.set_card_widget(card)
        queue_view.request_selected.connect(card.show_request)  # type: ignore[attr-defined]
        taken = getattr(card, "request_taken", None)
        if taken is not None:  # after an intake the new request is selected in the queue
            taken.connect(queue_view.show_taken)
        for action in getattr(card, "work_actions", list)():
            window.add_work_action(action)
        tabs = getattr(card, "tabs", None)
        if desk.settings is not None and isinstance(tabs, QTabWidget):
            remember_tab(window, tabs, desk.settings, CARD_TAB)
    notifier = DeskNotifier(desk.events, window)
    console = install_supervisor_console(window, desk, notifier)
    if console is not None and desk.settings is not None:
        remember_tab(window, console, desk.settings, CONSOLE_TAB)
    decisions = BanDecisionWatch(desk, notifier, window)  # tells the proposer (R11)
    decisions.start()
