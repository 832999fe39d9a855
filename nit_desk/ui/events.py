"""The application-wide bridge that tells screens what changed (Anki's "op executed").

Services tell :func:`nit_desk.services.uow.add_change_listener` listeners about
every commit, on the worker thread that made it. :func:`nit_desk.app.bindings.
attach_database` connects such a listener to :meth:`AppEvents.post_change`, which
re-emits ``data_changed`` on the GUI thread. Each screen connects to
``data_changed`` and decides whether the change concerns it, for example::

    events.data_changed.connect(self._on_events_data_changed)

    def _on_events_data_changed(self, change: Change) -> None:
        if change.concerns("request", client_id=self.client_id):
            self._reload()

:meth:`Change.concerns <nit_desk.services.change.Change.concerns>` holds the rule:
``entities == {"*"}`` means "another workstation committed something": reload all.
This module imports no storage, so views may import it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from nit_desk.services.change import Change

CONNECTED = "connected"
DISCONNECTED = "disconnected"


class AppEvents(QObject):
    """Signals every screen may listen to; all are emitted on the GUI thread."""

    data_changed = Signal(object)
    """A :class:`~nit_desk.services.change.Change` was committed (here or elsewhere)."""
    status_message = Signal(str)
    """A short, already translated message for the status bar."""
    connection_state_changed = Signal(str)
    """:data:`CONNECTED` or :data:`DISCONNECTED` (the database stopped answering)."""

    _change_posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._change_posted.connect(self.data_changed, Qt.ConnectionType.QueuedConnection)

    def post_change(self, change: Change) -> None:
        """Announce ``change`` from any thread; ``data_changed`` follows on the GUI thread."""
        self._change_posted.emit(change)
