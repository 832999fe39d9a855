"""Small widgets shared by the screens: message line, busy indicator, placeholders."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QHideEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class TimersHeldWhileClosed(QObject):
    """Stops a widget's timers while the program has closed or hidden it, and restarts on
    the next show the ones that were running.

    A closed screen must not reload behind its window: after sign-out its service runner
    is gone, and in the tests a closed screen's debounced reload fired during a later test.
    A hide by the window system (minimised) is spontaneous and changes nothing. A timer
    started while the widget is closed (a change heard after sign-out) is caught by
    :meth:`holds`, which its slot asks first.
    """

    def __init__(self, widget: QWidget, *timers: QTimer) -> None:
        super().__init__(widget)
        self._timers = timers
        self._held: list[QTimer] = []
        self._closed = False
        widget.installEventFilter(self)

    def holds(self, timer: QTimer) -> bool:
        """Whether the widget is closed now; then ``timer`` fires again at the next show."""
        if self._closed and timer not in self._held:
            self._held.append(timer)
        return self._closed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Hold the running timers on a hide the program made; restart them on show."""
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self._closed = True
            self._held += [t for t in self._timers if t.isActive() and t not in self._held]
            for timer in self._timers:
                timer.stop()
        elif event.type() == QEvent.Type.Show:
            self._closed = False
            held, self._held = self._held, []
            for timer in held:
                timer.start()
        return False


def read_only_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of whole rows, one line each, columns fitted to their contents:
    how the card's timelines (history, work log) show their entries."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


BUSY_DELAY_MS = 150
"""Calls shorter than this show no busy state at all, so the screen does not flicker."""


class MessageLine(QLabel):
    """A one-place message under a form: an error in red, or neutral progress text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    @property
    def kind(self) -> str:
        """What is shown: "error", "info" or "" (nothing)."""
        return str(self.property("kind") or "")

    def show_error(self, text: str) -> None:
        """Show ``text`` as an error."""
        self.setProperty("kind", "error")
        self.setStyleSheet("color: #b3261e;")
        self._show(text)

    def show_info(self, text: str) -> None:
        """Show ``text`` as neutral information."""
        self.setProperty("kind", "info")
        self.setStyleSheet("")
        self._show(text)

    def clear_message(self) -> None:
        """Hide the message."""
        self.setProperty("kind", "")
        self.setText("")
        self.setVisible(False)

    def _show(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class BusyIndicator(QWidget):
    """A status-bar "Working…" label with a moving bar, and the wait cursor.

    Both appear only when the busy state lasts longer than :data:`BUSY_DELAY_MS`.
    Connect ``ServiceRunner.busy_changed`` to :meth:`set_busy`.
    """

    def __init__(self, parent: QWidget | None = None, *,
                 delay_ms: int = BUSY_DELAY_MS) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Working…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # indeterminate
        self.bar.setFixedWidth(90)
        self.bar.setMaximumHeight(12)
        self.bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._cursor_set = False
        self.setVisible(False)

    @property
    def showing(self) -> bool:
        """Whether the busy state is visible now (after the delay)."""
        return self._cursor_set

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        """Start the delay towards showing the busy state, or end it."""
        if busy:
            self._timer.start()
            return
        self._timer.stop()
        self.setVisible(False)
        if self._cursor_set:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_set = False

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        """Never leave the wait cursor behind when the window goes away mid-call."""
        self._timer.stop()
        if self._cursor_set:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_set = False
        super().hideEvent(event)

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self.window() is not self and not self.window().isVisible():
            return
        self.setVisible(True)
        if not self._cursor_set:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._cursor_set = True


class PlaceholderPanel(QFrame):
    """Stands in for a screen that is not placed yet: a title and a quiet hint."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(hint)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setEnabled(False)  # drawn in the palette's quiet colour
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(2)


async def dialog_finished(dialog: QDialog) -> int:
    """Open ``dialog`` window-modal without a nested event loop and await its result.

    Returns:
        ``QDialog.DialogCode.Accepted`` (1) or ``Rejected`` (0).
    """
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def _on_finished(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(_on_finished)
    dialog.open()
    try:
        return await future
    finally:
        try:
            dialog.finished.disconnect(_on_finished)
        except (RuntimeError, TypeError):  # the dialog deleted itself on close
            pass


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when the room runs out (the tooltip has it all).

    It never asks for more width than a few characters, so a long text cannot widen
    the screen it sits in; nor does it wrap and push what is below out of view.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Show ``text`` (elided when narrow) with all of it in the tooltip."""
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """A few characters wide, one line high."""
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 6, metrics.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the text on one line, elided at the right."""
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), text)


class FittingScrollArea(QScrollArea):
    """Holds a page at the viewport's size; scrolls only when the viewport is shorter
    than the page's minimum (a small window), never wider than the page allows.

    Unlike a resizable QScrollArea it never gives the page its preferred height (which
    pushed the estimate's total below the fold), and its own minimum height is small,
    so a tall page never makes the window taller than the screen.
    """

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(page)
        page.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The page's minimum width (and a scroll bar); a few lines high."""
        page = self.widget()
        width = page.minimumSizeHint().width() if page is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(),
                     self.fontMetrics().height() * 6)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The page's own wish."""
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Fit the page to the new viewport."""
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Refit when the page's layout changes (a banner shown, a version loaded)."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        room = self.viewport().size()
        height = max(room.height(), page.minimumSizeHint().height())
        if page.size() != QSize(room.width(), height):
            page.resize(room.width(), height)


class WrappingScrollArea(QScrollArea):
    """Holds a page of wrapped labels at the viewport's width and the height its
    ``heightForWidth`` asks for, scrolling when the viewport is shorter.

    A layout squeezed below its height-for-width draws wrapped labels over each other
    (the card's "Оплата" line at 960×740); here the page always gets the height its
    labels need and the area scrolls instead. Its minimum width is the page's, so the
    page is never cut at the right; its minimum height is a few lines, so a splitter
    can give the room below to what needs it more.
    """

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(page)
        page.installEventFilter(self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Give the page the height its wrapped labels need at the new width."""
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Refit when the page's layout changes (another client, longer texts)."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        page = self.widget()
        if page is None or not page.hasHeightForWidth():
            return
        width = max(self.viewport().width(), page.minimumSizeHint().width())
        page.setMinimumHeight(page.heightForWidth(width))

    def _bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The page's minimum width; four lines high.

        The scroll bar is not added: the window's minimum width stays what it was
        without this area (the queue beside keeps its room at 960 px); only at the
        window's very narrowest, with the bar shown, may the page's right edge pass
        under the bar.
        """
        page = self.widget()
        width = page.minimumSizeHint().width() if page is not None else 0
        return QSize(width, self.fontMetrics().height() * 4)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The page's own wish: its height at the width it has now."""
        page = self.widget()
        if page is None:
            return super().sizeHint()
        hint = page.sizeHint()
        width = max(self.viewport().width(), page.minimumSizeHint().width())
        height = page.heightForWidth(width) if page.hasHeightForWidth() else -1
        return QSize(hint.width() + self._bar_width(), max(height, hint.height()))
