"""A row of widgets that wraps onto the next line when the room runs out.

Buttons in a :class:`FlowLayout` are never hidden behind a toolbar's "»"
chevron and never force their parent wider than its widest single item: at
960 px beside a messenger the estimate's Save and Propose wrap under the
version number instead of disappearing. The layout reports
``heightForWidth``, so the parent grows downwards by the rows it needs.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row; ``addStretch`` pushes the rest right.

    Args:
        spacing: the gap between items and between rows, in pixels.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._breaks: set[int] = set()  # indexes after which the rest of a row is right-aligned
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's interface ---------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        """Append ``item`` (``addWidget`` ends here too)."""
        self._items.append(item)

    def add_widgets(self, *widgets: QWidget) -> None:
        """Append several widgets in order."""
        for widget in widgets:
            self.addItem(QWidgetItem(widget))
            self.addChildWidget(widget)

    def add_right_aligned(self) -> None:
        """From here on the items of a row sit at its right end (when they fit on it)."""
        self._breaks.add(len(self._items))

    def count(self) -> int:
        """How many items the layout holds."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        """The item at ``index`` (None past the end)."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        """Remove and return the item at ``index``."""
        if 0 <= index < len(self._items):
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        """The row takes what width it is given but never asks for more."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        """Yes: a narrower row wraps into more lines."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """The height all items need when laid out in ``width`` pixels."""
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        """Place the items in ``rect``."""
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Everything on one row."""
        visible = self._visible()
        width = sum(item.sizeHint().width() for item in visible)
        width += self._gap * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """The widest single item: anything narrower than the row wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # -- placing ---------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _rows(self, width: int) -> list[list[tuple[int, QLayoutItem]]]:
        """The visible items split into rows that fit ``width``."""
        rows: list[list[tuple[int, QLayoutItem]]] = [[]]
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            wanted = item.sizeHint().width()
            if rows[-1] and used + self._gap + wanted > width:
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + wanted
            rows[-1].append((index, item))
        return rows

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Lay the rows out in ``rect`` (only measure unless ``apply``); the height used."""
        margins: QMargins = self.contentsMargins()
        inner = rect.marginsRemoved(margins)
        y = inner.y()
        for number, row in enumerate(self._rows(inner.width())):
            if number:
                y += self._gap
            height = max((item.sizeHint().height() for _i, item in row), default=0)
            if apply:
                self._place_row(row, inner, y, height)
            y += height
        return y - inner.y() + margins.top() + margins.bottom()

    def _place_row(self, row: list[tuple[int, QLayoutItem]], inner: QRect, y: int,
                   height: int) -> None:
        """Left items from the left edge, those after a right-alignment mark from the right."""
        split = next((n for n, (index, _item) in enumerate(row)
                      if any(index >= b for b in self._breaks)), len(row))
        x = inner.x()
        for _index, item in row[:split]:
            x = self._put(item, x, y, height) + self._gap
        right = row[split:]
        width = sum(item.sizeHint().width() for _i, item in right)
        x = max(x, inner.right() + 1 - width - self._gap * max(0, len(right) - 1))
        for _index, item in right:
            x = self._put(item, x, y, height) + self._gap

    @staticmethod
    def _put(item: QLayoutItem, x: int, y: int, height: int) -> int:
        hint = item.sizeHint()
        top = y + (height - hint.height()) // 2
        item.setGeometry(QRect(QPoint(x, top), hint))
        return x + hint.width()


def wrapping_row(*widgets: QWidget, spacing: int = 4) -> QWidget:
    """A widget holding ``widgets`` in a :class:`FlowLayout` (wraps rather than widens)."""
    holder = QWidget()
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    flow = FlowLayout(holder, spacing)
    flow.add_widgets(*widgets)
    return holder
