"""Alembic environment: runs on the connection that NIT Desk hands over."""

from __future__ import annotations

from alembic import context

from nit_desk.services.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Migrate on the connection given in ``config.attributes['connection']``."""
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("NIT Desk migrations run only through nit_desk.services.storage.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
