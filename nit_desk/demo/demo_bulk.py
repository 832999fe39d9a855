"""Bulk demo data: a million realistic clients in about a minute.

The services write one client at a time with every check; that is right for
the workstation and far too slow for volume. This module writes the rows of
:mod:`nit_desk.demo.demo_rows` straight through the DBAPI connection in
large batches (``executemany`` on SQLite, ``COPY`` on PostgreSQL), builds each
client's checklist in the database with one ``INSERT ... SELECT`` and rebuilds
the random-order indexes once at the end, all in one transaction. The caller
records one audit entry for the whole load (R17).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlalchemy.schema import CreateIndex

from nit_desk.demo.demo_rows import (
    BAN_COLUMNS,
    CLIENT_COLUMNS,
    CONTACT_COLUMNS,
    PAYMENT_COLUMNS,
    PROGRESS_COLUMNS,
    REQUEST_COLUMNS,
    BulkActors,
    BulkCounts,
    RowGenerator,
    Rows,
)
from nit_desk.domain.types import StepState
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Base

__all__ = ["BATCH", "BulkActors", "BulkCounts", "bulk_load"]

BATCH = 50_000
"""Clients generated and written per batch (bounded memory, few transactions)."""

Progress = Callable[[str], None]


def bulk_load(db: Database, *, clients: int, seed: int, actors: BulkActors, template_id: int,
              now: datetime, progress: Progress | None = None) -> BulkCounts:
    """Write ``clients`` generated clients with everything that hangs off them.

    Args:
        actors: the demo supervisor and agents the rows name.
        template_id: the checklist template version every generated client follows.
        now: the moment deadlines are spread around.
        progress: called with a short line after each batch.
    """
    writer = _SqliteWriter(db) if db.is_sqlite else _PostgresWriter(db)
    with writer.session():
        steps = writer.template_steps(template_id)
        gen = RowGenerator(seed=seed, actors=actors, template_id=template_id, steps=len(steps),
                         now=now, first_ids=(writer.next_id("clients"),
                                             writer.next_id("requests"), writer.next_id("bans")))
        writer.create_scratch(steps)
        writer.drop_indexes()
        remaining = clients
        while remaining > 0:
            size = min(BATCH, remaining)
            rows = gen.batch(size)
            writer.write(rows)
            remaining -= size
            _tally(gen.counts, rows)
            if progress:
                progress(f"  {gen.counts.clients:,} clients written")
        gen.counts.checklist_items = writer.fill_checklists()
        if progress:
            progress("  rebuilding indexes")
        writer.create_indexes()
        writer.finish()
    return gen.counts


def _tally(counts: BulkCounts, rows: Rows) -> None:
    counts.contacts += len(rows.contacts)
    counts.requests += len(rows.requests)
    counts.payments += len(rows.payments)
    counts.bans += len(rows.bans)


_FILL_CHECKLISTS = f"""
INSERT INTO checklist_items (client_id, position, code, title, required, state,
                             changed_by_id, changed_at)
SELECT p.client_id, s.position, s.code, s.title, s.required,
       CASE WHEN r.rank < p.done THEN '{StepState.DONE.value}'
            WHEN r.rank = p.done AND p.refused = 1 THEN '{StepState.REFUSED.value}'
            ELSE '{StepState.PENDING.value}' END,
       CASE WHEN r.rank < p.done OR (r.rank = p.done AND p.refused = 1) THEN p.agent_id END,
       CASE WHEN r.rank < p.done OR (r.rank = p.done AND p.refused = 1) THEN p.changed_at END
