"""Noticing commits made by other processes, and whether the database still answers."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from nit_desk.services.storage.engine import Database

log = logging.getLogger(__name__)


FORGET_ORIGINS_AFTER = timedelta(days=7)
"""Counters of desks silent this long are dropped when a desk starts watching."""


class ChangeWatcher:
    """Holds one dedicated connection and reads the backend's change counter.

    On SQLite the counter is ``PRAGMA data_version``, which only means something
    on the same connection from call to call: it changes when any *other*
    connection (another process, or this process's writers) has committed.
    :meth:`foreign_commit` then reads the per-desk counts of announced commits
    (``change_origins``, written in each committing transaction) to tell another
    desk's change from this desk's own. PostgreSQL has no such counter here
    (:attr:`supported` is False): the call then only checks that the server answers.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._connection = db.engine.connect()
        self._session: Session | None = Session(bind=self._connection)
        self._version: int | None = None
        self._counts: dict[str, int] = {}
        if self.supported:
            self._forget_old_origins()

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

    def foreign_commit(self) -> bool | None:
        """Whether anything but this desk committed since the last call (None: no counter).

        The first call only takes the baseline (False). When ``data_version`` moved,
        the change is this desk's own exactly when only its own origin's count moved;
        another origin's count moving, or none at all (a program that does not
        announce, such as a second tool on the file), is a foreign commit.

        Raises:
            sqlalchemy.exc.SQLAlchemyError: the database does not answer.
        """
        version = self.data_version()
        if version is None:
            return None
        if version == self._version:
            return False
        first, self._version = self._version is None, version
        counts = self._read_counts()
        own = self._db.backend.origin
        others_moved = _without(counts, own) != _without(self._counts, own)
        own_moved = counts.get(own) != self._counts.get(own)
        self._counts = counts
        return not first and (others_moved or not own_moved)

    def _read_counts(self) -> dict[str, int]:
        assert self._session is not None
        try:
            return self._db.backend.change_counts(self._session)
        finally:
            self._session.rollback()

    def _forget_old_origins(self) -> None:
        with self._db.write_session() as session:
            self._db.backend.forget_change_origins(
                session, datetime.now(UTC) - FORGET_ORIGINS_AFTER)
            session.commit()

    def close(self) -> None:
        """Give the dedicated connection back."""
        if self._session is not None:
            self._session.close()
            self._connection.close()
        self._session = None


def _without(counts: dict[str, int], origin: str) -> dict[str, int]:
    return {key: value for key, value in counts.items() if key != origin}
