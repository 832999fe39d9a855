"""The work log of a request (R22): notes, the timeline, time spent against the estimate.

Scenario 9 of SCENARIOS.md is walked through the services this branch has
(intake, estimates, payments, claims, the request's life, sensitive actions,
corrections, notes).
The request's life (start work, waiting, done, time correction) goes through
request_life, voiding through payments.void_payment.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, select

from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.types import Network, PaymentKind, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.clients import corrections, sensitive, work_log
from nit_desk.services.clients.work_log_dto import WorkLog, WorkLogEntry, WorkLogKind
from nit_desk.services.dto import ClaimConflict
from nit_desk.services.money import estimates, payments
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.queue import queue, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry, Payment, Request, WorkNote
from nit_desk.services.storage.types import use_clock, utcnow
from nit_desk.services.uow import UnitOfWork
from tests.services.agent_support import new_client, row_counts

V1 = [LineInput("Удалённая диагностика", Decimal("1"), Unit.PIECE, 50_000),
      LineInput("Удалённая чистка и оптимизация", Decimal("2"), Unit.HOUR, 80_000)]


def _pay(db: Database, actor: Actor, request_id: int, kopecks: int) -> int:
    return payments.record_payment(db, actor, request_id, amount_kopecks=kopecks,
                                   paid_on=date.today(), kind=PaymentKind.ADVANCE,
                                   method_label="СБП").id


def _agree_v1(db: Database, actor: Actor, request_id: int) -> None:
    draft = estimates.create_draft(db, actor, request_id)
    draft = estimates.save_draft(db, actor, draft.id, draft.version, lines=V1, note="")
    estimates.propose(db, actor, draft.id)
    estimates.agree(db, actor, draft.id)


def _summary(log: WorkLog) -> list[tuple[WorkLogKind, str, str, tuple[tuple[str, str], ...]]]:
    return [(e.kind, e.who, e.text, e.details) for e in log.entries]


def _scenario9_request(db: Database, agent: Actor) -> int:
    made = new_client(db, agent, 901, handle="pc_slow_msk",
                      messengers=[(Network.TELEGRAM, "@pc_slow_msk")])
    return made.request_id


# --- scenario 9 ------------------------------------------------------------------

def test_r22_scenario9_the_log_reads_top_to_bottom(db: Database, agent: Actor) -> None:
    request_id = _scenario9_request(db, agent)
    _agree_v1(db, agent, request_id)
    wrong = _pay(db, agent, request_id, 120_000)
    payments.void_payment(db, agent, wrong, "typed the wrong amount")
    _pay(db, agent, request_id, 210_000)
    queue.claim(db, agent, request_id)
    request_life.start_work(db, agent, request_id)
    request_life.wait_for_client(db, agent, request_id, "reboot and confirm")
    request_life.back_to_work(db, agent, request_id)
    friday = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    old_deadline = queue.request_detail(db, agent, request_id).deadline
    corrections.reagree_deadline(db, agent, request_id, friday, "the client asked for Friday")
    note = work_log.add_note(db, agent, request_id, "cleaned autostart, removed 2 adware programs")
    assert note.kind is WorkLogKind.NOTE and note.who == "anna"
    at_the_end = utcnow()
    with use_clock(lambda: at_the_end):  # corrected, then done in the same instant
        request_life.correct_worked_time(db, agent, request_id, 100,
                                         "timer left running over lunch")
        request_life.mark_done(db, agent, request_id)

    log = work_log.work_log(db, agent, request_id)
    assert log.request_id == request_id
    assert [e.at for e in log.entries] == sorted(e.at for e in log.entries)
    assert _summary(log) == [
        (WorkLogKind.CREATED, "anna", "", (("channel", "telegram"),
                                           ("payment_scheme", "advance"),
                                           ("advance_reasons", "a"))),
        (WorkLogKind.ESTIMATE, "anna", "", (("number", "1"), ("status", "draft"),
                                            ("total_kopecks", "210000"))),
        (WorkLogKind.ESTIMATE, "anna", "", (("number", "1"), ("status", "proposed"),
                                            ("total_kopecks", "210000"))),
        (WorkLogKind.ESTIMATE, "anna", "", (("number", "1"), ("status", "agreed"),
                                            ("total_kopecks", "210000"))),
        (WorkLogKind.PAYMENT, "anna", "", (("amount_kopecks", "120000"),
                                           ("payment_kind", "advance"),
                                           ("payment_id", str(wrong)))),
        (WorkLogKind.PAYMENT_VOIDED, "anna", "typed the wrong amount",
         (("amount_kopecks", "120000"), ("payment_kind", "advance"),
          ("payment_id", str(wrong)))),
        (WorkLogKind.PAYMENT, "anna", "", (("amount_kopecks", "210000"),
                                           ("payment_kind", "advance"),
                                           ("payment_id", str(wrong + 1)))),
        (WorkLogKind.STATUS, "anna", "", (("from", "new"), ("to", "in_progress"))),
        (WorkLogKind.STATUS, "anna", "reboot and confirm", (("from", "in_progress"),
                                                            ("to", "waiting_client"))),
        (WorkLogKind.STATUS, "anna", "", (("from", "waiting_client"), ("to", "in_progress"))),
        (WorkLogKind.DEADLINE, "anna", "the client asked for Friday",
         (("before", old_deadline.isoformat()), ("after", friday.isoformat()))),
        (WorkLogKind.NOTE, "anna", "cleaned autostart, removed 2 adware programs", ()),
        (WorkLogKind.TIME_CORRECTED, "anna", "timer left running over lunch",
         (("before", "0"), ("after", "100"))),
        (WorkLogKind.STATUS, "anna", "", (("from", "in_progress"), ("to", "done"))),
    ]
    # "1 h 40 min of 2 h": the hours of the agreed estimate (the diagnosis is a piece)
    assert log.worked_seconds == 100 * 60 and not log.timer_running
    assert log.estimate_hours == Decimal("2")


def test_r9_scenario9_a_note_with_a_card_number_is_refused(db: Database, agent: Actor) -> None:
    request_id = _scenario9_request(db, agent)
    for text, field in (("client typed 4111 1111 1111 1111", "text"),
                        ("код из смс 539201", "text"),
                        ("Иванов Иван Иванович перезвонит", "text"),  # R23
                        ("паспорт 45 10 123456", "text"),  # R23
                        ("   ", "text")):
        before = row_counts(db)
        with pytest.raises(ValidationError) as err:
            work_log.add_note(db, agent, request_id, text)
        assert err.value.field == field
        assert row_counts(db) == before
    assert [e.kind for e in work_log.work_log(db, agent, request_id).entries] == [
        WorkLogKind.CREATED]


def test_r22_a_note_is_stored_and_audited_with_its_text(db: Database, agent: Actor) -> None:
    request_id = _scenario9_request(db, agent)
    work_log.add_note(db, agent, request_id, "  first line\nsecond line  ")
    with db.read_session() as s:
        notes = [(n.text, n.request_id) for n in s.execute(select(WorkNote)).scalars()]
        audit = s.execute(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.after)
                          .order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert notes == [("first line\nsecond line", request_id)]
    assert audit[0] == "request.note_added" and audit[1] == request_id
    assert json.loads(audit[2])["text"] == "first line\nsecond line"


def test_r22_notes_follow_the_holder_rule(db: Database, agent: Actor, agent2: Actor,
                                         supervisor: Actor) -> None:
    request_id = _scenario9_request(db, agent)
    queue.claim(db, agent, request_id)
    before = row_counts(db)
    with pytest.raises(ClaimConflict) as err:
        work_log.add_note(db, agent2, request_id, "boris was here")
    assert err.value.holder == "anna" and row_counts(db) == before
    work_log.add_note(db, supervisor, request_id, "checked by the supervisor")
    work_log.add_note(db, agent, request_id, "working on it")
    request_life.cancel(db, agent, request_id, "the client withdrew")
    with pytest.raises(Conflict) as closed:
        work_log.add_note(db, agent, request_id, "one more thing")
    assert closed.value.field == "request"
    work_log.add_note(db, supervisor, request_id, "closed: reviewed")
    log = work_log.work_log(db, agent2, request_id)
    assert [(e.kind, e.who, e.text) for e in log.entries if e.kind is not WorkLogKind.CREATED] == [
        (WorkLogKind.NOTE, "boss", "checked by the supervisor"),
        (WorkLogKind.NOTE, "anna", "working on it"),
        (WorkLogKind.STATUS, "anna", "the client withdrew"),
        (WorkLogKind.NOTE, "boss", "closed: reviewed")]
    assert log.entries[3].details == (("from", "new"), ("to", "cancelled"))


def test_r22_log_shows_sensitive_actions_released_claims_and_descriptions(
        db: Database, agent: Actor, supervisor: Actor) -> None:
    made = new_client(db, agent, 902)
    sensitive.record_sensitive_action(
        db, agent, made.client.id, request_id=made.request_id,
        action="registration on a cloud-backup service", explanation="an SMS code will be asked",
        warned_and_explained=True, client_agreed=False)
    corrections.edit_description(db, agent, made.request_id, "Set up a cloud backup")
    queue.claim(db, agent, made.request_id)
    queue.release(db, supervisor, made.request_id)
    log = work_log.work_log(db, agent, made.request_id)
    assert _summary(log)[1:] == [
        (WorkLogKind.SENSITIVE, "anna", "registration on a cloud-backup service",
         (("client_agreed", "false"), ("warned", "true"))),
        (WorkLogKind.DESCRIPTION, "anna", "", (("before", "The laptop is slow; clean it up"),
                                               ("after", "Set up a cloud backup"))),
        (WorkLogKind.CLAIM, "boss", "", (("released", "anna"),)),
    ]
    assert log.estimate_hours is None and log.worked_seconds == 0


# --- the timer ---------------------------------------------------------------------

def _timer(db: Database, request_id: int, *, started_ago: timedelta, worked: int,
           lease_ends_in: timedelta | None) -> None:
    with db.write_session() as s, s.begin():
        request = s.get(Request, request_id)
        assert request is not None
        now = utcnow()
        request.timer_started_at = now - started_ago
        request.worked_seconds = worked
        request.lease_expires_at = None if lease_ends_in is None else now + lease_ends_in


def test_r22_running_timer_counts_up_to_now(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    _timer(db, made.request_id, started_ago=timedelta(minutes=30), worked=600,
           lease_ends_in=timedelta(minutes=4))
    log = work_log.work_log(db, agent, made.request_id)
    assert log.timer_running
    assert 600 + 30 * 60 <= log.worked_seconds <= 600 + 30 * 60 + 5


def test_r22_a_lapsed_claim_stops_the_clock_at_the_lease_end(db: Database,
                                                           agent: Actor) -> None:
    made = new_client(db, agent)
    _timer(db, made.request_id, started_ago=timedelta(hours=3), worked=0,
           lease_ends_in=-timedelta(hours=2))
    log = work_log.work_log(db, agent, made.request_id)
    assert not log.timer_running
    assert 3600 - 5 <= log.worked_seconds <= 3600 + 5  # an abandoned desk: one hour, not three


def test_r22_unknown_request_is_not_found(db: Database, agent: Actor) -> None:
    with pytest.raises(NotFound):
        work_log.work_log(db, agent, 999)
    with pytest.raises(NotFound):
        work_log.add_note(db, agent, 999, "hello")


# --- a long log reads in a few statements ------------------------------------------

@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _long_history(db: Database, actor: Actor, request_id: int) -> None:
    """200 entries: 80 notes, 80 status changes, 20 payments (10 voided), 10 estimates."""
    with UnitOfWork(db, actor) as uow:
        uow.require()
        request = uow.session.get(Request, request_id)
        assert request is not None
        for i in range(80):
            uow.session.add(WorkNote(request_id=request_id, text=f"note {i}",
                                     author_id=uow.actor_id, created_at=uow.now))
            uow.audit("request.status_changed", "request", request_id,
                      client_id=request.client_id, before={"status": "in_progress"},
                      after={"status": "waiting_client", "awaited": f"answer {i}"})
        for i in range(20):
            uow.session.add(Payment(request_id=request_id, kind="advance",
                                    amount_kopecks=100 + i, paid_on=date.today(),
                                    recorded_by_id=uow.actor_id, recorded_at=uow.now,
                                    voided_at=uow.now if i % 2 else None,
                                    voided_by_id=uow.actor_id if i % 2 else None))
        uow.commit()
    for _ in range(5):
        draft = estimates.create_draft(db, actor, request_id)
        draft = estimates.save_draft(db, actor, draft.id, draft.version, lines=V1, note="")
        estimates.propose(db, actor, draft.id)
        estimates.reject(db, actor, draft.id)


def test_r22_a_200_entry_log_reads_in_at_most_8_statements(db: Database, agent: Actor) -> None:
    made = new_client(db, agent)
    _long_history(db, agent, made.request_id)
    work_log.work_log(db, agent, made.request_id)  # warm the statement caches
    with _statements(db) as seen:
        log = work_log.work_log(db, agent, made.request_id)
    assert len(log.entries) >= 200
    assert len(seen) <= 8, seen
    if db.engine.dialect.name == "sqlite":
        best = min(_timed(lambda: work_log.work_log(db, agent, made.request_id))
                   for _ in range(5))
        assert best < 0.050, f"{best * 1000:.1f} ms"


def _timed(call: Any) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def test_r22_entry_detail_lookup() -> None:
    entry = WorkLogEntry(utcnow(), "anna", WorkLogKind.STATUS, "",
                         (("from", "new"), ("to", "in_progress")))
    assert entry.detail("to") == "in_progress" and entry.detail("override", "-") == "-"
