"""PostgreSQL-only test helpers: an emptied shared test database, other connections.

Modules that only make sense on a server (LISTEN/NOTIFY, SKIP LOCKED under
load, a lost connection) override the ``db`` fixture with :func:`emptied` so
the usual ``supervisor`` / ``agent`` fixtures run on PostgreSQL alone, and
skip with the conftest's reason when ``NIT_DESK_TEST_PG_URL`` is not set.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Base


def emptied(database: Database) -> Database:
    """``database`` with every table emptied and ids restarted."""
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return database


def terminate_backends(database: Database, *, pids: list[int] | None = None) -> int:
    """End server connections to ``database``'s own database (never anyone else's).

    Args:
        pids: only these backends; default every other connection to this database.

    Returns:
        How many backends were terminated.
    """
    query = ("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
             "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    params: dict[str, object] = {}
    if pids is not None:
        query += " AND pid = ANY(:pids)"
        params["pids"] = pids
    # A connection of its own: the pooled ones may be among those ended last time.
    engine = create_engine(database.url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(query), params).scalar_one())
    finally:
        engine.dispose()


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.02) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()
