"""The work log of a request: notes, and the timeline read in one go (R22).

``work_log`` is one read unit of a handful of statements, whatever the
length of the log: the request, its notes, its audit entries (status
changes, deadline, description, time corrections, released claims, estimate
proposals), its payments, its estimate versions and its sensitive actions,
each with the names of the people involved joined in. Notes are kept in
``work_notes`` and also in full in their audit entry: the audit chain is what
proves a note was never altered (R17), and the audit viewer shows audit
entries only, so the text is not shown twice anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from nit_desk.domain.text import clean_text
from nit_desk.domain.types import OPEN_STATUSES, EstimateStatus, RequestStatus, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import is_supervisor
from nit_desk.services.clients.work_log_dto import WorkLog, WorkLogEntry, WorkLogKind
from nit_desk.services.queue.holder import closed_conflict, refuse_unless_free_for
from nit_desk.services.queue.work_requests import load_request
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import (
    AuditEntry,
    Estimate,
    EstimateLine,
    Payment,
    Request,
    SensitiveAction,
    User,
    WorkNote,
)
from nit_desk.services.storage.types import utcnow
from nit_desk.services.uow import UnitOfWork, read_as

NOTE_MAX = 4000
SYSTEM = "system"

_Details = tuple[tuple[str, str], ...]


def add_note(db: Database, actor: Actor, request_id: int, text: str) -> WorkLogEntry:
    """Add a note to a request's work log (R22), checked for secrets and identities (R9, R23).

    On an open request the holder (or anyone while it is free) and supervisors
    write notes; on a closed one only a supervisor.

    Raises:
        ValidationError: empty, too long, or holding a secret or a full name (``text``).
        ClaimConflict: another agent holds the request.
        Conflict: an agent on a closed request.
        NotFound: no such request.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        cleaned = clean_text(text if isinstance(text, str) else "", field="text",
                             max_length=NOTE_MAX, required=True)
        request = load_request(uow.session, request_id, lock=True)
        if RequestStatus(request.status) not in OPEN_STATUSES and not supervisor:
            raise closed_conflict(request)
        refuse_unless_free_for(uow, request, supervisor=supervisor)
        note = WorkNote(request_id=request.id, text=cleaned, author_id=uow.actor_id,
                        created_at=uow.now)
        uow.session.add(note)
        uow.session.flush()
        uow.audit("request.note_added", "request", request.id, client_id=request.client_id,
                  after={"note_id": note.id, "text": cleaned})
        uow.commit()
        return WorkLogEntry(uow.now, actor.username, WorkLogKind.NOTE, cleaned)


def work_log(db: Database, actor: Actor, request_id: int) -> WorkLog:
    """The request's timeline, oldest first, and the time spent against the estimate (R22).

    Raises:
        NotFound: no such request.
        PermissionDenied: an inactive user.
    """
    with read_as(db, actor) as (session, _supervisor):
        return read_work_log(session, request_id)


def read_work_log(session: Session, request_id: int) -> WorkLog:
    """:func:`work_log` inside a caller's read (the card's one read, ``card_view``).

    Raises:
        NotFound: no such request.
    """
    now = utcnow()
    request, creator = _request(session, request_id)
    estimates = _estimates(session, request_id)
    deciders: dict[tuple[int, str], str] = {}
    entries = [_created(request, creator)]
    entries += _notes(session, request_id)
    entries += _audited(session, request_id, {e.id: e.number for e, _n, _h in estimates},
                        deciders)
    entries += _payments(session, request_id)
    entries += _estimate_entries(estimates, deciders)
    entries += _sensitive(session, request_id)
    entries.sort(key=lambda entry: entry.at)  # stable: same moment keeps source order
    seconds, running = _worked(request, now)
    return WorkLog(request_id=request.id, entries=tuple(entries), worked_seconds=seconds,
                   timer_running=running, as_of=now,
                   estimate_hours=_agreed_hours(estimates))


# --- the reads (one statement each) ---------------------------------------------

