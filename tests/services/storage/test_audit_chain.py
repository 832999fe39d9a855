"""R17: the audit log is a hash chain; plain-SQL tampering is found and named.

Each test writes through the services, then edits, deletes or inserts audit
rows behind the program's back (as someone with the database file or a SQL
console could) and checks that verification names the first bad entry.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text

from nit_desk.domain.types import Unit
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.audit_chain import GENESIS, entry_hash
from nit_desk.services.money import pricelist
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry

WRITES = 40


@pytest.fixture
def busy_db(db: Database, supervisor: Actor) -> Database:
    """A database with a first supervisor and WRITES price-list changes, all audited."""
    for i in range(WRITES):
        item = pricelist.create_price_item(db, supervisor, name=f"Услуга {i}", unit=Unit.HOUR,
                                           unit_price_kopecks=100_00 + i)
        if i % 4 == 0:
            pricelist.update_price_item(db, supervisor, item.id, name=f"Услуга {i} (новая)",
                                        unit=Unit.HOUR, unit_price_kopecks=200_00 + i,
                                        extra_fee=False)
    return db


def _entries(db: Database) -> list[Any]:
    """id, seq, prev_hash and hash of every entry, in chain order."""
    with db.read_session() as s:
        return list(s.execute(select(AuditEntry.id, AuditEntry.seq, AuditEntry.prev_hash,
                                     AuditEntry.hash).order_by(AuditEntry.seq)).all())


def _sql(db: Database, statement: str, **params: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_r17_chain_is_intact_after_many_writes(busy_db: Database) -> None:
    """Every audited change is in one unbroken chain from the genesis hash."""
    entries = _entries(busy_db)
    assert len(entries) >= WRITES + WRITES // 4 + 1
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))
    report = verify_audit_chain(busy_db, batch=7)  # small batches cross page boundaries
    assert report.intact and report.count == len(entries)
    assert report.first_bad_seq is None and report.problem == ""


def test_r17_an_edited_entry_is_found_and_named(busy_db: Database) -> None:
    """Changing what an entry says (here: its 'after' JSON) breaks its own hash."""
    victim = _entries(busy_db)[17]
    _sql(busy_db, "UPDATE audit_log SET after = :after WHERE id = :id",
         after='{"name":"Услуга, которой не было"}', id=victim.id)
    report = verify_audit_chain(busy_db)
    assert not report.intact
    assert (report.first_bad_seq, report.first_bad_id) == (victim.seq, victim.id)
    assert report.count == victim.seq - 1
    assert "changed" in report.problem


def test_r17_an_edited_actor_is_found(busy_db: Database) -> None:
    """Putting the blame on someone else is an edit like any other."""
    victim = _entries(busy_db)[5]
    _sql(busy_db, "UPDATE audit_log SET actor_name = 'anna' WHERE id = :id", id=victim.id)
    report = verify_audit_chain(busy_db)
    assert (report.intact, report.first_bad_seq) == (False, victim.seq)


def test_r17_a_deleted_entry_is_found_at_the_gap(busy_db: Database) -> None:
    """Deleting an entry leaves a gap: the entry after it is named."""
    entries = _entries(busy_db)
    gone, after = entries[10], entries[11]
    _sql(busy_db, "DELETE FROM audit_log WHERE id = :id", id=gone.id)
    report = verify_audit_chain(busy_db)
    assert not report.intact
    assert (report.first_bad_seq, report.first_bad_id) == (after.seq, after.id)
    assert "missing" in report.problem


def test_r17_deleting_and_renumbering_is_still_found(busy_db: Database) -> None:
    """Closing the gap by renumbering does not help: the next entry's prev_hash no longer fits."""
    entries = _entries(busy_db)
    gone = entries[10]
    _sql(busy_db, "DELETE FROM audit_log WHERE id = :id", id=gone.id)
    for e in entries[11:]:
        _sql(busy_db, "UPDATE audit_log SET seq = :seq WHERE id = :id", seq=e.seq - 1, id=e.id)
    report = verify_audit_chain(busy_db)
    assert not report.intact
    assert (report.first_bad_seq, report.first_bad_id) == (gone.seq, entries[11].id)
    assert "follow" in report.problem


def test_r17_an_inserted_entry_is_found(busy_db: Database) -> None:
    """A row slipped in ahead of the chain (lower id) is named as out of place."""
    entries = _entries(busy_db)
    forged_seq = entries[-1].seq + 1
    at = datetime(2026, 1, 1, tzinfo=UTC)
    digest = entry_hash(seq=forged_seq, at=at, actor_id=1, actor_name="boss",
                        action="price_item.created", entity="price_item", entity_id=999,
                        client_id=None, before="", after="{}", prev_hash=entries[-1].hash)
    _sql(busy_db, "INSERT INTO audit_log (id, seq, at, actor_id, actor_name, action, entity, "
         "entity_id, client_id, before, after, prev_hash, hash) VALUES (0, :seq, :at, 1, "
         "'boss', 'price_item.created', 'price_item', 999, NULL, '', '{}', :prev, :hash)",
         seq=forged_seq, at=at.replace(tzinfo=None), prev=entries[-1].hash, hash=digest)
    report = verify_audit_chain(busy_db)
    assert not report.intact
    assert (report.first_bad_seq, report.first_bad_id) == (forged_seq, 0)


def test_r17_an_appended_entry_with_a_made_up_hash_is_found(busy_db: Database) -> None:
    """An entry added at the end without the right hash fails at that entry."""
    last = _entries(busy_db)[-1]
    _sql(busy_db, "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, "
         "entity_id, client_id, before, after, prev_hash, hash) VALUES (:seq, :at, 1, 'boss', "
         "'user.created', 'user', 77, NULL, '', '{}', :prev, :hash)",
         seq=last.seq + 1, at=datetime(2026, 1, 1), prev=last.hash, hash="f" * 64)
    report = verify_audit_chain(busy_db)
    assert (report.intact, report.first_bad_seq) == (False, last.seq + 1)
    assert report.count == last.seq
