"""Working a request: claims with a lease, "next request", status and flags (R7, R14).

A claim is one conditional UPDATE, so of two agents pressing at once exactly
one wins and the other is told who holds the request since when (scenario 6).
A claim lapses after :data:`CLAIM_LEASE` without a heartbeat (:func:`renew_claims`).
Taking a request is queue bookkeeping kept on the request row (who, since
when), not one of R17's audited changes of state: it is announced to every
workstation but adds no audit entry, so desks pressing "next" never queue on
the audit chain's lock. What an agent then does to the request (status,
flags) and a supervisor releasing someone's claim are audited.
Re-exported by :mod:`nit_desk.services.queue.queue`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    Table,
    Update,
    bindparam,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.engine import CursorResult, Row

from nit_desk.domain.errors import Conflict
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import OPEN_STATUSES, Network, PaymentScheme, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.change import Change
from nit_desk.services.clients.client_cards import is_supervisor, user_names
from nit_desk.services.dto import CLAIM_LEASE, RequestDTO
from nit_desk.services.queue.holder import (
    closed_conflict,
    held_by_other,
    held_conflict,
    refuse_unless_free_for,
)
from nit_desk.services.queue.work_requests import (
    apply_scheme,
    check_visit,
    decode_reasons,
    load_request,
    request_dto,
    request_snapshot,
)
from nit_desk.services.queue.work_timer import stop_timer, takeover_values
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry, Client, Request, User
from nit_desk.services.storage.types import UTCDateTime, utcnow
from nit_desk.services.uow import UnitOfWork, read_as, tell_listeners

_OPEN = sorted(s.value for s in OPEN_STATUSES)
ACTIONABLE = (RequestStatus.NEW.value, RequestStatus.IN_PROGRESS.value)
"""What "next request" hands out: an agent can act on it now (not waiting for the client).
In this order, as the partial index ``ix_requests_unclaimed_deadline`` states it."""
_table: Table = Request.__table__  # type: ignore[assignment]


def claim_update(uow: UnitOfWork, request_id: int) -> bool:
    """The one conditional UPDATE that takes or renews a claim; True if it took.

    Taking over a lapsed claim banks its running timer up to the lease's end (R22).
    """
    me, now = uow.actor_id, uow.now
    t = _table.c
    result = uow.session.execute(
        update(_table)
        .where(t.id == request_id, t.status.in_(_OPEN),
               or_(t.claimed_by_id.is_(None), t.claimed_by_id == me,
                   t.lease_expires_at < now))
        .values(claimed_by_id=me,
                claimed_at=case((t.claimed_by_id == me, func.coalesce(t.claimed_at, now)),
                                else_=now),
                lease_expires_at=now + CLAIM_LEASE, **takeover_values(t, now)))
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def _refusal(uow: UnitOfWork, request: Request) -> Conflict:
    """Why a claim failed: the request is closed, or who holds it since when."""
    if RequestStatus(request.status) not in OPEN_STATUSES:
        return closed_conflict(request)
    return held_conflict(uow, request)


def claim(db: Database, actor: Actor, request_id: int) -> RequestDTO:
    """Take a request for work, or renew one's own claim (scenario 6).

    Raises:
        ClaimConflict: another agent holds it ("held by anna since 10:42").
        Conflict: the request is closed.
        NotFound: no such request.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require()
        request = load_request(uow.session, request_id)
        if not claim_update(uow, request_id):
            uow.session.refresh(request)
            raise _refusal(uow, request)
        uow.session.refresh(request)
        uow.announce("request.claimed", "request", client_id=request.client_id)
        dto = request_dto(uow.session, request)
        uow.commit()
        return dto


def next_request(db: Database, actor: Actor) -> RequestDTO | None:
    """Claim the unclaimed open request with the soonest deadline, if any.

    ``FOR UPDATE SKIP LOCKED`` lets two agents on PostgreSQL pass each other,
    and there the claim and its announcement are one round trip
    (:meth:`~nit_desk.services.storage.backend.Backend.claim_announced`); on
    SQLite the writer lock taken at BEGIN IMMEDIATE serialises them.
    """
    if db.backend.one_statement_claims:
        return _next_in_one_statement(db, actor)
    with UnitOfWork(db, actor) as uow:
        row = uow.session.execute(_TAKE_SOONEST, _take_params(actor, uow.now)).first()
        if row is None:
            uow.require()  # an inactive actor is told so (R18); else the queue is empty
            return None
        uow.announce("request.claimed", "request", client_id=row.client_id)
        dto = _claimed_dto(row)
        uow.commit()
        return dto


