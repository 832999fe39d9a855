"""Reports tab and the console's place in the main window (R18)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from nit_desk.app.console_screens import install_supervisor_console
from nit_desk.domain.types import RequestStatus
from nit_desk.models.queue.queue_model import status_name
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.console.console import SupervisorConsole
from nit_desk.views.console.reports_view import CUSTOM, ReportsView
from nit_desk.views.main_window import MainWindow
from tests.services.agent_support import new_client
from tests.views.console.console_support import open_tab, wait_idle


def test_reports_show_figures_charts_and_export(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This week's figures from the service, a bar per status, per-user rows, CSV export."""
    for n in range(3):
        new_client(db, agent, 600 + n)
    made = new_client(db, agent, 603)
    bans.propose_ban(db, agent, made.client.id, ["browser_check"], "bot")
    view = open_tab(qtbot, ReportsView, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: view.report is not None, timeout=10000)
    assert view.figures["queue"].text() == "4"
    assert view.figures["bans"].text().startswith("1 in all")
    bars = dict((label, value) for label, value, _c in view.queue_chart.bars)
    assert bars[status_name(RequestStatus.NEW)] == 4
    assert {a.username for a in view.agents.rows()} == {"anna", "boss"}
    anna = next(a for a in view.agents.rows() if a.username == "anna")
    assert view.agents.cell(anna, 1) == "4"  # requests taken in
    target = tmp_path / "report.csv"
    monkeypatch.setattr(view, "choose_export_path", lambda: target)
    view.export_button.click()
    qtbot.waitUntil(lambda: "exported" in view.message.text(), timeout=10000)
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Figure", "Value"] and ["Requests: new", "4"] in rows
    assert any(r and r[0] == "anna" for r in rows)


def test_custom_range_is_read_whichever_way_round(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A custom range typed last day first is still a period; the dates are enabled for it."""
    view = open_tab(qtbot, ReportsView, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: view.report is not None, timeout=10000)
    view.period_box.setCurrentIndex(view.period_box.findData(CUSTOM))
    assert view.first_edit.isEnabled() and view.last_edit.isEnabled()
    view.first_edit.setDate(view.last_edit.date().addDays(3))
    since, until = view.period()
    assert until > since
    view.show_button.click()
    wait_idle(qtbot, runner)
    assert view.report is not None and view.report.until == until


def test_r18_console_is_placed_for_supervisors_only(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, desk_settings: DeskSettings) -> None:
    """The supervisor's window gets the console tab; the agent's window gets nothing."""
    for actor, expected in ((supervisor, True), (agent, False)):
        window = MainWindow(actor, runner, events, desk_settings)
        qtbot.addWidget(window)
        console = install_supervisor_console(window, Session(db, actor, runner, events,
                                                          desk_settings))
        assert (console is not None) is expected
        assert isinstance(window.supervisor_console, SupervisorConsole) is expected
        assert window.tabs.count() == (2 if expected else 1)
        wait_idle(qtbot, runner)


def test_console_tabs_read_their_data_when_first_shown(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Sign-in stays quick: only the tab on show reads; the report waits until it is opened."""
    console = open_tab(qtbot, SupervisorConsole, db, supervisor, runner, events)
    assert console.ban_review.loaded
    assert not (console.audit_viewer.loaded or console.reports.loaded
                or console.users_admin.loaded or console.template_editor.loaded)
    console.setCurrentWidget(console.reports)
    qtbot.waitUntil(lambda: console.reports.report is not None, timeout=10000)
    assert console.reports.loaded and not console.audit_viewer.loaded
    wait_idle(qtbot, runner)
