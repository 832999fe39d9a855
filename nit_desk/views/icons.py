"""Small icons drawn with QPainter, so they never depend on a font having a glyph.

A button labelled "⧉" shows an empty box where the font lacks that character
(DejaVu on Linux; Segoe UI on Windows lacks several arrows too). These icons
are painted lines in the palette's text colour, so they look the same on every
system and follow a dark palette.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap

_SIZES = (16, 20, 24, 32, 48)
"""Pixel sizes painted for each icon (small buttons at 100-300 % scaling)."""


def copy_icon() -> QIcon:
    """Two overlapping sheets: "copy to the clipboard"."""
    return _painted(_paint_copy)


def open_icon() -> QIcon:
    """A box with an arrow leaving it: "open outside the desk" (the chat, mail, a call)."""
    return _painted(_paint_open)


def _painted(paint: Callable[[QPainter, float], None]) -> QIcon:
    colour = QGuiApplication.palette().color(QPalette.ColorRole.ButtonText)
    icon = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_pen(colour, size))
        paint(painter, size / 16)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _pen(colour: QColor, size: int) -> QPen:
    pen = QPen(colour, max(1.2, size / 13))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _paint_copy(painter: QPainter, k: float) -> None:
    painter.drawRoundedRect(QRectF(5.5 * k, 5.5 * k, 8 * k, 8.5 * k), 1.2 * k, 1.2 * k)
    back = [QPointF(3.5 * k, 10.5 * k), QPointF(2.5 * k, 10.5 * k), QPointF(2.5 * k, 2.5 * k),
            QPointF(10 * k, 2.5 * k), QPointF(10 * k, 3.5 * k)]
    painter.drawPolyline(back)


def _paint_open(painter: QPainter, k: float) -> None:
    box = [QPointF(7 * k, 3.5 * k), QPointF(3 * k, 3.5 * k), QPointF(3 * k, 13 * k),
           QPointF(12.5 * k, 13 * k), QPointF(12.5 * k, 9 * k)]
    painter.drawPolyline(box)
    painter.drawLine(QPointF(7.5 * k, 8.5 * k), QPointF(13.5 * k, 2.5 * k))
    painter.drawPolyline([QPointF(9.5 * k, 2.5 * k), QPointF(13.5 * k, 2.5 * k),
                          QPointF(13.5 * k, 6.5 * k)])
