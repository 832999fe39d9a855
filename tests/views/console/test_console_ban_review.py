"""Ban review in the console: evidence, approve, reject, lift (R10, R11, R12, R17)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from nit_desk.domain.types import BanProposalStatus, PaymentKind, RequestStatus, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans, clients, registration, sensitive
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.console.ban_review import BanReview
from nit_desk.views.console.common import ReasonDialog
from tests.services.agent_support import add_payment, new_client, row_counts
from tests.views.console.console_support import open_tab, status_messages, wait_idle


def _proposed(db: Database, agent: Actor, n: int, *, advance: int = 0) -> tuple[int, int, int]:
    """A client who refused a step and a sensitive action, proposed for a ban by ``agent``."""
    made = new_client(db, agent, n, handle=f"refuser_{n}")
    cid = made.client.id
    registration.set_step_state(db, agent, cid, "added_as_friend", StepState.REFUSED)
    action = sensitive.record_sensitive_action(
        db, agent, cid, request_id=made.request_id, action="Код из СМС для облака",
        explanation="Объяснили, зачем нужен код", warned_and_explained=True,
        client_agreed=False)
    if advance:
        add_payment(db, made.request_id, advance, PaymentKind.ADVANCE)
    proposal = bans.propose_ban(db, agent, cid, ["added_as_friend", f"sensitive:{action.id}"],
                                "Отказывается добавить нас в друзья")
    return cid, made.request_id, proposal.id


def _answer(qtbot: QtBot, review: BanReview, reason: str) -> ReasonDialog:
    qtbot.waitUntil(lambda: review.dialog is not None and review.dialog.isVisible())
    dialog = review.dialog
    assert dialog is not None
    dialog.reason_edit.setPlainText(reason)
    dialog.ok_button.click()
    return dialog


def test_r11_evidence_shows_checklist_sensitive_actions_and_history(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R11: the proposal and the evidence beside it: who/when per step, R8 records, history."""
    cid, _rid, proposal_id = _proposed(db, agent, 301)
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: review.evidence is not None)
    proposal = review.selected_proposal()
    assert proposal is not None and proposal.id == proposal_id
    assert review.proposals.cell(proposal, 1).startswith(
        "Клиент добавлен в друзья в мессенджере")  # the step's title, not its code
    assert review.proposals.cell(proposal, 2) == "anna"
    card = clients.client_card(db, supervisor, cid)
    assert review.checklist.rowCount() == len(card.checklist)
    row = review.checklist.row_of("added_as_friend")
    item = review.checklist.item(row)
    assert item is not None and item.state is StepState.REFUSED and item.changed_by == "anna"
    assert review.sensitive.rowCount() == 1
    assert review.sensitive.cell(review.sensitive.rows()[0], 2) == "refused"
    shown = [review.history.entry(row) for row in range(review.history.rowCount())]
    actions = [e.action for e in shown if e is not None]  # the shown entries
    assert "ban.proposed" in actions and "client.step_changed" in actions
    summary = review.evidence_label.text()
    assert "refuser_301" in summary and "anna" in summary and "Код из СМС для облака" in summary


