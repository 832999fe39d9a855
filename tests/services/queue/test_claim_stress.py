"""Claiming at scale: SKIP LOCKED, leases that lapse, and many desks pressing "next" (R7).

Issue 6 proof: 16 processes claim from 10,000 requests as fast as they can on
PostgreSQL, 4 on SQLite; every request is claimed exactly once, none lost,
none twice. Each process records what ``next_request`` gave it; the union of
the records and the database's own state must agree.
"""

from __future__ import annotations

import multiprocessing
import queue as stdlib_queue
import shutil
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, text

from nit_desk.domain.types import Network, RequestStatus, Role
from nit_desk.services.actor import Actor
from nit_desk.services.queue import claims, queue
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.models import AuditEntry, Request, User
from nit_desk.services.storage.types import utcnow
from tests.services.agent_support import new_client

REQUESTS = 10_000
SPAWN = multiprocessing.get_context("spawn")


# -- bulk set-up -------------------------------------------------------------------------


def seed_queue(db: Database, actor: Actor, count: int) -> list[int]:
    """One client from a real intake, then ``count`` open requests inserted in bulk.

    Returns:
        The ids of every open unclaimed request, the intake's included.
    """
    first = new_client(db, actor)
    client_id = first.client.id
    with db.read_session() as session:  # the scheme intake chose, for every bulk row (R14)
        scheme, reasons = session.execute(select(
            Request.payment_scheme, Request.advance_reasons).where(
            Request.id == first.request_id)).one()
    now = utcnow()
    rows = [{"client_id": client_id, "channel": Network.TELEGRAM.value,
             "status": RequestStatus.NEW.value, "description": f"bulk request {i}",
             "deadline": now + timedelta(minutes=30 + i % 997), "created_at": now,
             "created_by_id": actor.user_id, "first_time": True,
             "payment_scheme": scheme, "advance_reasons": reasons,
             "version": 1} for i in range(count - 1)]
    with db.write_session() as session, session.begin():
        session.execute(insert(Request), rows)
    with db.read_session() as session:
        return list(session.execute(select(Request.id).where(
            Request.claimed_by_id.is_(None))).scalars())


def make_agents(db: Database, count: int) -> list[Actor]:
    """``count`` active agents inserted directly (no password: they never sign in here)."""
    names = [f"desk{i:02d}" for i in range(count)]
    with db.write_session() as session, session.begin():
        session.execute(insert(User), [{"username": n, "role": Role.AGENT.value,
                                        "password_hash": "!", "active": True,
                                        "created_at": utcnow()} for n in names])
    with db.read_session() as session:
        ids = {name: uid for name, uid in session.execute(
            select(User.username, User.id).where(User.username.in_(names)))}
    return [Actor(user_id=ids[n], username=n, role=Role.AGENT) for n in names]


# -- the workers (module level: spawned processes import them) ----------------------------


def claim_until_empty(url: str, actor: Actor, barrier: Barrier,
                      results: multiprocessing.Queue[Any]) -> None:
    """One workstation: press "next request" until the queue is empty; report the ids."""
    db = open_database(url)
    claimed: list[int] = []
    try:
        barrier.wait(timeout=60)
        started = time.perf_counter()
        while (request := claims.next_request(db, actor)) is not None:
            claimed.append(request.id)
        results.put((actor.user_id, claimed, time.perf_counter() - started, None))
    except BaseException as exc:  # report, so the parent fails with the reason
        results.put((actor.user_id, claimed, 0.0, repr(exc)))
    finally:
        db.dispose()


def run_desks(db: Database, actors: list[Actor]) -> dict[int, list[int]]:
    """Run one spawned process per actor against ``db``; what each one claimed."""
    url = db.url.render_as_string(hide_password=False)
    barrier = SPAWN.Barrier(len(actors))
    results: multiprocessing.Queue[Any] = SPAWN.Queue()
    procs = [SPAWN.Process(target=claim_until_empty, args=(url, a, barrier, results))
             for a in actors]
    for proc in procs:
        proc.start()
    claimed: dict[int, list[int]] = {}
    errors: list[str] = []
    try:
        for _ in procs:
            user_id, ids, _elapsed, error = results.get(timeout=600)
            claimed[user_id] = ids
            if error:
                errors.append(error)
    finally:
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
    assert not errors, errors
    return claimed


