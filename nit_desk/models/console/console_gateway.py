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
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit_dto import AuditRecord, ChainReport
from nit_desk.services.admin.report_dto import Report
from nit_desk.services.admin.user_dto import UserInfo
from nit_desk.services.dto import (
    BanDTO,
    BannedClient,
    BanProposalDTO,
    ClientCard,
    SensitiveActionDTO,
    StepInput,
    TemplateDTO,
)


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

    def client_history(self, client_id: int) -> Sequence[AuditRecord]:
        """The client's audit entries, newest first."""

    def list_sensitive_actions(self, client_id: int) -> Sequence[SensitiveActionDTO]:
        """The client's sensitive-action records (R8)."""

    def approve_ban(self, proposal_id: int, reason: str) -> BanDTO:
        """Ban the client (R12, one transaction)."""

    def reject_ban(self, proposal_id: int, reason: str) -> BanProposalDTO:
        """Reject the proposal with a reason."""

    def bans_in_force(self) -> Sequence[BannedClient]:
        """Clients banned now."""

    def lift_ban(self, client_id: int, reason: str) -> BanDTO:
        """Lift the ban in force with a reason."""

    # -- audit (R17) --

    def audit_page(self, query: AuditQuery, before_seq: int | None,
                   limit: int) -> Sequence[AuditRecord]:
        """A page of entries, newest first, older than ``before_seq``."""

    def audit_actions(self) -> Sequence[str]:
        """The kinds of change recorded so far."""

    def export_audit(self, query: AuditQuery, target: Path) -> int:
        """Write the filtered entries to a CSV file; return how many."""

    def check_audit(self) -> ChainReport:
        """Verify the whole chain."""

    # -- checklist template (R3) --

    def template_versions(self) -> Sequence[TemplateDTO]:
        """Every template version, newest first."""

    def save_template(self, steps: Sequence[StepInput]) -> TemplateDTO:
        """Save the steps as a new version."""

    # -- users (R18) --

    def list_users(self) -> Sequence[UserInfo]:
        """Every user, by name."""

    def create_user(self, username: str, role: Role, password: str) -> UserInfo:
        """Add a user with a temporary password (changed at first sign-in)."""

    def set_active(self, user_id: int, active: bool) -> UserInfo:
        """Deactivate or reactivate."""

    def set_role(self, user_id: int, role: Role) -> UserInfo:
        """Make an agent or a supervisor."""

    def reset_password(self, user_id: int, password: str) -> UserInfo:
        """Set a temporary password."""

    def unlock(self, user_id: int) -> UserInfo:
        """Lift a lockout."""

    # -- reports --

    def build_report(self, since: datetime, until: datetime) -> Report:
        """The dashboard for ``[since, until)``."""

    def export_report(self, report: Report, target: Path) -> None:
        """Write the report to a CSV file."""
