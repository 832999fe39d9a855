"""The registration checklist of one client as a table model (R3, R4).

Rows are :class:`~nit_desk.services.dto.ChecklistItemDTO`; columns: step,
required, state, by whom, when. The state column carries a coloured icon,
so a glance down the list shows what is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from nit_desk.domain.types import StepState
from nit_desk.services.dto import ChecklistItemDTO
from nit_desk.ui.palette import tone
from nit_desk.ui.time_text import local_time_text

ModelIndex = QModelIndex | QPersistentModelIndex

STATE_COLOURS: dict[StepState, str] = {
    StepState.DONE: "#2e7d32",
    StepState.REFUSED: "#c62828",
    StepState.NOT_APPLICABLE: "#757575",
    StepState.PENDING: "#ef6c00",
}
"""Colours of the state icons; mid-tones that read on light and dark rows."""
STATE_TEXT_ON_DARK: dict[StepState, str] = {
    StepState.DONE: "#81c784",
    StepState.REFUSED: "#ef9a9a",
    StepState.NOT_APPLICABLE: "#bdbdbd",
    StepState.PENDING: "#ffb74d",
}
"""The state's text colour on a dark palette (the icons keep their colours)."""
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`StepState`."""
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
"""The step's code."""


class Column(IntEnum):
    """The checklist's columns."""

    STEP = 0
    REQUIRED = 1
    STATE = 2
    BY = 3
    WHEN = 4


def state_name(state: StepState) -> str:
    """The translated name of a step state."""
    names = {
        StepState.PENDING: QCoreApplication.translate("checklist", "pending"),
        StepState.DONE: QCoreApplication.translate("checklist", "done"),
        StepState.REFUSED: QCoreApplication.translate("checklist", "refused"),
        StepState.NOT_APPLICABLE: QCoreApplication.translate("checklist", "not applicable"),
    }
    return names[state]


_ICONS: dict[StepState, QIcon] = {}


def state_icon(state: StepState) -> QIcon:
    """A small coloured disc with a mark: ✓ done, ✕ refused, – n/a, hollow pending."""
    icon = _ICONS.get(state)
    if icon is None:
        icon = QIcon(_draw_state(state))
        _ICONS[state] = icon
    return icon


def _draw_state(state: StepState) -> QPixmap:
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATE_COLOURS[state])
    if state is StepState.PENDING:
        painter.setPen(QPen(colour, 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    painter.drawEllipse(3, 3, size - 6, size - 6)
    painter.setPen(QPen(QColor("white"), 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    if state is StepState.DONE:
        painter.drawPolyline([_p(9, 16.5), _p(14, 21.5), _p(23, 11)])
    elif state is StepState.REFUSED:
        painter.drawLine(_p(11, 11), _p(21, 21))
        painter.drawLine(_p(21, 11), _p(11, 21))
    elif state is StepState.NOT_APPLICABLE:
        painter.drawLine(_p(10, 16), _p(22, 16))
    painter.end()
    return pixmap


def _p(x: float, y: float) -> QPointF:
    return QPointF(x, y)


class ChecklistModel(QAbstractTableModel):
    """One client's checklist steps, in template order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ChecklistItemDTO] = []

    def set_items(self, items: Sequence[ChecklistItemDTO]) -> None:
        """Show ``items``; rows that kept their code are updated in place (keeps selection)."""
        new = list(items)
        if [i.code for i in new] == [i.code for i in self._items]:
            self._items = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(Column) - 1))
            return
        self.beginResetModel()
        self._items = new
        self.endResetModel()

    def item(self, row: int) -> ChecklistItemDTO | None:
        """The step on ``row``, if any."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, code: str) -> int:
        """The row of the step ``code``, or -1."""
        return next((r for r, i in enumerate(self._items) if i.code == code), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        """Steps (a table: no children)."""
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        """Step, required, state, by, when."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {Column.STEP: self.tr("Step"), Column.REQUIRED: self.tr("Required"),
                  Column.STATE: self.tr("State"), Column.BY: self.tr("By"),
                  Column.WHEN: self.tr("When")}
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, icon, colour, tooltip, and the step's state and code."""
        if not index.isValid() or index.parent().isValid():
            return None
        item = self.item(index.row())
        if item is None or not 0 <= index.column() < len(Column):
            return None
        column = Column(index.column())
        if role == STATE_ROLE:
            return item.state
        if role == CODE_ROLE:
            return item.code
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column is Column.STATE:
            return state_icon(item.state)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATE:
            return QBrush(QColor(tone(STATE_COLOURS[item.state],
                                      STATE_TEXT_ON_DARK[item.state])))
        if role == Qt.ItemDataRole.FontRole and column is Column.STEP and item.required:
            font = QFont()
            font.setBold(item.state is not StepState.DONE)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        return None

    def _display(self, item: ChecklistItemDTO, column: Column) -> str:
        if column is Column.STEP:
            return item.title
        if column is Column.REQUIRED:
            return self.tr("required") if item.required else self.tr("optional")
        if column is Column.STATE:
            return state_name(item.state)
        if column is Column.BY:
            return item.changed_by or ""
        return local_time_text(item.changed_at)

    def _tooltip(self, item: ChecklistItemDTO) -> str:
        kind = self.tr("Required step") if item.required else self.tr("Optional step")
        if item.changed_by is None:
            return self.tr("{kind}: {state}").format(kind=kind, state=state_name(item.state))
        return self.tr("{kind}: {state}, set by {user} at {when}").format(
            kind=kind, state=state_name(item.state), user=item.changed_by,
            when=local_time_text(item.changed_at))
