"""Cell editors of the estimate table: service, quantity, unit and unit price (R15, R16).

* :class:`ServiceDelegate`: an editable combo box of the active price list with a
  completer; picking a service fills the unit and the unit price, any other text
  is a free-text line.
* :class:`QuantityDelegate`: a line edit read with the domain's ``parse_quantity``.
* :class:`UnitDelegate`: a combo box of the units.
* :class:`MoneyDelegate`: the money editor (:class:`~nit_desk.views.money.money_edit.MoneyEdit`).

A value the rules refuse is not written: the delegate emits
``refused(str)`` with the translated reason and the cell keeps its value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.money import parse_quantity
from nit_desk.domain.types import Unit
from nit_desk.models.money.estimate_model import EstimateModel
from nit_desk.services.money.money_dto import PriceItemDTO
from nit_desk.ui.errors import error_text
from nit_desk.ui.money_text import editing_text, unit_name
from nit_desk.views.money.money_edit import MoneyEdit

ModelIndex = QModelIndex | QPersistentModelIndex


def _estimate_model(model: QAbstractItemModel) -> EstimateModel | None:
    """The estimate model behind ``model`` (it may be a proxy)."""
    while isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return model if isinstance(model, EstimateModel) else None


_LEAVING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class RefusingDelegate(QStyledItemDelegate):
    """A delegate that reports a refused value instead of writing it.

    Enter or Tab on a value the rules refuse keeps the cell editor open with
    what was typed (and says why) instead of closing it.
    """

    refused = Signal(str)

    def refusal(self, editor: QObject) -> str:
        """Why the editor's text would be refused ("" when it is fine)."""
        return ""

    @staticmethod
    def select_text_soon(editor: QWidget) -> None:
        """Select the editor's whole text once it has the focus, so typing replaces it.

        Qt selects only a bare QLineEdit's text, and before the editor takes the focus
        (the money editor then reformats it, an editable combo never gets it). A key
        that opened the editor was typed by then: that text is left as typed.
        """
        edit = editor.lineEdit() if isinstance(editor, QComboBox) else editor
        if not isinstance(edit, QLineEdit):
            return
        given = edit.text()

        def select() -> None:
            if edit.text() == given:
                edit.selectAll()

        QTimer.singleShot(0, edit, select)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keep the editor open on Enter / Tab while its text is refused."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _LEAVING_KEYS):
            reason = self.refusal(editor)
            if reason:
                self.refused.emit(reason)
                if isinstance(editor, QWidget):
                    editor.setToolTip(reason)
                return True
        return super().eventFilter(editor, event)


class ServiceDelegate(RefusingDelegate):
    """The service cell: a price-list service or free text."""

    def __init__(self, price_items: Callable[[], Sequence[PriceItemDTO]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._price_items = price_items

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: ModelIndex) -> QWidget:
        """An editable combo of the active services, completing on any part of the name."""
        combo = QComboBox(parent)
        combo.setObjectName("serviceEditor")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for item in self._price_items():
            combo.addItem(item.name, item.id)
        completer = QCompleter(combo.model(), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        line_edit = combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(self.tr("Service from the price list, or any text"))
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        """Show the line's description as the combo's text."""
        if isinstance(editor, QComboBox):
            editor.setEditText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            self.select_text_soon(editor)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: ModelIndex) -> None:
        """A service's exact name picks it (name, unit, price); other text is free text."""
        if not isinstance(editor, QComboBox):
            return
        text = editor.currentText().strip()
        item = self.item_named(text)
        target = _estimate_model(model)
        if item is not None and target is not None:
            target.pick_price_item(index.row(), item)
        elif text or index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, text)

    def item_named(self, text: str) -> PriceItemDTO | None:
        """The active service called ``text`` (ignoring case), if any."""
        wanted = text.casefold()
        return next((item for item in self._price_items() if item.name.casefold() == wanted),
                    None)


class QuantityDelegate(RefusingDelegate):
    """The quantity cell: "2", "1,5" or "0.25" (at most 3 decimals, R16)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: ModelIndex) -> QWidget:
        """A right-aligned line edit."""
        edit = QLineEdit(parent)
        edit.setObjectName("quantityEditor")
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return edit

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        """The quantity as text."""
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            self.select_text_soon(editor)

    def refusal(self, editor: QObject) -> str:
        """The reason a typed quantity is refused ("" when it reads)."""
        if not isinstance(editor, QLineEdit):
            return ""
        try:
            parse_quantity(editor.text())
        except ValidationError as err:
            return error_text(err)
        return ""

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: ModelIndex) -> None:
        """Write a valid quantity; refuse anything else with the reason."""
        if not isinstance(editor, QLineEdit):
            return
        try:
            quantity = parse_quantity(editor.text())
        except ValidationError as err:
            self.refused.emit(error_text(err))
            return
        model.setData(index, quantity)


class UnitDelegate(RefusingDelegate):
    """The unit cell: hour, piece, visit or service."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: ModelIndex) -> QWidget:
        """A combo box of the units in the user's language."""
        combo = QComboBox(parent)
        combo.setObjectName("unitEditor")
        for unit in Unit:
            combo.addItem(unit_name(unit), unit.value)
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        """Select the line's unit."""
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: ModelIndex) -> None:
        """Write the chosen unit."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())


class MoneyDelegate(RefusingDelegate):
    """The unit-price cell: the money editor ("1234,5", "1 234.50 ₽"...)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: ModelIndex) -> QWidget:
        """A :class:`MoneyEdit`, right-aligned."""
        edit = MoneyEdit(parent, field="unit_price")
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return edit

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        """The price as the user edits it ("1234,50")."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, MoneyEdit) and isinstance(value, int):
            editor.setText(editing_text(value))
            editor.check()
            self.select_text_soon(editor)

    def refusal(self, editor: QObject) -> str:
        """The reason a typed price is refused ("" when it reads)."""
        if not isinstance(editor, MoneyEdit) or editor.check() is not None:
            return ""
        return editor.error or self.tr("Enter the unit price, e.g. 1 234,50.")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: ModelIndex) -> None:
        """Write a valid amount; refuse a negative, over-large or malformed one."""
        if not isinstance(editor, MoneyEdit):
            return
        kopecks = editor.check()
        if kopecks is None:
            self.refused.emit(editor.error or self.tr("Enter the unit price, e.g. 1 234,50."))
            return
        model.setData(index, kopecks)
