"""The client card's services bound to one database and user, and its place in the window.

:class:`DatabaseCardGateway` implements :class:`nit_desk.views.card.card_gateway.CardGateway`
(the views never import storage). :func:`make_client_card` builds the card for a
:class:`~nit_desk.ui.session.Session`; its ``work_actions()`` ("New request…", Ctrl+I)
go into the Work menu; :func:`open_intake_dialog` opens the intake dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from nit_desk.domain.types import ContactKind, Network, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.services.clients import (
    bans,
    clients,
    corrections,
    registration,
    sensitive,
    trust,
    work_log,
)
from nit_desk.services.clients.work_log_dto import WorkLog, WorkLogEntry
from nit_desk.services.dto import (
    BanProposalDTO,
    ClientCard,
    ClientMatch,
    IntakeResult,
    RequestDTO,
    SensitiveActionDTO,
)
from nit_desk.services.money import payments
from nit_desk.services.money.money_dto import MoneyStatus
from nit_desk.services.queue import claims, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.card.intake_dialog import IntakeDialog

if TYPE_CHECKING:
    from nit_desk.ui.session import Session


@dataclass(frozen=True)
class DatabaseCardGateway:
    """The card's service calls on ``db`` as ``actor`` (blocking: use the runner)."""

    db: Database
    actor: Actor

    def client_card(self, client_id: int) -> ClientCard:
        """The client card (R3-R6)."""
        return clients.client_card(self.db, self.actor, client_id)

    def request_detail(self, request_id: int) -> RequestDTO:
        """Every field of a request."""
        return claims.request_detail(self.db, self.actor, request_id)

    def request_money(self, request_id: int) -> MoneyStatus:
        """Agreed, paid and due money of a request."""
        return payments.request_money(self.db, self.actor, request_id)

    def client_history(self, client_id: int) -> list[AuditRecord]:
        """The client's audit entries, newest first (R17)."""
        return clients.client_history(self.db, self.actor, client_id)

    def set_step_state(self, client_id: int, code: str, state: StepState) -> ClientCard:
        """Set one checklist step (R3, R4)."""
        return registration.set_step_state(self.db, self.actor, client_id, code, state)

    def set_trusted(self, client_id: int, trusted: bool) -> ClientCard:
        """Add to or remove from the trusted persons list (R5)."""
        return trust.set_trusted(self.db, self.actor, client_id, trusted)

    def update_flags(self, request_id: int, expected_version: int, *,
                     has_specification: bool, offline_work: bool, onsite_visit: bool,
                     visit_address: str = "") -> RequestDTO:
        """Change the flags that decide the payment scheme (R14)."""
        return claims.update_flags(self.db, self.actor, request_id, expected_version,
                                   has_specification=has_specification,
                                   offline_work=offline_work, onsite_visit=onsite_visit,
                                   visit_address=visit_address)

    def find_matches(self, *, phone: str = "", email: str = "",
                     messengers: Sequence[tuple[Network, str]] = ()) -> list[ClientMatch]:
        """Clients holding any of the typed contacts."""
        return clients.find_matches(self.db, self.actor, phone=phone, email=email,
                                    messengers=messengers)

    def intake(self, *, handle: str, phone: str, email: str,
               messengers: Sequence[tuple[Network, str]], channel: Network,
               system_info: str, description: str, deadline: datetime,
               has_specification: bool = False, offline_work: bool = False,
               onsite_visit: bool = False, visit_address: str = "",
               existing_client_id: int | None = None,
               allow_banned: bool = False) -> IntakeResult:
        """A first contact: a new client (or a known one) and the request."""
        return clients.intake(self.db, self.actor, clients.IntakeForm(
            handle=handle, phone=phone, email=email,
            messengers=messengers, channel=channel, system_info=system_info,
            description=description, deadline=deadline, has_specification=has_specification,
            offline_work=offline_work, onsite_visit=onsite_visit, visit_address=visit_address,
            existing_client_id=existing_client_id, allow_banned=allow_banned))

    def record_sensitive_action(self, client_id: int, *, request_id: int | None, action: str,
                                explanation: str, warned_and_explained: bool,
                                client_agreed: bool) -> SensitiveActionDTO:
        """Record a sensitive action and the client's answer (R8)."""
        return sensitive.record_sensitive_action(
            self.db, self.actor, client_id, request_id=request_id, action=action,
            explanation=explanation, warned_and_explained=warned_and_explained,
            client_agreed=client_agreed)

    def list_sensitive_actions(self, client_id: int) -> list[SensitiveActionDTO]:
        """The client's sensitive actions, newest first."""
        return sensitive.list_sensitive_actions(self.db, self.actor, client_id)

    def propose_ban(self, client_id: int, refused_steps: Sequence[str],
                    comment: str) -> BanProposalDTO:
        """Propose a ban (R10, R11)."""
        return bans.propose_ban(self.db, self.actor, client_id, refused_steps, comment)

    def fix_contact(self, client_id: int, contact_id: int, value: str) -> ClientCard:
        """Put a wrong contact right, checked as at intake (R21)."""
        return corrections.fix_contact(self.db, self.actor, client_id, contact_id, value)

    def add_contact(self, client_id: int, kind: ContactKind, value: str,
                    network: Network | None = None) -> ClientCard:
        """Give a known client one more contact, checked as at intake (R21)."""
        return corrections.add_contact(self.db, self.actor, client_id, kind, value,
                                       network=network)

    def remove_contact(self, client_id: int, contact_id: int) -> ClientCard:
        """Remove a contact the client no longer uses (R21)."""
        return corrections.remove_contact(self.db, self.actor, client_id, contact_id)

    def reagree_deadline(self, request_id: int, deadline: datetime, reason: str) -> RequestDTO:
        """Move an open request's deadline, with the reason (R7, R21)."""
        return corrections.reagree_deadline(self.db, self.actor, request_id, deadline, reason)

    def edit_description(self, request_id: int, description: str) -> RequestDTO:
        """Correct what the request is about (R21)."""
        return corrections.edit_description(self.db, self.actor, request_id, description)

    def update_client(self, client_id: int, expected_version: int, *,
                      system_info: str | None = None) -> ClientCard:
        """Change the client's system information (R21)."""
        return clients.update_client(self.db, self.actor, client_id, expected_version,
                                     system_info=system_info)

    # -- the request's life and its work log (R19, R22) ---------------------------

    def take_request(self, request_id: int) -> RequestDTO:
        """Take a request for work (after an intake its author holds it)."""
        return claims.claim(self.db, self.actor, request_id)

    def start_work(self, request_id: int, *, override_reason: str = "") -> RequestDTO:
        """new -> in progress (R19, R20)."""
        return request_life.start_work(self.db, self.actor, request_id,
                                  override_reason=override_reason)

    def wait_for_client(self, request_id: int, awaited: str) -> RequestDTO:
        """in progress -> waiting for the client."""
        return request_life.wait_for_client(self.db, self.actor,
                                       request_id, awaited)

    def back_to_work(self, request_id: int) -> RequestDTO:
        """waiting for the client -> in progress."""
        return request_life.back_to_work(self.db, self.actor, request_id)

    def mark_done(self, request_id: int) -> RequestDTO:
        """in progress -> done."""
        return request_life.mark_done(self.db, self.actor, request_id)

    def cancel_request(self, request_id: int, reason: str) -> RequestDTO:
        """Any open request -> cancelled, with a reason."""
        return request_life.cancel(self.db, self.actor, request_id, reason)

    def reopen(self, request_id: int, reason: str) -> RequestDTO:
        """A closed request -> open again (supervisors)."""
        return request_life.reopen(self.db, self.actor, request_id, reason)

    def correct_worked_time(self, request_id: int, minutes: int, reason: str) -> RequestDTO:
        """Set the time worked to ``minutes``, with a reason (R22)."""
        return request_life.correct_worked_time(
            self.db, self.actor, request_id, minutes, reason)

    def add_note(self, request_id: int, text: str) -> WorkLogEntry:
        """A note in the request's work log."""
        return work_log.add_note(self.db, self.actor, request_id, text)

    def work_log(self, request_id: int) -> WorkLog:
        """The request's timeline and time spent (R22)."""
        return work_log.work_log(self.db, self.actor, request_id)



def card_gateway(desk: Session) -> DatabaseCardGateway:
    """The card's services for the desk's database and user."""
    return DatabaseCardGateway(desk.db, desk.actor)


def make_client_card(desk: Session) -> ClientCardView:
    """The client card screen for ``desk`` (place it with ``window.set_card_widget``)."""
    return ClientCardView(card_gateway(desk), desk.runner, desk.events)


def open_intake_dialog(desk: Session, parent: QWidget | None) -> IntakeDialog:
    """Open the intake dialog ("New request…") window-modal over ``parent``.

    The card's own "New request…" action (:meth:`ClientCardView.work_actions`)
    also shows the new request; this is for other screens that want the dialog.
    """
    dialog = IntakeDialog(card_gateway(desk), desk.runner, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
