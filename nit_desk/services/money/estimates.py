"""Estimate versions of a request: draft -> proposed -> agreed | rejected (R15).

Only a draft can change. A version the client agreed to (or that was proposed
or rejected) is frozen: a change makes a new version with
``create_draft(based_on=...)``. Totals are computed here, line by line with
``money.line_total``, in integer kopecks (R16). At most one version of a
request is open (draft or proposed) at a time, so version numbers follow the
order of decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.estimate_diff import diff_estimates
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.registration import StepStatus, registration_progress
from nit_desk.domain.text import clean_text
from nit_desk.domain.types import EstimateStatus, RequestStatus, StepState, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import is_supervisor
from nit_desk.services.money.estimate_lines import check_lines, check_stage
from nit_desk.services.money.money_common import load_request
from nit_desk.services.money.money_dto import (
    EstimateDTO,
    EstimateLineDiff,
    EstimateLineDTO,
    EstimateStage,
    EstimateView,
    LineInput,
)
from nit_desk.services.money.pricelist import price_items
from nit_desk.services.queue import work_requests
from nit_desk.services.queue.holder import refuse_unless_free_for
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import (
    AuditEntry,
    ChecklistItem,
    Client,
    Estimate,
    EstimateLine,
    Request,
    User,
)
from nit_desk.services.uow import UnitOfWork, read_as

NOTE_MAX_LENGTH = 4000
ESTIMATE_STEP_CODE = "estimate_agreed"
_OPEN = (EstimateStatus.DRAFT.value, EstimateStatus.PROPOSED.value)


# --- loading ----------------------------------------------------------------

def _estimate(uow: UnitOfWork, estimate_id: int) -> Estimate:
    estimate = uow.session.get(Estimate, estimate_id)
    if estimate is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such estimate version."),
                       field="estimate")
    return estimate


def _open_request(uow: UnitOfWork, request_id: int, *,
                  supervisor: bool) -> tuple[Request, Client]:
    """Lock the request and its client; no estimate work once banned or cancelled (R12).

    Only the holder works on a held request (supervisors pass): ClaimConflict.
    """
    request, client = load_request(uow, request_id, lock=True)
    if client.banned or request.status == RequestStatus.CANCELLED_BY_BAN.value:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "The client is banned: no estimate can be made or changed."))
    if request.status == RequestStatus.CANCELLED.value:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "The request is cancelled: no estimate can be made or changed."))
    refuse_unless_free_for(uow, request, supervisor=supervisor)
    return request, client


def _refuse_frozen(estimate: Estimate) -> None:
    raise Conflict(
        QT_TRANSLATE_NOOP("messages", "Version {number} of this estimate is {status} and "
                          "can no longer change; make a new version to change it."),
        number=estimate.number, status=estimate.status)


def _names(session: Session, user_ids: set[int | None]) -> dict[int | None, str]:
    ids = {i for i in user_ids if i is not None}
    names: dict[int | None, str] = {None: "system"}
    if ids:
        names.update(session.execute(
            select(User.id, User.username).where(User.id.in_(ids))).all())
    return names


def _line_dto(line: EstimateLine) -> EstimateLineDTO:
    return EstimateLineDTO(line.position, line.price_item_id, line.description,
                           Decimal(line.quantity), Unit(line.unit), line.unit_price_kopecks,
                           line.total_kopecks)


def _dto(estimate: Estimate, names: dict[int | None, str]) -> EstimateDTO:
    return EstimateDTO(
        id=estimate.id, request_id=estimate.request_id, number=estimate.number,
        status=EstimateStatus(estimate.status), stage=EstimateStage(estimate.stage),
        note=estimate.note, lines=tuple(_line_dto(line) for line in estimate.lines),
        total_kopecks=estimate.total_kopecks, created_at=estimate.created_at,
        created_by_name=names.get(estimate.created_by_id, "?"),
        decided_at=estimate.decided_at, version=estimate.version)


def _one_dto(uow: UnitOfWork, estimate: Estimate) -> EstimateDTO:
    return _dto(estimate, _names(uow.session, {estimate.created_by_id}))


def _snapshot(estimate: Estimate) -> dict[str, Any]:
    return {"number": estimate.number, "status": estimate.status, "note": estimate.note,
            "total_kopecks": estimate.total_kopecks,
            "lines": [[line.description, str(line.quantity), line.unit,
                       line.unit_price_kopecks, line.total_kopecks] for line in estimate.lines]}


# --- versions ---------------------------------------------------------------

def create_draft(db: Database, actor: Actor, request_id: int, *,
                 stage: EstimateStage | str | None = None,
                 based_on: int | None = None) -> EstimateDTO:
    """Start a new estimate version of a request, empty or a copy of ``based_on`` (R15).

    The stage defaults to "first_contact" for a request's first version and to
    "after_registration" once the client is registered.

    Raises:
        NotFound: no such request or ``based_on`` version.
        ValidationError: ``based_on`` belongs to another request, or a bad stage.
        Conflict: another version is still open, the client is banned or the
            request cancelled.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        _, client = _open_request(uow, request_id, supervisor=supervisor)
        chosen = check_stage(stage) if stage is not None else None
        source = _estimate(uow, based_on) if based_on is not None else None
        if source is not None and source.request_id != request_id:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "The version to copy belongs to another request."), field="based_on")
        _refuse_second_open_version(uow, request_id)
        last = uow.session.execute(select(func.max(Estimate.number))
                                   .where(Estimate.request_id == request_id)).scalar_one()
        if chosen is None:
            chosen = (EstimateStage.AFTER_REGISTRATION
                      if last is not None and client.registered_at is not None
                      else EstimateStage.FIRST_CONTACT)
        estimate = Estimate(request_id=request_id, number=(last or 0) + 1,
                            status=EstimateStatus.DRAFT.value, stage=chosen.value,
                            note=source.note if source else "", total_kopecks=0,
                            created_at=uow.now, created_by_id=uow.actor_id)
        if source is not None:
            estimate.lines = [_copy(line) for line in source.lines]
            estimate.total_kopecks = source.total_kopecks
        uow.session.add(estimate)
        uow.session.flush()
        uow.audit("estimate.created", "estimate", estimate.id, client_id=client.id,
                  after={**_snapshot(estimate), "based_on": based_on, "stage": chosen.value})
        uow.commit()
        return _one_dto(uow, estimate)


