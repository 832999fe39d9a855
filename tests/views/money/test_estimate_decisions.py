"""Estimate decisions are safe (issue #12 item 7, R15): asked first, never under the cursor."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import EstimateStatus, Unit
from nit_desk.models.money.estimate_model import EditableLine
from nit_desk.services.actor import Actor
from nit_desk.services.money import estimates, pricelist
from nit_desk.services.storage.engine import Database
from nit_desk.ui.money_text import money_text
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.money.estimate_editor import EstimateEditor
from tests.services.money_fixtures import line, make_client, make_request
from tests.views.dialog_support import ModalAnswerer
from tests.views.money.money_support import settle

YES, CANCEL = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


@pytest.fixture
def request_id(db: Database) -> int:
    """A new request of a new client, with the default price list."""
    pricelist.seed_default_price_list(db)
    return make_request(db, make_client(db))


@pytest.fixture
def editor(qtbot: QtBot, session: Session) -> EstimateEditor:
    """The editor for the agent, shown off screen at the card tab's width."""
    widget = EstimateEditor(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.show()
    return widget


def _answering(button: QMessageBox.StandardButton) -> Iterator[ModalAnswerer]:
    answerer = ModalAnswerer(button)
    yield answerer
    answerer.stop()


@pytest.fixture
def say_yes() -> Iterator[ModalAnswerer]:
    """Every confirmation is answered Yes."""
    yield from _answering(YES)


@pytest.fixture
def say_cancel() -> Iterator[ModalAnswerer]:
    """Every confirmation is answered Cancel."""
    yield from _answering(CANCEL)


def _proposed(db: Database, agent: Actor, request_id: int, number_of_versions: int = 1) -> int:
    """Version ``number_of_versions`` proposed (earlier ones rejected); its id."""
    estimate_id = 0
    for number in range(1, number_of_versions + 1):
        draft = estimates.create_draft(db, agent, request_id)
        draft = estimates.save_draft(db, agent, draft.id, draft.version, lines=[
            line("Диагностика", "1", Unit.SERVICE, 500),
            line("Удалённая чистка", "2", Unit.HOUR, 800)], note="")
        estimates.propose(db, agent, draft.id)
        if number < number_of_versions:
            estimates.reject(db, agent, draft.id)
        estimate_id = draft.id
    return estimate_id


def _show(qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, request_id: int) -> None:
    editor.show_request(request_id)
    settle(qtbot, runner)


@pytest.mark.parametrize(("button_name", "verb", "status"), [
    ("agree_button", "Agree", EstimateStatus.AGREED),
    ("reject_button", "Reject", EstimateStatus.REJECTED)])
def test_r15_agree_and_reject_ask_naming_the_version_and_total(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int, say_yes: ModalAnswerer, button_name: str, verb: str,
        status: EstimateStatus) -> None:
    """R15, item 7: "Agree version 2 for 2 100 ₽?"; Yes records the answer."""
    estimate_id = _proposed(db, agent, request_id, number_of_versions=2)
    _show(qtbot, editor, runner, request_id)
    qtbot.mouseClick(getattr(editor, button_name), Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert say_yes.texts == [f"{verb} version 2 for {money_text(2100_00)}?"]
    assert estimates.get_estimate(db, agent, estimate_id).status is status
    assert editor.estimate is not None and editor.estimate.status is status


@pytest.mark.parametrize("button_name", ["agree_button", "reject_button"])
def test_r15_declining_the_confirmation_records_nothing(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int, say_cancel: ModalAnswerer, button_name: str) -> None:
    """R15, item 7: Cancel in the confirmation leaves the version proposed, in the database too."""
    estimate_id = _proposed(db, agent, request_id)
    before = estimates.get_estimate(db, agent, estimate_id)
    _show(qtbot, editor, runner, request_id)
    qtbot.mouseClick(getattr(editor, button_name), Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert len(say_cancel.texts) == 1
    after = estimates.get_estimate(db, agent, estimate_id)
    assert after.status is EstimateStatus.PROPOSED and after.version == before.version
    assert editor.agree_button.isEnabled() and editor.reject_button.isEnabled()


def _button_at(editor: EstimateEditor, global_pos: QPoint) -> QPushButton | None:
    found = editor.childAt(editor.mapFromGlobal(global_pos))
    return found if isinstance(found, QPushButton) else None


def test_r15_second_click_where_propose_was_records_no_decision(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int, say_yes: ModalAnswerer) -> None:
    """Item 7: after Propose, the button under the same spot is Propose again (disabled):
    a second click there asks nothing and records no agreement or rejection."""
    draft = estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("Диагностика", Decimal(1), Unit.SERVICE, 500_00))
    spot = editor.propose_button.mapToGlobal(editor.propose_button.rect().center())
    assert _button_at(editor, spot) is editor.propose_button
    places = {b: b.mapToGlobal(QPoint(0, 0)) for b in (
        editor.save_button, editor.propose_button, editor.agree_button, editor.reject_button,
        editor.new_version_button)}
    qtbot.mouseClick(editor.propose_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert estimates.get_estimate(db, agent, draft.id).status is EstimateStatus.PROPOSED
    under = _button_at(editor, spot)
    assert under is editor.propose_button and not under.isEnabled()
    qtbot.mouseClick(under, Qt.MouseButton.LeftButton, pos=under.mapFromGlobal(spot))
    settle(qtbot, runner)
    assert say_yes.texts == []  # no confirmation was even asked
    assert estimates.get_estimate(db, agent, draft.id).status is EstimateStatus.PROPOSED
    assert {b: b.mapToGlobal(QPoint(0, 0)) for b in places} == places  # nothing moved
    assert all(b.isVisible() for b in places)


def test_r15_double_click_on_propose_records_one_proposal(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int, say_yes: ModalAnswerer) -> None:
    """Item 7: a real double click on Propose proposes once; no decision, no refusal shown."""
    draft = estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("Диагностика", Decimal(1), Unit.SERVICE, 500_00))
    qtbot.mouseClick(editor.propose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(editor.propose_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    versions = estimates.list_versions(db, agent, request_id)
    assert [(v.id, v.status) for v in versions] == [(draft.id, EstimateStatus.PROPOSED)]
    assert say_yes.texts == []
    assert editor.message.kind == "info"
