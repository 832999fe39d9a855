"""The queue model: Qt's model tester with fetch-more, filters and search in SQL (R7)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from nit_desk.domain.errors import ValidationError
from nit_desk.models.queue.queue_model import (
    CLIENT_ID_ROLE,
    OVERDUE_ROLE,
    READ_AHEAD_DELAY_MS,
    REQUEST_ID_ROLE,
    Column,
    QueueModel,
)
from nit_desk.services.actor import Actor
from nit_desk.services.dto import QueueFilter
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.queue_texts import short_when, time_left_text
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from tests.views.queue.queue_support import fill_queue

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def loaded_model(qtbot: QtBot, db: Database, actor: Actor, runner: ServiceRunner,
                 page_size: int = 5) -> QueueModel:
    """A model of ``actor``'s queue with its first page in."""
    model = QueueModel(Session(db, actor, runner, AppEvents()), page_size=page_size)
    model.reload(keep_count=False)
    qtbot.waitUntil(lambda: not model.is_loading)
    return model


def fetch_all(qtbot: QtBot, model: QueueModel) -> None:
    """Ask for pages until the service says there are no more."""
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.is_fetching)


def test_model_tester_with_fetch_more_over_three_pages(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R7: pages arrive soonest deadline first, and every step passes Qt's model tester."""
    ids = fill_queue(db, agent, 12)
    model = QueueModel(Session(db, agent, runner, AppEvents()), page_size=5)
    tester = QAbstractItemModelTester(model, FATAL)
    model.reload(keep_count=False)
    qtbot.waitUntil(lambda: not model.is_loading)
    assert model.rowCount() == 5 and model.canFetchMore()
    fetch_all(qtbot, model)
    assert model.rowCount() == 12 and not model.canFetchMore()
    shown = [model.index(r, 0).data(REQUEST_ID_ROLE) for r in range(12)]
    assert shown == ids
    deadlines = [model.row(r).deadline for r in range(12)]
    assert deadlines == sorted(deadlines)
    assert model.index(0, 0).data(CLIENT_ID_ROLE) == model.row(0).client_id
    assert model.index(0, Column.REGISTRATION).data() == f"0/{model.row(0).required_total}"
    del tester


def test_fetch_more_while_a_page_is_in_flight_fetches_once(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """A second fetchMore before the first page came back is ignored (no double rows)."""
    fill_queue(db, agent, 8)
    model = loaded_model(qtbot, db, agent, runner, page_size=3)
    model.fetchMore()
    model.fetchMore()
    assert model.is_fetching
    qtbot.waitUntil(lambda: not model.is_fetching)
    assert model.rowCount() == 6
    ids = [model.row(r).request_id for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)


def test_a_page_read_ahead_is_appended_at_once(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """The next page is read in the background, so scrolling to it never waits."""
    fill_queue(db, agent, 8)
    model = loaded_model(qtbot, db, agent, runner, page_size=3)
    qtbot.waitUntil(lambda: model.has_page_ahead)
    model.fetchMore()
    assert model.rowCount() == 6 and not model.is_fetching  # no wait: it was there
    qtbot.waitUntil(lambda: model.has_page_ahead)
    model.fetchMore()
    assert model.rowCount() == 8 and not model.canFetchMore()


def slow_first_page(monkeypatch: pytest.MonkeyPatch, delay: float) -> None:
    """The queue service, with the first page of a reload taking ``delay`` seconds."""
    real = queue.queue_page

    def queue_page(db: Database, actor: Actor, **kw: object) -> object:
        if kw["after"] is None:
            time.sleep(delay)
        return real(db, actor, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(queue, "queue_page", queue_page)


def test_a_read_ahead_due_during_a_reload_never_skips_rows(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """R7: the read-ahead timer of the last page shown fires while a slow reload is on its
    way; it must not read the page after the *old* rows and offer it after the new ones."""
    ids = fill_queue(db, agent, 8)
    slow_first_page(monkeypatch, 0.2)
    model = QueueModel(Session(db, agent, runner, AppEvents()), page_size=3)
    model.reload(keep_count=False)
    qtbot.waitUntil(lambda: not model.is_loading and model.has_page_ahead, timeout=5000)
    model.fetchMore()  # rows 0-5 shown; the page after them is due in READ_AHEAD_DELAY_MS
    assert model.rowCount() == 6
    model.reload(keep_count=False)  # back to the first page, slowly
    qtbot.wait(READ_AHEAD_DELAY_MS * 3)  # the read-ahead timer fires mid-reload
    qtbot.waitUntil(lambda: not model.is_loading and model.has_page_ahead
                    and not model.is_reading_ahead, timeout=5000)
    fetch_all(qtbot, model)
    assert [model.row(r).request_id for r in range(model.rowCount())] == ids


def test_filters_and_search_reload_from_the_first_page(
        qtbot: QtBot, db: Database, agent: Actor, agent2: Actor,
        runner: ServiceRunner) -> None:
    """Mine / unclaimed and the phone, email and handle prefix search are answered in SQL."""
    ids = fill_queue(db, agent, 12)
    queue.claim(db, agent, ids[3])
    queue.claim(db, agent, ids[7])
    queue.claim(db, agent2, ids[9])
    model = loaded_model(qtbot, db, agent, runner)
    model.set_filter(QueueFilter.MINE)
    qtbot.waitUntil(lambda: not model.is_loading)
    assert [model.row(r).request_id for r in range(model.rowCount())] == [ids[3], ids[7]]
    assert model.index(0, Column.CLAIMED_BY).data() == "anna (you)"
    model.set_filter(QueueFilter.UNCLAIMED)
    qtbot.waitUntil(lambda: not model.is_loading)
    fetch_all(qtbot, model)
    assert model.rowCount() == 9
    model.set_filter(QueueFilter.ALL_OPEN)
    for text, expected in (("8 912 345-05-0", ids[:10]), ("+7912345051", ids[10:]),
                           ("client503@", [ids[3]]), ("@client_511", [ids[11]])):
        model.set_search(text)
        qtbot.waitUntil(lambda: not model.is_loading)
        fetch_all(qtbot, model)
        assert [model.row(r).request_id for r in range(model.rowCount())] == expected, text


def test_a_newer_reload_wins_over_an_older_one(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """Typing fast: the page of an older search arriving late is dropped."""
    ids = fill_queue(db, agent, 6)
    model = loaded_model(qtbot, db, agent, runner)
    model.set_search("@client_501")
    model.set_search("@client_504")
    qtbot.waitUntil(lambda: not model.is_loading)
    qtbot.wait(50)
    assert [model.row(r).request_id for r in range(model.rowCount())] == [ids[4]]


def test_a_refused_search_is_reported_not_raised(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """A search text the service refuses comes back as ``load_failed`` with its message."""
    fill_queue(db, agent, 2)
    model = loaded_model(qtbot, db, agent, runner)
    with qtbot.waitSignal(model.load_failed) as blocker:
        model.set_search("x" * 400)
    assert isinstance(blocker.args[0], ValidationError)
    assert not model.is_loading


def test_minute_tick_moves_only_the_deadline_column_until_a_row_falls_overdue(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R7: the time left moves on; a row whose deadline passed gets the overdue clock."""
    fill_queue(db, agent, 3)
    model = loaded_model(qtbot, db, agent, runner)
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append(
        (a.row(), a.column(), b.row(), b.column())))
    now = datetime.now(UTC)
    model.refresh_time_left(now + timedelta(minutes=1))
    assert changed == [(0, Column.DEADLINE, 2, Column.DEADLINE)]
    assert not model.index(0, 0).data(OVERDUE_ROLE)
    changed.clear()
    model.refresh_time_left(now + timedelta(hours=2, minutes=30))
    assert changed[0] == (0, Column.DEADLINE, 2, Column.DEADLINE)
    assert (0, Column.DEADLINE, 0, Column.DEADLINE) in changed
    assert model.index(0, 0).data(OVERDUE_ROLE)
    assert model.index(0, Column.DEADLINE).data().startswith("overdue ")
    # calm: a clock in the deadline cell, never a tinted or bold row (issue #14, item 7)
    assert model.index(0, Column.DEADLINE).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(1, Column.DEADLINE).data(Qt.ItemDataRole.DecorationRole) is None
    for column in Column:
        assert model.index(0, column).data(Qt.ItemDataRole.BackgroundRole) is None
        assert model.index(0, column).data(Qt.ItemDataRole.FontRole) is None


@pytest.mark.parametrize(("minutes", "text"), [
    (200, "in 3 h 20 min"), (-120, "overdue 2 h"), (59, "in 59 min"),
    (3 * 24 * 60 + 60, "in 3 d 1 h"), (-(2 * 24 * 60), "overdue 2 d")])
def test_time_left_text(minutes: int, text: str) -> None:
    """R7: the time left to the agreed deadline in words."""
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert time_left_text(now + timedelta(minutes=minutes, seconds=30), now) == text


def test_short_when_follows_the_locale() -> None:
    """Dates in the user's locale: day.month in Russian, month/day in US English."""
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    later = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
    assert short_when(later, now, QLocale("ru_RU")).startswith("14.03 ")
    assert short_when(later, now, QLocale("en_US")).startswith("3/14 ")
    assert short_when(later.replace(year=2027), now, QLocale("ru_RU")).startswith("14.03.2027 ")


def test_queue_search_finds_the_clients_prefix_matches_finds(
        db: Database, agent: Actor) -> None:
    """The queue's light id lookup answers like the full contact search (R1 canonical forms)."""
    from nit_desk.services.clients import client_search
    fill_queue(db, agent, 12)
    with db.read_session() as session:
        for text in ("8 912 345-05", "+7912345051", "client50", "@client_51", "CLIENT503@EX",
                     "nobody"):
            full = [m.client_id for m in client_search.prefix_matches(session, text, 5)]
            assert client_search.prefix_client_ids(session, text, 5) == full, text
