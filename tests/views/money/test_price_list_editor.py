"""The supervisors' price list editor: add, change, withdraw; agents refused (R15, R18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import Unit
from nit_desk.models.money.price_list_model import ITEM_ROLE, PriceListModel
from nit_desk.services.actor import Actor
from nit_desk.services.money import pricelist
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.money.price_list_editor import PriceListEditor
from tests.views.money.money_support import finish, settle


def _editor(qtbot: QtBot, db: Database, actor: Actor, runner: ServiceRunner,
            events: AppEvents) -> PriceListEditor:
    pricelist.seed_default_price_list(db)
    editor = PriceListEditor(Session(db, actor, runner, events))
    qtbot.addWidget(editor)
    editor.show()
    editor.reload()
    settle(qtbot, runner)
    return editor


def test_model_passes_the_qt_model_tester(qtbot: QtBot, db: Database, supervisor: Actor) -> None:
    """The price list model is a well-behaved table for Qt's model tester."""
    model = PriceListModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    pricelist.seed_default_price_list(db)
    model.set_items(pricelist.list_price_items(db, supervisor, True))
    assert model.rowCount() == len(pricelist.DEFAULT_PRICE_LIST)
    assert model.data(model.index(0, 0), ITEM_ROLE).name == pricelist.DEFAULT_PRICE_LIST[0][0]


def test_r18_supervisor_adds_changes_and_withdraws_a_service(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R15/R18: a new service, its price changed, then withdrawn from new estimates."""
    editor = _editor(qtbot, db, supervisor, runner, events)
    dialog = editor.open_dialog(None)
    dialog.name_edit.setText("Настройка роутера")
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(Unit.PIECE.value))
    dialog.price_edit.setText("1 200,50")
    added = finish(qtbot, dialog.submit())
    assert added is not None and added.unit_price_kopecks == 1200_50
    settle(qtbot, runner)
    editor.select(added.id)
    change = editor.open_dialog(editor.current_item())
    change.price_edit.setText("1300")
    changed = finish(qtbot, change.submit())
    assert changed is not None and changed.unit_price_kopecks == 1300_00
    settle(qtbot, runner)
    editor.select(added.id)
    assert editor.active_button.text() == "Withdraw"
    withdrawn = finish(qtbot, editor.toggle_active())
    assert withdrawn is not None and not withdrawn.active
    active = pricelist.list_price_items(db, supervisor)
    assert added.id not in {item.id for item in active}
    editor.select(added.id)
    assert editor.active_button.text() == "Bring back"
    row = next(r for r, item in enumerate(editor.model.items) if item.id == added.id)
    assert editor.model.data(editor.model.index(row, 0),
                             Qt.ItemDataRole.ForegroundRole) is not None  # greyed


def test_duplicate_name_refused_beside_the_field_and_kept(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A name the list has already is refused beside the name; the dialog keeps the text."""
    editor = _editor(qtbot, db, supervisor, runner, events)
    dialog = editor.open_dialog(None)
    dialog.name_edit.setText("выезд специалиста")
    dialog.price_edit.setText("100")
    assert finish(qtbot, dialog.submit()) is None
    assert dialog.fields["name"].has_error
    assert dialog.name_edit.text() == "выезд специалиста"


def test_r18_agent_is_refused_by_the_service(
        qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R18: an agent sees the list but the service refuses a change; the reason is shown."""
    editor = _editor(qtbot, db, agent, runner, events)
    assert editor.model.rowCount() == len(pricelist.DEFAULT_PRICE_LIST)
    editor.select(editor.model.items[0].id)
    editor.active_button.click()
    settle(qtbot, runner)
    assert editor.message.kind == "error"
    assert all(item.active for item in pricelist.list_price_items(db, agent, True))
