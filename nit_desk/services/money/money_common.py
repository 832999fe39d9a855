"""Loading a request and its client for the money services, locked in the house order.

Every write that depends on whether a client is banned locks the client row
first and then the request row (PostgreSQL; SQLite serialises writers), the
same order as the bans service, so a ban and a payment or an estimate
decision never interleave (R12) and never deadlock.
"""

from __future__ import annotations

from sqlalchemy import select

from nit_desk.domain.errors import NotFound
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.services.storage.models import Client, Request
from nit_desk.services.uow import UnitOfWork


def load_request(uow: UnitOfWork, request_id: int, *,
                 lock: bool = False) -> tuple[Request, Client]:
    """The request and its client; ``lock`` holds both rows, client first.

    Raises:
        NotFound: no such request.
    """
    client_id = uow.session.execute(
        select(Request.client_id).where(Request.id == request_id)).scalar_one_or_none()
    if client_id is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such request."), field="request")
    client = uow.session.get(Client, client_id, with_for_update=lock or None)
    request = uow.session.get(Request, request_id, with_for_update=lock or None)
    assert client is not None and request is not None
    return request, client
