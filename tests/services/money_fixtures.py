"""Clients and requests made straight through the ORM for the money tests.

The intake service may not exist yet, so these helpers insert the rows the
money services need: a checklist template, a client with its checklist, a
request with its payment scheme (R14).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nit_desk.domain.payment import payment_scheme_for
from nit_desk.domain.registration import DEFAULT_CHECKLIST
from nit_desk.domain.types import RequestStatus, StepState, Unit
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import (
    AuditEntry,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateStep,
    Client,
    Estimate,
    EstimateLine,
    Payment,
    PriceItem,
    Request,
)
from nit_desk.services.storage.types import utcnow

MONEY_TABLES = (Estimate, EstimateLine, Payment, PriceItem, AuditEntry, ChecklistItem, Client,
                Request)


def _template(s: Session) -> ChecklistTemplate:
    template = s.execute(select(ChecklistTemplate).order_by(ChecklistTemplate.version.desc())
                         .limit(1)).scalar_one_or_none()
    if template is not None:
        return template
    template = ChecklistTemplate(version=1, created_at=utcnow(), created_by_id=None)
    template.steps = [ChecklistTemplateStep(position=i, code=step.code, title=step.title,
                                            required=step.required)
                      for i, step in enumerate(DEFAULT_CHECKLIST, start=1)]
    s.add(template)
    s.flush()
    return template


def make_client(db: Database, handle: str = "@pc_slow_msk", *, all_done_but_estimate: bool = False,
                banned: bool = False) -> int:
    """A client with the default checklist; optionally every step but the estimate done."""
    with db.write_session() as s, s.begin():
        template = _template(s)
        client = Client(handle=handle, system_info="", created_at=utcnow(),
                        template_id=template.id, trusted=False, banned=banned)
        for step in template.steps:
            done = all_done_but_estimate and step.code != "estimate_agreed"
            client.checklist.append(ChecklistItem(
                position=step.position, code=step.code, title=step.title, required=step.required,
                state=(StepState.DONE if done else StepState.PENDING).value))
        s.add(client)
        s.flush()
        return client.id


def make_request(db: Database, client_id: int, *, first_time: bool = True,
                 has_specification: bool = False, offline_work: bool = False,
                 onsite_visit: bool = False,
                 status: RequestStatus = RequestStatus.NEW) -> int:
    """A request of ``client_id`` with the R14 scheme its flags give."""
    decision = payment_scheme_for(first_time=first_time, has_specification=has_specification,
                                  offline_work=offline_work, onsite_visit=onsite_visit)
    now = utcnow()
    with db.write_session() as s, s.begin():
        request = Request(
            client_id=client_id, channel="telegram", status=status.value,
            description="Ноутбук тормозит", deadline=now + timedelta(days=1), created_at=now,
            first_time=first_time, has_specification=has_specification,
            offline_work=offline_work, onsite_visit=onsite_visit,
            payment_scheme=decision.scheme.value,
            advance_reasons=",".join(r.value for r in decision.reasons))
        s.add(request)
        s.flush()
        return request.id


def set_request_status(db: Database, request_id: int, status: RequestStatus) -> None:
    """Move a request to ``status`` directly (the queue service's job elsewhere)."""
    with db.write_session() as s, s.begin():
        request = s.get(Request, request_id)
        assert request is not None
        request.status = status.value


def ban_client(db: Database, client_id: int) -> None:
    """Ban a client and cancel its open requests directly (the bans service's job)."""
    with db.write_session() as s, s.begin():
        client = s.get(Client, client_id)
        assert client is not None
        client.banned = True
        for request in s.execute(select(Request).where(Request.client_id == client_id)).scalars():
            if RequestStatus(request.status).is_open:
                request.status = RequestStatus.CANCELLED_BY_BAN.value


def row_counts(db: Database) -> dict[str, int]:
    """How many rows each money-related table holds (to prove nothing was written)."""
    with db.read_session() as s:
        return {model.__tablename__: int(s.execute(select(func.count()).select_from(model))
                                         .scalar_one())
                for model in MONEY_TABLES}


def line(description: str, quantity: str, unit: Unit, roubles: int,
         price_item_id: int | None = None) -> LineInput:
    """A line input with an exact quantity and a price in whole roubles."""
    return LineInput(description, Decimal(quantity), unit, roubles * 100, price_item_id)
