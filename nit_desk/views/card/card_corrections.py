"""The card's corrections: contacts, deadline, description, system information (R21).

:class:`CardCorrections` opens the small dialogs of
:mod:`nit_desk.views.card.correction_dialogs` for the card it is handed, sends the
one service call each makes (``nit_desk.services.clients.corrections``), and says
what came back: ``card_corrected`` with the fresh client card after a contact or
system-information change, ``request_corrected`` with the fresh request after a
re-agreed deadline or an edited description; the card shows it if it still shows
that client or request. Each change is one audited
service call with before and after; nothing is deleted from the record.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from nit_desk.domain.types import ContactKind, Network
from nit_desk.services.clients import clients, corrections
from nit_desk.services.dto import ClientCard, ContactDTO, RequestDTO
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.card.contacts_panel import phone_text
from nit_desk.views.card.correction_dialogs import (
    ContactDialog,
    CorrectionDialog,
    DeadlineDialog,
    TextDialog,
    kind_name,
)
from nit_desk.views.widgets import dialog_finished


class CardCorrections(QObject):
    """Opens and sends the card's corrections; ``dialog`` is the one open now (for tests).

    Signals:
        card_corrected(ClientCard): a correction of the client was saved; the fresh card.
        request_corrected(RequestDTO): a correction of a request was saved; the fresh request.
    """

    card_corrected = Signal(object)
    request_corrected = Signal(object)

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self.parent_widget = parent
        self.dialog: CorrectionDialog | None = None
        self.confirmation: QMessageBox | None = None

    async def _run(self, dialog: CorrectionDialog) -> object | None:
        """Open ``dialog`` window-modal; its result value once saved (None: cancelled)."""
        self.dialog = dialog
        try:
            await dialog_finished(dialog)
            return dialog.result_value
        finally:
            dialog.deleteLater()
            self.dialog = None

    def _said(self, text: str) -> None:
        self._session.events.status_message.emit(text)

    # -- contacts ------------------------------------------------------------

    async def fix_contact(self, card: ClientCard | None, contact: ContactDTO) -> None:
        """Put a wrong contact right (same kind, a new value), checked as at intake."""
        if card is None or contact.id is None:
            return
        contact_id = contact.id

        def send(_kind: ContactKind, _network: Network | None, value: str) -> Awaitable[Any]:
            return self._session.call(corrections.fix_contact, card.id, contact_id, value)

        fresh = await self._run(ContactDialog(send, card.handle, contact, self.parent_widget))
        self._after_card(fresh, self.tr("Contact of {handle} fixed."))

    async def add_contact(self, card: ClientCard | None) -> None:
        """Give the client one more contact, checked as at intake (R1, R12)."""
        if card is None:
            return

        def send(kind: ContactKind, network: Network | None, value: str) -> Awaitable[Any]:
            return self._session.call(corrections.add_contact, card.id, kind, value,
                                      network=network)

        fresh = await self._run(ContactDialog(send, card.handle, None, self.parent_widget))
        self._after_card(fresh, self.tr("Contact added to {handle}."))

    async def remove_contact(self, card: ClientCard | None, contact: ContactDTO) -> None:
        """Remove a contact the client no longer uses, after a one-line confirmation."""
        if card is None or contact.id is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove a contact"), self.tr(
            "Remove the {kind} {value} from {handle}'s contacts? The history keeps a "
            "record of it.").format(kind=kind_name(contact.kind),
                                     value=phone_text(contact.value), handle=card.handle),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.parent_widget)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirmation = box
        try:
            answer = await dialog_finished(box)
        finally:
            box.deleteLater()
            self.confirmation = None
        if answer != QMessageBox.StandardButton.Yes.value:
            return
        fresh = await self._session.call(corrections.remove_contact, card.id, contact.id)
        self._after_card(fresh, self.tr("Contact removed from {handle}."))

    # -- client and request texts --------------------------------------------

    async def edit_system_info(self, card: ClientCard | None) -> None:
        """Edit the client's system information (the card's version guards it)."""
        if card is None:
            return

        def send(text: str) -> Awaitable[Any]:
            return self._session.call(clients.update_client, card.id, card.version,
                                      system_info=text)

        fresh = await self._run(TextDialog(
            send, self.tr("System information — {handle}").format(handle=card.handle),
            self.tr("System:"), "system_info", card.system_info, self.parent_widget))
        self._after_card(fresh, self.tr("System information of {handle} saved."))

    async def edit_description(self, request: RequestDTO | None) -> None:
        """Correct what the request is about."""
        if request is None:
            return
        request_id = request.id

        def send(text: str) -> Awaitable[Any]:
            return self._session.call(corrections.edit_description, request_id, text)

        fresh = await self._run(TextDialog(
            send, self.tr("Description — request #{id}").format(id=request_id),
            self.tr("Description:"), "description", request.description, self.parent_widget))
        if isinstance(fresh, RequestDTO):
            self._after_request(fresh, self.tr("Description of request #{id} saved.").format(
                id=fresh.id))

    async def reagree_deadline(self, request: RequestDTO | None) -> None:
        """Move the deadline as agreed again with the client, with the reason (R7, R21)."""
        if request is None:
            return
        request_id = request.id

        def send(deadline: datetime, reason: str) -> Awaitable[Any]:
            return self._session.call(corrections.reagree_deadline, request_id, deadline, reason)

        fresh = await self._run(DeadlineDialog(send, request_id, request.deadline,
                                               self.parent_widget))
        if isinstance(fresh, RequestDTO):
            self._after_request(fresh, self.tr(
                "Request #{id}: deadline re-agreed for {deadline}.").format(
                    id=fresh.id, deadline=local_time_text(fresh.deadline)))

    # -- showing the answer ---------------------------------------------------

    def _after_card(self, fresh: object | None, text: str) -> None:
        if not isinstance(fresh, ClientCard):
            return
        self._said(text.format(handle=fresh.handle))
        if isValid(self):  # a dialog's wait is no service call: the card may be gone
            self.card_corrected.emit(fresh)

    def _after_request(self, fresh: RequestDTO, text: str) -> None:
        self._said(text)
        if isValid(self):
            self.request_corrected.emit(fresh)
