"""The queue table's delegate: plain cells painted from cached glyphs.

A queue screen is some 200 cells, repainted at every scroll step, selection,
minute tick and new page. Qt's own delegate asks the model for seven roles of
every cell (each a call from C++ into Python) and then lays the text out again
(itemizing and shaping every string) at every paint; together that was most of
a repaint. This delegate

* reads each cell's look in one call, :meth:`QueueModel.painted_cell`;
* paints a *plain* cell — not selected, focused, hovered or edited — itself:
  the background brush, then the text as a :class:`QStaticText` laid out once
  per text, font and cell size, at the place and in the colour Qt's common
  style would draw it;
* paints an icon (the overdue clock) where Qt's common style puts it;
* leaves every other cell, and every cell under a style that draws item cells
  its own way (native Windows and macOS styles, style sheets, proxy styles), to
  Qt's own painting, fed by the same one-call lookup.

Under the styles it paints itself (Fusion, Windows classic) the result is
pixel-for-pixel what Qt's delegate paints; ``tests/views/queue/test_queue_delegate.py``
compares the two screens, and ``benchmarks/queue_delegate_ab.py`` the times.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from nit_desk.models.queue.queue_model import QueueModel

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_TEXT = QPalette.ColorRole.Text
_NO_BRUSH = QBrush()

PLAIN_STYLES = frozenset({"QFusionStyle", "QWindowsStyle"})
"""Styles that paint an item cell as Qt's common style does (background, then text)."""
_NOT_PLAIN = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus
              | QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Editing).value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ENABLED_ACTIVE = _ENABLED | _ACTIVE
_GROUPS = {_ENABLED_ACTIVE: QPalette.ColorGroup.Active, _ENABLED: QPalette.ColorGroup.Inactive,
           _ACTIVE: QPalette.ColorGroup.Disabled, 0: QPalette.ColorGroup.Disabled}
"""The palette group Qt's common style takes the text colour from, by state."""
_HORIZONTAL = Qt.AlignmentFlag.AlignHorizontal_Mask.value
_VERTICAL = Qt.AlignmentFlag.AlignVertical_Mask.value
TEXT_CACHE_SIZE = 2000
"""Laid-out texts kept; a screen needs a few hundred, so the cache refills rarely."""


@dataclass(frozen=True, slots=True)
class _LaidOut:
    """A cell's text laid out once, and where it (and its icon, if any) sits in the cell."""

    text: QStaticText
    dx: int
    dy: int
    icon: QRect | None = None
    """Where the cell's icon goes, relative to the cell (None: no icon)."""
    icon_alignment: Qt.AlignmentFlag | None = None


