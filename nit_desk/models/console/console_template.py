"""The checklist template being edited: steps, their order and required flags (R3).

An editable table model: the title is edited in place, "required" is a check
box, rows move with :meth:`TemplateStepsModel.move_step` or by dragging
(an internal move: the dragged row numbers travel in the MIME data). A step
that came from the saved template keeps its code; a new one gets a code made
from its title when saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from nit_desk.services.dto import StepInput, TemplateStepDTO

ModelIndex = QModelIndex | QPersistentModelIndex
ROW_MIME = "application/x-nit-desk-template-row"


class Column(IntEnum):
    """The template table's columns."""

    TITLE = 0
    REQUIRED = 1


@dataclass(frozen=True)
class EditedStep:
    """One step as edited: code None for a step added here."""

    code: str | None
    title: str
    required: bool


class TemplateStepsModel(QAbstractTableModel):
    """The steps of the template being edited.

    Signals:
        edited(): the steps differ from what was loaded (or were changed again).
    """

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[EditedStep] = []
        self._loaded: list[EditedStep] = []

    # -- the steps --

    def set_steps(self, steps: Sequence[TemplateStepDTO]) -> None:
        """Show a saved template's steps (in their order); nothing is edited yet."""
        self.beginResetModel()
        self._steps = [EditedStep(s.code, s.title, s.required)
                       for s in sorted(steps, key=lambda s: s.position)]
        self._loaded = list(self._steps)
        self.endResetModel()
        self.edited.emit()

    def steps(self) -> list[StepInput]:
        """The steps to save: (code or None, title, required), in order."""
        return [(s.code, s.title.strip(), s.required) for s in self._steps]

    def step(self, row: int) -> EditedStep:
        """The step on ``row``."""
        return self._steps[row]

    @property
    def is_modified(self) -> bool:
        """Whether the steps differ from the loaded template."""
        return self._steps != self._loaded

    def add_step(self, title: str, required: bool = True) -> int:
        """Append a new step; returns its row."""
        row = len(self._steps)
        self.beginInsertRows(QModelIndex(), row, row)
        self._steps.append(EditedStep(None, title, required))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_step(self, row: int) -> bool:
        """Remove the step on ``row``."""
        return self.removeRows(row, 1)

    def move_step(self, row: int, delta: int) -> int:
        """Move the step on ``row`` up (-1) or down (+1); returns its new row."""
        target = row + delta
        if not (0 <= row < len(self._steps) and 0 <= target < len(self._steps)):
            return row
        destination = target + 1 if delta > 0 else target
        self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination)
        return target

    # -- Qt model: reading --

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Steps."""
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Title and required."""
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles; rows are numbered."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (self.tr("Step"), self.tr("Required"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The title (display and edit) and the required check box."""
        if not index.isValid() or not 0 <= index.row() < len(self._steps):
            return None
        step = self._steps[index.row()]
        if index.column() == Column.TITLE:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return step.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Code: {code}").format(code=step.code) if step.code else \
                    self.tr("New step: its code is made from the title when saved")
        if index.column() == Column.REQUIRED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if step.required else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("required") if step.required else self.tr("optional")
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Titles are editable, required is checkable, rows drag; drops land between rows."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)
        if index.column() == Column.TITLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base | Qt.ItemFlag.ItemIsUserCheckable

    # -- Qt model: editing --

    def setData(self, index: ModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Rename a step or tick it required."""
        if not index.isValid() or not 0 <= index.row() < len(self._steps):
            return False
        step = self._steps[index.row()]
        if index.column() == Column.TITLE and role == Qt.ItemDataRole.EditRole:
            changed = replace(step, title=str(value).strip())
        elif index.column() == Column.REQUIRED and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            changed = replace(step, required=bool(checked))
        else:
            return False
        self._steps[index.row()] = changed
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), len(Column) - 1))
        self.edited.emit()
        return True

    def removeRows(self, row: int, count: int,  # noqa: N802
                   parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """Remove ``count`` steps from ``row``."""
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._steps):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._steps[row:row + count]
        self.endRemoveRows()
        self.edited.emit()
        return True

    def moveRows(self, source_parent: ModelIndex, source_row: int,  # noqa: N802
                 count: int, destination_parent: ModelIndex, destination: int) -> bool:
        """Move ``count`` steps so they stand before row ``destination``."""
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        end = source_row + count
        if source_row < 0 or end > len(self._steps) or not 0 <= destination <= len(
                self._steps) or source_row <= destination <= end:
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, end - 1, QModelIndex(),
                                  destination):
            return False
        moving = self._steps[source_row:end]
        del self._steps[source_row:end]
        insert_at = destination - count if destination > source_row else destination
        self._steps[insert_at:insert_at] = moving
        self.endMoveRows()
        self.edited.emit()
        return True

    # -- dragging --

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        """Rows only move."""
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        """Rows only move."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        """The private row-number type."""
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        """The dragged row (the first selected one)."""
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ROW_MIME, QByteArray(str(rows[0]).encode("ascii")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: ModelIndex) -> bool:
        """Move the dragged row before ``row`` (or the row dropped on).

        Returns False after moving, so the view does not also remove the source
        row as it would after a move between two models.
        """
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        try:
            source = int(bytes(data.data(ROW_MIME).data()).decode("ascii"))
        except ValueError:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._steps)
        if source != row and source + 1 != row:
            self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)
        return False
