"""Issue 15, item 1: back up to tricky targets while a writer commits; count what is lost.

Run from a checkout: ``python tools/measure_backup_attacks.py [--rounds N]``. Prints the
attacks tried and refused and the committed changes lost. Runs on the old API too
(``maintenance.backup_database``) so the figures before and after the fix compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from nit_desk.services.admin import users  # noqa: E402
from nit_desk.services.storage import migrate  # noqa: E402
from nit_desk.services.storage.engine import open_database  # noqa: E402

try:
    from nit_desk.services.admin.backups import backup_database
except ImportError:  # the code before issue 15
    from nit_desk.services.admin.maintenance import backup_database  # type: ignore


def _targets(live: Path) -> list[Path]:
    (live.parent / "sub").mkdir()
    (live.parent / "link.db").symlink_to(live)
    os.link(live, live.parent / "hard.db")
    return [live.parent / "sub" / ".." / live.name, live.parent / "link.db",
            live.parent / "hard.db"] + [live.with_name(live.name + s)
                                        for s in ("-wal", "-shm", "-journal")]


def main() -> None:
    """Attack, then print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nit-backup-attack-"))
    live = folder / "nit.db"
    db = open_database(live)
    migrate.upgrade(db)
    users.create_first_supervisor(db, "boss", "correct horse 42")
    targets = _targets(live)
    committed, stop = [0], threading.Event()

    def write() -> None:
        conn = sqlite3.connect(live, timeout=15, isolation_level=None)
        conn.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER PRIMARY KEY)")
        while not stop.is_set():
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO probe (n) VALUES (?)", (committed[0] + 1,))
                conn.execute("COMMIT")
                committed[0] += 1
            except sqlite3.Error as exc:
                print("writer stopped:", exc)
                return

    writer = threading.Thread(target=write)
    writer.start()
    tried = refused = 0
    for _ in range(args.rounds):
        for target in targets:
            tried += 1
            try:
                backup_database(db, target, force=True)
            except Exception:  # noqa: BLE001 - a refusal of any kind counts
                refused += 1
        backup_database(db, folder / "good.db", force=True)
    stop.set()
    writer.join()
    db.dispose()
    try:
        with sqlite3.connect(live) as raw:
            present = raw.execute("SELECT count(*) FROM probe").fetchone()[0]
    except sqlite3.Error as exc:
        print("the live file:", exc)
        present = 0
    print(f"attacks tried {tried}, refused {refused}; "
          f"changes committed {committed[0]}, lost {committed[0] - present}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
