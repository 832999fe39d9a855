"""The registration checklist template: versioned, edited by supervisors (R3).

A client's checklist is copied from the template version current at intake,
so a new version changes only the checklists of clients who come later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.registration import DEFAULT_CHECKLIST
from nit_desk.domain.secret_guard import check_free_text
from nit_desk.domain.text import clean_name
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.dto import StepInput, TemplateDTO, TemplateStepDTO
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import ChecklistTemplate, ChecklistTemplateStep, User
from nit_desk.services.storage.types import utcnow
from nit_desk.services.uow import UnitOfWork, read_as

MAX_STEPS = 50
TITLE_MAX = 200
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True,
))



def ensure_default_template(db: Database) -> TemplateDTO:
    """Create template version 1 from the default checklist if there is none (idempotent)."""
    with db.read_session() as session:
        template = latest_template(session)
        if template is not None:
            return _dto(session, template)
    try:
        with db.write_session() as session, session.begin():
            template = latest_template(session)
            if template is None:
                template = _add_version(session, 1, None, [
                    (s.code, s.title, s.required) for s in DEFAULT_CHECKLIST])
            return _dto(session, template)
    except IntegrityError:  # another workstation created it at the same moment
        with db.read_session() as session:
            template = latest_template(session)
            assert template is not None
            return _dto(session, template)


def latest_template(session: Session) -> ChecklistTemplate | None:
    """The newest template version, or None on an empty database."""
    return session.execute(
        select(ChecklistTemplate).order_by(ChecklistTemplate.version.desc()).limit(1)
    ).scalar_one_or_none()


def current_template(db: Database, actor: Actor) -> TemplateDTO:
    """The template version new clients get now (any active user)."""
    ensure_default_template(db)
    with read_as(db, actor) as (session, _sup):
        template = latest_template(session)
        assert template is not None
        return _dto(session, template)


def list_template_versions(db: Database, actor: Actor) -> list[TemplateDTO]:
    """Every template version, newest first (any active user)."""
    ensure_default_template(db)
    with read_as(db, actor) as (session, _sup):
        rows = session.execute(
            select(ChecklistTemplate).order_by(ChecklistTemplate.version.desc())
        ).scalars().all()
        return [_dto(session, t) for t in rows]


def save_template(db: Database, actor: Actor, steps: Sequence[StepInput]) -> TemplateDTO:
    """Save the steps as a NEW template version (supervisors only, R3, R18).

    Args:
        steps: in order; a None code is made from the title.

    Raises:
        PermissionDenied: the actor is not a supervisor.
        ValidationError: no steps, an empty/duplicate title, a bad/duplicate code.
    """
    ensure_default_template(db)
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        cleaned = _clean_steps(steps)
        previous = latest_template(uow.session)
        number = (previous.version if previous else 0) + 1
        template = _add_version(uow.session, number, uow.actor_id, cleaned)
        uow.audit("checklist_template.saved", "checklist_template", template.id,
                  before={"version": previous.version} if previous else None,
                  after={"version": number, "steps": [list(s) for s in cleaned]})
        uow.commit()
        return _dto(uow.session, template)


def _add_version(session: Session, number: int, user_id: int | None,
                 steps: Sequence[tuple[str, str, bool]]) -> ChecklistTemplate:
    template = ChecklistTemplate(version=number, created_at=utcnow(), created_by_id=user_id)
    template.steps = [
        ChecklistTemplateStep(position=i, code=code, title=title, required=required)
        for i, (code, title, required) in enumerate(steps, start=1)
    ]
    session.add(template)
    session.flush()
    return template


def _clean_steps(steps: Sequence[StepInput]) -> list[tuple[str, str, bool]]:
    if not steps:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "The checklist needs at least one step."), field="steps")
    if len(steps) > MAX_STEPS:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "The checklist can have at most {n} steps."), field="steps", n=MAX_STEPS)
    titles = [clean_name(str(title), field=f"steps.{i}.title", max_length=TITLE_MAX)
              for i, (_code, title, _req) in enumerate(steps)]
    _refuse_duplicate_titles(titles)
    codes = _codes([code for code, _t, _r in steps], titles)
    return [(codes[i], titles[i], bool(steps[i][2])) for i in range(len(steps))]


def _refuse_duplicate_titles(titles: list[str]) -> None:
    seen: set[str] = set()
    for i, title in enumerate(titles):
        key = title.casefold()
        if key in seen:
            raise ValidationError(
                QT_TRANSLATE_NOOP("messages", "The step \"{title}\" is in the list twice."),
                field=f"steps.{i}.title", title=title)
        seen.add(key)


def _codes(given: list[str | None], titles: list[str]) -> list[str]:
    codes: list[str] = []
    for i, code in enumerate(given):
        if code is None or not code.strip():
            continue
        check_free_text(code, field=f"steps.{i}.code")  # R9, R23: the one guard of typed text
        code = code.strip()
        if not _CODE.match(code):
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "A step code is 1 to 48 lower-case Latin letters, digits or "
                "underscores, starting with a letter."), field=f"steps.{i}.code")
        if code in codes:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "The step code {code} is used twice."), field=f"steps.{i}.code",
                code=code)
        codes.append(code)
    taken = set(codes)
    result: list[str] = []
    for code, title in zip(given, titles, strict=True):
        if code is not None and code.strip():
            result.append(code.strip())
        else:
            made = code_from_title(title, taken)
            taken.add(made)
            result.append(made)
    return result


def code_from_title(title: str, taken: set[str]) -> str:
    """A unique lower-case Latin code made from a step title (Cyrillic transliterated)."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in title.lower())
    base = re.sub(r"[^a-z0-9]+", "_", latin).strip("_")[:40] or "step"
    if not base[0].isalpha():
        base = f"step_{base}"[:40]
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def _dto(session: Session, template: ChecklistTemplate) -> TemplateDTO:
    creator = session.get(User, template.created_by_id) if template.created_by_id else None
    return TemplateDTO(
        id=template.id, version=template.version,
        steps=tuple(TemplateStepDTO(s.code, s.title, s.required, s.position)
                    for s in template.steps),
        created_at=template.created_at,
        created_by_name=creator.username if creator else None,
    )
