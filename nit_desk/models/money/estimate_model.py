"""The lines of an estimate draft being edited: exact values, exact total, every edit undoable.

:class:`EstimateModel` holds :class:`EditableLine` rows (``Decimal`` quantity,
integer kopecks, R16) and the note for assumptions (R15). Every change goes
through its :class:`~PySide6.QtGui.QUndoStack` as a named command, so
Ctrl+Z / Ctrl+Shift+Z work and the Edit menu says what they undo ("Undo
change quantity of line 2"). The total is recomputed from the lines after
every change, so it always equals the sum of the line totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QUndoCommand, QUndoStack

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.estimate_diff import EstimateLineLike
from nit_desk.domain.money import MAX_AMOUNT_KOPECKS, line_total, parse_quantity
from nit_desk.domain.types import Unit
from nit_desk.services.money.money_dto import LineInput, PriceItemDTO
from nit_desk.ui.money_text import money_text, quantity_text, unit_name

ModelIndex = QModelIndex | QPersistentModelIndex
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The role under which a row's :class:`EditableLine` is returned."""
ERROR_BACKGROUND = QColor("#fde0dc")
_DISPLAY, _EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
_ALIGN, _BACKGROUND = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.BackgroundRole)
_ANSWERED = frozenset({_DISPLAY, _EDIT, _ALIGN, _BACKGROUND, int(Qt.ItemDataRole.ToolTipRole),
                       int(LINE_ROLE)})
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_READ_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDIT_FLAGS = _READ_FLAGS | Qt.ItemFlag.ItemIsEditable
_CONTEXT = "EstimateModel"


class Column(IntEnum):
    """The columns of the estimate table."""

    SERVICE = 0
    QUANTITY = 1
    UNIT = 2
    UNIT_PRICE = 3
    TOTAL = 4


_SERVICE, _TOTAL = int(Column.SERVICE), int(Column.TOTAL)
_COLUMN_COUNT = len(Column)

FIELD_COLUMNS: dict[str, Column] = {
    "description": Column.SERVICE, "price_item": Column.SERVICE,
    "quantity": Column.QUANTITY, "unit": Column.UNIT, "unit_price": Column.UNIT_PRICE,
}
"""Which column a service's ``ValidationError.field`` points at."""


@dataclass(frozen=True)
class EditableLine:
    """One line as the editor holds it; the total is computed exactly on creation (R16)."""

    description: str = ""
    quantity: Decimal = Decimal(1)
    unit: Unit = Unit.SERVICE
    unit_price_kopecks: int = 0
    price_item_id: int | None = None
    total_kopecks: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_kopecks",
                           line_total(self.quantity, self.unit_price_kopecks))

    @classmethod
    def from_line(cls, line: EstimateLineLike) -> EditableLine:
        """A copy of a saved line (a DTO of the services)."""
        return cls(line.description, line.quantity, Unit(line.unit), line.unit_price_kopecks,
                   line.price_item_id)

    def to_input(self) -> LineInput:
        """The line as :func:`nit_desk.services.money.estimates.save_draft` takes it."""
        return LineInput(self.description, self.quantity, self.unit, self.unit_price_kopecks,
                         self.price_item_id)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def column_title(column: Column) -> str:
    """The header of a column."""
    titles = {Column.SERVICE: _tr("Service / description"), Column.QUANTITY: _tr("Quantity"),
              Column.UNIT: _tr("Unit"), Column.UNIT_PRICE: _tr("Unit price"),
              Column.TOTAL: _tr("Sum")}  # short: "Line total" is its tooltip
    return titles[column]


def column_tip(column: Column) -> str | None:
    """The tooltip of a column's header: the whole name where the title is short."""
    return _tr("Line total") if column == Column.TOTAL else None


def _what(column: Column) -> str:
    """The column in words for an undo step ("change quantity of line 2")."""
    words = {Column.SERVICE: _tr("service"), Column.QUANTITY: _tr("quantity"),
             Column.UNIT: _tr("unit"), Column.UNIT_PRICE: _tr("unit price"),
             Column.TOTAL: _tr("total")}
    return words[column]


# --- undo commands ------------------------------------------------------------


