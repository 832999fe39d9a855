"""The queue table's delegate: one Python call per painted cell.

Qt's own delegate asks the model for seven roles of every visible cell
(display, font, alignment, foreground, background, check state, decoration),
each a call from C++ into Python: a full queue screen made some 1,500 of them,
and they cost more than drawing the text. This delegate asks
:meth:`QueueModel.painted_cell` once per cell for the same values and fills
the style option exactly as Qt's ``initStyleOption`` would, so the queue looks
the same and repaints about a sixth faster (``benchmarks/queue_bench.py``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from nit_desk.models.queue_model import QueueModel

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_TEXT = QPalette.ColorRole.Text
_NO_BRUSH = QBrush()


class QueueDelegate(QStyledItemDelegate):
    """Paints queue cells from the model's per-row cache."""

    def __init__(self, model: QueueModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                        index: QModelIndex | QPersistentModelIndex) -> None:
        """Fill ``option`` for ``index`` as Qt's delegate does, from one cache lookup."""
        if not isinstance(index, QModelIndex) or index.model() is not self._model:
            super().initStyleOption(option, index)
            return
        cell = self._model.painted_cell(index.row(), index.column())
        if cell is None:
            super().initStyleOption(option, index)
            return
        option.index = index
        font = cell.get(_FONT)
        if font is not None:
            option.font = font
            option.fontMetrics = QFontMetrics(font)
        alignment = cell.get(_ALIGNMENT)
        if alignment is not None:
            option.displayAlignment = alignment
        foreground: Any = cell.get(_FOREGROUND)
        if foreground is not None:
            palette = option.palette
            palette.setBrush(_TEXT, QBrush(foreground))
            option.palette = palette
        text = cell.get(_DISPLAY)
        if text is not None:
            option.features |= _HAS_DISPLAY
            option.text = text
        background = cell.get(_BACKGROUND)
        option.backgroundBrush = QBrush(background) if isinstance(background, QColor) \
            else _NO_BRUSH
