"""change origins: a desk tells its own commits from other desks' (SQLite)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08 01:10:00

One row per open database object that has announced a commit, with how many.
The SQLite change poller reads it when ``PRAGMA data_version`` moves, so a
desk's own save no longer makes every screen reload once more. PostgreSQL
desks keep using LISTEN/NOTIFY (the table stays empty there).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import nit_desk.services.storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "change_origins",
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("at", nit_desk.services.storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("origin", name=op.f("pk_change_origins")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("change_origins")
