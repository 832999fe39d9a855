"""The audit log as a table model, fetched a keyset page at a time (R17).

Rows come newest first from :func:`nit_desk.services.admin.audit.audit_page`; when the view
scrolls to the end, :meth:`AuditModel.fetchMore` asks (off the GUI thread)
for the entries older than the last one shown. :func:`change_lines` turns
an entry's before/after JSON into readable "field: old → new" lines.
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from nit_desk.domain.errors import NitDeskError
from nit_desk.models.card.history_model import action_name, describe_change
from nit_desk.services.admin import audit
from nit_desk.services.admin.audit_dto import AuditQuery, AuditRecord
from nit_desk.ui.audit_text import actor_text, field_name, value_text
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import local_time_text

ModelIndex = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
BROKEN_BACKGROUND, BROKEN_FOREGROUND = QColor("#fde7e9"), QColor("#8c1d18")


class Column(IntEnum):
    """The audit table's columns."""

    SEQ = 0
    WHEN = 1
    WHO = 2
    WHAT = 3
    CLIENT = 4
    DETAILS = 5


def console_action_name(action: str) -> str:
    """A kind of change in words, covering the supervisor-side actions too."""
    t = QCoreApplication.translate
    names = {
        "ban_proposal.approved": t("audit", "Ban proposal approved"),
        "ban_proposal.rejected": t("audit", "Ban proposal rejected"),
        "checklist_template.saved": t("audit", "Checklist template saved"),
        "user.created": t("audit", "User added"),
        "user.activated": t("audit", "User reactivated"),
        "user.deactivated": t("audit", "User deactivated"),
        "user.role_changed": t("audit", "User's role changed"),
        "user.password_reset": t("audit", "Password reset"),
        "user.password_changed": t("audit", "Password changed"),
        "user.password_change_failed": t("audit", "Wrong current password when changing it"),
        "user.password_rehashed": t("audit", "Password hash upgraded to today's cost"),
        "user.unlocked": t("audit", "User unlocked"),
        "user.locked_out": t("audit", "Locked out after wrong passwords"),
        "price_item.created": t("audit", "Price list item added"),
        "price_item.changed": t("audit", "Price list item changed"),
        "price_item.activated": t("audit", "Price list item offered again"),
        "price_item.deactivated": t("audit", "Price list item withdrawn"),
        "demo.bulk_loaded": t("audit", "Demo data loaded"),
    }
    return names.get(action) or action_name(action)


def _json(text: str) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def change_lines(before: str, after: str, entity: str = "") -> list[str]:
    """Before/after JSON as lines of words: ``field: old → new``, ``field: value`` when
    added (names and values through :mod:`nit_desk.ui.audit_text`)."""
    old, new = _json(before), _json(after)
    if not isinstance(old, dict) or not isinstance(new, dict):
        if old is None and new is None:
            return []
        if not isinstance(old, dict | None) or not isinstance(new, dict | None):
            return [f"{value_text('', old, entity)} → {value_text('', new, entity)}"]
        old, new = old or {}, new or {}
    lines: list[str] = []
    for key in dict.fromkeys([*old, *new]):
        name = field_name(key)
        was = value_text(key, old.get(key), entity)
        now = value_text(key, new.get(key), entity)
        if key in old and key in new and old[key] == new[key]:
            lines.append(f"{name}: {now}")
        elif key in old and key in new:
            lines.append(f"{name}: {was} → {now}")
        elif key in new:
            lines.append(f"{name}: {now}")
        else:
            lines.append(f"{name}: {was} → —")
    return lines


def pretty_json(text: str) -> str:
    """JSON text indented for reading ("" stays "")."""
    value = _json(text)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


