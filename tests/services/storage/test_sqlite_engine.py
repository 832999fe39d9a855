"""The SQLite engine: safe pragmas, BEGIN IMMEDIATE writes, refused network shares.

Two desks must never see "database is locked" half-way through a change:
every write takes SQLite's write lock when its transaction starts, and
waits (busy_timeout) instead of failing.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event, select, text

from nit_desk.domain.errors import ValidationError
from nit_desk.services.actor import SYSTEM
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.storage import engine as engine_module
from nit_desk.services.storage.engine import Database, open_database, to_url
from nit_desk.services.storage.models import PriceItem
from nit_desk.services.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[3]


def test_every_connection_has_the_safe_pragmas(sqlite_db: Database) -> None:
    """WAL, foreign keys on, synchronous FULL (2) and a busy timeout, on each new connection."""
    for _ in range(2):  # a second pooled connection too
        with sqlite_db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000
        sqlite_db.engine.dispose()


def test_write_sessions_begin_immediate_and_reads_do_not(sqlite_db: Database) -> None:
    """A unit of work opens with BEGIN IMMEDIATE; a read session with a plain BEGIN."""
    seen: list[str] = []
    event.listen(sqlite_db.engine, "before_cursor_execute",
                 lambda *args: seen.append(args[2].strip().upper()))
    with UnitOfWork(sqlite_db, SYSTEM) as uow:
        uow.session.execute(text("SELECT 1"))
    with sqlite_db.read_session() as s:
        s.execute(text("SELECT 1"))
    begins = [s for s in seen if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]


def test_the_write_lock_is_held_from_the_start_of_a_unit_of_work(sqlite_db: Database) -> None:
    """While a unit of work is open (before it wrote anything) no other writer can start."""
    other = sqlite3.connect(str(sqlite_db.url.database), timeout=0.1, isolation_level=None)
    try:
        with UnitOfWork(sqlite_db, SYSTEM) as uow:
            uow.session.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the unit of work ended
        other.execute("ROLLBACK")
    finally:
        other.close()


_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from nit_desk.domain.types import Unit
    from nit_desk.services.actor import SYSTEM
    from nit_desk.services.storage.engine import open_database
    from nit_desk.services.storage.models import PriceItem
    from nit_desk.services.uow import UnitOfWork

    db = open_database(sys.argv[1])
    tag, count, go = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    print("ready", flush=True)
    while not go.exists():  # both start writing at the same moment
        time.sleep(0.005)
    started = time.time()
    for i in range(count):
        with UnitOfWork(db, SYSTEM) as uow:
            item = PriceItem(name=f"{tag}-{i}", unit=Unit.SERVICE.value,
                             unit_price_kopecks=100 + i, extra_fee=False, active=True)
            uow.session.add(item)
            uow.session.flush()
            uow.audit("price_item.created", "price_item", item.id, after={"name": item.name})
            uow.commit()
    print("done", started, time.time(), flush=True)
""")


@pytest.mark.slow
def test_two_processes_writing_at_once_never_see_database_is_locked(
        sqlite_db: Database, tmp_path: Path) -> None:
    """2 processes x 200 units of work on one file: every write lands, the audit chain holds."""
    path, go = str(sqlite_db.url.database), tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, path, tag, "200", str(go)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
             for tag in ("left", "right")]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    go.touch()
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.startswith("done")
    with sqlite_db.read_session() as s:
        names = list(s.execute(select(PriceItem.name).order_by(PriceItem.id)).scalars())
    assert sorted(names) == sorted(f"{tag}-{i}" for tag in ("left", "right") for i in range(200))
    left_start, left_end, right_start, right_end = (
        float(x) for out, _err in outputs for x in out.split()[1:3])
    assert left_start < right_end and right_start < left_end, "the writers overlapped in time"
    report = verify_audit_chain(sqlite_db)
    assert report.intact and report.count == 400


def test_a_file_on_a_network_share_is_refused(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite on SMB/NFS can lose data: the message points to PostgreSQL instead."""
    monkeypatch.setattr(engine_module, "_mount_fstype", lambda _path: "cifs")
    with pytest.raises(ValidationError) as caught:
        open_database(tmp_path / "shared.db")
    assert caught.value.field == "db"
    assert "PostgreSQL" in caught.value.message
    assert "network share" in caught.value.message
    assert not (tmp_path / "shared.db").exists(), "nothing is created on the share"


def test_a_local_file_system_is_accepted(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path on ext4 opens normally."""
    monkeypatch.setattr(engine_module, "_mount_fstype", lambda _path: "ext4")
    db = open_database(tmp_path / "local.db")
    try:
        assert db.is_sqlite
    finally:
        db.dispose()


@pytest.mark.parametrize("value", [
    "", "   ", "mysql://user@host/db", "http://example.ru/db",
    "postgresql://user@host:notaport/db",
])
def test_bad_db_values_are_validation_errors_on_the_db_field(value: str) -> None:
    """Each bad ``--db`` value is a ValidationError naming the field ``db``."""
    with pytest.raises(ValidationError) as caught:
        to_url(value)
    assert caught.value.field == "db"
    assert caught.value.message


def test_a_missing_folder_is_refused_with_its_name(tmp_path: Path) -> None:
    """A path whose folder does not exist is refused, naming the folder."""
    missing = tmp_path / "no" / "such"
    with pytest.raises(ValidationError) as caught:
        open_database(missing / "nit.db")
    assert caught.value.field == "db"
    assert str(missing) in caught.value.message


def test_plain_postgresql_urls_get_the_psycopg_driver() -> None:
    """``postgresql://`` means psycopg 3, the driver NIT Desk ships with."""
    assert to_url("postgresql://nit@db.example/nit").drivername == "postgresql+psycopg"
    assert to_url("relative/nit.db").database == str(Path("relative/nit.db").absolute())
