"""A lost PostgreSQL connection is not a crash (issue 15 item 4).

The server ends this desk's own backend (``pg_terminate_backend``, what a
restart or a network cut does) right before the n-th statement of a service
call. A read is run once more on a fresh connection and answers; a write says
"not saved: the connection to the server was lost — try again", wrote nothing,
and saves when tried again. Every statement of an intake and of a card read is
attacked in turn: none may end in a raw driver error. PostgreSQL only; the
SQLite half checks that its own errors are never taken for a lost server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from nit_desk.domain.errors import (
    NOT_SAVED_CONNECTION_LOST,
    READ_CONNECTION_LOST,
    ConnectionLost,
)
from nit_desk.domain.types import StepState
from nit_desk.services.actor import Actor
from nit_desk.services.admin import audit
from nit_desk.services.admin.audit_dto import AuditQuery
from nit_desk.services.clients import clients, registration, work_log
from nit_desk.services.clients.card_view import card_view
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database, is_connection_lost, open_database
from nit_desk.services.storage.models import AuditEntry, Client, Request
from nit_desk.services.uow import retrying_reads
from tests.services.agent_support import intake_values, new_client
from tests.services.pg_support import emptied, terminate_backends, wait_until


class BackendKiller:
    """Terminates the connection's own server backend before chosen statements."""

    def __init__(self, desk: Database, admin: Database) -> None:
        self.admin = admin
        self.statement = 0
        self.kill_at: set[int] = set()
        self.kills = 0
        event.listen(desk.engine, "before_cursor_execute", self._before)

    def arm(self, *statements: int) -> None:
        """Kill before these statements (1-based) counted from now."""
        self.statement, self.kill_at = 0, set(statements)

    def _before(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
        self.statement += 1
        if self.statement not in self.kill_at:
            return
        pid = conn.connection.dbapi_connection.info.backend_pid
        assert terminate_backends(self.admin, pids=[pid]) == 1
        assert wait_until(lambda: not self._alive(pid), timeout=5)
        self.kills += 1

    def _alive(self, pid: int) -> bool:
        with self.admin.engine.connect() as conn:
            return bool(conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = %(pid)s",
                {"pid": pid}).scalar_one())


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


@pytest.fixture
def killer(desk: Database, db: Database) -> BackendKiller:
    return BackendKiller(desk, db)


