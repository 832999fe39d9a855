"""Reading and verifying the audit log (R17)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.services.audit_chain import GENESIS, entry_hash
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking the audit chain."""

    intact: bool
    count: int
    first_bad_seq: int | None = None
    first_bad_id: int | None = None
    problem: str = ""


def verify_audit_chain(db: Database, *, batch: int = 5000) -> ChainReport:
    """Walk the whole chain in order and name the first entry that does not fit.

    An edited entry no longer matches its hash; a deleted one leaves a gap in
    the sequence and a wrong ``prev_hash``; an inserted one breaks either.
    """
    prev_hash, expected_seq, count, last_id = GENESIS, 1, 0, 0
    with db.read_session() as s:
        while True:
            rows = s.execute(
                select(AuditEntry).where(AuditEntry.id > last_id)
                .order_by(AuditEntry.id).limit(batch)
            ).scalars().all()
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


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry as screens show it."""

    id: int
    seq: int
    at: datetime
    actor_name: str
    action: str
    entity: str
    entity_id: int | None
    client_id: int | None
    before: str
    after: str
