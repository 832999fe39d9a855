"""Helpers shared by the agent-side service tests: intake values, counts, raw rows."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from nit_desk.domain.types import Network, PaymentKind, RequestStatus, StepState, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.clients import clients, registration
from nit_desk.services.dto import IntakeResult
from nit_desk.services.money import estimates
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Base, Payment, Request
from nit_desk.services.storage.types import utcnow

_serial = itertools.count(100)


def tomorrow(hours: int = 24) -> datetime:
    """A deadline in the future (R7)."""
    return utcnow() + timedelta(hours=hours)


def intake_values(n: int | None = None, **overrides: Any) -> dict[str, Any]:
    """Valid intake keyword arguments for a distinct client ``n`` (scenario 1 shape)."""
    n = next(_serial) if n is None else n
    values: dict[str, Any] = {
        "handle": f"client_{n}",
        "phone": f"8 912 345-{n // 100 % 100:02d}-{n % 100:02d}",
        "email": f"client{n}@example.ru",
        "messengers": [(Network.TELEGRAM, f"@client_{n}")],
        "channel": Network.TELEGRAM,
        "system_info": "Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM",
        "description": "The laptop is slow; clean it up",
        "deadline": tomorrow(),
    }
    values.update(overrides)
    return values


def new_client(db: Database, actor: Actor, n: int | None = None,
               **overrides: Any) -> IntakeResult:
    """Intake a fresh client and return the result."""
    return clients.intake(db, actor, clients.IntakeForm(**intake_values(n, **overrides)))


def register_fully(db: Database, actor: Actor, client_id: int) -> None:
    """Mark every required step done (R4)."""
    card = clients.client_card(db, actor, client_id)
    for item in card.checklist:
        if item.required:
            registration.set_step_state(db, actor, client_id, item.code, StepState.DONE)


def row_counts(db: Database) -> dict[str, int]:
    """Rows in every table: "nothing written" means these do not change."""
    with db.read_session() as s:
        return {t.name: int(s.execute(select(func.count()).select_from(t)).scalar_one())
                for t in Base.metadata.sorted_tables}


def add_payment(db: Database, request_id: int, kopecks: int,
                kind: PaymentKind = PaymentKind.ADVANCE) -> None:
    """Insert a payment row directly (the payments service is another module)."""
    with db.write_session() as s, s.begin():
        s.add(Payment(request_id=request_id, kind=kind.value, amount_kopecks=kopecks,
                      paid_on=date.today(), recorded_at=utcnow()))


def set_request_status_raw(db: Database, request_id: int, status: RequestStatus) -> None:
    """Force a request's status in the database (setting up history)."""
    with db.write_session() as s, s.begin():
        request = s.get(Request, request_id)
        assert request is not None
        request.status = status.value


def agree_estimate(db: Database, actor: Actor, request_id: int, kopecks: int) -> int:
    """An agreed one-line estimate of ``kopecks`` for the request (R15); returns its id."""
    draft = estimates.create_draft(db, actor, request_id)
    draft = estimates.save_draft(db, actor, draft.id, draft.version, note="", lines=[
        LineInput("Удалённая диагностика", Decimal(1), Unit.SERVICE, kopecks)])
    estimates.propose(db, actor, draft.id)
    return estimates.agree(db, actor, draft.id).id
