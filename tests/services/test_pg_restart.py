"""The server goes away while a workstation works (issue 6 failure test, PostgreSQL only).

Every server connection of the test database is killed (``pg_terminate_backend``,
what a server restart does to its clients, without disturbing other databases
on the shared server) while a workstation keeps taking calls. The workstation
reconnects by itself (``pool_pre_ping``), its listener reports "reconnecting",
comes back and asks for a full reload, and every intake the workstation
reported as saved is in the database. Skips without ``NIT_DESK_TEST_PG_URL``.
"""

from __future__ import annotations

import queue as stdlib_queue
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from nit_desk.domain.errors import NitDeskError
from nit_desk.services import live
from nit_desk.services.actor import Actor
from nit_desk.services.change import Change
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.models import Client, Request
from tests.services.agent_support import new_client
from tests.services.pg_support import emptied, terminate_backends, wait_until


@pytest.fixture
def db(pg_database: Database) -> Database:
    """The PostgreSQL test database only, emptied."""
    return emptied(pg_database)


@pytest.fixture
def desk(db: Database) -> Iterator[Database]:
    """The workstation's own Database object (its own pool) on the test database."""
    workstation = open_database(db.url)
    yield workstation
    workstation.dispose()


class Workstation:
    """An agent taking calls in a loop on its own thread, as fast as the database allows."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.saved: list[tuple[int, int]] = []  # (client id, request id) reported as saved
        self.failed: list[str] = []
        self.saved_after_outage = threading.Event()
        self.outage_at: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name="desk")
        self._n = 5000

    def start(self) -> None:
        """Start taking calls."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the call in hand."""
        self._stop.set()
        self._thread.join(30)

    def _work(self) -> None:
        while not self._stop.is_set():
            self._n += 1
            try:
                result = new_client(self.db, self.actor, self._n)
            except (DBAPIError, NitDeskError) as exc:  # shown to the agent; they retry
                self.failed.append(type(exc).__name__)
                time.sleep(0.05)
                continue
            self.saved.append((result.client.id, result.request_id))
            if self.outage_at is not None and time.monotonic() > self.outage_at:
                self.saved_after_outage.set()


@pytest.mark.postgres
def test_every_change_reported_saved_survives_losing_the_server(
        db: Database, desk: Database, agent: Actor) -> None:
    """Issue 6 proof: kill every server connection twice mid-work; nothing reported
    saved is missing, the workstation goes on saving, the listener reloads in full."""
    heard: stdlib_queue.Queue[Change] = stdlib_queue.Queue()
    states: list[str] = []
    listener = live.ChangeListener(desk.url, heard.put, on_state=states.append,
                                   poll_timeout=0.2)
    listener.start()
    assert listener.wait_listening(5)
    station = Workstation(desk, agent)
    station.start()
    try:
        kills: list[int] = []
        for outage in range(2):
            assert wait_until(lambda: len(station.saved) >= 5, timeout=20)
            before = len(station.saved)
            station.outage_at = time.monotonic()
            station.saved_after_outage.clear()
            killed = terminate_backends(db)
            assert killed >= 1
            kills.append(killed)
            assert station.saved_after_outage.wait(20), "the workstation did not reconnect"
            assert wait_until(lambda n=before: len(station.saved) > n + 3, timeout=20)
            assert wait_until(lambda n=outage: listener.reconnects == n + 1 and
                              listener.state == live.CONNECTED, timeout=20)
    finally:
        station.stop()
    try:
        assert wait_until(lambda: listener.reconnects >= 2 and
                          listener.state == live.CONNECTED, timeout=20)
    finally:
        listener.stop()
    assert states.count(live.RECONNECTING) >= 2
    assert states[-1] == live.CONNECTED
    changes = []
    while not heard.empty():
        changes.append(heard.get())
    assert sum(1 for c in changes if "*" in c.entities) >= 2  # a full reload per return
    _assert_all_saved_are_stored(db, station.saved)
    print(f"killed {kills} connections; {len(station.saved)} saved, "
          f"{len(station.failed)} refused while the server was gone")


def _assert_all_saved_are_stored(db: Database, saved: list[tuple[int, int]]) -> None:
    clients = {c for c, _ in saved}
    requests = {r for _, r in saved}
    with db.read_session() as session:
        stored_clients = set(session.execute(
            select(Client.id).where(Client.id.in_(clients))).scalars())
        stored_requests = set(session.execute(
            select(Request.id).where(Request.id.in_(requests))).scalars())
        total = session.execute(select(func.count()).select_from(Client)).scalar_one()
    assert stored_clients == clients, f"lost: {sorted(clients - stored_clients)[:10]}"
    assert stored_requests == requests
    assert total >= len(clients)