def test_r12_approve_bans_cancels_and_forfeits_and_says_so(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R11/R12: Approve with a reason: banned, open requests cancelled, advance forfeited."""
    cid, rid, _pid = _proposed(db, agent, 302, advance=1500_00)
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    said = status_messages(events)
    qtbot.waitUntil(lambda: review.approve_button.isEnabled())
    review.approve_button.click()
    _answer(qtbot, review, "Доказательства ясные")
    qtbot.waitUntil(lambda: review.proposals.rowCount() == 0 and review.banned.rowCount() == 1)
    wait_idle(qtbot, runner)
    assert clients.client_card(db, agent, cid).banned
    assert queue.request_detail(db, agent, rid).status is RequestStatus.CANCELLED_BY_BAN
    [banned] = bans.bans_in_force(db, supervisor)
    assert banned.client_id == cid and banned.ban.reason == "Доказательства ясные"
    assert any("refuser_302 is banned" in s and "1 open request" in s for s in said), said
    assert review.message.kind == "info" and "forfeited" in review.message.text()
    assert review.banned.cell(review.banned.rows()[0], 0) == "refuser_302"


def test_r11_another_proposal_appears_through_app_events(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A proposal made elsewhere reaches the open review through data_changed."""
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    assert review.proposals.rowCount() == 0 and review.empty_label.isVisibleTo(review)
    _proposed(db, agent, 303)
    qtbot.waitUntil(lambda: review.proposals.rowCount() == 1, timeout=10000)
    assert not review.empty_label.isVisibleTo(review)


def test_r11_reject_needs_a_reason_and_returns_the_client_to_work(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R11: Reject refuses an empty reason in the dialog; with one, the client is back."""
    cid, rid, pid = _proposed(db, agent, 304)
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: review.reject_button.isEnabled())
    before = row_counts(db)
    review.reject_button.click()
    dialog = _answer(qtbot, review, "   ")
    assert dialog.isVisible() and dialog.message.kind == "error"
    assert row_counts(db) == before
    dialog.reason_edit.setPlainText("Медленно отвечает, но не мешает работе")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: review.proposals.rowCount() == 0)
    wait_idle(qtbot, runner)
    [proposal] = bans.client_proposals(db, supervisor, cid)
    assert proposal.id == pid and proposal.status is BanProposalStatus.REJECTED
    assert proposal.review_reason == "Медленно отвечает, но не мешает работе"
    card = clients.client_card(db, agent, cid)
    assert not card.banned and not card.ban_pending
    assert queue.request_detail(db, agent, rid).status is RequestStatus.NEW
    assert "rejected" in review.message.text()


def test_r11_lift_a_ban_with_a_reason(qtbot: QtBot, db: Database, agent: Actor,
                                      supervisor: Actor, runner: ServiceRunner,
                                      events: AppEvents) -> None:
    """R11: a banned client is listed; Lift needs a reason; the ban ends, the list empties."""
    cid, _rid, pid = _proposed(db, agent, 305)
    bans.approve_ban(db, supervisor, pid, "ясно")
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: review.banned.rowCount() == 1)
    assert not review.lift_button.isEnabled()
    assert review.select_banned(cid)
    qtbot.waitUntil(lambda: review.lift_button.isEnabled() and review.evidence is not None)
    assert "Banned by boss" in review.evidence_label.text()
    review.lift_button.click()
    dialog = _answer(qtbot, review, "")
    assert dialog.isVisible() and dialog.message.kind == "error"
    dialog.reason_edit.setPlainText("Клиент извинился и прошёл проверку")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: review.banned.rowCount() == 0)
    wait_idle(qtbot, runner)
    assert not clients.client_card(db, agent, cid).banned
    assert bans.bans_in_force(db, supervisor) == []
    assert "lifted" in review.message.text()


def test_r11_a_proposal_decided_meanwhile_is_said_and_dropped(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Two supervisors: the second approval is refused with a clear message; list reloads."""
    _cid, _rid, pid = _proposed(db, agent, 306)
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: review.approve_button.isEnabled())
    events.data_changed.disconnect(review._on_events_data_changed)  # noqa: SLF001 - stale view
    bans.reject_ban(db, supervisor, pid, "решено другим супервайзером")
    review.approve_button.click()
    _answer(qtbot, review, "")
    qtbot.waitUntil(lambda: review.message.kind == "error")
    assert "already" in review.message.text()
    qtbot.waitUntil(lambda: review.proposals.rowCount() == 0)
    assert bans.bans_in_force(db, supervisor) == []


def test_r11_evidence_follows_changes_to_the_selected_client(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """An agent ticking a step while the supervisor reads the evidence: the checklist updates."""
    cid, _rid, _pid = _proposed(db, agent, 307)
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: review.evidence is not None)
    registration.set_step_state(db, agent, cid, "browser_check", StepState.DONE)

    def ticked() -> bool:
        item = review.checklist.item(review.checklist.row_of("browser_check"))
        return item is not None and item.state is StepState.DONE

    qtbot.waitUntil(ticked, timeout=10000)
    wait_idle(qtbot, runner)


def test_r12_approve_dialog_says_beforehand_what_the_ban_will_do(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Scenario 4: before deciding, "1 open request cancelled, 1 500 ₽ forfeited"."""
    from nit_desk.ui.money_text import money_text
    cid, _rid, _pid = _proposed(db, agent, 305, advance=1500_00)
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    counted: list[int] = []
    review.pending_counted.connect(counted.append)
    qtbot.waitUntil(lambda: review.approve_button.isEnabled())
    review.approve_button.click()
    qtbot.waitUntil(lambda: review.dialog is not None and review.dialog.isVisible())
    assert review.last_effect_text == (
        f"Approving now: 1 open request(s) cancelled, {money_text(1500_00)} forfeited.")
    assert review.dialog is not None
    review.dialog.reject()
    wait_idle(qtbot, runner)
    assert not clients.client_card(db, agent, cid).banned  # nothing happened on cancel
    review.reload()
    qtbot.waitUntil(lambda: counted == [1])
