"""The sign-in dialog, first-run supervisor creation and the forced password change (R18)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.admin.user_dto import SignIn
from nit_desk.services.storage.engine import Database
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.account.change_password import ChangePasswordDialog
from nit_desk.views.account.sign_in import FIRST_SUPERVISOR, SIGN_IN, SignInDialog
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new secret 7"


def open_dialog(qtbot: QtBot, db: Database, runner: ServiceRunner,
                last_user: str = "") -> SignInDialog:
    """Show a sign-in dialog and wait until it knows whether users exist."""
    dialog = SignInDialog(runner, db, last_user_name=last_user)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.mode != "loading")
    return dialog


def sign_in(qtbot: QtBot, dialog: SignInDialog, name: str, password: str) -> None:
    """Type the name and password and press Sign in; wait until the call returns."""
    dialog.message.clear_message()
    dialog.user_edit.setText(name)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_for_error(qtbot, dialog)


def wait_for_error(qtbot: QtBot, dialog: SignInDialog | ChangePasswordDialog) -> None:
    """Wait until the dialog shows an error and its call has returned."""
    qtbot.waitUntil(lambda: dialog.message.kind == "error" and dialog.isEnabled()
                    and not dialog._runner.is_busy)


def test_sign_in_success_runs_the_service_off_the_gui_thread(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A right password signs in; authenticate never ran on the GUI thread (R18)."""
    threads: list[int] = []
    real = users.authenticate

    def authenticate(db_: Database, username: str, password: str) -> SignIn:
        threads.append(threading.get_ident())
        return real(db_, username, password)

    monkeypatch.setattr(users, "authenticate", authenticate)
    dialog = open_dialog(qtbot, db, runner)
    assert dialog.mode == SIGN_IN
    with qtbot.waitSignal(dialog.signed_in) as blocker:
        dialog.user_edit.setText("boss")
        dialog.password_edit.setText(PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].username == "boss"
    assert blocker.args[0].role is Role.SUPERVISOR
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert threads and threading.get_ident() not in threads
    assert dialog.password_edit.text() == ""


def test_wrong_password_keeps_the_name_and_shows_the_message(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner) -> None:
    """A wrong password is told in the dialog, which stays open with the typed name."""
    dialog = open_dialog(qtbot, db, runner)
    sign_in(qtbot, dialog, "boss", "not the password")
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.message.text() == "Wrong user name or password."
    assert dialog.message.isVisible()
    assert dialog.user_edit.text() == "boss"
    assert dialog.password_edit.text() == ""


def test_lockout_message_after_five_wrong_passwords(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner) -> None:
    """Five wrong passwords lock the account; even the right one then gets the lock text."""
    dialog = open_dialog(qtbot, db, runner)
    for _ in range(users.MAX_FAILED_ATTEMPTS):
        sign_in(qtbot, dialog, "boss", "wrong wrong wrong")
    sign_in(qtbot, dialog, "boss", PASSWORD)
    assert "locked until" in dialog.message.text()
    assert "supervisor can unlock" in dialog.message.text()
    assert dialog.actor is None and dialog.user_edit.text() == "boss"


def test_first_run_creates_the_first_supervisor(
        qtbot: QtBot, db: Database, runner: ServiceRunner) -> None:
    """An empty database asks for the first supervisor and signs them in (R18)."""
    dialog = open_dialog(qtbot, db, runner)
    assert dialog.mode == FIRST_SUPERVISOR
    dialog.first_user_edit.setText("chief")
    dialog.first_password_edit.setText(PASSWORD)
    dialog.first_repeat_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.signed_in) as blocker:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    actor = blocker.args[0]
    assert (actor.username, actor.role) == ("chief", Role.SUPERVISOR)
    assert users.has_users(db)


def test_first_supervisor_refused_when_passwords_differ(
        qtbot: QtBot, db: Database, runner: ServiceRunner) -> None:
    """Two different passwords are refused before anything is written."""
    dialog = open_dialog(qtbot, db, runner)
    dialog.first_user_edit.setText("chief")
    dialog.first_password_edit.setText(PASSWORD)
    dialog.first_repeat_edit.setText(PASSWORD + "x")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_for_error(qtbot, dialog)
    assert "differ" in dialog.message.text()
    assert dialog.first_password_edit.text() == ""
    assert not users.has_users(db)


def test_first_supervisor_short_password_shows_the_service_message(
        qtbot: QtBot, db: Database, runner: ServiceRunner) -> None:
    """The service's validation text reaches the dialog, translated and filled in."""
    dialog = open_dialog(qtbot, db, runner)
    dialog.first_user_edit.setText("chief")
    dialog.first_password_edit.setText("short")
    dialog.first_repeat_edit.setText("short")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_for_error(qtbot, dialog)
    assert dialog.message.text() == "The password must have at least 8 characters."
    assert dialog.first_user_edit.text() == "chief"
    assert not users.has_users(db)


def test_must_change_password_before_the_main_window(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner) -> None:
    """A new agent must choose their own password; the old one stops working (R18)."""
    users.create_user(db, supervisor, "newbie", Role.AGENT, PASSWORD)
    dialog = open_dialog(qtbot, db, runner)
    dialog.user_edit.setText("newbie")
    dialog.password_edit.setText(PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(ChangePasswordDialog) is not None)
    change = dialog.findChild(ChangePasswordDialog)
    assert change is not None and dialog.actor is None
    qtbot.waitUntil(change.isVisible)
    assert not change.current_edit.isVisible()  # the password was just typed
    change.new_edit.setText(NEW_PASSWORD)
    change.repeat_edit.setText(NEW_PASSWORD)
    with qtbot.waitSignal(dialog.signed_in) as blocker:
        qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].username == "newbie"
    assert users.authenticate(db, "newbie", NEW_PASSWORD).must_change_password is False


def test_change_password_dialog_keeps_open_on_a_wrong_current_password(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """File → Change password: a wrong current password is told, nothing changes."""
    change = ChangePasswordDialog(runner, db, agent)
    qtbot.addWidget(change)
    change.show()
    change.current_edit.setText("not it at all")
    change.new_edit.setText(NEW_PASSWORD)
    change.repeat_edit.setText(NEW_PASSWORD)
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    wait_for_error(qtbot, change)
    assert change.message.text() == "The current password is wrong."
    assert change.isVisible() and change.new_edit.text() == ""
    assert users.authenticate(db, "anna", PASSWORD).actor == agent
