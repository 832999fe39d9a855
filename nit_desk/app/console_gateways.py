"""The supervisor console's services bound to one database and user, and its place.

:class:`DatabaseConsoleGateway` implements
:class:`nit_desk.models.console.console_gateway.ConsoleGateway` (views never import
storage). :func:`install_supervisor_console` builds the console for a
:class:`~nit_desk.ui.session.Session` and hands it to the main window, which
shows it to supervisors only; the services refuse agents anyway (R18).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import audit, reports, users
from nit_desk.services.admin.audit_dto import AuditFilter, AuditRecord, ChainReport
from nit_desk.services.admin.report_dto import Report
from nit_desk.services.admin.user_dto import UserInfo
from nit_desk.services.clients import bans, checklist, clients, sensitive
from nit_desk.services.dto import (
    BanDTO,
    BannedClient,
    BanProposalDTO,
    ClientCard,
    SensitiveActionDTO,
    TemplateDTO,
)
from nit_desk.services.storage.engine import Database
from nit_desk.views.console.console import SupervisorConsole

if TYPE_CHECKING:
    from nit_desk.models.console.console_gateway import AuditQuery
    from nit_desk.services.admin.report_dto import Report
    from nit_desk.services.dto import StepInput
    from nit_desk.ui.session import Session
    from nit_desk.views.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatabaseConsoleGateway:
    """The console's service calls on ``db`` as ``actor`` (blocking: use the runner)."""

    db: Database
    actor: Actor

    # -- bans --

    def pending_proposals(self) -> list[BanProposalDTO]:
        """Proposals waiting for review, oldest first."""
        return bans.pending_proposals(self.db, self.actor)

    def client_card(self, client_id: int) -> ClientCard:
        """The client card: checklist with who and when."""
        return clients.client_card(self.db, self.actor, client_id)

    def client_history(self, client_id: int) -> list[AuditRecord]:
        """The client's audit entries, newest first."""
        return clients.client_history(self.db, self.actor, client_id)

    def list_sensitive_actions(self, client_id: int) -> list[SensitiveActionDTO]:
        """The client's sensitive-action records (R8)."""
        return sensitive.list_sensitive_actions(self.db, self.actor, client_id)

    def approve_ban(self, proposal_id: int, reason: str) -> BanDTO:
        """Ban the client (R12)."""
        return bans.approve_ban(self.db, self.actor, proposal_id, reason)

    def reject_ban(self, proposal_id: int, reason: str) -> BanProposalDTO:
        """Reject a proposal."""
        return bans.reject_ban(self.db, self.actor, proposal_id, reason)

    def bans_in_force(self) -> list[BannedClient]:
        """Clients banned now."""
        return bans.bans_in_force(self.db, self.actor)

    def lift_ban(self, client_id: int, reason: str) -> BanDTO:
        """Lift a ban."""
        return bans.lift_ban(self.db, self.actor, client_id, reason)

    # -- audit --

    def audit_page(self, query: AuditQuery, before_seq: int | None,
                   limit: int) -> list[AuditRecord]:
        """A page of audit entries, newest first."""
        return audit.list_audit(self.db, self.actor, self._filter(query),
                                before_seq=before_seq, limit=limit)

    def audit_actions(self) -> list[str]:
        """The kinds of change recorded so far."""
        return audit.audit_actions(self.db, self.actor)

    def export_audit(self, query: AuditQuery, target: Path) -> int:
        """Write the filtered entries to CSV."""
        return audit.export_audit_csv(self.db, self.actor, self._filter(query), target)

    def check_audit(self) -> ChainReport:
        """Verify the chain."""
        return audit.check_audit(self.db, self.actor)

    def _filter(self, query: AuditQuery) -> AuditFilter:
        return AuditFilter(client_id=self._client_id(query.client), actor_name=query.user,
                           action_prefix=query.action, since=query.since, until=query.until)

    def _client_id(self, text: str) -> int | None:
        """A client number (``42``, ``#42``) or one client found by handle or contact."""
        text = text.strip()
        if not text:
            return None
        number = text.removeprefix("#").strip()
        if number.isascii() and number.isdigit():
            return int(number[:18])
        found = clients.search_clients(self.db, self.actor, text, limit=20)
        exact = [m for m in found if m.handle.casefold() == text.casefold()]
        ids = {m.client_id for m in (exact or found)}
        if len(ids) == 1:
            return ids.pop()
        if not ids:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "No client has a handle, phone, email or account starting with "
                "{text}."), field="client", text=text[:64])
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Several clients match {text}: type more of it, or the client's "
            "number."), field="client", text=text[:64])

    # -- checklist template --

    def template_versions(self) -> list[TemplateDTO]:
        """Every template version, newest first."""
        return checklist.list_template_versions(self.db, self.actor)

    def save_template(self, steps: Sequence[StepInput]) -> TemplateDTO:
        """Save a new template version (R3)."""
        return checklist.save_template(self.db, self.actor, steps)

    # -- users --

    def list_users(self) -> list[UserInfo]:
        """Every user, by name."""
        return users.list_users(self.db, self.actor)

    def create_user(self, username: str, role: Role, password: str) -> UserInfo:
        """Add a user who must change the password at the first sign-in."""
        return users.create_user(self.db, self.actor, username, role, password,
                                 must_change_password=True)

    def set_active(self, user_id: int, active: bool) -> UserInfo:
        """Deactivate or reactivate."""
        return users.set_active(self.db, self.actor, user_id, active)

    def set_role(self, user_id: int, role: Role) -> UserInfo:
        """Make an agent or a supervisor."""
        return users.set_role(self.db, self.actor, user_id, role)

    def reset_password(self, user_id: int, password: str) -> UserInfo:
        """Set a temporary password."""
        return users.reset_password(self.db, self.actor, user_id, password)

    def unlock(self, user_id: int) -> UserInfo:
        """Lift a lockout."""
        return users.unlock(self.db, self.actor, user_id)

    # -- reports --

    def build_report(self, since: datetime, until: datetime) -> reports.Report:
        """The dashboard for a period."""
        return reports.build_report(self.db, self.actor, since, until)

    def export_report(self, report: Report, target: Path) -> None:
        """Write the report to CSV."""
        if not isinstance(report, reports.Report):
            raise TypeError("export_report needs a report built by build_report")
        reports.export_report_csv(report, target)


def _price_list_editor(desk: Session) -> QWidget | None:
    """The price list editor, when its module is installed (another screen's work)."""
    try:
        from nit_desk.views.money.price_list_editor import PriceListEditor
    except ImportError as exc:
        if getattr(exc, "name", "") == "nit_desk.views.money.price_list_editor":
            log.debug("No price list editor yet: the console goes without it")
        else:  # the module is there but something it needs is broken: say so in the log
            log.warning("The price list editor could not be loaded", exc_info=True)
        return None
    return PriceListEditor(desk)


def make_supervisor_console(desk: Session) -> SupervisorConsole:
    """The console for the desk's supervisor (price list tab when it is there)."""
    console = SupervisorConsole(DatabaseConsoleGateway(desk.db, desk.actor), desk.runner,
                                desk.events)
    editor = _price_list_editor(desk)
    if editor is not None:
        console.add_price_list(editor)
    return console


def install_supervisor_console(window: MainWindow, desk: Session) -> SupervisorConsole | None:
    """Add the console to ``window`` for a supervisor; nothing for an agent (R18)."""
    if not desk.actor.is_supervisor:
        return None
    console = make_supervisor_console(desk)
    if not window.add_supervisor_console(console):
        return None
    return console