@pytest.mark.postgres
def test_the_listener_reconnects_with_back_off_and_reloads(db: Database) -> None:
    """Killing only the listening connection: "reconnecting", then back, then a full
    reload of every screen."""
    heard: stdlib_queue.Queue[Change] = stdlib_queue.Queue()
    states: list[str] = []
    listener = live.ChangeListener(db.url, heard.put, on_state=states.append,
                                   poll_timeout=0.2)
    listener.start()
    try:
        assert listener.wait_listening(5)
        pid = listener.backend_pid()
        assert pid is not None
        terminate_backends(db, pids=[pid])
        assert wait_until(lambda: listener.reconnects == 1 and
                          listener.state == live.CONNECTED, timeout=10)
        assert heard.get(timeout=5) == live.FULL_RELOAD
        assert listener.backend_pid() != pid
    finally:
        listener.stop()
    assert states == [live.CONNECTED, live.RECONNECTING, live.CONNECTED]


def _claims_backend_pids(db: Database) -> list[int]:
    """Server pids of the claims connections to the test database (by application name)."""
    from nit_desk.services.storage.pg_claims import APPLICATION_NAME

    with db.read_session() as session:
        return list(session.execute(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND application_name = :name"), {"name": APPLICATION_NAME}).scalars())


def _desk_claims_pids(db: Database, others: set[int]) -> list[int]:
    """The claims connections of the test's own desk: those that were not there before it
    pressed. Another test's Database object (the session-wide one on PostgreSQL) may keep a
    claims connection of its own open; a shuffled run found this test counting it."""
    return [pid for pid in _claims_backend_pids(db) if pid not in others]


@pytest.mark.postgres
def test_a_claims_connection_idle_for_a_while_is_checked_before_the_press(
        db: Database, desk: Database, agent: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 6: the server dropped the claims connection while the agent was on a call;
    their next "next request" is pinged first, finds it dead and just works."""
    from nit_desk.services.queue import claims
    from nit_desk.services.storage import pg_claims

    for n in range(3):
        new_client(desk, agent, n)
    others = set(_claims_backend_pids(db))
    assert claims.next_request(desk, agent) is not None
    [pid] = _desk_claims_pids(db, others)
    assert terminate_backends(db, pids=[pid]) == 1
    monkeypatch.setattr(pg_claims, "PING_AFTER_IDLE_S", 0.0)  # "a while" has passed
    taken = claims.next_request(desk, agent)
    assert taken is not None and taken.claimed_by_id == agent.user_id
    assert wait_until(lambda: len(_desk_claims_pids(db, others)) == 1, timeout=5)
    assert _desk_claims_pids(db, others) != [pid]


@pytest.mark.postgres
def test_a_dead_claims_connection_used_a_moment_ago_fails_once_then_recovers(
        db: Database, desk: Database, agent: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The price of not pinging presses that come back to back: if the server goes away in
    that instant, the press reports the lost connection (nothing was claimed) and the
    next press reconnects."""
    from nit_desk.services.queue import claims
    from nit_desk.services.storage import pg_claims

    for n in range(3):
        new_client(desk, agent, n)
    others = set(_claims_backend_pids(db))
    assert claims.next_request(desk, agent) is not None
    [pid] = _desk_claims_pids(db, others)
    assert terminate_backends(db, pids=[pid]) == 1
    monkeypatch.setattr(pg_claims, "PING_AFTER_IDLE_S", 3600.0)  # "a moment ago"
    with pytest.raises(DBAPIError) as lost:
        claims.next_request(desk, agent)
    assert lost.value.connection_invalidated
    with db.read_session() as session:
        held = session.execute(select(func.count()).select_from(Request).where(
            Request.claimed_by_id == agent.user_id)).scalar_one()
    assert held == 1
    assert claims.next_request(desk, agent) is not None


def test_back_off_doubles_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """No server at all: retries wait 0.5, 1, 2, 4, 8, 10, 10 ... seconds."""
    import psycopg

    waits: list[float] = []
    listener = live.ChangeListener(
        make_url_nowhere(), lambda _c: None, poll_timeout=0.1)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise psycopg.OperationalError("connection refused")

    def fake_wait(seconds: float | None = None) -> bool:
        waits.append(float(seconds or 0))
        return len(waits) >= 8  # then "stop"

    monkeypatch.setattr(psycopg, "connect", refuse)  # live imports it when it connects
    monkeypatch.setattr(listener._stop, "wait", fake_wait)
    listener._run()
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0]
    assert listener.state == live.RECONNECTING


def make_url_nowhere() -> URL:
    """A PostgreSQL URL nothing listens on (never contacted: connect is replaced)."""
    return URL.create("postgresql+psycopg", username="nobody", host="127.0.0.1", port=1,
                      database="none")
