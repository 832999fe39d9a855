"""Helpers for the request-life and work-log screen tests (R19, R22).

:class:`StandInGateway` is the card's real gateway with the life and work-log
calls answered on the real database by ``claims.set_status`` and a hand-built
log: the screens are tested against the agreed API while the services of
``request_life`` and ``work_log`` are written on their own branches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pytestqt.qtbot import QtBot

from nit_desk.domain.errors import Conflict
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.money import format_money
from nit_desk.domain.text import clean_text
from nit_desk.domain.types import RequestStatus
from nit_desk.gui.bindings import attach_database
from nit_desk.gui.card_services import DatabaseCardGateway
from nit_desk.gui.events import AppEvents
from nit_desk.gui.runner import ServiceRunner
from nit_desk.services import claims
from nit_desk.services.dto import RequestDTO
from nit_desk.views.client_card import ClientCardView


class AdvanceNotPaid(Conflict):
    """Shaped as the agreed ``services.dto.AdvanceNotPaid``: a Conflict with ``due_kopecks``."""

    def __init__(self, due_kopecks: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "messages", "The advance of {amount} is not paid yet: work on this request cannot "
            "start."), field="request", due_kopecks=due_kopecks, amount=format_money(due_kopecks))
        self.due_kopecks = due_kopecks


@dataclass(frozen=True)
class Entry:
    """Shaped as the agreed ``WorkLogEntry``."""

    at: datetime
    who: str
    kind: str
    text: str = ""
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Log:
    """Shaped as the agreed ``WorkLog``."""

    request_id: int = 1
    entries: tuple[Entry, ...] = ()
    worked_seconds: int = 0
    timer_running: bool = False
    as_of: datetime = field(default_factory=lambda: datetime.now(UTC))
    estimate_hours: Decimal | None = None


@dataclass(frozen=True)
class StandInGateway(DatabaseCardGateway):
    """The card's gateway; moves by ``claims.set_status``, notes kept in memory.

    ``unpaid_kopecks`` > 0 makes ``start_work`` refuse like an unpaid advance unless a
    supervisor gives an override reason. ``calls`` records every life and log call.
    """

    unpaid_kopecks: int = 0
    calls: list[tuple[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def _move(self, request_id: int, status: RequestStatus) -> RequestDTO:
        return claims.set_status(self.db, self.actor, request_id, status)

    def start_work(self, request_id: int, *, override_reason: str = "") -> RequestDTO:
        """new -> in progress, refused while the advance is unpaid (no override)."""
        self.calls.append(("start_work", override_reason))
        if self.unpaid_kopecks and not (override_reason and self.actor.is_supervisor):
            raise AdvanceNotPaid(self.unpaid_kopecks)
        return self._move(request_id, RequestStatus.IN_PROGRESS)

    def wait_for_client(self, request_id: int, awaited: str) -> RequestDTO:
        """in progress -> waiting."""
        self.calls.append(("wait_for_client", clean_text(awaited, field="awaited",
                                                         required=True)))
        return self._move(request_id, RequestStatus.WAITING_CLIENT)

    def back_to_work(self, request_id: int) -> RequestDTO:
        """waiting -> in progress."""
        self.calls.append(("back_to_work", None))
        return self._move(request_id, RequestStatus.IN_PROGRESS)

    def mark_done(self, request_id: int) -> RequestDTO:
        """in progress -> done."""
        self.calls.append(("mark_done", None))
        return self._move(request_id, RequestStatus.DONE)

    def cancel_request(self, request_id: int, reason: str) -> RequestDTO:
        """open -> cancelled."""
        self.calls.append(("cancel", clean_text(reason, field="reason", required=True)))
        return self._move(request_id, RequestStatus.CANCELLED)

    def add_note(self, request_id: int, text: str) -> Any:
        """A note, through the real secret guard (R9, R23)."""
        cleaned = clean_text(text, field="note", required=True)
        self.calls.append(("add_note", cleaned))
        self.notes.append(cleaned)
        return Entry(datetime.now(UTC), self.actor.username, "note", cleaned)

    def work_log(self, request_id: int) -> Any:
        """A log of the notes added so far."""
        self.calls.append(("work_log", request_id))
        entries = tuple(Entry(datetime.now(UTC), self.actor.username, "note", n)
                        for n in self.notes)
        return Log(request_id, entries)


def stand_in_card(qtbot: QtBot, gateway: DatabaseCardGateway, runner: ServiceRunner,
                  events: AppEvents) -> ClientCardView:
    """A shown card on ``gateway``; commits reach it as data_changed."""
    card = ClientCardView(gateway, runner, events)
    qtbot.addWidget(card)
    detach = attach_database(events, gateway.db)
    card.destroyed.connect(lambda *_: detach())
    card.resize(760, 760)
    card.show()
    return card
