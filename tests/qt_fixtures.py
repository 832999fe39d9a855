"""Fixtures of the Qt-side tests: a runner, events, settings, a fake keyring, a home folder.

The ``conftest.py`` of ``tests/app``, ``tests/ui``, ``tests/views`` and ``tests/models``
import them, so the autouse ones (the in-memory keyring, the test's own data folder)
apply to those folders only, as they applied to the one ``tests/gui`` before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from nit_desk.app.app import build_main_window
from nit_desk.app.bindings import attach_database
from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.main_window import MainWindow


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict, so tests never touch the real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored password, if any."""
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a password."""
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Forget a password."""
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every GUI test uses an in-memory keyring."""
    previous = keyring.get_keyring()
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    yield fake
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def nit_desk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data and log folders inside the test's temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("NIT_DESK_HOME", str(home))
    return home


@pytest.fixture
def runner(qloop: asyncio.AbstractEventLoop) -> Iterator[ServiceRunner]:
    """A one-worker service runner, shut down after the test."""
    service_runner = ServiceRunner()
    yield service_runner
    service_runner.shutdown(wait=True)


@pytest.fixture
def events(qloop: asyncio.AbstractEventLoop) -> AppEvents:
    """The application events bridge."""
    return AppEvents()


@pytest.fixture
def session(db: Database, agent: Actor, runner: ServiceRunner, events: AppEvents) -> Session:
    """Anna's session on the test database (no main window, no change listener)."""
    return Session(db, agent, runner, events)


@pytest.fixture
def supervisor_session(db: Database, supervisor: Actor, runner: ServiceRunner,
                       events: AppEvents) -> Session:
    """Sergei the supervisor's session on the test database."""
    return Session(db, supervisor, runner, events)


@pytest.fixture
def desk_settings(tmp_path: Path) -> DeskSettings:
    """Settings in an INI file of the test, never the user's."""
    return DeskSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, db: Database, agent: Actor, runner: ServiceRunner,
           events: AppEvents, desk_settings: DeskSettings) -> Iterator[MainWindow]:
    """Anna's main window, shown; commits reach its screens as data_changed."""
    detach = attach_database(events, db)
    main = build_main_window(db, agent, runner, events, desk_settings)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    yield main
    detach()


def card_of(window: MainWindow) -> ClientCardView:
    """The client card placed in the window."""
    card = window.card_area.content
    assert isinstance(card, ClientCardView)
    return card