def assert_each_claimed_once(db: Database, expected: list[int],
                             claimed: dict[int, list[int]]) -> None:
    """None lost, none twice: the processes' records and the database agree."""
    every = [rid for ids in claimed.values() for rid in ids]
    twice = [rid for rid, n in Counter(every).items() if n > 1]
    assert not twice, f"claimed twice: {twice[:10]}"
    assert sorted(every) == sorted(expected), "lost or invented requests"
    with db.read_session() as session:
        holders = {rid: uid for rid, uid in session.execute(
            select(Request.id, Request.claimed_by_id))}
        audited = session.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "request.claimed")).scalar_one()  # bookkeeping, not R17
    assert all(holders[rid] is not None for rid in expected), "a request left unclaimed"
    for user_id, ids in claimed.items():
        assert all(holders[rid] == user_id for rid in ids), "the database names another holder"
    assert audited == 0


# -- the stress runs ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.postgres
def test_r7_sixteen_desks_claim_ten_thousand_requests_once_each_on_postgresql(
        pg_database: Database) -> None:
    """Issue 6: 16 processes, FOR UPDATE SKIP LOCKED, every request exactly once."""
    from tests.services.pg_support import emptied

    db = emptied(pg_database)
    _stress(db, desks=16)


@pytest.mark.slow
def test_r7_four_desks_claim_ten_thousand_requests_once_each_on_sqlite(
        sqlite_template: Path, tmp_path: Path) -> None:
    """Issue 6: the same on one SQLite file, 4 processes (BEGIN IMMEDIATE serialises).

    The file sits on a RAM disk where there is one (/dev/shm): the pragmas are the
    program's own (synchronous=FULL), but an fsync there costs nothing, so the run
    measures the locking under test rather than this machine's disk.
    """
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path
    try:
        shutil.copy(sqlite_template, folder / "stress.db")
        db = open_database(folder / "stress.db")
        try:
            _stress(db, desks=4)
        finally:
            db.dispose()
    finally:
        if folder != tmp_path:
            shutil.rmtree(folder, ignore_errors=True)


def _stress(db: Database, *, desks: int) -> None:
    from nit_desk.services.admin import users
    from tests.conftest import PASSWORD

    users.create_first_supervisor(db, "boss", PASSWORD)
    boss = users.authenticate(db, "boss", PASSWORD).actor
    expected = seed_queue(db, boss, REQUESTS)
    assert len(expected) == REQUESTS
    actors = make_agents(db, desks)
    started = time.perf_counter()
    claimed = run_desks(db, actors)
    elapsed = time.perf_counter() - started
    assert_each_claimed_once(db, expected, claimed)
    busy = [uid for uid, ids in claimed.items() if ids]
    print(f"{desks} desks on {db.backend.name}: {REQUESTS} claims in {elapsed:.1f} s "
          f"({REQUESTS / elapsed:.0f}/s), {len(busy)} desks got work")


# -- SKIP LOCKED, seen in the SQL and in behaviour ------------------------------------------


def test_next_request_asks_for_skip_locked_on_postgresql(db: Database, agent: Actor) -> None:
    """The one claiming statement says FOR UPDATE ... SKIP LOCKED for both candidates (the
    soonest unclaimed, the soonest lapsed) and finds the unclaimed one by its partial index.
    SQLite has no such clause: its BEGIN IMMEDIATE writer lock serialises "next" instead.
    On PostgreSQL the same statement also sends the NOTIFY: one round trip per press."""
    new_client(db, agent)
    seen: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, params, _context, _many):  # type: ignore[no-untyped-def]
        seen.append((statement, params))

    def record_raw(dbapi_connection, _record, _proxy):  # type: ignore[no-untyped-def]
        # The claims pool runs its statement on the DBAPI cursor, past SQLAlchemy's events.
        dbapi_connection.cursor_factory = _recording_cursor(seen)

    claims_engine = db.backend.claims_engine
    event.listen(db.engine, "before_cursor_execute", capture)
    if claims_engine is not None:
        db.backend.dispose()  # so the claim below opens its connection afresh
        event.listen(claims_engine, "checkout", record_raw)
    try:
        assert queue.next_request(db, agent) is not None
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
        if claims_engine is not None:
            event.remove(claims_engine, "checkout", record_raw)
            db.backend.dispose()
    claiming = [(s, p) for s, p in seen if "UPDATE requests SET claimed_by_id" in s]
    assert len(claiming) == 1, [s for s, _ in seen]
    statement, params = claiming[0]
    if db.is_sqlite:
        assert "SKIP LOCKED" not in statement.upper()
        return
    assert statement.count("FOR UPDATE OF requests SKIP LOCKED") == 2
    assert "pg_notify" in statement and "synchronous_commit" in params.values()
    assert len(seen) == 1, [s for s, _ in seen]  # nothing else: no BEGIN, ping or NOTIFY
    with db.engine.connect() as conn:
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, params))
        conn.rollback()
    assert "ix_requests_unclaimed_deadline" in plan, plan


