"""The queue page as one SQL statement, built once per shape and then only re-bound.

A page is: the keys (deadline, id) of the next ``limit + 1`` requests, read
through index ranges only, joined to their rows, the client, the holder and the
client's checklist progress. Building that statement with SQLAlchemy takes
longer than SQLite takes to run it (each ``IN`` value and each comparison is
coerced, and the cache key walked), so each *shape* — statuses, filter, with or
without a search, first or later page — is built once with every value a bound
parameter, and executed on the session's Core connection, where SQLAlchemy's
compiled cache answers at once.

Parameters every statement takes: ``uid`` (the acting user, for "mine"),
``now`` (for "unclaimed" and "overdue"), ``page_limit`` (rows + 1); a search
adds ``client_ids`` (expanding), a later page ``after_deadline`` and ``after_id``.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    func,
    or_,
    select,
    union_all,
)

from nit_desk.domain.types import RequestStatus, StepState
from nit_desk.services.dto import QueueFilter, QueueSort
from nit_desk.services.storage.models import ChecklistItem, Client, Request, User
from nit_desk.services.storage.types import UTCDateTime

_requests = Request.__table__.c
_clients = Client.__table__.c
_users = User.__table__.c
_items = ChecklistItem.__table__.c

_REQUEST_COLUMNS = ("id", "client_id", "channel", "status", "payment_scheme",
                    "advance_reasons", "deadline", "claimed_by_id", "claimed_at",
                    "lease_expires_at")


DESCRIPTION_CHARS = 120
"""How much of a description a queue row carries (the column shows one short line)."""

_SORT_COLUMNS: dict[QueueSort, Any] = {
    QueueSort.CLIENT: _clients.handle, QueueSort.STATUS: _requests.status,
    QueueSort.CHANNEL: _requests.channel, QueueSort.SCHEME: _requests.payment_scheme,
}
"""The text columns a page may be ordered by (the deadline has its own index plan)."""


@functools.lru_cache(maxsize=128)
def page_statement(statuses: tuple[RequestStatus, ...], flt: QueueFilter, *,
                   searching: bool, paged: bool, sort: QueueSort = QueueSort.DEADLINE,
                   descending: bool = False) -> Select:
    """The page statement of this shape, built at first use and then shared.

    A row is the request's columns of ``_REQUEST_COLUMNS``, then ``handle``,
    ``banned``, ``username``, ``required_done``, ``required_total``, the start
    of the ``description``.
    """
    if sort is QueueSort.DEADLINE:
        keys = _keys(statuses, flt, searching, paged, descending).subquery("page_keys")
    else:
        keys = _sorted_keys(statuses, flt, searching, paged, sort,
                            descending).subquery("page_keys")
    done = _count_steps(_items.state == StepState.DONE.value)
    total = _count_steps(None)
    order = (keys.c.sort_value.desc(), keys.c.id.desc()) if descending \
        else (keys.c.sort_value, keys.c.id)
    return (
        select(*(_requests[name] for name in _REQUEST_COLUMNS), _clients.handle,
               _clients.banned, _users.username, done.label("required_done"),
               total.label("required_total"),
               func.substr(_requests.description, 1, DESCRIPTION_CHARS).label("description"))
        .select_from(keys)
        .join(Request.__table__, _requests.id == keys.c.id)
        .join(Client.__table__, _clients.id == _requests.client_id)
        .outerjoin(User.__table__, _users.id == _requests.claimed_by_id)
        .order_by(*order)
    )


def _sorted_keys(statuses: tuple[RequestStatus, ...], flt: QueueFilter, searching: bool,
                 paged: bool, sort: QueueSort, descending: bool) -> Select:
    """The page's request ids ordered by a text column, then the id (keyset paged).

    A header click is rare beside scrolling, so one ordered scan of the open
    requests (their count, not the table's) is taken rather than an index per column.
    """
    column = _SORT_COLUMNS[sort]
    query = select(_requests.id, column.label("sort_value")).join(
        Client.__table__, _clients.id == _requests.client_id).where(
        _requests.status.in_([s.value for s in statuses]))
    if searching:
        query = query.where(_requests.client_id.in_(bindparam("client_ids", expanding=True)))
    query = claim_filter(query, flt)
    if paged:
        value = bindparam("after_value", type_=String())
        after = bindparam("after_id", type_=Integer())
        if descending:
            query = query.where(or_(column < value, and_(column == value,
                                                         _requests.id < after)))
        else:
            query = query.where(or_(column > value, and_(column == value,
                                                         _requests.id > after)))
    order = (column.desc(), _requests.id.desc()) if descending else (column, _requests.id)
    return query.order_by(*order).limit(bindparam("page_limit", type_=Integer()))


def _count_steps(condition: ColumnElement[bool] | None) -> Any:
    """Required checklist steps of the row's client (meeting ``condition``)."""
    query = select(func.count()).where(_items.client_id == _requests.client_id,
                                       _items.required.is_(True))
    if condition is not None:
        query = query.where(condition)
    return query.scalar_subquery()


def _keys(statuses: tuple[RequestStatus, ...], flt: QueueFilter, searching: bool,
          paged: bool, descending: bool = False) -> Select:
    """The page's request ids and deadlines, read through index ranges only.

    With a search, the few matching clients' requests are read through
    ``ix_requests_client_id`` (SQLite without statistics would otherwise pick the
    status index and walk every open request); otherwise each status is one
    ordered range of ``ix_requests_status_deadline_id``, cut to the limit, and
    the ranges merged.
    """
    limit = bindparam("page_limit", type_=Integer())
    order = (_requests.deadline.desc(), _requests.id.desc()) if descending \
        else (_requests.deadline, _requests.id)
    if searching:
        query = select(_requests.id, _requests.deadline.label("sort_value")).where(
            _requests.client_id.in_(bindparam("client_ids", expanding=True)),
            # "|| ''" keeps SQLite from walking the status index instead
            _requests.status.concat("").in_([s.value for s in statuses]))
        query = _narrowed(query, flt, paged, descending)
        return query.order_by(*order).limit(limit)
    parts = []
    for status in statuses:
        query = select(_requests.id, _requests.deadline.label("sort_value")).where(
            _requests.status == status.value)
        query = _narrowed(query, flt, paged, descending)
        parts.append(query.order_by(*order).limit(limit))
    if len(parts) == 1:
        return parts[0]
    merged = union_all(*(select(p.subquery()) for p in parts)).subquery()
    merged_order = (merged.c.sort_value.desc(), merged.c.id.desc()) if descending \
        else (merged.c.sort_value, merged.c.id)
    return select(merged.c.id, merged.c.sort_value).order_by(*merged_order).limit(limit)


def _narrowed(query: Select, flt: QueueFilter, paged: bool, descending: bool = False) -> Select:
    query = claim_filter(query, flt)
    if paged:
        d = bindparam("after_deadline", type_=UTCDateTime())
        i = bindparam("after_id", type_=Integer())
        # The first term bounds the index range; the second skips the rows already shown.
        if descending:
            query = query.where(_requests.deadline <= d,
                                or_(_requests.deadline < d, _requests.id < i))
        else:
            query = query.where(_requests.deadline >= d,
                                or_(_requests.deadline > d, _requests.id > i))
    return query


def claim_filter(query: Select, flt: QueueFilter) -> Select:
    """``query`` narrowed to the filter (binds ``uid`` and ``now`` where it needs them)."""
    if flt is QueueFilter.MINE:
        return query.where(_requests.claimed_by_id == bindparam("uid", type_=Integer()))
    now = bindparam("now", type_=UTCDateTime())
    if flt is QueueFilter.UNCLAIMED:
        return query.where(or_(_requests.claimed_by_id.is_(None),
                               _requests.lease_expires_at < now))
    if flt is QueueFilter.OVERDUE:
        return query.where(_requests.deadline < now)
    return query

