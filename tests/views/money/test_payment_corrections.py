"""Voided payments and "paid" on the payments panel (issue #12 items 4-5, R20, R21)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import PaymentKind, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.money import estimates, payments
from nit_desk.services.storage.engine import Database
from nit_desk.ui.money_text import day_text, money_text
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.money.payment_void import VoidPaymentDialog
from nit_desk.views.money.payments_panel import PaymentsPanel
from tests.services.money_fixtures import line, make_client, make_request
from tests.views.money.money_support import finish, settle

VOIDED_COLUMN = 6


def _agreed(db: Database, actor: Actor, request_id: int, roubles: int) -> None:
    draft = estimates.create_draft(db, actor, request_id)
    estimates.save_draft(db, actor, draft.id, draft.version,
                         lines=[line("Удалённая чистка", "1", Unit.SERVICE, roubles)], note="")
    estimates.propose(db, actor, draft.id)
    estimates.agree(db, actor, draft.id)


def _pay(db: Database, actor: Actor, request_id: int, kopecks: int) -> int:
    return payments.record_payment(db, actor, request_id, amount_kopecks=kopecks,
                                   paid_on=date.today(), kind=PaymentKind.ADVANCE,
                                   method_label="СБП").id


@pytest.fixture
def panel(qtbot: QtBot, session: Session) -> PaymentsPanel:
    """The payments panel for anna, shown off screen."""
    widget = PaymentsPanel(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    return widget


def _open(qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, request_id: int) -> None:
    panel.show_request(request_id)
    settle(qtbot, runner)


def test_r21_void_needs_a_reason_and_the_row_stays_struck_through(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """Scenario 9, R20/R21: 1 200 ₽ recorded by mistake is voided with a reason; the row
    stays, struck through and muted, saying who, when and why; 2 100 ₽ is due again."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 2100)
    wrong = _pay(db, agent, request_id, 1200_00)
    _open(qtbot, panel, runner, request_id)
    assert panel.paid_state_label.text() == f"due {money_text(900_00)}"
    assert not panel.void_button.isEnabled()  # nothing selected yet
    panel.select_payment(wrong)
    assert panel.void_button.isEnabled()
    dialog = panel.open_void_dialog()
    assert isinstance(dialog, VoidPaymentDialog)
    assert money_text(1200_00) in dialog.question.text()
    assert day_text(date.today()) in dialog.question.text()  # in the locale in force
    assert finish(qtbot, dialog.submit()) is None  # no reason: refused beside the field
    assert dialog.reason_field.has_error and dialog.isVisible()
    assert payments.request_money(db, agent, request_id).payments[0].voided_at is None
    dialog.reason_edit.setText("typed the wrong amount")
    assert finish(qtbot, dialog.submit()) is not None
    stored = payments.request_money(db, agent, request_id)
    assert stored.payments[0].voided_at is not None and stored.paid_kopecks == 0
    qtbot.waitUntil(lambda: panel.status is not None and panel.status.paid_kopecks == 0,
                    timeout=10000)
    settle(qtbot, runner)
    assert panel.table.rowCount() == 1  # it stays in the list
    muted = panel.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    for column in range(panel.table.columnCount()):
        item = panel.table.item(0, column)
        assert item is not None and item.font().strikeOut()
        assert item.foreground().color() == muted
    voided = panel.table.item(0, VOIDED_COLUMN)
    assert voided is not None
    assert voided.text().startswith("voided by anna, ")
    assert voided.text().endswith(": typed the wrong amount")
    assert panel.figure_labels["paid"].text() == money_text(0)
    assert panel.paid_state_label.text() == f"due {money_text(2100_00)}"
    assert "voided" in panel.message.text()
    panel.select_payment(wrong)
    assert not panel.void_button.isEnabled()  # a voided payment is not voided twice
    assert panel.message.text() == voided.text()


def test_r20_paid_only_when_the_agreed_total_is_covered(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R20: a part payment says "due"; covering the total says "paid"."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 2100)
    _pay(db, agent, request_id, 900_00)
    _open(qtbot, panel, runner, request_id)
    assert panel.paid_state_label.text() == f"due {money_text(1200_00)}"
    _pay(db, agent, request_id, 1200_00)
    panel.reload()
    settle(qtbot, runner)
    assert panel.paid_state_label.text() == "paid"


def test_r20_an_overpayment_asks_first_and_declining_records_nothing(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R20: 500 ₽ beyond the agreed total shows "Overpaid by 500 ₽ — record anyway?";
    without the tick nothing is recorded; with it the summary says "overpaid by 500 ₽"."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 2100)
    _open(qtbot, panel, runner, request_id)
    dialog = panel.open_record_dialog()
    assert dialog is not None and not dialog.overpay_box.isVisible()
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "2600")
    assert dialog.overpay_box.isVisible()
    assert dialog.overpay_box.text() == f"Overpaid by {money_text(500_00)} — record anyway?"
    assert finish(qtbot, dialog.submit()) is None
    assert dialog.overpay_field.has_error and dialog.isVisible()
    assert payments.request_money(db, agent, request_id).payments == ()
    dialog.overpay_box.setChecked(True)
    assert finish(qtbot, dialog.submit()) is not None
    settle(qtbot, runner)
    assert payments.request_money(db, agent, request_id).paid_kopecks == 2600_00
    assert panel.paid_state_label.text() == f"paid · overpaid by {money_text(500_00)}"


def test_r20_an_amount_within_the_total_asks_nothing(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R20: the due amount itself is recorded at once, no overpay question."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 2100)
    _open(qtbot, panel, runner, request_id)
    dialog = panel.open_record_dialog()
    assert dialog is not None
    assert dialog.amount_edit.kopecks == 2100_00 and not dialog.overpay_box.isVisible()
    assert finish(qtbot, dialog.submit()) is not None