class AuditModel(QAbstractTableModel):
    """Audit entries matching a query, newest first, a keyset page at a time.

    Signals (no bool signal: PySide6 6.12 loses a reference to ``True`` on every
    ``emit(True)`` from Python):
        page_loaded(int): that many rows were added (or a reload finished).
        load_failed(object): a page could not be read.
    """

    page_loaded = Signal(int)
    load_failed = Signal(object)

    def __init__(self, session: Session, *, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._page_size = max(1, page_size)
        self._rows: list[AuditRecord] = []
        self._query = AuditQuery()
        self._more = False
        self._generation = 0
        self._loading = self._fetching = False
        self._broken_seq: int | None = None
        self._start: int | None = None

    @property
    def query(self) -> AuditQuery:
        """The filters the rows answer."""
        return self._query

    @property
    def is_loading(self) -> bool:
        """Whether a first page is on its way."""
        return self._loading

    @property
    def is_fetching(self) -> bool:
        """Whether a next page is on its way."""
        return self._fetching

    def entry(self, row: int) -> AuditRecord | None:
        """The entry on ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_seq(self, seq: int) -> int | None:
        """The row showing chain entry ``seq``, if loaded."""
        for i, entry in enumerate(self._rows):
            if entry.seq == seq:
                return i
        return None

    def mark_broken(self, seq: int | None) -> None:
        """Paint entry ``seq`` as the first broken one (None clears the mark)."""
        self._broken_seq = seq
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(Column) - 1))

    # -- loading --

    @property
    def starts_before(self) -> int | None:
        """The keyset the first page started from (None: the newest entries)."""
        return self._start

    def set_query(self, query: AuditQuery) -> Any:
        """Show the entries matching ``query`` from the newest; returns the task."""
        self._query = query
        return self.reload()

    def reload(self, *, start_at: int | None = None, query: AuditQuery | None = None) -> Any:
        """Read the first page again (off the GUI thread); returns the task.

        Args:
            start_at: begin with chain entry ``start_at`` and older ones (to show an
                entry that is far down the log); None begins with the newest.
            query: new filters (None keeps the current ones).
        """
        if query is not None:
            self._query = query
        self._generation += 1
        self._start = None if start_at is None else start_at + 1
        self._loading = True
        return run_async(self._load_first(self._generation), owner=self)

    @property
    def page_size(self) -> int:
        """Entries per page."""
        return self._page_size

    def show_first_page(self, query: AuditQuery, rows: list[AuditRecord]) -> None:
        """Show ``rows``, the first page for ``query`` read by the viewer's own call.

        A page of an older reload still on its way is dropped when it arrives.
        """
        self._query, self._start = query, None
        self._generation += 1
        self._show_first(rows)

    async def _load_first(self, generation: int) -> None:
        rows = await self._read(generation, self._start)
        if rows is None:
            return
        self._show_first(rows)

    def _show_first(self, rows: list[AuditRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._more = len(rows) >= self._page_size
        self._fetching = False
        self.endResetModel()
        self._loading = False
        self.page_loaded.emit(len(rows))

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        """Whether older entries may follow."""
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        """Start fetching the next older page; the rows follow."""
        if parent.isValid() or self._fetching or not self.canFetchMore():
            return
        self._fetching = True
        last = self._rows[-1].seq if self._rows else None
        run_async(self._fetch_next(self._generation, last), owner=self)

    async def _fetch_next(self, generation: int, before_seq: int | None) -> None:
        rows = await self._read(generation, before_seq)
        if rows is None:
            return
        self._more = len(rows) >= self._page_size
        if rows:  # still "fetching" while inserting: a view may ask for more meanwhile
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._fetching = False
        self.page_loaded.emit(len(rows))

    async def _read(self, generation: int,
                    before_seq: int | None) -> list[AuditRecord] | None:
        try:
            rows = await self._session.call(audit.audit_page, self._query,
                                            before_seq=before_seq, limit=self._page_size)
        except NitDeskError as err:
            self._end_failed(generation, err)
            return None
        except Exception as exc:
            self._end_failed(generation, exc)
            raise
        return list(rows) if generation == self._generation else None  # else overtaken

    def _end_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._loading = False
        self.load_failed.emit(exc)

    # -- Qt model --

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Loaded entries."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Number, when, who, what, client, details."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("No."), self.tr("When"), self.tr("Who"), self.tr("What"),
                  self.tr("Client"), self.tr("Change"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, tooltips and the broken entry's colours."""
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None or not 0 <= index.column() < len(Column):
            return None
        broken = entry.seq == self._broken_seq
        if role == Qt.ItemDataRole.BackgroundRole and broken:
            return BROKEN_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and broken:
            return BROKEN_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (Column.SEQ,
                                                                            Column.CLIENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._text(entry, Column(index.column()), role)

    def _text(self, entry: AuditRecord, column: Column, role: int) -> str:
        if column is Column.SEQ:
            return str(entry.seq)
        if column is Column.WHEN:
            return local_time_text(entry.at)
        if column is Column.WHO:
            return actor_text(entry.actor_name)
        if column is Column.WHAT:
            name = console_action_name(entry.action)
            return name if role == Qt.ItemDataRole.DisplayRole else entry.action
        if column is Column.CLIENT:
            return "" if entry.client_id is None else str(entry.client_id)
        return describe_change(entry.before, entry.after, {}, entry.entity)
