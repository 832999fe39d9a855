"""The users tab: add, deactivate and reactivate, roles, password reset, refusals (R18)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from nit_desk.domain.errors import PermissionDenied
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.admin.user_dto import UserInfo
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.console.users_admin import PasswordDialog, UsersAdmin
from tests.conftest import PASSWORD
from tests.views.console.console_support import open_tab, status_messages, wait_idle

TEMPORARY = "temporary 2026"


def _dialog(qtbot: QtBot, admin: UsersAdmin) -> PasswordDialog:
    qtbot.waitUntil(lambda: admin.dialog is not None and admin.dialog.isVisible())
    assert admin.dialog is not None
    return admin.dialog


def _user(db: Database, supervisor: Actor, name: str) -> UserInfo:
    return next(u for u in users.list_users(db, supervisor) if u.username == name)


def test_r18_add_user_with_a_temporary_password_typed_twice(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Mismatched passwords stay in the dialog; the new agent must change the password."""
    admin = open_tab(qtbot, UsersAdmin, db, supervisor, runner, events)
    assert admin.model.rowCount() == 1
    said = status_messages(events)
    admin.add_button.click()
    dialog = _dialog(qtbot, admin)
    dialog.name_edit.setText("galina")
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.AGENT))
    dialog.password_edit.setText(TEMPORARY)
    dialog.repeat_edit.setText(TEMPORARY + "x")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.message.kind == "error"
    dialog.repeat_edit.setText(TEMPORARY)
    dialog.name_edit.setText("boss")  # taken: the service's refusal shows in the dialog
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "error" and "taken" in dialog.message.text())
    dialog.name_edit.setText("galina")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: admin.model.rowCount() == 2, timeout=10000)
    wait_idle(qtbot, runner)
    galina = _user(db, supervisor, "galina")
    assert galina.role is Role.AGENT and galina.must_change_password and galina.active
    assert users.authenticate(db, "galina", TEMPORARY).must_change_password
    chosen = admin.selected()
    assert chosen is not None and chosen.username == "galina"
    assert any("galina is added" in s for s in said)
    wait_idle(qtbot, runner)


def test_r18_deactivate_and_reactivate_an_agent(
        qtbot: QtBot, db: Database, supervisor: Actor, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Deactivate: the agent can no longer sign in; Reactivate brings them back."""
    admin = open_tab(qtbot, UsersAdmin, db, supervisor, runner, events)
    assert admin.select_user("anna")
    assert admin.active_button.text() == "&Deactivate"
    admin.active_button.click()
    qtbot.waitUntil(lambda: admin.message.kind == "info", timeout=10000)
    wait_idle(qtbot, runner)
    assert not _user(db, supervisor, "anna").active
    with pytest.raises(PermissionDenied):
        users.authenticate(db, "anna", PASSWORD)
    assert admin.model.cell(admin.selected(), 2) == "no"  # type: ignore[arg-type]
    assert admin.active_button.text() == "Re&activate"
    admin.active_button.click()
    qtbot.waitUntil(lambda: "active again" in admin.message.text(), timeout=10000)
    assert users.authenticate(db, "anna", PASSWORD).actor.user_id == agent.user_id
    wait_idle(qtbot, runner)


def test_r18_refusals_are_shown_clearly(qtbot: QtBot, db: Database, supervisor: Actor,
                                        agent: Actor, runner: ServiceRunner,
                                        events: AppEvents) -> None:
    """Yourself and the last supervisor: the service's refusal in red, nothing changed."""
    admin = open_tab(qtbot, UsersAdmin, db, supervisor, runner, events)
    assert admin.select_user("boss")
    admin.active_button.click()
    qtbot.waitUntil(lambda: admin.message.kind == "error", timeout=10000)
    assert admin.message.text() == "You cannot deactivate yourself."
    assert admin.role_button.text() == "Make &agent"
    admin.role_button.click()
    qtbot.waitUntil(lambda: "last active supervisor" in admin.message.text(), timeout=10000)
    assert _user(db, supervisor, "boss").role is Role.SUPERVISOR
    wait_idle(qtbot, runner)


def test_r18_promote_reset_password_and_unlock(
        qtbot: QtBot, db: Database, supervisor: Actor, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Make supervisor; a locked-out agent is unlocked; a reset password must be changed."""
    for _ in range(users.MAX_FAILED_ATTEMPTS):
        with pytest.raises(PermissionDenied):
            users.authenticate(db, "anna", "wrong password")
    admin = open_tab(qtbot, UsersAdmin, db, supervisor, runner, events)
    assert admin.select_user("anna")
    qtbot.waitUntil(admin.unlock_button.isEnabled)
    assert admin.model.cell(admin.selected(), 3) != ""  # type: ignore[arg-type]
    admin.unlock_button.click()
    qtbot.waitUntil(lambda: "unlocked" in admin.message.text(), timeout=10000)
    wait_idle(qtbot, runner)
    assert _user(db, supervisor, "anna").locked_until is None
    admin.reset_button.click()
    dialog = _dialog(qtbot, admin)
    dialog.password_edit.setText(TEMPORARY)
    dialog.repeat_edit.setText(TEMPORARY)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "temporary password" in admin.message.text(), timeout=10000)
    assert users.authenticate(db, "anna", TEMPORARY).must_change_password
    admin.role_button.click()
    qtbot.waitUntil(lambda: "now supervisor" in admin.message.text(), timeout=10000)
    assert _user(db, supervisor, "anna").role is Role.SUPERVISOR
    wait_idle(qtbot, runner)
