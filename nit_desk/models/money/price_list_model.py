"""The price list as a table: name, unit, unit price, extra fee, active (R15, R18)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from nit_desk.services.money.money_dto import PriceItemDTO
from nit_desk.ui.money_text import money_text, unit_name

ModelIndex = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
"""The role under which a row's :class:`PriceItemDTO` is returned."""
NAME, UNIT, PRICE, EXTRA_FEE, ACTIVE = range(5)
INACTIVE_COLOUR = QColor("#8a8a8a")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PriceListModel", text)


class PriceListModel(QAbstractTableModel):
    """Read-only rows of price-list items; the editor changes them through the services."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[PriceItemDTO] = []

    @property
    def items(self) -> tuple[PriceItemDTO, ...]:
        """The rows shown."""
        return tuple(self._items)

    def set_items(self, items: Sequence[PriceItemDTO]) -> None:
        """Show ``items`` (in the service's order)."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> PriceItemDTO | None:
        """The item at ``row``, if any."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """How many items."""
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Name, unit, price, extra fee, active."""
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = [_tr("Service"), _tr("Unit"), _tr("Unit price"), _tr("Extra fee"),
                  _tr("Active")]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts in the user's locale; withdrawn items greyed."""
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [item.name, unit_name(item.unit), money_text(item.unit_price_kopecks),
                    _tr("yes") if item.extra_fee else "",
                    _tr("active") if item.active else _tr("withdrawn")][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PRICE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return INACTIVE_COLOUR
        if role == ITEM_ROLE:
            return item
        return None
