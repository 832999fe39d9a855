"""Colours that stay readable in light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette


def is_dark() -> bool:
    """Whether the application's palette draws light text on a dark base."""
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone(light: str, dark: str) -> str:
    """``light`` on a light palette, ``dark`` (a lighter tint) on a dark one."""
    return dark if is_dark() else light
