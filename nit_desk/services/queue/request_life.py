"""The life of a request (R19) and its work timer (R22).

new -> in progress -> (waiting for the client <-> in progress) -> done; any
open request can be cancelled with a reason; a supervisor reopens a closed
request with a reason. Only the holder of the request (or a supervisor) moves
it: an agent acting on a request nobody holds (or whose claim lapsed) takes
it in the same unit of work, as ``claims.claim`` does; one held by another
agent is refused with "held by anna since 10:42". Work on an advance-scheme
request starts only once it is paid (R20); a supervisor may override that,
giving a reason, and the audit entry records it.

Each transition is one audited change ``request.status_changed`` whose
before/after hold the status and ``reason`` (what is awaited, or why it was
cancelled or reopened; also kept in ``requests.status_reason``). Starting and
going back to work start the timer; waiting, done and cancel stop it.
"""

from __future__ import annotations

from enum import StrEnum

from nit_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.money import format_money
from nit_desk.domain.types import OPEN_STATUSES, PaymentScheme, RequestStatus, Role
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import is_supervisor
from nit_desk.services.dto import AdvanceNotPaid, RequestDTO
from nit_desk.services.money.money_common import load_request
from nit_desk.services.money.payment_status import agreed_total, covers, paid_total
from nit_desk.services.queue.claims import claim_update, clear_claim
from nit_desk.services.queue.holder import closed_conflict, held_by_other, held_conflict
from nit_desk.services.queue.work_requests import request_dto
from nit_desk.services.queue.work_timer import (
    start_timer,
    stop_timer,
    timer_running,
    worked_seconds_at,
)
from nit_desk.services.reasons import clean_reason
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, Request
from nit_desk.services.uow import UnitOfWork

MAX_WORKED_MINUTES = 1000 * 60
"""The most time a correction may set on one request: 1000 hours."""

S = RequestStatus


class Move(StrEnum):
    """The moves of R19, named as the agreed service functions."""

    START = "start_work"
    WAIT = "wait_for_client"
    BACK = "back_to_work"
    DONE = "mark_done"
    CANCEL = "cancel"
    REOPEN = "reopen"


ALLOWED: dict[Move, frozenset[RequestStatus]] = {
    Move.START: frozenset({S.NEW, S.IN_PROGRESS}),  # in progress: only with the timer stopped
    Move.WAIT: frozenset({S.IN_PROGRESS}),
    Move.BACK: frozenset({S.WAITING_CLIENT}),
    Move.DONE: frozenset({S.IN_PROGRESS}),
    Move.CANCEL: OPEN_STATUSES,
    Move.REOPEN: frozenset({S.DONE, S.CANCELLED, S.CANCELLED_BY_BAN}),
}
"""From which statuses each move is allowed (R19)."""

TARGET = {Move.START: S.IN_PROGRESS, Move.WAIT: S.WAITING_CLIENT, Move.BACK: S.IN_PROGRESS,
          Move.DONE: S.DONE, Move.CANCEL: S.CANCELLED, Move.REOPEN: S.IN_PROGRESS}

_CLOSED_REFUSALS = {
    S.DONE: QT_TRANSLATE_NOOP(
        "messages", "The request is done: only a supervisor can reopen it, with a reason."),
    S.CANCELLED: QT_TRANSLATE_NOOP(
        "messages", "The request is cancelled: only a supervisor can reopen it, with a reason."),
    S.CANCELLED_BY_BAN: QT_TRANSLATE_NOOP(
        "messages", "The request was cancelled by a ban: only a supervisor can reopen it, "
        "once the ban is lifted."),
}
_REFUSALS: dict[tuple[Move, RequestStatus], str] = {
    (Move.START, S.IN_PROGRESS): QT_TRANSLATE_NOOP(
        "messages", "Work on this request is in progress already."),
    (Move.START, S.WAITING_CLIENT): QT_TRANSLATE_NOOP(
        "messages", "A request waiting for the client cannot be started: choose \"back to "
        "work\" when the client writes back."),
    (Move.WAIT, S.NEW): QT_TRANSLATE_NOOP(
        "messages", "Work on this request has not started: start work before waiting for "
        "the client."),
    (Move.WAIT, S.WAITING_CLIENT): QT_TRANSLATE_NOOP(
        "messages", "The request is waiting for the client already."),
    (Move.BACK, S.NEW): QT_TRANSLATE_NOOP(
        "messages", "Work on this request has not started: choose \"start work\"."),
    (Move.BACK, S.IN_PROGRESS): QT_TRANSLATE_NOOP(
        "messages", "The request is not waiting for the client: work on it is in progress."),
    (Move.DONE, S.NEW): QT_TRANSLATE_NOOP(
        "messages", "A new request cannot be marked done: start work on it first."),
    (Move.DONE, S.WAITING_CLIENT): QT_TRANSLATE_NOOP(
        "messages", "A request waiting for the client cannot be marked done: go back to "
        "work first."),
}
_NOT_CLOSED = QT_TRANSLATE_NOOP("messages", "The request is open: only a closed request can "
                                "be reopened.")
