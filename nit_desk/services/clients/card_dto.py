"""What the client card sends to the services and reads back in one piece; storage-free.

:class:`IntakeForm` is the intake dialog's form, one value instead of fourteen
keyword arguments restated by every caller (``clients.intake(db, actor, form)``).
:class:`CardView` is everything the card shows for one selection, read by
:func:`nit_desk.services.clients.card_view.card_view` in one unit of work, so
the card opens with one worker call instead of four or five in a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from nit_desk.domain.types import Network
from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.services.clients.work_log_dto import WorkLog
from nit_desk.services.dto import ClientCard, RequestDTO
from nit_desk.services.money.money_dto import MoneyStatus


@dataclass(frozen=True)
class IntakeForm:
    """A first contact as typed: the client's contacts and the request (R1, R7, R12, R14).

    Values are raw text; :func:`nit_desk.services.clients.clients.intake` checks and
    normalises them. ``messengers`` are (network, account text) pairs, kept as a tuple.

    Attributes:
        existing_client_id: add the request to this known client (contacts matched).
        allow_banned: a supervisor goes on with a banned client's contacts (R12).
    """

    handle: str
    phone: str
    email: str
    messengers: Sequence[tuple[Network, str]]
    channel: Network
    system_info: str
    description: str
    deadline: datetime
    has_specification: bool = False
    offline_work: bool = False
    onsite_visit: bool = False
    visit_address: str = ""
    existing_client_id: int | None = None
    allow_banned: bool = False

    def __post_init__(self) -> None:
        """Freeze the messenger list too (a caller may hand over a list)."""
        object.__setattr__(self, "messengers", tuple(self.messengers))


@dataclass(frozen=True)
class CardView:
    """One read of the client card: the client, and the request at hand if any.

    ``request``, ``money`` and ``work_log`` are None when the card shows a client
    without a request. ``history`` is the client's audit trail, newest first (R17).
    """

    card: ClientCard
    request: RequestDTO | None
    money: MoneyStatus | None
    history: tuple[AuditRecord, ...]
    work_log: WorkLog | None = field(default=None)