FROM demo_progress p CROSS JOIN demo_steps r
JOIN checklist_template_steps s ON s.id = r.step_id
ORDER BY p.client_id, r.rank
"""


def _loaded_indexes() -> list[Index]:
    """The indexes a bulk load drops and rebuilds: non-unique, in random key order.

    Rows arrive in client order, so indexes led by ``client_id`` or
    ``request_id`` grow at their end and cost little to keep; the others
    (contact values, queue orders) are cheaper to build once by sorting.
    """
    tables = ("clients", "client_contacts", "checklist_items", "requests", "payments", "bans")
    sequential = {"client_id", "request_id"}
    return [index for name in tables
            for index in sorted(Base.metadata.tables[name].indexes, key=lambda i: str(i.name))
            if not index.unique and next(iter(index.columns)).name not in sequential]


class _Writer:
    """Shared steps of the two bulk writers; subclasses talk to the driver."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.raw: Any = None
        self.cur: Any = None

    @contextmanager
    def session(self) -> Iterator[None]:
        """One raw connection for the whole load, settings restored at the end."""
        pooled = self.db.engine.raw_connection()
        try:
            self.raw = pooled.driver_connection
            self.cur = self.raw.cursor()
            self.prepare()
            try:
                yield
            except BaseException:
                self.abort()
                raise
            finally:
                self.restore()
        finally:
            pooled.close()

    def prepare(self) -> None:
        """Speed settings for the load and the opening transaction."""

    def restore(self) -> None:
        """Put back the settings changed by :meth:`prepare`."""

    def abort(self) -> None:
        """Roll the open transaction back."""
        self.raw.rollback()

    def template_steps(self, template_id: int) -> list[int]:
        """The ids of the template's steps, in checklist order."""
        self.cur.execute(
            self.sql("SELECT id FROM checklist_template_steps WHERE template_id = ? "
                     "ORDER BY position, id"), (template_id,))
        return [row[0] for row in self.cur.fetchall()]

    def next_id(self, table: str) -> int:
        """One more than the largest id in ``table``."""
        self.cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return int(self.cur.fetchone()[0])

    def create_scratch(self, steps: Sequence[int]) -> None:
        """Temporary tables: each client's progress, and the steps' order."""
        self.cur.execute("CREATE TEMPORARY TABLE demo_progress (client_id INTEGER PRIMARY KEY, "
                         "done INTEGER, refused INTEGER, agent_id INTEGER, changed_at TIMESTAMP)")
        self.cur.execute("CREATE TEMPORARY TABLE demo_steps (step_id INTEGER, rank INTEGER)")
        self.insert("demo_steps", ("step_id", "rank"), [(s, i) for i, s in enumerate(steps)])

    def drop_indexes(self) -> None:
        """Drop the secondary indexes of the loaded tables (rebuilt by a sort later).

        Inside the load's transaction: if the load fails they come back with
        the rollback. Unique constraints stay and keep checking every row.
        """
        for index in _loaded_indexes():
            self.cur.execute(f"DROP INDEX {index.name}")

    def create_indexes(self) -> None:
        """Create the dropped indexes again, exactly as the models define them."""
        dialect = self.db.engine.dialect
        for index in _loaded_indexes():
            self.cur.execute(str(CreateIndex(index).compile(dialect=dialect)))

    def write(self, rows: Rows) -> None:
        """Write one batch, parents before children."""
        self.insert("clients", CLIENT_COLUMNS, rows.clients)
        self.insert("client_contacts", CONTACT_COLUMNS, rows.contacts)
        self.insert("demo_progress", PROGRESS_COLUMNS, rows.progress)
        self.insert("requests", REQUEST_COLUMNS, rows.requests)
        self.insert("payments", PAYMENT_COLUMNS, rows.payments)
        self.insert("bans", BAN_COLUMNS, rows.bans)

    def fill_checklists(self) -> int:
        """Copy the template's steps to every new client, states from its progress."""
        self.cur.execute(_FILL_CHECKLISTS)
        return int(self.cur.rowcount)

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows at once."""
        raise NotImplementedError

    def finish(self) -> None:
        """Drop the scratch tables and commit."""
        raise NotImplementedError

    def sql(self, statement: str) -> str:
        """Adapt ``?`` placeholders to the driver."""
        return statement


class _SqliteWriter(_Writer):
    """SQLite: one IMMEDIATE transaction, ``executemany``, durability off while loading.

    ``synchronous`` and ``foreign_keys`` go back to the program's settings
    (FULL, ON) as soon as the load ends, failed or not.
    """

    def prepare(self) -> None:
        """Relax syncing for the load and take the write lock."""
        for pragma in ("synchronous = OFF", "foreign_keys = OFF", "cache_size = -262144",
                       "temp_store = MEMORY", "journal_mode = MEMORY"):
            self.cur.execute(f"PRAGMA {pragma}")
        self.cur.execute("BEGIN IMMEDIATE")

    def restore(self) -> None:
        """Back to the settings every connection of the program uses."""
        if self.raw.in_transaction:
            self.raw.rollback()
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                       "cache_size = -2000", "temp_store = DEFAULT"):
            self.cur.execute(f"PRAGMA {pragma}")

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """``executemany`` of one prepared INSERT."""
        if rows:
            marks = ", ".join("?" * len(columns))
            self.cur.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def finish(self) -> None:
        """Drop the scratch tables and commit."""
        self.cur.execute("DROP TABLE demo_progress")
        self.cur.execute("DROP TABLE demo_steps")
        self.cur.execute("COMMIT")


class _PostgresWriter(_Writer):
    """PostgreSQL: ``COPY`` into the tables, one transaction, sequences moved past the ids."""

    def prepare(self) -> None:
        """Commit asynchronously for the load (safe: a crash loses only this load)."""
        self.cur.execute("SET LOCAL synchronous_commit = off")

    def sql(self, statement: str) -> str:
        """psycopg uses ``%s`` placeholders."""
        return statement.replace("?", "%s")

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Stream the rows with ``COPY ... FROM STDIN``."""
        if rows:
            with self.cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def finish(self) -> None:
        """Move the id sequences past the explicit ids, drop scratch tables, commit."""
        for table in ("clients", "requests", "bans"):
            self.cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
        self.cur.execute("DROP TABLE demo_progress")
        self.cur.execute("DROP TABLE demo_steps")
        self.raw.commit()
