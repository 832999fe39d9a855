"""Intake: a new request at first contact, with the client's contacts (R1, R7, R9, R12, R14).

Each contact is checked as the agent types with the domain's normalisers; the
reason shows beside the field, or the normalised form as a hint
(``+79123456789``). A debounced look-up offers the existing client whose
contacts match, and says plainly when they belong to a banned client (only a
supervisor may go on, R12). Free text runs the secret guard (R9). Saving
keeps the dialog open on any error, with everything typed intact and the
error beside the field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.contacts import (
    contact_text,
    normalize_email,
    normalize_handle,
    normalize_phone,
)
from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.text import clean_name, clean_text
from nit_desk.domain.types import Network
from nit_desk.services.clients import clients
from nit_desk.services.clients.card_dto import IntakeForm
from nit_desk.services.dto import (
    BannedClientMatch,
    ClientMatch,
    ContactConflict,
    IntakeResult,
)
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.views.card.intake_client import IntakeClientBox
from nit_desk.views.card.intake_parts import MatchBanner, MessengerRow
from nit_desk.views.card.intake_request import IntakeRequestBox
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.widgets import MessageLine

LOOKUP_DELAY_MS = 400
ERROR_DELAY_MS = 700
"""An invalid value is called out after a pause in typing (at once when leaving the field)."""
TEXT_MAX = 4000

Check = Callable[[], str]
"""Validates one field: returns the hint to show, or raises ValidationError."""


class IntakeDialog(QDialog, ErrorSink):
    """The "New request…" dialog (Ctrl+I)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.setWindowTitle(self.tr("New request"))
        self._session = session
        self.result_value: IntakeResult | None = None
        self.existing_client_id: int | None = None
        self.matches: list[ClientMatch] = []
        self.closed = False
        self._lookup_generation = 0
        self._pending_errors: set[str] = set()
        self._build()
        self.add_messenger_row()
        self._update_scheme()
        self._update_save()
        self.save_action = install_dialog_keys(self, self.save_button)
        self.handle_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # opens in its first field

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.banner = MatchBanner(supervisor=self._session.actor.is_supervisor)
        self.banner.use_requested.connect(self._on_banner_use_requested)
        self.banner.changed.connect(self._update_save)
        self.message = MessageLine()
        self.message.setObjectName("intakeMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(self._client_box(), 1)
        columns.addWidget(self._request_box(), 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._timers()
        self.setMinimumWidth(920)

    def _timers(self) -> None:
        self.lookup_timer = QTimer(self)
        self.lookup_timer.setSingleShot(True)
        self.lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self.lookup_timer.timeout.connect(self._on_lookup_timer_timeout)
        self.error_timer = QTimer(self)
        self.error_timer.setSingleShot(True)
        self.error_timer.setInterval(ERROR_DELAY_MS)
        self.error_timer.timeout.connect(self._on_error_timer_timeout)

    def _client_box(self) -> IntakeClientBox:
        box = IntakeClientBox()
        self.client_box = box
        self.handle_edit, self.phone_edit, self.email_edit = (box.handle_edit, box.phone_edit,
                                                              box.email_edit)
        self.channel_combo, self.add_button = box.channel_combo, box.add_button
        self.messengers_field, self.rows = box.messengers_field, box.rows
        self.fields: dict[str, FieldFeedback] = dict(box.fields)
        box.contact_edited.connect(self._on_contact_edited)
        box.contact_finished.connect(self._validate)
        box.handle_edited.connect(lambda: self._validate_soon("handle"))
        box.row_changed.connect(self._on_client_box_row_changed)
        box.row_finished.connect(lambda row: self._check_row(row, show_error=True))
        box.row_removed.connect(self._schedule_lookup)
        return box

    def _request_box(self) -> IntakeRequestBox:
        box = IntakeRequestBox()
        self.request_box = box
        self.description_edit, self.system_edit = box.description_edit, box.system_edit
        self.deadline_edit, self.address_edit = box.deadline_edit, box.address_edit
        self.spec_box, self.offline_box, self.visit_box = (box.spec_box, box.offline_box,
                                                           box.visit_box)
        self.indicator, self.scheme_note = box.indicator, box.scheme_note
        self.fields.update(box.fields)
        box.text_edited.connect(self._validate_soon)
        box.deadline_changed.connect(lambda: self._validate("deadline"))
        return box

    # -- messenger rows ------------------------------------------------------

    def add_messenger_row(self) -> MessengerRow:
        """Add one more messenger account row (network and account)."""
        return self.client_box.add_messenger_row()

    @Slot(object)
    def _on_client_box_row_changed(self, row: MessengerRow) -> None:
        self._check_row(row, show_error=False)
        self._schedule_lookup()

    def _check_row(self, row: MessengerRow, *, show_error: bool) -> bool:
        if not row.text.strip():
            row.feedback.clear()
            return False
        try:
            value = normalize_handle(row.network, row.text, field="messenger")
        except ValidationError as err:
            if show_error or row.feedback.has_error:
                row.feedback.show_error(err)
            else:
                self._pending_errors.add(f"messenger.{row.index}")
                self.error_timer.start()
            return False
        row.feedback.show_hint(self.tr("Saved as {value}").format(value=contact_text(value)))
        return True

    # -- as-you-type checks --------------------------------------------------

    def _checks(self) -> dict[str, Check]:
        return {
            "handle": lambda: (clean_name(self.handle_edit.text(), field="handle",
                                          max_length=100), "")[1],
            "phone": lambda: self.tr("Saved as {value}").format(
                value=normalize_phone(self.phone_edit.text(), field="phone")),
            "email": lambda: self.tr("Saved as {value}").format(
                value=normalize_email(self.email_edit.text(), field="email")),
            "system_info": lambda: (clean_text(self.system_edit.toPlainText(),
                                               field="system_info", max_length=TEXT_MAX), "")[1],
            "description": lambda: (clean_text(self.description_edit.toPlainText(),
                                               field="description", max_length=TEXT_MAX,
                                               required=True), "")[1],
            "deadline": self.request_box.check_deadline,
            "visit_address": self.request_box.check_address,
        }

    def _validate(self, name: str, *, on_save: bool = False) -> bool:
        """Check one field now and show the reason or the hint beside it."""
        self._pending_errors.discard(name)
        feedback = self.fields[name]
        try:
            hint = self._checks()[name]()
        except ValidationError as err:
            if not on_save and self._is_empty(name):
                feedback.clear()  # an empty field is reported on save, not while typing
                return False
            feedback.show_error(err)
            return False
        feedback.show_hint(hint)
        return True

    def _validate_soon(self, name: str) -> None:
        """Hints and fixes show at once; a new error after a pause in typing."""
        feedback = self.fields[name]
        try:
            hint = self._checks()[name]()
        except ValidationError:
            if feedback.has_error:
                self._validate(name)
            else:
                self._pending_errors.add(name)
                self.error_timer.start()
            return
        self._pending_errors.discard(name)
        feedback.show_hint(hint)

    def _is_empty(self, name: str) -> bool:
        widget = self.fields[name].field
        if isinstance(widget, QLineEdit):
            return not widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return not widget.toPlainText().strip()
        return False

    @Slot()
    def _on_error_timer_timeout(self) -> None:
        for name in sorted(self._pending_errors):
            if name.startswith("messenger."):
                index = int(name.split(".")[1])
                if index < len(self.rows):
                    self._check_row(self.rows[index], show_error=True)
            elif name in self.fields:
                self._validate(name)
        self._pending_errors.clear()

    def _on_contact_edited(self, name: str) -> None:
        self._validate_soon(name)
        self._schedule_lookup()

    def _update_scheme(self) -> None:
        self.request_box.set_known_client(self.existing_client_id is not None)

    # -- matching clients (R12) ----------------------------------------------

    def _schedule_lookup(self) -> None:
        self.lookup_timer.start()

    def messengers(self) -> list[tuple[Network, str]]:
        """The typed messenger accounts, as (network, text)."""
        return self.client_box.messengers()

    @Slot()
    def _on_lookup_timer_timeout(self) -> None:
        self._lookup_generation += 1
        filled = [(n, t) for n, t in self.messengers() if t.strip()]
        run_async(self._lookup(self._lookup_generation, self.phone_edit.text(),
                               self.email_edit.text(), filled), owner=self)

    async def _lookup(self, generation: int, phone: str, email: str,
                      messengers: list[tuple[Network, str]]) -> None:
        if not (phone.strip() or email.strip() or messengers):
            matches: list[ClientMatch] = []
        else:
            matches = await self._session.call(clients.find_matches, phone=phone,
                                               email=email, messengers=messengers)
        if generation == self._lookup_generation and not self.closed:
            self.set_matches(matches)

    def done(self, result: int) -> None:
        """Close: no look-up or delayed check touches the dialog afterwards."""
        self.closed = True
        self.lookup_timer.stop()
        self.error_timer.stop()
        super().done(result)

    def set_matches(self, matches: list[ClientMatch]) -> None:
        """Show the clients whose contacts match what was typed."""
        self.matches = matches
        if self.existing_client_id is not None and not any(
                m.client_id == self.existing_client_id for m in matches):
            self.existing_client_id = None
        self.banner.set_matches(matches, chosen=self.existing_client_id)
        self._update_scheme()
        self._update_save()

    @Slot(object)
    def _on_banner_use_requested(self, client_id: object) -> None:
        self.existing_client_id = client_id if isinstance(client_id, int) else None
        self.banner.set_matches(self.matches, chosen=self.existing_client_id)
        self._update_scheme()
        self._update_save()

    def _update_save(self) -> None:
        blocked = self.banner.blocks_saving
        self.save_button.setEnabled(not blocked)
        self.save_button.setToolTip(self.tr("Only a supervisor can go on with a banned "
                                            "client.") if blocked else "")

    # -- saving -------------------------------------------------------------

    def deadline(self) -> datetime:
        """The agreed deadline as an aware UTC datetime."""
        return self.request_box.deadline()

    def check_all(self) -> bool:
        """Check every field, show every reason; True when all are fine."""
        ok = True
        for name in self._checks():
            ok = self._validate(name, on_save=True) and ok
        for row in self.rows:
            if not row.text.strip():
                row.feedback.show_error(self.tr("Type the account, or remove this row."))
                ok = False
            else:
                ok = self._check_row(row, show_error=True) and ok
        return ok

    def form(self) -> IntakeForm:
        """What was typed, as the intake service takes it (raw text: the service checks)."""
        return IntakeForm(
            handle=self.handle_edit.text(), phone=self.phone_edit.text(),
            email=self.email_edit.text(), messengers=self.messengers(),
            channel=self.channel_combo.currentData(), system_info=self.system_edit.toPlainText(),
            description=self.description_edit.toPlainText(), deadline=self.deadline(),
            has_specification=self.spec_box.isChecked(),
            offline_work=self.offline_box.isChecked(), onsite_visit=self.visit_box.isChecked(),
            visit_address=self.address_edit.text(), existing_client_id=self.existing_client_id,
            allow_banned=self.banner.supervisor_goes_on)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.message.clear_message()
        if not self.check_all():
            self.message.show_error(self.tr("Some fields need attention: see the reasons "
                                            "beside them."))
            return
        self._save()

    @async_slot()
    async def _save(self) -> None:
        self.save_button.setEnabled(False)
        self.message.show_info(self.tr("Saving…"))
        try:
            result = await self._session.call(clients.intake, self.form())
        except NitDeskError as err:
            self._update_save()
            self.show_error(err)
            return
        self._update_save()
        self.result_value = result
        self.message.clear_message()
        self.accept()

    def show_error(self, err: NitDeskError) -> None:
        """Put a refusal beside the field it names; nothing typed is touched."""
        if isinstance(err, ContactConflict):
            self.message.show_error(error_text(err))
            matches = [ClientMatch(cid, str(err.params.get("handle", "?")),
                                   isinstance(err, BannedClientMatch), ())
                       for cid in err.client_ids]
            self.set_matches(matches if not self.matches else self.matches)
            return
        field = err.field or ""
        if field.startswith("messenger.") and field[10:].isdigit() \
                and int(field[10:]) < len(self.rows):
            row = self.rows[int(field[10:])]
            row.feedback.show_error(err)
            self.message.show_error(self.tr("A messenger account needs attention."))
        elif field in self.fields:
            self.fields[field].show_error(err)
            self.message.show_error(self.tr("A field needs attention: see the reason beside "
                                            "it."))
        else:
            self.message.show_error(error_text(err))
