"""Users and sign-in as the screens see them: plain data, no database import (R18)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor


@dataclass(frozen=True)
class UserInfo:
    """A user as the screens see it: never the password hash."""

    id: int
    username: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class SignIn:
    """The result of a successful sign-in."""

    actor: Actor
    must_change_password: bool
