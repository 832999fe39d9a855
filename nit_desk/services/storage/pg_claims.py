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
pooled DBAPI connection directly: SQLAlchemy's per-execution bookkeeping cost
more than the server's work.
"""

from __future__ import annotations

import time
from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, Text, Update, create_engine, event, func, literal, select
from sqlalchemy import true as sql_true
from sqlalchemy.exc import DBAPIError, DisconnectionError

PING_AFTER_IDLE_S = 2.0
"""A claims-pool connection unused this long is pinged before it is handed out."""

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    """A claim compiled once: its SQL, fixed parameters, and how to read a row."""

    sql: str
    fixed: dict[str, Any]
    binds: dict[str, Processor]
    row: Any  # a namedtuple class named after the selected columns
    results: tuple[tuple[int, Callable[[Any], Any]], ...]  # the columns read through a type


class OneStatementClaims:
    """A small autocommit pool of its own that runs announced claims in one round trip."""

    def __init__(self, engine: Engine, channel: str, origin: str) -> None:
        self.engine = create_engine(engine.url, isolation_level="AUTOCOMMIT", pool_size=2,
                                    max_overflow=2, pool_reset_on_return=None,
                                    connect_args={"prepare_threshold": 0})
        self._channel, self._origin = channel, origin
        self._compiled: dict[int, _Compiled] = {}
        ping_when_idle(self.engine)

        @event.listens_for(self.engine, "connect")
        def _plan_once(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # Prepared at first use and planned once, not at every press; the claim's
            # SQL is written so that the one plan uses the right indexes.
            dbapi_connection.execute("SET plan_cache_mode = force_generic_plan")

    def run(self, take: Update, params: Mapping[str, Any], entity: str) -> Any | None:
        """Claim with ``take`` and announce ``entity``; the claimed row, or None."""
        compiled = self._compiled.get(id(take))
        if compiled is None:
            compiled = self._compiled[id(take)] = self._compile(take, params, entity)
        values = dict(compiled.fixed)
        for name, value in params.items():
            process = compiled.binds[name]
            values[name] = process(value) if process is not None else value
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            try:
                cursor.execute(compiled.sql, values)
                row = cursor.fetchone()
            finally:
                cursor.close()
        except self.engine.dialect.loaded_dbapi.Error as exc:
            broken = self.engine.dialect.is_disconnect(exc, raw.dbapi_connection, cursor=None)
            if broken:
                raw.invalidate(exc)
            raise DBAPIError.instance(compiled.sql, None, exc,
                                      self.engine.dialect.loaded_dbapi.Error,
                                      connection_invalidated=broken) from exc
        finally:
            raw.close()
        if row is None:
            return None
        cells = list(row)
        for i, process in compiled.results:
            cells[i] = process(cells[i])
        return compiled.row._make(cells)

    def dispose(self) -> None:
        """Close the pool's connections."""
        self.engine.dispose()

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


def ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use, unless it was in use a moment ago.

    ``pool_pre_ping`` (the main pool's) costs a round trip at every checkout,
    which doubles the cost of a one-statement claim. An agent presses "next
    request" minutes apart, so a desk's claim is still pinged every time; only
    presses within :data:`PING_AFTER_IDLE_S` of the last one skip it, and if
    the server went away in that instant the press reports an error once and
    the pool starts afresh.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record):  # type: ignore[no-untyped-def]
        record.info["nit_returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy):  # type: ignore[no-untyped-def]
        returned = record.info.get("nit_returned_at")
        if returned is None or time.monotonic() - returned < PING_AFTER_IDLE_S:
            return  # brand new, or in use a moment ago
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError(str(exc)) from exc
        if not alive:
            raise DisconnectionError("the server connection is gone")
