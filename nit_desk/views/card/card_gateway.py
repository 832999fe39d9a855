"""What the client card and its dialogs need from the services, as a Protocol.

Views never import the services that touch storage (the layering contract):
:class:`nit_desk.app.card_services.DatabaseCardGateway` binds these calls to one
database and one signed-in user. Every method blocks: call it through
:meth:`nit_desk.ui.runner.ServiceRunner.call`, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from nit_desk.domain.types import ContactKind, Network, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.services.clients.work_log_dto import WorkLog, WorkLogEntry
from nit_desk.services.dto import (
    BanProposalDTO,
    ClientCard,
    ClientMatch,
    IntakeResult,
    RequestDTO,
    SensitiveActionDTO,
)
from nit_desk.services.money.money_dto import MoneyStatus


class CardGateway(Protocol):
    """The service calls of the client card, intake, sensitive-action and ban dialogs."""

    @property
    def actor(self) -> Actor:
        """Who is signed in (a hint for the screens; services check the role, R18)."""

    def client_card(self, client_id: int) -> ClientCard:
        """The client card (R3-R6)."""

    def request_detail(self, request_id: int) -> RequestDTO:
        """Every field of a request."""

    def request_money(self, request_id: int) -> MoneyStatus:
        """Agreed, paid and due money of a request (R13, R14)."""

    def client_history(self, client_id: int) -> Sequence[AuditRecord]:
        """The client's audit entries, newest first (R17)."""

    def set_step_state(self, client_id: int, code: str, state: StepState) -> ClientCard:
        """Set one checklist step (R3, R4)."""

    def set_trusted(self, client_id: int, trusted: bool) -> ClientCard:
        """Add to or remove from the trusted persons list (R5)."""

    def update_flags(self, request_id: int, expected_version: int, *,
                     has_specification: bool, offline_work: bool, onsite_visit: bool,
                     visit_address: str = "") -> RequestDTO:
        """Change the flags that decide the payment scheme (R14)."""

    def find_matches(self, *, phone: str = "", email: str = "",
                     messengers: Sequence[tuple[Network, str]] = ()) -> list[ClientMatch]:
        """Clients holding any of the typed contacts (invalid ones ignored)."""

    def intake(self, *, handle: str, phone: str, email: str,
               messengers: Sequence[tuple[Network, str]], channel: Network,
               system_info: str, description: str, deadline: datetime,
               has_specification: bool = False, offline_work: bool = False,
               onsite_visit: bool = False, visit_address: str = "",
               existing_client_id: int | None = None,
               allow_banned: bool = False) -> IntakeResult:
        """A first contact: a new client (or a known one) and the request (R1, R7, R12)."""

    def record_sensitive_action(self, client_id: int, *, request_id: int | None, action: str,
                                explanation: str, warned_and_explained: bool,
                                client_agreed: bool) -> SensitiveActionDTO:
        """Record a warned-about sensitive action and the client's answer (R8)."""

    def list_sensitive_actions(self, client_id: int) -> list[SensitiveActionDTO]:
        """The client's sensitive actions, newest first."""

    def propose_ban(self, client_id: int, refused_steps: Sequence[str],
                    comment: str) -> BanProposalDTO:
        """Propose a ban naming the refused steps (R10, R11)."""

    # -- corrections (R21) ---------------------------------------------------

    def fix_contact(self, client_id: int, contact_id: int, value: str) -> ClientCard:
        """Put a wrong contact right, checked as at intake."""

    def add_contact(self, client_id: int, kind: ContactKind, value: str,
                    network: Network | None = None) -> ClientCard:
        """Give a known client one more contact, checked as at intake."""

    def remove_contact(self, client_id: int, contact_id: int) -> ClientCard:
        """Remove a contact the client no longer uses (the audit keeps it)."""

    def reagree_deadline(self, request_id: int, deadline: datetime, reason: str) -> RequestDTO:
        """Move an open request's deadline as agreed again, with the reason."""

    def edit_description(self, request_id: int, description: str) -> RequestDTO:
        """Correct what the request is about."""

    def update_client(self, client_id: int, expected_version: int, *,
                      system_info: str | None = None) -> ClientCard:
        """Change the client's system information (optimistic concurrency)."""

    # -- the request's life and its work log (R19, R22) ---------------------------

    def take_request(self, request_id: int) -> RequestDTO:
        """Take a request for work (a claim): after an intake its author holds it."""

    def start_work(self, request_id: int, *, override_reason: str = "") -> RequestDTO:
        """new -> in progress; the timer starts (R19, R20: an unpaid advance refuses)."""

    def wait_for_client(self, request_id: int, awaited: str) -> RequestDTO:
        """in progress -> waiting for the client, saying what is awaited; the timer pauses."""

    def back_to_work(self, request_id: int) -> RequestDTO:
        """waiting for the client -> in progress; the timer runs again."""

    def mark_done(self, request_id: int) -> RequestDTO:
        """in progress -> done; the timer stops."""

    def cancel_request(self, request_id: int, reason: str) -> RequestDTO:
        """Any open request -> cancelled, with a reason."""

    def reopen(self, request_id: int, reason: str) -> RequestDTO:
        """A closed request -> in progress again (supervisors, with a reason)."""

    def correct_worked_time(self, request_id: int, minutes: int, reason: str) -> RequestDTO:
        """Set the time worked on a request to ``minutes``, with a reason (R22)."""

    def add_note(self, request_id: int, text: str) -> WorkLogEntry:
        """A note in the request's work log (R9, R23 guarded)."""

    def work_log(self, request_id: int) -> WorkLog:
        """The request's timeline and time spent (R22)."""
