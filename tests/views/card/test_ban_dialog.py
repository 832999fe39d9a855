"""Ban proposals from the card: refused steps, a comment, the "ban proposed" badge (R10, R11)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import BanProposalStatus, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, clients, registration, sensitive
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.card import ban_dialog
from nit_desk.views.card.ban_dialog import BanProposalDialog
from tests.services.agent_support import new_client, row_counts
from tests.views.card.card_support import make_card, show, wait_idle

COMMENT = "Отказывается добавить нас в друзья, работа через мессенджер невозможна"


def test_r11_refused_steps_are_preticked_and_the_proposal_is_sent(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R10/R11: refused step ticked, refused sensitive action listed; badge after sending."""
    result = new_client(db, agent, 41)
    cid = result.client.id
    registration.set_step_state(db, agent, cid, "added_as_friend", StepState.REFUSED)
    refused = sensitive.record_sensitive_action(
        db, agent, cid, request_id=result.request_id, action="Код из СМС для регистрации",
        explanation="Объяснили, зачем нужен код", warned_and_explained=True,
        client_agreed=False)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, result.request_id, None)
    assert card.ban_button.isEnabled() and not card.pills["ban_proposed"].isVisibleTo(card)
    card.ban_button.click()
    qtbot.waitUntil(lambda: card.ban_dialog is not None and card.ban_dialog.loaded,
                    timeout=10000)
    dialog = card.ban_dialog
    assert dialog is not None
    assert dialog.chosen() == ["added_as_friend"]
    sensitive_code = f"sensitive:{refused.id}"
    entry = dialog.item_for(sensitive_code)
    assert entry is not None and "Код из СМС для регистрации" in entry.text()
    dialog.buttons.accepted.emit()
    assert dialog.fields["comment"].has_error  # R11: a comment is required
    entry.setCheckState(Qt.CheckState.Checked)
    dialog.comment_edit.setPlainText(COMMENT)
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: card.card is not None and card.card.ban_pending, timeout=10000)
    wait_idle(qtbot, card, runner)
    assert card.pills["ban_proposed"].isVisibleTo(card)
    assert not card.ban_button.isEnabled()
    [proposal] = bans.client_proposals(db, supervisor, cid)
    assert proposal.status is BanProposalStatus.PENDING
    assert proposal.refused_steps == ("added_as_friend", sensitive_code)
    assert proposal.comment == COMMENT and proposal.proposed_by == "anna"


def test_r9_r11_comment_with_a_card_number_or_no_step_is_refused_inline(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R9: a card number in the comment is refused, the text kept; no step ticked is named."""
    result = new_client(db, agent, 42)
    card = clients.client_card(db, agent, result.client.id)
    dialog = BanProposalDialog(Session(db, agent, runner, AppEvents()), card)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    before = row_counts(db)
    assert dialog.chosen() == []
    typed = "Прислал номер карты 4111 1111 1111 1111"
    dialog.comment_edit.setPlainText(typed)
    assert "payment card number" in dialog.fields["comment"].text
    dialog.buttons.accepted.emit()
    assert dialog.fields["refused_steps"].has_error
    assert dialog.comment_edit.toPlainText() == typed
    assert dialog.proposal is None and row_counts(db) == before


def test_sensitive_prefix_matches_the_service() -> None:
    """The dialog names refused sensitive actions the way propose_ban reads them."""
    assert ban_dialog.SENSITIVE_PREFIX == bans.SENSITIVE_PREFIX
