"""Claims per second on PostgreSQL: our ``next_request`` beside a bare psycopg loop.

Each run starts N processes (workstations) at once on a queue of open
requests; for ``--seconds`` each presses "next request" as fast as it can.
"ours" calls :func:`nit_desk.services.queue.claims.next_request` (role check,
claim, DTO, change notification, commit); "reference" is the bare loop the
issue names, one autocommit statement per claim::

    UPDATE requests SET claimed_by_id = %s, ... WHERE id = (SELECT id FROM requests
      WHERE claimed_by_id IS NULL AND status = 'new' ORDER BY deadline, id
      FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id

Our claim commits asynchronously (a lease: see ``nit_desk/services/storage/
pg_claims.py``); the bare loop commits durably, as the issue's reference does.
So that nobody has to take the difference on trust, a second reference runs
the same bare loop with ``synchronous_commit`` off for each claim, and its
ratio is printed beside the first.

The figure is the median of ``--runs`` runs (the machine is small and shared).
A throw-away database is created on the server and dropped at the end.

    .venv/bin/python benchmarks/claim_bench.py \\
        --server postgresql+psycopg://postgres@127.0.0.1:5432/postgres --desks 1 4 16
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from datetime import timedelta
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, make_url, select, text  # noqa: E402
from sqlalchemy.engine import URL  # noqa: E402

SPAWN = multiprocessing.get_context("spawn")
PASSWORD = "bench password 42"
BARE_CLAIM = (
    "UPDATE requests SET claimed_by_id = %(me)s, claimed_at = now(), "
    "lease_expires_at = now() + interval '5 minutes' "
    "WHERE id = (SELECT id FROM requests WHERE claimed_by_id IS NULL AND status = 'new' "
    "ORDER BY deadline, id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id"
)
BARE_CLAIM_ASYNC = (  # the same, committed as ours is: without waiting for the WAL flush
    "WITH quick AS (SELECT set_config('synchronous_commit', 'off', true)) "
    + BARE_CLAIM.replace("WHERE id = (", "FROM quick WHERE id = (", 1)
)


# -- the database ---------------------------------------------------------------------------


def create_bench_database(server: URL) -> URL:
    """A fresh database beside ``server``'s, migrated, with one supervisor and one client."""
    name = f"nit_bench_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = server.set(database=name)
    try:
        _prepare(url)
    except BaseException:
        drop_bench_database(server, url)
        raise
    return url


def _prepare(url: URL) -> None:
    """Migrate, add the supervisor and the one client every bench request belongs to."""
    from nit_desk.domain.types import Network
    from nit_desk.services.admin import users
    from nit_desk.services.clients import clients
    from nit_desk.services.storage import migrate
    from nit_desk.services.storage.engine import open_database
    from nit_desk.services.storage.types import utcnow

    db = open_database(url)
    migrate.upgrade(db, backup=False)
    users.create_first_supervisor(db, "boss", PASSWORD)
    boss = users.authenticate(db, "boss", PASSWORD).actor
    clients.intake(db, boss, clients.IntakeForm(
        handle="bench_client", phone="8 912 000-00-01",
        email="bench@example.ru", messengers=[(Network.TELEGRAM, "@bench_client")],
        channel=Network.TELEGRAM,
        system_info="", description="bench", deadline=utcnow() + timedelta(days=1)))
    db.dispose()


