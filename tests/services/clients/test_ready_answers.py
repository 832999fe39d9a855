"""Ready answers: seeded from the seed text, edited by supervisors only, audited (R17, R18)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nit_desk.domain.errors import PermissionDenied, ValidationError
from nit_desk.domain.ready_answer_texts import DEFAULT_ANSWERS
from nit_desk.services.actor import Actor
from nit_desk.services.clients import ready_answers
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry, ReadyAnswer


def _count(db: Database, what: object) -> int:
    with db.read_session() as session:
        return int(session.execute(select(func.count()).select_from(what)).scalar_one())


def _audited(db: Database, action: str) -> list[tuple[str, str]]:
    """(before, after) of every audit entry of ``action``."""
    with db.read_session() as session:
        rows = session.execute(select(AuditEntry.before, AuditEntry.after)
                               .where(AuditEntry.action == action))
        return [(before, after) for before, after in rows]


def test_r17_defaults_are_seeded_once_and_audited(db: Database, agent: Actor) -> None:
    answers = ready_answers.list_ready_answers(db, agent)
    assert [a.title for a in answers] == [d.title for d in DEFAULT_ANSWERS]
    ready_answers.list_ready_answers(db, agent)
    assert _count(db, ReadyAnswer) == len(DEFAULT_ANSWERS)
    assert len(_audited(db, "ready_answer.created")) == len(DEFAULT_ANSWERS)


def test_r17_a_supervisors_edit_is_audited_with_before_and_after(
        db: Database, supervisor: Actor) -> None:
    first = ready_answers.list_ready_answers(db, supervisor)[0]
    changed = ready_answers.save_ready_answer(
        db, supervisor, first.id, title=first.title, body="Здравствуйте, {клиент}!")
    assert changed.body == "Здравствуйте, {клиент}!" and changed.version == first.version + 1
    [(before, after)] = _audited(db, "ready_answer.changed")
    assert first.body[:20] in before and "Здравствуйте, {клиент}!" in after
    added = ready_answers.save_ready_answer(db, supervisor, None, title="Перезагрузка",
                                            body="{клиент}, перезагрузите компьютер.")
    assert added.position == len(DEFAULT_ANSWERS) + 1


def test_an_unknown_placeholder_is_refused_when_a_supervisor_saves(
        db: Database, supervisor: Actor) -> None:
    first = ready_answers.list_ready_answers(db, supervisor)[0]
    with pytest.raises(ValidationError) as refused:
        ready_answers.save_ready_answer(db, supervisor, first.id, title=first.title,
                                        body="Здравствуйте, {имя_клиента}!")
    assert refused.value.params["placeholder"] == "{имя_клиента}"
    assert ready_answers.list_ready_answers(db, supervisor)[0] == first
    assert not _audited(db, "ready_answer.changed")


def test_r9_a_secret_in_a_template_is_refused_with_nothing_written(
        db: Database, supervisor: Actor) -> None:
    ready_answers.list_ready_answers(db, supervisor)
    with pytest.raises(ValidationError):
        ready_answers.save_ready_answer(db, supervisor, None, title="Код",
                                        body="Ваш код из смс 539201")
    assert _count(db, ReadyAnswer) == len(DEFAULT_ANSWERS)


def test_r18_agents_cannot_edit_ready_answers(db: Database, agent: Actor) -> None:
    first = ready_answers.list_ready_answers(db, agent)[0]
    with pytest.raises(PermissionDenied):
        ready_answers.save_ready_answer(db, agent, first.id, title="x", body="y")
    with pytest.raises(PermissionDenied):
        ready_answers.set_ready_answer_active(db, agent, first.id, False)
    assert ready_answers.list_ready_answers(db, agent)[0] == first


def test_r21_a_withdrawn_answer_leaves_the_picker_and_can_come_back(
        db: Database, supervisor: Actor) -> None:
    first = ready_answers.list_ready_answers(db, supervisor)[0]
    ready_answers.set_ready_answer_active(db, supervisor, first.id, False)
    assert first.id not in {a.id for a in ready_answers.list_ready_answers(db, supervisor)}
    every = ready_answers.list_ready_answers(db, supervisor, include_inactive=True)
    assert first.id in {a.id for a in every}
    ready_answers.set_ready_answer_active(db, supervisor, first.id, True)
    assert ready_answers.list_ready_answers(db, supervisor)[0].id == first.id


def test_a_duplicate_title_is_refused(db: Database, supervisor: Actor) -> None:
    answers = ready_answers.list_ready_answers(db, supervisor)
    with pytest.raises(ValidationError):
        ready_answers.save_ready_answer(db, supervisor, answers[1].id,
                                        title=answers[0].title.upper(), body="{клиент}")
