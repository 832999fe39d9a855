"""The queue as a Qt table model: keyset pages fetched off the GUI thread (R7, R14).

The model never sorts or filters itself: the service does both in SQL and hands
back one page at a time (soonest deadline first) with the key of the next one.
The model holds only the pages shown so far; when the view scrolls near the
end, ``fetchMore`` starts one asynchronous fetch of
:func:`nit_desk.services.queue.queue.queue_page` through the desk's
:class:`~nit_desk.ui.session.Session` and the rows are appended with
``beginInsertRows`` when they arrive. A reload (filter, search, a change
announced by :class:`~nit_desk.ui.events.AppEvents`) is a new *generation*:
pages of an older generation arriving late are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import RequestStatus
from nit_desk.services.dto import QueueFilter, QueuePage, QueueRow, QueueSort
from nit_desk.services.queue import queue
from nit_desk.ui.i18n import format_datetime
from nit_desk.ui.queue_texts import (
    QueueTexts,
    channel_name,
    overdue_colours,
    overdue_icon,
    reason_name,
    scheme_name,
    short_when,
    status_name,
    time_left_text,
)
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session

__all__ = [  # the words live in queue_texts; other screens import them from here too
    "CLIENT_ID_ROLE", "OVERDUE_ROLE", "REQUEST_ID_ROLE", "ROW_ROLE", "SORTABLE", "Column",
    "QueueModel",
    "QueueQuery", "channel_name", "reason_name", "scheme_name", "short_when",
    "status_name", "time_left_text",
]

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 60
"""Rows per page: a full screen and a half, so the first page paints at once."""
RELOAD_MAX = 500
"""A reload fetches as many rows as were shown (to keep the scroll place), at most this."""
CELL_CACHE_ROWS = 400
"""Rows whose painted cells are kept; scrolling far drops them (memory stays flat)."""
READ_AHEAD_DELAY_MS = 40
"""How long after a page is shown the next one is read in the background."""
TICK_MS = 60_000
"""How often the "time left" texts move on."""

REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
"""The whole :class:`QueueRow` of the row."""


_MISSING = object()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_CHECK_STATE = int(Qt.ItemDataRole.CheckStateRole)
_COMPUTED_ROLES = frozenset({_TOOLTIP, int(REQUEST_ID_ROLE), int(CLIENT_ID_ROLE),
                             int(OVERDUE_ROLE), int(ROW_ROLE)})
_CENTRE = Qt.AlignmentFlag.AlignCenter
_CELL_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class Column(IntEnum):
    """The queue's columns, in their default order."""

    CLIENT = 0
    CHANNEL = 1
    STATUS = 2
    REGISTRATION = 3
    SCHEME = 4
    DEADLINE = 5
    CLAIMED_BY = 6
    DESCRIPTION = 7
    """What the client asked for, one line (added last: saved column orders keep theirs)."""


SORTABLE: dict[Column, QueueSort] = {
    Column.DEADLINE: QueueSort.DEADLINE, Column.CLIENT: QueueSort.CLIENT,
    Column.STATUS: QueueSort.STATUS, Column.CHANNEL: QueueSort.CHANNEL,
    Column.SCHEME: QueueSort.SCHEME,
}
"""The columns a header click orders by (in SQL, by the service)."""


_COLUMNS = len(Column)
"""The column count (``Enum.__len__`` is slow, and views ask on every paint)."""


@dataclass(frozen=True)
class QueueQuery:
    """What the queue shows: a filter, a status (None = every open one), a search text,
    and the order (soonest deadline first unless a header was clicked)."""

    filter: QueueFilter = QueueFilter.ALL_OPEN
    status: RequestStatus | None = None
    search: str = ""
    sort: QueueSort = QueueSort.DEADLINE
    descending: bool = False

    @property
    def is_narrowed(self) -> bool:
        """Whether anything narrows the open queue (for the empty-state text)."""
        return (self.filter is not QueueFilter.ALL_OPEN or self.status is not None
                or bool(self.search.strip()))


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueModel", text)


