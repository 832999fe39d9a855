"""File → Settings…: language, database and theme are kept; the theme applies at once."""

from __future__ import annotations

import asyncio

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nit_desk.ui.settings import DeskSettings
from nit_desk.ui.theme import apply_theme
from nit_desk.views.account.settings_dialog import SettingsDialog


def test_theme_choice_is_saved_and_applied(qtbot: QtBot, desk_settings: DeskSettings,
                                           qloop: asyncio.AbstractEventLoop) -> None:
    """Dark chosen in the dialog is stored and asked of Qt; "follow the system" resets it."""
    dialog = SettingsDialog(desk_settings)
    qtbot.addWidget(dialog)
    try:
        dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ru"))
        dialog.accept()
        assert desk_settings.theme() == "dark" and desk_settings.language() == "ru"
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        assert window.lightness() < 100, window.name()
        again = SettingsDialog(desk_settings)
        qtbot.addWidget(again)
        assert again.theme_combo.currentData() == "dark"
    finally:
        apply_theme("")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_unknown_theme_in_the_settings_file_means_follow_the_system(
        desk_settings: DeskSettings) -> None:
    """A hand-edited settings file cannot select a theme that does not exist."""
    desk_settings.set_theme("purple")
    assert desk_settings.theme() == ""
