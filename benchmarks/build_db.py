"""Build (once) a cached benchmark database of N demo clients with the bulk loader."""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
PACKAGE = Path(__file__).resolve().parent.parent / "nit_desk"


def schema_stamp() -> str:
    """A short hash of the schema and the bulk loader: a change means a new file."""
    digest = hashlib.sha256()
    sources = sorted((PACKAGE / "services" / "storage" / "migrations").rglob("*.py"))
    sources.append(PACKAGE / "demo" / "demo_bulk.py")
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cached_database(clients: int, *, quiet: bool = False) -> Path:
    """The path of a SQLite file with ``clients`` demo clients, built if missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"queue-{clients}-{schema_stamp()}.db"
    if path.exists():
        return path
    for stale in CACHE.glob(f"queue-{clients}-*.db"):
        stale.unlink()
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    from nit_desk.demo import demo  # only when building: keeps the children light
    from nit_desk.services.storage import migrate
    from nit_desk.services.storage.engine import open_database

    started = time.perf_counter()
    db = open_database(partial)
    try:
        migrate.upgrade(db)
        say = None if quiet else (lambda text: print(text, file=sys.stderr, flush=True))
        demo.load_demo(db, clients=clients, seed=1, progress=say)
    finally:
        db.dispose()
    partial.rename(path)
    if not quiet:
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


if __name__ == "__main__":
    for n in sys.argv[1:] or ["1000000"]:
        print(cached_database(int(n)))
