"""A request's work log as a table model: when, who, what happened, in words (R22).

The rows come from ``services.work_log.work_log`` (:class:`WorkLog`, one
:class:`WorkLogEntry` per row, oldest first). Each entry's machine
``details`` (``("from", "new"), ("to", "in_progress")``) become Russian words
here: status names as the queue says them, payment kinds and amounts as the
money screens say them, times in the user's local time.

:func:`duration_text` and :func:`worked_text` give the time line
"1 h 30 min of 2 h" the card shows against the agreed estimate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
)

from nit_desk.domain.types import (
    AdvanceReason,
    EstimateStatus,
    Network,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
)
from nit_desk.models.card.timeline_table import Column, TimelineTableModel
from nit_desk.services.clients.work_log_dto import WorkLog, WorkLogEntry
from nit_desk.ui import money_text
from nit_desk.ui.audit_text import actor_text, field_name
from nit_desk.ui.queue_texts import channel_name, reason_name, scheme_name, status_name
from nit_desk.ui.time_text import local_time_text

_CONTEXT = "WorkLogModel"




def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# -- time --------------------------------------------------------------------


def duration_text(seconds: int) -> str:
    """A span rounded down to the minute: "1 h 30 min", "2 h", "45 min", "0 min"."""
    minutes = max(0, int(seconds)) // 60
    hours, mins = divmod(minutes, 60)
    t = QCoreApplication.translate
    if hours and mins:
        return t("request", "{h} h {m} min").format(h=hours, m=mins)
    if hours:
        return _tr("{h} h").format(h=hours)
    return t("request", "{m} min").format(m=mins)


def hours_seconds(hours: Decimal) -> int:
    """Estimate hours (exact ``Decimal``) as whole seconds."""
    return int(hours * 3600)


def worked_text(worked_seconds: int, estimate_hours: Decimal | None) -> str:
    """"1 h 30 min of 2 h" against the agreed estimate, or "1 h 30 min (no agreed estimate)"."""
    worked = duration_text(worked_seconds)
    if estimate_hours is None:
        return _tr("{worked} worked (no agreed estimate)").format(worked=worked)
    return _tr("{worked} of {estimate}").format(
        worked=worked, estimate=duration_text(hours_seconds(estimate_hours)))


# -- the words of one entry -----------------------------------------------------


def kind_name(kind: str) -> str:
    """What kind of event an entry is, in words ("status" -> "Status changed")."""
    names = {
        "created": _tr("Request created"), "note": _tr("Note"),
        "status": _tr("Status changed"), "payment": _tr("Payment recorded"),
        "payment_voided": _tr("Payment voided"), "estimate": _tr("Estimate"),
        "sensitive": _tr("Sensitive action"), "deadline": _tr("Deadline re-agreed"),
        "description": _tr("Description edited"), "time_corrected": _tr("Time corrected"),
        "claim": _tr("Taken or released"),
    }
    return names.get(str(kind), str(kind))


def _status(value: str) -> str:
    try:
        return status_name(RequestStatus(value))
    except ValueError:
        return value


def _money(value: str) -> str:
    try:
        return money_text.money_text(int(value))
    except ValueError:
        return value


def _payment_kind(value: str) -> str:
    try:
        return money_text.payment_kind_name(PaymentKind(value))
    except ValueError:
        return value


def _estimate_status(value: str) -> str:
    try:
        return money_text.status_name(EstimateStatus(value))
    except ValueError:
        return value


def _moment(value: str) -> str:
    try:
        return local_time_text(datetime.fromisoformat(value))
    except ValueError:
        return value


def _seconds(value: str) -> str:
    try:
        return duration_text(int(value))
    except ValueError:
        return value


def _hours(value: str) -> str:
    try:
        return duration_text(hours_seconds(Decimal(value)))
    except (InvalidOperation, ValueError):
        return value


def _minutes(value: str) -> str:
    try:
        return duration_text(int(value) * 60)
    except ValueError:
        return value


def _bool(value: str) -> str:
    yes = value.strip().lower() in {"true", "1", "yes"}
    return _tr("yes") if yes else _tr("no")


def _status_words(d: Mapping[str, str]) -> str:
    return "{old} → {new}".format(old=_status(d.get("from", "?")), new=_status(d.get("to", "?")))


def _payment_words(d: Mapping[str, str]) -> str:
    parts = [_money(d["amount_kopecks"])] if "amount_kopecks" in d else []
    if "payment_kind" in d:
        parts.append(_payment_kind(d["payment_kind"]))
    return ", ".join(parts)


def _estimate_words(d: Mapping[str, str]) -> str:
    text = _tr("version {number}").format(number=d.get("number", "?"))
    if "status" in d:
        text += f" · {_estimate_status(d['status'])}"
    if "total_kopecks" in d:
        text += f" · {_money(d['total_kopecks'])}"
    return text


def _change_words(d: Mapping[str, str]) -> str:
    """A deadline's before → after, in local times."""
    return f"{_moment(d.get('before', '?'))} → {_moment(d.get('after', '?'))}"