def _copy(line: EstimateLine) -> EstimateLine:
    return EstimateLine(position=line.position, price_item_id=line.price_item_id,
                        description=line.description, quantity=line.quantity, unit=line.unit,
                        unit_price_kopecks=line.unit_price_kopecks,
                        total_kopecks=line.total_kopecks)


def _refuse_second_open_version(uow: UnitOfWork, request_id: int) -> None:
    open_number = uow.session.execute(
        select(Estimate.number).where(Estimate.request_id == request_id,
                                      Estimate.status.in_(_OPEN))
    ).scalars().first()
    if open_number is not None:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "Version {number} of this estimate is still open: have it agreed or "
            "rejected before making a new one."), number=open_number)


def save_draft(db: Database, actor: Actor, estimate_id: int, expected_version: int, *,
               lines: Sequence[LineInput], note: str) -> EstimateDTO:
    """Replace the lines and note of a draft; totals are computed here (R15, R16, R9).

    Raises:
        NotFound: no such version.
        ValidationError: a bad line or note (the field and ``line`` say where).
        Conflict: the version is frozen, changed since ``expected_version`` was
            read (naming who changed it and when), or the client is banned.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        estimate = _estimate(uow, estimate_id)
        _, client = _open_request(uow, estimate.request_id, supervisor=supervisor)
        if estimate.status != EstimateStatus.DRAFT.value:
            _refuse_frozen(estimate)
        if estimate.version != expected_version:
            _refuse_stale(uow, estimate)
        cleaned_note = clean_text(note, field="note", max_length=NOTE_MAX_LENGTH)
        rows = check_lines(uow.session, lines)
        before = _snapshot(estimate)
        estimate.lines = rows
        estimate.note = cleaned_note
        estimate.total_kopecks = sum(row.total_kopecks for row in rows)
        flag_modified(estimate, "note")  # every save is a new version, even if unchanged
        uow.session.flush()
        uow.audit("estimate.saved", "estimate", estimate.id, client_id=client.id,
                  before=before, after=_snapshot(estimate))
        uow.commit()
        return _one_dto(uow, estimate)


def _refuse_stale(uow: UnitOfWork, estimate: Estimate) -> None:
    last = uow.session.execute(
        select(AuditEntry.actor_name, AuditEntry.at)
        .where(AuditEntry.entity == "estimate", AuditEntry.entity_id == estimate.id)
        .order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    user, at = (last[0], last[1]) if last else ("?", estimate.created_at)
    raise Conflict(
        QT_TRANSLATE_NOOP("messages", "This estimate was changed by {user} at "
                          "{time:%d.%m.%Y %H:%M}; reload it and apply your change again."),
        user=user, time=at.astimezone())


def propose(db: Database, actor: Actor, estimate_id: int) -> EstimateDTO:
    """Offer a draft to the client: it is frozen from now on (R15).

    Raises:
        ValidationError: the draft has no lines.
        Conflict: not a draft, or the client is banned / the request cancelled.
    """
    return _decide(db, actor, estimate_id, EstimateStatus.PROPOSED)


def agree(db: Database, actor: Actor, estimate_id: int) -> EstimateDTO:
    """Record that the client agreed to a proposed version; it stays frozen (R15).

    Also ticks the client's "estimate agreed" registration step and marks the
    client registered when that completes the checklist (R3, R4).
    """
    return _decide(db, actor, estimate_id, EstimateStatus.AGREED)


def reject(db: Database, actor: Actor, estimate_id: int) -> EstimateDTO:
    """Record that the client turned a proposed version down (R15)."""
    return _decide(db, actor, estimate_id, EstimateStatus.REJECTED)


_FROM = {EstimateStatus.PROPOSED: EstimateStatus.DRAFT,
         EstimateStatus.AGREED: EstimateStatus.PROPOSED,
         EstimateStatus.REJECTED: EstimateStatus.PROPOSED}


def _decide(db: Database, actor: Actor, estimate_id: int,
            target: EstimateStatus) -> EstimateDTO:
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        estimate = _estimate(uow, estimate_id)
        _, client = _open_request(uow, estimate.request_id, supervisor=supervisor)
        if estimate.status != _FROM[target].value:
            if estimate.status == EstimateStatus.DRAFT.value:
                raise Conflict(QT_TRANSLATE_NOOP(
                    "messages", "Version {number} is a draft: propose it to the client first."),
                    number=estimate.number)
            _refuse_frozen(estimate)
        if target is EstimateStatus.PROPOSED and not estimate.lines:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "An estimate needs at least one line."), field="lines")
        before = {"status": estimate.status}
        estimate.status = target.value
        if target is not EstimateStatus.PROPOSED:
            estimate.decided_at = uow.now
        uow.audit(f"estimate.{target.value}", "estimate", estimate.id, client_id=client.id,
                  before=before, after={"status": target.value,
                                        "total_kopecks": estimate.total_kopecks})
        if target is EstimateStatus.AGREED:
            _tick_estimate_step(uow, client)
        uow.commit()
        return _one_dto(uow, estimate)


def _tick_estimate_step(uow: UnitOfWork, client: Client) -> None:
    """Mark the "estimate agreed" step done and the client registered if now complete."""
    item = next((i for i in client.checklist if i.code == ESTIMATE_STEP_CODE), None)
    if item is None or item.state == StepState.DONE.value:
        return
    before = item.state
    item.state, item.changed_by_id, item.changed_at = StepState.DONE.value, uow.actor_id, uow.now
    uow.audit("client.step_changed", "client", client.id, client_id=client.id,
              before={"code": item.code, "state": before},
              after={"code": item.code, "state": item.state})
    _mark_registered(uow, client, client.checklist)


def _mark_registered(uow: UnitOfWork, client: Client, items: Sequence[ChecklistItem]) -> None:
    progress = registration_progress(StepStatus(i.required, StepState(i.state)) for i in items)
    if progress.registered and client.registered_at is None:
        client.registered_at = uow.now
        uow.audit("client.registered", "client", client.id, client_id=client.id,
                  before={"registered": False}, after={"registered": True})


# --- reading ----------------------------------------------------------------

def list_versions(db: Database, actor: Actor, request_id: int) -> tuple[EstimateDTO, ...]:
    """Every estimate version of a request, oldest first (any active user)."""
    with UnitOfWork(db, actor) as uow:
        uow.require()
        load_request(uow, request_id)
        return _versions(uow.session, request_id)


def estimate_view(db: Database, actor: Actor, request_id: int) -> EstimateView:
    """The estimate editor's whole view of a request in one read (any active user).

    The request (for the client's handle), every version oldest first and the
    active price list, read in one read-only transaction: one round trip when
    the editor opens, and no writer lock taken for it.

    Raises:
        NotFound: no such request.
    """
    with read_as(db, actor) as (session, _supervisor):
        request = work_requests.load_request(session, request_id)
        return EstimateView(work_requests.request_dto(session, request),
                            _versions(session, request_id), price_items(session))


def _versions(session: Session, request_id: int) -> tuple[EstimateDTO, ...]:
    rows = list(session.execute(
        select(Estimate).where(Estimate.request_id == request_id)
        .options(selectinload(Estimate.lines)).order_by(Estimate.number)).scalars())
    names = _names(session, {row.created_by_id for row in rows})
    return tuple(_dto(row, names) for row in rows)


def get_estimate(db: Database, actor: Actor, estimate_id: int) -> EstimateDTO:
    """One estimate version with its lines (any active user)."""
    with UnitOfWork(db, actor) as uow:
        uow.require()
        return _one_dto(uow, _estimate(uow, estimate_id))


def compare_versions(db: Database, actor: Actor, a_id: int, b_id: int) -> EstimateLineDiff:
    """What changed from version ``a_id`` (old) to ``b_id`` (new) of one request.

    Raises:
        NotFound: a version does not exist.
        ValidationError: the versions belong to different requests.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require()
        old, new = _one_dto(uow, _estimate(uow, a_id)), _one_dto(uow, _estimate(uow, b_id))
    if old.request_id != new.request_id:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "Only versions of the same request can be compared."), field="estimate")
    return diff_estimates(old.lines, new.lines)
