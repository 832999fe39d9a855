"""The queue: keyset pages, claims with leases, next request, status and scheme (R7, R14)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import event, update

from nit_desk.domain.errors import Conflict, ValidationError
from nit_desk.domain.types import (
    AdvanceReason,
    Network,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
    StepState,
)
from nit_desk.services.actor import Actor
from nit_desk.services.clients import registration
from nit_desk.services.dto import CLAIM_LEASE, ClaimConflict, QueueFilter
from nit_desk.services.queue import queue, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Request
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import (
    add_payment,
    agree_estimate,
    new_client,
    row_counts,
    set_request_status_raw,
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
    held = queue.queue_page(db, agent2, filter=QueueFilter.ALL_OPEN, search="client11@").rows
    assert held[0].claimed_by_name == "anna" and not held[0].claim_lapsed
    assert ids(filter=QueueFilter.UNCLAIMED) == [c.request_id]
    assert ids(filter=QueueFilter.OVERDUE) == [c.request_id]
    _expire_lease(db, b.request_id)
    assert ids(filter=QueueFilter.UNCLAIMED) == [c.request_id, b.request_id]
    assert ids(filter=QueueFilter.ALL_OPEN, search="client12@") == [b.request_id]
    assert ids(filter=QueueFilter.ALL_OPEN, search="8 912 345-00-13") == [c.request_id]
    assert ids(filter=QueueFilter.ALL_OPEN, search="nobody") == []
    set_request_status_raw(db, a.request_id, RequestStatus.IN_PROGRESS)
    request_life.mark_done(db, agent, a.request_id)
    assert ids(filter=QueueFilter.ALL_OPEN, status=RequestStatus.DONE) == [a.request_id]
    assert a.request_id not in ids(filter=QueueFilter.ALL_OPEN)
    mine = queue.queue_page(db, agent2, filter=QueueFilter.ALL_OPEN, search="client12@").rows
    assert mine[0].claimed_by_name == "boris" and mine[0].claim_lapsed


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


def _plans(sqlite_db: Database, call: object) -> list[str]:
    """Run ``call`` and return SQLite's query plan of every SELECT it sent."""
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(sqlite_db.engine, "before_cursor_execute", capture)
    try:
        call()  # type: ignore[operator]
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", capture)
    plans = []
    with sqlite_db.engine.connect() as conn:
        for statement, parameters in statements:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            plans.append("\n".join(str(r[-1]) for r in rows))
    return plans


def _no_scan(plans: list[str], *tables: str) -> None:
    """No plan line walks a whole table or a whole index of it."""
    for plan in plans:
        for line in plan.splitlines():
            for table in tables:
                assert not line.strip().startswith(f"SCAN {table}"), plan


def test_r7_every_filter_and_search_pages_one_row_at_a_time_like_one_page(
        db: Database, agent: Actor, agent2: Actor) -> None:
    """Each page shape (filter x search x first/later page) is one statement built once and
    re-bound: paging through it row by row gives exactly the rows of one large page."""
    same_hour = tomorrow(hours=3)  # equal deadlines: the id breaks the tie across pages
    made = [new_client(db, agent, 40 + n, deadline=same_hour if n % 2 else tomorrow(hours=n + 1))
            for n in range(7)]
    queue.claim(db, agent, made[1].request_id)
    queue.claim(db, agent2, made[2].request_id)
    with db.write_session() as s, s.begin():
        s.execute(update(Request).where(Request.id == made[3].request_id)
                  .values(deadline=utcnow() - timedelta(hours=2)))
    for flt in QueueFilter:
        for search in ("", "client4"):
            whole = [r.request_id for r in queue.queue_page(db, agent, filter=flt,
                                                            search=search).rows]
            paged, after = [], None
            while True:
                page = queue.queue_page(db, agent, filter=flt, search=search, after=after,
                                        limit=1)
                paged += [r.request_id for r in page.rows]
                if page.next_key is None:
                    break
                after = page.next_key
            assert paged == whole, (flt, search)
            assert whole, (flt, search)  # every shape has rows here, so the check bites
    mine = [r.request_id for r in queue.queue_page(db, agent2, filter=QueueFilter.MINE).rows]
    assert mine == [made[2].request_id]  # the acting user is bound per call, not per shape


def test_queue_page_refuses_a_bad_page_key(db: Database, agent: Actor) -> None:
    new_client(db, agent)
    for bad in ((utcnow().replace(tzinfo=None), 1), ("tomorrow", 1), (utcnow(), "x"), (1,)):
        with pytest.raises(ValidationError):
            queue.queue_page(db, agent, after=bad)  # type: ignore[arg-type]


