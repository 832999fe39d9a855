"""The estimate editor on a real database: versions, frozen versions, refusals (R15, R16)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from nit_desk.domain.errors import Conflict
from nit_desk.domain.types import EstimateStatus, Unit
from nit_desk.models.money.estimate_model import Column, EditableLine
from nit_desk.services.actor import Actor
from nit_desk.services.money import estimates, pricelist
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.money_text import money_text, signed_money_text
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.money.estimate_editor import EDITOR, NO_ESTIMATE, EstimateEditor
from tests.services.money_fixtures import line, make_client, make_request
from tests.views.money.money_support import count_worker_calls, finish, settle


@pytest.fixture
def request_id(db: Database) -> int:
    """A new request of a new client, with the default price list."""
    pricelist.seed_default_price_list(db)
    return make_request(db, make_client(db))


@pytest.fixture
def editor(qtbot: QtBot, session: Session) -> EstimateEditor:
    """The editor for the agent, shown off screen."""
    widget = EstimateEditor(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.show()
    return widget


def _show(qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, request_id: int) -> None:
    editor.show_request(request_id)
    settle(qtbot, runner)


def test_r15_start_edit_save_and_undo_names_the_step(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """R15/R16: a draft is started, edited exactly, saved; Undo names the step."""
    _show(qtbot, editor, runner, request_id)
    assert editor.stack.currentIndex() == NO_ESTIMATE
    qtbot.mouseClick(editor.start_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert editor.stack.currentIndex() == EDITOR
    assert editor.estimate is not None and editor.estimate.status is EstimateStatus.DRAFT
    item = editor.price_items[1]
    editor.model.add_line()
    assert editor.model.pick_price_item(0, item)
    editor.model.setData(editor.model.index(0, Column.QUANTITY), "1,5")
    assert editor.undo_action.text() == "Undo change quantity of line 1"
    editor.model.add_line(line=EditableLine("Своя работа", Decimal("0.333"), Unit.HOUR, 1000_01))
    editor.note_edit.setPlainText("примерно: без учёта лицензий")
    expected = item.unit_price_kopecks * 3 // 2 + 333_00  # 0.333 × 1000,01 = 333,00333 → 333,00
    assert editor.model.total_kopecks == expected
    assert editor.total_label.text() == money_text(expected)
    assert editor.save_button.isEnabled()
    assert finish(qtbot, editor.save())
    stored = estimates.get_estimate(db, agent, editor.estimate.id)
    assert stored.total_kopecks == expected
    assert stored.note == "примерно: без учёта лицензий"
    assert [ln.description for ln in stored.lines] == [item.name, "Своя работа"]
    assert not editor.dirty and not editor.save_button.isEnabled()
    editor.undo_action.trigger()  # undo still works after a save: the note comes back
    assert editor.note_edit.toPlainText() == ""
    assert editor.dirty


def test_r15_agreed_version_is_read_only_in_the_view_and_the_service(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """R15: an agreed version can't be edited on screen, and the service refuses it too."""
    draft = estimates.create_draft(db, agent, request_id)
    draft = estimates.save_draft(db, agent, draft.id, draft.version,
                                 lines=[line("Выезд специалиста", "1", Unit.VISIT, 2500)], note="")
    estimates.propose(db, agent, draft.id)
    agreed = estimates.agree(db, agent, draft.id)
    _show(qtbot, editor, runner, request_id)
    assert editor.estimate is not None and editor.estimate.id == agreed.id
    assert editor.model.read_only
    index = editor.model.index(0, Column.QUANTITY)
    assert not editor.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not editor.model.setData(index, "3")
    assert editor.model.add_line() == -1
    assert editor.frozen_label.isVisible()
    assert "Agreed versions are frozen; start a new version to change" in (
        editor.frozen_label.text())
    assert not editor.save_button.isEnabled() and not editor.add_button.isEnabled()
    assert editor.note_edit.isReadOnly()
    assert editor.new_version_button.isEnabled()
    with pytest.raises(Conflict):
        estimates.save_draft(db, agent, agreed.id, agreed.version, lines=[], note="")
    assert "v1 agreed" in editor.points_label.text()


