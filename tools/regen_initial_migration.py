"""Regenerate migration 0001 from the models (allowed only before the first release).

Usage: .venv/bin/python tools/regen_initial_migration.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from nit_desk.services.storage.engine import open_database
from nit_desk.services.storage.migrate import MIGRATIONS_DIR, alembic_config


def main() -> None:
    """Delete 0001, autogenerate it again against an empty SQLite file, format it."""
    target = MIGRATIONS_DIR / "versions" / "0001_initial_schema.py"
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "gen.db")
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
        db.dispose()
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(target)], check=False)
    subprocess.run([sys.executable, "-m", "ruff", "check", "--fix", "-q", str(target)], check=False)


if __name__ == "__main__":
    main()
