"""Looking after the database file: integrity checks (backups: :mod:`.backups`).

These run from the command line as the local operator (``nit-desk check``,
``nit-desk backup``); whoever can read the file can read everything in it,
so they take no actor.
"""

from __future__ import annotations

from sqlalchemy import text

from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.admin.audit_dto import CheckReport
from nit_desk.services.storage.engine import Database


def check_database(db: Database) -> CheckReport:
    """Check the file's structure, its foreign keys and the audit chain (R17).

    On SQLite this runs ``PRAGMA integrity_check`` and ``PRAGMA
    foreign_key_check``; on PostgreSQL the server guarantees both, so only the
    audit chain is walked.
    """
    if db.is_sqlite:
        problem = _sqlite_problem(db)
        if problem:
            return CheckReport(False, 0, problem)
    chain = verify_audit_chain(db)
    if not chain.intact:
        return CheckReport(
            False, chain.count,
            f"audit entry seq {chain.first_bad_seq} (id {chain.first_bad_id}): {chain.problem}",
        )
    return CheckReport(True, chain.count)


def _sqlite_problem(db: Database) -> str:
    """The first line of trouble reported by SQLite's own checks, or ''."""
    with db.engine.connect() as conn:
        integrity = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        if integrity != ["ok"]:
            return f"integrity_check: {integrity[0]}"
        broken = conn.execute(text("PRAGMA foreign_key_check")).first()
        if broken is not None:
            table, rowid, parent = broken[0], broken[1], broken[2]
            return f"foreign_key_check: {table} row {rowid} refers to a missing {parent} row"
    return ""
