"""The server password never lands in a file: settings, log, crash report (issue 15, item 5).

The password holds every character that broke the old parsing (``# / ? @ :``).
After the desk has used it, the settings file, every file in the log folder and
the crash dialog's text are searched for it (and its percent-encoded form).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from nit_desk.app.app import open_prepared_database, run_gui
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.ui import errors
from nit_desk.ui.logging_setup import setup_logging, shutdown_logging
from nit_desk.ui.settings import DeskSettings
from tests.qt_fixtures import MemoryKeyring

PASSWORD = "Zq#7/x?y@w:rd"
"""Holds # / ? @ : — the characters that used to reach the settings file and a traceback."""
FRAGMENTS = [PASSWORD, quote(PASSWORD, safe=""), "Zq#7", "w:rd"]


def _leaks(text: str) -> list[str]:
    return [fragment for fragment in FRAGMENTS if fragment in text]


def _with_password(url: URL) -> str:
    """The test server's URL with PASSWORD typed into it as it is (trust auth ignores it)."""
    plain = url.render_as_string(hide_password=True).replace("***@", "@")
    scheme, _, rest = plain.partition("://")
    user, _, address = rest.partition("@")
    return f"{scheme}://{user.split(':')[0]}:{PASSWORD}@{address}"


@pytest.fixture
def scratch_pg(pg_database: Database) -> Iterator[URL]:
    """A migrated database of our own on the test server, dropped afterwards."""
    name = f"nit_pw_files_{os.getpid()}"
    admin = create_engine(pg_database.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = pg_database.url.set(database=name)
    db = open_database(url)
    migrate.upgrade(db)
    db.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_settings_keep_the_address_and_drop_any_password(desk_settings: DeskSettings,
                                                         tmp_path: Path) -> None:
    """The Settings dialog and the connection dialog both store through set_database_target."""
    desk_settings.set_database_target(f"postgresql://anna:{PASSWORD}@db.office:5432/nit")
    desk_settings.sync()
    assert desk_settings.database_target() == "postgresql://anna@db.office:5432/nit"
    assert _leaks((tmp_path / "settings.ini").read_text(encoding="utf-8")) == []


def test_a_password_left_by_an_older_desk_is_removed_from_the_settings_file(
        desk_settings: DeskSettings, tmp_path: Path) -> None:
    """The old parsing stored such URLs in clear; the first read scrubs the file."""
    desk_settings._store.setValue("db/target", f"postgresql://anna:{PASSWORD}@db.office/nit")
    desk_settings.sync()
    assert desk_settings.database_target() == "postgresql://anna@db.office/nit"
    assert _leaks((tmp_path / "settings.ini").read_text(encoding="utf-8")) == []


def test_run_gui_with_a_password_in_the_url_writes_it_nowhere(
        qtbot: QtBot, scratch_pg: URL, tmp_path: Path, nit_desk_home: Path,
        memory_keyring: MemoryKeyring) -> None:
    """The whole start-up with such a URL: it opens, the password goes to the keyring only."""
    settings_file = tmp_path / "desk.ini"
    settings = DeskSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    settings.set_database_target(_with_password(scratch_pg))
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(50)

    def _on_timeout() -> None:  # the sign-in dialog appearing means the database opened
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                seen.append(widget.objectName())
                widget.reject()

    timer.timeout.connect(_on_timeout)
    timer.start()
    assert run_gui(_with_password(scratch_pg), settings=settings) == 0
    timer.stop()
    assert seen == ["signInDialog"]
    settings.sync()
    files = [settings_file, *sorted((nit_desk_home / "logs").rglob("*"))]
    assert any(f.name == "nit-desk.log" for f in files)
    assert {str(f): _leaks(f.read_text(encoding="utf-8", errors="replace"))
            for f in files if f.is_file()} == {str(f): [] for f in files if f.is_file()}
    assert PASSWORD in memory_keyring.passwords.values()


def test_log_lines_and_the_crash_report_are_scrubbed(
        qtbot: QtBot, scratch_pg: URL, tmp_path: Path) -> None:
    """Whatever quotes the password later (a URL, an exception) is masked in the log
    file and in the crash dialog's text."""
    log_path = setup_logging(tmp_path / "logs")
    shown: list[str] = []

    def crash_dialog(details: str, _log: Path | None, parent: QWidget | None) -> QDialog:
        shown.append(details)
        return QDialog(parent)

    reporter = errors.install_error_handling(log_path, crash_dialog=crash_dialog)
    try:
        db = open_prepared_database(_with_password(scratch_pg))
        db.dispose()
        url = _with_password(scratch_pg)
        logging.getLogger("nit_desk.test").error("Could not reach %s", url)
        logging.getLogger("nit_desk.test").warning("driver said: password %s refused", PASSWORD)
        try:
            raise RuntimeError(f"connection to {url} failed; tried {PASSWORD!r}")
        except RuntimeError as exc:
            reporter.report(type(exc), exc, exc.__traceback__)
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        errors.uninstall_error_handling()
        shutdown_logging()
    text_of_log = log_path.read_text(encoding="utf-8")
    assert "Could not reach" in text_of_log and "RuntimeError" in text_of_log
    assert _leaks(text_of_log) == []
    assert "RuntimeError" in shown[0] and _leaks(shown[0]) == []
