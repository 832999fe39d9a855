"""Frozen data the agent-side services hand to the screens, and their typed errors.

Nothing here is an ORM object: every value is plain, so nothing lazy-loads
on the GUI thread. Times are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from nit_desk.domain.errors import Conflict
from nit_desk.domain.registration import PhoneConsultation, RegistrationProgress
from nit_desk.domain.types import (
    AdvanceReason,
    BanProposalStatus,
    ContactKind,
    Network,
    PaymentScheme,
    RequestStatus,
    StepState,
)

CLAIM_LEASE = timedelta(minutes=5)
"""How long a claim on a request holds without a heartbeat (scenario 6)."""

# -- checklist template (R3) ---------------------------------------------------


@dataclass(frozen=True)
class TemplateStepDTO:
    """One step of a checklist template version."""

    code: str
    title: str
    required: bool
    position: int


@dataclass(frozen=True)
class TemplateDTO:
    """One version of the registration checklist template (R3)."""

    id: int
    version: int
    steps: tuple[TemplateStepDTO, ...]
    created_at: datetime | None = None
    created_by_name: str | None = None


StepInput = tuple[str | None, str, bool]
"""A template step to save: (code, or None to make one from the title; title; required)."""


# -- clients -----------------------------------------------------------------


@dataclass(frozen=True)
class ContactDTO:
    """A normalised contact: phone (E.164), email, or messenger account (R1, R2).

    ``id`` is the stored row's (filled by the client card, for corrections, R21);
    it takes no part in equality, so a typed contact equals the stored one.
    """

    kind: ContactKind
    network: Network | None
    value: str
    id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ChecklistItemDTO:
    """One step of one client's checklist, with who changed it and when (R3)."""

    code: str
    title: str
    required: bool
    state: StepState
    changed_by: str | None
    changed_at: datetime | None


@dataclass(frozen=True)
class BanOutcomeDTO:
    """How the last reviewed ban proposal about a client ended (R11)."""

    proposal_id: int
    status: BanProposalStatus
    reason: str
    reviewed_by: str | None
    reviewed_at: datetime | None


@dataclass(frozen=True)
class ClientCard:
    """Everything the client card shows about one client (R2-R6)."""

    id: int
    handle: str
    contacts: tuple[ContactDTO, ...]
    system_info: str
    registered: bool
    trusted: bool
    banned: bool
    ban_pending: bool
    last_ban_outcome: BanOutcomeDTO | None
    checklist: tuple[ChecklistItemDTO, ...]
    progress: RegistrationProgress
    phone_consultation: PhoneConsultation
    template_version: int
    version: int
    registered_at: datetime | None = None


@dataclass(frozen=True)
class IntakeResult:
    """The client an intake created or extended, and the new request."""

    client: ClientCard
    request_id: int


@dataclass(frozen=True)
class ClientMatch:
    """A client whose contacts match what was typed (intake lookups, search, R12)."""

    client_id: int
    handle: str
    banned: bool
    matched_on: tuple[ContactDTO, ...]


# -- requests and the queue (R7, R14) ------------------------------------------


class QueueFilter(StrEnum):
    """Which requests the queue shows."""

    ALL_OPEN = "all_open"
    MINE = "mine"
    UNCLAIMED = "unclaimed"
    OVERDUE = "overdue"


class QueueSort(StrEnum):
    """What the queue is ordered by (then by request id, so the order is total)."""

    DEADLINE = "deadline"
    CLIENT = "client"
    STATUS = "status"
    CHANNEL = "channel"
    SCHEME = "scheme"


CLOSED_STATUSES = frozenset({RequestStatus.DONE, RequestStatus.CANCELLED,
                             RequestStatus.CANCELLED_BY_BAN})
"""Statuses with no time left: the work is over (R19)."""


@dataclass(frozen=True)
class QueueRow:
    """One row of the queue.

    ``claim_lapsed``: the holder's lease ran out without a heartbeat, so anyone may
    take the request (it shows under "unclaimed" too).
    """

    request_id: int
    client_id: int
    handle: str
    channel: Network
    status: RequestStatus
    required_done: int
    required_total: int
    payment_scheme: PaymentScheme
    advance_reasons: tuple[AdvanceReason, ...]
    deadline: datetime
    claimed_by_id: int | None
    claimed_by_name: str | None
    claimed_at: datetime | None
    banned: bool
    claim_lapsed: bool = False
    description: str = ""
    """The start of the request's description (what the client asked for), one line."""

    @property
    def is_closed(self) -> bool:
        """Done or cancelled: no time is left to show (R19)."""
        return self.status in CLOSED_STATUSES