def test_r7_queue_and_search_use_indexes_not_table_scans(sqlite_db: Database) -> None:
    """Default view, next page, search, mine, overdue, count: index ranges only (R7)."""
    from nit_desk.services.admin import users
    from tests.conftest import PASSWORD
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    boss = users.authenticate(sqlite_db, "boss", PASSWORD).actor
    for n in range(30):
        new_client(sqlite_db, boss, 300 + n, deadline=tomorrow(hours=n + 1))
    first = queue.queue_page(sqlite_db, boss, filter=QueueFilter.ALL_OPEN, limit=5)
    calls = {
        "default": (lambda: queue.queue_page(sqlite_db, boss, filter=QueueFilter.ALL_OPEN),
                    "ix_requests_status_deadline_id (status=?)"),
        "next page": (lambda: queue.queue_page(sqlite_db, boss, filter=QueueFilter.ALL_OPEN,
                                               after=first.next_key, limit=5),
                      "ix_requests_status_deadline_id (status=? AND deadline>?)"),
        "search phone": (lambda: queue.queue_page(sqlite_db, boss, search="8 912 345-03"),
                         "ix_requests_client_id (client_id=?)"),
        "search handle": (lambda: queue.queue_page(sqlite_db, boss, search="client_31"),
                          "ix_client_contacts_value (value>? AND value<?)"),
        "mine": (lambda: queue.queue_page(sqlite_db, boss, filter=QueueFilter.MINE),
                 "ix_requests_claimed_by_status"),
        "overdue": (lambda: queue.queue_page(sqlite_db, boss, filter=QueueFilter.OVERDUE),
                    "ix_requests_status_deadline_id (status=? AND deadline<?)"),
        "count": (lambda: queue.queue_count(sqlite_db, boss, QueueFilter.ALL_OPEN),
                  "COVERING INDEX ix_requests_status_deadline_id (status=?)"),
    }
    for name, (call, expected) in calls.items():
        plans = _plans(sqlite_db, call)
        assert any(expected in p for p in plans), (name, plans)
        _no_scan(plans, "requests", "client_contacts", "checklist_items", "clients")
    page_plans = "\n".join(_plans(sqlite_db, calls["default"][0]))
    assert "SEARCH checklist_items USING INDEX ix_checklist_items_client_id" in page_plans


def test_scenario2_returning_client_pays_on_completion_r14(db: Database, agent: Actor) -> None:
    """Request 1 done and paid (R20) -> the next one has no reason (a); unpaid keeps (a)."""
    made = new_client(db, agent)
    agree_estimate(db, agent, made.request_id, 210_000)
    set_request_status_raw(db, made.request_id, RequestStatus.DONE)
    unpaid = queue.create_request(db, agent, made.client.id, channel=Network.TELEGRAM,
                                  description="Set up the new printer", deadline=tomorrow())
    assert unpaid.first_time and unpaid.advance_reasons == (AdvanceReason.FIRST_TIME,)
    add_payment(db, made.request_id, 210_000, PaymentKind.ADVANCE)
    printer = queue.create_request(db, agent, made.client.id, channel=Network.TELEGRAM,
                                   description="Set up the new printer", deadline=tomorrow())
    assert not printer.first_time
    assert printer.payment_scheme is PaymentScheme.ON_COMPLETION
    assert printer.advance_reasons == ()
    again = clients_intake_existing(db, agent, made.client.id)
    assert queue.request_detail(db, agent, again).payment_scheme is PaymentScheme.ON_COMPLETION


def clients_intake_existing(db: Database, agent: Actor, client_id: int) -> int:
    """A returning client through the intake dialog with known contacts."""
    from nit_desk.services.clients import clients
    card = clients.client_card(db, agent, client_id)
    phone = next(c.value for c in card.contacts if c.kind.value == "phone")
    email = next(c.value for c in card.contacts if c.kind.value == "email")
    messengers = [(c.network, c.value) for c in card.contacts if c.network]
    return clients.intake(db, agent, clients.IntakeForm(
        handle="ignored", phone=phone, email=email,
        messengers=messengers, channel=Network.TELEGRAM, system_info="",
        description="Again", deadline=tomorrow(),
        existing_client_id=client_id)).request_id