def test_r15_new_version_from_an_agreed_one_is_an_editable_copy(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """R15: "New version from this" starts a draft v2 with the same lines; compare shows it."""
    draft = estimates.create_draft(db, agent, request_id)
    estimates.save_draft(db, agent, draft.id, draft.version,
                         lines=[line("Диагностика", "1", Unit.SERVICE, 500)], note="")
    estimates.propose(db, agent, draft.id)
    estimates.agree(db, agent, draft.id)
    _show(qtbot, editor, runner, request_id)
    qtbot.mouseClick(editor.new_version_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert editor.estimate is not None
    assert (editor.estimate.number, editor.estimate.status) == (2, EstimateStatus.DRAFT)
    assert not editor.model.read_only and editor.model.rowCount() == 1
    editor.model.setData(editor.model.index(0, Column.QUANTITY), "2")
    editor.model.add_line(line=EditableLine("Настройка", Decimal(1), Unit.HOUR, 800_00))
    assert finish(qtbot, editor.save())
    dialog = editor.open_compare()
    diff = dialog.diff
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (1, 0, 1)
    assert diff.total_change_kopecks == 500_00 + 800_00
    assert signed_money_text(500_00 + 800_00) in dialog.summary.text()
    dialog.close()


def test_r15_propose_then_agree_from_the_version_bar(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """Propose saves unsaved lines first and freezes the version; Agree records the answer."""
    estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("Диагностика", Decimal(1), Unit.SERVICE, 500_00))
    decided = finish(qtbot, editor.decide("propose"))
    assert decided is not None and decided.status is EstimateStatus.PROPOSED
    assert editor.model.read_only and editor.agree_button.isEnabled()
    assert "Proposed" in editor.frozen_label.text()
    agreed = finish(qtbot, editor.decide("agree"))
    assert agreed is not None and agreed.status is EstimateStatus.AGREED
    assert estimates.get_estimate(db, agent, agreed.id).total_kopecks == 500_00


def test_save_refused_points_at_the_cell_and_keeps_every_edit(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """A line the service refuses (no description) is highlighted; nothing typed is lost."""
    estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("Диагностика", Decimal(1), Unit.SERVICE, 500_00))
    editor.model.add_line(line=EditableLine("", Decimal(2), Unit.HOUR, 800_00))
    before = editor.model.snapshot()
    assert not finish(qtbot, editor.save())
    assert editor.model.cell_error(1, Column.SERVICE)
    assert editor.table.currentIndex().row() == 1
    assert editor.message.kind == "error"
    assert editor.model.snapshot() == before and editor.dirty
    assert editor.estimate is not None
    assert estimates.get_estimate(db, agent, editor.estimate.id).lines == ()


def test_conflict_says_who_and_reload_keeps_the_local_lines(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        agent2: Actor, request_id: int) -> None:
    """A version saved meanwhile by another agent: "changed by …", reload keeps my lines."""
    draft = estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("Моя строка", Decimal(1), Unit.HOUR, 100_00))
    estimates.save_draft(db, agent2, draft.id, draft.version,
                         lines=[line("Чужая строка", "1", Unit.HOUR, 200)], note="")
    mine = editor.model.snapshot()
    assert not finish(qtbot, editor.save())
    assert editor.conflict_banner.isVisible()
    assert "boris" in editor.conflict_label.text()
    assert editor.model.snapshot() == mine
    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert not editor.conflict_banner.isVisible() and editor.model.snapshot() == mine
    assert finish(qtbot, editor.save())
    stored = estimates.get_estimate(db, agent, draft.id)
    assert [ln.description for ln in stored.lines] == ["Моя строка"]


def test_r15_copy_for_messenger_puts_the_text_on_the_clipboard(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        events: AppEvents, request_id: int) -> None:
    """The chat text has the lines and the exact total; the status bar says it was copied."""
    draft = estimates.create_draft(db, agent, request_id)
    estimates.save_draft(db, agent, draft.id, draft.version,
                         lines=[line("Удалённая настройка", "1.5", Unit.HOUR, 800)], note="")
    _show(qtbot, editor, runner, request_id)
    with qtbot.waitSignal(events.status_message) as said:
        editor.copy_button.click()
    text = QApplication.clipboard().text()
    assert "Удалённая настройка" in text and "Итого: 1\u00a0200\u00a0₽" in text
    assert f"№ {request_id}" in text
    assert "copied" in str(said.args[0])


def test_keyboard_adds_moves_and_removes_lines(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """Insert, Ctrl+Shift+Up/Down and Delete work on the table; Ctrl+Z undoes."""
    draft = estimates.create_draft(db, agent, request_id)
    estimates.save_draft(db, agent, draft.id, draft.version,
                         lines=[line("a", "1", Unit.HOUR, 1), line("b", "1", Unit.HOUR, 2)],
                         note="")
    _show(qtbot, editor, runner, request_id)
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.model.index(1, Column.QUANTITY))
    qtbot.keyClick(editor.table, Qt.Key.Key_Up,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [ln.description for ln in editor.model.lines] == ["b", "a"]
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert [ln.description for ln in editor.model.lines] == ["a"]
    qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [ln.description for ln in editor.model.lines] == ["b", "a"]
    qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert [ln.description for ln in editor.model.lines] == ["a"]


def test_card_shows_the_estimate_and_payments_tabs_for_its_request(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents,
        desk_settings: DeskSettings, request_id: int) -> None:
    """The client card carries the editor and the payments panel; they follow its request."""
    from nit_desk.app.money_screens import install_money_tabs
    from nit_desk.views.card.client_card import ClientCardView

    desk = Session(db, agent, runner, events, desk_settings)
    card = ClientCardView(desk)
    qtbot.addWidget(card)
    editor, panel = install_money_tabs(card, desk)
    titles = [card.tabs.tabText(i) for i in range(card.tabs.count())]
    assert "&Estimate" in titles and "&Payments" in titles
    card.show()
    card.show_request(request_id, None)
    settle(qtbot, runner)
    assert editor.request_id == request_id and panel.request_id == request_id
    assert panel.status is None  # a hidden tab loads nothing...
    card.tabs.setCurrentIndex(titles.index("&Estimate"))
    settle(qtbot, runner)
    assert editor.stack.currentIndex() == NO_ESTIMATE  # ...until it is shown
    card.tabs.setCurrentIndex(titles.index("&Payments"))
    settle(qtbot, runner)
    assert panel.status is not None and panel.status.request_id == request_id


def _commit(editor: EstimateEditor, widget: QWidget, index: QModelIndex) -> None:
    """What the view does on Enter: the column's delegate writes the editor's value."""
    delegate = editor.table.itemDelegateForColumn(index.column())
    assert delegate is not None
    delegate.setModelData(widget, editor.model, index)


def test_cell_editors_pick_a_service_read_quantities_and_money(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """R15/R16: the service combo fills unit and price; bad quantity or price is refused."""
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from nit_desk.views.money.money_edit import MoneyEdit

    estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line()
    item = next(i for i in editor.price_items if i.unit is Unit.HOUR)
    index = editor.model.index(0, Column.SERVICE)
    editor.table.edit(index)
    combo = editor.table.findChild(QComboBox, "serviceEditor")
    assert combo is not None and combo.findText(item.name) >= 0
    combo.setEditText(item.name.upper())  # any case picks the service
    _commit(editor, combo, index)
    editor.table.closeEditor(combo, editor.service_delegate.EndEditHint.NoHint)
    line0 = editor.model.lines[0]
    assert (line0.price_item_id, line0.unit, line0.unit_price_kopecks) == (
        item.id, Unit.HOUR, item.unit_price_kopecks)
    index = editor.model.index(0, Column.QUANTITY)
    editor.table.edit(index)
    quantity = editor.table.findChild(QLineEdit, "quantityEditor")
    assert quantity is not None
    quantity.setText("два")
    _commit(editor, quantity, index)
    assert editor.message.kind == "error" and editor.model.lines[0].quantity == Decimal(1)
    quantity.setText("2,25")
    _commit(editor, quantity, index)
    assert editor.model.lines[0].quantity == Decimal("2.25")
    editor.table.closeEditor(quantity, editor.service_delegate.EndEditHint.NoHint)
    index = editor.model.index(0, Column.UNIT_PRICE)
    editor.table.edit(index)
    price = editor.table.findChild(MoneyEdit)
    assert price is not None
    price.setText("-5")
    _commit(editor, price, index)
    assert "negative" in editor.message.text()
    assert editor.model.lines[0].unit_price_kopecks == item.unit_price_kopecks
    price.setText("1 234,50")
    _commit(editor, price, index)
    assert editor.model.lines[0].unit_price_kopecks == 1234_50
    assert editor.model.total_kopecks == 2777_63  # 2,25 × 1 234,50 = 2 777,625 → 2 777,63


@pytest.mark.parametrize("save", [True, False])
def test_leaving_a_request_with_unsaved_lines_saves_or_discards_them(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int, monkeypatch: pytest.MonkeyPatch, save: bool) -> None:
    """Picking another request asks first: Save stores the edits, Discard drops them."""
    draft = estimates.create_draft(db, agent, request_id)
    other = make_request(db, make_client(db, "@other_client"))
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("Моя строка", Decimal(1), Unit.HOUR, 100_00))
    asked: list[bool] = []

    def answer() -> bool:
        asked.append(True)
        return save

    monkeypatch.setattr(editor, "ask_save_before_leaving", answer)
    editor.show_request(other)
    settle(qtbot, runner)
    assert asked == [True]
    assert editor.request_id == other and editor.stack.currentIndex() == NO_ESTIMATE
    stored = estimates.get_estimate(db, agent, draft.id)
    assert [ln.description for ln in stored.lines] == (["Моя строка"] if save else [])


def test_a_refused_save_keeps_the_old_request_on_screen(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the save before leaving is refused, nothing is lost: the old estimate stays."""
    estimates.create_draft(db, agent, request_id)
    other = make_request(db, make_client(db, "@other_client"))
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("", Decimal(1), Unit.HOUR, 100_00))
    before = editor.model.snapshot()
    monkeypatch.setattr(editor, "ask_save_before_leaving", lambda: True)
    editor.show_request(other)
    settle(qtbot, runner)
    assert editor.request_id == request_id and editor.model.snapshot() == before
    assert f"#{other}" in editor.message.text()
    assert editor.model.cell_error(0, Column.SERVICE)


def test_ctrl_z_in_the_note_undoes_through_the_estimate_history(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """R15: the note is part of the estimate's undo history, Ctrl+Z works inside it too."""
    estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.note_edit.setFocus()
    qtbot.keyClicks(editor.note_edit, "approx")
    assert editor.model.note == "approx"
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.model.note == "" and editor.note_edit.toPlainText() == ""
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert editor.note_edit.toPlainText() == "approx"


def test_enter_on_a_refused_price_keeps_the_cell_editor_and_the_text(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int) -> None:
    """R16: Enter on "-5" leaves the editor open with "-5" and the reason; a fix commits."""
    from PySide6.QtWidgets import QAbstractItemView

    from nit_desk.views.money.money_edit import MoneyEdit

    estimates.create_draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.model.add_line(line=EditableLine("Диагностика", Decimal(1), Unit.SERVICE, 500_00))
    editor.activateWindow()
    index = editor.model.index(0, Column.UNIT_PRICE)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    price = editor.table.findChild(MoneyEdit)
    assert price is not None
    price.selectAll()
    qtbot.keyClicks(price, "-5")
    qtbot.keyClick(price, Qt.Key.Key_Return)
    qtbot.wait(50)  # a commit would be queued: give it the chance to (wrongly) happen
    assert editor.table.state() == QAbstractItemView.State.EditingState
    assert price.text() == "-5" and "negative" in editor.message.text()
    assert editor.model.lines[0].unit_price_kopecks == 500_00
    price.selectAll()
    qtbot.keyClicks(price, "750,5")
    qtbot.keyClick(price, Qt.Key.Key_Return)  # Qt commits on the next turn of the loop
    qtbot.waitUntil(lambda: editor.model.lines[0].unit_price_kopecks == 750_50)
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)


def test_r15_opening_a_request_reads_its_estimate_in_one_worker_call(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database, agent: Actor,
        request_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """One read per screen: versions, price list and request come in one call (was three)."""
    draft = estimates.create_draft(db, agent, request_id)
    estimates.save_draft(db, agent, draft.id, draft.version,
                         lines=[line("Диагностика", "1", Unit.SERVICE, 500)], note="")
    calls = count_worker_calls(runner, monkeypatch)
    _show(qtbot, editor, runner, request_id)
    assert calls == ["estimate_view"]
    assert editor.stack.currentIndex() == EDITOR and editor.model.rowCount() == 1
    assert editor.price_items and editor.request is not None
    assert editor.request.client_handle in editor.points_label.text()
