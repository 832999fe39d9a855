"""The console's ready answers: a supervisor edits, a bad placeholder is refused (R17, R18)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from nit_desk.domain.ready_answer_texts import DEFAULT_ANSWERS
from nit_desk.services.clients import ready_answers
from nit_desk.services.storage.engine import Database
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.console.ready_answers_editor import ReadyAnswersEditor


def _editor(qtbot: QtBot, session: Session) -> ReadyAnswersEditor:
    editor = ReadyAnswersEditor(session)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.list.count() == len(DEFAULT_ANSWERS), timeout=10000)
    return editor


def test_an_unknown_placeholder_is_refused_beside_the_text(
        qtbot: QtBot, db: Database, supervisor_session: Session,
        runner: ServiceRunner) -> None:
    editor = _editor(qtbot, supervisor_session)
    before = editor.current_answer()
    editor.body_edit.setPlainText("Здравствуйте, {имя}!")
    editor.save_button.click()
    feedback = editor.fields["text"]
    qtbot.waitUntil(lambda: feedback.has_error, timeout=10000)
    assert "{имя}" in feedback.text
    qtbot.waitUntil(lambda: not runner.is_busy, timeout=10000)
    assert ready_answers.list_ready_answers(db, supervisor_session.actor)[0] == before


def test_r17_a_supervisor_adds_an_answer_agents_then_pick(
        qtbot: QtBot, db: Database, supervisor_session: Session,
        runner: ServiceRunner) -> None:
    editor = _editor(qtbot, supervisor_session)
    editor.new_button.click()
    editor.title_edit.setText("Перезагрузка")
    editor.body_edit.setPlainText("{клиент}, перезагрузите компьютер и напишите нам.")
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.list.count() == len(DEFAULT_ANSWERS) + 1, timeout=10000)
    qtbot.waitUntil(lambda: not runner.is_busy, timeout=10000)
    titles = [a.title for a in ready_answers.list_ready_answers(db, supervisor_session.actor)]
    assert titles[-1] == "Перезагрузка"
