"""Small dialogs of a request's life: one required line (a reason, what is awaited), and
the manual correction of the time worked (R19, R21, R22).

A dialog is given the call to make (``submit``): it awaits it on OK, stays open
with the refusal beside the field when the service says no (the typed text is
kept), and closes with the fresh request when it says yes. So the reason is
checked by the service's own rules (R9, R23), once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.runner import async_slot
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.widgets import MessageLine

REASON_MAX = 500
MAX_MINUTES = 100 * 60

Submit = Callable[[str], Awaitable[Any]]
"""The service call a dialog makes with the typed line; it returns the fresh value."""


class _SubmittingDialog(QDialog, ErrorSink):
    """OK runs the call; a refusal stays in the dialog, a success closes it."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.result_value: Any = None
        self.submitting = False
        self.message = MessageLine()
        self.message.setObjectName("dialogMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    @property
    def ok_button(self) -> Any:
        """The OK button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _feedback(self) -> FieldFeedback:
        raise NotImplementedError

    def _checked(self) -> bool:
        """Whether the fields can be sent (the service checks them again)."""
        raise NotImplementedError

    def _call(self) -> Awaitable[Any]:
        raise NotImplementedError

    @async_slot()
    async def _on_buttons_accepted(self) -> None:
        if self.submitting or not self._checked():
            return
        self.submitting = True
        self.ok_button.setEnabled(False)
        try:
            value = await self._call()
        except NitDeskError as err:
            if isValid(self):
                self.show_error(err)
            return
        finally:
            if isValid(self):
                self.submitting = False
                self.ok_button.setEnabled(True)
        if isValid(self):
            self.result_value = value
            self.accept()

    def show_error(self, err: NitDeskError) -> None:
        """A refusal beside the field (a validation error) or under the form."""
        if isinstance(err, ValidationError):
            self._feedback().show_error(err)
            self.message.clear_message()
        else:
            self.message.show_error(error_text(err))


class ReasonDialog(_SubmittingDialog):
    """One required line: the reason to cancel, reopen or override, or what is awaited.

    Args:
        title: the window title ("Cancel request #12").
        prompt: what to type, above the line.
        submit: the call to make with the typed line.
    """

    def __init__(self, title: str, prompt: str, submit: Submit, *,
                 ok_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self._submit = submit
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.line = QLineEdit()
        self.line.setObjectName("reasonEdit")
        self.line.setMaxLength(REASON_MAX)
        self.field = FieldFeedback(self.line)
        if ok_text:
            self.ok_button.setText(ok_text)
        self.line.textChanged.connect(self._on_line_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.setMinimumWidth(460)
        self._on_line_text_changed(self.line.text())

    @Slot(str)
    def _on_line_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()) and not self.submitting)
        if self.field.has_error:
            self.field.clear()

    def _feedback(self) -> FieldFeedback:
        return self.field

    def _checked(self) -> bool:
        if not self.line.text().strip():
            self.field.show_error(self.tr("Required: type it in one line."))
            return False
        return True

    def _call(self) -> Awaitable[Any]:
        return self._submit(self.line.text().strip())


class TimeCorrectionDialog(_SubmittingDialog):
    """The time worked set by hand: the total in minutes and the reason (R22)."""

    def __init__(self, current_minutes: int, submit: Callable[[int, str], Awaitable[Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeCorrectionDialog")
        self.setWindowTitle(self.tr("Correct the time worked"))
        self._submit = submit
        self.minutes = QSpinBox()
        self.minutes.setObjectName("minutesBox")
        self.minutes.setRange(0, MAX_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(max(0, min(current_minutes, MAX_MINUTES)))
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonEdit")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("Why the time is corrected"))
        self.reason_field = FieldFeedback(self.reason)
        self.reason.textChanged.connect(self._on_reason_text_changed)
        form = QFormLayout()
        form.addRow(self.tr("Time worked, in total:"), self.minutes)
        form.addRow(self.tr("Reason:"), self.reason_field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.setMinimumWidth(460)
        self._on_reason_text_changed(self.reason.text())

    @Slot(str)
    def _on_reason_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()) and not self.submitting)
        if self.reason_field.has_error:
            self.reason_field.clear()

    def _feedback(self) -> FieldFeedback:
        return self.reason_field

    def _checked(self) -> bool:
        if not self.reason.text().strip():
            self.reason_field.show_error(self.tr("Required: say why the time is corrected."))
            return False
        return True

    def _call(self) -> Awaitable[Any]:
        return self._submit(self.minutes.value(), self.reason.text().strip())
