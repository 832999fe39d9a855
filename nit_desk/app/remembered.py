"""What the desk remembers between sessions besides the window: the queue's filter,
status, search and order, the card's tab and the console's tab (issue #14, item 7).

Each is read back when the screens are placed and written when the window
closes, into :class:`~nit_desk.ui.settings.DeskSettings`. A stored value that no
longer reads (an old version's name, a tab that is gone) is ignored.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.secret_guard import check_free_text
from nit_desk.domain.types import RequestStatus
from nit_desk.models.queue.queue_model import QueueQuery
from nit_desk.services.dto import QueueFilter, QueueSort
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.main_window import MainWindow
from nit_desk.views.queue.queue_view import QueueView

QUEUE_FILTER, QUEUE_STATUS, QUEUE_SEARCH = "queue/filter", "queue/status", "queue/search"
QUEUE_SORT, QUEUE_DESCENDING = "queue/sort", "queue/descending"
CARD_TAB, CONSOLE_TAB = "card/tab", "console/tab"


def stored_query(settings: DeskSettings) -> QueueQuery:
    """The queue's filter, status, search and order of the last session (defaults if none)."""
    default = QueueQuery()
    try:
        flt = QueueFilter(settings.remembered(QUEUE_FILTER) or default.filter)
        status_text = settings.remembered(QUEUE_STATUS)
        status = RequestStatus(status_text) if status_text else None
        sort = QueueSort(settings.remembered(QUEUE_SORT) or default.sort)
    except ValueError:
        return default
    return QueueQuery(flt, status, settings.remembered(QUEUE_SEARCH)[:320], sort,
                      settings.remembered(QUEUE_DESCENDING) == "1")


def store_query(settings: DeskSettings, query: QueueQuery) -> None:
    """Keep the queue's filter, status, search and order for the next session."""
    settings.remember(QUEUE_FILTER, query.filter.value)
    settings.remember(QUEUE_STATUS, query.status.value if query.status else "")
    settings.remember(QUEUE_SEARCH, _storable(query.search))
    settings.remember(QUEUE_SORT, query.sort.value)
    settings.remember(QUEUE_DESCENDING, "1" if query.descending else "")


def _storable(search: str) -> str:
    """The search text, unless it holds what no file may keep (a card number, a code: R9)."""
    try:
        check_free_text(search, field="search")
    except ValidationError:
        return ""
    return search


def remember_queue(window: MainWindow, view: QueueView, settings: DeskSettings) -> None:
    """Keep the queue's filter, status, search and order when the window closes (the next
    queue opens with :func:`stored_query`)."""
    window.closed.connect(lambda _signed_out: store_query(settings, view.query()))


def remember_tab(window: MainWindow, tabs: QTabWidget, settings: DeskSettings,
                 name: str) -> None:
    """``tabs`` opens on the tab it was left on (by position; one that is gone: the first)."""
    text = settings.remembered(name)
    if text.isdigit() and int(text) < tabs.count():
        tabs.setCurrentIndex(int(text))
    window.closed.connect(lambda _signed_out: settings.remember(name, str(tabs.currentIndex())))