class QueueModel(QAbstractTableModel):
    """Rows of the queue, one page at a time, soonest deadline first.

    Signals:
        loading_changed(): a reload started or its first page is in (see ``is_loading``;
            no bool argument: PySide6 6.12 on Python 3.11 loses a reference to
            True/False on every emit of one).
        page_loaded(int): a page of that many rows was added (or a reload finished).
        load_failed(object): a page could not be read (the domain error or exception).
    """

    loading_changed = Signal()
    page_loaded = Signal(int)
    load_failed = Signal(object)

    def __init__(self, session: Session, *, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._me, self._page_size = session.actor.user_id, max(1, page_size)
        self._rows: list[QueueRow] = []
        self._row_of: dict[int, int] = {}
        self._when: dict[int, str] = {}
        self._next_key: tuple[datetime | str, int] | None = None
        self._query = QueueQuery()
        self._generation = 0
        self._loading = self._fetching = self._prefetching = False
        self._ahead: QueuePage | None = None
        self._texts = QueueTexts()
        self._now = datetime.now(UTC)
        self._overdue_fg, _background = overdue_colours()
        self._overdue_icon = overdue_icon(self._overdue_fg)
        self._bold = QFont()
        self._bold.setBold(True)
        self._cells: dict[int, list[dict[int, Any]]] = {}
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._tick.start()

    # -- what is shown -------------------------------------------------------

    @property
    def query(self) -> QueueQuery:
        """The filter, status and search the rows answer."""
        return self._query

    @property
    def is_loading(self) -> bool:
        """Whether a reload's first page is on its way."""
        return self._loading

    @property
    def is_fetching(self) -> bool:
        """Whether the view asked for the next page and it is on its way."""
        return self._fetching

    @property
    def has_page_ahead(self) -> bool:
        """Whether the page after the shown rows is read already (or there is none)."""
        return self._ahead is not None or self._next_key is None

    @property
    def is_reading_ahead(self) -> bool:
        """Whether the page after the shown rows is being read in the background."""
        return self._prefetching

    def set_filter(self, flt: QueueFilter, status: RequestStatus | None = None) -> None:
        """Show another filter (and status) from the first page."""
        self._query = replace(self._query, filter=QueueFilter(flt), status=status)
        self.reload(keep_count=False)

    def set_search(self, text: str) -> None:
        """Show only clients whose phone, email or messenger starts with ``text``."""
        self._query = replace(self._query, search=text.strip())
        self.reload(keep_count=False)

    def set_sort(self, sort: QueueSort, descending: bool = False) -> None:
        """Order the rows by ``sort`` (in SQL, paged by key) from the first page."""
        self._query = replace(self._query, sort=QueueSort(sort), descending=bool(descending))
        self.reload(keep_count=False)

    def set_query(self, query: QueueQuery) -> None:
        """Show ``query`` (filter, status, search and order at once) from the first page."""
        self._query = query
        self.reload(keep_count=False)

    def row(self, row: int) -> QueueRow:
        """The queue row at ``row``."""
        return self._rows[row]

    def row_of(self, request_id: int) -> int | None:
        """The row showing ``request_id``, if it is loaded."""
        return self._row_of.get(request_id)

    # -- loading ---------------------------------------------------------------

    def reload(self, *, keep_count: bool = True) -> Any:
        """Read the first page again (off the GUI thread); returns the task.

        Args:
            keep_count: fetch as many rows as are shown now (up to
                :data:`RELOAD_MAX`), so a refresh keeps the scroll place.
        """
        self._generation += 1
        limit = self._page_size
        if keep_count:
            limit = max(limit, min(len(self._rows), RELOAD_MAX))
        if not self._loading:
            self._loading = True
            self.loading_changed.emit()
        return run_async(self._load_first(self._generation, limit), owner=self)

    async def _load_first(self, generation: int, limit: int) -> None:
        page = await self._read(generation, None, limit)
        if page is None:
            return
        self.beginResetModel()
        self._rows = list(page.rows)
        self._row_of = {r.request_id: i for i, r in enumerate(self._rows)}
        self._cells.clear()
        self._texts = QueueTexts()
        self._next_key, self._ahead = page.next_key, None
        self._fetching = self._prefetching = False
        self._now = datetime.now(UTC)
        self.endResetModel()
        self._loading = False
        self.loading_changed.emit()
        self.page_loaded.emit(len(page.rows))
        self._prefetch_soon()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        """Whether the service said there is a next page."""
        return not parent.isValid() and self._next_key is not None and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        """Append the next page: at once when it was read ahead, else when it arrives."""
        if parent.isValid() or self._fetching or not self.canFetchMore():
            return
        if self._ahead is not None:
            self._append(self._ahead)
            return
        self._fetching = True
        self._prefetch()

    def _prefetch_soon(self) -> None:
        """Read ahead once the rows just added are painted (the worker would slow the paint)."""
        if self._next_key is not None:
            QTimer.singleShot(READ_AHEAD_DELAY_MS, self, self._prefetch)

    def _prefetch(self) -> None:
        """Read the page after the shown rows in the background, so scrolling never waits.

        Not while a reload is on its way: the shown rows, and so the key of the
        page after them, are about to change.
        """
        if (self._loading or self._next_key is None or self._ahead is not None
                or self._prefetching):
            return
        self._prefetching = True
        run_async(self._read_ahead(self._generation, self._next_key), owner=self)

    async def _read_ahead(self, generation: int, key: tuple[datetime | str, int]) -> None:
        page = await self._read(generation, key, self._page_size, quiet=not self._fetching)
        if page is None:
            return
        self._prefetching = False
        self._ahead = page
        if self._fetching:
            self._append(page)

    def _append(self, page: QueuePage) -> None:
        self._ahead, self._fetching = None, False
        fresh = [r for r in page.rows if r.request_id not in self._row_of]
        self._next_key = page.next_key
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            for i, r in enumerate(fresh, start=first):
                self._row_of[r.request_id] = i
            self.endInsertRows()
        self.page_loaded.emit(len(fresh))
        self._prefetch_soon()

    async def _read(self, generation: int, after: tuple[datetime | str, int] | None,
                    limit: int, *, quiet: bool = False) -> QueuePage | None:
        """One page from the service, or None when it failed or a reload overtook it."""
        q = self._query
        call = self._session.call_quietly if quiet else self._session.call
        try:
            page = await call(queue.queue_page, filter=q.filter, status=q.status,
                              search=q.search, after=after, limit=limit, sort=q.sort,
                              descending=q.descending)
        except NitDeskError as err:  # refused (a bad search text): the view says why
            self._end_failed_read(generation, err)
            return None
        except Exception as exc:  # a bug or a lost database: the crash dialog as well
            if quiet and not self._fetching:  # nobody waits for a read-ahead: retry later
                log.warning("Reading the queue ahead failed: %s", type(exc).__name__)
                self._prefetching = False
                return None
            self._end_failed_read(generation, exc)
            raise
        if generation != self._generation:  # a newer reload overtook this page
            return None
        return page

    def _end_failed_read(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._fetching = self._prefetching = False
        if self._loading:
            self._loading = False
            self.loading_changed.emit()
        self.load_failed.emit(exc)

    # -- the minute tick -------------------------------------------------------

    def _on_tick_timeout(self) -> None:
        self.refresh_time_left(datetime.now(UTC))

    def refresh_time_left(self, now: datetime) -> None:
        """Move the "time left" texts to ``now``; rows that just fell overdue repaint whole."""
        before, self._now = self._now, now
        self._cells.clear()
        if not self._rows:
            return
        last = len(self._rows) - 1
        self.dataChanged.emit(self.index(0, Column.DEADLINE), self.index(last, Column.DEADLINE),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])
        for i, r in enumerate(self._rows):
            if before <= r.deadline < now and not r.is_closed:
                self.dataChanged.emit(self.index(i, Column.DEADLINE),
                                      self.index(i, Column.DEADLINE))

    # -- the Qt model interface -------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows loaded so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """The :class:`Column` count."""
        return 0 if parent.isValid() else _COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, never editable, never a parent."""
        return _CELL_FLAGS if index.isValid() else _NO_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles (translated); no row headers."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMNS:
            return None
        if role == _DISPLAY:
            return self._texts.titles[section]
        if role == _TOOLTIP:
            return self._texts.tips[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What the view shows for one cell, in each role.

        Painting asks for every visible cell in half a dozen roles, so those come
        from a per-row cache built once (dropped on reload and on the minute
        tick); tool tips and the user roles are computed when asked.
        """
        cells = self._cells.get(index.row())
        if cells is None:
            if not index.isValid() or not 0 <= index.row() < len(self._rows):
                return None
            cells = self._build_cells(index.row())
        value = cells[index.column()].get(role, _MISSING)
        if value is not _MISSING:
            return value
        if role in _COMPUTED_ROLES:
            return self._computed(self._rows[index.row()], index.column(), role)
        return None

    def painted_cell(self, row: int, column: int) -> Mapping[int, Any] | None:
        """Everything painting one cell needs (text, font, alignment, colours), by role.

        The queue's delegate reads it in one call per cell instead of the seven
        ``data()`` calls of Qt's own delegate, which cost more than the drawing.
        """
        if not 0 <= column < _COLUMNS:
            return None
        cells = self._cells.get(row)
        if cells is None:
            if not 0 <= row < len(self._rows):
                return None
            cells = self._build_cells(row)
        return cells[column]

    def _build_cells(self, row: int) -> list[dict[int, Any]]:
        if len(self._cells) >= CELL_CACHE_ROWS:  # keep the cache to about a screenful
            self._cells.clear()
            self._when.clear()
        r = self._rows[row]
        # Overdue is said calmly: a clock and a red time in the deadline cell, not a
        # tinted bold row (a busy queue would be a screen of red).
        clock = self._overdue_icon if self._is_overdue(r) else None
        cells = []
        for col in range(_COLUMNS):
            cells.append({_DISPLAY: self._display(r, col), _FOREGROUND: self._foreground(r, col),
                          _BACKGROUND: None, _FONT: self._font(r, col),
                          _ALIGNMENT: _CENTRE if col == Column.REGISTRATION else None,
                          _DECORATION: clock if col == Column.DEADLINE else None,
                          _CHECK_STATE: None})
        self._cells[row] = cells
        return cells

    def _computed(self, r: QueueRow, col: int, role: int) -> Any:
        if role == _TOOLTIP:
            return self._tooltip(r, col)
        return self._user_data(r, role)

    def _is_overdue(self, r: QueueRow) -> bool:
        """Past its deadline and still open (a closed request has no time left)."""
        return r.deadline < self._now and not r.is_closed

    def _foreground(self, r: QueueRow, col: int) -> QColor | None:
        if col == Column.DEADLINE and self._is_overdue(r):
            return self._overdue_fg
        if col == Column.CLAIMED_BY and r.claim_lapsed:
            return QGuiApplication.palette().placeholderText().color()
        return None

    def _user_data(self, r: QueueRow, role: int) -> Any:
        if role == REQUEST_ID_ROLE:
            return r.request_id
        if role == CLIENT_ID_ROLE:
            return r.client_id
        if role == OVERDUE_ROLE:
            return self._is_overdue(r)
        if role == ROW_ROLE:
            return r
        return None

    def _display(self, r: QueueRow, col: int) -> str:
        t = self._texts
        if col == Column.CLIENT:
            return t.banned.format(handle=r.handle) if r.banned else r.handle
        if col == Column.CHANNEL:
            return t.channels.get(r.channel, str(r.channel))
        if col == Column.STATUS:
            return t.statuses.get(r.status, str(r.status))
        if col == Column.REGISTRATION:
            return f"{r.required_done}/{r.required_total}"
        if col == Column.SCHEME:
            return t.schemes.get(r.payment_scheme, str(r.payment_scheme))
        if col == Column.DEADLINE:
            if r.is_closed:
                return self._when_text(r)  # no time left on a closed request
            return time_left_text(r.deadline, self._now)  # the date is in the tooltip
        if col == Column.DESCRIPTION:
            return r.description
        if r.claimed_by_name is None:
            return ""
        if r.claim_lapsed:
            return t.lapsed.format(name=r.claimed_by_name)
        return t.you.format(name=r.claimed_by_name) if r.claimed_by_id == self._me \
            else r.claimed_by_name

    def _when_text(self, r: QueueRow) -> str:
        text = self._when.get(r.request_id)
        if text is None:
            text = self._when[r.request_id] = short_when(r.deadline, self._now)
        return text

    def _font(self, r: QueueRow, col: int) -> QFont | None:
        mine = col == Column.CLAIMED_BY and r.claimed_by_id is not None \
            and r.claimed_by_id == self._me and not r.claim_lapsed
        if mine:
            return self._bold
        return None

    def _tooltip(self, r: QueueRow, col: int) -> str | None:
        if col == Column.REGISTRATION:
            return _tr("{done} of {total} required registration steps done").format(
                done=r.required_done, total=r.required_total)
        if col == Column.DEADLINE:
            return _tr("Agreed deadline: {when}").format(when=format_datetime(r.deadline,
                                                                              long=True))
        if col == Column.CLAIMED_BY and r.claim_lapsed:
            return _tr("{name}'s claim lapsed without a heartbeat: anyone may take it.").format(
                name=r.claimed_by_name)
        if col == Column.CLAIMED_BY and r.claimed_at is not None:
            return _tr("Held by {name} since {since}").format(
                name=r.claimed_by_name, since=format_datetime(r.claimed_at))
        if col == Column.SCHEME and r.advance_reasons:
            return _tr("Advance: {reasons}").format(
                reasons=", ".join(reason_name(a) for a in r.advance_reasons))
        if col == Column.DESCRIPTION and r.description:
            return r.description
        if col == Column.CLIENT and r.banned:
            return _tr("This client is banned from support.")
        return None
