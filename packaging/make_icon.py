#!/usr/bin/env python3
"""Draw the NIT Desk icon with QPainter and write ``nit-desk.png`` and ``nit-desk.ico``.

    .venv/bin/python packaging/make_icon.py

The icon is a blue rounded square with a white speech bubble (a call centre
answering a client) holding three dots; small sizes are drawn separately
with thicker shapes so they stay crisp at 16 px. The ``.ico`` holds 16-256 px
images: 32-bit DIBs up to 128 px (every Windows and NSIS read them) and PNG for
256 px, the way Windows' own icons are made. Both files are committed; run
this script only when the design changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
)

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
TOP, BOTTOM = QColor("#2f7de1"), QColor("#174ea6")


def draw(size: int) -> QImage:
    """The icon drawn at ``size`` x ``size`` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    margin = 0.0 if size <= 24 else s * 0.04
    tile = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0.0, TOP)
    gradient.setColorAt(1.0, BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    radius = tile.width() * 0.22
    p.drawRoundedRect(tile, radius, radius)
    _bubble(p, tile, small=size <= 24)
    p.end()
    return image


def _bubble(p: QPainter, tile: QRectF, *, small: bool) -> None:
    """The white speech bubble with a tail at the lower left, and three blue dots."""
    w = tile.width()
    inset = w * (0.16 if small else 0.19)
    body = QRectF(tile.left() + inset, tile.top() + inset * 1.05,
                  w - 2 * inset, (w - 2 * inset) * 0.68)
    path = QPainterPath()
    path.addRoundedRect(body, body.height() * 0.32, body.height() * 0.32)
    tail = QPainterPath()
    tail.moveTo(body.left() + body.width() * 0.22, body.bottom() - 1)
    tail.lineTo(body.left() + body.width() * 0.12, body.bottom() + body.height() * 0.42)
    tail.lineTo(body.left() + body.width() * 0.46, body.bottom() - 1)
    tail.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(path.united(tail))
    p.setBrush(BOTTOM)
    radius = body.height() * (0.14 if small else 0.11)
    for i in (-1, 0, 1):
        centre = QPointF(body.center().x() + i * body.width() * 0.25, body.center().y())
        p.drawEllipse(centre, radius, radius)


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """``image`` as an ICO entry: BITMAPINFOHEADER, bottom-up BGRA rows, AND mask."""
    img = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory (little endian)
    size = img.width()
    rows = [bytes(img.constScanLine(y))[: size * 4] for y in range(size)]
    mask_row = ((size + 31) // 32) * 4
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0,
                         size * size * 4 + mask_row * size, 0, 0, 0, 0)
    return header + b"".join(reversed(rows)) + b"\0" * (mask_row * size)


def ico_bytes(images: list[QImage]) -> bytes:
    """A multi-size ``.ico`` file of ``images`` (PNG for 256 px, DIB below)."""
    entries = [png_bytes(i) if i.width() >= 256 else dib_bytes(i) for i in images]
    offset = 6 + 16 * len(images)
    out = [struct.pack("<HHH", 0, 1, len(images))]
    for image, data in zip(images, entries, strict=True):
        side = image.width() if image.width() < 256 else 0
        out.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        offset += len(data)
    return b"".join(out + entries)


def main() -> int:
    """Write ``nit-desk.png`` (256 px) and ``nit-desk.ico`` into the resources."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    (ICONS / "nit-desk.png").write_bytes(png_bytes(images[-1]))
    (ICONS / "nit-desk.ico").write_bytes(ico_bytes(images))
    print(f"wrote {ICONS / 'nit-desk.png'} and {ICONS / 'nit-desk.ico'} ({len(SIZES)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
