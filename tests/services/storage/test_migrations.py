"""Migrations and models agree; newer schemas are refused; upgrades back up first.

Also checks that the two hot read paths use their indexes: contact prefix
search (a byte-wise range on ``client_contacts.value``) and the queue's
per-status deadline order (``ix_requests_status_deadline_id``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, text

from nit_desk.domain.types import Network
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.clients import clients
from nit_desk.services.queue import queue
from nit_desk.services.storage import backup_files, migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.models import Base
from tests.conftest import PASSWORD

FUTURE = "9999_from_a_newer_program"


def _differences(db: Database) -> list[Any]:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_models_and_migrations_describe_the_same_schema(db: Database) -> None:
    """A database migrated to head has exactly the tables, columns and indexes of the models."""
    assert migrate.schema_state(db).up_to_date
    assert _differences(db) == []


def test_fresh_file_upgraded_to_head_matches_models(tmp_path: Path) -> None:
    """The path the program takes on first start: empty file -> upgrade -> no drift."""
    db = open_database(tmp_path / "fresh.db")
    try:
        state = migrate.upgrade(db)
        assert state.up_to_date and state.current == state.head
        assert _differences(db) == []
    finally:
        db.dispose()


def _stamp(db: Database, revision: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


def test_newer_schema_is_refused_by_ensure_compatible(db: Database) -> None:
    """A schema stamped by a newer program is refused with a message saying so."""
    _stamp(db, FUTURE)
    try:
        with pytest.raises(migrate.SchemaError) as caught:
            migrate.ensure_compatible(db)
        assert FUTURE in caught.value.message
        assert "newer NIT Desk" in caught.value.message
        assert caught.value.field == "db"
    finally:
        _stamp(db, migrate.schema_state(db).head)


def test_newer_schema_is_refused_by_upgrade_and_left_untouched(sqlite_db: Database) -> None:
    """upgrade() never "downgrades" or rewrites a newer schema: it refuses, nothing changes."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    _stamp(sqlite_db, FUTURE)
    with pytest.raises(migrate.SchemaError, match="newer NIT Desk"):
        migrate.upgrade(sqlite_db)
    assert migrate.schema_state(sqlite_db).current == FUTURE
    assert users.has_users(sqlite_db)
    folder = Path(str(sqlite_db.url.database)).parent
    assert not list(folder.glob("backups/*.db")), "no backup is taken for a refused upgrade"


def test_older_schema_is_refused_until_upgraded(tmp_path: Path) -> None:
    """An empty (never migrated) database is 'older': the program asks for db upgrade."""
    db = open_database(tmp_path / "empty.db")
    try:
        with pytest.raises(migrate.SchemaError, match="nit-desk db upgrade"):
            migrate.ensure_compatible(db)
    finally:
        db.dispose()


def test_upgrade_of_an_empty_database_makes_no_backup(tmp_path: Path) -> None:
    """Nothing to lose in a new file, so no backup appears next to it."""
    db = open_database(tmp_path / "new.db")
    try:
        migrate.upgrade(db)
    finally:
        db.dispose()
    assert not (tmp_path / "backups").exists()


def test_online_copy_of_a_live_database(sqlite_db: Database, tmp_path: Path) -> None:
    """The online backup is a complete, openable copy, taken while a session is open."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    live = Path(str(sqlite_db.url.database))
    with sqlite_db.read_session() as s:  # a reader holds a snapshot meanwhile
        s.execute(text("SELECT count(*) FROM users")).scalar_one()
        target = backup_files.take_rotating_backup(live, "before-0001", keep=3)
    assert target.parent == live.parent / "backups"
    assert target.name.startswith("nit-") and target.name.endswith("-before-0001.db")
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT username FROM users").fetchall() == [("boss",)]
    finally:
        copy.close()


def test_upgrade_backs_up_an_older_file_before_migrating(
        sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """With one revision there is no real older schema, so the state is simulated:
    the backup must exist, with the data, at the moment Alembic starts."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    real_state = migrate.schema_state(sqlite_db)
    older = migrate.SchemaState(current="0000_old", head=real_state.head, known=True)
    states = iter([older, real_state])
    monkeypatch.setattr(migrate, "schema_state", lambda _db: next(states))
    folder = Path(str(sqlite_db.url.database)).parent
    seen: list[list[Path]] = []
    import alembic.command

    monkeypatch.setattr(alembic.command, "upgrade",
                        lambda _cfg, _rev: seen.append(list(folder.glob("backups/*.db"))))
    migrate.upgrade(sqlite_db)
    assert len(seen) == 1 and len(seen[0]) == 1, "one backup, taken before Alembic ran"
    backup = seen[0][0]
    assert backup.name.endswith("-before-0000_old.db")
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT count(*) FROM users").fetchone() == (1,)
    finally:
        copy.close()


