"""One audit entry as every screen reads it (R17), stated once.

Views and Qt models may not import :mod:`nit_desk.services.admin.audit` (it uses the
database library), so they read its ``AuditRecord`` through this Protocol.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class AuditRecordLike(Protocol):
    """The fields of :class:`nit_desk.services.admin.audit.AuditRecord` that screens show."""

    @property
    def id(self) -> int:
        """Row id."""

    @property
    def seq(self) -> int:
        """Place in the chain (1, 2, 3...)."""

    @property
    def at(self) -> datetime:
        """When (UTC)."""

    @property
    def actor_name(self) -> str:
        """Who."""

    @property
    def action(self) -> str:
        """Kind of change, e.g. ``client.step_changed``."""

    @property
    def entity(self) -> str:
        """What kind of thing changed (``client``, ``request``...)."""

    @property
    def entity_id(self) -> int | None:
        """Which one."""

    @property
    def client_id(self) -> int | None:
        """The client concerned, if any."""

    @property
    def before(self) -> str:
        """JSON of the state before."""

    @property
    def after(self) -> str:
        """JSON of the state after."""
