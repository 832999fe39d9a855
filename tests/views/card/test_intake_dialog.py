"""Intake: contacts checked as typed, duplicates offered, banned clients flagged (R1-R12)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import Network, PaymentScheme, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, clients, registration
from nit_desk.services.queue import claims
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.card.intake_dialog import IntakeDialog
from tests.services.agent_support import new_client, row_counts


def make_dialog(qtbot: QtBot, db: Database, actor: Actor, runner: ServiceRunner) -> IntakeDialog:
    """A shown intake dialog for ``actor``."""
    dialog = IntakeDialog(Session(db, actor, runner, AppEvents()))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog: IntakeDialog, *, phone: str = "8 912 345-67-89",
         email: str = "pc.slow@example.ru", telegram: str = "@pc_slow_msk") -> None:
    """Scenario 1's intake, as an agent would type it."""
    dialog.rows[0].set_account(Network.TELEGRAM, telegram)
    dialog.phone_edit.setText(phone)
    dialog.email_edit.setText(email)
    dialog.system_edit.setPlainText("Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB")
    dialog.description_edit.setPlainText("Ноутбук медленно работает, нужна чистка")


def test_r1_scenario8_bad_contacts_are_named_beside_their_fields(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """Phone 12345, email ivan@, Telegram @a: each reason beside its field, text kept."""
    dialog = make_dialog(qtbot, db, agent, runner)
    before = row_counts(db)
    qtbot.keyClicks(dialog.phone_edit, "12345")
    qtbot.keyClicks(dialog.email_edit, "ivan@")
    qtbot.keyClicks(dialog.rows[0].edit, "@a")
    phone, email = dialog.fields["phone"], dialog.fields["email"]
    row = dialog.rows[0].feedback
    qtbot.waitUntil(lambda: phone.has_error and email.has_error and row.has_error)
    assert "does not hold a valid phone number" in phone.text
    assert "does not hold a valid email address" in email.text
    assert "a name on Telegram has 5 to 32 characters, this one has 1" in row.text
    dialog.system_edit.setPlainText("Windows 10")
    dialog.description_edit.setPlainText("Чистка")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.result_value is None
    assert "need attention" in dialog.message.text()
    assert (dialog.phone_edit.text(), dialog.email_edit.text(), dialog.rows[0].text) == (
        "12345", "ivan@", "@a")
    assert row_counts(db) == before


def test_r1_good_contacts_show_their_normalised_form(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """The hint shows what will be stored: +79123456789, @pc_slow_msk; handle suggested."""
    dialog = make_dialog(qtbot, db, agent, runner)
    qtbot.keyClicks(dialog.phone_edit, "8 912 345-67-89")
    qtbot.keyClicks(dialog.rows[0].edit, "https://t.me/PC_slow_msk")
    assert dialog.fields["phone"].kind == "hint"
    assert dialog.fields["phone"].text == "Saved as +79123456789"
    assert dialog.rows[0].feedback.text == "Saved as @pc_slow_msk"
    assert dialog.handle_edit.text() == "pc_slow_msk"
    assert dialog.channel_combo.currentData() == Network.TELEGRAM


def test_r7_scenario1_intake_saves_client_and_request(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """Scenario 1: the intake makes the client and the request with the agreed deadline."""
    dialog = make_dialog(qtbot, db, agent, runner)
    fill(dialog)
    assert dialog.indicator.decision is not None
    assert dialog.indicator.decision.scheme is PaymentScheme.ADVANCE
    deadline = dialog.deadline()
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.buttons.accepted.emit()
    result = dialog.result_value
    assert result is not None and result.client.handle == "pc_slow_msk"
    request = claims.request_detail(db, agent, result.request_id)
    assert request.deadline == deadline
    assert deadline.astimezone().hour == 18
    assert request.payment_scheme is PaymentScheme.ADVANCE
    assert {c.value for c in result.client.contacts} == {
        "+79123456789", "pc.slow@example.ru", "@pc_slow_msk"}


def test_r7_a_deadline_in_the_past_is_refused_beside_it(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """Scenario 8: a deadline in the past is named beside the deadline; nothing written."""
    dialog = make_dialog(qtbot, db, agent, runner)
    fill(dialog)
    before = row_counts(db)
    dialog.deadline_edit.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    assert dialog.fields["deadline"].has_error
    dialog.buttons.accepted.emit()
    assert "in the past" in dialog.fields["deadline"].text
    assert dialog.result_value is None and row_counts(db) == before


def test_r9_secret_in_system_info_is_refused_and_the_text_stays(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R9: "код из смс 539201" in the system information: refusal inline, text kept."""
    dialog = make_dialog(qtbot, db, agent, runner)
    fill(dialog)
    before = row_counts(db)
    typed = "Windows 10; клиент продиктовал код из смс 539201"
    dialog.system_edit.setPlainText(typed)
    qtbot.waitUntil(lambda: dialog.fields["system_info"].has_error)
    assert "one-time code or password" in dialog.fields["system_info"].text
    dialog.buttons.accepted.emit()
    assert dialog.system_edit.toPlainText() == typed
    assert dialog.result_value is None and row_counts(db) == before
    card_number = "оплата картой 4111 1111 1111 1111"
    dialog.description_edit.setPlainText(card_number)
    qtbot.waitUntil(lambda: dialog.fields["description"].has_error)
    assert "payment card number" in dialog.fields["description"].text
    assert dialog.description_edit.toPlainText() == card_number


def test_r12_duplicate_contact_offers_the_existing_client(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """A known phone: the banner offers "Use existing client"; the request goes to them."""
    known = new_client(db, agent, 21, phone="8 912 345-67-89")
    dialog = make_dialog(qtbot, db, agent, runner)
    fill(dialog, email="new.mail@example.ru", telegram="@new_account")
    dialog._on_contact_edited("phone")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=5000)
    assert "client_21" in dialog.banner.text.text()
    assert dialog.banner.use_button.text() == "&Use existing client client_21"
    assert dialog.save_button.isEnabled()
    dialog.banner.use_button.click()
    assert dialog.existing_client_id == known.client.id
    assert "will be added to the existing client client_21" in dialog.banner.text.text()
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.buttons.accepted.emit()
    assert dialog.result_value is not None
    assert dialog.result_value.client.id == known.client.id
    values = {c.value for c in clients.client_card(db, agent, known.client.id).contacts}
    assert {"new.mail@example.ru", "@new_account"} <= values


def test_r12_saving_before_the_lookup_still_offers_the_existing_client(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """The service's DuplicateContact (typed faster than the look-up) shows the banner."""
    new_client(db, agent, 22, email="pc.slow@example.ru")
    dialog = make_dialog(qtbot, db, agent, runner)
    fill(dialog)
    before = row_counts(db)
    dialog.lookup_timer.stop()
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10000)
    assert "client_22" in dialog.message.text()
    assert dialog.isVisible() and row_counts(db) == before
    assert dialog.phone_edit.text() == "8 912 345-67-89"


def _banned_client(db: Database, agent: Actor, supervisor: Actor) -> int:
    result = new_client(db, agent, 23, phone="+7 912 666-01-02")
    registration.set_step_state(db, agent, result.client.id, "phone_confirmed",
                                StepState.REFUSED)
    proposal = bans.propose_ban(db, agent, result.client.id, ["phone_confirmed"], "Отказ")
    bans.approve_ban(db, supervisor, proposal.id, "Подтверждено")
    return result.client.id


def test_r12_banned_match_blocks_an_agent(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor,
        runner: ServiceRunner) -> None:
    """Scenario 4: the banned client's phone on WhatsApp: said plainly, Save closed to agents."""
    _banned_client(db, agent, supervisor)
    dialog = make_dialog(qtbot, db, agent, runner)
    fill(dialog, phone="8 912 666-01-02", email="someone@example.ru", telegram="@someone_x")
    dialog._on_contact_edited("phone")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=5000)
    assert "BANNED from support" in dialog.banner.text.text()
    assert "Only a supervisor can go on" in dialog.banner.text.text()
    assert not dialog.save_button.isEnabled()
    assert not dialog.banner.go_on_box.isVisibleTo(dialog)


def test_r12_banned_match_lets_a_supervisor_go_on(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor,
        runner: ServiceRunner) -> None:
    """A supervisor ticks "go on": the request is added to the banned client."""
    banned_id = _banned_client(db, agent, supervisor)
    dialog = make_dialog(qtbot, db, supervisor, runner)
    fill(dialog, phone="8 912 666-01-02", email="someone@example.ru", telegram="@someone_x")
    dialog._on_contact_edited("phone")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=5000)
    assert not dialog.save_button.isEnabled()
    assert dialog.banner.go_on_box.isVisibleTo(dialog)
    dialog.banner.go_on_box.setChecked(True)
    assert dialog.save_button.isEnabled() and dialog.existing_client_id == banned_id
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.buttons.accepted.emit()
    assert dialog.result_value is not None and dialog.result_value.client.id == banned_id


def test_messenger_rows_add_and_remove_at_least_one(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R1: rows can be added and removed, never the last one; an empty row is named."""
    dialog = make_dialog(qtbot, db, agent, runner)
    assert not dialog.rows[0].remove_button.isEnabled()
    second = dialog.add_messenger_row()
    assert dialog.rows[0].remove_button.isEnabled()
    second.set_account(Network.VK, "vk.com/id52011")
    assert second.feedback.text == "Saved as vk.com/id52011"
    extra = dialog.add_messenger_row()
    extra.remove_button.click()
    assert dialog.rows == [dialog.rows[0], second]
    fill(dialog)
    dialog.add_messenger_row()
    dialog.buttons.accepted.emit()
    assert dialog.rows[2].feedback.has_error
    assert dialog.result_value is None


def test_default_deadline_is_tomorrow_at_six(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R7: the deadline starts at tomorrow 18:00 local time."""
    dialog = make_dialog(qtbot, db, agent, runner)
    local = dialog.deadline().astimezone()
    tomorrow = QDateTime.currentDateTime().addDays(1).date()
    assert (local.year, local.month, local.day) == (tomorrow.year(), tomorrow.month(),
                                                   tomorrow.day())
    assert (local.hour, local.minute) == (18, 0)
    assert dialog.deadline() - dialog.deadline().astimezone() == timedelta(0)


def test_r1_max_account_sets_the_channel_and_skype_is_no_channel(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner) -> None:
    """R1: MAX is a messenger the request can come by; Skype only an account on record."""
    dialog = make_dialog(qtbot, db, agent, runner)
    channels = [dialog.channel_combo.itemData(i) for i in range(dialog.channel_combo.count())]
    assert Network.MAX in channels and Network.SKYPE not in channels
    dialog.rows[0].set_account(Network.MAX, "8 912 345-67-89")
    assert dialog.channel_combo.currentData() == Network.MAX
    assert dialog.rows[0].feedback.text == "Saved as +79123456789"
    assert dialog.handle_edit.text() == ""  # a phone number is no nickname (R2)
    dialog.rows[0].set_account(Network.SKYPE, "live:.cid.1a2b3c")
    assert dialog.channel_combo.currentData() == Network.MAX
