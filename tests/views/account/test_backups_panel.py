"""Settings shows the rotating backups with their dates and chooses one to restore (item 2)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from nit_desk.services.admin import users
from nit_desk.services.storage import backup_files
from nit_desk.services.storage.engine import Database
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.account.settings_dialog import SettingsDialog
from tests.conftest import PASSWORD


def test_backups_are_listed_newest_first_and_one_is_chosen_for_restore(
        qtbot: QtBot, sqlite_db: Database, desk_settings: DeskSettings) -> None:
    """Dates and reasons are shown; Restore asks, then remembers the file for the next start."""
    users.create_first_supervisor(sqlite_db, "boss", PASSWORD)
    live = Path(str(sqlite_db.url.database))
    older = backup_files.take_rotating_backup(live, "before-0002", keep=5,
                                              now=datetime(2026, 11, 30, 8, 15))
    newer = backup_files.take_rotating_backup(live, "daily", keep=5,
                                              now=datetime(2026, 12, 1, 9, 0))
    dialog = SettingsDialog(desk_settings, database_file=live)
    qtbot.addWidget(dialog)
    panel = dialog.backups_panel
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert texts[0].startswith("2026-12-01 09:00 — daily")
    assert texts[1].startswith("2026-11-30 08:15 — before upgrade")
    assert not panel.restore_button.isEnabled()
    panel.list.setCurrentRow(0)
    panel.restore_button.click()
    box = next(w for w in dialog.findChildren(QMessageBox) if w.objectName() ==
               "restoreConfirmBox")
    box.button(QMessageBox.StandardButton.Yes).click()
    assert desk_settings.pending_restore() == str(newer)
    assert "next time" in panel.note.text()
    assert older.exists()


def test_how_many_backups_to_keep_is_a_setting(qtbot: QtBot, desk_settings: DeskSettings,
                                               tmp_path: Path) -> None:
    """The spin box saves with the dialog; a hand-edited nonsense value falls back."""
    dialog = SettingsDialog(desk_settings, database_file=tmp_path / "nit.db")
    qtbot.addWidget(dialog)
    assert dialog.backups_panel.keep_spin.value() == 10
    dialog.backups_panel.keep_spin.setValue(3)
    dialog.accept()
    assert desk_settings.backups_to_keep() == 3
    desk_settings._store.setValue("db/backups_to_keep", "lots")
    assert desk_settings.backups_to_keep() == 10


def test_a_server_database_says_who_backs_it_up(qtbot: QtBot,
                                                desk_settings: DeskSettings) -> None:
    """PostgreSQL: no list, a note about pg_dump."""
    dialog = SettingsDialog(desk_settings, database_file=None)
    qtbot.addWidget(dialog)
    assert "pg_dump" in dialog.backups_panel.note.text()
    assert not dialog.backups_panel.restore_button.isEnabled()
