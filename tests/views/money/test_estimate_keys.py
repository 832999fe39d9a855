"""The estimate from the keyboard: Alt+Down opens a combo box, a cell editor opens with its
text selected, and the version's Propose/Agree/Reject have keys (issue #14, item 1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import Unit
from nit_desk.models.money.estimate_model import Column
from nit_desk.services.actor import Actor
from nit_desk.services.money import estimates
from nit_desk.services.storage.engine import Database
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.money.estimate_editor import EstimateEditor
from tests.services.money_fixtures import line
from tests.views.money.test_estimate_editor import _show, editor, request_id

__all__ = ["editor", "request_id"]


def _draft(db: Database, agent: Actor, request_id: int) -> None:
    draft = estimates.create_draft(db, agent, request_id)
    estimates.save_draft(db, agent, draft.id, draft.version,
                         lines=[line("Диагностика", "1", Unit.HOUR, 500),
                                line("Чистка", "2", Unit.HOUR, 800)], note="")


def _open_editor(qtbot: QtBot, editor: EstimateEditor, column: Column) -> QLineEdit | QComboBox:
    index = editor.model.index(1, column)
    editor.table.setFocus()
    editor.table.setCurrentIndex(index)
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    widget = editor.table.indexWidget(index) or QApplication.focusWidget()
    qtbot.waitUntil(lambda: isinstance(editor.table.focusWidget(), QLineEdit | QComboBox))
    found = editor.table.focusWidget()
    assert isinstance(found, QLineEdit | QComboBox), widget
    return found


@pytest.mark.parametrize("column", [Column.SERVICE, Column.QUANTITY, Column.UNIT_PRICE])
def test_r15_a_cell_editor_opens_with_its_text_selected(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database,
        agent: Actor, request_id: int, column: Column) -> None:
    """F2 on a cell: the whole text is selected, so typing replaces it."""
    _draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.activateWindow()
    edit = _open_editor(qtbot, editor, column)
    line_edit = edit.lineEdit() if isinstance(edit, QComboBox) else edit
    assert line_edit is not None and line_edit.text()
    qtbot.waitUntil(lambda: line_edit.selectedText() == line_edit.text(), timeout=1000)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_r15_alt_down_opens_the_unit_box_and_leaves_the_lines_in_place(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database,
        agent: Actor, request_id: int) -> None:
    """Alt+Down is the combo box's own key; moving a line is Ctrl+Shift+Down."""
    _draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.activateWindow()
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.model.index(0, Column.UNIT))
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(editor.table.focusWidget(), QComboBox))
    combo = editor.table.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    assert [ln.description for ln in editor.model.lines] == ["Диагностика", "Чистка"]
    combo.hidePopup()
    editor.table.closePersistentEditor(editor.model.index(0, Column.UNIT))
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.model.index(0, Column.QUANTITY))
    qtbot.keyClick(editor.table, Qt.Key.Key_Down,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [ln.description for ln in editor.model.lines] == ["Чистка", "Диагностика"]


@pytest.mark.parametrize(("keys", "button"), [("P", "propose_button"), ("A", "agree_button"),
                                              ("R", "reject_button")])
def test_r15_propose_agree_and_reject_have_keys(
        qtbot: QtBot, editor: EstimateEditor, runner: ServiceRunner, db: Database,
        agent: Actor, request_id: int, keys: str, button: str) -> None:
    """Ctrl+Alt+P/A/R press the version's buttons (the same question follows as a click)."""
    _draft(db, agent, request_id)
    _show(qtbot, editor, runner, request_id)
    editor.activateWindow()
    target = getattr(editor, button)
    assert isinstance(target, QAbstractButton)
    target.setEnabled(True)
    pressed: list[bool] = []
    target.clicked.disconnect()
    target.clicked.connect(lambda: pressed.append(True))
    editor.table.setFocus()
    qtbot.keyClick(editor.table, getattr(Qt.Key, f"Key_{keys}"),
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert pressed == [True]
    target.setEnabled(False)
    qtbot.keyClick(editor.table, getattr(Qt.Key, f"Key_{keys}"),
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert pressed == [True]  # a disabled button is not pressed by its key either
