"""Live queue on PostgreSQL: LISTEN/NOTIFY from a committed unit of work (issue 6, R7).

A change committed through one :class:`Database` reaches a listener on
another connection within a second; a rolled-back transaction announces
nothing; a workstation's own commits can be skipped (they are announced
locally already). Needs ``NIT_DESK_TEST_PG_URL``; skips without it.
"""

from __future__ import annotations

import json
import queue as stdlib_queue
import time
from collections.abc import Iterator

import pytest

from nit_desk.domain.errors import Conflict
from nit_desk.services import live
from nit_desk.services.actor import Actor
from nit_desk.services.change import Change
from nit_desk.services.clients import clients
from nit_desk.services.storage.engine import Database, open_database
from tests.services.agent_support import new_client
from tests.services.pg_support import emptied


@pytest.fixture
def db(pg_database: Database) -> Database:
    """The PostgreSQL test database only, emptied (LISTEN/NOTIFY has no SQLite side)."""
    return emptied(pg_database)


@pytest.fixture
def other_desk(db: Database) -> Iterator[Database]:
    """A second Database object on the same server: another workstation."""
    other = open_database(db.url)
    yield other
    other.dispose()


class Inbox:
    """Collects what a listener hands over, for the test thread to wait on."""

    def __init__(self) -> None:
        self.changes: stdlib_queue.Queue[Change] = stdlib_queue.Queue()
        self.states: list[str] = []

    def next(self, timeout: float = 1.0) -> Change:
        """The next change, or a test failure after ``timeout`` seconds."""
        try:
            return self.changes.get(timeout=timeout)
        except stdlib_queue.Empty:
            pytest.fail(f"no change notification within {timeout} s")

    def empty_after(self, seconds: float) -> bool:
        """Whether nothing at all arrives within ``seconds``."""
        try:
            self.changes.get(timeout=seconds)
        except stdlib_queue.Empty:
            return True
        return False


def _listening(db: Database, inbox: Inbox, **kwargs: object) -> live.ChangeListener:
    listener = live.ChangeListener(db.url, inbox.changes.put, on_state=inbox.states.append,
                                   poll_timeout=0.2, **kwargs)  # type: ignore[arg-type]
    listener.start()
    assert listener.wait_listening(5), "the listener did not connect"
    return listener


