"""Ready answers: read by agents on the card, edited by supervisors (R17, R18).

The defaults come from the company's own text
(:data:`nit_desk.domain.ready_answer_texts.DEFAULT_ANSWERS`) and are seeded,
audited as the system, the first time anyone reads the list. Every save checks
the placeholders and the secret guard (R9, R23) before anything is written;
nothing is deleted (R21): an answer is withdrawn and can be brought back.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from nit_desk.domain.errors import NotFound, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.ready_answer_texts import DEFAULT_ANSWERS
from nit_desk.domain.ready_answers import BODY_MAX, TITLE_MAX, check_answer_text
from nit_desk.domain.text import clean_name, clean_text
from nit_desk.domain.types import Role
from nit_desk.services.actor import SYSTEM, Actor
from nit_desk.services.clients.ready_answer_dto import ReadyAnswerDTO
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import ReadyAnswer
from nit_desk.services.uow import UnitOfWork, read_as

ENTITY = "ready_answer"
"""The audit entity and the :class:`~nit_desk.services.change.Change` entity of an answer."""


def _dto(answer: ReadyAnswer) -> ReadyAnswerDTO:
    return ReadyAnswerDTO(answer.id, answer.position, answer.title, answer.body,
                          answer.active, answer.version)


def _snapshot(answer: ReadyAnswer) -> dict[str, object]:
    return {"title": answer.title, "body": answer.body, "active": answer.active}


def ensure_default_ready_answers(db: Database) -> None:
    """Seed the default answers into an empty table (idempotent, audited as the system).

    Once the table holds any answer nothing is added, so a supervisor's edit or
    withdrawal is never undone; two desks seeding at once leave one set.
    """
    with db.read_session() as session:
        if session.execute(select(func.count(ReadyAnswer.id))).scalar_one():
            return
    try:
        with UnitOfWork(db, SYSTEM) as uow:
            if uow.session.execute(select(func.count(ReadyAnswer.id))).scalar_one():
                return
            for position, default in enumerate(DEFAULT_ANSWERS, start=1):
                answer = ReadyAnswer(position=position, title=default.title,
                                     body=default.body, active=True)
                uow.session.add(answer)
                uow.session.flush()
                uow.audit("ready_answer.created", ENTITY, answer.id, after=_snapshot(answer))
            uow.commit()
    except IntegrityError:  # another desk seeded them at the same moment
        return


def list_ready_answers(db: Database, actor: Actor,
                       include_inactive: bool = False) -> tuple[ReadyAnswerDTO, ...]:
    """The ready answers in their order, active ones unless asked (any active user)."""
    ensure_default_ready_answers(db)
    with read_as(db, actor) as (session, _supervisor):
        query = select(ReadyAnswer).order_by(ReadyAnswer.position, ReadyAnswer.id)
        if not include_inactive:
            query = query.where(ReadyAnswer.active.is_(True))
        return tuple(_dto(answer) for answer in session.execute(query).scalars())


def save_ready_answer(db: Database, actor: Actor, answer_id: int | None, *,
                      title: str, body: str) -> ReadyAnswerDTO:
    """Add a ready answer (``answer_id`` None) or change one (supervisors only, R18).

    Raises:
        PermissionDenied: the actor is not an active supervisor.
        ValidationError: an empty or long title or text, a title another answer has,
            an unknown placeholder, a stray brace, or a secret (R9, R23).
        NotFound: no answer ``answer_id``.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        title, body = _checked(title, body)
        _refuse_duplicate(uow, title, answer_id)
        if answer_id is None:
            answer = ReadyAnswer(position=_next_position(uow), title=title, body=body,
                                 active=True)
            uow.session.add(answer)
            uow.session.flush()
            uow.audit("ready_answer.created", ENTITY, answer.id, after=_snapshot(answer))
        else:
            answer = _answer(uow, answer_id)
            before = _snapshot(answer)
            answer.title, answer.body = title, body
            if _snapshot(answer) != before:
                uow.audit("ready_answer.changed", ENTITY, answer.id, before=before,
                          after=_snapshot(answer))
        uow.commit()
        return _dto(answer)


def set_ready_answer_active(db: Database, actor: Actor, answer_id: int,
                            active: bool) -> ReadyAnswerDTO:
    """Withdraw an answer from the picker or bring it back (supervisors only, R18, R21)."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        answer = _answer(uow, answer_id)
        before = answer.active
        answer.active = bool(active)
        if before != answer.active:
            uow.audit("ready_answer.activated" if active else "ready_answer.deactivated",
                      ENTITY, answer.id, before={"active": before},
                      after={"active": answer.active})
        uow.commit()
        return _dto(answer)


def _checked(title: str, body: str) -> tuple[str, str]:
    title = clean_name(title, field="title", max_length=TITLE_MAX)
    body = clean_text(body, field="text", max_length=BODY_MAX, required=True)
    check_answer_text(body, field="text")
    return title, body


def _refuse_duplicate(uow: UnitOfWork, title: str, answer_id: int | None) -> None:
    """Refuse a title another answer has, ignoring case (in Python: SQLite's lower() is ASCII)."""
    wanted = title.casefold()
    for other_id, other in uow.session.execute(select(ReadyAnswer.id, ReadyAnswer.title)):
        if other_id != answer_id and other.casefold() == wanted:
            raise ValidationError(
                QT_TRANSLATE_NOOP("messages", "A ready answer titled {title} exists already."),
                field="title", title=other)


def _next_position(uow: UnitOfWork) -> int:
    last = uow.session.execute(select(func.max(ReadyAnswer.position))).scalar_one()
    return (last or 0) + 1


def _answer(uow: UnitOfWork, answer_id: int) -> ReadyAnswer:
    answer = uow.session.get(ReadyAnswer, answer_id)
    if answer is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such ready answer."),
                       field="ready_answer")
    return answer
