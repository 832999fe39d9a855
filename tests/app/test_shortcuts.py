"""Keys of the whole window, and Help → Keyboard shortcuts read from its actions (issue #14,
item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QTreeWidget
from pytestqt.qtbot import QtBot

from nit_desk.app.app import build_main_window
from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.main_window import MainWindow
from nit_desk.views.shortcuts_dialog import ShortcutsDialog, keyed_actions
from tests.qt_fixtures import card_of
from tests.services.agent_support import new_client
from tests.views.money.money_support import settle


def _keys(window: MainWindow) -> dict[str, str]:
    """Every listed action text (of every screen) with its keys."""
    return {text: keys for rows in keyed_actions(window).values() for text, keys in rows}


def test_the_key_list_names_every_key_the_issue_asks_for(window: MainWindow) -> None:
    """Card tabs, record payment, sensitive action, propose ban, the estimate's answers."""
    keys = _keys(window)
    assert keys["Tab: Registration"] == "Ctrl+1"
    assert keys["Tab: History"] == "Ctrl+2"
    assert keys["Tab: Estimate"] == "Ctrl+4"
    assert keys["Tab: Payments"] == "Ctrl+5"
    assert keys["Record payment"] == "Ctrl+Shift+M"
    assert keys["Sensitive action"] == "Ctrl+Shift+A"
    assert keys["Propose ban"] == "Ctrl+Shift+K"
    assert keys["Propose the estimate"] == "Ctrl+Alt+P"
    assert keys["Client agreed to the estimate"] == "Ctrl+Alt+A"
    assert keys["Client rejected the estimate"] == "Ctrl+Alt+R"
    assert keys["Next request"] == "F2"
    assert keys["Keyboard shortcuts"] == QKeySequence(QKeySequence.StandardKey.HelpContents
                                                      ).toString(
        QKeySequence.SequenceFormat.NativeText)
    assert "Supervisor console" not in keys  # an agent has no console, so no F9 either


def test_the_key_list_is_read_from_the_actions_so_it_cannot_go_stale(
        qtbot: QtBot, window: MainWindow) -> None:
    """A key added to a screen shows in the dialog with no list to update."""
    queue = window.queue_area.content
    extra = QAction("Jump to the moon", queue)
    extra.setShortcut(QKeySequence("Ctrl+Shift+F12"))
    queue.addAction(extra)
    window.action_shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    tree = dialog.findChild(QTreeWidget)
    assert tree is not None
    groups = {tree.topLevelItem(i).text(0): tree.topLevelItem(i)
              for i in range(tree.topLevelItemCount())}
    queue_rows = {groups["Queue"].child(i).text(0): groups["Queue"].child(i).text(1)
                  for i in range(groups["Queue"].childCount())}
    assert queue_rows["Jump to the moon"] == "Ctrl+Shift+F12"
    assert "Every dialog" in groups and "Client card" in groups and "Estimate" in groups


def test_ctrl_digit_brings_up_the_card_tabs(
        qtbot: QtBot, window: MainWindow, db: Database, agent: Actor,
        runner: ServiceRunner) -> None:
    """Ctrl+2 shows the history, Ctrl+5 the payments of the shown request."""
    made = new_client(db, agent, 71)
    card = card_of(window)
    card.show_request(made.request_id, made.client.id)
    qtbot.waitUntil(lambda: card.stack.currentIndex() == 1 and not card.loading)
    QApplication.setActiveWindow(window)  # offscreen: the keys need an active window
    qtbot.keyClick(card, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert card.tabs.currentWidget() is card.history_view
    qtbot.keyClick(card, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    focused = window.focusWidget()
    assert focused is not None and card.checklist.isAncestorOf(focused)  # Space ticks now
    qtbot.keyClick(card, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert card.tabs.tabText(card.tabs.currentIndex()) == "&Payments"
    settle(qtbot, runner)


def test_f9_opens_the_console_and_goes_back_for_a_supervisor(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, desk_settings: DeskSettings) -> None:
    """F9 toggles between the supervisor console and the queue with the card."""
    main = build_main_window(db, supervisor, runner, events, desk_settings)
    qtbot.addWidget(main)
    main.show()
    QApplication.setActiveWindow(main)
    assert _keys(main)["Supervisor console"] == "F9"
    qtbot.keyClick(main, Qt.Key.Key_F9)
    assert main.tabs.currentWidget() is main.supervisor_console
    qtbot.keyClick(main, Qt.Key.Key_F9)
    assert main.tabs.currentIndex() == 0
    settle(qtbot, runner)


def test_ctrl_shift_m_records_a_payment_from_anywhere_on_the_card(
        qtbot: QtBot, window: MainWindow, db: Database, agent: Actor,
        runner: ServiceRunner) -> None:
    """From the registration tab: the payments tab comes up, its money is read, and the
    "Record payment" dialog opens (the tab was never shown before)."""
    from nit_desk.views.money.payments_panel import PaymentsPanel

    made = new_client(db, agent, 72)
    card = card_of(window)
    card.show_request(made.request_id, made.client.id)
    qtbot.waitUntil(lambda: card.stack.currentIndex() == 1 and not card.loading)
    panel = card.findChild(PaymentsPanel)
    assert panel is not None and panel.status is None  # hidden: nothing read yet
    QApplication.setActiveWindow(window)
    qtbot.keyClick(card, Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    assert card.tabs.currentWidget().isAncestorOf(panel)
    panel.dialog.reject()
    settle(qtbot, runner)


def test_no_two_actions_of_the_window_share_a_key(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, desk_settings: DeskSettings) -> None:
    """A key that two actions claim does nothing at all in Qt ("ambiguous shortcut"):
    every key of the supervisor's window (card, money tabs, console) belongs to one action."""
    main = build_main_window(db, supervisor, runner, events, desk_settings)
    qtbot.addWidget(main)
    owners: dict[str, list[str]] = {}
    for action in main.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                owners.setdefault(key, []).append(action.text() or action.objectName())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    settle(qtbot, runner)
    assert shared == {}
