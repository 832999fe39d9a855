"""What one committed unit of work changed, and whether that concerns a screen.

No storage here: screens type their ``data_changed`` slots with :class:`Change`
and ask :meth:`Change.concerns` instead of reading its sets by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

EVERYTHING_ENTITY = "*"
"""The entity of a change that may have touched anything (another workstation's commit)."""


@dataclass(frozen=True)
class Change:
    """What one committed unit of work changed, for screens that show it.

    ``entities`` are the kinds of thing touched (``"request"``, ``"payment"``...);
    ``{"*"}`` means "anything may have changed, reload". ``client_ids`` are the
    clients the audited entries name; a change of no particular client (a price,
    a user, a template) names none.
    """

    entities: frozenset[str]
    client_ids: frozenset[int] = frozenset()
    actions: frozenset[str] = frozenset()

    @property
    def is_everything(self) -> bool:
        """Whether anything may have changed (``"*"`` in :attr:`entities`)."""
        return EVERYTHING_ENTITY in self.entities

    def concerns(self, *entities: str, client_id: int | None = None) -> bool:
        """Whether a screen showing ``entities`` of client ``client_id`` should reload.

        The rule, in order:

        1. A change of everything (``"*"``) concerns every screen.
        2. Given ``entities``, the change must touch at least one of them; given
           none, any entity will do.
        3. Given ``client_id``, the change must name that client: a change that
           names no client (a price, a user) concerns no particular client, so a
           client's screen ignores it. ``client_id=None`` filters no client.

        Args:
            entities: the kinds of thing the screen shows; empty means any.
            client_id: the client the screen shows, or None for no client filter.

        Returns:
            True when the screen should reload.
        """
        if self.is_everything:
            return True
        if entities and self.entities.isdisjoint(entities):
            return False
        return client_id is None or client_id in self.client_ids


EVERYTHING = Change(entities=frozenset({EVERYTHING_ENTITY}))
"""The change that concerns every screen (a reconnect, another desk's commit on SQLite)."""
