"""Schema upgrades with Alembic: backup first, refuse a newer schema.

The program knows its own head revision. A database at an unknown revision
was made by a newer NIT Desk and is refused rather than damaged; a database
behind head is backed up (SQLite) and then upgraded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.services.storage import backup_files
from nit_desk.services.storage.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HEAD_REVISION = "0004"
"""The newest migration this program ships. Checked against the scripts by a test; it
lets a start-up on an up-to-date database skip importing Alembic (about 0.15 s)."""


class SchemaError(NitDeskError):
    """The database schema does not match this program."""


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands against the program's migrations."""

    current: str | None
    head: str
    known: bool

    @property
    def up_to_date(self) -> bool:
        """The schema is exactly what this program expects."""
        return self.current == self.head

    @property
    def too_new(self) -> bool:
        """A newer program wrote this schema."""
        return self.current is not None and not self.known

    @property
    def too_old(self) -> bool:
        """The schema needs ``nit-desk db upgrade``."""
        return self.known and not self.up_to_date


def alembic_config() -> Config:
    """An Alembic config pointing at the migrations inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def current_revision(db: Database) -> str | None:
    """The revision stamped in the database, or None for an empty one."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else ",".join(sorted(rows)) or None


def schema_state(db: Database) -> SchemaState:
    """Read the database's revision and compare it with the program's head."""
    current = current_revision(db)
    if current == HEAD_REVISION:
        return SchemaState(current=current, head=HEAD_REVISION, known=True)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    known = current is None or _is_known(script, current)
    return SchemaState(current=current, head=head, known=known)


def _is_known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises ResolutionError subclasses for unknown ids
        return False


def ensure_compatible(db: Database) -> SchemaState:
    """Refuse a schema that is newer or older than this program.

    Raises:
        SchemaError: with a message saying which side must be upgraded.
    """
    state = schema_state(db)
    if state.too_new:
        raise SchemaError(
            QT_TRANSLATE_NOOP(
                "messages",
                "The database was written by a newer NIT Desk (schema {current}); "
                "this program knows schemas up to {head}. Install the newer program.",
            ),
            field="db", current=state.current, head=state.head,
        )
    if not state.up_to_date:
        raise SchemaError(
            QT_TRANSLATE_NOOP(
                "messages",
                "The database schema is older than this program ({current} < {head}). "
                "Run 'nit-desk db upgrade' first.",
            ),
            field="db", current=state.current or "empty", head=state.head,
        )
    return state


def upgrade(db: Database, *, backup: bool = True,
            keep: int = backup_files.DEFAULT_KEEP) -> SchemaState:
    """Bring the schema to head, backing a SQLite file up first.

    The backup goes to the rotating ``backups/`` folder beside the file
    (:mod:`nit_desk.services.storage.backup_files`), of which ``keep`` stay.

    Raises:
        SchemaError: the database is newer than this program.
    """
    state = schema_state(db)
    if state.too_new:
        ensure_compatible(db)
    if state.up_to_date:
        return state
    if backup and state.current is not None and db.is_sqlite:
        target = backup_files.take_rotating_backup(
            Path(str(db.url.database)), f"before-{state.current}", keep=keep)
        log.info("Backed the database up to %s before upgrading", target)
    from alembic import command

    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return schema_state(db)
