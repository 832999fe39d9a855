"""Russian throughout (issue #14, item 3): no stray Latin word on a Russian screen.

Every screen ``nit-desk screenshot`` renders is built on its demo database with
the Russian catalog installed; every text a user reads on it (labels, buttons,
tab and group titles, placeholders, combo items, table headers and cells) is
walked, and any Latin-letter word that is not a proper name, handle, address or
unit (:data:`nit_desk.app.screen_words.ALLOWED`) fails the test, named with its
screen and widget.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from nit_desk.app import screenshot
from nit_desk.app.screen_words import latin_words, visible_texts
from nit_desk.demo import demo
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, ClientContact
from nit_desk.ui import i18n

DEMO_NAMES = frozenset({demo.DEMO_SUPERVISOR, *demo.DEMO_AGENTS})
"""The demo users' logins: a login is a handle the user chose, shown as typed."""


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[i18n.TranslationState]:
    """The application in Russian for one test, then back to the source texts."""
    state = i18n.install_translators(qapp, "ru")
    yield state
    i18n.remove_translators()


def _client_handles(db: Database) -> frozenset[str]:
    """Every demo client's handle and messenger account, whole (``olga_ok``): the names
    the clients chose are shown as they wrote them (R2)."""
    with db.read_session() as s:
        handles = [*s.execute(select(Client.handle)).scalars(),
                   *s.execute(select(ClientContact.value)).scalars()]
    return frozenset(h.lower().lstrip("@") for h in handles if h)


async def _latin_on_every_screen(folder: Path) -> dict[str, list[str]]:
    """Build each screenshot screen and collect "widget: word in 'text'" findings."""
    from nit_desk.app.bindings import attach_database
    from nit_desk.ui.events import AppEvents
    from nit_desk.ui.runner import ServiceRunner
    from nit_desk.ui.session import Session
    from nit_desk.ui.settings import DeskSettings

    loop = asyncio.get_running_loop()
    db, agent, boss, clients = await loop.run_in_executor(None, screenshot.prepare_database,
                                                          folder)
    settings = DeskSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    runner, events = ServiceRunner(), AppEvents()
    detach = attach_database(events, db)
    shot = screenshot.ShotContext(db, Session(db, agent, runner, events, settings),
                                  Session(db, boss, runner, events, settings), clients, folder)
    names = DEMO_NAMES | await loop.run_in_executor(None, _client_handles, db)
    found: dict[str, list[str]] = {}
    try:
        for name, build in screenshot.SCREENS:
            widget = await build(shot)
            try:
                for where, text in visible_texts(widget):
                    words = latin_words(text, names)
                    if words:
                        found.setdefault(name, []).append(f"{where}: {words} in {text!r}")
            finally:
                widget.hide()
                widget.deleteLater()
                await asyncio.sleep(0.05)
    finally:
        detach()
        runner.shutdown(wait=True)
        events.deleteLater()
        db.dispose()
    return found


@pytest.mark.slow
def test_every_screen_in_russian_has_no_stray_latin_word(
        qtbot: QtBot, qloop: asyncio.AbstractEventLoop, russian: i18n.TranslationState,
        tmp_path: Path) -> None:
    """Each screenshot screen in Russian shows only Russian words, proper names,
    handles, addresses and units: no raw enum value, field name, id or English text."""
    assert russian.language == "ru"
    task = asyncio.ensure_future(_latin_on_every_screen(tmp_path))
    qtbot.waitUntil(task.done, timeout=600_000)
    found = task.result()
    listing = "\n".join(f"{name}:\n    " + "\n    ".join(lines[:25])
                        for name, lines in found.items())
    assert not found, f"Latin words on Russian screens:\n{listing}"


@pytest.mark.parametrize(("text", "words"), [
    ("Клиент @pc_slow_msk пишет в Telegram", []),
    ("почта ivan@example.ru, vk.com/id123, tg://resolve?domain=anna", []),
    ("Windows 11 Pro 23H2, 16 GB RAM", []),
    ("olga_ok: предложена → согласована", []),
    ("olga_ok: proposed", ["proposed"]),
    ("proposed → agreed", ["proposed", "agreed"]),
    ("Поле void_reason пустое", ["void", "reason"]),
    ("клиент отказался (R12, R3)", ["R12", "R3"]),
    ("sensitive:1", ["sensitive"]),
    ("Request created", ["Request", "created"]),
])
def test_latin_words_leave_names_handles_and_units(text: str, words: list[str]) -> None:
    """The checker flags English words and raw values, not proper names or handles."""
    assert latin_words(text, frozenset({"olga_ok"})) == words
