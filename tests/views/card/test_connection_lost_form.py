"""A write that lost the server connection is shown beside the action, every time
(issue 15 item 4): the dialog stays open with what the agent typed, and saves
when tried again. The services' side (the real lost connection on PostgreSQL)
is proven in tests/services/test_connection_lost.py; here the service raises
the error it raises there.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from nit_desk.domain.errors import NOT_SAVED_CONNECTION_LOST, ConnectionLost
from nit_desk.domain.types import StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, registration
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from tests.services.agent_support import new_client
from tests.views.card.card_support import make_card, show

COMMENT = "Отказывается добавить нас в друзья, работа через мессенджер невозможна"


def test_every_lost_connection_is_shown_and_the_text_kept(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, monkeypatch: pytest.MonkeyPatch) -> None:
    result = new_client(db, agent, 41)
    registration.set_step_state(db, agent, result.client.id, "added_as_friend",
                                StepState.REFUSED)
    real = bans.propose_ban
    failures = [0]

    def server_gone_twice(*args: Any, **kwargs: Any) -> Any:
        if failures[0] < 2:
            failures[0] += 1
            raise ConnectionLost()
        return real(*args, **kwargs)

    monkeypatch.setattr(bans, "propose_ban", server_gone_twice)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, result.request_id, None)
    card.ban_button.click()
    qtbot.waitUntil(lambda: card.ban_dialog is not None and card.ban_dialog.loaded,
                    timeout=10000)
    dialog = card.ban_dialog
    assert dialog is not None
    dialog.comment_edit.setPlainText(COMMENT)
    for attempt in (1, 2):
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda n=attempt: failures[0] == n and dialog.message.kind == "error"
                        and dialog.send_button.isEnabled(), timeout=10000)
        assert dialog.message.text() == NOT_SAVED_CONNECTION_LOST  # English test locale
        assert dialog.isVisible() and dialog.comment_edit.toPlainText() == COMMENT
        assert dialog.chosen() == ["added_as_friend"]
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.buttons.accepted.emit()
    [proposal] = bans.client_proposals(db, agent, result.client.id)
    assert proposal.comment == COMMENT
