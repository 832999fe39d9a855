"""The lines of the estimate editor: table, cell editors, line buttons and shortcuts (R15, R16).

:class:`EstimateLinesArea` shows an :class:`~nit_desk.models.money.estimate_model.EstimateModel`
in a table with its delegates, the Add / Remove / Up / Down buttons (Insert,
Delete, Ctrl+Shift+Up, Ctrl+Shift+Down; Alt+Down is left to open a combo box), an
Edit menu whose Undo / Redo entries name the step
("Undo change quantity of line 2"), and the note with the large exact total,
both kept in step with the model (the note is part of its undo history).
Its texts keep the editor's translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import ValidationError
from nit_desk.models.money.estimate_model import FIELD_COLUMNS, Column, EstimateModel
from nit_desk.services.money.money_dto import PriceItemDTO
from nit_desk.ui.money_text import money_text
from nit_desk.views.flow_layout import FlowLayout
from nit_desk.views.money.estimate_delegates import (
    MoneyDelegate,
    QuantityDelegate,
    RefusingDelegate,
    ServiceDelegate,
    UnitDelegate,
)
from nit_desk.views.money.estimate_parts import NoteAndTotal

COLUMN_WIDTHS = ((Column.SERVICE, 140), (Column.QUANTITY, 60), (Column.UNIT, 70),
                 (Column.UNIT_PRICE, 96), (Column.TOTAL, 100))
"""Starting widths; the service column takes what is left, but not less than its width."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("EstimateEditor", text)


