"""The queue of requests: keyset pages sorted by deadline, claims, "next request" (R7, R14).

Pages are read with index range scans only: each open status is one ordered
range of ``ix_requests_status_deadline_id`` (or ``ix_requests_claimed_by_status``
for "mine"), merged with UNION ALL and cut to the page; checklist progress is
then counted for just that page's clients. The claim and request functions live
in :mod:`nit_desk.services.claims` and :mod:`nit_desk.services.work_requests`
and are re-exported here, so screens need only this module.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import Network, PaymentScheme, RequestStatus, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.claims import (
    claim,
    next_request,
    release,
    renew_claims,
    request_detail,
    set_status,
    update_flags,
)
from nit_desk.services.client_cards import read_as
from nit_desk.services.client_search import prefix_client_ids
from nit_desk.services.dto import CLAIM_LEASE, ClaimConflict, QueueFilter, QueuePage, QueueRow
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import ChecklistItem, Client, Request, User
from nit_desk.services.storage.types import UTCDateTime, utcnow
from nit_desk.services.work_requests import create_request, decode_reasons

__all__ = [
    "CLAIM_LEASE", "ClaimConflict", "QueueFilter", "QueuePage", "QueueRow", "claim",
    "create_request", "next_request", "queue_count", "queue_page", "release", "renew_claims",
    "request_detail", "set_status", "update_flags",
]

MAX_PAGE = 500
SEARCH_CLIENTS = 200
_OPEN_ORDER = (RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.WAITING_CLIENT)


def queue_page(
    db: Database, actor: Actor, *, filter: QueueFilter = QueueFilter.ALL_OPEN,
    status: RequestStatus | None = None, search: str = "",
    after: tuple[datetime, int] | None = None, limit: int = 100,
) -> QueuePage:
    """One page of the queue, soonest deadline first (R7).

    Args:
        filter: all open, mine, unclaimed or overdue requests.
        status: only this status (may be a closed one, to look back).
        search: a phone, email or messenger prefix of the client.
        after: ``next_key`` of the previous page.
        limit: rows per page (1-500).
    """
    limit = max(1, min(int(limit), MAX_PAGE))
    with read_as(db, actor) as (session, _sup):
        now = utcnow()
        client_ids = _search_clients(session, search)
        if client_ids == []:
            return QueuePage((), None)
        query = _ids_query(_statuses(filter, status), filter, actor.user_id, now,
                           client_ids, after, limit + 1)
        keys = [(row[0], row[1]) for row in session.execute(query)]
        more = len(keys) > limit
        keys = keys[:limit]
        rows = _rows(session, [k[0] for k in keys], now)
        next_key = (keys[-1][1], keys[-1][0]) if more else None
        return QueuePage(tuple(rows), next_key)


def queue_count(db: Database, actor: Actor, filter: QueueFilter = QueueFilter.ALL_OPEN,
                status: RequestStatus | None = None) -> int:
    """How many requests the filter shows (for a tab's badge)."""
    with read_as(db, actor) as (session, _sup):
        now = utcnow()
        total = 0
        for st in _statuses(filter, status):
            query = _filtered(select(func.count()).select_from(Request), st, filter,
                              actor.user_id, now)
            total += int(session.execute(query).scalar_one())
        return total


def _statuses(flt: QueueFilter, status: RequestStatus | None) -> list[RequestStatus]:
    if status is None:
        return list(_OPEN_ORDER)
    try:
        return [RequestStatus(status)]
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "Unknown request status."),
                              field="status") from None


def _search_clients(session: Session, search: str) -> list[int] | None:
    text = search.strip() if isinstance(search, str) else ""
    if not text:
        return None
    if len(text) > 320:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The search text is too long."),
                              field="search")
    return prefix_client_ids(session, text, SEARCH_CLIENTS)


def _filtered(query: Select, status: RequestStatus, flt: QueueFilter,
              user_id: int, now: datetime) -> Select:
    return _claim_filter(query.where(Request.status == status.value), flt, user_id, now)


def _claim_filter(query: Select, flt: QueueFilter, user_id: int, now: datetime) -> Select:
    if flt is QueueFilter.MINE:
        query = query.where(Request.claimed_by_id == user_id)
    elif flt is QueueFilter.UNCLAIMED:
        query = query.where(or_(Request.claimed_by_id.is_(None),
                                Request.lease_expires_at < now))
    elif flt is QueueFilter.OVERDUE:
        query = query.where(Request.deadline < now)
    return query


