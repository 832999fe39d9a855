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

from nit_desk.domain.messages import QT_TRANSLATE_NOOP
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
    source = FIELD_NAMES.get(key) or FIELD_NAMES.get(key.replace(" ", "_"))
    return _tr(source) if source else key.replace("_", " ")


FIELD_NAMES: dict[str, str] = {
    "action": QT_TRANSLATE_NOOP("history", "action"),
    "active": QT_TRANSLATE_NOOP("history", "offered"),
    "added": QT_TRANSLATE_NOOP("history", "added"),
    "advance_reasons": QT_TRANSLATE_NOOP("history", "advance reasons"),
    "amount": QT_TRANSLATE_NOOP("history", "amount"),
    "amount_kopecks": QT_TRANSLATE_NOOP("history", "amount"),
    "awaited": QT_TRANSLATE_NOOP("history", "what is awaited"),
    "ban_id": QT_TRANSLATE_NOOP("history", "ban"),
    "banned": QT_TRANSLATE_NOOP("history", "banned"),
    "bans": QT_TRANSLATE_NOOP("history", "bans"),
    "channel": QT_TRANSLATE_NOOP("history", "channel"),
    "checklist_items": QT_TRANSLATE_NOOP("history", "checklist steps"),
    "claimed_by": QT_TRANSLATE_NOOP("history", "taken by"),
    "client": QT_TRANSLATE_NOOP("history", "client"),
    "client_agreed": QT_TRANSLATE_NOOP("history", "client agreed"),
    "clients": QT_TRANSLATE_NOOP("history", "clients"),
    "code": QT_TRANSLATE_NOOP("history", "step"),
    "comment": QT_TRANSLATE_NOOP("history", "comment"),
    "contacts": QT_TRANSLATE_NOOP("history", "contacts"),
    "deadline": QT_TRANSLATE_NOOP("history", "deadline"),
    "description": QT_TRANSLATE_NOOP("history", "description"),
    "email": QT_TRANSLATE_NOOP("history", "email"),
    "explanation": QT_TRANSLATE_NOOP("history", "explanation"),
    "extra_fee": QT_TRANSLATE_NOOP("history", "extra fee"),
    "first_time": QT_TRANSLATE_NOOP("history", "first contact"),
    "handle": QT_TRANSLATE_NOOP("history", "handle"),
    "has_specification": QT_TRANSLATE_NOOP("history", "specification"),
    "kind": QT_TRANSLATE_NOOP("history", "kind"),
    "messenger": QT_TRANSLATE_NOOP("history", "messenger"),
    "method_label": QT_TRANSLATE_NOOP("history", "paid by"),
    "minutes": QT_TRANSLATE_NOOP("history", "time worked"),
    "name": QT_TRANSLATE_NOOP("history", "name"),
    "network": QT_TRANSLATE_NOOP("history", "messenger"),
    "note": QT_TRANSLATE_NOOP("history", "note"),
    "note_id": QT_TRANSLATE_NOOP("history", "note"),
    "number": QT_TRANSLATE_NOOP("history", "version"),
    "offline_work": QT_TRANSLATE_NOOP("history", "offline work"),
    "onsite_visit": QT_TRANSLATE_NOOP("history", "visit"),
    "override_reason": QT_TRANSLATE_NOOP("history", "override reason"),
    "paid_on": QT_TRANSLATE_NOOP("history", "paid on"),
    "password": QT_TRANSLATE_NOOP("history", "password"),
    "payment_id": QT_TRANSLATE_NOOP("history", "payment"),
    "payment_kind": QT_TRANSLATE_NOOP("history", "kind"),
    "payment_scheme": QT_TRANSLATE_NOOP("history", "scheme"),
    "payments": QT_TRANSLATE_NOOP("history", "payments"),
    "phone": QT_TRANSLATE_NOOP("history", "phone"),
    "proposal_id": QT_TRANSLATE_NOOP("history", "ban proposal"),
    "quantity": QT_TRANSLATE_NOOP("history", "quantity"),
    "reason": QT_TRANSLATE_NOOP("history", "reason"),
    "reference": QT_TRANSLATE_NOOP("history", "reference"),
    "refused_steps": QT_TRANSLATE_NOOP("history", "refused steps"),
    "registered": QT_TRANSLATE_NOOP("history", "registered"),
    "request_id": QT_TRANSLATE_NOOP("history", "request"),
    "requests": QT_TRANSLATE_NOOP("history", "requests"),
    "role": QT_TRANSLATE_NOOP("history", "role"),
    "seed": QT_TRANSLATE_NOOP("history", "random seed"),
    "stage": QT_TRANSLATE_NOOP("history", "stage"),
    "state": QT_TRANSLATE_NOOP("history", "state"),
    "body": QT_TRANSLATE_NOOP("history", "text"),
    "status": QT_TRANSLATE_NOOP("history", "status"),
    "system_info": QT_TRANSLATE_NOOP("history", "system"),
    "template_version": QT_TRANSLATE_NOOP("history", "checklist version"),
    "text": QT_TRANSLATE_NOOP("history", "text"),
    "title": QT_TRANSLATE_NOOP("history", "title"),
    "total_kopecks": QT_TRANSLATE_NOOP("history", "total"),
    "trusted": QT_TRANSLATE_NOOP("history", "trusted"),
    "unit": QT_TRANSLATE_NOOP("history", "unit"),
    "unit_price": QT_TRANSLATE_NOOP("history", "unit price"),
    "unit_price_kopecks": QT_TRANSLATE_NOOP("history", "unit price"),
    "username": QT_TRANSLATE_NOOP("history", "user name"),
    "via": QT_TRANSLATE_NOOP("history", "via"),
    "visit_address": QT_TRANSLATE_NOOP("history", "visit address"),
    "void_reason": QT_TRANSLATE_NOOP("history", "reason for voiding"),
    "warned": QT_TRANSLATE_NOOP("history", "warned"),
    "why": QT_TRANSLATE_NOOP("history", "why"),
}
"""Recorded fields and form fields by their code, as English sources (context "history")."""


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
