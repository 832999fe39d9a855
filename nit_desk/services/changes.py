"""Noticing commits made by other processes (other workstations on one SQLite file)."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from nit_desk.services.storage.engine import Database

log = logging.getLogger(__name__)


class ChangeWatcher:
    """Holds one dedicated read connection and reads the backend's change counter.

    On SQLite the counter is ``PRAGMA data_version``, which only means something
    on the same connection from call to call: it changes when any *other*
    connection (another process, or this process's writers) has committed.
    PostgreSQL has no such counter here: :attr:`supported` is False.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._connection = db.engine.connect() if db.is_sqlite else None
        self._session = Session(bind=self._connection) if self._connection else None

    @property
    def supported(self) -> bool:
        """Whether this backend has a change counter to poll."""
        return self._session is not None

    def data_version(self) -> int | None:
        """The current change counter, or None when the backend has none.

        The read transaction is ended at once so a SQLite WAL can still be checkpointed.
        """
        if self._session is None:
            return None
        try:
            return self._db.backend.change_counter(self._session)
        finally:
            self._session.rollback()

    def close(self) -> None:
        """Give the dedicated connection back."""
        if self._session is not None and self._connection is not None:
            self._session.close()
            self._connection.close()
        self._session = self._connection = None
