"""Users: sign-in with lockout, and supervisors managing agents (R18)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from nit_desk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.secret_guard import check_free_text
from nit_desk.domain.types import Role
from nit_desk.services.actor import SYSTEM, Actor
from nit_desk.services.admin.passwords import (
    hash_password,
    needs_rehash,
    verify_password,
    verify_unknown_user,
)
from nit_desk.services.admin.user_dto import SignIn, UserInfo
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import User
from nit_desk.services.uow import UnitOfWork

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=10)
MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[\w.\-]{2,32}$")


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, Role(user.role), user.active,
                    user.must_change_password, user.locked_until, user.created_at)


def _check_username(username: str) -> str:
    check_free_text(username, field="username")  # R9, R23: the one guard of typed text
    name = username.strip()
    if not _USERNAME.match(name):
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "A user name is 2 to 32 letters, digits, dots, "
                              "dashes or underscores, without spaces."),
            field="username",
        )
    return name


def _check_password(password: str, username: str) -> None:
    if password and not password.strip():
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "A password of spaces only is not a password: "
                              "use letters, digits or signs."),
            field="password",
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "The password must have at least {n} characters."),
            field="password", n=MIN_PASSWORD_LENGTH,
        )
    if len(password) > 256:
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "The password is too long (256 characters at most)."),
            field="password",
        )
    if password.strip().lower() == username.lower():
        raise ValidationError(
            QT_TRANSLATE_NOOP("messages", "The password must differ from the user name."),
            field="password",
        )


def has_users(db: Database) -> bool:
    """Whether any user exists (the first run creates the first supervisor)."""
    with db.read_session() as s:
        return bool(s.execute(select(func.count(User.id))).scalar_one())


def create_first_supervisor(db: Database, username: str, password: str) -> UserInfo:
    """Create the first supervisor of an empty database.

    Raises:
        Conflict: users exist already; a supervisor must add new ones.
    """
    with UnitOfWork(db, SYSTEM) as uow:
        if uow.session.execute(select(func.count(User.id))).scalar_one():
            raise Conflict(QT_TRANSLATE_NOOP("messages", "Users exist already; ask a "
                                             "supervisor to add your account."))
        user = _new_user(uow, username, Role.SUPERVISOR, password)
        uow.commit()
        return _info(user)


def create_user(db: Database, actor: Actor, username: str, role: Role,
                password: str, *, must_change_password: bool = True) -> UserInfo:
    """Add an agent or a supervisor (supervisors only, R18)."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        user = _new_user(uow, username, Role(role), password, must_change_password)
        uow.commit()
        return _info(user)


def _new_user(uow: UnitOfWork, username: str, role: Role, password: str,
              must_change: bool = False) -> User:
    name = _check_username(username)
    _check_password(password, name)
    taken = uow.session.execute(
        select(User.id).where(func.lower(User.username) == name.lower())
    ).first()
    if taken:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The user name {name} is taken."),
                              field="username", name=name)
    user = User(username=name, role=role.value, password_hash=hash_password(password),
                active=True, must_change_password=must_change, failed_attempts=0,
                created_at=uow.now)
    uow.session.add(user)
    uow.session.flush()
    uow.audit("user.created", "user", user.id, after={"username": name, "role": role.value})
    return user


def authenticate(db: Database, username: str, password: str) -> SignIn:
    """Check a password; five wrong ones lock the account for ten minutes.

    Raises:
        PermissionDenied: wrong name or password, locked or inactive account.
    """
    wrong = PermissionDenied(QT_TRANSLATE_NOOP("messages", "Wrong user name or password."))
    with UnitOfWork(db, SYSTEM) as uow:
        user = uow.session.execute(
            select(User).where(func.lower(User.username) == username.strip().lower())
        ).scalar_one_or_none()
        if user is None:
            verify_unknown_user(password)  # as long as a known name's check
            raise wrong
        _refuse_if_locked(uow, user)
        if not verify_password(password, user.password_hash):
            _count_failure(uow, user)
            uow.commit()
            raise wrong
        if not user.active:
            raise PermissionDenied(QT_TRANSLATE_NOOP("messages", "This account is deactivated."))
        user.failed_attempts, user.locked_until = 0, None
        _upgrade_hash(uow, user, password)
        uow.commit()
        return SignIn(Actor(user.id, user.username, Role(user.role)), user.must_change_password)


def _upgrade_hash(uow: UnitOfWork, user: User, password: str) -> None:
    """Store a hash made at today's cost when the stored one is older (cheaper)."""
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        uow.audit("user.password_rehashed", "user", user.id)


