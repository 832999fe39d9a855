"""The payments panel: scheme, agreed / paid / due / forfeited, recording, ban (R2, R12-R14)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from nit_desk.domain.errors import Conflict
from nit_desk.domain.types import PaymentKind, PaymentScheme, RequestStatus, StepState, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, registration
from nit_desk.services.money import estimates, payments
from nit_desk.services.storage.engine import Database
from nit_desk.ui.money_text import money_text
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.money.payments_panel import PaymentsPanel, RecordPaymentDialog
from tests.services.money_fixtures import line, make_client, make_request
from tests.views.money.money_support import count_worker_calls, finish, settle


def _agreed(db: Database, actor: Actor, request_id: int, roubles: int) -> None:
    draft = estimates.create_draft(db, actor, request_id)
    estimates.save_draft(db, actor, draft.id, draft.version,
                         lines=[line("Удалённая диагностика", "1", Unit.SERVICE, roubles)],
                         note="")
    estimates.propose(db, actor, draft.id)
    estimates.agree(db, actor, draft.id)


@pytest.fixture
def panel(qtbot: QtBot, session: Session) -> PaymentsPanel:
    """The payments panel for the agent, shown off screen."""
    widget = PaymentsPanel(session)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    return widget


def _cell(panel: PaymentsPanel, row: int, column: int) -> str:
    item = panel.table.item(row, column)
    return item.text() if item is not None else ""


def _open(qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner,
          request_id: int) -> None:
    panel.show_request(request_id)
    settle(qtbot, runner)


def test_r13_r14_advance_warns_until_paid_then_records_the_advance(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R13/R14: a first-time client pays in advance; the warning holds until it is paid."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 2100)
    _open(qtbot, panel, runner, request_id)
    assert panel.status is not None and panel.status.scheme is PaymentScheme.ADVANCE
    assert "ADVANCE" in panel.scheme_label.text() and "(a)" in panel.reasons_label.text()
    assert panel.warning_label.isVisible()
    assert panel.warning_label.text() == ("Advance scheme: do not start work before the "
                                          "advance is paid")
    assert panel.figure_labels["due"].text() == money_text(2100_00)
    dialog = panel.open_record_dialog()
    assert isinstance(dialog, RecordPaymentDialog)
    assert dialog.amount_edit.kopecks == 2100_00  # the due amount, ready to confirm
    assert dialog.kind() is PaymentKind.ADVANCE
    dialog.method_combo.setCurrentText("СБП")
    recorded = finish(qtbot, dialog.submit())
    assert recorded is not None and recorded.amount_kopecks == 2100_00
    settle(qtbot, runner)
    assert panel.figure_labels["paid"].text() == money_text(2100_00)
    assert panel.figure_labels["due"].text() == money_text(0)
    assert not panel.warning_label.isVisible()
    assert panel.table.rowCount() == 1 and _cell(panel, 0, 3) == "СБП"


def test_r2_card_number_in_reference_refused_inline_and_kept(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R2/R9: a card-like number in the reference is refused beside the field, text kept."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 500)
    _open(qtbot, panel, runner, request_id)
    dialog = panel.open_record_dialog()
    assert dialog is not None
    typed = "карта 4276 1234 5678 9012"
    dialog.reference_edit.setText(typed)
    assert finish(qtbot, dialog.submit()) is None
    assert dialog.fields["reference"].has_error
    assert "card" in dialog.fields["reference"].text
    assert dialog.reference_edit.text() == typed and dialog.isVisible()
    assert payments.request_money(db, agent, request_id).payments == ()


def test_r16_bad_amount_refused_in_the_dialog_and_kept(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R16: a negative amount is refused by the money editor; nothing is recorded."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 500)
    _open(qtbot, panel, runner, request_id)
    dialog = panel.open_record_dialog()
    assert dialog is not None
    dialog.amount_edit.setText("-500")
    assert finish(qtbot, dialog.submit()) is None
    assert "negative" in dialog.fields["amount"].text
    assert dialog.amount_edit.text() == "-500"
    assert payments.request_money(db, agent, request_id).payments == ()


def test_r13_on_completion_cannot_be_paid_before_done(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor) -> None:
    """R13: on completion, nothing is due and nothing recorded until the work is done."""
    client_id = make_client(db)
    request_id = make_request(db, client_id, first_time=False, status=RequestStatus.IN_PROGRESS)
    _agreed(db, agent, request_id, 800)
    _open(qtbot, panel, runner, request_id)
    assert panel.status is not None and panel.status.scheme is PaymentScheme.ON_COMPLETION
    assert not panel.warning_label.isVisible()
    assert panel.figure_labels["due"].text() == money_text(0)
    assert not panel.record_button.isEnabled()
    assert "once the work is done" in panel.record_button.toolTip()
    assert panel.open_record_dialog() is None


def test_r12_after_a_ban_the_advance_is_forfeited_and_nothing_can_be_recorded(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database, agent: Actor,
        supervisor: Actor) -> None:
    """R12: an approved ban forfeits the advance; the button is off, the service refuses."""
    client_id = make_client(db)
    request_id = make_request(db, client_id)
    _agreed(db, agent, request_id, 1500)
    payments.record_payment(db, agent, request_id, amount_kopecks=1500_00,
                            paid_on=date.today(),
                            kind=PaymentKind.ADVANCE, method_label="СБП")
    registration.set_step_state(db, agent, client_id, "added_as_friend", StepState.REFUSED)
    proposal = bans.propose_ban(db, agent, client_id, ["added_as_friend"], "Отказ")
    bans.approve_ban(db, supervisor, proposal.id, "Подтверждено")
    _open(qtbot, panel, runner, request_id)
    assert panel.figure_labels["forfeited"].text() == money_text(1500_00)
    assert not panel.record_button.isEnabled()
    assert "banned" in panel.record_button.toolTip()
    assert "banned" in panel.closed_label.text()
    assert any(_cell(panel, row, 1) == "forfeited advance"
               for row in range(panel.table.rowCount()))
    with pytest.raises(Conflict):
        payments.record_payment(db, agent, request_id, amount_kopecks=100,
                                paid_on=date.today(),
                                kind=PaymentKind.FINAL, method_label="наличные")


def test_dialog_save_button_records(qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner,
                                    db: Database, agent: Actor) -> None:
    """Clicking Save in the dialog records the payment and the panel says so."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 300)
    _open(qtbot, panel, runner, request_id)
    dialog = panel.open_record_dialog()
    assert dialog is not None
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settle(qtbot, runner)
    assert len(payments.request_money(db, agent, request_id).payments) == 1
    assert "recorded" in panel.message.text()



def test_r20_opening_a_request_reads_its_money_in_one_worker_call(
        qtbot: QtBot, panel: PaymentsPanel, runner: ServiceRunner, db: Database,
        agent: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    """One read per screen: the scheme, the figures and the payments come in one call."""
    request_id = make_request(db, make_client(db))
    _agreed(db, agent, request_id, 2100)
    calls = count_worker_calls(runner, monkeypatch)
    _open(qtbot, panel, runner, request_id)
    assert calls == ["request_money"]
    assert panel.status is not None and panel.status.agreed_kopecks == 2100_00
