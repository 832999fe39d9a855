"""The registration checklist of one client: step states, who and when (R3, R4)."""

from __future__ import annotations

from sqlalchemy import select

from nit_desk.domain.errors import Conflict, NotFound, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.registration import registration_progress
from nit_desk.domain.types import StepState
from nit_desk.services.actor import Actor
from nit_desk.services.clients.client_cards import (
    build_card,
    is_supervisor,
    load_client,
    step_statuses,
)
from nit_desk.services.dto import ClientCard
from nit_desk.services.queue.holder import refuse_client_held_elsewhere
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import ChecklistItem, Client
from nit_desk.services.uow import UnitOfWork


def set_step_state(db: Database, actor: Actor, client_id: int, code: str,
                   state: StepState) -> ClientCard:
    """Set one step of a client's checklist and recompute whether they are registered (R4).

    A refused step stays refused until someone changes it. When the client stops
    being registered they also leave the trusted persons list (R5).

    Raises:
        ValidationError: unknown state.
        NotFound: no such client or step.
        Conflict: the client is banned.
        ClaimConflict: an open request of the client is held by another agent.
    """
    new = _state(state)
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        client = load_client(uow.session, client_id, lock=True)
        if client.banned:
            raise Conflict(QT_TRANSLATE_NOOP(
                "messages", "The client {handle} is banned: the checklist cannot change."),
                field="client", handle=client.handle)
        refuse_client_held_elsewhere(uow, client.id, supervisor=supervisor)
        item = _item(uow, client_id, code)
        if item.state != new.value:
            before = {"code": item.code, "state": item.state}
            item.state, item.changed_by_id, item.changed_at = new.value, uow.actor_id, uow.now
            uow.audit("client.step_changed", "client", client.id, client_id=client.id,
                      before=before, after={"code": item.code, "state": new.value})
            _recompute_registration(uow, client)
        card = build_card(uow.session, client, viewer_id=uow.actor_id,
                          viewer_is_supervisor=supervisor)
        uow.commit()
        return card


def _state(state: StepState) -> StepState:
    try:
        return StepState(state)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "Unknown step state."),
                              field="state") from None


def _item(uow: UnitOfWork, client_id: int, code: str) -> ChecklistItem:
    item = uow.session.execute(
        select(ChecklistItem).where(ChecklistItem.client_id == client_id,
                                    ChecklistItem.code == str(code))
    ).scalar_one_or_none()
    if item is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "The client's checklist has no step "
                                         "{code}."), field="code", code=str(code)[:64])
    return item


def _recompute_registration(uow: UnitOfWork, client: Client) -> None:
    uow.session.flush()
    items = uow.session.execute(
        select(ChecklistItem).where(ChecklistItem.client_id == client.id)).scalars()
    registered = registration_progress(step_statuses(items)).registered
    if registered and client.registered_at is None:
        client.registered_at = uow.now
        uow.audit("client.registered", "client", client.id, client_id=client.id,
                  before={"registered": False}, after={"registered": True})
    elif not registered and client.registered_at is not None:
        client.registered_at = None
        uow.audit("client.unregistered", "client", client.id, client_id=client.id,
                  before={"registered": True}, after={"registered": False})
        if client.trusted:  # R5: only a registered client stays on the trusted list
            client.trusted = False
            uow.audit("client.trust_changed", "client", client.id, client_id=client.id,
                      before={"trusted": True}, after={"trusted": False,
                                                       "why": "no longer registered"})
