"""The queue screen: filters, search, the table, and taking requests for work (R7).

The agent works it from the keyboard: F2 next request, Ctrl+T take, Ctrl+R
release, Ctrl+F search (Down or Enter there go into the results), F5 refresh.
A header click orders the queue by that column (the service sorts in SQL);
the filter, status, search and order can be handed in at construction (the
last session's, see :mod:`nit_desk.app.remembered`). A claim lost to another agent is said in
the status bar and in a banner above the table ("held by anna since 10:42",
scenario 6). The view refreshes (debounced) when ``AppEvents.data_changed``
says requests changed, keeping the selected request and the scroll place, and
renews the user's claims every minute so they do not lapse while worked.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import ConnectionLost, NitDeskError
from nit_desk.domain.types import RequestStatus
from nit_desk.models.queue.queue_model import SORTABLE, Column, QueueModel, QueueQuery
from nit_desk.services.change import Change
from nit_desk.services.dto import QueueFilter, RequestDTO
from nit_desk.services.queue import queue
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.queue_texts import status_name, time_left_text
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.views.queue.queue_delegate import QueueDelegate
from nit_desk.views.shortcuts_dialog import set_keys_group
from nit_desk.views.widgets import MessageLine, TimersHeldWhileClosed

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 300
REFRESH_DEBOUNCE_MS = 250
HEARTBEAT_MS = 60_000
_COLUMN_CHARS = {Column.CLIENT: 15, Column.CHANNEL: 13, Column.STATUS: 17,
                 Column.REGISTRATION: 5, Column.SCHEME: 16, Column.DEADLINE: 14,
                 Column.CLAIMED_BY: 12, Column.DESCRIPTION: 30}
"""Default column widths, in average characters of the table's font."""
_VISUAL_ORDER = (Column.CLIENT, Column.DEADLINE, Column.CLAIMED_BY, Column.STATUS,
                 Column.REGISTRATION, Column.SCHEME, Column.CHANNEL, Column.DESCRIPTION)
"""What a narrow queue pane shows first: who, how urgent, who holds it, where it stands;
what the client asked for last, stretched over whatever width is left."""
HEADER_LAYOUT = 3
"""The version of the queue's columns (order, widths); a saved header state of another
version is ignored. 2: the compact deadline with "held by" after it; 3: the description
column (issue #14)."""


