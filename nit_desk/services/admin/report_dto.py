"""The dashboard's figures as plain data (no database import), for services and screens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class AgentFigures:
    """One agent's work in the period."""

    username: str
    requests_created: int
    requests_closed: int
    holding_now: int
    ban_proposals: int
    payments_kopecks: int


@dataclass(frozen=True)
class Report:
    """Dashboard figures for ``[since, until)``."""

    since: datetime
    until: datetime
    queue_by_status: dict[str, int]
    overdue_open: int
    median_registration: timedelta | None
    registered_in_period: int
    ban_proposals: dict[str, int]
    estimates_agreed: int
    agreed_kopecks: int
    paid_kopecks: int
    forfeited_kopecks: int
    per_agent: tuple[AgentFigures, ...] = field(default=())
