"""Where the keyboard is after a refusal: back in the password field, never the user name.

Before, a refused sign-in left the focus in the user-name field (the password
field was still disabled when it was asked to take it), so the next password
typed landed there in clear text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.account.change_password import ChangePasswordDialog
from tests.views.account.test_sign_in import open_dialog, sign_in, wait_for_error


def test_refused_sign_in_puts_the_focus_in_the_password_field(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner) -> None:
    """A wrong password: the password field is empty and holds the keyboard."""
    dialog = open_dialog(qtbot, db, runner)
    sign_in(qtbot, dialog, "boss", "wrong password 1")
    assert dialog.password_edit.text() == ""
    assert dialog.focusWidget() is dialog.password_edit
    assert dialog.user_edit.text() == "boss"


def test_missing_password_puts_the_focus_in_the_password_field(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner) -> None:
    """Only a user name typed: the password field is where the next keys go."""
    dialog = open_dialog(qtbot, db, runner)
    dialog.user_edit.setText("boss")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.kind == "error")
    assert dialog.focusWidget() is dialog.password_edit


def test_too_short_first_password_puts_the_focus_in_the_password_field(
        qtbot: QtBot, db: Database, runner: ServiceRunner) -> None:
    """The first supervisor's too-short password: both fields empty, the first one focused."""
    dialog = open_dialog(qtbot, db, runner)
    dialog.first_user_edit.setText("chief")
    dialog.first_password_edit.setText("short")
    dialog.first_repeat_edit.setText("short")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_for_error(qtbot, dialog)
    assert dialog.focusWidget() is dialog.first_password_edit
    assert dialog.first_password_edit.text() == "" and dialog.first_repeat_edit.text() == ""


def test_too_short_new_password_puts_the_focus_in_the_new_password_field(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """Change password refused (too short): the new-password field takes the keyboard."""
    dialog = ChangePasswordDialog(runner, db, agent, current_password="x")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_edit.setText("short")
    dialog.repeat_edit.setText("short")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for_error(qtbot, dialog)
    assert dialog.focusWidget() is dialog.new_edit
