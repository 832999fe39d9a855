"""The trusted persons list (R5)."""

from __future__ import annotations

from nit_desk.domain.errors import Conflict
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.registration import (
    TRUST_REFUSAL_TEXT,
    registration_progress,
    trust_refusals,
)
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
from nit_desk.services.uow import UnitOfWork


def set_trusted(db: Database, actor: Actor, client_id: int, trusted: bool) -> ClientCard:
    """Add a client to the trusted persons list, or remove them (removing always works).

    Raises:
        Conflict: only a registered client who is not banned can be added (R5);
            ``params["refusals"]`` holds the domain's reasons, ``reasons`` their text.
        NotFound: no such client.
        ClaimConflict: an open request of the client is held by another agent.
    """
    with UnitOfWork(db, actor) as uow:
        supervisor = is_supervisor(uow.require())
        client = load_client(uow.session, client_id, lock=True)
        refuse_client_held_elsewhere(uow, client.id, supervisor=supervisor)
        if trusted and not client.trusted:
            registered = registration_progress(step_statuses(client.checklist)).registered
            refusals = trust_refusals(registered=registered, banned=client.banned)
            if refusals:
                raise Conflict(
                    QT_TRANSLATE_NOOP("messages", "{handle} cannot be added to the trusted "
                                      "persons list: {reasons}."),
                    field="trusted", handle=client.handle, refusals=refusals,
                    reasons="; ".join(TRUST_REFUSAL_TEXT[r] for r in refusals))
        if bool(trusted) != client.trusted:
            uow.audit("client.trust_changed", "client", client.id, client_id=client.id,
                      before={"trusted": client.trusted}, after={"trusted": bool(trusted)})
            client.trusted = bool(trusted)
        card = build_card(uow.session, client, viewer_id=uow.actor_id,
                          viewer_is_supervisor=supervisor)
        uow.commit()
        return card
