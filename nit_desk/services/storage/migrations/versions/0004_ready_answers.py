"""ready answers: templates the desk fills and copies for the messenger

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08 02:00:00

Supervisors edit them (audited); the defaults are seeded by the service on
first use (audited as the system), so this migration only makes the table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "ready_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ready_answers")),
        sa.UniqueConstraint("title", name=op.f("uq_ready_answers_title")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("ready_answers")