def _count_failure(uow: UnitOfWork, user: User) -> None:
    user.failed_attempts += 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.locked_until = uow.now + LOCKOUT
        user.failed_attempts = 0
        uow.audit("user.locked_out", "user", user.id, after={"until": user.locked_until})


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """The signed-in user changes their own password.

    A wrong current password counts like a wrong sign-in: five lock the account
    for ten minutes (audited as ``user.locked_out``), so a desk left signed in
    cannot be used to guess the password. Every failure is audited.

    Raises:
        ValidationError: the current password is wrong, or the new one is refused.
        PermissionDenied: the account is locked.
    """
    with UnitOfWork(db, actor) as uow:
        user = uow.require()
        assert user is not None
        _refuse_if_locked(uow, user)
        if not verify_password(old_password, user.password_hash):
            uow.audit("user.password_change_failed", "user", user.id)
            _count_failure(uow, user)
            uow.commit()
            raise ValidationError(QT_TRANSLATE_NOOP("messages", "The current password is wrong."),
                                  field="old_password")
        _check_password(new_password, user.username)
        user.password_hash = hash_password(new_password)
        user.must_change_password = False
        user.failed_attempts = 0
        uow.audit("user.password_changed", "user", user.id)
        uow.commit()


def _refuse_if_locked(uow: UnitOfWork, user: User) -> None:
    if user.locked_until and user.locked_until > uow.now:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("messages", "Too many wrong passwords: the account is locked "
                              "until {until:%H:%M}. A supervisor can unlock it."),
            until=user.locked_until.astimezone(),
        )


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    """Every user, by name (supervisors only)."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        users = uow.session.execute(select(User).order_by(User.username)).scalars()
        return [_info(u) for u in users]


def _target(uow: UnitOfWork, user_id: int) -> User:
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFound(QT_TRANSLATE_NOOP("messages", "No such user."), field="user")
    return user


def _other_active_supervisors(uow: UnitOfWork, user_id: int) -> int:
    return int(uow.session.execute(
        select(func.count(User.id)).where(
            User.role == Role.SUPERVISOR.value, User.active.is_(True), User.id != user_id)
    ).scalar_one())


def set_active(db: Database, actor: Actor, user_id: int, active: bool) -> UserInfo:
    """Deactivate or reactivate a user; never yourself, never the last supervisor."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        user = _target(uow, user_id)
        if not active and user_id == actor.user_id:
            raise PermissionDenied(QT_TRANSLATE_NOOP("messages",
                                                     "You cannot deactivate yourself."))
        if not active and user.role == Role.SUPERVISOR and not _other_active_supervisors(
                uow, user_id):
            raise Conflict(QT_TRANSLATE_NOOP("messages", "The last active supervisor "
                                             "cannot be deactivated."))
        before = user.active
        user.active = active
        uow.audit("user.activated" if active else "user.deactivated", "user", user.id,
                  before={"active": before}, after={"active": active})
        uow.commit()
        return _info(user)


def set_role(db: Database, actor: Actor, user_id: int, role: Role) -> UserInfo:
    """Make a user an agent or a supervisor; the last supervisor cannot be demoted."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        user = _target(uow, user_id)
        if (user.role == Role.SUPERVISOR and role != Role.SUPERVISOR
                and not _other_active_supervisors(uow, user_id)):
            raise Conflict(QT_TRANSLATE_NOOP("messages", "The last active supervisor "
                                             "cannot be demoted."))
        before = user.role
        user.role = Role(role).value
        uow.audit("user.role_changed", "user", user.id, before={"role": before},
                  after={"role": user.role})
        uow.commit()
        return _info(user)


def reset_password(db: Database, actor: Actor, user_id: int, new_password: str) -> UserInfo:
    """Set a temporary password that must be changed at the next sign-in."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        user = _target(uow, user_id)
        _check_password(new_password, user.username)
        user.password_hash = hash_password(new_password)
        user.must_change_password = True
        user.failed_attempts, user.locked_until = 0, None
        uow.audit("user.password_reset", "user", user.id)
        uow.commit()
        return _info(user)


def unlock(db: Database, actor: Actor, user_id: int) -> UserInfo:
    """Lift a lockout after too many wrong passwords."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        user = _target(uow, user_id)
        user.failed_attempts, user.locked_until = 0, None
        uow.audit("user.unlocked", "user", user.id)
        uow.commit()
        return _info(user)
