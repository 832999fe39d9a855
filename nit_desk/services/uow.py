"""The unit of work: one transaction, its role check and its audit entries.

Services use it as ``with UnitOfWork(db, actor) as uow: ...; uow.commit()``.
Leaving the block without ``commit()`` (an exception, a refusal) rolls back,
so a failed call writes nothing. Audit entries are appended to the chain in
the same transaction as the change they describe (R17).
"""

from __future__ import annotations

import functools
import logging
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, ParamSpec, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import bindparam, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from nit_desk.domain.errors import (
    NOT_SAVED_CONNECTION_LOST,
    READ_CONNECTION_LOST,
    Conflict,
    ConnectionLost,
    PermissionDenied,
)
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.audit_chain import GENESIS, canonical_json, entry_hash
from nit_desk.services.change import Change
from nit_desk.services.storage.engine import Database, close_quietly, is_connection_lost
from nit_desk.services.storage.models import AuditEntry, User
from nit_desk.services.storage.types import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")


ChangeListener = Callable[[Change], None]
_listeners: WeakKeyDictionary[Database, list[ChangeListener]] = WeakKeyDictionary()
"""Each open database's listeners, keyed by the database object itself: an ``id()`` can be
reused by a later object once the first is gone, and a closed database's entry goes with it."""


def add_change_listener(db: Database, listener: ChangeListener) -> Callable[[], None]:
    """Call ``listener`` after every commit made through ``db`` in this process.

    Returns:
        A function that removes exactly this listener again (other screens' listeners of the
        same database stay); calling it more than once does nothing more.
    """
    _listeners.setdefault(db, []).append(listener)
    database = weakref.ref(db)
    removed = False

    def remove() -> None:
        nonlocal removed
        target = database()
        if removed or target is None:
            return
        removed = True
        with suppress(ValueError):  # equal, not identical: a bound method is new at each access
            _listeners.get(target, []).remove(listener)

    return remove


def tell_listeners(db: Database, change: Change) -> None:
    """Call this process's listeners of ``db`` with a change that has been committed."""
    for listener in list(_listeners.get(db, [])):
        try:
            listener(change)
        except Exception:  # a screen's bug must not undo a committed write
            log.exception("Change listener failed")


def change_listener_count(db: Database) -> int:
    """How many listeners ``db`` has in this process (for tests and diagnostics)."""
    return len(_listeners.get(db, []))


@dataclass
class _Pending:
    action: str
    entity: str
    entity_id: int | None
    client_id: int | None
    before: str
    after: str