def _request(session: Session, request_id: int) -> tuple[Request, str]:
    row = session.execute(
        select(Request, User.username).outerjoin(User, User.id == Request.created_by_id)
        .where(Request.id == request_id)).first()
    if row is None:
        load_request(session, request_id)  # raises NotFound
    assert row is not None
    return row[0], row[1] or SYSTEM


def _notes(session: Session, request_id: int) -> Iterator[WorkLogEntry]:
    rows = session.execute(
        select(WorkNote.created_at, User.username, WorkNote.text)
        .outerjoin(User, User.id == WorkNote.author_id)
        .where(WorkNote.request_id == request_id).order_by(WorkNote.id))
    for at, who, text in rows:
        yield WorkLogEntry(at, who or SYSTEM, WorkLogKind.NOTE, text)


_DECISIONS = ("estimate.proposed", "estimate.agreed", "estimate.rejected")


def _audited(session: Session, request_id: int, estimate_numbers: dict[int, int],
             deciders: dict[tuple[int, str], str]) -> Iterator[WorkLogEntry]:
    """Entries from the audit: the request's own, and estimate proposals (no proposed_at).

    Who agreed or rejected each estimate version goes into ``deciders``.
    """
    about_request = and_(AuditEntry.entity == "request", AuditEntry.entity_id == request_id)
    condition = about_request
    if estimate_numbers:
        condition = or_(about_request, and_(
            AuditEntry.entity == "estimate", AuditEntry.action.in_(_DECISIONS),
            AuditEntry.entity_id.in_(sorted(estimate_numbers))))
    rows = session.execute(
        select(AuditEntry.at, AuditEntry.actor_name, AuditEntry.action, AuditEntry.entity_id,
               AuditEntry.before, AuditEntry.after)
        .where(condition).order_by(AuditEntry.seq))
    for at, who, action, entity_id, before, after in rows:
        if action in _DECISIONS:
            deciders[(entity_id or 0, action.removeprefix("estimate."))] = who
        entry = _from_audit(action, _json(before), _json(after),
                            estimate_numbers.get(entity_id or 0, 0))
        if entry is not None:
            kind, text, details = entry
            yield WorkLogEntry(at, who, kind, text, details)


def _payments(session: Session, request_id: int) -> Iterator[WorkLogEntry]:
    voider = aliased(User)
    rows = session.execute(
        select(Payment, User.username, voider.username)
        .outerjoin(User, User.id == Payment.recorded_by_id)
        .outerjoin(voider, voider.id == Payment.voided_by_id)
        .where(Payment.request_id == request_id).order_by(Payment.id))
    for payment, recorder, voided_by in rows:
        details: _Details = (("amount_kopecks", str(payment.amount_kopecks)),
                             ("payment_kind", payment.kind), ("payment_id", str(payment.id)))
        yield WorkLogEntry(payment.recorded_at, recorder or SYSTEM, WorkLogKind.PAYMENT, "",
                           details)
        if payment.voided_at is not None:
            yield WorkLogEntry(payment.voided_at, voided_by or SYSTEM,
                               WorkLogKind.PAYMENT_VOIDED, payment.void_reason, details)


_EstimateRow = tuple[Estimate, str | None, Decimal | None]


def _estimates(session: Session, request_id: int) -> list[_EstimateRow]:
    """Every version with its author's name and the hours in its lines."""
    hours = (select(func.coalesce(func.sum(EstimateLine.quantity), 0))
             .where(EstimateLine.estimate_id == Estimate.id,
                    EstimateLine.unit == Unit.HOUR.value)
             .correlate(Estimate).scalar_subquery())
    rows = session.execute(
        select(Estimate, User.username, hours).outerjoin(User, User.id == Estimate.created_by_id)
        .where(Estimate.request_id == request_id).order_by(Estimate.number))
    return [(estimate, name, None if h is None else Decimal(h)) for estimate, name, h in rows]


def _sensitive(session: Session, request_id: int) -> Iterator[WorkLogEntry]:
    rows = session.execute(
        select(SensitiveAction, User.username)
        .outerjoin(User, User.id == SensitiveAction.recorded_by_id)
        .where(SensitiveAction.request_id == request_id).order_by(SensitiveAction.id))
    for action, who in rows:
        yield WorkLogEntry(action.recorded_at, who or SYSTEM, WorkLogKind.SENSITIVE,
                           action.action,
                           (("client_agreed", _flag(action.client_agreed)),
                            ("warned", _flag(action.warned_and_explained))))


