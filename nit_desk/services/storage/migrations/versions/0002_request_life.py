"""request life, corrections and the work log (R19-R22)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 21:20:00

Adds what a request needs to be worked to the end: the reason that goes with
its status (what is awaited, why cancelled), the holder's work timer, voided
payments that stay on record, and the notes of the work log. Existing rows get
empty reasons, a stopped timer and no time worked. "Next request" no longer
hands out requests waiting for the client, so the partial index of unclaimed
requests covers new and in-progress ones only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nit_desk.services.storage.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNCLAIMED_BEFORE = "claimed_by_id IS NULL AND status IN ('new', 'in_progress', 'waiting_client')"
_UNCLAIMED_ACTIONABLE = "claimed_by_id IS NULL AND status IN ('new', 'in_progress')"


def _unclaimed_index(create: bool, predicate: str) -> None:
    """Drop or create the partial index "next request" reads, with ``predicate``."""
    where = sa.text(predicate)
    if create:
        op.create_index("ix_requests_unclaimed_deadline", "requests", ["deadline", "id"],
                        unique=False, postgresql_where=where, sqlite_where=where)
    else:
        op.drop_index("ix_requests_unclaimed_deadline", table_name="requests",
                      postgresql_where=where, sqlite_where=where)


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("requests", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("status_reason", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column(
            "timer_started_at", nit_desk.services.storage.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("worked_seconds", sa.Integer(), nullable=False,
                                      server_default="0"))
    _unclaimed_index(False, _UNCLAIMED_BEFORE)
    _unclaimed_index(True, _UNCLAIMED_ACTIONABLE)
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "voided_at", nit_desk.services.storage.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("voided_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("void_reason", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.create_foreign_key(batch_op.f("fk_payments_voided_by_id_users"), "users",
                                    ["voided_by_id"], ["id"])
    op.create_table(
        "work_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", nit_desk.services.storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"],
                                name=op.f("fk_work_notes_author_id_users")),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"],
                                name=op.f("fk_work_notes_request_id_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_notes")),
    )
    with op.batch_alter_table("work_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_notes_request_id"), ["request_id"],
                              unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("work_notes")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_payments_voided_by_id_users"),
                                 type_="foreignkey")
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_by_id")
        batch_op.drop_column("voided_at")
    _unclaimed_index(False, _UNCLAIMED_ACTIONABLE)
    _unclaimed_index(True, _UNCLAIMED_BEFORE)
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_column("worked_seconds")
        batch_op.drop_column("timer_started_at")
        batch_op.drop_column("status_reason")