def _minutes_words(d: Mapping[str, str]) -> str:
    """A corrected time: minutes before → after."""
    return f"{_minutes(d.get('before', '0'))} → {_minutes(d.get('after', '0'))}"


def _text_words(d: Mapping[str, str]) -> str:
    """An edited text: before → after."""
    return f"{d.get('before', '')} → {d.get('after', '')}".strip(" →")


def _created_words(d: Mapping[str, str]) -> str:
    """Where the request came from and its scheme with the reasons (R14)."""
    parts = []
    if "channel" in d:
        parts.append(_channel(d["channel"]))
    if "payment_scheme" in d:
        parts.append(_scheme(d["payment_scheme"]))
    reasons = [reason_name(AdvanceReason(r))
               for r in re.findall(r"\b[abcd]\b", d.get("advance_reasons", ""))]
    if reasons:
        parts.append(", ".join(reasons))
    return " · ".join(parts)


def _status_change_words(d: Mapping[str, str]) -> str:
    words = _status_words(d)
    if "override" in d and _bool(d["override"]) == _tr("yes"):
        words += " " + _tr("(started before the advance was paid)")
    return words


def _claim_words(d: Mapping[str, str]) -> str:
    return _tr("released to the queue") if "released" in d else _tr("taken for work")


def _channel(value: str) -> str:
    try:
        return channel_name(Network(value))
    except ValueError:
        return value


def _scheme(value: str) -> str:
    try:
        return scheme_name(PaymentScheme(value))
    except ValueError:
        return value


_WORDS: dict[str, Callable[[Mapping[str, str]], str]] = {
    "created": _created_words, "status": _status_change_words, "payment": _payment_words,
    "payment_voided": _payment_words, "estimate": _estimate_words, "deadline": _change_words,
    "description": _text_words, "time_corrected": _minutes_words, "claim": _claim_words,
}
"""Each kind's sentence from its details; the keys it reads are in :data:`_READ`."""
_READ = frozenset({"from", "to", "override", "amount_kopecks", "payment_kind", "payment_id",
                   "number", "status", "total_kopecks", "before", "after", "channel",
                   "payment_scheme", "advance_reasons", "released"})
_VALUE_WORDS = {"agreed": _bool, "client_agreed": _bool, "warned": _bool,
                "hours": _hours, "seconds": _seconds}


def details_text(kind: str, details: Sequence[tuple[str, str]], text: str = "") -> str:
    """An entry's machine details and free text as one line of words."""
    d = dict(details)
    words = _WORDS.get(str(kind))
    parts = [words(d)] if words is not None else []
    for key, value in details:
        if key in _READ and words is not None:
            continue
        shown = _VALUE_WORDS.get(key, lambda v: v)(value)
        parts.append(f"{key_name(key)}: {shown}")
    if text:
        parts.append(text)
    return " — ".join(p for p in parts if p)


def key_name(key: str) -> str:
    """A detail's name in words (for details this screen has no sentence for)."""
    names = {"agreed": _tr("client agreed"), "client_agreed": _tr("client agreed"),
             "warned": _tr("warned"), "action": _tr("action"), "hours": _tr("hours"),
             "seconds": _tr("time"), "amount_kopecks": _tr("amount"),
             "payment_kind": _tr("kind"), "status": _tr("status")}
    return names.get(key) or field_name(key)


# -- the model ---------------------------------------------------------------


class WorkLogModel(TimelineTableModel[WorkLogEntry]):
    """A request's work log, oldest first: when, who, what, details (R22)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.log: WorkLog | None = None

    def set_log(self, log: WorkLog | None) -> None:
        """Show ``log`` (None: nothing)."""
        self.log = log
        self._show(log.entries if log is not None else ())

    def _cell(self, entry: WorkLogEntry, column: Column) -> str:
        """The words of one cell (the tooltip's, with the note's line breaks)."""
        if column is Column.WHEN:
            return local_time_text(entry.at)
        if column is Column.WHO:
            return actor_text(entry.who)
        if column is Column.WHAT:
            return kind_name(entry.kind)
        return details_text(entry.kind, entry.details, entry.text)
