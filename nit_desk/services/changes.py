"""Noticing commits made by other processes, and whether the database still answers."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.orm import Session

from nit_desk.services.storage.engine import Database

log = logging.getLogger(__name__)


class ChangeWatcher:
    """Holds one dedicated connection and reads the backend's change counter.

    On SQLite the counter is ``PRAGMA data_version``, which only means something
    on the same connection from call to call: it changes when any *other*
    connection (another process, or this process's writers) has committed.
    PostgreSQL has no such counter here (:attr:`supported` is False): the call
    then only checks that the server answers.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._connection = db.engine.connect()
        self._session: Session | None = Session(bind=self._connection)

    @property
    def supported(self) -> bool:
        """Whether this backend has a change counter to poll."""
        return self._db.is_sqlite

    def data_version(self) -> int | None:
        """The current change counter, or None when the backend has none.

        The read transaction is ended at once so a SQLite WAL can still be
        checkpointed; after a lost connection the next call connects again.

        Raises:
            sqlalchemy.exc.SQLAlchemyError: the database does not answer.
        """
        if self._session is None:
            raise RuntimeError("The change watcher is closed")
        try:
            if self.supported:
                return self._db.backend.change_counter(self._session)
            self._session.execute(text("SELECT 1"))
            return None
        finally:
            self._session.rollback()

    def close(self) -> None:
        """Give the dedicated connection back."""
        if self._session is not None:
            self._session.close()
            self._connection.close()
        self._session = None