class EditLineCommand(QUndoCommand):
    """Replace one line (one cell edited, or a service picked from the price list)."""

    def __init__(self, model: EstimateModel, row: int, before: EditableLine,
                 after: EditableLine, text: str) -> None:
        super().__init__(text)
        self._model, self._row, self._before, self._after = model, row, before, after

    def redo(self) -> None:
        """Put the new line in."""
        self._model.replace_line_now(self._row, self._after)

    def undo(self) -> None:
        """Put the old line back."""
        self._model.replace_line_now(self._row, self._before)


class AddLineCommand(QUndoCommand):
    """Insert a line at a row."""

    def __init__(self, model: EstimateModel, row: int, line: EditableLine) -> None:
        super().__init__(_tr("add line {line}").format(line=row + 1))
        self._model, self._row, self._line = model, row, line

    def redo(self) -> None:
        """Insert the line."""
        self._model.insert_line_now(self._row, self._line)

    def undo(self) -> None:
        """Take it out again."""
        self._model.remove_line_now(self._row)


class RemoveLineCommand(QUndoCommand):
    """Remove the line at a row."""

    def __init__(self, model: EstimateModel, row: int, line: EditableLine) -> None:
        super().__init__(_tr("remove line {line}").format(line=row + 1))
        self._model, self._row, self._line = model, row, line

    def redo(self) -> None:
        """Remove the line."""
        self._model.remove_line_now(self._row)

    def undo(self) -> None:
        """Put it back where it was."""
        self._model.insert_line_now(self._row, self._line)


class MoveLineCommand(QUndoCommand):
    """Move a line one place up or down."""

    def __init__(self, model: EstimateModel, row: int, to: int) -> None:
        text = (_tr("move line {line} up") if to < row else _tr("move line {line} down"))
        super().__init__(text.format(line=row + 1))
        self._model, self._row, self._to = model, row, to

    def redo(self) -> None:
        """Move it."""
        self._model.move_line_now(self._row, self._to)

    def undo(self) -> None:
        """Move it back."""
        self._model.move_line_now(self._to, self._row)


