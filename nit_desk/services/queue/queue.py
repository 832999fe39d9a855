"""The queue of requests: keyset pages sorted by deadline, claims, "next request" (R7, R14).

A page is one statement (:mod:`nit_desk.services.queue.queue_statements`): index
range scans only, each open status one ordered range of
``ix_requests_status_deadline_id`` (or ``ix_requests_claimed_by_status`` for
"mine"), merged with UNION ALL and cut to the page, then joined to the rows and
their clients' checklist progress. The claim and request functions live
in :mod:`nit_desk.services.queue.claims` and :mod:`nit_desk.services.queue.work_requests`
and are re-exported here, so screens need only this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import Network, PaymentScheme, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_search import prefix_client_ids
from nit_desk.services.dto import (
    CLAIM_LEASE,
    ClaimConflict,
    QueueFilter,
    QueuePage,
    QueueRow,
    QueueSort,
)
from nit_desk.services.queue.claims import (
    claim,
    next_request,
    release,
    renew_claims,
    request_detail,
    update_flags,
)
from nit_desk.services.queue.queue_statements import claim_filter, page_statement
from nit_desk.services.queue.work_requests import create_request, decode_reasons
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Request
from nit_desk.services.storage.types import utcnow
from nit_desk.services.uow import read_as

__all__ = [
    "CLAIM_LEASE", "ClaimConflict", "QueueFilter", "QueuePage", "QueueRow", "QueueSort", "claim",
    "create_request", "next_request", "queue_count", "queue_page", "release", "renew_claims",
    "request_detail", "update_flags",
]

MAX_PAGE = 500
SEARCH_CLIENTS = 200
_OPEN_ORDER = (RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.WAITING_CLIENT)


def queue_page(
    db: Database, actor: Actor, *, filter: QueueFilter = QueueFilter.ALL_OPEN,
    status: RequestStatus | None = None, search: str = "",
    after: tuple[datetime | str, int] | None = None, limit: int = 100,
    sort: QueueSort = QueueSort.DEADLINE, descending: bool = False,
) -> QueuePage:
    """One page of the queue, soonest deadline first unless another order is asked (R7).

    One statement per page (see :mod:`nit_desk.services.queue.queue_statements`); a
    search first finds the matching clients. Every order is done in SQL and
    paged by key, so a page never repeats or skips a row.

    Args:
        filter: all open, mine, unclaimed or overdue requests.
        status: only this status (may be a closed one, to look back).
        search: a phone, email or messenger prefix of the client.
        after: ``next_key`` of the previous page (of the same order).
        limit: rows per page (1-500).
        sort: the column ordered by (then the request id).
        descending: latest deadline, or Z to A, first.
    """
    limit = max(1, min(int(limit), MAX_PAGE))
    flt, order = QueueFilter(filter), QueueSort(sort)
    statuses = tuple(_statuses(flt, status))
    params: dict[str, Any] = {"page_limit": limit + 1}
    if after is not None:
        value, params["after_id"] = _checked_key(after, order)
        params["after_deadline" if order is QueueSort.DEADLINE else "after_value"] = value
    with read_as(db, actor) as (session, _sup):
        now = params["now"] = utcnow()
        params["uid"] = actor.user_id
        client_ids = _search_clients(session, search)
        if client_ids == []:
            return QueuePage((), None)
        if client_ids is not None:
            params["client_ids"] = client_ids
        statement = page_statement(statuses, flt, searching=client_ids is not None,
                                   paged=after is not None, sort=order,
                                   descending=bool(descending))
        result = session.connection().execute(statement, params).all()
    rows = [_queue_row(r, now) for r in result[:limit]]
    next_key = (_sort_value(rows[-1], order), rows[-1].request_id) \
        if len(result) > limit else None
    return QueuePage(tuple(rows), next_key)


def _sort_value(row: QueueRow, order: QueueSort) -> datetime | str:
    """The value ``row`` is ordered by, as the next page's key carries it."""
    if order is QueueSort.CLIENT:
        return row.handle
    if order is QueueSort.STATUS:
        return row.status.value
    if order is QueueSort.CHANNEL:
        return row.channel.value
    if order is QueueSort.SCHEME:
        return row.payment_scheme.value
    return row.deadline


def queue_count(db: Database, actor: Actor, filter: QueueFilter = QueueFilter.ALL_OPEN,
                status: RequestStatus | None = None) -> int:
    """How many requests the filter shows (for a tab's badge)."""
    flt = QueueFilter(filter)
    with read_as(db, actor) as (session, _sup):
        params = {"uid": actor.user_id, "now": utcnow()}
        total = 0
        for st in _statuses(flt, status):
            query = claim_filter(select(func.count()).select_from(Request)
                                 .where(Request.status == st.value), flt)
            total += int(session.execute(query, params).scalar_one())
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


def _checked_key(key: tuple[datetime | str, int],
                 order: QueueSort = QueueSort.DEADLINE) -> tuple[datetime | str, int]:
    """A page key as the service handed it out for ``order``, or a ValidationError."""
    value: object = None
    try:
        value, request_id = key
        request_id = int(request_id)
    except (TypeError, ValueError):
        value = None
    if order is QueueSort.DEADLINE:
        good = isinstance(value, datetime) and value.tzinfo is not None
    else:
        good = isinstance(value, str)
    if not good:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "Bad page key."), field="after")
    return value, request_id  # type: ignore[return-value]


_NETWORKS = {m.value: m for m in Network}
_STATUSES = {m.value: m for m in RequestStatus}
_SCHEMES = {m.value: m for m in PaymentScheme}


def _queue_row(r: Sequence[Any], now: datetime) -> QueueRow:
    """One page row as a :class:`QueueRow` (a claim past its lease shows as lapsed).

    Unpacked by position and with the enums looked up in dicts: a page is 60 rows
    of 15 columns, on every scroll step and search keystroke.
    """
    (request_id, client_id, channel, status, scheme, reasons, deadline, claimed_by_id,
     claimed_at, lease_expires_at, handle, banned, username, done, total, description) = r
    lapsed = claimed_by_id is not None and (
        lease_expires_at is not None and lease_expires_at < now)
    return QueueRow(
        request_id, client_id, handle, _NETWORKS.get(channel) or Network(channel),
        _STATUSES.get(status) or RequestStatus(status), int(done), int(total),
        _SCHEMES.get(scheme) or PaymentScheme(scheme), decode_reasons(reasons), deadline,
        claimed_by_id, username, claimed_at, bool(banned), claim_lapsed=lapsed,
        description=_one_line(description))


def _one_line(text: str | None) -> str:
    """The description's first line, its spaces collapsed (the column is one line)."""
    first = (text or "").strip().split("\n", 1)[0]
    return " ".join(first.split())