def _take_params(actor: Actor, now: datetime) -> dict[str, Any]:
    return {"me": actor.user_id or None, "now": now, "lease_until": now + CLAIM_LEASE}


def _next_in_one_statement(db: Database, actor: Actor) -> RequestDTO | None:
    """:func:`next_request` where the backend claims and announces in one statement."""
    row = db.backend.claim_announced(_TAKE_SOONEST, _take_params(actor, utcnow()), "request")
    if row is None:
        with UnitOfWork(db, actor) as uow:
            uow.require()  # an inactive actor is told so (R18); else the queue is empty
        return None
    tell_listeners(db, Change(entities=frozenset({"request"}),
                              client_ids=frozenset({row.client_id}),
                              actions=frozenset({"request.claimed"})))
    return _claimed_dto(row)


def _build_take_soonest() -> Update:
    """One UPDATE ... RETURNING that claims the soonest actionable request nobody holds.

    Actionable: new or in progress; a request waiting for the client is not
    handed out (R19) until the client writes back.

    Two index-backed candidates, each locked with SKIP LOCKED on PostgreSQL:
    the soonest unclaimed request (a partial index, so a long queue of claimed
    requests is never walked) and the claim that lapsed first (the lease index,
    read from its oldest end, so live claims are never walked either); the
    earlier deadline of the two wins. One round trip checks that the actor is an active
    user (R18), claims the request and returns it with the client's handle and
    the claimer's name. Built once (parameters ``me``, ``now``, ``lease_until``):
    constructing it took longer than running it.

    The actionable statuses and the limits are written into the SQL, not bound: the
    server can then plan it once (a generic plan) and still see that the
    partial index of unclaimed requests applies; a lapsed claim is any lease in
    the past (a lease exists only with a claim). Both candidates are read in
    their index's order, so that one plan stays right however the queue grows.
    """
    t = _table.c
    me = bindparam("me", type_=Integer())
    now = bindparam("now", type_=UTCDateTime())
    one = literal_column("1", Integer())
    is_open = t.status.in_([bindparam(None, s, literal_execute=True) for s in ACTIONABLE])
    active = exists().where(User.id == me, User.active.is_(True))
    banned = exists().where(Client.id == t.client_id, Client.banned.is_(True))
    candidate = select(t.id, t.deadline).where(is_open, ~banned).limit(one)
    free = (candidate.where(t.claimed_by_id.is_(None)).order_by(t.deadline, t.id)
            .with_for_update(skip_locked=True, of=_table).cte("free"))
    lapsed = (candidate.where(t.lease_expires_at < now).order_by(t.lease_expires_at, t.id)
              .with_for_update(skip_locked=True, of=_table).cte("lapsed"))
    both = union_all(select(free.c.id, free.c.deadline),
                     select(lapsed.c.id, lapsed.c.deadline)).subquery("candidates")
    pick = select(both.c.id).order_by(both.c.deadline, both.c.id).limit(one).scalar_subquery()
    return (update(_table)
            .where(t.id == pick, is_open, active,
                   or_(t.claimed_by_id.is_(None), t.claimed_by_id == me,
                       t.lease_expires_at < now))
            .values(claimed_by_id=me,
                    claimed_at=case((t.claimed_by_id == me, func.coalesce(t.claimed_at, now)),
                                    else_=now),
                    lease_expires_at=bindparam("lease_until", type_=UTCDateTime()),
                    **takeover_values(t, now))
            .returning(*_table.c, _client_column(Client.handle, "client_handle"),
                       _client_column(Client.banned, "client_banned"),
                       select(User.username).where(User.id == me).scalar_subquery()
                       .label("claimer"))
            .add_cte(free).add_cte(lapsed))


def _client_column(column: Any, name: str) -> Any:
    return select(column).where(Client.id == _table.c.client_id).scalar_subquery().label(name)


