"""The card's vertical splitter: the client and the request above, the tabs below.

The estimate's lines need room the header does not: until the agent moves the border,
each new height (another window size, another client's card) is split so the tabs keep
:data:`TABS_WANTED` pixels, or at least what :data:`TOP_SHARE` leaves; once moved, the
agent's split is remembered in the desk's settings (issue #14, item 2).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QSplitter, QWidget

from nit_desk.ui.settings import DeskSettings
from nit_desk.views.widgets import WrappingScrollArea

CARD_SPLITTER = "card/splitter"
"""Where the card's splitter (client and request above, tabs below) is remembered."""
TOP_SHARE = 0.34
"""The client and the request take at most this share of the card's height until the
agent moves the splitter: at 1280×800 the estimate keeps room for six lines and more."""
TABS_WANTED = 470
"""The tabs' height that shows six estimate lines with the total and buttons; a taller
card gives the rest to the client and the request (no scrolling there at 960×1000)."""


class CardSplitter(QSplitter):
    """``top`` (in a scroll area that keeps wrapped labels whole) above ``tabs``.

    Args:
        settings: where the agent's split is kept (None: not kept).
    """

    def __init__(self, top: QWidget, tabs: QWidget, settings: DeskSettings | None) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.setObjectName("cardSplitter")
        self._settings = settings
        self.top_area = WrappingScrollArea(top)
        self.top_area.setObjectName("cardTopArea")
        self.addWidget(self.top_area)
        self.addWidget(tabs)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 0)  # a taller window gives its height to the tabs
        self.setStretchFactor(1, 1)
        state = settings.view_state(CARD_SPLITTER) if settings is not None else None
        self._chosen = state is not None and self.restoreState(state)
        self.splitterMoved.connect(self._on_self_splitter_moved)
        self.installEventFilter(self)
        top.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Until the agent moves the splitter, each new height is split anew."""
        grown = (watched is self and event.type() == QEvent.Type.Resize) or (
            watched is self.top_area.widget() and event.type() == QEvent.Type.LayoutRequest)
        if grown and not self._chosen:  # a new size, or another client's card
            self._split_default()
        return super().eventFilter(watched, event)

    def _split_default(self) -> None:
        """The client and request take what they need, leaving the tabs TABS_WANTED
        pixels, or at least TOP_SHARE of the height when the card is shorter."""
        height = self.height() - self.handleWidth()
        wanted = self.top_area.sizeHint().height()
        room = max(int(height * TOP_SHARE), height - TABS_WANTED)
        top = max(self.top_area.minimumSizeHint().height(), min(wanted, room))
        self.setSizes([top, max(0, height - top)])

    @Slot(int, int)
    def _on_self_splitter_moved(self, _pos: int, _index: int) -> None:
        self._chosen = True
        if self._settings is not None:
            self._settings.set_view_state(CARD_SPLITTER, self.saveState())