_BANNED = QT_TRANSLATE_NOOP("messages", "The client is banned: a request cancelled by the ban "
                            "cannot be reopened while the ban lasts.")
_ADVANCE_DUE = QT_TRANSLATE_NOOP(
    "messages", "The advance of {amount} is not paid yet: work on this request cannot start.")
_NO_ESTIMATE = QT_TRANSLATE_NOOP(
    "messages", "No estimate is agreed yet: agree it and take the advance before work on "
    "this request starts.")


# --- the moves ----------------------------------------------------------------

def start_work(db: Database, actor: Actor, request_id: int, *,
               override_reason: str = "") -> RequestDTO:
    """Start work on a request (new, or in progress with the timer stopped); the timer runs.

    Raises:
        AdvanceNotPaid: an advance-scheme request that is not paid (R20), unless a
            supervisor gives ``override_reason``.
        PermissionDenied: an agent gave ``override_reason``.
        ClaimConflict: another agent holds it.
        Conflict: not allowed from the current status (said in words).
    """
    override = clean_reason(override_reason, field="override_reason", required=False)
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        if override and not supervisor:
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "messages", "Only a supervisor may start work before the advance is paid."),
                field="override_reason")
        request, _client = _load(uow, request_id, Move.START, supervisor)
        extra = _check_advance(uow, request, override if supervisor else "")
        return _finish(uow, request, Move.START, "", extra)


def wait_for_client(db: Database, actor: Actor, request_id: int, awaited: str) -> RequestDTO:
    """The request waits for the client (``awaited``: what, one line); the timer pauses.

    Raises:
        ValidationError: ``awaited`` empty, several lines or holding a secret.
        ClaimConflict / Conflict: held by another agent, or not in progress.
    """
    text = clean_reason(awaited, field="awaited")
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request, _client = _load(uow, request_id, Move.WAIT, supervisor)
        return _finish(uow, request, Move.WAIT, text)


def back_to_work(db: Database, actor: Actor, request_id: int) -> RequestDTO:
    """The client wrote back: the request is in progress again and the timer runs.

    Raises:
        ClaimConflict / Conflict: held by another agent, or not waiting for the client.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request, _client = _load(uow, request_id, Move.BACK, supervisor)
        return _finish(uow, request, Move.BACK, "")


def mark_done(db: Database, actor: Actor, request_id: int) -> RequestDTO:
    """The work is done: the request closes, its claim is cleared, the timer stops.

    Raises:
        ClaimConflict / Conflict: held by another agent, or not in progress.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request, _client = _load(uow, request_id, Move.DONE, supervisor)
        return _finish(uow, request, Move.DONE, "")


def cancel(db: Database, actor: Actor, request_id: int, reason: str) -> RequestDTO:
    """Cancel an open request with a reason (one line): it closes, the timer stops.

    Raises:
        ValidationError: no reason, several lines or a secret.
        ClaimConflict / Conflict: held by another agent, or closed already.
    """
    why = clean_reason(reason)
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request, _client = _load(uow, request_id, Move.CANCEL, supervisor)
        return _finish(uow, request, Move.CANCEL, why)


def reopen(db: Database, actor: Actor, request_id: int, reason: str) -> RequestDTO:
    """Reopen a closed request, with a reason (supervisors only): in progress, held by no one.

    Raises:
        PermissionDenied: an agent.
        ValidationError: no reason, several lines or a secret.
        Conflict: the request is open, or cancelled by a ban still in force.
    """
    why = clean_reason(reason)
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        request, client = _load(uow, request_id, Move.REOPEN, True)
        if request.status == S.CANCELLED_BY_BAN.value and client.banned:
            raise Conflict(_BANNED, field="status", status=request.status)
        return _finish(uow, request, Move.REOPEN, why)


# --- the time worked ----------------------------------------------------------