class QueueDelegate(QStyledItemDelegate):
    """Paints queue cells from the model's per-row cache."""

    def __init__(self, model: QueueModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._texts: dict[tuple[Any, ...], _LaidOut] = {}
        self._style: QStyle | None = None
        """The view's style when last checked; None after a StyleChange."""
        self._plain_style = False
        self._watched: QWidget | None = None
        self._colours: dict[tuple[int, QPalette.ColorGroup], QColor] = {}

    @property
    def laid_out_texts(self) -> int:
        """How many cell texts are laid out and kept (0: Qt paints every cell)."""
        return len(self._texts)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Paint a plain cell from cached glyphs; anything else as Qt's delegate does."""
        state = option.state.value
        cell = None if state & _NOT_PLAIN else self._cell(index)
        if cell is None or not (self._plain_style if self._style is not None
                                else self._check_style(option)):
            super().paint(painter, option, index)
            return
        rect = option.rect
        background = cell[_BACKGROUND]
        if background is not None:
            painter.fillRect(rect, background)
        text = cell[_DISPLAY]
        if not text:
            return
        font = cell[_FONT] or option.font
        icon = cell[_DECORATION]
        laid = self._laid_out(option, index, text, font, cell[_ALIGNMENT], icon is not None)
        if icon is not None and laid.icon is not None and laid.icon_alignment is not None:
            # as Qt's common style: Normal (a plain cell is never selected), or Disabled
            mode = QIcon.Mode.Normal if state & _ENABLED else QIcon.Mode.Disabled
            icon.paint(painter, laid.icon.translated(rect.topLeft()), laid.icon_alignment,
                       mode)
        colour = cell[_FOREGROUND]
        if colour is None:
            colour = self._text_colour(option.palette, _GROUPS[state & _ENABLED_ACTIVE])
        painter.setPen(colour)
        painter.setFont(font)
        painter.drawStaticText(rect.x() + laid.dx, rect.y() + laid.dy, laid.text)

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                        index: QModelIndex | QPersistentModelIndex) -> None:
        """Fill ``option`` for ``index`` as Qt's delegate does, from one cache lookup."""
        cell = self._cell(index)
        if cell is None or not isinstance(index, QModelIndex) or cell.get(_DECORATION) is not None:
            super().initStyleOption(option, index)  # an icon (overdue): Qt's own, every role
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

    def _cell(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        if not isinstance(index, QModelIndex) or index.model() is not self._model:
            return None
        return self._model.painted_cell(index.row(), index.column())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Notice a new style or style sheet on the view (checked again at the next paint)."""
        if event.type() == QEvent.Type.StyleChange:
            self._style = None
            self._colours.clear()
        return False

    def _check_style(self, option: QStyleOptionViewItem) -> bool:
        """Whether the view's style paints cells as the common style does (a style sheet
        or another style switches this delegate to Qt's way)."""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        if widget is not None and widget is not self._watched:
            widget.installEventFilter(self)
            self._watched = widget
        self._style = style
        self._plain_style = style.metaObject().className() in PLAIN_STYLES
        self._texts.clear()
        return self._plain_style

    def _text_colour(self, palette: QPalette, group: QPalette.ColorGroup) -> QColor:
        key = (palette.cacheKey(), group)
        colour = self._colours.get(key)
        if colour is None:
            if len(self._colours) > 64:
                self._colours.clear()
            colour = self._colours[key] = palette.color(group, _TEXT)
        return colour

    def _laid_out(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
                  text: str, font: QFont, alignment: Any, with_icon: bool = False) -> _LaidOut:
        rect = option.rect
        size, align = (rect.width(), rect.height()), alignment.value if alignment else 0
        laid = self._texts.get((text, font, size, align, with_icon))  # QFont hashes by request
        if laid is None:
            if len(self._texts) >= TEXT_CACHE_SIZE:
                self._texts.clear()
            laid = self._lay_out(option, index)
            # a copy: ``option.font`` lives only as long as this paint
            self._texts[(text, QFont(font), size, align, with_icon)] = laid
        return laid

    def _lay_out(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> _LaidOut:
        """Where and how Qt's common style draws this cell's text (``viewItemDrawText``):
        inside the style's text rectangle less the focus margin, elided to its width,
        aligned by the cell's alignment."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        area.adjust(margin, 0, -margin, 0)
        elided = opt.fontMetrics.elidedText(opt.text, opt.textElideMode, area.width())
        laid = QStaticText(elided)
        laid.setTextFormat(Qt.TextFormat.PlainText)
        text_option = QTextOption(Qt.AlignmentFlag(opt.displayAlignment.value & _HORIZONTAL))
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        laid.setTextOption(text_option)
        laid.setTextWidth(area.width())
        laid.prepare(font=opt.font)
        line = QSize(area.width(), int(laid.size().height()))
        vertical = Qt.AlignmentFlag(opt.displayAlignment.value & _VERTICAL)
        place = QStyle.alignedRect(opt.direction, vertical | Qt.AlignmentFlag.AlignLeft, line,
                                   area)
        icon_rect, icon_alignment = None, None
        if opt.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            icon_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, opt,
                                             widget).translated(-opt.rect.topLeft())
            icon_alignment = opt.decorationAlignment
        return _LaidOut(laid, place.x() - opt.rect.x(), place.y() - opt.rect.y(), icon_rect,
                        icon_alignment)
