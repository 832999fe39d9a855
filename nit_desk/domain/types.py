"""Enumerations shared by every layer, named after the glossary of DOMAIN.md."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who a user is (R18): agents work the queue, supervisors also run the desk."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"


class Network(StrEnum):
    """Messenger networks through which clients are reached (R1)."""

    VK = "vk"
    ODNOKLASSNIKI = "ok"
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    SKYPE = "skype"
    """Closed in May 2025: a Skype account stays on record but is no channel (R1)."""
    MAX = "max"
    """The state messenger MAX: reached by phone number or a ``max.ru`` profile link."""

    @property
    def is_channel(self) -> bool:
        """Whether a new request can still come in through this network (R1)."""
        return self is not Network.SKYPE


class ContactKind(StrEnum):
    """The only kinds of personal data kept about a client (R2)."""

    PHONE = "phone"
    EMAIL = "email"
    MESSENGER = "messenger"


class PaymentScheme(StrEnum):
    """The two payment schemes (R13)."""

    ADVANCE = "advance"
    ON_COMPLETION = "on_completion"


class AdvanceReason(StrEnum):
    """Why the advance scheme applies (R14 a-d)."""

    FIRST_TIME = "a"
    SPECIFICATION = "b"
    OFFLINE_WORK = "c"
    ONSITE_VISIT = "d"


class StepState(StrEnum):
    """State of one registration checklist step (R3)."""

    PENDING = "pending"
    DONE = "done"
    REFUSED = "refused"
    NOT_APPLICABLE = "not_applicable"


class RequestStatus(StrEnum):
    """Life of a request in the queue (R7, R12)."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_CLIENT = "waiting_client"
    DONE = "done"
    CANCELLED = "cancelled"
    CANCELLED_BY_BAN = "cancelled_by_ban"

    @property
    def is_open(self) -> bool:
        """Whether the request still needs work."""
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset(
    {RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.WAITING_CLIENT}
)


class EstimateStatus(StrEnum):
    """Version states of an estimate (R15): agreed versions are frozen."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    AGREED = "agreed"
    REJECTED = "rejected"


class PaymentKind(StrEnum):
    """What a recorded payment is (R13, R12)."""

    ADVANCE = "advance"
    FINAL = "final"
    FORFEITED = "forfeited"


class BanProposalStatus(StrEnum):
    """Review state of a ban proposal (R11)."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Unit(StrEnum):
    """Units of an estimate line or price-list item (R15)."""

    HOUR = "hour"
    PIECE = "piece"
    VISIT = "visit"
    SERVICE = "service"
