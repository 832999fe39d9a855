"""Recorded changes in words: field names, values and references as the user reads them.

The audit log (R17), a client's history and a request's work log (R22) keep
their changes as machine values: ``{"status": "proposed"}``, ``"advance"``,
``"2026-12-09 18:00:00+00:00"``, ``"sensitive:2"``, ``request_id: 4``. Every
screen that shows them says them through this one formatter, so the Russian
desk reads "статус: предложена → согласована", "аванс", local times and
"обращение №4" everywhere. Names reuse the words (and translation contexts)
the screens that edit those values already use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from nit_desk.domain.registration import DEFAULT_CHECKLIST
from nit_desk.domain.types import (
    AdvanceReason,
    BanProposalStatus,
    ContactKind,
    EstimateStatus,
    Network,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
    Role,
    StepState,
    Unit,
)
from nit_desk.services.money.money_dto import EstimateStage
from nit_desk.ui import money_text
from nit_desk.ui.queue_texts import channel_name, reason_name, scheme_name, status_name
from nit_desk.ui.time_text import local_time_text

_CONTEXT = "history"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# -- names ----------------------------------------------------------------------------


def field_name(key: str) -> str:
    """A recorded field's name in words ("claimed_by" -> "taken by", "void_reason" ->
    "reason for voiding"); a form field's label in an error message too."""
    names = _field_names()
    return names.get(key) or names.get(key.replace(" ", "_")) or key.replace("_", " ")


def _field_names() -> dict[str, str]:
    t = _tr
    return {
        "action": t("action"), "active": t("offered"), "added": t("added"),
        "advance_reasons": t("advance reasons"), "amount": t("amount"),
        "amount_kopecks": t("amount"), "awaited": t("what is awaited"),
        "ban_id": t("ban"), "banned": t("banned"), "bans": t("bans"),
        "channel": t("channel"), "checklist_items": t("checklist steps"),
        "claimed_by": t("taken by"), "client": t("client"), "client_agreed": t("client agreed"),
        "clients": t("clients"), "code": t("step"), "comment": t("comment"), "contacts": t("contacts"),
        "deadline": t("deadline"), "description": t("description"), "email": t("email"),
        "explanation": t("explanation"), "extra_fee": t("extra fee"),
        "first_time": t("first contact"), "handle": t("handle"),
        "has_specification": t("specification"), "kind": t("kind"),
        "messenger": t("messenger"), "method_label": t("paid by"), "minutes": t("time worked"),
        "name": t("name"), "network": t("messenger"), "note": t("note"),
        "note_id": t("note"), "number": t("version"), "offline_work": t("offline work"),
        "onsite_visit": t("visit"), "override_reason": t("override reason"),
        "paid_on": t("paid on"), "password": t("password"), "payment_id": t("payment"),
        "payment_kind": t("kind"), "payment_scheme": t("scheme"), "payments": t("payments"),
        "phone": t("phone"), "proposal_id": t("ban proposal"), "quantity": t("quantity"),
        "reason": t("reason"), "reference": t("reference"), "refused_steps": t("refused steps"),
        "registered": t("registered"), "request_id": t("request"), "requests": t("requests"),
        "role": t("role"), "seed": t("random seed"), "stage": t("stage"), "state": t("state"),
        "status": t("status"), "system_info": t("system"),
        "template_version": t("checklist version"), "text": t("text"), "title": t("title"),
        "total_kopecks": t("total"), "trusted": t("trusted"), "unit": t("unit"),
        "unit_price": t("unit price"), "unit_price_kopecks": t("unit price"),
        "username": t("user name"), "via": t("via"), "visit_address": t("visit address"),
        "void_reason": t("reason for voiding"), "warned": t("warned"), "why": t("why"),
    }


def entity_name(entity: str) -> str:
    """What an audit entry is about, in words ("request" -> "request", translated)."""
    names = {"client": _tr("client"), "request": _tr("request"), "estimate": _tr("estimate"),
             "payment": _tr("payment"), "ban": _tr("ban"), "ban_proposal": _tr("ban proposal"),
             "sensitive_action": _tr("sensitive action"), "user": _tr("user"),
             "price_item": _tr("price list item"), "checklist_template": _tr("checklist"),
             "demo": _tr("demo data"), "work_note": _tr("note")}
    return names.get(entity, entity.replace("_", " "))


def reference_text(entity: str, number: int | None) -> str:
    """A recorded thing by its number: "request No. 4" ("" for nothing)."""
    if number is None:
        return entity_name(entity) if entity else ""
    return _tr("{what} No. {number}").format(what=entity_name(entity), number=number)


_STORED_REFERENCE = re.compile(r"^(ban) (\d+)$")


def stored_reference_text(text: str) -> str:
    """A reference the desk wrote itself ("ban 1", a forfeited advance's) in words;
    a reference an agent typed stays as typed."""
    found = _STORED_REFERENCE.match(text)
    return reference_text(found.group(1), int(found.group(2))) if found else text


def actor_text(name: str) -> str:
    """Who made a change: the user's name, or "system" for the desk itself."""
    return _tr("system") if name in ("", "system") else name


# -- values ---------------------------------------------------------------------------


def _enum_name(value: str, *namers: Callable[[str], str | None]) -> str:
    for namer in namers:
        name = namer(value)
        if name is not None:
            return name
    return value


def _request_status(value: str) -> str | None:
    return status_name(RequestStatus(value)) if value in set(RequestStatus) else None


def _estimate_status(value: str) -> str | None:
    return money_text.status_name(EstimateStatus(value)) if value in set(EstimateStatus) \
        else None


