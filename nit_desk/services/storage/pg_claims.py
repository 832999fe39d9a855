"""PostgreSQL's hot path: "next request" as one prepared, announced statement.

Pressing "next request" is what a busy call centre does most. As a unit of
work it costs a BEGIN, the claim, a NOTIFY and a COMMIT (four round trips),
and a committing NOTIFY holds the server's notification lock through its WAL
flush, so desks queue behind each other's disk writes. Here the claim and its
notification are one autocommit statement whose commit does not wait for the
flush (``synchronous_commit`` off for that transaction only): a claim is a
lease, and the worst a server crash can do to the last fraction of a second
of claims is return them to the queue, as a workstation that vanished does.
Audited changes stay durable.

The statement is built with SQLAlchemy (the same claim SQLite runs), compiled
once, prepared once on each connection (one generic plan) and run on the
DBAPI connection directly: SQLAlchemy's per-execution bookkeeping cost more
than the server's work.
"""

from __future__ import annotations

import threading
import time
from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, Text, Update, create_engine, event, func, literal, select
from sqlalchemy import true as sql_true
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

PING_AFTER_IDLE_S = 2.0
"""A claims connection unused this long is pinged before the press that uses it."""
APPLICATION_NAME = "nit-desk claims"

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    """A claim compiled once: its SQL, fixed parameters, and how to read a row."""

    sql: str
    fixed: dict[str, Any]
    binds: dict[str, Processor]
    row: Any  # a namedtuple class named after the selected columns
    results: tuple[tuple[int, Callable[[Any], Any]], ...]  # the columns read through a type


@dataclass
class _Lane:
    """One thread's claims connection, kept checked out between presses."""

    raw: Any  # the pool's proxied DBAPI connection
    used: float  # time.monotonic() of its last press


class OneStatementClaims:
    """Announced claims in one round trip, each thread on a connection of its own.

    A thread keeps its claims connection between presses (checking it out of a
    pool and back in cost as much as the statement); one unused for
    :data:`PING_AFTER_IDLE_S` is pinged first, so the press after a server
    restart just works. The connections show in ``pg_stat_activity`` as
    ``nit-desk claims``.
    """

    def __init__(self, engine: Engine, channel: str, origin: str) -> None:
        self._url = engine.url
        self._engine: Engine | None = None
        self._channel, self._origin = channel, origin
        self._compiled: dict[int, _Compiled] = {}
        self._local = threading.local()
        self._lanes: list[_Lane] = []
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The claims engine, made at first use (opening a database for anything else,
        a connection test say, does not pay for it)."""
        with self._lock:
            if self._engine is None:
                self._engine = _claims_engine(self._url)
            return self._engine

    def run(self, take: Update, params: Mapping[str, Any], entity: str) -> Any | None:
        """Claim with ``take`` and announce ``entity``; the claimed row, or None."""
        compiled = self._compiled.get(id(take))
        if compiled is None:
            compiled = self._compiled[id(take)] = self._compile(take, params, entity)
        values = dict(compiled.fixed)
        for name, value in params.items():
            process = compiled.binds[name]
            values[name] = process(value) if process is not None else value
        lane = self._lane()
        try:
            with lane.raw.dbapi_connection.cursor() as cursor:
                cursor.execute(compiled.sql, values)
                row = cursor.fetchone()
        except self.engine.dialect.loaded_dbapi.Error as exc:
            broken = self.engine.dialect.is_disconnect(exc, lane.raw.dbapi_connection, None)
            if broken:
                self._drop(lane, exc)
            raise DBAPIError.instance(compiled.sql, None, exc,
                                      self.engine.dialect.loaded_dbapi.Error,
                                      connection_invalidated=broken) from exc
        lane.used = time.monotonic()
        if row is None:
            return None
        cells = list(row)
        for i, process in compiled.results:
            cells[i] = process(cells[i])
        return compiled.row._make(cells)

    def dispose(self) -> None:
        """Close every thread's connection and the pool's."""
        with self._lock:
            lanes, self._lanes = self._lanes, []
            engine = self._engine
        for lane in lanes:
            lane.raw.close()
        self._local = threading.local()
        if engine is not None:
            engine.dispose()

    def _lane(self) -> _Lane:
        """This thread's connection: kept, pinged after idling, replaced when dead."""
        lane: _Lane | None = getattr(self._local, "lane", None)
        if lane is not None and time.monotonic() - lane.used >= PING_AFTER_IDLE_S:
            try:
                alive = self.engine.dialect.do_ping(lane.raw.dbapi_connection)
            except self.engine.dialect.loaded_dbapi.Error as exc:
                self._drop(lane, exc)
                lane = None
            else:
                if not alive:
                    self._drop(lane, None)
                    lane = None
        if lane is None:
            lane = _Lane(self.engine.raw_connection(), time.monotonic())
            self._local.lane = lane
            with self._lock:
                self._lanes.append(lane)
        return lane

    def _drop(self, lane: _Lane, exc: BaseException | None) -> None:
        """Forget a dead connection; the next press opens another."""
        lane.raw.invalidate(exc)
        lane.raw.close()
        self._local.lane = None
        with self._lock:
            if lane in self._lanes:
                self._lanes.remove(lane)

    def _compile(self, take: Update, params: Mapping[str, Any], entity: str) -> _Compiled:
        stmt = self._announced(take, entity)
        dialect = self.engine.dialect
        state = stmt.compile(dialect=dialect).construct_expanded_state(dict(params))
        processors = dict(state.processors)
        fixed = {name: (processors[name](value) if processors.get(name) else value)
                 for name, value in state.parameters.items() if name not in params}
        columns = list(stmt.selected_columns)
        return _Compiled(
            sql=state.statement, fixed=fixed,
            binds={name: processors.get(name) for name in params},
            row=namedtuple("ClaimedRow", [c.key for c in columns]),  # type: ignore[misc]
            results=tuple((i, process) for i, process in enumerate(
                c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns)
                if process is not None))

    def _announced(self, take: Update, entity: str) -> Select[Any]:
        """``take`` (which returns ``client_id``) as a CTE, selected with its NOTIFY."""
        claimed = take.cte("claimed")
        quick = select(func.set_config("synchronous_commit", "off", True).label("off")
                       ).cte("quick")
        payload = func.json_build_object(
            "e", func.json_build_array(literal(entity)),
            "c", func.json_build_array(claimed.c.client_id),
            "o", literal(self._origin)).cast(Text)
        told = func.pg_notify(literal(self._channel), payload).label("told")
        return select(claimed, told).select_from(claimed.join(quick, sql_true()))


def _claims_engine(url: URL) -> Engine:
    """An autocommit pool whose connections plan the claim once and say who they are."""
    engine = create_engine(
        url, isolation_level="AUTOCOMMIT", pool_size=2, max_overflow=8,
        pool_reset_on_return=None,
        connect_args={"prepare_threshold": 0, "application_name": APPLICATION_NAME})

    @event.listens_for(engine, "connect")
    def _plan_once(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Prepared at first use and planned once, not at every press; the claim's
        # SQL is written so that the one plan uses the right indexes.
        dbapi_connection.execute("SET plan_cache_mode = force_generic_plan")

    return engine