def _counts(db: Database) -> tuple[int, int, int]:
    with db.read_session() as s:
        return (s.execute(select(func.count()).select_from(Client)).scalar_one(),
                s.execute(select(func.count()).select_from(Request)).scalar_one(),
                s.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def _statements(killer: BackendKiller, call: object) -> int:
    killer.arm()
    call()  # type: ignore[operator]
    return killer.statement


@pytest.mark.postgres
def test_a_read_is_retried_once_on_a_fresh_connection(desk: Database, agent: Actor,
                                                      killer: BackendKiller) -> None:
    made = new_client(desk, agent, 1)
    n = _statements(killer, lambda: card_view(desk, agent, made.request_id))
    for at in range(1, n + 1):
        killer.arm(at)
        view = retrying_reads(card_view, desk, agent, made.request_id)
        assert view.card.id == made.client.id
    assert killer.kills == n


@pytest.mark.postgres
def test_a_read_that_fails_twice_says_so(desk: Database, agent: Actor,
                                         killer: BackendKiller) -> None:
    made = new_client(desk, agent, 1)
    killer.arm(1, 3)  # the first statement of each attempt (a role check, then the read)
    with pytest.raises(ConnectionLost) as lost:
        retrying_reads(clients.client_history, desk, agent, made.client.id)
    assert lost.value.template == READ_CONNECTION_LOST and killer.kills == 2


@pytest.mark.postgres
def test_a_write_that_lost_its_connection_says_not_saved(db: Database, desk: Database,
                                                         agent: Actor,
                                                         killer: BackendKiller) -> None:
    """Every statement of an intake attacked in turn: no raw error, nothing half-written.

    Before the call has queued a change (the role check, the duplicate lookups) it
    is still a read and is run again; after that the agent is told "not saved" and
    nothing was written.
    """
    new_client(desk, agent, 1000)  # the first intake also makes the checklist template
    statements = _statements(killer, lambda: clients.intake(
        desk, agent, clients.IntakeForm(**intake_values(1001))))
    tried = refused = retried = 0
    for at in range(1, statements + 1):
        form = clients.IntakeForm(**intake_values(at))
        before = _counts(db)
        killer.arm(at)
        tried += 1
        try:
            saved = retrying_reads(clients.intake, desk, agent, form)
        except ConnectionLost as lost:
            refused += 1
            assert lost.template == NOT_SAVED_CONNECTION_LOST and not lost.nothing_written
            assert "try again" in lost.message
            assert _counts(db) == before, f"a partial write at statement {at}"
            saved = clients.intake(desk, agent, form)  # the agent tries again: saved
        else:
            retried += 1
        assert _counts(db)[:2] == (before[0] + 1, before[1] + 1)
        assert clients.client_card(db, agent, saved.client.id).handle == form.handle
    assert tried == refused + retried == statements == killer.kills
    assert refused > 0 and retried > 0  # both phases attacked: lookups, then the writes
    print(f"write attacks: {tried} tried, {refused} refused as 'not saved', "
          f"{retried} retried before writing, 0 lost, 0 half-written")


def test_sqlite_errors_are_not_a_lost_server() -> None:
    """"database is locked" is SQLite's refusal, not a broken connection."""
    locked = OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError(
        "database is locked"))
    assert not is_connection_lost(locked)
    assert not is_connection_lost(ValueError("no database error at all"))


@pytest.mark.postgres
def test_every_statement_of_every_call_attacked_gives_no_raw_error(
        db: Database, desk: Database, agent: Actor, supervisor: Actor,
        killer: BackendKiller) -> None:
    """The issue's figure: backends killed during service calls; how many raw errors.

    Each statement of each call is attacked in turn. A read must answer (one retry)
    or say so; a write must answer or say "not saved" having written nothing; no
    call may end in a driver error (the crash dialog).
    """
    made = new_client(desk, agent, 1)
    rid, cid = made.request_id, made.client.id
    notes = iter(range(10_000))
    calls: dict[str, Callable[[], object]] = {
        "queue_page": lambda: queue.queue_page(desk, agent),
        "client_card": lambda: clients.client_card(desk, agent, cid),
        "client_history": lambda: clients.client_history(desk, agent, cid),
        "work_log": lambda: work_log.work_log(desk, agent, rid),
        "audit_view": lambda: audit.audit_view(desk, supervisor, AuditQuery()),
        "add_note": lambda: work_log.add_note(desk, agent, rid, f"перезвонить, попытка "
                                              f"{next(notes)}"),
        "set_step_state": lambda: registration.set_step_state(
            desk, agent, cid, "browser_check",
            StepState.DONE if next(notes) % 2 else StepState.PENDING),
    }
    tried = answered = not_saved = raw = 0
    for name, call in calls.items():
        for at in range(1, _statements(killer, call) + 1):
            before, kills = _counts(db), killer.kills
            killer.arm(at)
            try:
                retrying_reads(call)
                outcome = "answered"
            except ConnectionLost as lost:
                outcome = "not saved"
                assert not lost.nothing_written, f"{name}: a read failed after its retry"
                assert _counts(db) == before, f"{name}: half-written at statement {at}"
            except Exception:  # noqa: BLE001 - what the agent would see as a crash
                outcome = "raw"
            if killer.kills == kills:  # this run had fewer statements: no attack made
                continue
            tried += 1
            answered += outcome == "answered"
            not_saved += outcome == "not saved"
            raw += outcome == "raw"
    print(f"{tried} attacks on {len(calls)} calls: {answered} answered, {not_saved} "
          f"'not saved' (nothing written), {raw} raw errors")
    assert raw == 0 and tried == answered + not_saved and tried > 40