def correct_worked_time(db: Database, actor: Actor, request_id: int, minutes: int,
                        reason: str) -> RequestDTO:
    """Set the total time worked on a request to ``minutes``, with a reason (R22).

    The holder (or a supervisor, on any request) may correct it; an agent
    takes an open request nobody holds, as the moves do. A running timer keeps
    running from the corrected total.

    Raises:
        ValidationError: minutes not a whole number from 0 to 1000 hours, or no reason.
        ClaimConflict / Conflict: an agent who does not hold the open request.
    """
    total = _check_minutes(minutes)
    why = clean_reason(reason)
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request, _client = load_request(uow, request_id, lock=True)
        if not supervisor and RequestStatus(request.status) not in OPEN_STATUSES:
            raise closed_conflict(request)
        _hold(uow, request, supervisor, take=not supervisor)
        before = worked_seconds_at(request, uow.now) // 60
        running = timer_running(request, uow.now)
        request.worked_seconds = total * 60
        request.timer_started_at = uow.now if running else None
        uow.audit("request.time_corrected", "request", request.id, client_id=request.client_id,
                  before={"minutes": before}, after={"minutes": total, "reason": why})
        dto = request_dto(uow.session, request, uow.now)
        uow.commit()
        return dto


def _check_minutes(minutes: int) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not (
            0 <= minutes <= MAX_WORKED_MINUTES):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Give the time worked in whole minutes, from 0 to {maximum}."),
            field="minutes", maximum=MAX_WORKED_MINUTES)
    return minutes


# --- the steps every move shares -----------------------------------------------

def _load(uow: UnitOfWork, request_id: int, move: Move,
          supervisor: bool) -> tuple[Request, Client]:
    """Lock the request, check the move is allowed from its status, and hold it.

    Raises:
        NotFound, Conflict, ClaimConflict.
    """
    request, client = load_request(uow, request_id, lock=True)
    _check_move(uow, request, move)
    if move is not Move.REOPEN:
        _hold(uow, request, supervisor,
              take=not supervisor or move in (Move.START, Move.BACK))
    return request, client


def _check_move(uow: UnitOfWork, request: Request, move: Move) -> None:
    """Refuse a move the current status does not allow, saying why in words (R19)."""
    status = RequestStatus(request.status)
    if move is Move.START and status is S.IN_PROGRESS and timer_running(request, uow.now):
        raise Conflict(_REFUSALS[(move, status)], field="status", status=status.value)
    if status in ALLOWED[move]:
        return
    if move is Move.REOPEN:
        raise Conflict(_NOT_CLOSED, field="status", status=status.value)
    template = _REFUSALS.get((move, status)) or _CLOSED_REFUSALS[status]
    raise Conflict(template, field="status", status=status.value)


def _hold(uow: UnitOfWork, request: Request, supervisor: bool, *, take: bool) -> None:
    """Only the holder or a supervisor moves a request (R19, issue #12 item 3).

    With ``take``, a request nobody holds (or whose claim lapsed) is taken for
    the actor in the same unit of work; an agent always takes it, a
    supervisor only to work on it (start, back to work).

    Raises:
        ClaimConflict: another agent holds it under a live claim.
    """
    if uow.actor_id is None:
        return
    if held_by_other(uow, request):
        if supervisor:
            return
        raise held_conflict(uow, request)
    if not take:
        return
    taken = claim_update(uow, request.id)
    uow.session.refresh(request)
    if not taken:
        raise held_conflict(uow, request)


def _check_advance(uow: UnitOfWork, request: Request, override: str) -> dict[str, object]:
    """R19/R20: an advance-scheme request starts only once paid, or on a supervisor's word.

    Returns what the audit entry records about an override ({} when none was needed).

    Raises:
        AdvanceNotPaid: not paid and no override.
    """
    if request.payment_scheme != PaymentScheme.ADVANCE.value:
        return {}
    agreed, paid = agreed_total(uow.session, request.id), paid_total(uow.session, request.id)
    if covers(agreed, paid):
        return {}
    due = max((agreed or 0) - paid, 0)
    if not override:
        if agreed is None:
            raise AdvanceNotPaid(_NO_ESTIMATE, due_kopecks=0)
        raise AdvanceNotPaid(_ADVANCE_DUE, due_kopecks=due, amount=format_money(due))
    return {"override_reason": override, "due_kopecks": due}


def _finish(uow: UnitOfWork, request: Request, move: Move, reason: str,
            extra: dict[str, object] | None = None) -> RequestDTO:
    """Apply the move, its timer and closing, audit it, commit; return the request."""
    before = {"status": request.status, "reason": request.status_reason}
    target = TARGET[move]
    request.status, request.status_reason = target.value, reason
    if move in (Move.START, Move.BACK):
        start_timer(request, uow.now)
    else:
        stop_timer(request, uow.now)
    if target in (S.DONE, S.CANCELLED):
        request.closed_at, request.closed_by_id = uow.now, uow.actor_id
        clear_claim(request)
    elif move is Move.REOPEN:
        request.closed_at = request.closed_by_id = None
        clear_claim(request)
    uow.audit("request.status_changed", "request", request.id, client_id=request.client_id,
              before=before, after={"status": target.value, "reason": reason, **(extra or {})})
    dto = request_dto(uow.session, request, uow.now)
    uow.commit()
    return dto
