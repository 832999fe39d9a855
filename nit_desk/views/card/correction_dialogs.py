"""Small dialogs that put a mistake right on the card, never deleting it (R21).

:class:`ContactDialog` fixes a contact's value or adds a contact, checked as
the agent types with the intake's own rules (R1); :class:`DeadlineDialog`
re-agrees a request's deadline with a reason (R7); :class:`TextDialog` edits a
request's description or the client's system information (R9, R23). Each sends
one call through :class:`CorrectionCall`; a refusal is shown beside its field
and what was typed stays; on success the dialog closes with ``result_value``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from nit_desk.domain.contacts import (
    HANDLE_EXAMPLES,
    contact_text,
    normalize_email,
    normalize_handle,
)
from nit_desk.domain.contacts import normalize_phone as _normalize_phone
from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.types import ContactKind, Network
from nit_desk.services.dto import ContactConflict, ContactDTO
from nit_desk.ui.queue_texts import channel_name
from nit_desk.ui.runner import async_slot
from nit_desk.ui.time_text import local_time_text, to_qdatetime
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.field_feedback import FieldFeedback, FormErrors
from nit_desk.views.widgets import MessageLine

CorrectionCall = Callable[[], Awaitable[Any]]
"""The one service call a dialog makes with what was typed (it awaits the runner)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("CorrectionDialog", text)


def kind_name(kind: ContactKind) -> str:
    """"phone", "email" or "messenger account", translated."""
    return {ContactKind.PHONE: _tr("phone"), ContactKind.EMAIL: _tr("email"),
            ContactKind.MESSENGER: _tr("messenger account")}[kind]


def normalized_contact(kind: ContactKind, network: Network | None, text: str) -> str:
    """The contact as it would be stored, by the intake's rules (raises ValidationError)."""
    if kind is ContactKind.PHONE:
        return _normalize_phone(text, field="value")
    if kind is ContactKind.EMAIL:
        return normalize_email(text, field="value")
    return normalize_handle(network or Network.TELEGRAM, text, field="value")


class CorrectionDialog(QDialog, FormErrors):
    """A form with fields, a message line and Save / Cancel; one call on Save."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: object | None = None
        self.fields: dict[str, FieldFeedback] = {}
        self.form = QFormLayout()
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.save_button)
        self.setMinimumWidth(460)

    def add_field(self, name: str, label: str, widget: QWidget) -> FieldFeedback:
        """A row of the form whose refusals show under it."""
        feedback = FieldFeedback(widget)
        self.fields[name] = feedback
        self.form.addRow(label, feedback)
        return feedback

    def set_intro(self, text: str) -> None:
        """A line above the form (what is being corrected)."""
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def check(self) -> bool:
        """Checks before calling the service; show the reasons, return whether all pass."""
        return True

    def call(self) -> Awaitable[Any]:
        """The service call with what was typed."""
        raise NotImplementedError

    async def submit(self) -> object | None:
        """Check, call, close on success; on a refusal show why beside the field."""
        for feedback in self.fields.values():
            if feedback.has_error:
                feedback.clear()
        self.message.clear_message()
        if not self.check():
            return None
        self.save_button.setEnabled(False)  # one save per press, however fast the clicks
        try:
            self.result_value = await self.call()
        except NitDeskError as err:
            if isValid(self):
                self.save_button.setEnabled(True)
                self.show_error(err)
            return None
        except BaseException:
            if isValid(self):
                self.save_button.setEnabled(True)
            raise
        if not isValid(self):
            return self.result_value  # closed meanwhile: the change is saved all the same
        self.save_button.setEnabled(True)
        self.accept()
        return self.result_value

    @async_slot()
    async def _on_buttons_accepted(self) -> None:
        await self.submit()


class ContactDialog(CorrectionDialog):
    """Fix a contact's value (``contact`` given) or add one; checked as at intake (R1, R12).

    Args:
        send: ``send(kind, network, text)`` makes the service call
            (``fix_contact`` or ``add_contact``) and returns the fresh card.
        contact: the contact to fix, or None to add a new one.
    """

    def __init__(self, send: Callable[[ContactKind, Network | None, str], Awaitable[Any]],
                 handle: str, contact: ContactDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_tr("Fix a contact — {handle}").format(handle=handle) if contact
                         else _tr("Add a contact — {handle}").format(handle=handle), parent)
        self.setObjectName("contactDialog")
        self._send, self.contact = send, contact
        self.kind_combo = QComboBox()
        for kind in ContactKind:
            self.kind_combo.addItem(kind_name(kind), kind)
        self.network_combo = QComboBox()
        for network in Network:
            self.network_combo.addItem(channel_name(network), network)
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("contactValue")
        self.add_field("kind", _tr("Kind:"), self.kind_combo)
        self.add_field("network", _tr("Network:"), self.network_combo)
        self.value_field = self.add_field("value", _tr("Value:"), self.value_edit)
        if contact is not None:
            self._show_contact(contact)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.network_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.value_edit.textEdited.connect(self._on_value_edit_text_edited)
        self._on_kind_changed()

    def _show_contact(self, contact: ContactDTO) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(contact.kind))
        if contact.network is not None:
            self.network_combo.setCurrentIndex(self.network_combo.findData(contact.network))
        self.kind_combo.setEnabled(False)  # a fix keeps the kind and network
        self.network_combo.setEnabled(False)
        self.value_edit.setText(contact_text(contact.value))
        self.set_intro(_tr("Was: {value}. The change is kept in the client's history.").format(
            value=contact_text(contact.value)))

    @property
    def kind(self) -> ContactKind:
        """The chosen kind of contact."""
        return ContactKind(self.kind_combo.currentData())

    @property
    def network(self) -> Network | None:
        """The chosen network (messenger accounts only)."""
        return Network(self.network_combo.currentData()) \
            if self.kind is ContactKind.MESSENGER else None

    def check(self) -> bool:
        """The intake's check of the typed value; the normalised form shown as a hint."""
        try:
            value = normalized_contact(self.kind, self.network, self.value_edit.text())
        except ValidationError as err:
            self.value_field.show_error(err)
            return False
        self.value_field.show_hint(_tr("Saved as {value}").format(value=contact_text(value)))
        return True

    def call(self) -> Awaitable[Any]:
        """``fix_contact`` or ``add_contact`` with the typed value."""
        return self._send(self.kind, self.network, self.value_edit.text())

    def field_for(self, err: NitDeskError) -> str:
        """Duplicates, banned matches and bad values all belong to the value (R12)."""
        if isinstance(err, ContactConflict) or err.field in (None, "", "value", "contact",
                                                            "contacts"):
            return "value"
        return err.field or ""

    @Slot()
    def _on_kind_changed(self) -> None:
        messenger = self.kind is ContactKind.MESSENGER
        self.form.setRowVisible(self.fields["network"], messenger)
        examples = {ContactKind.PHONE: "+7 912 345-67-89",
                    ContactKind.EMAIL: "name@example.ru"}
        self.value_edit.setPlaceholderText(
            HANDLE_EXAMPLES[self.network] if self.network is not None
            else examples[self.kind])
        if self.value_edit.text().strip():
            self._on_value_edit_text_edited(self.value_edit.text())

    @Slot(str)
    def _on_value_edit_text_edited(self, text: str) -> None:
        """As at intake: the stored form as a hint while typing; a reason once it is wrong."""
        try:
            value = normalized_contact(self.kind, self.network, text)
        except ValidationError as err:
            if self.value_field.has_error and text.strip():
                self.value_field.show_error(err)  # keep the reason current while fixing
            else:
                self.value_field.clear()  # a new reason waits for Save: no nagging mid-word
            return
        self.value_field.show_hint(_tr("Saved as {value}").format(value=contact_text(value)))


