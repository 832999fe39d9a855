"""Change listeners of a database: each detach removes only its own listener (issue #19).

On PostgreSQL every test shares one ``Database`` object, so a screen of one test that
detached late once silenced the next test's screens: the detach removed every listener of
that database. These tests pin that a detach takes away exactly what its attach added.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.change import Change
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.uow import add_change_listener, change_listener_count

PASSWORD = "длинный пароль 42"


class Recorder:
    """A listener that keeps what it heard (a bound method, as screens pass)."""

    def __init__(self) -> None:
        self.heard: list[Change] = []

    def hear(self, change: Change) -> None:
        self.heard.append(change)


def _commit(db: Database, supervisor: Actor, name: str) -> None:
    users.create_user(db, supervisor, name, Role.AGENT, PASSWORD)


def test_r17_a_detach_leaves_other_listeners_of_the_same_database(
        db: Database, supervisor: Actor) -> None:
    """Two screens on one database: the first one's detach must not silence the second."""
    first, second = Recorder(), Recorder()
    detach_first = add_change_listener(db, first.hear)
    detach_second = add_change_listener(db, second.hear)
    try:
        detach_first()
        _commit(db, supervisor, "vera")
        assert first.heard == []
        assert len(second.heard) == 1
        assert "user" in second.heard[0].entities
    finally:
        detach_second()


def test_a_detach_called_twice_removes_nothing_more(db: Database, supervisor: Actor) -> None:
    """The same listener attached twice (two screens on one bridge) is removed once per detach."""
    recorder = Recorder()
    before = change_listener_count(db)
    detach_one = add_change_listener(db, recorder.hear)
    detach_two = add_change_listener(db, recorder.hear)
    detach_one()
    detach_one()
    assert change_listener_count(db) == before + 1
    _commit(db, supervisor, "vera")
    assert len(recorder.heard) == 1
    detach_two()
    assert change_listener_count(db) == before


def test_the_registry_forgets_a_database_that_is_gone(tmp_path: Path) -> None:
    """Keyed by the database object, not ``id()``: a collected database leaves no entry behind
    that a later object with the same id could inherit."""
    db = open_database(tmp_path / "gone.db")
    add_change_listener(db, Recorder().hear)
    assert change_listener_count(db) == 1
    gone = weakref.ref(db)
    db.dispose()
    del db
    gc.collect()
    assert gone() is None, "the listener registry must not keep a database alive"
