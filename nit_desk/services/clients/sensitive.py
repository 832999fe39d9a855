"""Sensitive actions: the record that the client was warned, and agreed or not (R8, R9).

Only the action, the explanation given, the warning and the client's answer
are kept, with who and when: never a code or a password (R9 refuses them).
"""

from __future__ import annotations

from sqlalchemy import select

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.text import clean_text
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import is_supervisor, load_client, user_names
from nit_desk.services.dto import SensitiveActionDTO
from nit_desk.services.queue.holder import refuse_client_held_elsewhere, refuse_unless_free_for
from nit_desk.services.queue.work_requests import load_request
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Request, SensitiveAction
from nit_desk.services.uow import UnitOfWork, read_as

ACTION_MAX = 500
EXPLANATION_MAX = 4000


def record_sensitive_action(
    db: Database, actor: Actor, client_id: int, *, request_id: int | None, action: str,
    explanation: str, warned_and_explained: bool, client_agreed: bool,
) -> SensitiveActionDTO:
    """Record that a sensitive action was explained and the client's answer (R8).

    Raises:
        ValidationError: the client was not warned (field ``warned``), an empty
            action or explanation, or a code/card typed into them (R9).
        NotFound: no such client or request.
        ClaimConflict: the request (or, without one, an open request of the
            client) is held by another agent; supervisors pass.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        if warned_and_explained is not True:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "messages", "Warn the client and explain what will be done before asking "
                "for a code."), field="warned")
        text = clean_text(_str(action), field="action", max_length=ACTION_MAX, required=True)
        why = clean_text(_str(explanation), field="explanation", max_length=EXPLANATION_MAX,
                         required=True)
        client = load_client(uow.session, client_id)
        if request_id is not None:
            request = _check_request(uow, request_id, client.id)
            refuse_unless_free_for(uow, request, supervisor=supervisor)
        else:
            refuse_client_held_elsewhere(uow, client.id, supervisor=supervisor)
        row = SensitiveAction(client_id=client.id, request_id=request_id, action=text,
                              explanation=why, warned_and_explained=True,
                              client_agreed=bool(client_agreed), recorded_by_id=uow.actor_id,
                              recorded_at=uow.now)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("sensitive_action.recorded", "sensitive_action", row.id, client_id=client.id,
                  after={"action": text, "request_id": request_id, "warned": True,
                         "client_agreed": bool(client_agreed)})
        dto = _dto(row, uow.actor.username)
        uow.commit()
        return dto


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _check_request(uow: UnitOfWork, request_id: int, client_id: int) -> Request:
    request = load_request(uow.session, request_id)
    if request.client_id != client_id:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "The request belongs to another client."), field="request")
    return request


def list_sensitive_actions(db: Database, actor: Actor,
                           client_id: int) -> list[SensitiveActionDTO]:
    """Every recorded sensitive action of a client, newest first."""
    with read_as(db, actor) as (session, _sup):
        load_client(session, client_id)
        rows = session.execute(
            select(SensitiveAction).where(SensitiveAction.client_id == client_id)
            .order_by(SensitiveAction.recorded_at.desc(), SensitiveAction.id.desc())
        ).scalars().all()
        names = user_names(session, (r.recorded_by_id for r in rows))
        return [_dto(r, names.get(r.recorded_by_id, "?")) for r in rows]


def _dto(row: SensitiveAction, recorded_by: str) -> SensitiveActionDTO:
    return SensitiveActionDTO(row.id, row.client_id, row.request_id, row.action,
                              row.explanation, row.warned_and_explained, row.client_agreed,
                              recorded_by, row.recorded_at)
