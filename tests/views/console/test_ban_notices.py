"""The supervisor sees what waits, and the proposer hears the decision (#14 item 6, R8, R11)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from nit_desk.app.bindings import attach_database
from nit_desk.app.console_screens import install_supervisor_console
from nit_desk.domain.errors import PermissionDenied
from nit_desk.domain.types import StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import ban_notices, bans, clients, registration, sensitive
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.console.ban_review import BanReview
from nit_desk.views.console.console import SupervisorConsole
from nit_desk.views.desk_notices import BanDecisionWatch, DeskNotifier
from nit_desk.views.main_window import MainWindow
from tests.services.agent_support import new_client
from tests.views.console.console_support import open_tab, status_messages


def _propose(db: Database, agent: Actor, n: int) -> int:
    made = new_client(db, agent, n, handle=f"refuser_{n}")
    registration.set_step_state(db, agent, made.client.id, "added_as_friend", StepState.REFUSED)
    return bans.propose_ban(db, agent, made.client.id, ["added_as_friend"],
                            "Отказывается добавить нас в друзья").id


def test_r11_pending_count_and_my_decisions_services(db: Database, agent: Actor,
                                                     supervisor: Actor) -> None:
    """R11/R18: the count is the supervisors'; the proposer reads only their own decisions."""
    start = ban_notices.my_decided_proposals(db, agent, None)
    assert start.proposals == ()
    first, second = _propose(db, agent, 601), _propose(db, agent, 602)
    assert ban_notices.pending_ban_count(db, supervisor) == 2
    with pytest.raises(PermissionDenied):
        ban_notices.pending_ban_count(db, agent)
    bans.reject_ban(db, supervisor, first, "Недостаточно оснований")
    decided = ban_notices.my_decided_proposals(db, agent, start.as_of)
    assert [p.id for p in decided.proposals] == [first]
    assert decided.proposals[0].review_reason == "Недостаточно оснований"
    assert ban_notices.my_decided_proposals(db, supervisor, start.as_of).proposals == ()
    assert ban_notices.pending_ban_count(db, supervisor) == 1
    assert second


def test_r11_console_counts_waiting_proposals_before_the_ban_tab_opens(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, desk_settings: DeskSettings) -> None:
    """R11: the console's title and the window's console tab and menu say how many wait."""
    _propose(db, agent, 611)
    _propose(db, agent, 612)
    window = MainWindow(supervisor, runner, events, desk_settings, database_name="test")
    qtbot.addWidget(window)
    detach = attach_database(events, db)
    console = install_supervisor_console(window, Session(db, supervisor, runner, events))
    assert console is not None
    qtbot.waitUntil(lambda: console.pending == 2)
    assert not console.ban_review.loaded  # counted without opening the ban tab
    assert console.tabText(console.indexOf(console.ban_review)) == "Ban review (2)"
    assert window.tabs.tabText(window.tabs.indexOf(console)) == "Supervisor console (2)"
    assert window.action_supervisor_console.text() == "Supervisor &console (2)"
    said = status_messages(events)
    _propose(db, agent, 613)  # data_changed keeps the count current
    qtbot.waitUntil(lambda: console.pending == 3)
    assert window.tabs.tabText(window.tabs.indexOf(console)) == "Supervisor console (3)"
    assert any("new ban proposal arrived" in text for text in said)
    detach()


def test_r11_a_new_proposal_is_told_in_the_tray_when_there_is_one(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, monkeypatch: pytest.MonkeyPatch) -> None:
    """R11: where the system has a tray, the arrival is a tray message too."""
    shown: list[str] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda _self: None)  # offscreen has no tray
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda _self, _title, text, *_args: shown.append(text))
    console = open_tab(qtbot, SupervisorConsole, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: console.pending == 0)
    _propose(db, agent, 621)
    qtbot.waitUntil(lambda: console.pending == 1)
    assert console.notifier.tray is not None
    assert shown == ["A new ban proposal arrived: 1 waiting for review."]


def test_r8_evidence_shows_the_actions_name_warning_and_answer(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R8: the supervisor sees what the action was, the warning given, the client's answer."""
    made = new_client(db, agent, 631, handle="refuser_631")
    action = sensitive.record_sensitive_action(
        db, agent, made.client.id, request_id=made.request_id,
        action="Код из СМС для регистрации в облаке",
        explanation="Предупредили: код нужен один раз, сами мы его не храним",
        warned_and_explained=True, client_agreed=False)
    bans.propose_ban(db, agent, made.client.id, [f"sensitive:{action.id}"], "Отказ от кода")
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: review.evidence is not None)
    row = review.sensitive.rows()[0]
    assert [review.sensitive.cell(row, c) for c in range(3)] == [
        "Код из СМС для регистрации в облаке",
        "Warned, explained: Предупредили: код нужен один раз, сами мы его не храним",
        "refused"]
    summary = review.evidence_label.text()
    assert "Код из СМС для регистрации в облаке" in summary
    assert "Предупредили: код нужен один раз" in summary and "answered: refused" in summary


def test_r11_the_proposing_agent_is_told_the_decision(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R11: the agent's desk says the proposal was rejected, and why; the card line too."""
    proposal_id = _propose(db, agent, 641)
    detach = attach_database(events, db)
    notifier = DeskNotifier(events)
    watch = BanDecisionWatch(Session(db, agent, runner, events), notifier)
    said = status_messages(events)
    watch.start()
    qtbot.waitUntil(lambda: watch.since is not None)
    with qtbot.waitSignal(watch.decided, timeout=5000) as decided:
        bans.reject_ban(db, supervisor, proposal_id, "Шаг не обязательный")
    assert decided.args[0].id == proposal_id
    assert said == ["Your ban proposal for refuser_641 was rejected by boss. "
                    "Reason: Шаг не обязательный"]
    card = clients.client_card(db, agent, decided.args[0].client_id)
    assert card.last_ban_outcome is not None and card.last_ban_outcome.reason
    qtbot.wait(400)
    assert len(notifier.told) == 1  # told once, not on every later change
    detach()
