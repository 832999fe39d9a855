"""The live queue in the shell: PostgreSQL notifications become ``data_changed`` events.

:class:`~nit_desk.services.live.ChangeListener` runs on its own thread; this
bridge hands what it hears to :class:`~nit_desk.ui.events.AppEvents` on the
GUI thread: each change as ``data_changed`` (the same event a local write
gives), a lost connection as ``connection_state_changed(DISCONNECTED)`` (the
status bar says it is retrying) and the way back as ``CONNECTED``, after
which the listener's full-reload change makes every screen reload.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from nit_desk.services import live
from nit_desk.services.change import Change
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import CONNECTED, DISCONNECTED, AppEvents

log = logging.getLogger(__name__)


class LiveBridge(QObject):
    """Re-emits a listener's changes and connection states on the GUI thread.

    :meth:`on_change` and :meth:`on_state` may be called from any thread.
    """

    _state_posted = Signal(str)

    def __init__(self, events: AppEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events = events
        self._state_posted.connect(self._on_state_posted, Qt.ConnectionType.QueuedConnection)

    def on_change(self, change: Change) -> None:
        """A committed change elsewhere (or a full reload after reconnecting)."""
        self._events.post_change(change)

    def on_state(self, state: str) -> None:
        """The listener connected, or lost the server and is reconnecting."""
        self._state_posted.emit(state)

    @Slot(str)
    def _on_state_posted(self, state: str) -> None:
        shown = CONNECTED if state == live.CONNECTED else DISCONNECTED
        log.info("Live queue %s", state)
        self._events.connection_state_changed.emit(shown)


def start_live_queue(db: Database, events: AppEvents) -> Callable[[], None]:
    """Listen for other workstations' commits on a PostgreSQL ``db``; returns a stopper.

    SQLite has no notifications (its ``data_version`` is polled instead): the
    stopper then does nothing.
    """
    if db.is_sqlite:
        return lambda: None
    bridge = LiveBridge(events)
    listener = live.ChangeListener(db.url, bridge.on_change, on_state=bridge.on_state,
                                   ignore_origin=getattr(db.backend, "origin", None))
    listener.start()

    def stop() -> None:
        listener.stop()
        bridge.deleteLater()

    return stop

