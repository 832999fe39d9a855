"""One client's audit entries as a table model: when, who, what, details (R17).

Rows are duck-typed audit records (:class:`nit_desk.views.card_gateway.HistoryEntry`):
``at``, ``actor_name``, ``action``, ``before``, ``after`` (JSON text).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from nit_desk.domain.money import format_money
from nit_desk.domain.types import StepState
from nit_desk.models.checklist_model import state_name
from nit_desk.models.time_text import local_time_text

ModelIndex = QModelIndex | QPersistentModelIndex


class AuditRow(Protocol):
    """What the model reads of an audit entry."""

    @property
    def at(self) -> Any:
        """When (aware datetime)."""

    @property
    def actor_name(self) -> str:
        """Who."""

    @property
    def action(self) -> str:
        """e.g. ``client.step_changed``."""

    @property
    def before(self) -> str:
        """JSON before."""

    @property
    def after(self) -> str:
        """JSON after."""


class Column(IntEnum):
    """The history's columns."""

    WHEN = 0
    WHO = 1
    WHAT = 2
    DETAILS = 3


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


_HIDDEN = frozenset({"code", "lines"})
"""Keys too long for one line (an estimate's lines are shown by the estimate editor)."""


def describe_change(before: str, after: str, step_titles: Mapping[str, str]) -> str:
    """``before``/``after`` JSON in one line: ``Step title: pending → done``, ``key: a → b``."""
    old, new = _load(before), _load(after)
    code = new.get("code") or old.get("code")
    parts: list[str] = []
    prefix = f"{step_titles.get(code, code)}: " if isinstance(code, str) else ""
    for key in [k for k in dict.fromkeys([*old, *new]) if k not in _HIDDEN]:
        name = key.removesuffix("_kopecks").replace("_", " ")
        if key in old and key in new:
            if old[key] != new[key]:
                change = f"{_value(key, old[key])} → {_value(key, new[key])}"
                parts.append(change if prefix else f"{name}: {change}")
        elif key in new and _value(key, new[key]):
            parts.append(f"{name}: {_value(key, new[key])}")
    return prefix + "; ".join(parts)


class HistoryModel(QAbstractTableModel):
    """A client's audit entries, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        self._titles: dict[str, str] = {}

    def set_entries(self, rows: Sequence[AuditRow],
                    step_titles: Mapping[str, str] | None = None) -> None:
        """Show ``rows``; ``step_titles`` turn step codes into their titles."""
        self.beginResetModel()
        self._rows = list(rows)
        self._titles = dict(step_titles or {})
        self.endResetModel()

    def entry(self, row: int) -> AuditRow | None:
        """The entry on ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        """Entries (a table: no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        """When, who, what, details."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {Column.WHEN: self.tr("When"), Column.WHO: self.tr("Who"),
                  Column.WHAT: self.tr("What"), Column.DETAILS: self.tr("Details")}
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The entry's text; the tooltip holds the full details."""
        if not index.isValid() or index.parent().isValid():
            return None
        entry = self.entry(index.row())
        if entry is None or not 0 <= index.column() < len(Column):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = Column(index.column())
        if column is Column.WHEN:
            return local_time_text(entry.at)
        if column is Column.WHO:
            return entry.actor_name
        if column is Column.WHAT:
            return action_name(entry.action)
        return describe_change(entry.before, entry.after, self._titles)