@dataclass(frozen=True)
class QueuePage:
    """A page of the queue; ``next_key`` is passed as ``after`` for the next one.

    The key is (the sort column's value of the last row, its request id): a deadline
    for :attr:`QueueSort.DEADLINE`, a text for the other orders.
    """

    rows: tuple[QueueRow, ...]
    next_key: tuple[datetime | str, int] | None


@dataclass(frozen=True)
class RequestDTO:
    """A request with every field the request screen shows."""

    id: int
    client_id: int
    client_handle: str
    client_banned: bool
    channel: Network
    status: RequestStatus
    description: str
    deadline: datetime
    created_at: datetime
    first_time: bool
    has_specification: bool
    offline_work: bool
    onsite_visit: bool
    visit_address: str
    payment_scheme: PaymentScheme
    advance_reasons: tuple[AdvanceReason, ...]
    claimed_by_id: int | None
    claimed_by_name: str | None
    claimed_at: datetime | None
    lease_expires_at: datetime | None
    closed_at: datetime | None
    version: int
    status_reason: str = ""
    """What the client is awaited for (waiting), or why it was cancelled or reopened (R19)."""
    worked_seconds: int = 0
    """Time worked before the running stretch (R22); a lapsed claim's stretch is included."""
    timer_started_at: datetime | None = None
    """Since when the timer runs; time worked = worked_seconds + (now - timer_started_at)."""


# -- sensitive actions and bans (R8, R10-R12) -------------------------------------


@dataclass(frozen=True)
class SensitiveActionDTO:
    """The record of an agreed sensitive action: never the code itself (R8)."""

    id: int
    client_id: int
    request_id: int | None
    action: str
    explanation: str
    warned_and_explained: bool
    client_agreed: bool
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class BanProposalDTO:
    """An agent's ban proposal and its review (R11)."""

    id: int
    client_id: int
    client_handle: str
    refused_steps: tuple[str, ...]
    comment: str
    status: BanProposalStatus
    proposed_by: str
    proposed_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_reason: str


@dataclass(frozen=True)
class DecidedProposals:
    """An agent's own ban proposals decided since a moment, and when that was read (R11)."""

    as_of: datetime
    proposals: tuple[BanProposalDTO, ...]


@dataclass(frozen=True)
class BanDTO:
    """A ban in force or lifted (R12)."""

    id: int
    client_id: int
    proposal_id: int | None
    reason: str
    banned_by: str
    banned_at: datetime
    lifted_by: str | None
    lifted_at: datetime | None
    lift_reason: str
    cancelled_request_ids: tuple[int, ...] = ()
    forfeited_kopecks: int = 0


@dataclass(frozen=True)
class BannedClient:
    """A client under a ban in force, as the supervisor's lift list shows it (R11)."""

    client_id: int
    handle: str
    ban: BanDTO


# -- typed errors the screens catch ------------------------------------------------


class ContactConflict(Conflict):
    """Contacts typed at intake belong to existing clients; ``client_ids`` names them."""

    def __init__(self, template: str, *, client_ids: tuple[int, ...],
                 banned: bool, **params: Any) -> None:
        super().__init__(template, field="contacts", client_ids=client_ids, banned=banned,
                         **params)
        self.client_ids = client_ids
        self.banned = banned


class DuplicateContact(ContactConflict):
    """A contact typed at intake belongs to an existing client: offer that client."""


class BannedClientMatch(ContactConflict):
    """A contact typed at intake belongs to a banned client (R12)."""


class AdvanceNotPaid(Conflict):
    """Work on an advance-scheme request cannot start: it is not paid (R19, R20).

    ``due_kopecks`` is what is still due of the agreed total (0 when no
    estimate is agreed yet); a supervisor may start anyway with a reason.
    """

    def __init__(self, template: str, *, due_kopecks: int, **params: Any) -> None:
        super().__init__(template, field="request", due_kopecks=due_kopecks, **params)
        self.due_kopecks = due_kopecks


class ClaimConflict(Conflict):
    """Another agent holds the request (scenario 6): params ``holder`` and ``since``."""

    def __init__(self, template: str, *, holder: str, since: datetime, **params: Any) -> None:
        super().__init__(template, holder=holder, since=since, **params)
        self.holder = holder
        self.since = since
