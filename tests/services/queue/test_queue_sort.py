"""The queue ordered by a clicked column, in SQL, paged by key (issue #14, item 7; R7)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.types import RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.dto import QueueFilter, QueueRow, QueueSort
from nit_desk.services.queue import queue, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import new_client

HANDLES = ["kate7", "anton", "zed_s", "boris", "mila9", "gleb_x", "dina1", "oleg0", "vera5"]


def _make(db: Database, agent: Actor) -> list[int]:
    """Nine clients, deadlines in an order unlike their handles' (a tie on two of them)."""
    start = utcnow() + timedelta(hours=3)
    ids = []
    for i, handle in enumerate(HANDLES):
        made = new_client(db, agent, 900 + i, handle=handle,
                          deadline=start + timedelta(hours=(i * 5) % 7),
                          description=f"Задача {i}\nвторая строка")
        ids.append(made.request_id)
    return ids


def _all_pages(db: Database, agent: Actor, sort: QueueSort, descending: bool,
               size: int = 2) -> list[QueueRow]:
    rows: list[QueueRow] = []
    after = None
    while True:
        page = queue.queue_page(db, agent, filter=QueueFilter.ALL_OPEN, after=after,
                                limit=size, sort=sort, descending=descending)
        rows += page.rows
        if page.next_key is None:
            return rows
        after = page.next_key


@pytest.mark.parametrize("descending", [False, True])
def test_r7_ordered_by_client_pages_never_repeat_or_skip(
        db: Database, agent: Actor, descending: bool) -> None:
    """Pages of two, A to Z (or Z to A) by handle: each request once, in order."""
    ids = _make(db, agent)
    rows = _all_pages(db, agent, QueueSort.CLIENT, descending)
    assert sorted(r.request_id for r in rows) == sorted(ids)
    assert [r.handle for r in rows] == sorted(HANDLES, reverse=descending)


@pytest.mark.parametrize("descending", [False, True])
def test_r7_ordered_by_deadline_either_way_pages_by_key(
        db: Database, agent: Actor, descending: bool) -> None:
    """Deadlines with ties: (deadline, id) ascending, or both descending, over pages."""
    _make(db, agent)
    rows = _all_pages(db, agent, QueueSort.DEADLINE, descending)
    keys = [(r.deadline, r.request_id) for r in rows]
    assert len(keys) == len(HANDLES) == len(set(keys))
    assert keys == sorted(keys, reverse=descending)


def test_r19_ordered_by_status_and_filtered_by_a_closed_one(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    """Status order groups the statuses; a closed status can be looked back at."""
    ids = _make(db, agent)
    request_life.cancel(db, supervisor, ids[0], "the client withdrew")
    rows = _all_pages(db, agent, QueueSort.STATUS, False)
    assert ids[0] not in [r.request_id for r in rows]  # open statuses only
    closed = queue.queue_page(db, agent, status=RequestStatus.CANCELLED,
                              sort=QueueSort.CLIENT)
    assert [r.request_id for r in closed.rows] == [ids[0]]
    assert closed.rows[0].is_closed


def test_r7_a_row_carries_the_first_line_of_its_description(
        db: Database, agent: Actor) -> None:
    """The short description column: the first line only."""
    ids = _make(db, agent)
    page = queue.queue_page(db, agent, limit=20)
    by_id = {r.request_id: r for r in page.rows}
    assert by_id[ids[3]].description == "Задача 3"


def test_r7_a_deadline_key_is_refused_for_a_text_order(db: Database, agent: Actor) -> None:
    """A page key of another order is refused, not misread."""
    _make(db, agent)
    with pytest.raises(ValidationError):
        queue.queue_page(db, agent, after=(utcnow(), 1), sort=QueueSort.CLIENT)
    with pytest.raises(ValidationError):
        queue.queue_page(db, agent, after=("anton", 1), sort=QueueSort.DEADLINE)