class EstimateLinesArea(QWidget):
    """The editable lines with their buttons, shortcuts, Edit menu, note and total.

    ``refused(str)``: a cell editor refused what was typed (the reason).
    """

    refused = Signal(str)

    def __init__(self, model: EstimateModel, price_items: Callable[[], Sequence[PriceItemDTO]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button_row = self._buttons()
        layout.addLayout(self.button_row)
        self.table = self._table(price_items)
        layout.addWidget(self.table, 1)
        self.note_total = NoteAndTotal(model.undo_stack)
        layout.addWidget(self.note_total)
        self._quiet_note = False
        self._build_actions()
        model.total_changed.connect(self._on_model_total_changed)
        model.note_changed.connect(self._on_model_note_changed)
        self.note_total.note_edit.textChanged.connect(self._on_note_edit_text_changed)

    def _table(self, price_items: Callable[[], Sequence[PriceItemDTO]]) -> QTableView:
        table = QTableView()
        table.setObjectName("estimateTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                              | QTableView.EditTrigger.EditKeyPressed
                              | QTableView.EditTrigger.AnyKeyPressed)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(48)
        for column, width in COLUMN_WIDTHS:  # never narrower than the column's title
            table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        header.setSectionResizeMode(Column.SERVICE, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setDefaultSectionSize(26)
        self.service_delegate = ServiceDelegate(price_items, table)
        delegates: list[tuple[Column, RefusingDelegate]] = [
            (Column.SERVICE, self.service_delegate), (Column.QUANTITY, QuantityDelegate(table)),
            (Column.UNIT, UnitDelegate(table)), (Column.UNIT_PRICE, MoneyDelegate(table))]
        for column, delegate in delegates:
            table.setItemDelegateForColumn(column, delegate)
            delegate.refused.connect(self.refused)
        return table

    def _buttons(self) -> FlowLayout:
        """The line buttons on the left, the client's copies on the right; a narrow tab
        wraps them onto a second row rather than hiding any behind a "»"."""
        self.add_button = QPushButton(_tr("Add line"))
        self.remove_button = QPushButton(_tr("Remove"))
        self.up_button = QPushButton("▲")  # the tooltip names it: "Move line up (Ctrl+Shift+Up)"
        self.down_button = QPushButton("▼")
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(28)
        self.edit_button = QToolButton()
        self.edit_button.setObjectName("editMenuButton")
        self.edit_button.setText(_tr("Edit"))
        self.edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._editing_slots = [self.add_button, self.remove_button, self.up_button,
                               self.down_button]
        row = FlowLayout(spacing=4)
        row.add_widgets(*self._editing_slots, self.edit_button)
        return row

    def finish_button_row(self, left: Sequence[QWidget], right: Sequence[QWidget]) -> None:
        """Add the page's own buttons: ``left`` after the line buttons, ``right`` at the
        right end of the row (the Versions button; the client's copies)."""
        self.button_row.add_widgets(*left)
        self.button_row.add_right_aligned()
        self.button_row.add_widgets(*right)

    def _build_actions(self) -> None:
        stack = self.model.undo_stack
        self.undo_action = stack.createUndoAction(self, _tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, _tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.add_action = self._action(_tr("Add line"), "Insert", self._on_add_triggered)
        self.remove_action = self._action(_tr("Remove line"), "Delete",
                                          self._on_remove_triggered, on_table=True)
        self.up_action = self._action(_tr("Move line up"), "Ctrl+Shift+Up", self._on_up_triggered)
        self.down_action = self._action(_tr("Move line down"), "Ctrl+Shift+Down",
                                        self._on_down_triggered)
        menu = QMenu(self)
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions(self.line_actions())
        self.edit_button.setMenu(menu)
        for button, action in zip((self.add_button, self.remove_button, self.up_button,
                                   self.down_button), self.line_actions(), strict=True):
            button.clicked.connect(action.trigger)
            button.setToolTip(f"{action.text()} ({action.shortcut().toString()})")

    def _action(self, text: str, keys: str, slot: object, *, on_table: bool = False) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        (self.table if on_table else self).addAction(action)
        return action

    def line_actions(self) -> list[QAction]:
        """Add, remove, move up, move down."""
        return [self.add_action, self.remove_action, self.up_action, self.down_action]

    def set_editable(self, editable: bool) -> None:
        """Enable the line actions and the note only for a draft (R15)."""
        for action in self.line_actions():
            action.setEnabled(editable)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(editable)
        for slot in self._editing_slots:  # a frozen version has no line buttons at all
            slot.setVisible(editable)
        self.note_total.set_editable(editable)

    def show_total(self) -> None:
        """Show the model's exact total (R16)."""
        self.note_total.total_label.setText(money_text(self.model.total_kopecks))

    def point_at_cell(self, err: ValidationError, text: str) -> bool:
        """Mark and select the cell a refusal names ("line 2, quantity"); False if none."""
        line = err.params.get("line")
        column = FIELD_COLUMNS.get(err.field or "")
        if not isinstance(line, int) or column is None or not 1 <= line <= self.model.rowCount():
            return False
        index = self.model.set_cell_error(line - 1, column, text)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def show_note_error(self, text: str) -> None:
        """Frame the note in red with the reason it was refused (until it changes)."""
        self.note_total.note_edit.setStyleSheet("border: 1px solid #c62828;")
        self.note_total.note_edit.setToolTip(text)

    @Slot(object)
    def _on_model_total_changed(self, total: int) -> None:
        self.note_total.total_label.setText(money_text(total))

    @Slot(str)
    def _on_model_note_changed(self, note: str) -> None:
        """The model's note (an undo, a loaded version) shown in the field, which keeps quiet."""
        note_edit = self.note_total.note_edit
        if note_edit.toPlainText() != note:
            self._quiet_note = True
            try:
                note_edit.setPlainText(note)
            finally:
                self._quiet_note = False
        note_edit.setStyleSheet("")
        note_edit.setToolTip("")

    @Slot()
    def _on_note_edit_text_changed(self) -> None:
        if not self._quiet_note:
            self.model.set_note(self.note_total.note_edit.toPlainText())

    @Slot()
    def _on_add_triggered(self) -> None:
        current = self.table.currentIndex()
        row = self.model.add_line(current.row() + 1 if current.isValid() else None)
        if row >= 0:
            index = self.model.index(row, Column.SERVICE)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    @Slot()
    def _on_remove_triggered(self) -> None:
        row = self.table.currentIndex().row()
        if self.model.remove_line(row):
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1),
                                                        Column.SERVICE))

    @Slot()
    def _on_up_triggered(self) -> None:
        self._move(-1)

    @Slot()
    def _on_down_triggered(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        current = self.table.currentIndex()
        if current.isValid() and self.model.move_line(current.row(), delta):
            self.table.setCurrentIndex(self.model.index(current.row() + delta, current.column()))