# --- turning rows into entries --------------------------------------------------

def _created(request: Request, creator: str) -> WorkLogEntry:
    return WorkLogEntry(request.created_at, creator, WorkLogKind.CREATED, "",
                        (("channel", request.channel),
                         ("payment_scheme", request.payment_scheme),
                         ("advance_reasons", request.advance_reasons)))


def _from_audit(action: str, before: dict[str, Any], after: dict[str, Any],
                estimate_number: int) -> tuple[WorkLogKind, str, _Details] | None:
    """The kind, text and details of one audit entry, or None if the log leaves it out."""
    if action in ("request.status_changed", "request.cancelled_by_ban"):
        text = str(after.get("awaited") or after.get("reason") or after.get("override_reason")
                   or "")
        return WorkLogKind.STATUS, text, _pairs(("from", before.get("status")),
                                                ("to", after.get("status")),
                                                ("override", after.get("override")))
    if action in _BEFORE_AFTER:
        kind, key = _BEFORE_AFTER[action]
        return kind, str(after.get("reason") or ""), _pairs(("before", before.get(key)),
                                                            ("after", after.get(key)))
    if action == "request.released":
        return WorkLogKind.CLAIM, "", _pairs(("released", before.get("claimed_by")))
    if action == "estimate.proposed":
        return WorkLogKind.ESTIMATE, "", _pairs(
            ("number", estimate_number), ("status", EstimateStatus.PROPOSED.value),
            ("total_kopecks", after.get("total_kopecks")))
    return None


_BEFORE_AFTER = {
    "request.deadline_changed": (WorkLogKind.DEADLINE, "deadline"),
    "request.description_changed": (WorkLogKind.DESCRIPTION, "description"),
    "request.time_corrected": (WorkLogKind.TIME_CORRECTED, "minutes"),
}
"""Audit actions shown as a before and an after, and the key that holds them."""


def _estimate_entries(estimates: Iterable[_EstimateRow],
                      deciders: dict[tuple[int, str], str]) -> Iterator[WorkLogEntry]:
    """Each version's creation, and its decision (agreed or rejected) when it was taken."""
    for estimate, author, _hours in estimates:
        number, total = str(estimate.number), str(estimate.total_kopecks)
        yield WorkLogEntry(estimate.created_at, author or SYSTEM, WorkLogKind.ESTIMATE, "",
                           (("number", number), ("status", EstimateStatus.DRAFT.value),
                            ("total_kopecks", total)))
        if estimate.decided_at is not None:
            who = deciders.get((estimate.id, estimate.status), SYSTEM)
            yield WorkLogEntry(estimate.decided_at, who, WorkLogKind.ESTIMATE, "",
                               (("number", number), ("status", estimate.status),
                                ("total_kopecks", total)))


def _agreed_hours(estimates: list[_EstimateRow]) -> Decimal | None:
    agreed = [(e.number, hours) for e, _a, hours in estimates
              if e.status == EstimateStatus.AGREED.value]
    if not agreed:
        return None
    return Decimal(max(agreed)[1] or 0)


def _worked(request: Request, now: datetime) -> tuple[int, bool]:
    """Seconds worked as of ``now`` and whether the timer runs (a lapsed claim stops it)."""
    started = request.timer_started_at
    if started is None:
        return request.worked_seconds, False
    end, running = now, True
    if request.lease_expires_at is not None and request.lease_expires_at < now:
        end, running = request.lease_expires_at, False
    return request.worked_seconds + max(0, int((end - started).total_seconds())), running


def _pairs(*items: tuple[str, object]) -> _Details:
    """Details as text, leaving out the missing ones."""
    return tuple((key, _text(value)) for key, value in items if value not in (None, ""))


def _text(value: object) -> str:
    if isinstance(value, bool):
        return _flag(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _json(text: str) -> dict[str, Any]:
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
