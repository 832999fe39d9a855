"""The queue: keyset pages, claims with leases, next request, status and scheme (R7, R14)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from nit_desk.domain.types import (
    AdvanceReason,
    Network,
    PaymentScheme,
    RequestStatus,
    StepState,
)
from nit_desk.services import queue, registration
from nit_desk.services.actor import Actor
from nit_desk.services.dto import CLAIM_LEASE, ClaimConflict, QueueFilter
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Request
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import (
    new_client,
    tomorrow,
)


def _expire_lease(db: Database, request_id: int) -> None:
    with db.write_session() as s, s.begin():
        s.execute(update(Request).where(Request.id == request_id)
                  .values(lease_expires_at=utcnow() - timedelta(seconds=1)))


def test_r7_queue_is_sorted_by_deadline_and_keyset_paged(db: Database, agent: Actor) -> None:
    made = [new_client(db, agent, deadline=tomorrow(hours=h)) for h in (30, 5, 20, 5, 10)]
    ids_by_deadline = [made[i].request_id for i in (1, 3, 4, 2, 0)]
    first = queue.queue_page(db, agent, filter=QueueFilter.ALL_OPEN, limit=2)
    assert [r.request_id for r in first.rows] == ids_by_deadline[:2]
    assert first.next_key is not None
    second = queue.queue_page(db, agent, filter=QueueFilter.ALL_OPEN, after=first.next_key,
                              limit=2)
    third = queue.queue_page(db, agent, filter=QueueFilter.ALL_OPEN, after=second.next_key,
                             limit=2)
    assert [r.request_id for r in second.rows + third.rows] == ids_by_deadline[2:]
    assert third.next_key is None
    row = first.rows[0]
    assert row.required_total == 9 and row.required_done == 0
    assert row.payment_scheme is PaymentScheme.ADVANCE
    assert row.advance_reasons == (AdvanceReason.FIRST_TIME,)
    assert row.channel is Network.TELEGRAM and row.status is RequestStatus.NEW
    assert row.claimed_by_id is None and not row.banned
    assert queue.queue_count(db, agent, QueueFilter.ALL_OPEN) == 5


def test_queue_counts_required_steps_per_client(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    registration.set_step_state(db, agent, made.client.id, "browser_check", StepState.DONE)
    registration.set_step_state(db, agent, made.client.id, "email_confirmed", StepState.DONE)
    rows = queue.queue_page(db, agent, filter=QueueFilter.ALL_OPEN).rows
    assert (rows[0].required_done, rows[0].required_total) == (2, 9)


def test_queue_filters_mine_unclaimed_overdue_status_search(db: Database, agent: Actor,
                                                            agent2: Actor) -> None:
    a = new_client(db, agent, 11)
    b = new_client(db, agent, 12)
    c = new_client(db, agent, 13)
    queue.claim(db, agent, a.request_id)
    queue.claim(db, agent2, b.request_id)
    with db.write_session() as s, s.begin():
        s.execute(update(Request).where(Request.id == c.request_id)
                  .values(deadline=utcnow() - timedelta(hours=1)))

    def ids(**kw: object) -> list[int]:
        return [r.request_id for r in queue.queue_page(db, agent, **kw).rows]  # type: ignore[arg-type]

    assert ids(filter=QueueFilter.MINE) == [a.request_id]
    assert ids(filter=QueueFilter.UNCLAIMED) == [c.request_id]
    assert ids(filter=QueueFilter.OVERDUE) == [c.request_id]
    _expire_lease(db, b.request_id)
    assert ids(filter=QueueFilter.UNCLAIMED) == [c.request_id, b.request_id]
    assert ids(filter=QueueFilter.ALL_OPEN, search="client12@") == [b.request_id]
    assert ids(filter=QueueFilter.ALL_OPEN, search="8 912 345-00-13") == [c.request_id]
    assert ids(filter=QueueFilter.ALL_OPEN, search="nobody") == []
    queue.set_status(db, agent, a.request_id, RequestStatus.DONE)
    assert ids(filter=QueueFilter.ALL_OPEN, status=RequestStatus.DONE) == [a.request_id]
    assert a.request_id not in ids(filter=QueueFilter.ALL_OPEN)
    mine = queue.queue_page(db, agent2, filter=QueueFilter.ALL_OPEN, search="client12@").rows
    assert mine[0].claimed_by_id is None  # the lease lapsed


def test_scenario6_one_claim_wins_the_other_is_told_who_and_since(db: Database, agent: Actor,
                                                                  agent2: Actor) -> None:
    made = new_client(db, agent)
    held = queue.claim(db, agent, made.request_id)
    assert held.claimed_by_name == "anna" and held.lease_expires_at is not None
    assert held.lease_expires_at - held.claimed_at == CLAIM_LEASE  # type: ignore[operator]
    with pytest.raises(ClaimConflict) as err:
        queue.claim(db, agent2, made.request_id)
    since = held.claimed_at.astimezone().strftime("%H:%M")  # type: ignore[union-attr]
    assert err.value.message == f"The request is held by anna since {since}."
    assert err.value.params["holder"] == "anna"
    again = queue.claim(db, agent, made.request_id)  # renewing keeps "since"
    assert again.claimed_at == held.claimed_at
    _expire_lease(db, made.request_id)
    taken = queue.claim(db, agent2, made.request_id)
    assert taken.claimed_by_name == "boris"


def test_scenario6_two_agents_press_next_at_once(db: Database, agent: Actor,
                                                 agent2: Actor) -> None:
    made = [new_client(db, agent, deadline=tomorrow(hours=h)) for h in (3, 2, 1)]
    results: dict[str, int | None] = {}
    barrier = threading.Barrier(2)

    def press(actor: Actor) -> None:
        barrier.wait()
        got = queue.next_request(db, actor)
        results[actor.username] = got.id if got else None

    threads = [threading.Thread(target=press, args=(a,)) for a in (agent, agent2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    got = set(results.values())
    assert len(got) == 2 and got == {made[2].request_id, made[1].request_id}
    third = queue.next_request(db, agent)
    assert third is not None and third.id == made[0].request_id
    assert queue.next_request(db, agent2) is None
