"""The audit log as screens read it, and the checks' outcomes: plain data (R17)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking the audit chain."""

    intact: bool
    count: int
    first_bad_seq: int | None = None
    first_bad_id: int | None = None
    problem: str = ""


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry as screens show it."""

    id: int
    seq: int
    at: datetime
    actor_name: str
    action: str
    entity: str
    entity_id: int | None
    client_id: int | None
    before: str
    after: str


@dataclass(frozen=True)
class AuditFilter:
    """What the audit viewer asks for; empty fields do not filter."""

    client_id: int | None = None
    actor_name: str = ""
    action_prefix: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class CheckReport:
    """The outcome of ``nit-desk check``: the first problem found, if any."""

    ok: bool
    audit_entries: int
    problem: str = ""


@dataclass(frozen=True)
class AuditQuery:
    """The audit viewer's filters as typed; empty fields do not filter.

    ``client`` is a client number (``42`` or ``#42``) or the start of a handle,
    phone, email or messenger account; :func:`nit_desk.services.admin.audit.audit_page`
    finds the one client it names (or refuses, saying why).
    """

    client: str = ""
    user: str = ""
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AuditView:
    """What the audit viewer shows when it opens: the first page and its filters' choices."""

    entries: tuple[AuditRecord, ...]
    actions: tuple[str, ...]
    """The kinds of change recorded so far."""
    usernames: tuple[str, ...]
    """Every user, by name."""