def drop_bench_database(server: URL, url: URL) -> None:
    """Drop the throw-away database."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


def fill_queue(url: URL, count: int) -> None:
    """Forget every claim and top the queue up to ``count`` open requests (bulk insert)."""
    from nit_desk.services.storage.engine import open_database
    from nit_desk.services.storage.models import Request
    from nit_desk.services.storage.types import utcnow

    db = open_database(url)
    with db.write_session() as session, session.begin():
        session.execute(text("DELETE FROM requests WHERE description LIKE 'bench %'"))
        first = session.execute(select(Request).order_by(Request.id).limit(1)).scalar_one()
        now = utcnow()
        session.execute(insert(Request), [
            {"client_id": first.client_id, "channel": first.channel, "status": "new",
             "description": f"bench {i}", "deadline": now + timedelta(minutes=i % 9973),
             "created_at": now, "created_by_id": first.created_by_id, "first_time": True,
             "payment_scheme": first.payment_scheme,
             "advance_reasons": first.advance_reasons, "version": 1}
            for i in range(count)])
        session.execute(text("UPDATE requests SET claimed_by_id = NULL, claimed_at = NULL, "
                             "lease_expires_at = NULL"))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE requests"))
    db.dispose()


def make_agents(url: URL, count: int) -> list[tuple[int, str]]:
    """``count`` agents (id, name), created once through the users service."""
    from nit_desk.domain.types import Role
    from nit_desk.services.admin import users
    from nit_desk.services.storage.engine import open_database

    db = open_database(url)
    boss = users.authenticate(db, "boss", PASSWORD).actor
    have = {u.username: u.id for u in users.list_users(db, boss)}
    agents = []
    for i in range(count):
        name = f"desk{i:02d}"
        if name not in have:
            have[name] = users.create_user(db, boss, name, Role.AGENT, PASSWORD,
                                           must_change_password=False).id
        agents.append((have[name], name))
    db.dispose()
    return agents


# -- the workstations (module level: spawned processes import them) -------------------------


def ours(url: str, agent: tuple[int, str], seconds: float, barrier: Barrier,
         out: multiprocessing.Queue[Any]) -> None:
    """Press "next request" through the services for ``seconds``; report the count."""
    from nit_desk.domain.types import Role
    from nit_desk.services.actor import Actor
    from nit_desk.services.queue import claims
    from nit_desk.services.storage.engine import open_database

    db = open_database(url)
    actor = Actor(user_id=agent[0], username=agent[1], role=Role.AGENT)
    with db.read_session() as session:
        session.execute(text("SELECT 1"))  # connect before the clock starts
    barrier.wait(timeout=120)
    stop, done = time.perf_counter() + seconds, 0
    while time.perf_counter() < stop and claims.next_request(db, actor) is not None:
        done += 1
    out.put(done)
    db.dispose()


def reference(url: str, agent: tuple[int, str], seconds: float, barrier: Barrier,
              out: multiprocessing.Queue[Any]) -> None:
    """The bare psycopg loop: one autocommit SKIP LOCKED UPDATE per claim."""
    _bare_loop(url, agent, seconds, barrier, out, BARE_CLAIM)


def reference_async(url: str, agent: tuple[int, str], seconds: float, barrier: Barrier,
                    out: multiprocessing.Queue[Any]) -> None:
    """The bare loop committing asynchronously, as our claim does."""
    _bare_loop(url, agent, seconds, barrier, out, BARE_CLAIM_ASYNC)


def _bare_loop(url: str, agent: tuple[int, str], seconds: float, barrier: Barrier,
               out: multiprocessing.Queue[Any], claim: str) -> None:
    import psycopg

    plain = make_url(url)
    conn = psycopg.connect(host=plain.host, port=plain.port, user=plain.username,
                           password=plain.password, dbname=plain.database, autocommit=True)
    barrier.wait(timeout=120)
    stop, done = time.perf_counter() + seconds, 0
    while time.perf_counter() < stop:
        if conn.execute(claim, {"me": agent[0]}).fetchone() is None:
            break
        done += 1
    out.put(done)
    conn.close()


def one_run(kind: str, url: URL, agents: list[tuple[int, str]], seconds: float) -> float:
    """Claims per second of ``len(agents)`` processes of ``kind`` over ``seconds``."""
    target = {"ours": ours, "reference": reference, "reference_async": reference_async}[kind]
    barrier = SPAWN.Barrier(len(agents) + 1)
    out: multiprocessing.Queue[Any] = SPAWN.Queue()
    link = url.render_as_string(hide_password=False)
    procs = [SPAWN.Process(target=target, args=(link, a, seconds, barrier, out))
             for a in agents]
    for proc in procs:
        proc.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    total = sum(out.get(timeout=seconds + 120) for _ in procs)
    elapsed = time.perf_counter() - started
    for proc in procs:
        proc.join()
    return total / elapsed


# -- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table and JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get(
        "NIT_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL URL whose user may create databases")
    parser.add_argument("--desks", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--seconds", type=float, default=4.0, help="length of one run")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--queue", type=int, default=30_000, help="open requests per run")
    parser.add_argument("--json", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    server = make_url(args.server)
    url = create_bench_database(server)
    try:
        results = measure(url, args)
    finally:
        drop_bench_database(server, url)
    print_table(results)
    text_json = json.dumps(results, indent=1)
    print(text_json)
    if args.json:
        args.json.write_text(text_json + "\n")
    return 0


def measure(url: URL, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Median claims per second of ours and the reference for every desk count."""
    agents = make_agents(url, max(args.desks))
    results = []
    for desks in args.desks:
        rates: dict[str, list[float]] = {"ours": [], "reference": [], "reference_async": []}
        for _ in range(args.runs):
            for kind in ("reference", "ours", "reference_async"):  # alternate: drift hits all
                fill_queue(url, args.queue)
                rates[kind].append(one_run(kind, url, agents[:desks], args.seconds))
                print(f"  {desks:2d} desks {kind:9s} {rates[kind][-1]:8.0f}/s",
                      file=sys.stderr, flush=True)
        ours_rate = statistics.median(rates["ours"])
        ref_rate = statistics.median(rates["reference"])
        async_rate = statistics.median(rates["reference_async"])
        results.append({
            "name": f"next_request, {desks} desk{'s' if desks > 1 else ''}",
            "desks": desks, "ours_per_s": round(ours_rate, 1),
            "ours_ms": round(1000 * desks / ours_rate, 2),
            "reference": "bare psycopg SKIP LOCKED UPDATE loop",
            "reference_per_s": round(ref_rate, 1),
            "ratio": round(ours_rate / ref_rate, 3),
            "reference_async_per_s": round(async_rate, 1),
            "ratio_vs_async": round(ours_rate / async_rate, 3),
            "runs": {k: [round(r, 1) for r in v] for k, v in rates.items()},
        })
    return results


def print_table(results: list[dict[str, Any]]) -> None:
    """A plain table of the medians."""
    print(f"{'desks':>5} {'ours/s':>9} {'ms/claim':>9} {'bare/s':>9} {'ratio':>6} "
          f"{'bare async/s':>13} {'ratio':>6}")
    for row in results:
        print(f"{row['desks']:>5} {row['ours_per_s']:>9.0f} {row['ours_ms']:>9.2f} "
              f"{row['reference_per_s']:>9.0f} {row['ratio']:>6.2f} "
              f"{row['reference_async_per_s']:>13.0f} {row['ratio_vs_async']:>6.2f}")


if __name__ == "__main__":
    sys.exit(main())
