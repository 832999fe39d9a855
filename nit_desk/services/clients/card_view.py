"""The client card's one read: the client, the request at hand, its money, history and log.

The card used to open with four or five worker calls in a row (the request,
then its client, the money, the history, the work log), each its own session.
:func:`card_view` reads them in one read-only session and returns one frozen
:class:`~nit_desk.services.clients.card_dto.CardView`: one round trip per
selection, and every part read at the same moment.
"""

from __future__ import annotations

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.services.actor import Actor
from nit_desk.services.clients.card_dto import CardView
from nit_desk.services.clients.client_cards import build_card, load_client
from nit_desk.services.clients.clients import read_history
from nit_desk.services.clients.work_log import read_work_log
from nit_desk.services.money.payments import money_status
from nit_desk.services.queue.work_requests import load_request, request_dto
from nit_desk.services.storage.engine import Database
from nit_desk.services.uow import read_as


def card_view(db: Database, actor: Actor, request_id: int | None = None, *,
              client_id: int | None = None, with_work_log: bool = True) -> CardView:
    """Everything the client card shows for ``request_id`` (or a client without a request).

    Args:
        request_id: the request at hand; its client is the card's client.
        client_id: the client to show when there is no request.
        with_work_log: also read the request's work log (R22).

    Raises:
        NotFound: no such request or client.
        PermissionDenied: an inactive user (R18).
        ValidationError: neither a request nor a client named.
    """
    with read_as(db, actor) as (session, supervisor):
        request = load_request(session, request_id) if request_id is not None else None
        if request is not None:
            client_id = request.client_id
        if client_id is None:
            raise ValidationError(QT_TRANSLATE_NOOP("messages", "No such client."),
                                  field="client")
        client = load_client(session, client_id)
        card = build_card(session, client, viewer_id=actor.user_id,
                          viewer_is_supervisor=supervisor)
        history = tuple(read_history(session, client.id,
                                     viewer_id=None if supervisor else actor.user_id))
        if request is None:
            return CardView(card, None, None, history)
        return CardView(
            card, request_dto(session, request), money_status(session, request, client),
            history, read_work_log(session, request.id) if with_work_log else None)
