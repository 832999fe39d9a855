"""What the supervisor console needs from the services, as Protocols (R11, R17, R18).

The console's views and models never import the services that touch storage
(the layering contract): :class:`nit_desk.app.console_gateways.DatabaseConsoleGateway`
binds these calls to one database and one signed-in supervisor. Every method
blocks: call it through :meth:`nit_desk.ui.runner.ServiceRunner.call`.
The services check the role on every call (R18); the console is only offered
to supervisors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from nit_desk.domain.types import Role
from nit_desk.models.card.audit_record import AuditRecordLike
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit_dto import ChainReport
from nit_desk.services.admin.report_dto import AgentFigures, Report
from nit_desk.services.dto import (
    BanDTO,
    BanProposalDTO,
    ClientCard,
    SensitiveActionDTO,
    TemplateDTO,
)

StepInput = tuple[str | None, str, bool]
"""A template step to save: (code or None for a new step, title, required)."""


@dataclass(frozen=True)
class AuditQuery:
    """The audit viewer's filters; empty fields do not filter.

    ``client`` is a client number (``42`` or ``#42``) or the start of a
    handle, phone, email or messenger account; the gateway finds the client.
    """

    client: str = ""
    user: str = ""
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None


AuditEntryRow = AuditRecordLike
"""One audit entry as the viewer reads it (R17)."""


ChainCheck = ChainReport
"""The outcome of verifying the audit chain."""


class UserRow(Protocol):
    """A user as the users tab shows it (never the password hash)."""

    @property
    def id(self) -> int:
        """User id."""

    @property
    def username(self) -> str:
        """Sign-in name."""

    @property
    def role(self) -> Role:
        """Agent or supervisor."""

    @property
    def active(self) -> bool:
        """May sign in."""

    @property
    def must_change_password(self) -> bool:
        """Has a temporary password."""

    @property
    def locked_until(self) -> datetime | None:
        """Locked out after wrong passwords until then."""


class BannedClientRow(Protocol):
    """A client under a ban in force."""

    @property
    def client_id(self) -> int:
        """Client id."""

    @property
    def handle(self) -> str:
        """The client's handle."""

    @property
    def ban(self) -> BanDTO:
        """The ban in force."""


AgentRow = AgentFigures
"""One user's figures in a report."""


ReportFigures = Report
"""The dashboard's figures for a period."""


HistoryRow = AuditRecordLike
"""One audit entry about a client (the evidence's history)."""


class ConsoleGateway(Protocol):
    """The supervisor console's service calls (blocking: use the runner)."""

    @property
    def actor(self) -> Actor:
        """Who is signed in."""

    # -- bans (R10-R12) --

    def pending_proposals(self) -> Sequence[BanProposalDTO]:
        """Proposals waiting for review, oldest first."""

    def client_card(self, client_id: int) -> ClientCard:
        """The client card: the checklist with who and when."""

    def client_history(self, client_id: int) -> Sequence[HistoryRow]:
        """The client's audit entries, newest first."""

    def list_sensitive_actions(self, client_id: int) -> Sequence[SensitiveActionDTO]:
        """The client's sensitive-action records (R8)."""

    def approve_ban(self, proposal_id: int, reason: str) -> BanDTO:
        """Ban the client (R12, one transaction)."""

    def reject_ban(self, proposal_id: int, reason: str) -> BanProposalDTO:
        """Reject the proposal with a reason."""

    def bans_in_force(self) -> Sequence[BannedClientRow]:
        """Clients banned now."""

    def lift_ban(self, client_id: int, reason: str) -> BanDTO:
        """Lift the ban in force with a reason."""

    # -- audit (R17) --

    def audit_page(self, query: AuditQuery, before_seq: int | None,
                   limit: int) -> Sequence[AuditEntryRow]:
        """A page of entries, newest first, older than ``before_seq``."""

    def audit_actions(self) -> Sequence[str]:
        """The kinds of change recorded so far."""

    def export_audit(self, query: AuditQuery, target: Path) -> int:
        """Write the filtered entries to a CSV file; return how many."""

    def check_audit(self) -> ChainCheck:
        """Verify the whole chain."""

    # -- checklist template (R3) --

    def template_versions(self) -> Sequence[TemplateDTO]:
        """Every template version, newest first."""

    def save_template(self, steps: Sequence[StepInput]) -> TemplateDTO:
        """Save the steps as a new version."""

    # -- users (R18) --

    def list_users(self) -> Sequence[UserRow]:
        """Every user, by name."""

    def create_user(self, username: str, role: Role, password: str) -> UserRow:
        """Add a user with a temporary password (changed at first sign-in)."""

    def set_active(self, user_id: int, active: bool) -> UserRow:
        """Deactivate or reactivate."""

    def set_role(self, user_id: int, role: Role) -> UserRow:
        """Make an agent or a supervisor."""

    def reset_password(self, user_id: int, password: str) -> UserRow:
        """Set a temporary password."""

    def unlock(self, user_id: int) -> UserRow:
        """Lift a lockout."""

    # -- reports --

    def build_report(self, since: datetime, until: datetime) -> ReportFigures:
        """The dashboard for ``[since, until)``."""

    def export_report(self, report: ReportFigures, target: Path) -> None:
        """Write the report to a CSV file."""
