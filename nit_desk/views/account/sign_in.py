"""Signing in, and creating the first supervisor of an empty database.

Nobody is signed in yet, so there is no :class:`~nit_desk.ui.session.Session`:
the dialog calls the account services with the runner and the opaque database
(``runner.call(users.authenticate, db, name, password)``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import Conflict, NitDeskError
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.admin.user_dto import SignIn
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.runner import ServiceRunner, async_slot, run_async
from nit_desk.views.account.change_password import ChangePasswordDialog, password_edit
from nit_desk.views.widgets import MessageLine, dialog_finished

LOADING, SIGN_IN, FIRST_SUPERVISOR = "loading", "sign_in", "first_supervisor"


class SignInDialog(QDialog, ErrorSink):
    """User name and password; on an empty database, the first supervisor instead.

    A refusal (wrong password, locked account) is shown in the dialog, which stays
    open with the typed user name and an empty password field. ``signed_in(actor)``
    is emitted, and the dialog accepted, once the user may start working.

    Args:
        runner: runs the account services off the GUI thread.
        db: the storage's database, passed on to the services as it is.
    """

    signed_in = Signal(object)

    def __init__(self, runner: ServiceRunner, db: Any, *,
                 last_user_name: str = "", database_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("NIT Desk: sign in"))
        self._runner, self._db = runner, db
        self.actor: Actor | None = None
        self.mode = LOADING
        self._started = False
        self.user_edit = QLineEdit(last_user_name)
        self.user_edit.setMaxLength(32)
        self.password_edit = password_edit()
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.first_user_edit = QLineEdit()
        self.first_user_edit.setMaxLength(32)
        self.first_password_edit = password_edit()
        self.first_repeat_edit = password_edit()
        self.create_button = QPushButton(self.tr("Create supervisor and sign in"))
        self.message = MessageLine()
        self._lay_out(database_name)
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        self.create_button.clicked.connect(self._on_create_button_clicked)

    # -- layout ------------------------------------------------------------

    def _lay_out(self, database_name: str) -> None:
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.loading_label = QLabel(self.tr("Opening the database…"))
        self.sign_in_page = self._sign_in_page()
        self.first_supervisor_page = self._first_supervisor_page()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        for page in (self.loading_label, self.sign_in_page, self.first_supervisor_page):
            layout.addWidget(page)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        if database_name:
            where = QLabel(self.tr("Database: {name}").format(name=database_name))
            where.setEnabled(False)
            where.setWordWrap(True)
            layout.addWidget(where)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
        for edit in (self.user_edit, self.password_edit, self.first_user_edit,
                     self.first_password_edit, self.first_repeat_edit):
            edit.setMinimumWidth(260)
        self._show_mode(LOADING)

    def _sign_in_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("User name:"), self.user_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        return page

    def _first_supervisor_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr("This database has no users yet. Create the first supervisor: "
                               "they will add the agents."))
        intro.setWordWrap(True)
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(intro)
        form.addRow(self.tr("User name:"), self.first_user_edit)
        form.addRow(self.tr("Password:"), self.first_password_edit)
        form.addRow(self.tr("Repeat password:"), self.first_repeat_edit)
        return page

    def _show_mode(self, mode: str) -> None:
        self.mode = mode
        self.loading_label.setVisible(mode == LOADING)
        self.sign_in_page.setVisible(mode == SIGN_IN)
        self.sign_in_button.setVisible(mode == SIGN_IN)
        self.first_supervisor_page.setVisible(mode == FIRST_SUPERVISOR)
        self.create_button.setVisible(mode == FIRST_SUPERVISOR)
        titles = {LOADING: self.tr("NIT Desk"), SIGN_IN: self.tr("Sign in to NIT Desk"),
                  FIRST_SUPERVISOR: self.tr("Welcome to NIT Desk")}
        self.heading.setText(titles[mode])
        if mode == SIGN_IN:
            self.sign_in_button.setDefault(True)
            (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()
        elif mode == FIRST_SUPERVISOR:
            self.create_button.setDefault(True)
            self.first_user_edit.setFocus()

    # -- behaviour ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Find out, off the GUI thread, whether this is the first run."""
        super().showEvent(event)
        if not self._started:
            self._started = True
            run_async(self._load_mode(), owner=self)

    async def _load_mode(self) -> None:
        has_users = await self._runner.call(users.has_users, self._db)
        self._show_mode(SIGN_IN if has_users else FIRST_SUPERVISOR)

    def show_error(self, err: NitDeskError) -> None:
        """Show a refusal from a service in the dialog's message line."""
        self.message.show_error(error_text(err))

    @async_slot()
    async def _on_sign_in_button_clicked(self) -> None:
        name, password = self.user_edit.text().strip(), self.password_edit.text()
        if not name or not password:
            self.message.show_error(self.tr("Type your user name and your password."))
            (self.password_edit if name else self.user_edit).setFocus()
            return
        self._set_working(True, self.tr("Signing in…"))
        try:
            result = await self._runner.call(users.authenticate, self._db, name, password)
        except NitDeskError as err:
            self._set_working(False)  # a disabled field cannot take the focus back
            self._refused(err)
            return
        except BaseException:
            self._set_working(False)
            raise
        self._set_working(False)
        await self._proceed(result, password)

    async def _proceed(self, result: SignIn, password: str) -> None:
        self.message.clear_message()
        if result.must_change_password:
            dialog = ChangePasswordDialog(self._runner, self._db, result.actor,
                                          current_password=password, parent=self)
            if await dialog_finished(dialog) != QDialog.DialogCode.Accepted:
                self.password_edit.clear()
                self.password_edit.setFocus()
                self.message.show_error(self.tr("Choose a new password to start working."))
                return
        self._finish(result.actor)

    def _refused(self, err: NitDeskError) -> None:
        self.password_edit.clear()
        self.password_edit.setFocus()
        self.show_error(err)

    @async_slot()
    async def _on_create_button_clicked(self) -> None:
        name, password = self.first_user_edit.text().strip(), self.first_password_edit.text()
        if password != self.first_repeat_edit.text():
            self.message.show_error(self.tr("The two passwords differ; type them again."))
            self._clear_first_passwords()
            return
        self._set_working(True, self.tr("Creating the supervisor…"))
        try:
            await self._runner.call(users.create_first_supervisor, self._db, name, password)
            result = await self._runner.call(users.authenticate, self._db, name, password)
        except Conflict as err:  # another workstation created the first user meanwhile
            self._set_working(False)
            self.user_edit.setText(name)
            self._show_mode(SIGN_IN)
            self.show_error(err)
            return
        except NitDeskError as err:
            self._set_working(False)  # enabled first, or the password field cannot take focus
            self._clear_first_passwords()
            self.show_error(err)
            return
        except BaseException:
            self._set_working(False)
            raise
        self._set_working(False)
        self._finish(result.actor)

    def _clear_first_passwords(self) -> None:
        self.first_password_edit.clear()
        self.first_repeat_edit.clear()
        self.first_password_edit.setFocus()

    def _set_working(self, working: bool, text: str = "") -> None:
        for widget in (self.sign_in_button, self.create_button, self.user_edit,
                       self.password_edit, self.first_user_edit, self.first_password_edit,
                       self.first_repeat_edit):
            widget.setEnabled(not working)
        if working:
            self.message.show_info(text)

    def _finish(self, actor: Actor) -> None:
        self.actor = actor
        self.password_edit.clear()
        self._clear_first_passwords()
        self.message.clear_message()
        self.signed_in.emit(actor)
        self.accept()
