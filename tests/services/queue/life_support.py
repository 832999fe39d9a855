"""Helpers for the request-life tests: a settable clock and requests in a given state."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from nit_desk.domain.types import PaymentScheme, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.queue import claims
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry, Request
from nit_desk.services.storage.types import utcnow


class Clock:
    """A clock the test moves by hand; every unit of work reads it (storage.types.utcnow)."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Let time pass (no heartbeat: a claim may lapse)."""
        self.now += timedelta(**delta)

    def work(self, db: Database, actor: Actor, minutes: int) -> None:
        """Let ``minutes`` pass while ``actor``'s desk keeps sending its heartbeat."""
        left = minutes
        while left > 0:
            step = min(left, 4)
            self.advance(minutes=step)
            claims.renew_claims(db, actor)
            left -= step


def force_state(db: Database, request_id: int, status: RequestStatus, *,
                scheme: PaymentScheme | None = None, holder: int | None = None) -> None:
    """Put a request in ``status`` directly (open ones held by ``holder``, closed ones not)."""
    now = utcnow()
    with db.write_session() as s, s.begin():
        request = s.get(Request, request_id)
        assert request is not None
        request.status = status.value
        if scheme is not None:
            request.payment_scheme = scheme.value
            request.advance_reasons = ""
        if status.is_open:
            request.claimed_by_id, request.claimed_at = holder, now if holder else None
            request.lease_expires_at = now + claims.CLAIM_LEASE if holder else None
            request.closed_at = None
        else:
            request.claimed_by_id = request.claimed_at = request.lease_expires_at = None
            request.closed_at = now


def last_audit(db: Database, request_id: int) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The latest audit entry about a request: action, before, after."""
    with db.read_session() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.entity == "request",
                                     AuditEntry.entity_id == request_id)
            .order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
        return (entry.action, json.loads(entry.before or "null") or {},
                json.loads(entry.after or "null") or {})
