"""The client card's tabs: the registration checklist, history and work log, and the tabs
about the shown request that the window adds (estimate, payments).

Two things belong to the tabs themselves, so they live here rather than in the card:

* **Keys.** Ctrl+1, Ctrl+2… bring up each tab in order (added tabs too) and put the
  keyboard in its first field or table (issue #14, item 1).
* **A window of its own.** "Open in a window" puts the estimate or the payments of the
  shown request in a :class:`~nit_desk.views.detached_window.DetachedWindow`, bound to
  that request while the card moves on (issue #14, item 2).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QTabWidget, QToolButton, QWidget

from nit_desk.views.detached_window import DetachedWindow
from nit_desk.views.widgets import FittingScrollArea

ShownRequest = Callable[[], tuple[int | None, str]]
"""The card's shown request id and client handle ((None, "") when nothing is shown)."""


class CardTabs(QTabWidget):
    """The card's tab widget with its keys and its "Open in a window".

    Args:
        owner: the card: the keys are its actions, so they work anywhere on it.
        shown: what the card shows now (for the detached window and its title).
    """

    def __init__(self, owner: QWidget, shown: ShownRequest) -> None:
        super().__init__()
        self.setObjectName("cardTabs")
        self._owner, self._shown = owner, shown
        self.tab_actions: list[QAction] = []
        self.detached_windows: list[DetachedWindow] = []
        self._detachers: dict[QWidget, tuple[str, Callable[[int], QWidget]]] = {}
        self.setCornerWidget(self._detach_corner(), Qt.Corner.TopRightCorner)
        self.currentChanged.connect(self._on_self_current_changed)

    def add_page(self, widget: QWidget, title: str) -> None:
        """A tab that is the card's own (checklist, history, work log)."""
        self.addTab(widget, title)
        self.update_keys()

    def add_request_tab(self, widget: QWidget, title: str,
                        detach: Callable[[int], QWidget] | None) -> None:
        """A tab about the shown request; ``detach`` makes its twin for a window."""
        # The page fills the tab and scrolls only when the tab is shorter than its
        # minimum: the total and its buttons stay in view, the window never grows taller.
        self.addTab(FittingScrollArea(widget), title)
        if detach is not None:
            self._detachers[widget] = (title.replace("&", ""), detach)
        self.update_keys()
        self.update_detach()

    # -- keys ------------------------------------------------------------------

    def update_keys(self) -> None:
        """Ctrl+1, Ctrl+2… bring up the card's tabs in their order (added tabs too)."""
        for index in range(len(self.tab_actions), min(self.count(), 9)):
            action = QAction(self._owner)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_tab(i))
            self._owner.addAction(action)
            self.tab_actions.append(action)
        for index, action in enumerate(self.tab_actions):
            title = self.tabText(index).replace("&", "")
            action.setText(self.tr("Tab: {title}").format(title=title.split(" (")[0]))

    def show_tab(self, index: int) -> None:
        """Bring up tab ``index`` and put the keyboard in its first field or table."""
        if not 0 <= index < self.count() or not self.isVisibleTo(self._owner):
            return
        self.setCurrentIndex(index)
        page = self.currentWidget()
        if page is None:
            return
        widget = page.nextInFocusChain()
        while widget is not page and widget is not None:
            if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()
        page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- a window of its own ------------------------------------------------------

    def _detach_corner(self) -> QToolButton:
        self.action_detach = QAction(self.tr("Open in a &window"), self._owner)
        self.action_detach.setObjectName("actionDetach")
        self.action_detach.setToolTip(self.tr(
            "Open this tab of the shown request in a window of its own (the card keeps it)"))
        self.action_detach.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_TitleBarNormalButton))  # a window: no font lacks it
        self.action_detach.triggered.connect(self._on_action_detach_triggered)
        button = QToolButton()
        button.setObjectName("detachButton")
        button.setDefaultAction(self.action_detach)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setAutoRaise(True)
        return button

    def update_detach(self) -> None:
        """Offer "Open in a window" for a detachable tab while a request is shown."""
        self.action_detach.setEnabled(self.shown_page() in self._detachers
                                      and self._shown()[0] is not None)

    def shown_page(self) -> QWidget | None:
        """The screen of the tab in front (inside its scroll area, for the money tabs)."""
        shown = self.currentWidget()
        inner = shown.widget() if isinstance(shown, FittingScrollArea) else None
        return inner or shown

    def open_detached(self, widget: QWidget | None = None) -> DetachedWindow | None:
        """Open the tab ``widget`` (default: the tab in front) for the shown request in a
        window of its own; None when that tab cannot be detached or nothing is shown."""
        widget = widget or self.shown_page()
        entry = self._detachers.get(widget) if widget is not None else None
        request_id, handle = self._shown()
        if entry is None or request_id is None:
            return None
        what, make = entry
        title = self.tr("{what} — request #{id} · {handle}").format(
            what=what, id=request_id, handle=handle)
        window = DetachedWindow(make(request_id), title, self.window())
        self.detached_windows.append(window)
        window.destroyed.connect(lambda: self._forget_detached(window))
        window.show()
        window.activateWindow()
        return window

    def _forget_detached(self, window: DetachedWindow) -> None:
        if window in self.detached_windows:
            self.detached_windows.remove(window)

    @Slot()
    def _on_action_detach_triggered(self) -> None:
        self.open_detached()

    @Slot(int)
    def _on_self_current_changed(self, _index: int) -> None:
        self.update_detach()
