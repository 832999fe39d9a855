"""The payment-scheme indicator follows the flags at once, then the service (R14 a-d)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from nit_desk.domain.payment import PaymentDecision, payment_scheme_for
from nit_desk.domain.types import AdvanceReason, PaymentScheme
from nit_desk.services.actor import Actor
from nit_desk.services.queue import claims
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.scheme_indicator import SchemeIndicator
from tests.services.agent_support import new_client
from tests.views.card.card_support import make_card, returning_client, show, wait_idle

A, B, C, D = (AdvanceReason.FIRST_TIME, AdvanceReason.SPECIFICATION,
              AdvanceReason.OFFLINE_WORK, AdvanceReason.ONSITE_VISIT)


def test_r14_indicator_names_the_scheme_and_every_reason_in_words(qtbot: QtBot) -> None:
    """R14: ADVANCE lists (a)-(d) in words; ON COMPLETION says none applies."""
    indicator = SchemeIndicator()
    qtbot.addWidget(indicator)
    indicator.set_decision(payment_scheme_for(first_time=True, has_specification=True,
                                              offline_work=True, onsite_visit=True))
    assert indicator.scheme_label.text() == "ADVANCE"
    assert indicator.reason_lines == [
        "(a) first contact: no earlier request completed and paid",
        "(b) the scope is fully clear: there is a specification",
        "(c) the work is done offline, without the client on the line",
        "(d) a specialist visits the client's site",
    ]
    indicator.set_decision(PaymentDecision(PaymentScheme.ON_COMPLETION, ()))
    assert indicator.scheme_label.text() == "ON COMPLETION"
    assert "None of (a)–(d) applies" in indicator.reason_lines[0]
    indicator.set_decision(None)
    assert indicator.scheme_label.text() == "—"


def test_r14_flags_change_the_scheme_at_once_and_are_saved(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R14 b, c, d on a returning client: each tick changes the banner before the reply."""
    client_id, request_id = returning_client(db, agent, 11)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, request_id, client_id)
    panel = card.request_panel
    indicator = panel.indicator
    assert indicator.decision == PaymentDecision(PaymentScheme.ON_COMPLETION, ())

    panel.spec_box.click()
    assert indicator.decision == PaymentDecision(PaymentScheme.ADVANCE, (B,))  # no wait
    assert indicator.pending
    qtbot.waitUntil(lambda: claims.request_detail(db, agent, request_id).has_specification)
    wait_idle(qtbot, card, runner)
    assert not indicator.pending

    panel.offline_box.click()
    assert indicator.decision is not None and indicator.decision.reasons == (B, C)
    qtbot.waitUntil(lambda: claims.request_detail(db, agent, request_id).offline_work)

    panel.visit_box.click()
    assert indicator.decision is not None and indicator.decision.reasons == (B, C, D)
    assert panel.address_edit.isEnabled() and panel.address_field.kind == "hint"
    panel.address_edit.setText("Москва, ул. Примерная, 1, оф. 2")  # keyClicks: ASCII only
    panel.address_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: claims.request_detail(db, agent, request_id).onsite_visit)
    wait_idle(qtbot, card, runner)
    saved = claims.request_detail(db, agent, request_id)
    assert saved.visit_address == "Москва, ул. Примерная, 1, оф. 2"
    assert saved.advance_reasons == (B, C, D)
    assert indicator.reason_lines[-1] == "(d) a specialist visits the client's site"

    for box in (panel.spec_box, panel.offline_box, panel.visit_box):
        box.click()
        wait_idle(qtbot, card, runner)
    qtbot.waitUntil(lambda: claims.request_detail(db, agent, request_id).payment_scheme
                    is PaymentScheme.ON_COMPLETION)
    wait_idle(qtbot, card, runner)
    assert indicator.decision == PaymentDecision(PaymentScheme.ON_COMPLETION, ())
    assert indicator.scheme_label.text() == "ON COMPLETION"


def test_r14_first_contact_keeps_reason_a(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R14 (a): a first-time client pays in advance whatever the flags say."""
    result = new_client(db, agent, 12)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, result.request_id, None)
    indicator = card.request_panel.indicator
    assert indicator.decision == PaymentDecision(PaymentScheme.ADVANCE, (A,))
    card.request_panel.offline_box.click()
    assert indicator.decision == PaymentDecision(PaymentScheme.ADVANCE, (A, C))
    wait_idle(qtbot, card, runner)
    card.request_panel.offline_box.click()
    assert indicator.decision == PaymentDecision(PaymentScheme.ADVANCE, (A,))
    wait_idle(qtbot, card, runner)


def test_flag_conflict_says_who_and_keeps_the_ticks(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A stale version: "changed by boss at …", the agent's tick stays, Apply saves it."""
    client_id, request_id = returning_client(db, agent, 13)
    card = make_card(qtbot, db, agent, runner, events)
    show(qtbot, card, runner, request_id, client_id)
    events.data_changed.disconnect(card._on_events_data_changed)  # simulate a slow reload
    before = claims.request_detail(db, supervisor, request_id)
    claims.update_flags(db, supervisor, request_id, before.version, has_specification=False,
                        offline_work=True, onsite_visit=False)
    panel = card.request_panel
    panel.spec_box.click()
    qtbot.waitUntil(lambda: panel.reapply_button.isVisible(), timeout=10000)
    assert "Changed by boss at" in panel.message.text()
    assert panel.spec_box.isChecked()
    assert not panel.offline_box.isChecked()  # the agent's ticks, not the new version's
    assert not claims.request_detail(db, agent, request_id).has_specification
    qtbot.mouseClick(panel.reapply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: claims.request_detail(db, agent, request_id).has_specification,
                    timeout=10000)
    wait_idle(qtbot, card, runner)
    saved = claims.request_detail(db, agent, request_id)
    assert (saved.has_specification, saved.offline_work) == (True, False)
    assert not panel.reapply_button.isVisible()