# -- indexes used by the hot read paths -----------------------------------------------


def _plan(db: Database, sql: str, params: dict[str, Any] | tuple[Any, ...]) -> str:
    """The query plan as one lowercase string, on either backend."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()
            return "\n".join(str(r[-1]) for r in rows).lower()
        conn.execute(text("SET enable_seqscan = off"))  # tiny tables: force the question
        rows = conn.exec_driver_sql("EXPLAIN " + sql, params).all()
        conn.rollback()
        return "\n".join(str(r[0]) for r in rows).lower()


def test_contact_prefix_search_uses_the_value_index(db: Database) -> None:
    """``value >= p AND value < p + U+FFFF`` is an index range scan, not a table scan."""
    mark = "?" if db.is_sqlite else "%s"
    sql = (f"SELECT client_id FROM client_contacts WHERE value >= {mark} AND value < {mark}")
    plan = _plan(db, sql, ("@pc_sl", "@pc_sl\uffff"))
    assert "ix_client_contacts_value" in plan, plan
    assert "scan client_contacts" not in plan and "seq scan" not in plan, plan


@contextmanager
def _captured_selects(db: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any,
               _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _some_requests(db: Database, agent: Actor) -> None:
    deadline = datetime.now(UTC) + timedelta(days=1)
    for i in range(3):
        clients.intake(db, agent, clients.IntakeForm(
            handle=f"queue_case_{i}", phone=f"+7 912 700-00-0{i}",
            email=f"queue{i}@example.ru",
            messengers=[(Network.TELEGRAM, f"@queue_case_{i}")],
            channel=Network.TELEGRAM, system_info="", description="Проверка",
            deadline=deadline + timedelta(hours=i)))


def test_queue_pages_read_the_status_deadline_index(sqlite_db: Database) -> None:
    """Every query the real queue page runs on ``requests`` walks
    ix_requests_status_deadline_id in order: no table scan, no sort of the whole table (R7)."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    agent = users.authenticate(sqlite_db, "boss", PASSWORD).actor
    _some_requests(sqlite_db, agent)
    with _captured_selects(sqlite_db) as seen:
        page = queue.queue_page(sqlite_db, agent, limit=2)
    assert len(page.rows) == 2 and page.next_key is not None
    ordered = [(sql, p) for sql, p in seen if "FROM requests" in sql and "ORDER BY" in sql]
    assert ordered, "the queue page ran no ordered query on requests"
    plans = [_plan(sqlite_db, sql, p) for sql, p in ordered]
    key_plan = next(p for p in plans if "ix_requests_status_deadline_id" in p)
    reads = [line for line in key_plan.split("\n") if " requests" in line]
    ranges = [r for r in reads if "ix_requests_status_deadline_id" in r]
    assert len(ranges) == 3, key_plan  # one index range per open status, merged afterwards
    # and the page's own rows fetched by primary key, nothing else (no scan of requests)
    assert all(r in ranges or "primary key (rowid=?)" in r for r in reads), reads


def test_status_deadline_order_needs_no_sort(db: Database) -> None:
    """The queue's per-status order by (deadline, id) comes straight from the index."""
    mark = "?" if db.is_sqlite else "%s"
    sql = (f"SELECT id, deadline FROM requests WHERE status = {mark} "
           "ORDER BY deadline, id LIMIT 101")
    plan = _plan(db, sql, ("new",))
    assert "ix_requests_status_deadline_id" in plan, plan
    assert "temp b-tree" not in plan and "sort" not in plan.replace("sort key", ""), plan


def test_head_revision_constant_matches_the_scripts() -> None:
    """The start-up fast path trusts HEAD_REVISION: it must be the scripts' head."""
    from alembic.script import ScriptDirectory

    from nit_desk.services.storage.migrate import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
