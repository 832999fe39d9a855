"""Users: add agents and supervisors, deactivate, change roles, reset passwords, unlock (R18).

A new user and a reset password get a temporary password, typed twice; the
user must change it at the next sign-in. The services refuse deactivating
yourself and removing or demoting the last active supervisor: the refusal is
shown in red under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QItemSelection, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import Role
from nit_desk.models.console.console_tables import UsersModel, role_text
from nit_desk.services.admin import users
from nit_desk.services.admin.user_dto import UserInfo
from nit_desk.services.change import Change
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.runner import async_slot, owner_alive, run_async
from nit_desk.ui.session import Session
from nit_desk.views.console.common import fit_columns, make_table
from nit_desk.views.widgets import MessageLine, dialog_finished


class PasswordDialog(QDialog, ErrorSink):
    """A new user (name, role, temporary password twice) or a password reset.

    The dialog makes the service call itself, so a refusal (name taken, password
    too short) is shown in it and the supervisor can correct it.
    """

    def __init__(self, session: Session, *, user: UserInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.session, self.user = session, user
        self.result_user: UserInfo | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("usernameEdit")
        self.role_box = QComboBox()
        self.role_box.setObjectName("roleBox")
        for role in (Role.AGENT, Role.SUPERVISOR):
            self.role_box.addItem(role_text(role), role)
        self.password_edit = self._password("passwordEdit")
        self.repeat_edit = self._password("repeatEdit")
        form = QFormLayout()
        if user is None:
            self.setWindowTitle(self.tr("Add a user"))
            form.addRow(self.tr("&User name:"), self.name_edit)
            form.addRow(self.tr("&Role:"), self.role_box)
        else:
            self.setWindowTitle(self.tr("Reset the password of {name}").format(
                name=user.username))
        form.addRow(self.tr("Temporary &password:"), self.password_edit)
        form.addRow(self.tr("R&epeat it:"), self.repeat_edit)
        note = QLabel(self.tr("Tell the user the temporary password in person; they must "
                              "choose their own at the next sign-in."))
        note.setWordWrap(True)
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Add user") if user is None
                               else self.tr("&Reset password"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _password(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.message.clear_message()
        if self.password_edit.text() != self.repeat_edit.text():
            self.message.show_error(self.tr("The two passwords differ: type the same one "
                                            "twice."))
            self.repeat_edit.setFocus()
            return
        run_async(self._send(), owner=self)

    async def _send(self) -> None:
        self.ok_button.setEnabled(False)
        try:
            if self.user is None:
                role = Role(self.role_box.currentData())
                self.result_user = await self.session.call(
                    users.create_user, self.name_edit.text(), role, self.password_edit.text(),
                    must_change_password=True)  # a temporary password
            else:
                self.result_user = await self.session.call(
                    users.reset_password, self.user.id, self.password_edit.text())
        except NitDeskError as err:
            self.show_error(err)
            return
        finally:
            if owner_alive(self):
                self.ok_button.setEnabled(True)
        self.accept()

    def show_error(self, err: NitDeskError) -> None:
        """A refusal under the form."""
        self.message.show_error(error_text(err))


class UsersAdmin(QWidget, ErrorSink):
    """The users tab: the table and the account actions."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersAdmin")
        self.session, self.events = session, session.events
        self.dialog: PasswordDialog | None = None
        self.model = UsersModel(self)
        self.table = make_table(self.model, "usersTable")
        fit_columns(self.table)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.add_button = self._button(self.tr("&Add user…"), self._on_add_button_clicked,
                                       "addUserButton")
        self.active_button = self._button(self.tr("&Deactivate"),
                                          self._on_active_button_clicked, "activeButton")
        self.role_button = self._button(self.tr("Make &supervisor"),
                                        self._on_role_button_clicked, "roleButton")
        self.reset_button = self._button(self.tr("&Reset password…"),
                                         self._on_reset_button_clicked, "resetButton")
        self.unlock_button = self._button(self.tr("&Unlock"), self._on_unlock_button_clicked,
                                          "unlockButton")
        self.message = MessageLine()
        self.message.setObjectName("usersMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        for button in (self.active_button, self.role_button, self.reset_button,
                       self.unlock_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(200)
        self._reload_timer.timeout.connect(self.reload)
        self.events.data_changed.connect(self._on_events_data_changed)
        self._update_buttons()
        self.loaded = False  # the data is read when the tab is first shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Read the data the first time the tab is shown (sign-in stays quick)."""
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.reload()

    def _button(self, text: str, slot: object, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- loading --

    def reload(self) -> None:
        """Read the users again (off the GUI thread), keeping the selection."""
        run_async(self._load(), owner=self)

    async def _load(self) -> None:
        keep = self.selected()
        self.model.set_rows(await self.session.call(users.list_users))
        if keep is not None:
            self.select_user(keep.username)
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        """The selected user, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_user(self, username: str) -> bool:
        """Select ``username`` (True when listed)."""
        row = self.model.find(lambda u: u.username == username)
        if row is not None:
            self.table.selectRow(row)
        return row is not None

    # -- actions --

    @async_slot()
    async def _on_add_button_clicked(self) -> None:
        user = await self._password_dialog(None)
        if user is not None:
            self._done(self.tr("{name} is added as {role}; they choose their own password at "
                               "the first sign-in.").format(name=user.username,
                                                            role=role_text(user.role)),
                       user.username)

    @async_slot()
    async def _on_reset_button_clicked(self) -> None:
        target = self.selected()
        if target is None:
            return
        user = await self._password_dialog(target)
        if user is not None:
            self._done(self.tr("{name} has a temporary password and must change it at the "
                               "next sign-in.").format(name=user.username), user.username)

    async def _password_dialog(self, target: UserInfo | None) -> UserInfo | None:
        dialog = PasswordDialog(self.session, user=target, parent=self)
        self.dialog = dialog
        try:
            accepted = await dialog_finished(dialog)
            return dialog.result_user if accepted else None
        finally:
            self.dialog = None
            dialog.deleteLater()

    @async_slot()
    async def _on_active_button_clicked(self) -> None:
        target = self.selected()
        if target is None:
            return
        user = await self._call(users.set_active, target.id, not target.active)
        if user is not None:
            text = (self.tr("{name} is active again.") if user.active
                    else self.tr("{name} is deactivated and can no longer sign in."))
            self._done(text.format(name=user.username), user.username)

    @async_slot()
    async def _on_role_button_clicked(self) -> None:
        target = self.selected()
        if target is None:
            return
        role = Role.AGENT if target.role is Role.SUPERVISOR else Role.SUPERVISOR
        user = await self._call(users.set_role, target.id, role)
        if user is not None:
            self._done(self.tr("{name} is now {role}.").format(
                name=user.username, role=role_text(user.role)), user.username)

    @async_slot()
    async def _on_unlock_button_clicked(self) -> None:
        target = self.selected()
        if target is None:
            return
        user = await self._call(users.unlock, target.id)
        if user is not None:
            self._done(self.tr("{name} is unlocked.").format(name=user.username),
                       user.username)

    async def _call(self, call: Callable[..., UserInfo], *args: object) -> UserInfo | None:
        self.message.clear_message()
        try:
            return await self.session.call(call, *args)
        except NitDeskError as err:
            self.show_error(err)
            return None

    def _done(self, text: str, username: str) -> None:
        self.message.show_info(text)
        self.events.status_message.emit(text)
        run_async(self._reload_selecting(username), owner=self)

    async def _reload_selecting(self, username: str) -> None:
        await self._load()
        self.select_user(username)

    def show_error(self, err: NitDeskError) -> None:
        """A refusal (yourself, the last supervisor...) in red under the table."""
        self.message.show_error(error_text(err))

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.active_button, self.role_button, self.reset_button):
            button.setEnabled(user is not None)
        locked = user is not None and user.locked_until is not None and \
            user.locked_until > datetime.now(UTC)
        self.unlock_button.setEnabled(locked)
        if user is not None:
            self.active_button.setText(self.tr("&Deactivate") if user.active
                                       else self.tr("Re&activate"))
            self.role_button.setText(self.tr("Make &agent") if user.role is Role.SUPERVISOR
                                     else self.tr("Make &supervisor"))

    # -- slots --

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        if not self.loaded:
            return
        if change.concerns("user"):
            self._reload_timer.start()