class ChangeNoteCommand(QUndoCommand):
    """Change the note for assumptions; consecutive typing merges into one step."""

    MERGE_ID = 4015

    def __init__(self, model: EstimateModel, before: str, after: str) -> None:
        super().__init__(_tr("change the note"))
        self._model, self._before, self._after = model, before, after

    def id(self) -> int:  # noqa: A003 - Qt's name
        """Commands with this id merge (one undo step per burst of typing)."""
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Take over the later text of another note change."""
        if not isinstance(other, ChangeNoteCommand):
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        """Set the new note."""
        self._model.set_note_now(self._after)

    def undo(self) -> None:
        """Set the old note."""
        self._model.set_note_now(self._before)


# --- the model ----------------------------------------------------------------


class EstimateModel(QAbstractTableModel):
    """Editable lines of one estimate version with an exact total and an undo stack (R15, R16).

    Signals: ``total_changed(object)`` with the new total in kopecks (an
    ``int``; may exceed 32 bits) and ``note_changed(str)`` when the note
    changes by undo or redo (the editor shows it).
    """

    total_changed = Signal(object)
    note_changed = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[EditableLine] = []
        self._note = ""
        self._total = 0
        self._read_only = False
        self._errors: dict[tuple[int, int], str] = {}
        self._text_cache: dict[int, tuple[EditableLine, tuple[str, ...]]] = {}
        self.undo_stack = QUndoStack(self)

    # -- state ---------------------------------------------------------------

    @property
    def lines(self) -> tuple[EditableLine, ...]:
        """The lines, in order."""
        return tuple(self._lines)

    @property
    def note(self) -> str:
        """The note for assumptions ("approximate: …", R15)."""
        return self._note

    @property
    def total_kopecks(self) -> int:
        """The exact sum of the line totals."""
        return self._total

    @property
    def read_only(self) -> bool:
        """Whether edits are refused (a frozen version, R15)."""
        return self._read_only

    def snapshot(self) -> tuple[tuple[EditableLine, ...], str]:
        """The lines and the note, to compare states (undo restores them exactly)."""
        return tuple(self._lines), self._note

    def line_inputs(self) -> list[LineInput]:
        """The lines as the service takes them."""
        return [line.to_input() for line in self._lines]

    def load(self, lines: Sequence[EditableLine], note: str, *, read_only: bool) -> None:
        """Show a version's lines; forgets the undo history and any cell errors."""
        self.beginResetModel()
        self._lines = list(lines)
        self._note = note
        self._read_only = read_only
        self._errors.clear()
        self._text_cache.clear()  # the locale may have changed too
        self.endResetModel()
        self.undo_stack.clear()
        self._recompute()
        self.note_changed.emit(note)

    def set_read_only(self, read_only: bool) -> None:
        """Allow or refuse edits without touching the lines."""
        self._read_only = read_only
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1,
                                                                len(Column) - 1))

    # -- edits (each one undoable) -------------------------------------------

    def add_line(self, row: int | None = None, line: EditableLine | None = None) -> int:
        """Insert a line (an empty one by default) at ``row`` (default: the end).

        Returns:
            The row of the new line, or -1 when the model is read-only.
        """
        if self._read_only:
            return -1
        at = len(self._lines) if row is None else max(0, min(row, len(self._lines)))
        self.undo_stack.push(AddLineCommand(self, at, line or EditableLine()))
        return at

    def remove_line(self, row: int) -> bool:
        """Remove the line at ``row``; False when there is none or the model is read-only."""
        if self._read_only or not 0 <= row < len(self._lines):
            return False
        self.undo_stack.push(RemoveLineCommand(self, row, self._lines[row]))
        return True

    def move_line(self, row: int, delta: int) -> bool:
        """Move the line at ``row`` one place up (-1) or down (+1)."""
        to = row + delta
        if (self._read_only or delta not in (-1, 1) or not 0 <= row < len(self._lines)
                or not 0 <= to < len(self._lines)):
            return False
        self.undo_stack.push(MoveLineCommand(self, row, to))
        return True

    def edit_line(self, row: int, column: Column, after: EditableLine) -> bool:
        """Replace a line as one named step ("change unit price of line 3")."""
        if self._read_only or not 0 <= row < len(self._lines):
            return False
        before = self._lines[row]
        if before == after:
            return False
        text = _tr("change {what} of line {line}").format(what=_what(column), line=row + 1)
        self.undo_stack.push(EditLineCommand(self, row, before, after, text))
        self._errors.pop((row, int(column)), None)
        return True

    def pick_price_item(self, row: int, item: PriceItemDTO) -> bool:
        """Fill a line from a price-list service: its name, unit and unit price."""
        if not 0 <= row < len(self._lines):
            return False
        after = replace(self._lines[row], description=item.name, unit=item.unit,
                        unit_price_kopecks=item.unit_price_kopecks, price_item_id=item.id)
        return self.edit_line(row, Column.SERVICE, after)

    def set_note(self, note: str) -> bool:
        """Change the note (typing merges into one undo step)."""
        if self._read_only or note == self._note:
            return False
        self.undo_stack.push(ChangeNoteCommand(self, self._note, note))
        return True

    # -- the commands' primitives (not undoable on their own) ----------------

    def replace_line_now(self, row: int, line: EditableLine) -> None:
        """Put ``line`` at ``row`` (used by the undo commands)."""
        self._lines[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        self._recompute()

    def insert_line_now(self, row: int, line: EditableLine) -> None:
        """Insert ``line`` at ``row`` (used by the undo commands)."""
        self._errors.clear()
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.insert(row, line)
        self.endInsertRows()
        self._renumber(row)
        self._recompute()

    def remove_line_now(self, row: int) -> None:
        """Remove the line at ``row`` (used by the undo commands)."""
        self._errors.clear()
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self.endRemoveRows()
        self._renumber(row)
        self._recompute()

    def move_line_now(self, row: int, to: int) -> None:
        """Move the line at ``row`` to ``to`` (used by the undo commands)."""
        self._errors.clear()
        destination = to + 1 if to > row else to
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._lines.insert(to, self._lines.pop(row))
        self.endMoveRows()
        self._renumber(min(row, to))

    def set_note_now(self, note: str) -> None:
        """Set the note (used by the undo commands)."""
        self._note = note
        self.note_changed.emit(note)

    def _renumber(self, first: int) -> None:
        """Line numbers in the vertical header follow the order."""
        if first < len(self._lines):
            self.headerDataChanged.emit(Qt.Orientation.Vertical, first, len(self._lines) - 1)

    def _recompute(self) -> None:
        total = sum(line.total_kopecks for line in self._lines)
        if total != self._total:
            self._total = total
            self.total_changed.emit(total)

    # -- cell errors from the service ----------------------------------------

    def set_cell_error(self, row: int, column: Column, text: str) -> QModelIndex:
        """Mark a cell the service refused (shown red with the reason as tooltip)."""
        self._errors[(row, int(column))] = text
        index = self.index(row, int(column))
        self.dataChanged.emit(index, index)
        return index

    def clear_errors(self) -> None:
        """Forget every cell error."""
        cells = list(self._errors)
        self._errors.clear()
        for row, column in cells:
            if row < len(self._lines):
                self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def cell_error(self, row: int, column: Column) -> str:
        """The refusal shown on a cell ("" when none)."""
        return self._errors.get((row, int(column)), "")

    # -- QAbstractTableModel -------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """The number of lines."""
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Service, quantity, unit, unit price, line total."""
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles (and their tooltips); line numbers from 1 down the side."""
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return column_tip(Column(section)) if 0 <= section < len(Column) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_title(Column(section)) if 0 <= section < len(Column) else None
        return str(section + 1)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Every cell but the line total is editable unless the version is frozen."""
        if not index.isValid():
            return _NO_FLAGS
        if self._read_only or index.column() == _TOTAL:
            return _READ_FLAGS
        return _EDIT_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display texts in the user's locale, raw exact values for editing.

        Called for every visible cell and role on each repaint, so the roles the
        model does not answer return at once and display texts are cached per line.
        """
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._lines):
            return None
        line = self._lines[row]
        if role == _DISPLAY:
            return self._texts(line)[column]
        if role == _EDIT:
            return _edit_value(line, Column(column))
        if role == _ALIGN:
            return _RIGHT if column != _SERVICE else None
        if role == LINE_ROLE:
            return line
        error = self._errors.get((row, column), "") if self._errors else ""
        if role == _BACKGROUND:
            return ERROR_BACKGROUND if error else None
        return error or None  # the tooltip

    def _texts(self, line: EditableLine) -> tuple[str, ...]:
        """The display texts of a line, made once per line object."""
        cached = self._text_cache.get(id(line))
        if cached is not None and cached[0] is line:
            return cached[1]
        texts = tuple(_display(line, column) for column in Column)
        if len(self._text_cache) > 4 * len(self._lines) + 64:
            self._text_cache.clear()
        self._text_cache[id(line)] = (line, texts)
        return texts

    def setData(self, index: ModelIndex, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Change one cell as an undoable step; False for a value the rules refuse."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = Column(index.column())
        try:
            after = _with_value(self._lines[index.row()], column, value)
        except (ValidationError, ValueError, TypeError):
            return False
        self.edit_line(index.row(), column, after)
        return True


def _display(line: EditableLine, column: Column) -> str:
    if column == Column.SERVICE:
        return line.description
    if column == Column.QUANTITY:
        return quantity_text(line.quantity)
    if column == Column.UNIT:
        return unit_name(line.unit)
    if column == Column.UNIT_PRICE:
        return money_text(line.unit_price_kopecks)
    return money_text(line.total_kopecks)


def _edit_value(line: EditableLine, column: Column) -> Any:
    if column == Column.SERVICE:
        return line.description
    if column == Column.QUANTITY:
        return quantity_text(line.quantity)
    if column == Column.UNIT:
        return line.unit.value
    if column == Column.UNIT_PRICE:
        return line.unit_price_kopecks
    return line.total_kopecks


def _with_value(line: EditableLine, column: Column, value: Any) -> EditableLine:
    """The line with one cell changed; raises for a value the rules refuse (R16)."""
    if column == Column.SERVICE:
        text = str(value)
        if text == line.description:
            return line
        return replace(line, description=text, price_item_id=None)  # free text: not the item
    if column == Column.QUANTITY:
        quantity = value if isinstance(value, Decimal) else parse_quantity(str(value))
        if not quantity.is_finite() or quantity <= 0:
            raise ValueError("quantity must be positive")
        return replace(line, quantity=quantity)
    if column == Column.UNIT:
        return replace(line, unit=Unit(value))
    if column == Column.UNIT_PRICE:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("unit price must be whole kopecks")
        if not 0 <= value <= MAX_AMOUNT_KOPECKS:
            raise ValueError("unit price out of range")
        return replace(line, unit_price_kopecks=value)
    raise ValueError("the line total is computed")
