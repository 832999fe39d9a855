"""One signed-in desk: the database, the acting user, and how screens call services.

Screens call a service with the function itself, the way Anki's ``CollectionOp``
hands the collection to a lambda::

    result = await self._session.call(clients.intake, form)

:meth:`Session.call` runs ``clients.intake(db, actor, form)`` on the service
runner's worker thread (the GUI thread never waits on I/O) and returns its
result. There is no per-screen gateway restating the services' signatures: the
service function *is* the API, and the session only supplies the two arguments
every service takes first. Screens still never import storage: the database is
held here as an opaque value (import-linter forbids ``nit_desk.services.storage``
and the drivers above the services line).

A continuation whose owner widget has been deleted while its call ran is
dropped in one place, :meth:`nit_desk.ui.runner.ServiceRunner.call`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, TypeVar

from nit_desk.services.actor import Actor
from nit_desk.services.uow import with_read_retry
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.settings import DeskSettings

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Session:
    """The database and the signed-in user, bound to the runner and the events bridge.

    ``db`` is the storage's ``Database``; screens only pass it on (they never
    import its type). ``settings`` is ``None`` for screens made outside a main
    window (tests, the screenshot tool).
    """

    db: Any
    actor: Actor
    runner: ServiceRunner
    events: AppEvents
    settings: DeskSettings | None = field(default=None, compare=False)

    async def call(self, fn: Callable[Concatenate[Any, Actor, P], T], /,
                   *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn(db, actor, *args, **kwargs)`` off the GUI thread (shown as busy).

        A read that lost its server connection is run once more on a fresh one
        (:func:`nit_desk.services.uow.with_read_retry`); a write that lost it raises
        :class:`~nit_desk.domain.errors.ConnectionLost` ("not saved"), which goes to
        the screen's error sink beside the action like any refusal.
        """
        return await self.runner.call(with_read_retry(fn), self.db, self.actor, *args, **kwargs)

    async def call_quietly(self, fn: Callable[Concatenate[Any, Actor, P], T], /,
                           *args: P.args, **kwargs: P.kwargs) -> T:
        """Like :meth:`call`, not shown as busy (background polling, heartbeats)."""
        return await self.runner.call_quietly(with_read_retry(fn), self.db, self.actor, *args,
                                              **kwargs)