def test_scenario3_flags_recompute_the_scheme_r14(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    agree_estimate(db, agent, made.request_id, 100)
    set_request_status_raw(db, made.request_id, RequestStatus.DONE)
    add_payment(db, made.request_id, 100, PaymentKind.FINAL)
    req = queue.create_request(db, agent, made.client.id, channel=Network.TELEGRAM,
                               description="Office network", deadline=tomorrow())
    assert req.payment_scheme is PaymentScheme.ON_COMPLETION
    spec = queue.update_flags(db, agent, req.id, req.version, has_specification=True,
                              offline_work=False, onsite_visit=False)
    assert spec.advance_reasons == (AdvanceReason.SPECIFICATION,)
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        queue.update_flags(db, agent, req.id, spec.version, has_specification=True,
                           offline_work=True, onsite_visit=True, visit_address="  ")
    assert err.value.field == "visit_address" and row_counts(db) == before
    every = queue.update_flags(db, agent, req.id, spec.version, has_specification=True,
                               offline_work=True, onsite_visit=True,
                               visit_address="Москва, ул. Примерная, 1, оф. 2")
    assert every.advance_reasons == (AdvanceReason.SPECIFICATION, AdvanceReason.OFFLINE_WORK,
                                     AdvanceReason.ONSITE_VISIT)
    with pytest.raises(Conflict):
        queue.update_flags(db, agent, req.id, spec.version, has_specification=False,
                           offline_work=False, onsite_visit=False)
    rows = queue.queue_page(db, agent, filter=QueueFilter.ALL_OPEN).rows
    assert rows[0].advance_reasons == every.advance_reasons


def test_r19_moves_need_the_holder_and_done_closes(db: Database, agent: Actor,
                                                   agent2: Actor) -> None:
    """R19 (was set_status): the holder moves a request; done closes it and clears the claim."""
    made = new_client(db, agent)
    queue.claim(db, agent, made.request_id)
    set_request_status_raw(db, made.request_id, RequestStatus.IN_PROGRESS)
    with pytest.raises(ClaimConflict):
        request_life.mark_done(db, agent2, made.request_id)
    done = request_life.mark_done(db, agent, made.request_id)
    assert done.status is RequestStatus.DONE
    assert done.closed_at is not None and done.claimed_by_id is None
    with pytest.raises(Conflict):
        request_life.start_work(db, agent, made.request_id)
    with pytest.raises(Conflict):
        queue.claim(db, agent2, made.request_id)


def test_release_and_heartbeat(db: Database, agent: Actor, agent2: Actor,
                               supervisor: Actor) -> None:
    a = new_client(db, agent)
    b = new_client(db, agent)
    first = queue.claim(db, agent, a.request_id)
    queue.claim(db, agent, b.request_id)
    _expire_lease(db, a.request_id)
    assert queue.renew_claims(db, agent) == 2
    renewed = queue.request_detail(db, agent, a.request_id)
    assert renewed.lease_expires_at > first.lease_expires_at  # type: ignore[operator]
    with pytest.raises(ClaimConflict):
        queue.release(db, agent2, a.request_id)
    assert queue.release(db, agent, a.request_id).claimed_by_id is None
    assert queue.release(db, supervisor, b.request_id).claimed_by_id is None
    assert queue.renew_claims(db, agent) == 0


def test_r12_next_request_skips_banned_clients(db: Database, agent: Actor,
                                               supervisor: Actor) -> None:
    from nit_desk.services.clients import bans
    banned = new_client(db, agent, 41, deadline=tomorrow(hours=1))
    ok = new_client(db, agent, 42, deadline=tomorrow(hours=5))
    proposal = bans.propose_ban(db, agent, banned.client.id, ["browser_check"], "bot")
    bans.approve_ban(db, supervisor, proposal.id, "")
    queue.create_request(db, supervisor, banned.client.id, channel=Network.TELEGRAM,
                         description="Supervisor's exception", deadline=tomorrow(hours=2),
                         allow_banned=True)
    with pytest.raises(Conflict):
        queue.create_request(db, agent, banned.client.id, channel=Network.TELEGRAM,
                             description="x", deadline=tomorrow())
    rows = queue.queue_page(db, agent, filter=QueueFilter.ALL_OPEN).rows
    assert [r.banned for r in rows] == [True, False]
    got = queue.next_request(db, agent)
    assert got is not None and got.id == ok.request_id


def test_scenario8_bad_request_input_nothing_written(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    before = row_counts(db)
    for kwargs, field in (
            ({"deadline": utcnow() - timedelta(minutes=1)}, "deadline"),
            ({"description": "карта 4111 1111 1111 1111"}, "description"),
            ({"channel": "fax"}, "channel"),
    ):
        values = {"channel": Network.TELEGRAM, "description": "ok", "deadline": tomorrow()}
        values.update(kwargs)
        with pytest.raises(ValidationError) as err:
            queue.create_request(db, agent, made.client.id, **values)  # type: ignore[arg-type]
        assert err.value.field == field
    assert row_counts(db) == before


def test_scenario6_simultaneous_claims_one_wins(db: Database, agent: Actor,
                                                agent2: Actor) -> None:
    """Both agents claim the same request at the same moment: one conditional UPDATE wins."""
    made = new_client(db, agent)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def press(actor: Actor) -> None:
        barrier.wait()
        try:
            outcomes[actor.username] = queue.claim(db, actor, made.request_id).claimed_by_name or ""
        except ClaimConflict as exc:
            outcomes[actor.username] = "refused:" + exc.holder

    threads = [threading.Thread(target=press, args=(a,)) for a in (agent, agent2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winner = queue.request_detail(db, agent, made.request_id).claimed_by_name
    loser = "boris" if winner == "anna" else "anna"
    assert outcomes == {winner: winner, loser: f"refused:{winner}"}
