"""Generated demo data obeys the same rules as data typed into the workstation.

The bulk loader bypasses the services for speed, so these tests check what
it wrote against the domain rules directly: canonical contacts (R1), schemes
and reasons (R14), registered/trusted (R4, R5), bans (R12), deadlines (R7).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from nit_desk.demo import demo
from nit_desk.demo.demo_rows import demo_phone
from nit_desk.domain.contacts import normalize_email, normalize_handle, normalize_phone
from nit_desk.domain.payment import payment_scheme_for
from nit_desk.domain.types import (
    OPEN_STATUSES,
    ContactKind,
    Network,
    PaymentKind,
    RequestStatus,
    StepState,
)
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.queue.work_requests import decode_reasons
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.models import (
    AuditEntry,
    Ban,
    Base,
    ChecklistItem,
    Client,
    ClientContact,
    Payment,
    Request,
)

CLIENTS = 1500


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The scenarios and CLIENTS generated clients, on each backend."""
    demo.load_demo(db, clients=CLIENTS, seed=3)
    return db


def _canonical(kind: str, network: str | None, value: str) -> str:
    if kind == ContactKind.PHONE.value:
        return normalize_phone(value)
    if kind == ContactKind.EMAIL.value:
        return normalize_email(value)
    assert network is not None
    return normalize_handle(Network(network), value)


def test_r1_every_generated_contact_is_canonical_and_unique(demo_db: Database) -> None:
    """Each stored contact passes the domain validators unchanged; each client has
    a mobile phone, an email and at least one messenger account."""
    with demo_db.read_session() as s:
        rows = s.execute(select(ClientContact.client_id, ClientContact.kind,
                                ClientContact.network, ClientContact.value)).all()
    assert len(rows) >= 3 * CLIENTS
    for _client, kind, network, value in rows:
        assert _canonical(kind, network, value) == value
    kinds = Counter((client, kind) for client, kind, _n, _v in rows)
    clients = {client for client, *_ in rows}
    for client in clients:
        assert kinds[(client, "phone")] == 1 and kinds[(client, "email")] == 1
        assert kinds[(client, "messenger")] >= 1


def test_r1_demo_phones_are_distinct_mobiles() -> None:
    """The id-to-number mapping never repeats and stays off the scenarios' 912 code."""
    phones = [demo_phone(n) for n in range(1, 20_001)]
    assert len(set(phones)) == len(phones)
    assert not any(p.startswith("+7912") for p in phones)
    assert all(normalize_phone(p) == p for p in phones[::97])


def test_r14_every_request_has_the_scheme_the_domain_gives(demo_db: Database) -> None:
    """Stored scheme and reasons equal payment_scheme_for(flags) for every request."""
    with demo_db.read_session() as s:
        rows = s.execute(select(Request.first_time, Request.has_specification,
                                Request.offline_work, Request.onsite_visit,
                                Request.payment_scheme, Request.advance_reasons,
                                Request.visit_address)).all()
    seen: Counter[str] = Counter()
    for first, spec, offline, onsite, scheme, reasons, address in rows:
        decision = payment_scheme_for(first_time=first, has_specification=spec,
                                      offline_work=offline, onsite_visit=onsite)
        assert (scheme, decode_reasons(reasons)) == (decision.scheme.value, decision.reasons)
        assert bool(address) == onsite
        seen[scheme] += 1
    assert seen["advance"] and seen["on_completion"], "both schemes appear in the demo"


def test_r4_r5_registered_and_trusted_agree_with_the_checklists(demo_db: Database) -> None:
    """Registered exactly when every required step is done; trusted only if registered."""
    with demo_db.read_session() as s:
        required_left = dict(s.execute(
            select(ChecklistItem.client_id, func.count()).where(
                ChecklistItem.required.is_(True), ChecklistItem.state != StepState.DONE.value)
            .group_by(ChecklistItem.client_id)).all())
        clients = s.execute(select(Client.id, Client.registered_at, Client.trusted)).all()
        steps = dict(s.execute(select(ChecklistItem.client_id, func.count())
                               .group_by(ChecklistItem.client_id)).all())
    assert all(steps.get(cid, 0) >= 9 for cid, *_ in clients)
    for cid, registered_at, trusted in clients:
        assert (registered_at is not None) == (cid not in required_left), cid
        assert not trusted or registered_at is not None, cid
    assert sum(1 for _c, r, _t in clients if r) > CLIENTS // 4
    assert sum(1 for *_x, t in clients if t) > CLIENTS // 10


