"""What differs between SQLite and PostgreSQL, behind one small interface.

Everything else (models, services, tests) is the same code on both.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Update, bindparam, event, text
from sqlalchemy.orm import Session

from nit_desk.services.storage.pg_claims import OneStatementClaims
from nit_desk.services.storage.types import UTCDateTime

AUDIT_LOCK_KEY = 0x4E4954  # "NIT": serialises appends to the audit chain on PostgreSQL
CHANGE_CHANNEL = "nit_desk_changes"  # LISTEN/NOTIFY channel for live queues


class Backend:
    """Database-specific behaviour used by the storage and the services."""

    name = "generic"
    one_statement_claims = False
    """Whether :meth:`claim_announced` exists: a claim in one autocommit round trip."""

    def __init__(self) -> None:
        self.origin = secrets.token_hex(6)
        """Names this database object in what it announces, so it can skip its own changes."""

    def configure(self, engine: Engine) -> None:
        """Install connection hooks (pragmas, BEGIN mode) on a new engine."""

    @property
    def claims_engine(self) -> Engine | None:
        """The engine :meth:`claim_announced` runs on, where there is one."""
        return None

    def dispose(self) -> None:
        """Close whatever connections the backend holds of its own."""

    def lock_audit_chain(self, session: Session) -> None:
        """Hold a lock until commit so audit entries are chained one at a time."""

    def change_counter(self, session: Session) -> int | None:
        """A number that changes when another connection commits, if the backend has one."""
        return None

    def announce_change(self, session: Session, entities: frozenset[str],
                        client_ids: frozenset[int]) -> None:
        """Tell other workstations, inside the committing transaction, what changed."""

    def change_counts(self, session: Session) -> dict[str, int]:
        """Announced commits per origin, where the backend counts them (SQLite)."""
        return {}

    def forget_change_origins(self, session: Session, before: datetime) -> None:
        """Drop the counters of origins silent since ``before``, where there are any."""

    def claim_announced(self, take: Update, params: Mapping[str, Any],
                        entity: str) -> Any | None:
        """Run a claiming ``UPDATE ... RETURNING`` as its own transaction, announced.

        Only where :attr:`one_statement_claims` is set; the others claim inside a
        unit of work.
        """
        raise NotImplementedError(self.name)


class SqliteBackend(Backend):
    """SQLite: WAL, foreign keys, full sync, and BEGIN IMMEDIATE for writes.

    Writes already serialise on SQLite's single writer lock, which BEGIN
    IMMEDIATE takes at the start of the unit of work, so no extra audit lock is
    needed and two processes never fail half-way with "database is locked".
    """

    name = "sqlite"

    def configure(self, engine: Engine) -> None:
        """Set pragmas on every new connection and take over BEGIN from pysqlite."""

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA busy_timeout = 15000")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA synchronous = FULL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # type: ignore[no-untyped-def]
            immediate = conn.get_execution_options().get("nit_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    def change_counter(self, session: Session) -> int | None:
        """``PRAGMA data_version``: changes when another connection commits."""
        return int(session.execute(text("PRAGMA data_version")).scalar_one())

    def announce_change(self, session: Session, entities: frozenset[str],
                        client_ids: frozenset[int]) -> None:
        """Count this commit under this database object's origin, in the same transaction.

        The change poller of every desk reads these counters when ``data_version``
        moves: only another origin's count moving is another desk's change.
        """
        session.execute(text(
            "INSERT INTO change_origins (origin, changes, at) VALUES (:o, 1, :at) "
            "ON CONFLICT (origin) DO UPDATE SET changes = changes + 1, at = :at"
        ).bindparams(bindparam("at", type_=UTCDateTime())),
            {"o": self.origin, "at": datetime.now(UTC)})

    def change_counts(self, session: Session) -> dict[str, int]:
        """Announced commits per origin."""
        rows = session.execute(text("SELECT origin, changes FROM change_origins"))
        return {str(origin): int(changes) for origin, changes in rows}

    def forget_change_origins(self, session: Session, before: datetime) -> None:
        """Drop the counters of origins silent since ``before`` (desks long closed)."""
        session.execute(text("DELETE FROM change_origins WHERE at < :before").bindparams(
            bindparam("before", type_=UTCDateTime())), {"before": before})


class PostgresBackend(Backend):
    """PostgreSQL: a transaction-scoped advisory lock orders the audit chain."""

    name = "postgresql"

    one_statement_claims = True

    def __init__(self) -> None:
        super().__init__()
        self._claims: OneStatementClaims | None = None

    def configure(self, engine: Engine) -> None:
        """Prepare one-statement claims (their pool opens at the first claim)."""
        self._claims = OneStatementClaims(engine, CHANGE_CHANNEL, self.origin)

    @property
    def claims_engine(self) -> Engine | None:
        """The autocommit engine of one-statement claims."""
        return self._claims.engine if self._claims is not None else None

    def dispose(self) -> None:
        """Close the claims pool's connections."""
        if self._claims is not None:
            self._claims.dispose()

    def lock_audit_chain(self, session: Session) -> None:
        """Take the audit advisory lock; released at commit or rollback."""
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK_KEY})

    def announce_change(self, session: Session, entities: frozenset[str],
                        client_ids: frozenset[int]) -> None:
        """NOTIFY listeners; PostgreSQL delivers it only if the transaction commits."""
        payload = json.dumps({"e": sorted(entities), "c": sorted(client_ids)[:200],
                              "o": self.origin})
        session.execute(text("SELECT pg_notify(:ch, :p)"), {"ch": CHANGE_CHANNEL, "p": payload})

    def claim_announced(self, take: Update, params: Mapping[str, Any],
                        entity: str) -> Any | None:
        """Claim, NOTIFY and commit in one round trip (see :mod:`.pg_claims`)."""
        assert self._claims is not None, "configure() first"
        return self._claims.run(take, params, entity)


def backend_for(dialect_name: str) -> Backend:
    """Pick the backend for a SQLAlchemy dialect name."""
    if dialect_name == "sqlite":
        return SqliteBackend()
    if dialect_name == "postgresql":
        return PostgresBackend()
    return Backend()

