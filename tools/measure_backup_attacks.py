"""Issue 15, items 1 and 3: attack the live database file; count what is lost.

Run from a checkout: ``python tools/measure_backup_attacks.py [--rounds N]``.

* Item 1: back up to tricky targets (``sub/../nit.db``, ``nit.db-wal``, links…)
  while a writer commits; prints the attacks tried and refused and the committed
  changes lost.
* Item 3: a desk that had a database finds it missing, empty, foreign or damaged;
  prints how many were refused in words and how many were silently replaced.

Runs on the old API too (``maintenance.backup_database``, ``open_prepared_database``
without ``had_database``) so the figures before and after the fix compare.
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
    print(f"item 1: backup attacks tried {tried}, refused {refused}; "
          f"changes committed {committed[0]}, lost {committed[0] - present}")
    shutil.rmtree(folder)
    _lost_files()


def _lost_files() -> None:
    """Item 3: open a desk's database after it went missing, empty, foreign or damaged."""
    import inspect

    from nit_desk.app.app import open_prepared_database

    spoilers = {"missing": lambda p: p.unlink(), "empty": lambda p: p.write_bytes(b""),
                "foreign": lambda p: p.write_bytes(b"PK\x03\x04" * 1000),
                "damaged": _damage}
    knows = "had_database" in inspect.signature(open_prepared_database).parameters
    refused = replaced = 0
    for name, spoil in spoilers.items():
        folder = Path(tempfile.mkdtemp(prefix="nit-lost-file-"))
        path = folder / "nit.db"
        db = open_database(path)
        migrate.upgrade(db)
        users.create_first_supervisor(db, "boss", "correct horse 42")
        db.dispose()
        spoil(path)
        try:
            opened = (open_prepared_database(str(path), had_database=True) if knows
                      else open_prepared_database(str(path)))
            opened.dispose()
            replaced += 1
            print(f"  {name}: opened as a new empty database")
        except Exception as exc:  # noqa: BLE001 - any refusal counts
            refused += 1
            print(f"  {name}: refused: {str(exc).splitlines()[0][:110]}")
        shutil.rmtree(folder)
    print(f"item 3: lost files tried {len(spoilers)}, refused {refused}, "
          f"silently replaced {replaced}")


def _damage(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(path.read_bytes())
    for start in range(8192, len(data) - 4096, 3 * 4096):
        data[start:start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


if __name__ == "__main__":
    main()
