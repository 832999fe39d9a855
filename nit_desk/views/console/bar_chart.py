"""A small horizontal bar chart drawn with QPainter (no QtCharts in PySide6-Essentials)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOUR = "#3b73b9"
ROW_GAP = 6


class BarChart(QWidget):
    """Labelled horizontal bars with their values; the longest bar fills the width."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, int, str]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: Sequence[tuple[str, int]], *, colours: Sequence[str] = (),
                 empty_text: str = "") -> None:
        """Show ``bars`` as (label, value); ``colours`` per bar (default blue)."""
        self.bars = [(label, max(0, int(value)),
                      colours[i] if i < len(colours) else BAR_COLOUR)
                     for i, (label, value) in enumerate(bars)]
        self.empty_text = empty_text
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for the title and every bar."""
        rows = max(1, len(self.bars)) + (1 if self.title else 0)
        return QSize(320, rows * (self._row_height() + ROW_GAP) + ROW_GAP)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As tall as the size hint: bars are never squeezed."""
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Title, then one row per bar: label, bar, value."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        row_h = self._row_height()
        y = float(ROW_GAP)
        if self.title:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y, self.width(), row_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.title)
            font.setBold(False)
            painter.setFont(font)
            y += row_h + ROW_GAP
        if not self.bars or not any(v for _l, v, _c in self.bars):
            painter.setPen(self.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(0, y, self.width(), row_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.empty_text)
            painter.end()
            return
        label_w = min(max(metrics.horizontalAdvance(label) for label, _v, _c in self.bars) + 12,
                      self.width() // 2)
        value_w = max(metrics.horizontalAdvance(str(v)) for _l, v, _c in self.bars) + 10
        top = max(v for _l, v, _c in self.bars)
        span = max(10.0, self.width() - label_w - value_w - 4)
        for label, value, colour in self.bars:
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y, label_w - 8, row_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                label_w - 8))
            width = span * value / top if top else 0.0
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(label_w, y + 3, max(width, 1.5), row_h - 6), 2, 2)
            painter.setPen(text_colour)
            painter.drawText(QRectF(label_w + width + 5, y, value_w, row_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             str(value))
            y += row_h + ROW_GAP
        painter.end()