def _ids_query(statuses: list[RequestStatus], flt: QueueFilter, user_id: int, now: datetime,
               client_ids: list[int] | None, after: tuple[datetime, int] | None,
               limit: int) -> Select:
    """The page's request ids and deadlines, read through index ranges only.

    With a search, the few matching clients' requests are read through
    ``ix_requests_client_id`` (SQLite without statistics would otherwise pick the
    status index and walk every open request); otherwise each status is one ordered range of
    ``ix_requests_status_deadline_id``, cut to ``limit``, and the ranges merged.
    """
    if client_ids is not None:
        query = select(Request.id, Request.deadline).where(
            Request.client_id.in_(client_ids),
            # "|| ''" keeps SQLite from walking the status index instead
            Request.status.concat("").in_([s.value for s in statuses]))
        query = _claim_filter(query, QueueFilter(flt), user_id, now)
        if after is not None:
            query = query.where(_after(after))
        return query.order_by(Request.deadline, Request.id).limit(limit)
    parts = []
    for status in statuses:
        query = _filtered(select(Request.id, Request.deadline), status, QueueFilter(flt),
                          user_id, now)
        if after is not None:
            query = query.where(_after(after))
        parts.append(query.order_by(Request.deadline, Request.id).limit(limit))
    if len(parts) == 1:
        return parts[0]
    merged = union_all(*(select(p.subquery()) for p in parts)).subquery()
    return select(merged.c.id, merged.c.deadline).order_by(
        merged.c.deadline, merged.c.id).limit(limit)


def _after(key: tuple[datetime, int]) -> ColumnElement[bool]:
    deadline, request_id = key
    if not isinstance(deadline, datetime) or deadline.tzinfo is None:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "Bad page key."), field="after")
    d = bindparam("after_deadline", deadline, type_=UTCDateTime())
    i = bindparam("after_id", int(request_id), type_=Integer())
    # The first term bounds the index range; the second skips the rows already shown.
    return and_(Request.deadline >= d, or_(Request.deadline > d, Request.id > i))


_ROW_COLUMNS = (Request.id, Request.client_id, Request.channel, Request.status,
                Request.payment_scheme, Request.advance_reasons, Request.deadline,
                Request.claimed_by_id, Request.claimed_at, Request.lease_expires_at,
                Client.handle, Client.banned, User.username)


def _rows(session: Session, ids: list[int], now: datetime) -> list[QueueRow]:
    """The queue rows of ``ids``: plain columns, not ORM objects (a page is read-only)."""
    if not ids:
        return []
    result = session.execute(
        select(*_ROW_COLUMNS)
        .join(Client, Client.id == Request.client_id)
        .outerjoin(User, User.id == Request.claimed_by_id)
        .where(Request.id.in_(ids)).order_by(Request.deadline, Request.id)).all()
    progress = _progress(session, {r.client_id for r in result})
    rows = []
    for r in result:
        lapsed = r.claimed_by_id is not None and (
            r.lease_expires_at is not None and r.lease_expires_at < now)
        done, total = progress.get(r.client_id, (0, 0))
        rows.append(QueueRow(
            r.id, r.client_id, r.handle, Network(r.channel), RequestStatus(r.status), done,
            total, PaymentScheme(r.payment_scheme), decode_reasons(r.advance_reasons),
            r.deadline, r.claimed_by_id, r.username, r.claimed_at, r.banned,
            claim_lapsed=lapsed))
    return rows


def _progress(session: Session, client_ids: set[int]) -> dict[int, tuple[int, int]]:
    """Required steps done / required, for just these clients (one grouped index scan)."""
    required = ChecklistItem.required.is_(True)
    done = and_(required, ChecklistItem.state == StepState.DONE.value)
    rows = session.execute(
        select(ChecklistItem.client_id,
               func.sum(case((done, 1), else_=0)), func.sum(case((required, 1), else_=0)))
        .where(ChecklistItem.client_id.in_(client_ids)).group_by(ChecklistItem.client_id))
    return {cid: (int(d or 0), int(t or 0)) for cid, d, t in rows}