def _claimed_dto(row: Row[Any]) -> RequestDTO:
    """The request screen's DTO straight from the claiming UPDATE's returned row."""
    return RequestDTO(
        id=row.id, client_id=row.client_id, client_handle=row.client_handle,
        client_banned=bool(row.client_banned), channel=Network(row.channel),
        status=RequestStatus(row.status), description=row.description,
        deadline=row.deadline, created_at=row.created_at, first_time=row.first_time,
        has_specification=row.has_specification, offline_work=row.offline_work,
        onsite_visit=row.onsite_visit, visit_address=row.visit_address,
        payment_scheme=PaymentScheme(row.payment_scheme),
        advance_reasons=decode_reasons(row.advance_reasons),
        claimed_by_id=row.claimed_by_id, claimed_by_name=row.claimer,
        claimed_at=row.claimed_at, lease_expires_at=row.lease_expires_at,
        closed_at=row.closed_at, version=row.version, status_reason=row.status_reason,
        worked_seconds=row.worked_seconds, timer_started_at=row.timer_started_at)


_TAKE_SOONEST = _build_take_soonest()


def renew_claims(db: Database, actor: Actor) -> int:
    """Heartbeat: extend the lease of every open request the actor holds; return how many."""
    with UnitOfWork(db, actor) as uow:
        uow.require()
        t = _table.c
        result = uow.session.execute(
            update(_table).where(t.claimed_by_id == uow.actor_id, t.status.in_(_OPEN))
            .values(lease_expires_at=uow.now + CLAIM_LEASE, **takeover_values(t, uow.now)))
        assert isinstance(result, CursorResult)
        uow.commit()
        return int(result.rowcount)


def release(db: Database, actor: Actor, request_id: int) -> RequestDTO:
    """Give a request back to the queue (a supervisor may release anyone's claim).

    A running work timer stops (R22), counting a lapsed claim only to its lease's end.

    Raises:
        ClaimConflict: an agent tries to release another agent's live claim.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request = load_request(uow.session, request_id, lock=True)
        if request.claimed_by_id is not None:
            if not supervisor and held_by_other(uow, request):
                raise _refusal(uow, request)
            before = user_names(uow.session, [request.claimed_by_id])
            stop_timer(request, uow.now)
            clear_claim(request)
            uow.audit("request.released", "request", request.id, client_id=request.client_id,
                      before={"claimed_by": next(iter(before.values()), None)})
        dto = request_dto(uow.session, request)
        uow.commit()
        return dto


def clear_claim(request: Request) -> None:
    """Nobody holds the request any more."""
    request.claimed_by_id = request.claimed_at = request.lease_expires_at = None


def update_flags(db: Database, actor: Actor, request_id: int, expected_version: int, *,
                 has_specification: bool, offline_work: bool, onsite_visit: bool,
                 visit_address: str = "") -> RequestDTO:
    """Change what decides the payment scheme and recompute it (R14).

    Raises:
        ValidationError: an on-site visit without an address (field ``visit_address``).
        Conflict: changed since ``expected_version``, closed, or held by another agent.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        request = load_request(uow.session, request_id, lock=True)
        address = check_visit(bool(onsite_visit), visit_address)
        if request.version != expected_version:
            raise _changed_meanwhile(uow, request)
        if RequestStatus(request.status) not in OPEN_STATUSES:
            raise _refusal(uow, request)
        refuse_unless_free_for(uow, request, supervisor=supervisor)
        before = request_snapshot(request)
        request.has_specification, request.offline_work = bool(has_specification), bool(
            offline_work)
        request.onsite_visit, request.visit_address = bool(onsite_visit), address
        apply_scheme(request)
        uow.audit("request.flags_changed", "request", request.id, client_id=request.client_id,
                  before=before, after=request_snapshot(request))
        dto = request_dto(uow.session, request)
        uow.commit()
        return dto


def _changed_meanwhile(uow: UnitOfWork, request: Request) -> Conflict:
    """The refusal of a stale edit, naming who changed the request last and when."""
    last = uow.session.execute(
        select(AuditEntry.actor_name, AuditEntry.at)
        .where(AuditEntry.entity == "request", AuditEntry.entity_id == request.id)
        .order_by(AuditEntry.seq.desc()).limit(1)).first()
    who, when = (last[0], last[1]) if last else ("?", uow.now)
    return Conflict(QT_TRANSLATE_NOOP(
        "messages", "The request was changed by {user} at {at:%H:%M}; reload and apply your "
        "change again."), field="request", user=who, at=when.astimezone())


def request_detail(db: Database, actor: Actor, request_id: int) -> RequestDTO:
    """Every field of a request for its screen."""
    with read_as(db, actor) as (session, _sup):
        return request_dto(session, load_request(session, request_id))
