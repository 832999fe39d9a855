"""A read-only table of timeline entries: when, who, what, details.

The client's history (audit entries, R17) and a request's work log (R22) show
their entries the same way; each model only says the words of a cell
(:meth:`TimelineTableModel.text`). A cell shows on one line; its tooltip
holds the whole text, line breaks included.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

ModelIndex = QModelIndex | QPersistentModelIndex


EntryT = TypeVar("EntryT")
"""What one row shows: an audit record, a work-log entry."""


class Column(IntEnum):
    """The columns of a timeline."""

    WHEN = 0
    WHO = 1
    WHAT = 2
    DETAILS = 3


def _title(column: Column) -> str:
    t = QCoreApplication.translate
    titles = {Column.WHEN: t("TimelineTable", "When"), Column.WHO: t("TimelineTable", "Who"),
              Column.WHAT: t("TimelineTable", "What"),
              Column.DETAILS: t("TimelineTable", "Details")}
    return titles[column]


class TimelineTableModel(QAbstractTableModel, Generic[EntryT]):
    """Entries in rows, one column each for when, who, what and the details."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[EntryT] = []

    def _show(self, entries: Sequence[EntryT]) -> None:
        """Replace every row (a reset: the view keeps no stale index)."""
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> EntryT | None:
        """The entry on ``row``, if any."""
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def text(self, row: int, column: Column) -> str:
        """The words of one cell ("" past the last row)."""
        entry = self.entry(row)
        return "" if entry is None else self._cell(entry, column)

    def _cell(self, entry: EntryT, column: Column) -> str:
        """The words of ``entry`` in ``column``; each timeline says its own."""
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        """Entries (a table: no children)."""
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        """When, who, what, details."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return _title(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's words on one line; the tooltip holds them whole."""
        if not index.isValid() or index.parent().isValid():
            return None
        if not (0 <= index.row() < len(self._entries) and 0 <= index.column() < len(Column)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self.text(index.row(), Column(index.column()))
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(line.strip() for line in text.splitlines() if line.strip())
        return text