class QueueView(QWidget, ErrorSink):
    """The queue of requests with its filters, search box and work actions.

    Signals:
        request_selected(int, int): the current row changed to (request_id, client_id).
    """

    request_selected = Signal(int, int)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 query: QueueQuery | None = None) -> None:
        """``query``: the filter, status, search and order to open with (the last session's)."""
        super().__init__(parent)
        self.setObjectName("queueView")
        self._session, self._events = session, session.events
        self._selected: int | None = None
        self._want: int | None = None
        self._scroll = 0
        self._focus_first = False
        self.model = QueueModel(session, parent=self)
        self._build_filters()
        self._build_table()
        self._build_actions()
        self._build_timers()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._filter_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        self._connect()
        set_keys_group(self, self.tr("Queue"))
        if query is not None and query != self.model.query:
            self.restore_query(query)  # one first read, of what was shown last time
        else:
            self.model.reload(keep_count=False)

    # -- building ----------------------------------------------------------------

    def _build_filters(self) -> None:
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("queueFilter")
        for text, value in ((self.tr("All open"), QueueFilter.ALL_OPEN),
                            (self.tr("Mine"), QueueFilter.MINE),
                            (self.tr("Unclaimed"), QueueFilter.UNCLAIMED),
                            (self.tr("Overdue"), QueueFilter.OVERDUE)):
            self.filter_box.addItem(text, value)
        self.filter_box.setToolTip(self.tr("Which requests to show"))
        self.status_box = QComboBox()
        self.status_box.setObjectName("queueStatus")
        self.status_box.addItem(self.tr("Any open status"), None)
        for status in RequestStatus:
            self.status_box.addItem(status_name(status), status)
        self.status_box.setToolTip(self.tr("Only requests in this status"))
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("queueSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Phone, email, @handle"))
        self.search_edit.setToolTip(self.tr(
            "Find a client by the start of a phone number, email or messenger handle (Ctrl+F)"))
        self.next_button = QToolButton()
        self.search_edit.setMinimumWidth(
            self.search_edit.fontMetrics().horizontalAdvance("+7 912 345-67-89") + 40)
        for box in (self.filter_box, self.status_box):  # the open list shows the whole text
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        # Two rows, so the queue pane stays narrow beside a card at 960 px.
        filters, search = QHBoxLayout(), QHBoxLayout()
        filters.addWidget(self.filter_box, 1)
        filters.addWidget(self.status_box, 1)
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.next_button)
        self._filter_row = QVBoxLayout()
        self._filter_row.setContentsMargins(0, 0, 0, 0)
        self._filter_row.addLayout(filters)
        self._filter_row.addLayout(search)
        self.banner = MessageLine()
        self.banner.setObjectName("queueBanner")

    def _build_table(self) -> None:
        table = QTableView()
        table.setObjectName("queueTable")
        table.setModel(self.model)
        table.setItemDelegate(QueueDelegate(self.model, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setSortingEnabled(False)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicatorShown(True)  # a click orders by the column, in SQL
        header.setSortIndicator(Column.DEADLINE, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        chars = table.fontMetrics().averageCharWidth()
        for column, width in _COLUMN_CHARS.items():
            header.resizeSection(column, width * chars + 12)
        header.resizeSection(Column.DEADLINE, _deadline_width(table))
        for visual, column in enumerate(_VISUAL_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        self.table = table
        self.empty_label = QLabel(table.viewport())
        self.empty_label.setObjectName("queueEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)  # the palette's quiet colour
        overlay = QVBoxLayout(table.viewport())
        overlay.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignCenter)

    def _build_actions(self) -> None:
        self.action_next = self._action(self.tr("&Next request"), "F2",
                                        self._on_action_next_triggered)
        self.action_take = self._action(self.tr("&Take request"), "Ctrl+T",
                                        self._on_action_take_triggered)
        self.action_release = self._action(self.tr("&Release request"), "Ctrl+R",
                                           self._on_action_release_triggered)
        self.action_search = self._action(self.tr("&Search the queue"), "Ctrl+F",
                                          self._on_action_search_triggered)
        self.action_refresh = self._action(self.tr("Re&fresh the queue"), "F5",
                                           self._on_action_refresh_triggered)
        self.next_button.setDefaultAction(self.action_next)
        self.next_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._update_actions()

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(self.tr("{action} ({keys})").format(
            action=text.replace("&", ""),
            keys=action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def header_state(self) -> QByteArray:
        """The table header's column order and widths, to remember between sessions."""
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray | None) -> bool:
        """Put back a remembered column order and widths; False if there was none."""
        if state is None:
            return False
        header = self.table.horizontalHeader()
        restored = header.restoreState(state)
        for column in range(header.count()):  # no column of the queue is ever hidden
            header.setSectionHidden(column, False)
        return restored

    def work_actions(self) -> list[QAction]:
        """The actions for the main window's Work menu, with their shortcuts."""
        return [self.action_next, self.action_take, self.action_release,
                self.action_search, self.action_refresh]

    def _build_timers(self) -> None:
        self.search_timer = _single_shot(self, SEARCH_DEBOUNCE_MS, self._on_search_timer_timeout)
        self.refresh_timer = _single_shot(self, REFRESH_DEBOUNCE_MS,
                                          self._on_refresh_timer_timeout)
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.setInterval(HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self._on_heartbeat_timer_timeout)
        self.heartbeat_timer.start()
        self._timers_held = TimersHeldWhileClosed(self, self.search_timer, self.refresh_timer,
                                                  self.heartbeat_timer)

    def _connect(self) -> None:
        self.filter_box.currentIndexChanged.connect(self._on_filter_changed)
        self.status_box.currentIndexChanged.connect(self._on_filter_changed)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.model.loading_changed.connect(self._update_empty_state)
        self.model.load_failed.connect(self._on_model_load_failed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sort_changed)
        self._events.data_changed.connect(self._on_events_data_changed)

    # -- what is selected -------------------------------------------------------

    def current_request_id(self) -> int | None:
        """The request of the current row, if any."""
        index = self.table.currentIndex()
        return self.model.row(index.row()).request_id if index.isValid() else None

    def select_request(self, request_id: int) -> bool:
        """Make ``request_id`` the current row if it is loaded; whether it was."""
        row = self.model.row_of(request_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if not current.isValid():
            return
        row = self.model.row(current.row())
        if row.request_id != self._selected:
            self._selected = row.request_id
            self.banner.clear_message()  # a refusal about one request is not about the next
            self.request_selected.emit(row.request_id, row.client_id)

    def _update_actions(self) -> None:
        index = self.table.currentIndex()
        self.action_take.setEnabled(index.isValid())
        held = index.isValid() and self.model.row(index.row()).claimed_by_id is not None
        self.action_release.setEnabled(held)

    # -- filters and search ---------------------------------------------------------

    @Slot()
    def _on_filter_changed(self) -> None:
        self.banner.clear_message()
        self.model.set_filter(self.filter_box.currentData(), self.status_box.currentData())

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self.search_timer.stop()
        text = self.search_edit.text().strip()
        if text != self.model.query.search:
            self.banner.clear_message()
            self.model.set_search(text)

    @Slot()
    def _on_search_edit_return_pressed(self) -> None:
        """Enter searches now and goes into the results (no wait for the debounce)."""
        self._on_search_timer_timeout()
        self.focus_results()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Down in the search box goes into the results, as in a messenger's search."""
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier)):
            self._on_search_timer_timeout()
            self.focus_results()
            return True
        return super().eventFilter(watched, event)

    def focus_results(self) -> None:
        """Put the keyboard in the table on the first row (once a pending search is in)."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.model.is_loading:
            self._focus_first = True
        elif not self.table.currentIndex().isValid():
            self._select_first_row()

    def _select_first_row(self) -> None:
        self._focus_first = False
        if self.model.rowCount() > 0:
            self.select_request(self.model.row(0).request_id)

    @Slot(int, Qt.SortOrder)
    def _on_header_sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        """A header click orders by that column (the service sorts and pages in SQL);
        a column with no order (registration, holder, description) keeps the current one."""
        sort = SORTABLE.get(Column(section)) if 0 <= section < len(Column) else None
        if sort is None:
            self._show_sort_indicator()
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) != (self.model.query.sort, self.model.query.descending):
            self.model.set_sort(sort, descending)

    def _show_sort_indicator(self) -> None:
        query = self.model.query
        column = next(c for c, s in SORTABLE.items() if s is query.sort)
        order = Qt.SortOrder.DescendingOrder if query.descending \
            else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(blocked)

    def query(self) -> QueueQuery:
        """Filter, status, search and order shown now (to remember between sessions)."""
        return self.model.query

    def restore_query(self, query: QueueQuery) -> None:
        """Show a remembered filter, status, search and order (one reload)."""
        for box, value in ((self.filter_box, query.filter), (self.status_box, query.status)):
            found = next((i for i in range(box.count()) if box.itemData(i) == value), 0)
            blocked = box.blockSignals(True)
            box.setCurrentIndex(found)
            box.blockSignals(blocked)
        blocked = self.search_edit.blockSignals(True)
        self.search_edit.setText(query.search)
        self.search_edit.blockSignals(blocked)
        self.model.set_query(query)
        self._show_sort_indicator()

    # -- keeping the place over a reload ----------------------------------------------

    @Slot()
    def _on_model_about_to_be_reset(self) -> None:
        if self._want is None:
            self._want = self._selected
        self._scroll = self.table.verticalScrollBar().value()

    @Slot()
    def _on_model_reset(self) -> None:
        want, self._want = self._want, None
        self.table.doItemsLayout()
        if self._focus_first:  # Enter in the search box: the first result, not the old row
            want = None
            self._select_first_row()
        if want is not None and self.select_request(want):
            if self._scroll <= self.table.verticalScrollBar().maximum():
                self.table.verticalScrollBar().setValue(self._scroll)
            self.table.scrollTo(self.table.currentIndex())
        else:
            self.table.verticalScrollBar().setValue(self._scroll)
        self._update_actions()
        self._update_empty_state()

    @Slot()
    def _update_empty_state(self) -> None:
        if self.model.rowCount() > 0:
            self.empty_label.hide()
            return
        if self.model.is_loading:
            text = self.tr("Loading…")
        elif self.model.query.is_narrowed:
            text = self.tr("No requests match")
        else:
            text = self.tr("The queue is empty")
        self.empty_label.setText(text)
        self.empty_label.show()

    @Slot(object)
    def _on_model_load_failed(self, exc: object) -> None:
        if isinstance(exc, NitDeskError):
            self.banner.show_error(error_text(exc))
        else:
            self.banner.show_error(self.tr("The queue could not be read. Press F5 to try again."))
        self._update_empty_state()

    # -- refreshing ---------------------------------------------------------------------

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        if change.concerns("request", "client"):
            self.refresh_timer.start()

    @Slot()
    def _on_refresh_timer_timeout(self) -> None:
        if not self._timers_held.holds(self.refresh_timer):
            self.model.reload(keep_count=True)

    @Slot()
    def _on_action_refresh_triggered(self) -> None:
        self.banner.clear_message()
        self.refresh_timer.stop()
        self.model.reload(keep_count=True)

    @Slot()
    def _on_action_search_triggered(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    @Slot()
    def _on_heartbeat_timer_timeout(self) -> None:
        if not self._timers_held.holds(self.heartbeat_timer):
            run_async(self._renew_claims(), owner=self)

    async def _renew_claims(self) -> None:
        try:
            renewed = await self._session.call_quietly(queue.renew_claims)
        except ConnectionLost:  # a background heartbeat: the next one tries again
            log.warning("Renewing claims failed: the server connection was lost")
            return
        log.debug("Renewed %d claims", renewed)

    # -- claiming ------------------------------------------------------------------------

    @async_slot()
    async def _on_action_next_triggered(self) -> None:
        request = await self._session.call(queue.next_request)
        if request is None:
            self._say(self.tr("No unclaimed request is waiting."))
            return
        self._say(self.tr("You took the request of {handle}.").format(
            handle=request.client_handle))
        self._show_request(request)

    @async_slot()
    async def _on_action_take_triggered(self) -> None:
        request_id = self.current_request_id()
        if request_id is None:
            self._say(self.tr("Pick a request in the queue first."))
            return
        request = await self._session.call(queue.claim, request_id)
        self._say(self.tr("You took the request of {handle}.").format(
            handle=request.client_handle))
        self._show_request(request)

    @async_slot()
    async def _on_action_release_triggered(self) -> None:
        request_id = self.current_request_id()
        if request_id is None:
            self._say(self.tr("Pick a request in the queue first."))
            return
        request = await self._session.call(queue.release, request_id)
        self._say(self.tr("You released the request of {handle}.").format(
            handle=request.client_handle))
        self._show_request(request)

    def show_taken(self, request: RequestDTO) -> None:
        """Select a request taken elsewhere (the card's intake), now or after the reload."""
        self._show_request(request)

    def _show_request(self, request: RequestDTO) -> None:
        """Select ``request`` (now or after the reload) and tell the card about it."""
        self._want = request.id
        if request.id != self._selected:
            self._selected = request.id
            self.request_selected.emit(request.id, request.client_id)
        self.refresh_timer.stop()
        self.model.reload(keep_count=True)

    def _say(self, text: str) -> None:
        self.banner.clear_message()
        self._events.status_message.emit(text)

    def show_error(self, err: NitDeskError) -> None:
        """A refusal (a claim lost to another agent...): banner and status bar, then refresh."""
        text = error_text(err)
        self.banner.show_error(text)
        self._events.status_message.emit(text)
        self.refresh_timer.start()


def _deadline_width(table: QTableView) -> int:
    """Wide enough for a bold "overdue 23 h 59 min" in this language after the overdue
    clock, and no wider: the agreed date is in the cell's tooltip, so "held by" fits."""
    now = datetime.now(UTC)
    font = QFont(table.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    longest = (timedelta(days=12, hours=23), timedelta(hours=23, minutes=59))
    clock = table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, table) + 4
    return max(metrics.horizontalAdvance(time_left_text(now - span, now))
               for span in longest) + 6 + clock


def _single_shot(parent: QWidget, interval_ms: int, slot: object) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
