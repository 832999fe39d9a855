"""The intake from the keyboard: opens in its first field, Tab reads down the form,
Ctrl+Enter saves from any field, the multi-line ones included (issue #14, item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.card.intake_dialog import IntakeDialog
from tests.views.card.test_intake_dialog import fill, make_dialog


def _tab_walk(qtbot: QtBot, dialog: IntakeDialog, steps: int) -> list[QWidget]:
    """The widgets Tab visits from the focused one, ``steps`` presses."""
    seen: list[QWidget] = []
    for _ in range(steps):
        widget = dialog.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    return seen


def test_r7_intake_opens_in_its_first_field(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """The handle field holds the keyboard as soon as the dialog shows."""
    dialog = make_dialog(qtbot, db, agent, runner)
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.handle_edit


def test_r1_tab_goes_through_the_messenger_rows_in_reading_order(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """Handle, phone, email, each messenger row, Add, channel, then the request's fields;
    a row added later sits where it shows, not after the dialog's buttons."""
    dialog = make_dialog(qtbot, db, agent, runner)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.focusWidget() is dialog.rows[1].edit  # a new row is typed in at once
    dialog.handle_edit.setFocus()
    first, second = dialog.rows
    expected = [dialog.phone_edit, dialog.email_edit, first.network_combo, first.edit,
                first.remove_button, second.network_combo, second.edit, second.remove_button,
                dialog.add_button, dialog.channel_combo, dialog.description_edit,
                dialog.system_edit]
    assert _tab_walk(qtbot, dialog, len(expected)) == expected


def test_r7_ctrl_enter_saves_from_a_multi_line_field(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """Ctrl+Enter in the description (a multi-line field) saves the intake; no new line."""
    dialog = make_dialog(qtbot, db, agent, runner)
    QApplication.setActiveWindow(dialog)  # offscreen: the keys need an active window
    fill(dialog)
    text = dialog.description_edit.toPlainText()
    dialog.description_edit.setFocus()
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        qtbot.keyClick(dialog.description_edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    assert dialog.result_value is not None
    assert dialog.description_edit.toPlainText() == text


def test_r7_ctrl_enter_on_the_keypad_saves_from_a_line_field(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """The keypad's Enter with Ctrl saves too, from a one-line field."""
    dialog = make_dialog(qtbot, db, agent, runner)
    QApplication.setActiveWindow(dialog)  # offscreen: the keys need an active window
    fill(dialog)
    dialog.phone_edit.setFocus()
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Enter,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
    assert dialog.result_value is not None