def _recording_cursor(seen: list[tuple[str, Any]]) -> type:
    """A psycopg cursor class that notes every statement it executes in ``seen``."""
    import psycopg

    class Recording(psycopg.Cursor):  # type: ignore[type-arg]
        def execute(self, query, params=None, **kwargs):  # type: ignore[no-untyped-def]
            seen.append((str(query), params))
            return super().execute(query, params, **kwargs)

    return Recording


@pytest.mark.postgres
def test_next_request_passes_a_locked_request_without_waiting(db: Database, agent: Actor,
                                                              agent2: Actor) -> None:
    """Scenario 6 at scale: while one desk's transaction holds the soonest request, another
    desk's "next" gets the following one at once instead of queueing behind it."""
    if db.is_sqlite:
        pytest.skip("row locks and SKIP LOCKED are PostgreSQL's")
    first = new_client(db, agent, deadline=utcnow() + timedelta(hours=1)).request_id
    second = new_client(db, agent, deadline=utcnow() + timedelta(hours=2)).request_id
    with db.engine.connect() as holder:
        holder.execute(text("SELECT id FROM requests WHERE id = :i FOR UPDATE"), {"i": first})
        started = time.monotonic()
        got = queue.next_request(db, agent2)
        waited = time.monotonic() - started
        holder.rollback()
    assert got is not None and got.id == second
    assert waited < 2.0


# -- leases ----------------------------------------------------------------------------------


def test_r7_a_vanished_desk_loses_its_claim_when_the_lease_lapses(
        db: Database, agent: Actor, agent2: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    """A desk that stops its heartbeat (crash, cable) loses the claim; "next" gives it out
    again. The lease is a few minutes in production; one second here."""
    monkeypatch.setattr(claims, "CLAIM_LEASE", timedelta(seconds=1))
    request_id = new_client(db, agent).request_id
    taken = queue.next_request(db, agent)
    assert taken is not None and taken.id == request_id
    assert queue.next_request(db, agent2) is None  # held, and the lease is live
    time.sleep(1.3)  # no heartbeat: the desk is gone
    again = queue.next_request(db, agent2)
    assert again is not None and again.id == request_id
    assert again.claimed_by_id == agent2.user_id
    assert queue.renew_claims(db, agent) == 0  # the vanished desk has nothing left


def test_r7_a_heartbeat_keeps_the_claim(db: Database, agent: Actor, agent2: Actor,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A desk that keeps beating keeps its request past the lease length."""
    monkeypatch.setattr(claims, "CLAIM_LEASE", timedelta(seconds=1))
    request_id = new_client(db, agent).request_id
    assert queue.next_request(db, agent) is not None
    stop = threading.Event()
    errors: stdlib_queue.Queue[BaseException] = stdlib_queue.Queue()

    def heartbeat() -> None:
        while not stop.wait(0.3):
            try:
                queue.renew_claims(db, agent)
            except BaseException as exc:
                errors.put(exc)

    beating = threading.Thread(target=heartbeat)
    beating.start()
    try:
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            assert queue.next_request(db, agent2) is None
            time.sleep(0.2)
    finally:
        stop.set()
        beating.join()
    assert errors.empty()
    assert queue.request_detail(db, agent, request_id).claimed_by_id == agent.user_id


def test_r18_an_inactive_agent_gets_no_request(db: Database, agent: Actor,
                                               supervisor: Actor) -> None:
    """The claiming statement itself checks that the actor is active: a deactivated
    agent pressing "next" is refused and the request stays in the queue."""
    from nit_desk.domain.errors import PermissionDenied
    from nit_desk.services.admin import users

    request_id = new_client(db, agent).request_id
    users.set_active(db, supervisor, agent.user_id, False)
    with pytest.raises(PermissionDenied):
        queue.next_request(db, agent)
    assert queue.request_detail(db, supervisor, request_id).claimed_by_id is None
