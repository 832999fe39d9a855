"""The checklist template editor: edit, reorder, save a version; old clients keep theirs (R3)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from nit_desk.domain.registration import DEFAULT_CHECKLIST
from nit_desk.models.console.console_template import Column, TemplateStepsModel
from nit_desk.services.actor import Actor
from nit_desk.services.clients import checklist, clients
from nit_desk.services.dto import TemplateStepDTO
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.console.template_editor import TemplateEditor
from tests.services.agent_support import new_client, row_counts
from tests.views.console.console_support import open_tab, status_messages, wait_idle

NEW_STEP = "Согласован способ оплаты"


def _steps(*titles: str) -> list[TemplateStepDTO]:
    return [TemplateStepDTO(f"s{i}", t, i % 2 == 0, i) for i, t in enumerate(titles, 1)]


def test_r3_steps_model_edits_moves_and_drops(qtbot: QtBot, qtmodeltester: object) -> None:
    """Rename, required toggle, up/down and a dragged row; saved codes are kept."""
    model = TemplateStepsModel()
    model.set_steps(_steps("A", "B", "C", "D"))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert not model.is_modified
    assert model.setData(model.index(1, Column.TITLE), "  B2  ")
    assert model.setData(model.index(0, Column.REQUIRED), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert model.move_step(3, -1) == 2
    assert [s[1] for s in model.steps()] == ["A", "B2", "D", "C"]
    data = model.mimeData([model.index(0, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())  # A before C
    assert [s[1] for s in model.steps()] == ["B2", "D", "A", "C"]
    model.dropMimeData(model.mimeData([model.index(3, 0)]), Qt.DropAction.MoveAction, -1, -1,
                       QModelIndex())  # dropped below the last row: C stays last
    assert [s[1] for s in model.steps()] == ["B2", "D", "A", "C"]
    row = model.add_step("E", required=False)
    assert model.steps()[row] == (None, "E", False)
    assert model.steps()[2] == ("s1", "A", True) and model.is_modified
    assert model.remove_step(0) and [s[1] for s in model.steps()] == ["D", "A", "C", "E"]


def test_r3_save_makes_a_new_version_and_old_clients_keep_theirs(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """R3/scenario 7: add, rename, reorder, untick, remove, save; clients keep their version."""
    early = new_client(db, agent, 501)
    editor = open_tab(qtbot, TemplateEditor, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: editor.model.rowCount() == len(DEFAULT_CHECKLIST))
    assert editor.version_label.text() == "Current version: 1"
    assert not editor.save_button.isEnabled()
    said = status_messages(events)
    editor.add_button.click()
    editor.table.closePersistentEditor(editor.model.index(editor.model.rowCount() - 1, 0))
    last = editor.model.rowCount() - 1
    editor.model.setData(editor.model.index(last, Column.TITLE), NEW_STEP)
    editor.up_button.click()  # the new step moves above the estimate step
    editor.table.selectRow(0)
    editor.remove_button.click()  # the browser check goes
    editor.model.setData(editor.model.index(0, Column.REQUIRED), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert "edited, not saved" in editor.version_label.text()
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.saved is not None and editor.saved.version == 2,
                    timeout=10000)
    wait_idle(qtbot, runner)
    text = "Saved as version 2; clients already registering keep their version."
    assert editor.message.text() == text and text in said
    assert editor.version_list.count() == 2 and not editor.model.is_modified
    template = checklist.current_template(db, agent)
    titles = [s.title for s in template.steps]
    assert template.version == 2 and titles[-2:] == [NEW_STEP, DEFAULT_CHECKLIST[-1].title]
    assert DEFAULT_CHECKLIST[0].title not in titles
    assert not template.steps[0].required and template.steps[0].code == DEFAULT_CHECKLIST[1].code
    old = clients.client_card(db, agent, early.client.id)
    assert old.template_version == 1
    assert [i.title for i in old.checklist] == [s.title for s in DEFAULT_CHECKLIST]
    late = clients.client_card(db, agent, new_client(db, agent, 502).client.id)
    assert late.template_version == 2 and [i.title for i in late.checklist] == titles


def test_r3_duplicate_title_is_refused_and_the_step_selected(
        qtbot: QtBot, db: Database, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A refused save names the step; nothing is written; Revert brings the saved steps back."""
    editor = open_tab(qtbot, TemplateEditor, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: editor.model.rowCount() == len(DEFAULT_CHECKLIST))
    before = row_counts(db)
    editor.model.setData(editor.model.index(3, Column.TITLE), DEFAULT_CHECKLIST[0].title)
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.message.kind == "error", timeout=10000)
    assert "twice" in editor.message.text() and editor.current_row() == 3
    assert row_counts(db) == before
    editor.revert_button.click()
    assert not editor.model.is_modified and not editor.save_button.isEnabled()
