"""One client's audit entries as a table model: when, who, what, details (R17).

Rows are audit records (:class:`nit_desk.services.admin.audit_dto.AuditRecord`):
``at``, ``actor_name``, ``action``, ``before``, ``after`` (JSON text).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from nit_desk.domain.money import format_money
from nit_desk.domain.types import StepState
from nit_desk.models.card.checklist_model import state_name
from nit_desk.models.card.timeline_table import Column, TimelineTableModel
from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.ui.time_text import local_time_text


def action_name(action: str) -> str:
    """An audit action in words ("client.step_changed" -> "Registration step changed")."""
    t = QCoreApplication.translate
    names = {
        "client.created": t("history", "Client created"),
        "client.updated": t("history", "Client details changed"),
        "client.contacts_added": t("history", "Contacts added"),
        "client.step_changed": t("history", "Registration step changed"),
        "client.registered": t("history", "Registered"),
        "client.unregistered": t("history", "No longer registered"),
        "client.trust_changed": t("history", "Trusted persons list"),
        "request.created": t("history", "Request created"),
        "request.claimed": t("history", "Request taken for work"),
        "request.released": t("history", "Request released"),
        "request.status_changed": t("history", "Request status changed"),
        "request.flags_changed": t("history", "Payment-scheme flags changed"),
        "request.cancelled_by_ban": t("history", "Request cancelled by ban"),
        "estimate.created": t("history", "Estimate created"),
        "estimate.saved": t("history", "Estimate saved"),
        "estimate.proposed": t("history", "Estimate proposed"),
        "estimate.agreed": t("history", "Estimate agreed"),
        "estimate.rejected": t("history", "Estimate rejected"),
        "payment.recorded": t("history", "Payment recorded"),
        "payment.forfeited": t("history", "Advance forfeited"),
        "payment.voided": t("history", "Payment voided"),
        "client.contact_fixed": t("history", "Contact fixed"),
        "client.contact_added": t("history", "Contact added"),
        "client.contact_removed": t("history", "Contact removed"),
        "request.deadline_changed": t("history", "Deadline re-agreed"),
        "request.description_changed": t("history", "Description corrected"),
        "request.time_corrected": t("history", "Time worked corrected"),
        "request.note_added": t("history", "Note added to the work log"),
        "sensitive_action.recorded": t("history", "Sensitive action recorded"),
        "ban.proposed": t("history", "Ban proposed"),
        "ban.approved": t("history", "Ban approved"),
        "ban.rejected": t("history", "Ban proposal rejected"),
        "ban.lifted": t("history", "Ban lifted"),
    }
    return names.get(action, action)


def _load(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _value(key: str, value: Any) -> str:
    if key.endswith("_kopecks") and isinstance(value, int) and not isinstance(value, bool):
        return format_money(value)
    if key == "state" and isinstance(value, str):
        try:
            return state_name(StepState(value))
        except ValueError:
            return value
    if isinstance(value, bool):
        return QCoreApplication.translate("history", "yes") if value else \
            QCoreApplication.translate("history", "no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if not isinstance(v, list | dict))
    return "" if value is None else str(value)


def key_name(key: str) -> str:
    """An audited field's name in words ("claimed_by" -> "taken by")."""
    t = QCoreApplication.translate
    names = {
        "action": t("history", "action"), "added": t("history", "added"),
        "advance_reasons": t("history", "advance reasons"),
        "amount_kopecks": t("history", "amount"), "banned": t("history", "banned"),
        "channel": t("history", "channel"), "claimed_by": t("history", "taken by"),
        "client_agreed": t("history", "client agreed"), "comment": t("history", "comment"),
        "contacts": t("history", "contacts"), "deadline": t("history", "deadline"),
        "first_time": t("history", "first contact"), "handle": t("history", "handle"),
        "has_specification": t("history", "specification"), "kind": t("history", "kind"),
        "method_label": t("history", "paid by"), "number": t("history", "version"),
        "offline_work": t("history", "offline work"), "onsite_visit": t("history", "visit"),
        "paid_on": t("history", "paid on"), "payment_scheme": t("history", "scheme"),
        "reason": t("history", "reason"), "reference": t("history", "reference"),
        "refused_steps": t("history", "refused steps"),
        "registered": t("history", "registered"), "request_id": t("history", "request"),
        "stage": t("history", "stage"), "state": t("history", "state"),
        "status": t("history", "status"), "system_info": t("history", "system"),
        "template_version": t("history", "checklist version"),
        "total_kopecks": t("history", "total"), "trusted": t("history", "trusted"),
        "via": t("history", "via"), "visit_address": t("history", "visit address"),
        "warned": t("history", "warned"), "why": t("history", "why"),
    }
    return names.get(key, key.replace("_", " "))


_HIDDEN = frozenset({"code", "lines", "based_on"})
"""Keys too long for one line (an estimate's lines are shown by the estimate editor)."""


def describe_change(before: str, after: str, step_titles: Mapping[str, str]) -> str:
    """``before``/``after`` JSON in one line: ``Step title: pending → done``, ``key: a → b``."""
    old, new = _load(before), _load(after)
    code = new.get("code") or old.get("code")
    parts: list[str] = []
    prefix = f"{step_titles.get(code, code)}: " if isinstance(code, str) else ""
    for key in [k for k in dict.fromkeys([*old, *new]) if k not in _HIDDEN]:
        name = key_name(key)
        if key in old and key in new:
            if old[key] != new[key]:
                change = f"{_value(key, old[key])} → {_value(key, new[key])}"
                parts.append(change if prefix else f"{name}: {change}")
        elif key in new and _value(key, new[key]):
            parts.append(f"{name}: {_value(key, new[key])}")
    return prefix + "; ".join(parts)


class HistoryModel(TimelineTableModel):
    """A client's audit entries, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._titles: dict[str, str] = {}

    def set_entries(self, rows: Sequence[AuditRecord],
                    step_titles: Mapping[str, str] | None = None) -> None:
        """Show ``rows``; ``step_titles`` turn step codes into their titles."""
        self._titles = dict(step_titles or {})
        self._show(rows)

    def entry(self, row: int) -> AuditRecord | None:
        """The entry on ``row``, if any."""
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def text(self, row: int, column: Column) -> str:
        """When, who, what in words, and the change's details."""
        entry = self.entry(row)
        if entry is None:
            return ""
        if column is Column.WHEN:
            return local_time_text(entry.at)
        if column is Column.WHO:
            return entry.actor_name
        if column is Column.WHAT:
            return action_name(entry.action)
        return describe_change(entry.before, entry.after, self._titles)