def test_r7_a_commit_elsewhere_reaches_the_listener_within_a_second(
        db: Database, other_desk: Database, agent: Actor) -> None:
    """Issue 6 live queue: another workstation's intake shows up in under a second."""
    inbox = Inbox()
    listener = _listening(db, inbox)
    try:
        started = time.monotonic()
        result = new_client(other_desk, agent)
        change = inbox.next(timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        listener.stop()
    assert elapsed < 1.0
    assert {"client", "request"} <= change.entities
    assert result.client.id in change.client_ids
    assert listener.state == live.STOPPED
    assert inbox.states == [live.CONNECTED]


def test_r7_a_claim_elsewhere_reaches_the_listener_and_ones_own_is_skipped(
        db: Database, other_desk: Database, agent: Actor, agent2: Actor) -> None:
    """"Next request" on PostgreSQL builds its notification in SQL, beside the claim:
    another desk hears it like any other change (entity, client), and the claiming
    desk's own listener skips it (it was told locally)."""
    from nit_desk.services.queue import claims

    first, second = new_client(db, agent, 1), new_client(db, agent, 2)
    inbox = Inbox()
    listener = _listening(db, inbox, ignore_origin=db.backend.origin)
    try:
        assert claims.next_request(db, agent) is not None  # this desk's own claim
        assert inbox.empty_after(0.5)
        started = time.monotonic()
        taken = claims.next_request(other_desk, agent2)
        change = inbox.next(timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        listener.stop()
    assert taken is not None and elapsed < 1.0
    assert change.entities == frozenset({"request"})
    assert change.client_ids == frozenset({taken.client_id})
    assert taken.client_id in {first.client.id, second.client.id}


def test_r7_a_rolled_back_transaction_announces_nothing(
        db: Database, other_desk: Database, agent: Actor) -> None:
    """NOTIFY goes out only on commit: the rolled-back announcement never arrives."""
    inbox = Inbox()
    listener = _listening(db, inbox)
    try:
        with other_desk.write_session() as session:
            session.begin()
            other_desk.backend.announce_change(session, frozenset({"ghost"}), frozenset({999}))
            session.rollback()
        assert inbox.empty_after(0.5)
        marker = new_client(other_desk, agent)  # a committed change after the rolled-back one
        change = inbox.next()
    finally:
        listener.stop()
    assert "ghost" not in change.entities
    assert change.client_ids == {marker.client.id}


def test_r7_a_refused_service_call_announces_nothing(
        db: Database, other_desk: Database, agent: Actor) -> None:
    """A service that refuses (here a stale version, R9 style refusal) commits nothing."""
    result = new_client(other_desk, agent)
    card = clients.client_card(other_desk, agent, result.client.id)
    clients.update_client(other_desk, agent, result.client.id, card.version,
                          system_info="Windows 11")
    inbox = Inbox()
    listener = _listening(db, inbox)
    try:
        with pytest.raises(Conflict):
            clients.update_client(other_desk, agent, result.client.id, card.version,
                                  system_info="stale edit")
        assert inbox.empty_after(0.5)
    finally:
        listener.stop()


def test_own_commits_are_skipped_when_asked(db: Database, other_desk: Database,
                                            agent: Actor) -> None:
    """The GUI already hears its own commits locally: its listener skips their echo."""
    inbox = Inbox()
    listener = _listening(db, inbox, ignore_origin=db.backend.origin)  # type: ignore[attr-defined]
    try:
        new_client(db, agent)  # our own write: announced locally, not again
        theirs = new_client(other_desk, agent)
        change = inbox.next()
        assert change.client_ids == {theirs.client.id}
        assert inbox.empty_after(0.3)
    finally:
        listener.stop()


def test_every_commit_of_a_burst_arrives_in_order(db: Database, other_desk: Database,
                                                  agent: Actor) -> None:
    """Twenty quick intakes elsewhere: twenty notifications, in commit order."""
    inbox = Inbox()
    listener = _listening(db, inbox)
    try:
        made = [new_client(other_desk, agent).client.id for _ in range(20)]
        seen = [next(iter(inbox.next().client_ids)) for _ in made]
    finally:
        listener.stop()
    assert seen == made


def test_stop_is_prompt(db: Database) -> None:
    """Closing the workstation does not wait for a notification to arrive."""
    inbox = Inbox()
    listener = _listening(db, inbox)
    started = time.monotonic()
    listener.stop()
    assert time.monotonic() - started < 1.5
    assert listener.backend_pid() is None


def test_payload_is_read_into_a_change() -> None:
    """The announcing side's JSON becomes the same Change a local commit gives."""
    change = live.parse_payload('{"e": ["client", "request"], "c": [3, 1], "o": "x"}')
    assert change == Change(entities=frozenset({"client", "request"}),
                            client_ids=frozenset({1, 3}))
    assert live.payload_origin('{"e": [], "o": "abc"}') == "abc"


@pytest.mark.parametrize("payload", ["not json", "[1, 2]", '{"e": "x", "c": ["a"]}', "{}"])
def test_an_unreadable_payload_means_reload_everything(payload: str) -> None:
    """Better one reload too many than a screen that silently misses a change."""
    assert "*" in live.parse_payload(payload).entities


def test_a_cut_client_list_means_reload_everything() -> None:
    """At the announcing side's limit of client ids the list may be cut: reload all."""
    ids = list(range(live.CLIENT_IDS_LIMIT))
    change = live.parse_payload(json.dumps({"e": ["client"], "c": ids}))
    assert "*" in change.entities and "client" in change.entities
