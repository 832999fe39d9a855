"""Who is acting: the signed-in user as services see it."""

from __future__ import annotations

from dataclasses import dataclass

from nit_desk.domain.types import Role


@dataclass(frozen=True)
class Actor:
    """The acting user passed to every service call.

    The role here is only a hint for the screens: services re-read the user in
    their unit of work and check the role from the database (R18), so a stale
    or forged Actor gains nothing.
    """

    user_id: int
    username: str
    role: Role

    @property
    def is_supervisor(self) -> bool:
        """Whether the screens should offer supervisor actions."""
        return self.role is Role.SUPERVISOR


SYSTEM = Actor(user_id=0, username="system", role=Role.SUPERVISOR)
"""The local operator at the command line (file access means full access)."""
