"""What the work log of a request hands to the screens (R22); storage-free.

The log is a timeline read top to bottom: the request's creation, notes,
status changes, payments (and voids), estimate versions, sensitive actions,
deadline, description and time corrections, released claims. Each entry's
``details`` are machine values (statuses, kopecks, ISO times) that the Qt
model turns into Russian words and local times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class WorkLogKind(StrEnum):
    """What one entry of the work log records."""

    CREATED = "created"
    NOTE = "note"
    STATUS = "status"
    PAYMENT = "payment"
    PAYMENT_VOIDED = "payment_voided"
    ESTIMATE = "estimate"
    SENSITIVE = "sensitive"
    DEADLINE = "deadline"
    DESCRIPTION = "description"
    TIME_CORRECTED = "time_corrected"
    CLAIM = "claim"


@dataclass(frozen=True)
class WorkLogEntry:
    """One line of the timeline.

    ``text`` is free text (the note, a reason, what is awaited; "" if none);
    ``details`` are machine values, e.g. ``(("from", "new"), ("to", "in_progress"))``,
    ``(("amount_kopecks", "210000"), ("payment_kind", "advance"))``,
    ``(("number", "1"), ("status", "agreed"), ("total_kopecks", "210000"))`` or
    ``(("before", iso), ("after", iso))`` for a deadline.
    """

    at: datetime
    who: str
    kind: WorkLogKind
    text: str
    details: tuple[tuple[str, str], ...] = ()

    def detail(self, key: str, default: str = "") -> str:
        """The value of one detail, or ``default``."""
        return next((value for name, value in self.details if name == key), default)


@dataclass(frozen=True)
class WorkLog:
    """A request's timeline (oldest first) and the time spent on it (R22).

    ``worked_seconds`` is as of ``as_of``, the running stretch included (up to
    the lease's end when the holder's claim lapsed); ``estimate_hours`` is the
    sum of the hour lines of the latest agreed estimate, None without one.
    """

    request_id: int
    entries: tuple[WorkLogEntry, ...]
    worked_seconds: int
    timer_running: bool
    as_of: datetime
    estimate_hours: Decimal | None
