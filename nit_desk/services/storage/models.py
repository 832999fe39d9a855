"""SQLAlchemy 2 typed models: the whole schema of NIT Desk.

Only the data R2 allows is kept about a client: a chosen handle and contacts
(phone, email, messenger accounts). No column anywhere can hold a password,
a one-time code or card data (R9); user passwords are stored as KDF hashes.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from nit_desk.services.storage.types import SearchKey, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for migrations."""

    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    """An agent or a supervisor who signs in to NIT Desk (R18)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(SearchKey(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ChecklistTemplate(Base):
    """One version of the registration checklist template (R3)."""

    __tablename__ = "checklist_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    steps: Mapped[list[ChecklistTemplateStep]] = relationship(
        order_by="ChecklistTemplateStep.position", cascade="all, delete-orphan"
    )


class ChecklistTemplateStep(Base):
    """A step of one template version."""

    __tablename__ = "checklist_template_steps"
    __table_args__ = (UniqueConstraint("template_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_templates.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean, default=True)


class Client(Base):
    """A client, known only by a handle of their choosing and their contacts (R2)."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(100))
    system_info: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_templates.id"))
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    banned: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    contacts: Mapped[list[ClientContact]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="ClientContact.id"
    )
    checklist: Mapped[list[ChecklistItem]] = relationship(
        cascade="all, delete-orphan", order_by="ChecklistItem.position"
    )

    __mapper_args__ = {"version_id_col": version}


class ClientContact(Base):
    """A normalised contact; unique across clients so a duplicate is found at intake."""

    __tablename__ = "client_contacts"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_client_contacts_kind_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    network: Mapped[str | None] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(SearchKey(320))
    client: Mapped[Client] = relationship(back_populates="contacts")


Index("ix_client_contacts_value", ClientContact.value)


class ChecklistItem(Base):
    """One step of one client's checklist, copied from the template version (R3)."""

    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("client_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Request(Base):
    """A piece of support work: one row of the queue (R7, R14)."""

    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24), default="new")
    description: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    first_time: Mapped[bool] = mapped_column(Boolean, default=True)
    has_specification: Mapped[bool] = mapped_column(Boolean, default=False)
    offline_work: Mapped[bool] = mapped_column(Boolean, default=False)
    onsite_visit: Mapped[bool] = mapped_column(Boolean, default=False)
    visit_address: Mapped[str] = mapped_column(String(500), default="")
    payment_scheme: Mapped[str] = mapped_column(String(16))
    advance_reasons: Mapped[str] = mapped_column(String(8), default="")
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status_reason: Mapped[str] = mapped_column(Text, default="")
    """What the client is awaited for (waiting), or why it was cancelled or reopened (R19)."""
    timer_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """Since when the holder's work timer runs; None while it is stopped (R22)."""
    worked_seconds: Mapped[int] = mapped_column(Integer, default=0)
    """Time worked on the request before the running stretch, corrections included (R22)."""
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


Index("ix_requests_status_deadline_id", Request.status, Request.deadline, Request.id)
Index("ix_requests_claimed_by_status", Request.claimed_by_id, Request.status, Request.deadline)
Index("ix_requests_scheme_deadline", Request.payment_scheme, Request.deadline, Request.id)
_UNCLAIMED_OPEN = text("claimed_by_id IS NULL AND status IN ('new', 'in_progress')")
Index("ix_requests_unclaimed_deadline", Request.deadline, Request.id,
      postgresql_where=_UNCLAIMED_OPEN, sqlite_where=_UNCLAIMED_OPEN)
"""'Next request' finds the soonest unclaimed request an agent can act on now (new or in
progress, not waiting for the client: R19) without walking past claimed ones."""
Index("ix_requests_lease_expires_at", Request.lease_expires_at)
"""Lapsed claims (a desk that stopped its heartbeat) are found by range, not by scan."""


class PriceItem(Base):
    """A service of the price list, kept by supervisors (R15, R18)."""

    __tablename__ = "price_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    unit: Mapped[str] = mapped_column(String(16))
    unit_price_kopecks: Mapped[int] = mapped_column(BigInteger)
    extra_fee: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Estimate(Base):
    """One version of the approximate estimate of a request (R15)."""

    __tablename__ = "estimates"
    __table_args__ = (UniqueConstraint("request_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    stage: Mapped[str] = mapped_column(String(24), default="first_contact")
    note: Mapped[str] = mapped_column(Text, default="")
    total_kopecks: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)
    lines: Mapped[list[EstimateLine]] = relationship(
        cascade="all, delete-orphan", order_by="EstimateLine.position"
    )

    __mapper_args__ = {"version_id_col": version}


class EstimateLine(Base):
    """What, how much, in what unit, at what price (R15, R16: integer kopecks)."""

    __tablename__ = "estimate_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    estimate_id: Mapped[int] = mapped_column(ForeignKey("estimates.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    price_item_id: Mapped[int | None] = mapped_column(ForeignKey("price_items.id"))
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit: Mapped[str] = mapped_column(String(16))
    unit_price_kopecks: Mapped[int] = mapped_column(BigInteger)
    total_kopecks: Mapped[int] = mapped_column(BigInteger)


class Payment(Base):
    """Money received for a request, or an advance forfeited on a ban (R12, R13)."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_kopecks: Mapped[int] = mapped_column(BigInteger)
    paid_on: Mapped[date] = mapped_column(Date)
    method_label: Mapped[str] = mapped_column(String(100), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the payment was voided (R21): the row stays, it no longer counts (R20)."""
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str] = mapped_column(Text, default="")


class WorkNote(Base):
    """A free-text note in a request's work log (R22), checked by the secret guard (R9, R23)."""

    __tablename__ = "work_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChangeOrigin(Base):
    """How many announced commits one open database object (a desk) has made (SQLite).

    SQLite has no LISTEN/NOTIFY: a desk notices other processes' commits by polling
    ``PRAGMA data_version``, which its own commits move too. Each announcing commit
    counts itself here, in its own transaction, so the poller can tell a change of
    another desk from its own (:class:`nit_desk.services.changes.ChangeWatcher`).
    """

    __tablename__ = "change_origins"

    origin: Mapped[str] = mapped_column(String(32), primary_key=True)
    changes: Mapped[int] = mapped_column(Integer, nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class SensitiveAction(Base):
    """Record of an agreed sensitive action (R8). There is no column for a code."""

    __tablename__ = "sensitive_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    action: Mapped[str] = mapped_column(String(500))
    explanation: Mapped[str] = mapped_column(Text)
    warned_and_explained: Mapped[bool] = mapped_column(Boolean)
    client_agreed: Mapped[bool] = mapped_column(Boolean)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BanProposal(Base):
    """An agent's proposal to ban a client, reviewed by a supervisor (R10, R11)."""

    __tablename__ = "ban_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    refused_steps: Mapped[str] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_reason: Mapped[str] = mapped_column(Text, default="")


class Ban(Base):
    """A ban in force or lifted (R11, R12)."""

    __tablename__ = "bans"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("ban_proposals.id"))
    reason: Mapped[str] = mapped_column(Text)
    banned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    banned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lift_reason: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """An append-only, hash-chained record of one change of state (R17)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    client_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ReadyAnswer(Base):
    """A ready answer: a template the desk fills and copies for the messenger (R17, R18).

    Supervisors edit them; nothing is deleted (R21): a withdrawn answer is inactive.
    The text is checked by the secret guard before it is written (R9, R23).
    """

    __tablename__ = "ready_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120), unique=True)
    body: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
