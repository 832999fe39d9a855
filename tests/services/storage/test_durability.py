"""A desk killed mid-stream loses nothing it reported as saved, and leaves no damage.

A child process takes first contacts through the real intake service one
after another and prints each committed client and request id. The parent
kills it with SIGKILL part-way (no clean-up, no atexit, possibly inside a
transaction); every id the child reported must be in the database, and
``nit-desk check`` (file integrity, foreign keys, audit chain) must pass.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit import verify_audit_chain
from nit_desk.services.admin.users import authenticate
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, Request
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[3]
REPORTED_BEFORE_KILL = 25

_INTAKE_STREAM = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime, timedelta
    from nit_desk.domain.types import Network
    from nit_desk.services.admin import users
    from nit_desk.services.clients import clients
    from nit_desk.services.storage.engine import open_database

    db = open_database(sys.argv[1])
    agent = users.authenticate(db, "anna", sys.argv[2]).actor
    deadline = datetime.now(UTC) + timedelta(days=2)
    for i in range(100_000):
        result = clients.intake(db, agent, clients.IntakeForm(
            handle=f"durable_{i}", phone=f"+7 912 8{i:06d}",
            email=f"durable{i}@example.ru", messengers=[(Network.TELEGRAM, f"@durable_{i:05d}")],
            channel=Network.TELEGRAM, system_info="Windows 10", description="Не грузится",
            deadline=deadline))
        print(result.client.id, result.request_id, flush=True)
""")


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_every_reported_write_survives_sigkill_and_check_passes(
        db: Database, agent: Actor) -> None:
    """R17 and durability: what a killed desk said it saved is there, and intact."""
    authenticate(db, "anna", PASSWORD)  # the agent exists and can sign in
    child = subprocess.Popen([sys.executable, "-c", _INTAKE_STREAM, _url(db), PASSWORD],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    reported: list[tuple[int, int]] = []
    try:
        while len(reported) < REPORTED_BEFORE_KILL:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "child ended early"
            client_id, request_id = map(int, line.split())
            reported.append((client_id, request_id))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with db.read_session() as s:
        saved_clients = set(s.execute(select(Client.id)).scalars())
        saved_requests = set(s.execute(select(Request.id)).scalars())
    assert {c for c, _ in reported} <= saved_clients
    assert {r for _, r in reported} <= saved_requests
    assert len(saved_clients) >= len(reported)

    report = verify_audit_chain(db)
    assert report.intact, report.problem
    check = subprocess.run([sys.executable, "-m", "nit_desk", "check", "--db", _url(db)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith(f"OK: {report.count} audit entries intact")
