"""The supervisor's dashboard figures come from SQL aggregates (R18, issue 5)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from nit_desk.domain.errors import PermissionDenied, ValidationError
from nit_desk.domain.registration import DEFAULT_CHECKLIST
from nit_desk.domain.types import Network, PaymentKind, RequestStatus, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.admin import reports
from nit_desk.services.clients import clients, registration
from nit_desk.services.money import payments
from nit_desk.services.queue import claims, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow


def _intake(db: Database, actor: Actor, n: int, *, deadline_hours: int = 24) -> int:
    result = clients.intake(db, actor, clients.IntakeForm(
        handle=f"client{n}", phone=f"+7912000{n:04d}",
        email=f"client{n}@example.ru", messengers=[(Network.TELEGRAM, f"@client_{n:04d}")],
        channel=Network.TELEGRAM, system_info="Windows 11", description="slow laptop",
        deadline=utcnow() + timedelta(hours=deadline_hours)))
    return result.request_id


def test_report_counts_queue_registrations_money_and_agents(db: Database, agent: Actor,
                                                            supervisor: Actor) -> None:
    first = _intake(db, agent, 1)
    _intake(db, agent, 2)
    card = clients.client_card(db, agent, claims.request_detail(db, agent, first).client_id)
    for step in DEFAULT_CHECKLIST:
        registration.set_step_state(db, agent, card.id, step.code, StepState.DONE)
    claims.claim(db, agent, first)
    payments.record_payment(db, agent, first, amount_kopecks=210_000, paid_on=date.today(),
                            kind=PaymentKind.ADVANCE, method_label="СБП")
    request_life.start_work(db, supervisor, first, override_reason="Оплата без сметы")
    request_life.mark_done(db, agent, first)

    now = utcnow()
    report = reports.build_report(db, supervisor, now - timedelta(days=1), now + timedelta(1))
    assert report.queue_by_status[RequestStatus.DONE.value] == 1
    assert report.queue_by_status[RequestStatus.NEW.value] == 1
    assert report.registered_in_period == 1
    assert report.median_registration is not None
    assert report.median_registration >= timedelta(0)
    assert report.paid_kopecks == 210_000 and report.forfeited_kopecks == 0
    anna = next(a for a in report.per_agent if a.username == "anna")
    assert (anna.requests_created, anna.requests_closed, anna.payments_kopecks) == (2, 1, 210_000)


def test_overdue_and_empty_periods(db: Database, agent: Actor, supervisor: Actor) -> None:
    _intake(db, agent, 3, deadline_hours=1)
    now = utcnow()
    later = reports.build_report(db, supervisor, now - timedelta(days=1), now + timedelta(1))
    assert later.overdue_open == 0
    past = reports.build_report(db, supervisor, now - timedelta(days=30),
                                now - timedelta(days=29))
    assert past.registered_in_period == 0 and past.median_registration is None
    assert sum(past.ban_proposals.values()) == 0


def test_r18_agents_get_no_reports_and_bad_periods_are_refused(db: Database, agent: Actor,
                                                               supervisor: Actor) -> None:
    now = utcnow()
    with pytest.raises(PermissionDenied):
        reports.build_report(db, agent, now - timedelta(days=1), now)
    with pytest.raises(ValidationError) as err:
        reports.build_report(db, supervisor, now, now - timedelta(days=1))
    assert err.value.field == "period"


def test_report_exports_to_csv_with_exact_money(db: Database, agent: Actor,
                                                supervisor: Actor, tmp_path: Path) -> None:
    request_id = _intake(db, agent, 4)
    payments.record_payment(db, agent, request_id, amount_kopecks=123_456,
                            paid_on=date.today(), kind=PaymentKind.ADVANCE, method_label="нал")
    now = utcnow()
    report = reports.build_report(db, supervisor, now - timedelta(days=1), now + timedelta(1))
    target = tmp_path / "report.csv"
    reports.export_report_csv(report, target)
    content = target.read_text(encoding="utf-8-sig")
    assert "\"Paid, ₽\",1234.56" in content
    assert "anna,1,0,0,0,1234.56" in content
