"""The dialog in which a user replaces their own password."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.runner import ServiceRunner, async_slot
from nit_desk.views.widgets import MessageLine


def password_edit() -> QLineEdit:
    """A line edit that hides what is typed."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


class ChangePasswordDialog(QDialog, ErrorSink):
    """Current password (unless already known), new password twice.

    Args:
        runner: runs :func:`nit_desk.services.admin.users.change_password` off the GUI
            thread.
        db: the storage's database (a session's ``db``), passed on as it is.
        actor: whose password changes.
        current_password: the password just typed at sign-in, when a change is
            required before work starts; the field is then not shown.
    """

    def __init__(self, runner: ServiceRunner, db: Any, actor: Actor, *,
                 current_password: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change your password"))
        self._runner, self._db, self._actor = runner, db, actor
        self._known_password = current_password
        self.current_edit = password_edit()
        self.new_edit = password_edit()
        self.repeat_edit = password_edit()
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change password"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(required=current_password is not None)

    def _lay_out(self, *, required: bool) -> None:
        layout = QVBoxLayout(self)
        if required:
            intro = QLabel(self.tr("Before you start, choose a new password of your own "
                                   "(at least 8 characters)."))
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        if not required:
            form.addRow(self.tr("Current password:"), self.current_edit)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("Repeat new password:"), self.repeat_edit)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def show_error(self, err: NitDeskError) -> None:
        """Show a refusal from the service and let the user try again."""
        self.message.show_error(error_text(err))

    @async_slot()
    async def _on_buttons_accepted(self) -> None:
        old = self._known_password if self._known_password is not None \
            else self.current_edit.text()
        new = self.new_edit.text()
        if new != self.repeat_edit.text():
            self.message.show_error(self.tr("The two new passwords differ; type them again."))
            self._clear_new()
            return
        self._set_working(True)
        try:
            await self._runner.call(users.change_password, self._db, self._actor, old, new)
        except NitDeskError as err:
            self._set_working(False)  # a disabled field cannot take the focus back
            self.show_error(err)
            self._clear_new()
            return
        except BaseException:
            self._set_working(False)
            raise
        self._set_working(False)
        self._known_password = None
        self.accept()

    def _clear_new(self) -> None:
        self.new_edit.clear()
        self.repeat_edit.clear()
        self.new_edit.setFocus()

    def _set_working(self, working: bool) -> None:
        self.ok_button.setEnabled(not working)
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.setEnabled(not working)
        if working:
            self.message.show_info(self.tr("Changing the password…"))