def test_r12_banned_clients_have_no_open_work_and_forfeited_advances(demo_db: Database) -> None:
    """A ban cancels open requests and forfeits the advance paid on them."""
    open_values = [s.value for s in OPEN_STATUSES]
    with demo_db.read_session() as s:
        banned = set(s.execute(select(Client.id).where(Client.banned.is_(True))).scalars())
        with_ban_row = set(s.execute(select(Ban.client_id).where(Ban.lifted_at.is_(None)))
                           .scalars())
        open_of_banned = s.execute(select(func.count(Request.id)).where(
            Request.client_id.in_(banned), Request.status.in_(open_values))).scalar_one()
        forfeits = s.execute(select(Payment.request_id, Payment.amount_kopecks).where(
            Payment.kind == PaymentKind.FORFEITED.value)).all()
        advances = dict(s.execute(select(Payment.request_id, Payment.amount_kopecks).where(
            Payment.kind == PaymentKind.ADVANCE.value)).all())
    assert banned and banned == with_ban_row
    assert open_of_banned == 0
    assert forfeits and all(advances[rid] == amount for rid, amount in forfeits)


def test_r7_open_requests_have_deadlines_on_both_sides_of_now(demo_db: Database) -> None:
    """Some requests are overdue, most are not: the queue's time-left column has both."""
    now = datetime.now(UTC)
    with demo_db.read_session() as s:
        deadlines = s.execute(select(Request.deadline).where(
            Request.status.in_([st.value for st in OPEN_STATUSES]))).scalars().all()
        claimed = s.execute(select(func.count(Request.id)).where(
            Request.status == RequestStatus.IN_PROGRESS.value,
            Request.claimed_by_id.is_not(None))).scalar_one()
    overdue = sum(d < now for d in deadlines)
    assert 0 < overdue < len(deadlines) / 2
    assert claimed > 0


def test_r17_the_demo_leaves_an_intact_chain_with_one_bulk_entry(demo_db: Database) -> None:
    """Scenario steps are audited one by one; the bulk load is one chained entry."""
    report = verify_audit_chain(demo_db)
    assert report.intact
    with demo_db.read_session() as s:
        bulk = s.execute(select(AuditEntry.after).where(
            AuditEntry.action == "demo.bulk_loaded")).scalars().all()
    assert len(bulk) == 1 and f'"clients":{CLIENTS}' in bulk[0]


def test_the_same_seed_gives_the_same_clients(db: Database, tmp_path_factory:
                                              pytest.TempPathFactory) -> None:
    """Demo data is reproducible: two loads with one seed write the same handles."""
    other = open_database(tmp_path_factory.mktemp("again") / "again.db")
    migrate.upgrade(other)
    handles = []
    try:
        for target in (db, other):
            demo.load_demo(target, clients=100, seed=11)
            with target.read_session() as s:
                handles.append(list(s.execute(select(Client.handle).order_by(Client.id))
                                    .scalars()))
    finally:
        other.dispose()
    assert handles[0] == handles[1]


def test_a_failed_bulk_load_leaves_nothing_behind(db: Database,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A load that breaks half-way rolls back whole: no generated rows, every index back,
    the program's settings (WAL, foreign keys) in force again."""
    from nit_desk.demo import demo_bulk
    from nit_desk.demo.demo_rows import RowGenerator

    monkeypatch.setattr(demo_bulk, "BATCH", 100)
    real_batch = RowGenerator.batch
    calls: list[int] = []

    def failing_batch(self: RowGenerator, size: int) -> object:
        calls.append(size)
        if len(calls) == 2:
            raise RuntimeError("disk full (simulated)")
        return real_batch(self, size)

    monkeypatch.setattr(RowGenerator, "batch", failing_batch)
    with pytest.raises(RuntimeError, match="simulated"):
        demo.load_demo(db, clients=300, seed=5)
    with db.read_session() as s:
        assert s.execute(select(func.count(Client.id))).scalar_one() == 7  # the scenarios only
        assert s.execute(select(func.count(Ban.id))).scalar_one() == 1
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        if db.is_sqlite:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
    assert verify_audit_chain(db).intact
