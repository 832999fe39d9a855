"""Binding the services of one database to the shell: change events and polling.

This is the only shell module (with :mod:`nit_desk.app.app`) that touches the
storage layer; views get what it builds, never the database itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from sqlalchemy.exc import SQLAlchemyError

from nit_desk.services.change import EVERYTHING
from nit_desk.services.changes import ChangeWatcher
from nit_desk.services.storage.engine import Database
from nit_desk.services.uow import add_change_listener
from nit_desk.ui.events import CONNECTED, DISCONNECTED, AppEvents
from nit_desk.ui.runner import ServiceRunner, run_async

log = logging.getLogger(__name__)


def attach_database(events: AppEvents, db: Database) -> Callable[[], None]:
    """Re-emit every commit made through ``db`` as ``events.data_changed``.

    Returns:
        A function that detaches this listener only: other screens attached to the same
        database keep hearing its commits.
    """
    return add_change_listener(db, events.post_change)


class DataVersionPoller(QObject):
    """Polls SQLite's ``data_version`` and announces other processes' commits.

    Every ``interval_ms`` the watcher's counter is read on the runner's worker
    (never the GUI thread). When it moved, ``events.data_changed`` carries
    :data:`EVERYTHING`. On PostgreSQL there is no counter: the poll only checks
    that the server answers. A failing read turns the connection state to
    :data:`~nit_desk.ui.events.DISCONNECTED` until a read succeeds again.
    This desk's own commits move the counter too; the watcher tells them apart
    (:meth:`ChangeWatcher.foreign_commit`), so a save does not make every screen
    reload a second time: the save's own ``Change`` already told them.
    """

    def __init__(self, runner: ServiceRunner, watcher: ChangeWatcher, events: AppEvents,
                 interval_ms: int = 1500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._watcher = watcher
        self._events = events
        self.polls = 0
        """How many polls have answered (tests wait on it)."""
        self._state = CONNECTED
        self._polling = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        """Read the counter now and then every interval."""
        self._on_timer_timeout()
        self._timer.start()

    def stop(self) -> None:
        """Stop polling (the watcher stays open; close it separately)."""
        self._timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._polling:
            self._polling = True
            run_async(self.poll(), owner=None)

    async def poll(self) -> None:
        """Read the counter once; announce a foreign commit if it moved."""
        try:
            foreign = await self._runner.call_quietly(self._watcher.foreign_commit)
        except (SQLAlchemyError, OSError) as exc:
            log.warning("Database did not answer the change poll: %s", type(exc).__name__)
            self._set_state(DISCONNECTED)
            return
        finally:
            self._polling = False
        self._set_state(CONNECTED)
        self.polls += 1
        if foreign:
            self._events.data_changed.emit(EVERYTHING)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self._events.connection_state_changed.emit(state)
