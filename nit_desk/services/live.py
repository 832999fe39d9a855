"""Other workstations' commits, live: PostgreSQL ``LISTEN`` on a dedicated connection.

Every unit of work that commits on PostgreSQL sends ``pg_notify`` inside its
own transaction (:meth:`~nit_desk.services.storage.backend.PostgresBackend.
announce_change`), so a notification exists only for a committed change.
:class:`ChangeListener` keeps one autocommit psycopg connection that listens
on that channel, on its own thread, and hands each notification to a callback
as the same :class:`~nit_desk.services.change.Change` a local commit produces.

When the connection drops (server restart, unplugged cable) the listener
reports :data:`RECONNECTING`, retries with exponential back-off and, once
back, announces :data:`FULL_RELOAD`: whatever was committed while it was away
left no notification, so every screen reloads.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import URL

from nit_desk.services.change import EVERYTHING, Change
from nit_desk.services.storage.backend import CHANGE_CHANNEL

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

CONNECTED = "connected"
RECONNECTING = "reconnecting"
STOPPED = "stopped"

FULL_RELOAD = EVERYTHING
"""Announced after a reconnection: screens reload everything."""

BACKOFF_START = 0.5
BACKOFF_CAP = 10.0
CLIENT_IDS_LIMIT = 200
"""The announcing side lists at most this many client ids; a full list may be cut."""

KEEPALIVE: dict[str, Any] = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
             "keepalives_count": 3}
"""TCP keepalives, so an unplugged cable is noticed in about 25 s, not hours."""

ChangeCallback = Callable[[Change], None]
StateCallback = Callable[[str], None]


def connect_kwargs(url: URL, *, connect_timeout: int = 5) -> dict[str, Any]:
    """psycopg keyword arguments for a SQLAlchemy PostgreSQL URL (password included)."""
    kwargs: dict[str, Any] = {
        "host": url.host, "port": url.port, "user": url.username, "password": url.password,
        "dbname": url.database, "connect_timeout": connect_timeout,
    }
    kwargs.update({str(k): v for k, v in url.query.items() if isinstance(v, str)})
    return {k: v for k, v in kwargs.items() if v is not None}


def parse_payload(payload: str) -> Change:
    """The :class:`Change` a notification describes; anything unreadable means "reload all".

    The payload is ``{"e": [entities], "c": [client ids], "a": [actions]}``.
    A client id list at the announcing side's limit may have been cut, so it
    also asks for a full reload rather than miss a client.
    """
    try:
        data = json.loads(payload)
        entities = frozenset(str(e) for e in data.get("e", []))
        client_ids = frozenset(int(c) for c in data.get("c", []))
        actions = frozenset(str(a) for a in data.get("a", []))
    except (ValueError, TypeError, AttributeError):
        log.warning("Unreadable change notification; reloading everything")
        return FULL_RELOAD
    if not entities or len(client_ids) >= CLIENT_IDS_LIMIT:
        entities = entities | {"*"}
    return Change(entities=entities, client_ids=client_ids, actions=actions)


def payload_origin(payload: str) -> str | None:
    """The announcing database object's origin token (``"o"``), if the payload has one."""
    try:
        origin = json.loads(payload).get("o")
    except (ValueError, AttributeError):
        return None
    return origin if isinstance(origin, str) else None


class ChangeListener:
    """Listens for committed changes of other connections and calls back on its own thread.

    Args:
        url: the PostgreSQL URL, with the password set (``db.url``).
        on_change: called with each :class:`Change` (on the listener's thread).
        on_state: called with :data:`CONNECTED` / :data:`RECONNECTING` when it changes.
        ignore_origin: skip notifications of this origin (this workstation's own
            commits, already announced locally by :mod:`nit_desk.services.uow`).
        poll_timeout: how long one wait for notifications lasts (the stop latency).
    """

    def __init__(self, url: URL, on_change: ChangeCallback, *,
                 on_state: StateCallback | None = None, ignore_origin: str | None = None,
                 poll_timeout: float = 0.5, backoff_start: float = BACKOFF_START,
                 backoff_cap: float = BACKOFF_CAP) -> None:
        self._kwargs = connect_kwargs(url)
        self._on_change = on_change
        self._on_state = on_state
        self._ignore_origin = ignore_origin
        self._poll_timeout = poll_timeout
        self._backoff = (backoff_start, backoff_cap)
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn: psycopg.Connection[Any] | None = None
        self._state = STOPPED
        self.reconnects = 0
        """How many times a working connection was lost."""

    @property
    def state(self) -> str:
        """:data:`CONNECTED`, :data:`RECONNECTING` or :data:`STOPPED`."""
        return self._state

    def start(self) -> None:
        """Start the listening thread (returns at once)."""
        if self._thread is not None:
            raise RuntimeError("The change listener is already started")
        self._thread = threading.Thread(target=self._run, name="nit-desk-listen", daemon=True)
        self._thread.start()

    def wait_listening(self, timeout: float) -> bool:
        """Block until ``LISTEN`` is in effect (tests, start-up); False on timeout."""
        return self._listening.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and close the connection; waits up to ``timeout`` seconds."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._state = STOPPED

    def backend_pid(self) -> int | None:
        """The server process id of the listening connection (tests terminate it)."""
        conn = self._conn
        return None if conn is None or conn.closed else int(conn.info.backend_pid)

    # -- the thread ---------------------------------------------------------

    def _run(self) -> None:
        import psycopg  # here, not at start-up: a desk on SQLite never loads the driver

        delay, missed = self._backoff[0], False
        while not self._stop.is_set():
            try:
                self._listen(announce_reload=missed)
                return  # stopped on request
            except (psycopg.Error, OSError) as exc:
                if self._listening.is_set():  # a working connection dropped: start afresh
                    self._listening.clear()
                    self.reconnects += 1
                    delay = self._backoff[0]
                missed = True
                self._set_state(RECONNECTING)
                log.warning("Change listener lost the server (%s); retrying in %.1f s",
                            type(exc).__name__, delay)
            finally:
                self._close()
            if self._stop.wait(delay):
                return
            delay = min(delay * 2, self._backoff[1])

    def _listen(self, *, announce_reload: bool) -> None:
        """Connect, LISTEN, then hand over notifications until stopped or dropped."""
        import psycopg

        self._conn = psycopg.connect(autocommit=True, **{**KEEPALIVE, **self._kwargs})
        self._conn.execute(f"LISTEN {CHANGE_CHANNEL}")
        self._listening.set()
        self._set_state(CONNECTED)
        if announce_reload:
            self._deliver(FULL_RELOAD)
        while not self._stop.is_set():
            for notify in self._conn.notifies(timeout=self._poll_timeout):
                self._handle(notify.payload)
                if self._stop.is_set():
                    break

    def _handle(self, payload: str) -> None:
        if self._ignore_origin is not None and payload_origin(payload) == self._ignore_origin:
            return
        self._deliver(parse_payload(payload))

    def _deliver(self, change: Change) -> None:
        try:
            self._on_change(change)
        except Exception:  # a screen's bug must not stop the live queue
            log.exception("Change callback failed")

    def _set_state(self, state: str) -> None:
        if state == self._state:
            return
        self._state = state
        if self._on_state is not None:
            try:
                self._on_state(state)
            except Exception:
                log.exception("Connection state callback failed")

    def _close(self) -> None:
        import psycopg

        conn, self._conn = self._conn, None
        if conn is not None and not conn.closed:
            try:
                conn.close()
            except psycopg.Error:
                log.debug("Closing a broken listening connection failed")
