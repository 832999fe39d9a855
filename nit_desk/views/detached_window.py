"""A screen of the card in its own window: the estimate or the payments of one request.

At 960 px beside a messenger the card's tabs are small; "Open in a window"
puts a second estimate editor or payments panel, bound to the same request,
in a window of its own that can be placed on another screen. The card keeps
its tab. Closing the window puts nothing at risk: a screen with unsaved work
answers :meth:`confirm_close` (the estimate asks to save, discard or stay).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

INITIAL_SIZE = QSize(760, 560)


class ClosesSafely:
    """A screen that may hold unsaved work and says whether it may go now.

    Mix it into the screen's class after the Qt base (``class EstimateEditor(QWidget,
    ErrorSink, ClosesSafely)``) and implement :meth:`confirm_close`.
    """

    def confirm_close(self) -> bool:
        """True when nothing would be lost (asking the user if need be)."""
        raise NotImplementedError


class DetachedWindow(QWidget):
    """One screen about one request, in a window of its own (deleted when closed).

    Args:
        content: the screen, already showing its request.
        title: the window title (what and which request).
        parent: the window it belongs to: it closes with it and stays above it.
    """

    def __init__(self, content: QWidget, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("detachedWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(content)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self.resize(self._initial_size())

    def _initial_size(self) -> QSize:
        """Room for the lines or payments of a request, never beyond the screen."""
        wanted = INITIAL_SIZE.expandedTo(self.content.minimumSizeHint())
        screen = self.screen()
        return wanted.boundedTo(screen.availableSize()) if screen is not None else wanted

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Close only when the screen's unsaved work is saved or let go."""
        if isinstance(self.content, ClosesSafely) and not self.content.confirm_close():
            event.ignore()
            return
        super().closeEvent(event)
