"""The work log's model and time line, over hand-built work logs (R22)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nit_desk.models.card.work_log_model import (
    Column,
    WorkLogModel,
    details_text,
    duration_text,
    worked_text,
)
from nit_desk.services.clients.work_log_dto import WorkLog, WorkLogEntry, WorkLogKind
from nit_desk.ui import i18n
from nit_desk.ui.money_text import money_text
from nit_desk.ui.time_text import local_time_text

AT = datetime(2026, 3, 2, 7, 42, tzinfo=UTC)


def Entry(at: datetime, who: str, kind: str, text: str = "",  # noqa: N802 - a DTO's maker
          details: tuple[tuple[str, str], ...] = ()) -> WorkLogEntry:
    """A work-log entry as the service hands it."""
    return WorkLogEntry(at, who, WorkLogKind(kind), text, details)


def Log(entries: tuple[WorkLogEntry, ...] = ()) -> WorkLog:  # noqa: N802 - a DTO's maker
    """A work log of ``entries``, its timer stopped, no agreed estimate."""
    return WorkLog(1, entries, 0, False, AT, None)


SCENARIO_9 = (
    Entry(AT, "anna", "created"),
    Entry(AT + timedelta(minutes=1), "anna", "estimate",
          details=(("number", "1"), ("status", "agreed"), ("total_kopecks", "210000"))),
    Entry(AT + timedelta(minutes=2), "anna", "payment",
          details=(("amount_kopecks", "120000"), ("payment_kind", "advance"))),
    Entry(AT + timedelta(minutes=3), "anna", "payment_voided", "typed the wrong amount",
          (("amount_kopecks", "120000"), ("payment_kind", "advance"))),
    Entry(AT + timedelta(minutes=4), "anna", "status",
          details=(("from", "new"), ("to", "in_progress"))),
    Entry(AT + timedelta(minutes=30), "anna", "status", "reboot and confirm",
          (("from", "in_progress"), ("to", "waiting_client"))),
    Entry(AT + timedelta(minutes=50), "anna", "deadline", "client asked",
          (("before", "2026-03-03T15:00:00+00:00"), ("after", "2026-03-06T09:00:00+00:00"))),
    Entry(AT + timedelta(minutes=90), "anna", "note",
          "cleaned autostart,\nremoved 2 adware programs"),
)


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    """The program in Russian for one test, then back to the source texts."""
    i18n.install_translators(qapp, "ru")
    yield
    i18n.remove_translators()


def test_r22_model_passes_qt_model_tester_and_reads_top_to_bottom(
        qtbot: QtBot, qtmodeltester: object) -> None:
    """Oldest first; every kind has its words; a note shows on one line, whole in the tip."""
    model = WorkLogModel()
    model.set_log(Log(SCENARIO_9))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == len(SCENARIO_9)
    assert model.columnCount() == 4
    whats = [model.data(model.index(r, Column.WHAT)) for r in range(model.rowCount())]
    assert whats == ["Request created", "Estimate", "Payment recorded", "Payment voided",
                     "Status changed", "Status changed", "Deadline re-agreed", "Note"]
    note = model.index(7, Column.DETAILS)
    assert model.data(note) == "cleaned autostart, removed 2 adware programs"
    assert model.data(note, Qt.ItemDataRole.ToolTipRole) == \
        "cleaned autostart,\nremoved 2 adware programs"
    assert model.data(model.index(0, Column.WHO)) == "anna"
    model.set_log(None)
    assert model.rowCount() == 0


def test_r22_details_in_words_not_machine_values() -> None:
    """Statuses, money, payment kinds, versions and deadlines are words, not codes."""
    assert details_text("status", (("from", "in_progress"), ("to", "waiting_client")),
                        "reboot and confirm") == \
        "in progress → waiting for client — reboot and confirm"
    paid = (("amount_kopecks", "210000"), ("payment_kind", "advance"))
    assert details_text("payment", paid) == f"{money_text(210000)}, advance"
    voided = (("amount_kopecks", "120000"), ("payment_kind", "advance"))
    assert details_text("payment_voided", voided, "typed the wrong amount") == \
        f"{money_text(120000)}, advance — typed the wrong amount"
    assert details_text("estimate", (("number", "1"), ("status", "agreed"),
                                     ("total_kopecks", "210000"))) == \
        f"version 1 · agreed · {money_text(210000)}"
    before, after = datetime(2026, 3, 3, 15, tzinfo=UTC), datetime(2026, 3, 6, 9, tzinfo=UTC)
    deadline = details_text("deadline", (("before", before.isoformat()),
                                         ("after", after.isoformat())), "asked")
    assert deadline == f"{local_time_text(before)} → {local_time_text(after)} — asked"
    assert details_text("note", (), "a note") == "a note"


def test_r22_russian_words_for_statuses_payments_and_money(
        qtbot: QtBot, russian: None) -> None:
    """In Russian: "новая → в работе", "аванс", roubles grouped the Russian way."""
    model = WorkLogModel()
    model.set_log(Log(SCENARIO_9))
    assert model.data(model.index(4, Column.DETAILS)) == "новая → в работе"
    payment = model.data(model.index(2, Column.DETAILS))
    assert payment == f"{money_text(120000)}, аванс"
    assert payment.startswith("1") and "200" in payment and "₽" in payment
    waiting = model.data(model.index(5, Column.DETAILS))
    assert waiting.startswith("в работе → ") and waiting.endswith(" — reboot and confirm")
    assert "₽" in model.data(model.index(1, Column.DETAILS))


def test_r22_time_line_against_the_estimate(qtbot: QtBot) -> None:
    """"1 h 30 min of 2 h"; minutes round down; no estimate says so."""
    assert duration_text(90 * 60 + 59) == "1 h 30 min"
    assert duration_text(2 * 3600) == "2 h"
    assert duration_text(59) == "0 min"
    assert worked_text(100 * 60, Decimal(2)) == "1 h 40 min of 2 h"
    assert worked_text(45 * 60, Decimal("1.5")) == "45 min of 1 h 30 min"
    assert worked_text(45 * 60, None) == "45 min worked (no agreed estimate)"