class DeadlineDialog(CorrectionDialog):
    """Re-agree a request's deadline with the client: the new moment and why (R7, R21)."""

    def __init__(self, send: Callable[[datetime, str], Awaitable[Any]], request_id: int,
                 deadline: datetime, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Re-agree the deadline — request #{id}").format(id=request_id),
                         parent)
        self.setObjectName("deadlineDialog")
        self._send = send
        self.set_intro(_tr("Agreed now: {deadline}").format(deadline=local_time_text(deadline)))
        self.deadline_edit = QDateTimeEdit(to_qdatetime(deadline))
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.deadline_edit.setObjectName("newDeadline")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("deadlineReason")
        self.reason_edit.setPlaceholderText(_tr("e.g. the client asked to move it to Friday"))
        self.add_field("deadline", _tr("New deadline:"), self.deadline_edit)
        self.add_field("reason", _tr("Reason:"), self.reason_edit)

    def deadline(self) -> datetime:
        """The chosen moment as an aware UTC datetime."""
        return datetime.fromtimestamp(self.deadline_edit.dateTime().toMSecsSinceEpoch() / 1000,
                                      UTC)

    def set_deadline(self, moment: datetime) -> None:
        """Put ``moment`` in the field (as if picked)."""
        self.deadline_edit.setDateTime(to_qdatetime(moment))

    def check(self) -> bool:
        """A future moment and a reason (the service checks both again)."""
        ok = True
        if self.deadline() <= datetime.now(UTC):
            self.fields["deadline"].show_error(_tr(
                "The deadline is in the past: agree a deadline in the future."))
            ok = False
        if not self.reason_edit.text().strip():
            self.fields["reason"].show_error(_tr("Say why the deadline moves."))
            ok = False
        return ok

    def call(self) -> Awaitable[Any]:
        """``reagree_deadline`` with the new moment and the reason."""
        return self._send(self.deadline(), self.reason_edit.text())


class TextDialog(CorrectionDialog):
    """Edit one free text: a request's description or the client's system information."""

    def __init__(self, send: Callable[[str], Awaitable[Any]], title: str, label: str,
                 field: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("textDialog")
        self._send, self.field = send, field
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setObjectName("correctedText")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(110)
        self.add_field(field, label, self.text_edit)
        self.set_intro(_tr("Never type passwords, codes, card numbers or full names "
                           "here."))

    def call(self) -> Awaitable[Any]:
        """The edit with the typed text."""
        return self._send(self.text_edit.toPlainText())

    def field_for(self, err: NitDeskError) -> str:
        """Every refusal about the text belongs to its one field."""
        return self.field if err.field in (None, "", self.field, "system info") else (
            err.field or "")
