"""The supervisors' price list editor: add, change, withdraw and bring back services (R15, R18).

``PriceListEditor(session)``: a table of every item (withdrawn ones greyed) with
"Add…", "Edit…" and "Withdraw" / "Bring back". Changes go through the price-list
services, which check the supervisor role (R18); estimates keep the prices
they were made with.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import Unit
from nit_desk.models.money.price_list_model import NAME, PriceListModel
from nit_desk.services.change import Change
from nit_desk.services.money import pricelist
from nit_desk.services.money.money_dto import PriceItemDTO
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.money_text import unit_name
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.views.field_feedback import FieldFeedback, FormErrors
from nit_desk.views.money.money_edit import MoneyEdit
from nit_desk.views.widgets import MessageLine


class PriceItemDialog(QDialog, FormErrors):
    """Add or change one price-list item; a refusal shows beside its field."""

    def __init__(self, session: Session, item: PriceItemDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceItemDialog")
        self._session, self.item = session, item
        self.saved: PriceItemDTO | None = None
        self.setWindowTitle(self.tr("Change service") if item else self.tr("New service"))
        self.name_edit = QLineEdit(item.name if item else "")
        self.unit_combo = QComboBox()
        for unit in Unit:
            self.unit_combo.addItem(unit_name(unit), unit.value)
        if item is not None:
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(item.unit.value))
        self.price_edit = MoneyEdit(field="unit_price", allow_zero=False)
        if item is not None:
            self.price_edit.set_kopecks(item.unit_price_kopecks)
        self.extra_box = QCheckBox(self.tr("Extra fee (e.g. third-party registration)"))
        self.extra_box.setChecked(bool(item and item.extra_fee))
        self.fields = {"name": FieldFeedback(self.name_edit),
                       "unit": FieldFeedback(self.unit_combo),
                       "unit_price": FieldFeedback(self.price_edit)}
        self.message = MessageLine()
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.fields["name"])
        form.addRow(self.tr("Unit:"), self.fields["unit"])
        form.addRow(self.tr("Unit price:"), self.fields["unit_price"])
        form.addRow("", self.extra_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    async def submit(self) -> PriceItemDTO | None:
        """Save through the service; on a refusal keep everything typed and say why."""
        for feedback in self.fields.values():
            feedback.clear()
        price = self.price_edit.check()
        if price is None:
            self.fields["unit_price"].show_error(
                self.price_edit.error or self.tr("Enter the unit price, e.g. 1 234,50."))
            return None
        unit = Unit(self.unit_combo.currentData())
        try:
            if self.item is None:
                self.saved = await self._session.call(
                    pricelist.create_price_item, name=self.name_edit.text(), unit=unit,
                    unit_price_kopecks=price, extra_fee=self.extra_box.isChecked())
            else:
                self.saved = await self._session.call(
                    pricelist.update_price_item, self.item.id, name=self.name_edit.text(),
                    unit=unit, unit_price_kopecks=price, extra_fee=self.extra_box.isChecked())
        except NitDeskError as err:
            self.show_error(err)
            return None
        self.accept()
        return self.saved

    @async_slot()
    async def _on_buttons_accepted(self) -> None:
        await self.submit()


class PriceListEditor(QWidget, ErrorSink):
    """Every price-list item, with add / edit / withdraw for supervisors (R18)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceListEditor")
        self._session = session
        self.dialog: PriceItemDialog | None = None
        self.model = PriceListModel(self)
        self.table = QTableView()
        self.table.setObjectName("priceListTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_edit_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.active_button = QPushButton(self.tr("Withdraw"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.active_button.clicked.connect(self._on_active_button_clicked)
        self.message = MessageLine()
        title = QLabel(self.tr("Price list"))
        title.setStyleSheet("font-weight: bold; font-size: 14pt;")
        hint = QLabel(self.tr("Estimates keep the prices they were made with; a withdrawn "
                              "service is no longer offered for new lines."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        session.events.data_changed.connect(self._on_events_data_changed)
        self._update_buttons()

    def reload(self) -> None:
        """Load every item (withdrawn ones too)."""
        run_async(self._load(), owner=self)

    async def _load(self) -> None:
        items = await self._session.call(pricelist.list_price_items, True)
        current = self.current_item()
        self.model.set_items(items)
        if current is not None:
            self.select(current.id)
        self._update_buttons()

    def current_item(self) -> PriceItemDTO | None:
        """The selected item."""
        return self.model.item(self.table.currentIndex().row())

    def select(self, item_id: int) -> None:
        """Select the item ``item_id``."""
        for row, item in enumerate(self.model.items):
            if item.id == item_id:
                self.table.selectRow(row)

    def open_dialog(self, item: PriceItemDTO | None) -> PriceItemDialog:
        """Open the add (``None``) or change dialog."""
        dialog = PriceItemDialog(self._session, item, self)
        dialog.accepted.connect(self.reload)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    async def toggle_active(self) -> PriceItemDTO | None:
        """Withdraw the selected item, or bring a withdrawn one back."""
        item = self.current_item()
        if item is None:
            return None
        changed = await self._session.call(pricelist.set_price_item_active, item.id,
                                           not item.active)
        await self._load()
        return changed

    def show_error(self, err: NitDeskError) -> None:
        """A refused call (e.g. not a supervisor, R18) shows under the table."""
        self.message.show_error(error_text(err))

    def _update_buttons(self) -> None:
        item = self.current_item()
        self.edit_button.setEnabled(item is not None)
        self.active_button.setEnabled(item is not None)
        self.active_button.setText(self.tr("Bring back") if item is not None and not item.active
                                   else self.tr("Withdraw"))

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.open_dialog(None)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_dialog(item)

    @async_slot()
    async def _on_active_button_clicked(self) -> None:
        await self.toggle_active()

    @Slot()
    def _on_current_row_changed(self) -> None:
        self._update_buttons()

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        if change.concerns("price_item"):
            self.reload()
