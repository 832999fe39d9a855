"""Edits that meet: two agents change the same client, request or estimate (issue 6, R17).

Each form keeps the ``version`` it was loaded at. The second save is refused
with "changed by <user> at <time>", the first agent's change stays as it was,
and after a reload the second agent re-applies on top of it. Runs on both
backends; the simultaneous case checks that the database, not luck, decides.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from nit_desk.domain.errors import Conflict
from nit_desk.domain.types import Unit
from nit_desk.services.actor import Actor
from nit_desk.services.clients import clients
from nit_desk.services.money import estimates
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.queue import queue
from nit_desk.services.storage.engine import Database
from tests.services.agent_support import new_client

CHANGED_BY = r"changed by {name} at (\d{{2}}\.\d{{2}}\.\d{{4}} )?\d{{2}}:\d{{2}}"


def _refusal(call: Callable[[], Any]) -> str:
    with pytest.raises(Conflict) as caught:
        call()
    return caught.value.message


def test_r17_second_client_save_is_refused_naming_who_and_when(
        db: Database, agent: Actor, agent2: Actor) -> None:
    """Anna and Boris open the same card; Boris saves after Anna: refused, nothing lost."""
    client_id = new_client(db, agent).client.id
    annas_form = clients.client_card(db, agent, client_id)
    boris_form = clients.client_card(db, agent2, client_id)
    clients.update_client(db, agent, client_id, annas_form.version,
                          system_info="Windows 11 Pro, 16 GB RAM")
    message = _refusal(lambda: clients.update_client(
        db, agent2, client_id, boris_form.version, system_info="Ubuntu 22.04"))
    assert re.search(CHANGED_BY.format(name="anna"), message), message
    assert clients.client_card(db, agent2, client_id).system_info == "Windows 11 Pro, 16 GB RAM"
    reloaded = clients.client_card(db, agent2, client_id)  # Boris reloads and re-applies
    saved = clients.update_client(db, agent2, client_id, reloaded.version,
                                  system_info="Ubuntu 22.04")
    assert saved.system_info == "Ubuntu 22.04"
    assert saved.version == reloaded.version + 1


def test_r14_second_flags_save_is_refused_naming_who_and_when(
        db: Database, agent: Actor, agent2: Actor) -> None:
    """The request's scheme flags (R14): the stale save is refused and changes nothing."""
    request_id = new_client(db, agent).request_id
    annas = queue.request_detail(db, agent, request_id)
    boris = queue.request_detail(db, agent2, request_id)
    queue.update_flags(db, agent, request_id, annas.version, has_specification=True,
                       offline_work=False, onsite_visit=False)
    message = _refusal(lambda: queue.update_flags(
        db, agent2, request_id, boris.version, has_specification=False, offline_work=True,
        onsite_visit=True, visit_address="Moscow, Tverskaya 1"))
    assert re.search(CHANGED_BY.format(name="anna"), message), message
    now = queue.request_detail(db, agent2, request_id)
    assert (now.has_specification, now.offline_work, now.onsite_visit) == (True, False, False)
    again = queue.update_flags(db, agent2, request_id, now.version, has_specification=True,
                               offline_work=True, onsite_visit=False)
    assert (again.has_specification, again.offline_work) == (True, True)


def test_r15_second_draft_save_is_refused_naming_who_and_when(
        db: Database, agent: Actor, agent2: Actor) -> None:
    """An estimate draft (R15): Boris's stale lines do not replace Anna's."""
    request_id = new_client(db, agent).request_id
    draft = estimates.create_draft(db, agent, request_id)
    annas_lines = [LineInput("Чистка ноутбука", Decimal("1"), Unit.PIECE, 150_000)]
    boris_lines = [LineInput("Диагностика", Decimal("0.5"), Unit.HOUR, 100_000)]
    estimates.save_draft(db, agent, draft.id, draft.version, lines=annas_lines, note="")
    message = _refusal(lambda: estimates.save_draft(
        db, agent2, draft.id, draft.version, lines=boris_lines, note="mine"))
    assert re.search(CHANGED_BY.format(name="anna"), message), message
    current = next(v for v in estimates.list_versions(db, agent2, request_id)
                   if v.id == draft.id)
    assert [line.description for line in current.lines] == ["Чистка ноутбука"]
    assert current.total_kopecks == 150_000
    merged = estimates.save_draft(db, agent2, draft.id, current.version,
                                  lines=annas_lines + boris_lines, note="mine")
    assert merged.total_kopecks == 150_000 + 50_000


def test_simultaneous_saves_one_wins_the_other_is_told(
        db: Database, agent: Actor, agent2: Actor) -> None:
    """Two saves released at the same instant from the same version: exactly one lands,
    the other is a Conflict, and the stored value is the winner's."""
    client_id = new_client(db, agent).client.id
    version = clients.client_card(db, agent, client_id).version
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(actor: Actor, text: str) -> None:
        barrier.wait()
        try:
            clients.update_client(db, actor, client_id, version, system_info=text)
            outcome[actor.username] = "saved"
        except Conflict as exc:
            outcome[actor.username] = exc.message

    threads = [threading.Thread(target=save, args=(agent, "anna's text")),
               threading.Thread(target=save, args=(agent2, "boris's text"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, result in outcome.items() if result == "saved"]
    assert len(winners) == 1, outcome
    loser = "boris" if winners == ["anna"] else "anna"
    assert re.search(CHANGED_BY.format(name=winners[0]), outcome[loser]) or \
        "changed this meanwhile" in outcome[loser], outcome
    stored = clients.client_card(db, agent, client_id).system_info
    assert stored == f"{winners[0]}'s text"