def _proposal_status(value: str) -> str | None:
    t = QCoreApplication.translate
    names = {BanProposalStatus.PENDING: t("reports", "waiting"),
             BanProposalStatus.APPROVED: t("reports", "approved"),
             BanProposalStatus.REJECTED: t("reports", "rejected")}
    return names.get(BanProposalStatus(value)) if value in set(BanProposalStatus) else None


def _step_state(value: str) -> str | None:
    t = QCoreApplication.translate
    names = {StepState.PENDING: t("checklist", "pending"), StepState.DONE: t("checklist", "done"),
             StepState.REFUSED: t("checklist", "refused"),
             StepState.NOT_APPLICABLE: t("checklist", "not applicable")}
    return names.get(StepState(value)) if value in set(StepState) else None


def _payment_kind(value: str) -> str | None:
    return money_text.payment_kind_name(PaymentKind(value)) if value in set(PaymentKind) \
        else None


def _contact_kind(value: str) -> str | None:
    t = QCoreApplication.translate
    names = {ContactKind.PHONE: t("CorrectionDialog", "phone"),
             ContactKind.EMAIL: t("CorrectionDialog", "email"),
             ContactKind.MESSENGER: t("CorrectionDialog", "messenger account")}
    return names.get(ContactKind(value)) if value in set(ContactKind) else None


def _role(value: str) -> str | None:
    t = QCoreApplication.translate
    names = {Role.AGENT: t("roles", "agent"), Role.SUPERVISOR: t("roles", "supervisor")}
    return names.get(Role(value)) if value in set(Role) else None


def _stage(value: str) -> str | None:
    return money_text.stage_name(EstimateStage(value)) if value in set(EstimateStage) else None


def _scheme(value: str) -> str | None:
    return scheme_name(PaymentScheme(value)) if value in set(PaymentScheme) else None


def _network(value: str) -> str | None:
    return channel_name(Network(value)) if value in set(Network) else None


def _unit(value: str) -> str | None:
    return money_text.unit_name(Unit(value)) if value in set(Unit) else None


_STATUS_BY_ENTITY: dict[str, tuple[Callable[[str], str | None], ...]] = {
    "request": (_request_status,), "estimate": (_estimate_status,),
    "ban_proposal": (_proposal_status,),
}
_ANY_STATUS = (_request_status, _estimate_status, _proposal_status)


def _enum_value(key: str, value: str, entity: str) -> str | None:
    """A stored enum value in words, when ``key`` holds one."""
    if key == "status":
        return _enum_name(value, *_STATUS_BY_ENTITY.get(entity, _ANY_STATUS))
    namers: dict[str, tuple[Callable[[str], str | None], ...]] = {
        "state": (_step_state,), "payment_kind": (_payment_kind,), "role": (_role,),
        "kind": (_payment_kind,) if entity == "payment" else (_contact_kind, _payment_kind),
        "stage": (_stage,), "payment_scheme": (_scheme,), "channel": (_network,),
        "network": (_network,), "unit": (_unit,),
    }
    found = namers.get(key)
    return None if found is None else _enum_name(value, *found)


def duration_text(minutes: int) -> str:
    """A span of minutes: "1 h 30 min", "2 h", "45 min"."""
    t = QCoreApplication.translate
    hours, mins = divmod(max(0, minutes), 60)
    if hours and mins:
        return t("QueueModel", "{h} h {m} min").format(h=hours, m=mins)
    if hours:
        return t("QueueModel", "{h} h").format(h=hours)
    return t("QueueModel", "{m} min").format(m=mins)


def reasons_text(value: Any) -> str:
    """Why an advance applies (R14 a-d) in words, from "a,c" or ["a", "c"]."""
    codes = value if isinstance(value, list) else re.findall(r"\b[abcd]\b", str(value))
    return ", ".join(reason_name(AdvanceReason(c)) for c in codes if c in set(AdvanceReason))


def step_text(code: str, step_titles: Mapping[str, str] | None = None) -> str:
    """A checklist step or refused sensitive action by its title, from its code."""
    if code.startswith("sensitive:"):
        number = code.split(":", 1)[1]
        return _tr("sensitive action No. {number}").format(number=number)
    titles = {s.code: s.title for s in DEFAULT_CHECKLIST} | dict(step_titles or {})
    return titles.get(code, code)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def _moment_text(value: str) -> str:
    try:
        if _DATE.match(value):
            return money_text.day_text(date.fromisoformat(value))
        return local_time_text(datetime.fromisoformat(value))
    except ValueError:
        return value


def value_text(key: str, value: Any, entity: str = "",
               step_titles: Mapping[str, str] | None = None) -> str:
    """A recorded value in words: money, names of states and kinds, local times, yes/no.

    Args:
        key: the field the value was recorded under (it says how to read the value).
        entity: what the entry is about ("request", "estimate"...), for statuses.
        step_titles: a client's own step titles by code.
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if key.endswith("_kopecks") and isinstance(value, int):
        return money_text.money_text(value)
    if key == "minutes" and isinstance(value, int):
        return duration_text(value)
    if key == "advance_reasons":
        return reasons_text(value) or "—"
    if key in ("code", "refused_steps"):
        codes = value if isinstance(value, list) else str(value).split(",")
        return ", ".join(step_text(str(c), step_titles) for c in codes if c)
    if key == "reference" and isinstance(value, str):
        return stored_reference_text(value)
    if key.endswith("_id") and isinstance(value, int):
        return _tr("No. {number}").format(number=value)
    if isinstance(value, str):
        return _enum_value(key, value, entity) or \
            (_moment_text(value) if _MOMENT.match(value) or _DATE.match(value) else value)
    if isinstance(value, list):
        return ", ".join(value_text(key, v, entity, step_titles) for v in value
                         if not isinstance(v, list | dict))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