@dataclass
class UnitOfWork:
    """One transaction on behalf of one actor."""

    db: Database
    actor: Actor
    session: Session = field(init=False)
    now: datetime = field(init=False)
    _pending: list[_Pending] = field(default_factory=list, init=False)
    _unaudited: list[_Pending] = field(default_factory=list, init=False)
    _committed: bool = field(default=False, init=False)
    _commit_started: bool = field(default=False, init=False)
    _user: User | None = field(default=None, init=False)

    def __enter__(self) -> UnitOfWork:
        self.session = self.db.write_session()
        self.session.begin()
        self.now = utcnow()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._committed:
            self.session.close()
        else:
            close_quietly(self.session)
        if isinstance(exc, DBAPIError) and is_connection_lost(exc):
            raise self._connection_lost() from exc
        if isinstance(exc, StaleDataError):
            raise Conflict(
                QT_TRANSLATE_NOOP("messages", "Someone else changed this meanwhile; "
                                  "reload and apply your change again.")
            ) from exc

    def _connection_lost(self) -> ConnectionLost:
        """The server went away: "not saved" for a write, a retryable error for a read.

        A unit of work that queued no change and never reached its commit wrote
        nothing (R17: every change queues its audit entry first), so running it
        again is safe; anything else is a write the agent must try again.
        """
        wrote = self._commit_started or self._pending or self._unaudited
        log.warning("Connection to the database server lost during a %s",
                    "write" if wrote else "read")
        if wrote:
            return ConnectionLost(NOT_SAVED_CONNECTION_LOST)
        return ConnectionLost(READ_CONNECTION_LOST, nothing_written=True)

    # -- the acting user -------------------------------------------------

    def require(self, *roles: Role) -> User | None:
        """Check that the actor is an active user with one of ``roles`` (R18).

        Returns the user row (None for the command-line system actor).

        Raises:
            PermissionDenied: inactive, unknown, or the wrong role.
        """
        if self.actor.user_id == 0 and self.actor.username == "system":
            return None
        user = self.session.get(User, self.actor.user_id)
        if user is None or not user.active:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("messages", "Your account is not active; sign in again.")
            )
        if roles and Role(user.role) not in roles:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("messages", "Only a supervisor may do this."),
                role=user.role,
            )
        self._user = user
        return user

    @property
    def actor_id(self) -> int | None:
        """The acting user's id, or None for the command-line system actor."""
        return None if self.actor.user_id == 0 else self.actor.user_id

    # -- audit -----------------------------------------------------------

    def audit(
        self, action: str, entity: str, entity_id: int | None, *,
        client_id: int | None = None, before: Any = None, after: Any = None,
    ) -> None:
        """Queue an audit entry; it is chained and written at commit (R17)."""
        self._pending.append(
            _Pending(action, entity, entity_id, client_id,
                     canonical_json(before), canonical_json(after))
        )

    def announce(self, action: str, entity: str, *, client_id: int | None = None) -> None:
        """Tell screens about a change that is bookkeeping, not audited (a claim's lease).

        It reaches this process's listeners and, on PostgreSQL, the other
        workstations, exactly like an audited change; it adds nothing to the chain.
        """
        self._unaudited.append(_Pending(action, entity, None, client_id, "", ""))

    def commit(self) -> None:
        """Flush, append the audit entries to the chain, commit, tell listeners.

        Raises:
            Conflict: a uniqueness or version check failed at the database.
        """
        self._commit_started = True
        try:
            self.session.flush()
            self._append_audit()
            change = self._change()
            if change is not None:
                self.db.backend.announce_change(self.session, change.entities, change.client_ids)
            self.session.commit()
        except StaleDataError:
            raise
        except IntegrityError as exc:
            self.session.rollback()
            log.info("Integrity error at commit: %s", exc.orig.__class__.__name__)
            raise Conflict(
                QT_TRANSLATE_NOOP("messages", "This would duplicate something that exists "
                                  "already, or refers to something that is gone."),
            ) from exc
        self._committed = True
        if change is not None:
            tell_listeners(self.db, change)

    def _append_audit(self) -> None:
        if not self._pending:
            return
        self.db.backend.lock_audit_chain(self.session)
        last = self.session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        for item in self._pending:
            seq += 1
            digest = entry_hash(
                seq=seq, at=self.now, actor_id=self.actor_id, actor_name=self.actor.username,
                action=item.action, entity=item.entity, entity_id=item.entity_id,
                client_id=item.client_id, before=item.before, after=item.after,
                prev_hash=prev,
            )
            self.session.add(AuditEntry(
                seq=seq, at=self.now, actor_id=self.actor_id, actor_name=self.actor.username,
                action=item.action, entity=item.entity, entity_id=item.entity_id,
                client_id=item.client_id, before=item.before, after=item.after,
                prev_hash=prev, hash=digest,
            ))
            prev = digest
        self.session.flush()

    def _change(self) -> Change | None:
        told = self._pending + self._unaudited
        if not told:
            return None
        return Change(
            entities=frozenset(p.entity for p in told),
            client_ids=frozenset(p.client_id for p in told if p.client_id),
            actions=frozenset(p.action for p in told),
        )


# -- reads -----------------------------------------------------------------------


def retrying_reads(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a service call; if the server went away before it wrote anything, once more.

    The failed connection is already thrown away (SQLAlchemy invalidates the
    pool on a disconnect and ``pool_pre_ping`` checks the next one), so the
    second run gets a fresh connection. A write that lost its connection is
    never run again here: it raises "not saved" for the agent to retry.

    Raises:
        ConnectionLost: the retry failed too, or a write lost its connection.
    """
    return with_read_retry(fn)(*args, **kwargs)


def with_read_retry(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` run by :func:`retrying_reads`, keeping its name (screens' call counters)."""

    @functools.wraps(fn)
    def retried(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(*args, **kwargs)
        except ConnectionLost as lost:
            if not lost.nothing_written:
                raise
            log.info("Read lost its connection; retrying once on a fresh one")
        return fn(*args, **kwargs)

    return retried


@contextmanager
def read_as(db: Database, actor: Actor, *roles: Role) -> Iterator[tuple[Session, bool]]:
    """A read-only session after the same role check as ``UnitOfWork.require`` (R18).

    Reads never take SQLite's writer lock. Yields the session and whether the
    actor is a supervisor.

    Raises:
        PermissionDenied: inactive, unknown, or the wrong role.
    """
    with db.read_session() as session:
        yield session, check_reader(session, actor, roles)


def check_reader(session: Session, actor: Actor, roles: tuple[Role, ...]) -> bool:
    """Check the actor like ``UnitOfWork.require``; return whether a supervisor."""
    if actor.user_id == 0 and actor.username == "system":
        return True
    user = session.connection().execute(_READER, {"uid": actor.user_id}).first()
    if user is None or not user.active:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("messages", "Your account is not active; sign in again."))
    if roles and Role(user.role) not in roles:
        raise PermissionDenied(QT_TRANSLATE_NOOP("messages", "Only a supervisor may do this."),
                               role=user.role)
    return Role(user.role) is Role.SUPERVISOR


_READER = select(User.__table__.c.role, User.__table__.c.active).where(
    User.__table__.c.id == bindparam("uid"))
"""The reader's role and whether active: every read checks it, so built once."""
