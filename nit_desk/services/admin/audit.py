"""Reading and verifying the audit log (R17)."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Select, select

from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit_dto import AuditFilter, AuditRecord, ChainReport
from nit_desk.services.audit_chain import GENESIS, entry_hash
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry
from nit_desk.services.uow import UnitOfWork


def verify_audit_chain(db: Database, *, batch: int = 5000) -> ChainReport:
    """Walk the whole chain in order and name the first entry that does not fit.

    An edited entry no longer matches its hash; a deleted one leaves a gap in
    the sequence and a wrong ``prev_hash``; an inserted one breaks either.
    """
    prev_hash, expected_seq, count = GENESIS, 1, 0
    last_id: int | None = None  # no lower bound at first: a row forged with id <= 0 is seen too
    with db.read_session() as s:
        while True:
            query = select(AuditEntry).order_by(AuditEntry.id).limit(batch)
            if last_id is not None:
                query = query.where(AuditEntry.id > last_id)
            rows = s.execute(query).scalars().all()
            if not rows:
                return ChainReport(True, count)
            for e in rows:
                problem = _check(e, expected_seq, prev_hash)
                if problem:
                    return ChainReport(False, count, e.seq, e.id, problem)
                prev_hash, expected_seq, count, last_id = e.hash, e.seq + 1, count + 1, e.id
            s.expunge_all()


def _check(e: AuditEntry, expected_seq: int, prev_hash: str) -> str:
    if e.seq != expected_seq:
        return QT_TRANSLATE_NOOP("messages", "entries are missing or were inserted before it")
    if e.prev_hash != prev_hash:
        return QT_TRANSLATE_NOOP("messages", "it does not follow the entry before it")
    digest = entry_hash(
        seq=e.seq, at=e.at, actor_id=e.actor_id, actor_name=e.actor_name, action=e.action,
        entity=e.entity, entity_id=e.entity_id, client_id=e.client_id, before=e.before,
        after=e.after, prev_hash=e.prev_hash,
    )
    if digest != e.hash:
        return QT_TRANSLATE_NOOP("messages", "its content was changed after it was written")
    return ""


def _record(e: AuditEntry) -> AuditRecord:
    return AuditRecord(e.id, e.seq, e.at, e.actor_name, e.action, e.entity, e.entity_id,
                       e.client_id, e.before, e.after)


def _filtered(query: Select[AuditEntry], flt: AuditFilter) -> Select[AuditEntry]:
    if flt.client_id is not None:
        query = query.where(AuditEntry.client_id == flt.client_id)
    if flt.actor_name:
        query = query.where(AuditEntry.actor_name == flt.actor_name)
    if flt.action_prefix:
        prefix = flt.action_prefix
        query = query.where(AuditEntry.action >= prefix, AuditEntry.action < prefix + "\uffff")
    if flt.since is not None:
        query = query.where(AuditEntry.at >= flt.since)
    if flt.until is not None:
        query = query.where(AuditEntry.at < flt.until)
    return query


def list_audit(db: Database, actor: Actor, flt: AuditFilter, *, before_seq: int | None = None,
               limit: int = 200) -> list[AuditRecord]:
    """Audit entries, newest first, a page at a time (supervisors only, R17, R18).

    Args:
        before_seq: keyset for the next page: entries older than this one.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        query = _filtered(select(AuditEntry), flt)
        if before_seq is not None:
            query = query.where(AuditEntry.seq < before_seq)
        rows = uow.session.execute(query.order_by(AuditEntry.seq.desc()).limit(limit))
        return [_record(e) for e in rows.scalars()]


def audit_actions(db: Database, actor: Actor) -> list[str]:
    """The distinct kinds of change recorded so far, for the viewer's filter."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        rows = uow.session.execute(select(AuditEntry.action).distinct().order_by(
            AuditEntry.action))
        return [r[0] for r in rows]


def export_audit_csv(db: Database, actor: Actor, flt: AuditFilter, target: Path) -> int:
    """Write the filtered entries, oldest first, to a UTF-8 CSV file; return the count.

    The file is written to a temporary name and moved into place, so a failed
    export never leaves half a file behind.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        tmp = target.with_name(target.name + ".part")
        count = 0
        with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow(["seq", "at_utc", "user", "action", "entity", "entity_id",
                             "client_id", "before", "after", "hash"])
            query = _filtered(select(AuditEntry), flt).order_by(AuditEntry.seq)
            for e in uow.session.execute(query.execution_options(yield_per=2000)).scalars():
                writer.writerow([e.seq, e.at.isoformat(), e.actor_name, e.action, e.entity,
                                 e.entity_id, e.client_id, e.before, e.after, e.hash])
                count += 1
        tmp.replace(target)
        return count


def check_audit(db: Database, actor: Actor) -> ChainReport:
    """The supervisor's "verify" button: the whole chain (R17, R18)."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
    return verify_audit_chain(db)
