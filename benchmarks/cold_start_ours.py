"""``nit-desk --db PATH`` signed in as the demo agent without the sign-in dialog.

Run by ``queue_bench.py`` with ``NIT_DESK_EXIT_AFTER_FIRST_PAINT=1``: the
program starts as a user would start it (imports, opening and checking the
database, the main window with every screen, the queue's first page fetched
off the GUI thread), prints ``FIRST_PAINT <epoch>`` when that page is painted
and quits. Only the password check is skipped (scrypt is deliberately slow).
"""

from __future__ import annotations

import sqlite3
import sys

from nit_desk.app.app import run_gui
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor


def main(path: str, username: str = "anna") -> int:
    """Open the workstation on ``path`` as ``username``."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT id, role FROM users WHERE username = ?", (username,)).fetchone()
    actor = Actor(int(row[0]), username, Role(row[1]))
    return run_gui(path, demo=True, demo_actor=actor)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
