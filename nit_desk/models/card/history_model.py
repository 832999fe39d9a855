"""One client's audit entries as a table model: when, who, what, details (R17).

Rows are audit records (:class:`nit_desk.services.admin.audit_dto.AuditRecord`):
``at``, ``actor_name``, ``action``, ``before``, ``after`` (JSON text).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from nit_desk.models.card.timeline_table import Column, TimelineTableModel
from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.ui.audit_text import actor_text, field_name, step_text, value_text
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


_HIDDEN = frozenset({"code", "lines", "based_on"})
"""Keys too long for one line (an estimate's lines are shown by the estimate editor)."""


def describe_change(before: str, after: str, step_titles: Mapping[str, str],
                    entity: str = "") -> str:
    """``before``/``after`` JSON in one line of words: ``Step title: pending → done``,
    ``status: proposed → agreed`` (names and values through :mod:`nit_desk.ui.audit_text`).

    Args:
        entity: what the entry is about ("request", "estimate"...): says whose status it is.
    """
    old, new = _load(before), _load(after)
    code = new.get("code") or old.get("code")
    parts: list[str] = []
    prefix = f"{step_text(code, step_titles)}: " if isinstance(code, str) else ""

    def shown(key: str, value: Any) -> str:
        return value_text(key, value, entity, step_titles)

    for key in [k for k in dict.fromkeys([*old, *new]) if k not in _HIDDEN]:
        name = field_name(key)
        if key in old and key in new:
            if old[key] != new[key]:
                change = f"{shown(key, old[key])} → {shown(key, new[key])}"
                parts.append(change if prefix else f"{name}: {change}")
        elif key in new and new[key] not in (None, "", []):
            parts.append(f"{name}: {shown(key, new[key])}")
    return prefix + "; ".join(parts)


class HistoryModel(TimelineTableModel[AuditRecord]):
    """A client's audit entries, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._titles: dict[str, str] = {}

    def set_entries(self, rows: Sequence[AuditRecord],
                    step_titles: Mapping[str, str] | None = None) -> None:
        """Show ``rows``; ``step_titles`` turn step codes into their titles."""
        self._titles = dict(step_titles or {})
        self._show(rows)

    def _cell(self, entry: AuditRecord, column: Column) -> str:
        """When, who, what in words, and the change's details."""
        if column is Column.WHEN:
            return local_time_text(entry.at)
        if column is Column.WHO:
            return actor_text(entry.actor_name)
        if column is Column.WHAT:
            return action_name(entry.action)
        return describe_change(entry.before, entry.after, self._titles, entry.entity)
