"""A missing, empty or damaged database is never silently replaced (issue 15, items 2-3).

Only the very first start creates the file; after that the desk says what is wrong
in words and offers the newest backup, and restoring it opens the desk again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from nit_desk.app.app import open_prepared_database, run_gui
from nit_desk.domain.types import Role
from nit_desk.services.admin import backups, users
from nit_desk.services.storage import backup_files
from nit_desk.ui.settings import DeskSettings
from tests.conftest import PASSWORD


def _first_start(path: Path, settings: DeskSettings) -> None:
    """What the desk does on its first start: create, migrate, remember; the day's backup."""
    db = open_prepared_database(str(path), had_database=settings.had_database(str(path)))
    users.create_first_supervisor(db, "boss", PASSWORD)
    backups.daily_backup_if_due(db, keep=settings.backups_to_keep())
    db.dispose()
    settings.remember_database(str(path))


def test_the_desk_takes_the_days_backup_once_it_is_up(
        qtbot: QtBot, tmp_path: Path, desk_settings: DeskSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 2: the first start creates the file, remembers it and backs it up (deferred
    so the start is not slowed; here without delay)."""
    from nit_desk.app import app

    monkeypatch.setattr(app, "DAILY_BACKUP_DELAY_MS", 0)
    path = tmp_path / "desk.db"
    seen: list[str] = []
    timer = _answer_boxes(lambda box: box.close(), seen, delay_ms=500)
    assert run_gui(str(path), settings=desk_settings) == 0
    timer.stop()
    assert seen[-1] == "signInDialog"
    qtbot.waitUntil(lambda: bool(backups.list_backups(path)), timeout=10000)
    assert [b.reason for b in backups.list_backups(path)] == ["daily"]
    assert desk_settings.had_database(str(path))


def test_first_start_creates_then_a_missing_file_is_refused(
        tmp_path: Path, desk_settings: DeskSettings) -> None:
    """A later start with the file gone says so and names the newest backup, creating
    nothing."""
    path = tmp_path / "desk.db"
    _first_start(path, desk_settings)
    (daily,) = backups.list_backups(path)
    path.unlink()
    with pytest.raises(backups.DatabaseFileError, match="is missing") as caught:
        open_prepared_database(str(path), had_database=desk_settings.had_database(str(path)))
    assert caught.value.latest is not None and caught.value.latest.path == daily.path
    assert not path.exists()


def _answer_boxes(answer: Callable[[QMessageBox], None], seen: list[str], *,
                  delay_ms: int = 50) -> QTimer:
    """Answer every box and dialog that appears: a message box via ``answer``, others reject."""
    timer = QTimer()
    timer.setInterval(delay_ms)

    def _on_timeout() -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox):
                seen.append(f"{widget.objectName()}: {widget.text()}")
                answer(widget)
            elif isinstance(widget, QDialog):
                seen.append(widget.objectName())
                widget.reject()

    timer.timeout.connect(_on_timeout)
    timer.start()
    return timer


def _restore_button(box: QMessageBox) -> None:
    for button in box.buttons():
        if button.text() == "Restore the backup":
            button.click()
            return
    box.close()


def test_an_emptied_file_offers_the_newest_backup_and_restoring_it_opens_the_desk(
        qtbot: QtBot, tmp_path: Path, desk_settings: DeskSettings) -> None:
    """The box says "empty" in words; Restore puts the backup back and the sign-in shows."""
    path = tmp_path / "desk.db"
    _first_start(path, desk_settings)
    path.write_bytes(b"")
    seen: list[str] = []
    timer = _answer_boxes(_restore_button, seen)
    assert run_gui(str(path), settings=desk_settings) == 0
    timer.stop()
    assert seen[0].startswith("databaseFileBox: The database file") and "is empty" in seen[0]
    assert seen[-1] == "signInDialog"
    assert path.stat().st_size > 0
    assert list(tmp_path.glob("desk.replaced-*.db")), "the emptied file is kept"


def test_closing_the_box_leaves_the_damaged_file_as_it_is(
        qtbot: QtBot, tmp_path: Path, desk_settings: DeskSettings) -> None:
    """Closing instead of restoring: exit 2, the file untouched, nothing created."""
    path = tmp_path / "desk.db"
    _first_start(path, desk_settings)
    path.write_bytes(b"this is not a database" * 100)
    seen: list[str] = []
    timer = _answer_boxes(lambda box: box.close(), seen)
    assert run_gui(str(path), settings=desk_settings) == 2
    timer.stop()
    assert "is not a NIT Desk database" in seen[0]
    assert path.read_bytes() == b"this is not a database" * 100


def test_a_backup_chosen_in_settings_is_restored_at_the_next_start(
        qtbot: QtBot, tmp_path: Path, desk_settings: DeskSettings) -> None:
    """The pending restore runs before the database opens, once."""
    path = tmp_path / "desk.db"
    _first_start(path, desk_settings)
    chosen = backup_files.take_rotating_backup(path, "daily", keep=5)  # boss, no "late"
    db = open_prepared_database(str(path), had_database=True)
    users.create_user(db, users.authenticate(db, "boss", PASSWORD).actor, "late",
                      Role.AGENT, PASSWORD)
    db.dispose()
    desk_settings.set_pending_restore(str(chosen))
    seen: list[str] = []
    timer = _answer_boxes(lambda box: box.button(QMessageBox.StandardButton.Ok).click(), seen)
    assert run_gui(str(path), settings=desk_settings) == 0
    timer.stop()
    assert seen[0].startswith("noteBox: The database was restored from")
    assert desk_settings.pending_restore() == ""
    db = open_prepared_database(str(path), had_database=True)
    try:
        assert [u.username for u in users.list_users(db, users.authenticate(
            db, "boss", PASSWORD).actor)] == ["boss"]
    finally:
        db.dispose()


def test_damage_met_while_opening_is_named_in_words(tmp_path: Path,
                                                   desk_settings: DeskSettings) -> None:
    """The start-up skips the full page check; what SQLite meets is still said in words."""
    path = tmp_path / "desk.db"
    _first_start(path, desk_settings)
    data = bytearray(path.read_bytes())
    for start in range(8192, len(data) - 4096, 3 * 4096):
        data[start:start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(backups.DatabaseFileError, match="is damaged") as caught:
        open_prepared_database(str(path), had_database=True)
    assert caught.value.latest is not None
    assert path.read_bytes() == bytes(data)
