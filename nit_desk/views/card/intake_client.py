"""The intake dialog's left half: the client's contacts (R1, R2).

Handle, phone, email, any number of messenger accounts and the channel the
request came in on. Until the agent types a handle, the first messenger
account's name is offered, and the channel follows that account's network.
The dialog checks the fields (they are in :attr:`IntakeClientBox.fields`) and
looks up matching clients when a contact changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.contacts import MAX_PHONE_PREFIX, normalize_handle
from nit_desk.domain.errors import ValidationError
from nit_desk.domain.types import Network
from nit_desk.ui.queue_texts import channel_name
from nit_desk.views.card.intake_parts import MessengerRow
from nit_desk.views.field_feedback import FieldFeedback


class IntakeClientBox(QGroupBox):
    """The client's handle and contacts, with one row per messenger account.

    Signals:
        contact_edited(str): "phone" or "email" was typed in.
        contact_finished(str): the agent left "phone" or "email".
        handle_edited(): the agent typed in the handle.
        row_changed(MessengerRow): a messenger row's network or account changed.
        row_finished(MessengerRow): the agent left a messenger row's account.
        row_removed(): a messenger row was removed.
    """

    contact_edited = Signal(str)
    contact_finished = Signal(str)
    handle_edited = Signal()
    row_changed = Signal(object)
    row_finished = Signal(object)
    row_removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Client"))
        self.rows: list[MessengerRow] = []
        self.handle_typed = False
        self.handle_edit = QLineEdit()
        self.handle_edit.setPlaceholderText(self.tr("the nickname the client chose, e.g. "
                                                    "pc_slow_msk"))
        self.handle_edit.textEdited.connect(self._on_handle_edit_text_edited)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText("+7 912 345-67-89")
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("name@example.ru")
        self.fields: dict[str, FieldFeedback] = {
            "handle": FieldFeedback(self.handle_edit),
            "phone": FieldFeedback(self.phone_edit),
            "email": FieldFeedback(self.email_edit),
        }
        self.messenger_box = QVBoxLayout()
        self.messenger_box.setSpacing(4)
        self.messengers_field = FieldFeedback(QWidget())
        self.messengers_field.field.setLayout(self.messenger_box)
        self.messenger_box.setContentsMargins(0, 0, 0, 0)
        self.fields["messengers"] = self.messengers_field
        self.add_button = QPushButton(self.tr("&Add messenger"))
        self.add_button.setObjectName("addMessengerButton")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channelCombo")
        for network in Network:
            if network.is_channel:  # Skype is kept as contact data, no request comes by it
                self.channel_combo.addItem(channel_name(network), network)
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(Network.TELEGRAM))
        self.fields["channel"] = FieldFeedback(self.channel_combo)
        for name, edit in (("phone", self.phone_edit), ("email", self.email_edit)):
            self._watch_line(name, edit)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow(self.tr("&Handle:"), self.fields["handle"])
        form.addRow(self.tr("&Phone:"), self.fields["phone"])
        form.addRow(self.tr("&Email:"), self.fields["email"])
        form.addRow(self.tr("Messengers:"), self.messengers_field)
        form.addRow("", self.add_button)
        form.addRow(self.tr("Came in &on:"), self.fields["channel"])
        note = QLabel(self.tr("Support works through messengers: the phone is for SMS "
                              "confirmation, not for calls. Keep nothing else about the "
                              "client: no name, no card or bank data."))
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow(note)

    def _watch_line(self, name: str, edit: QLineEdit) -> None:
        edit.textEdited.connect(lambda _t: self.contact_edited.emit(name))
        edit.editingFinished.connect(lambda: self.contact_finished.emit(name))

    def messengers(self) -> list[tuple[Network, str]]:
        """The typed messenger accounts, as (network, text)."""
        return [(row.network, row.text) for row in self.rows]

    # -- messenger rows ------------------------------------------------------

    @Slot()
    def _on_add_button_clicked(self) -> None:
        """A new row is typed in at once: the cursor goes to its account."""
        row = self.add_messenger_row()
        row.show()  # the layout would show it one loop turn later: too late for the focus
        row.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_messenger_row(self) -> MessengerRow:
        """Add one more messenger account row (network and account)."""
        row = MessengerRow(len(self.rows))
        row.changed.connect(self._on_messenger_row_changed)
        row.finished.connect(self.row_finished)
        row.remove_requested.connect(self._on_messenger_row_remove_requested)
        self.rows.append(row)
        self.messenger_box.addWidget(row)
        self._renumber()
        self.chain_tab_order()
        return row

    def chain_tab_order(self) -> None:
        """Tab goes down the form as it reads: handle, phone, email, each messenger row
        (network, account, remove), "Add messenger", the channel.

        Rows are added after the rest of the dialog was built, so without this Tab
        would reach them only after the dialog's buttons.
        """
        chain: list[QWidget] = [self.handle_edit, self.phone_edit, self.email_edit]
        for row in self.rows:
            chain += [row.network_combo, row.edit, row.remove_button]
        chain += [self.add_button, self.channel_combo]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _renumber(self) -> None:
        for index, row in enumerate(self.rows):
            row.index = index
            row.remove_button.setEnabled(len(self.rows) > 1)

    @Slot(object)
    def _on_messenger_row_remove_requested(self, row: MessengerRow) -> None:
        if len(self.rows) <= 1:
            return
        self.rows.remove(row)
        self.messenger_box.removeWidget(row)
        row.deleteLater()
        self._renumber()
        self.row_removed.emit()

    @Slot(object)
    def _on_messenger_row_changed(self, row: MessengerRow) -> None:
        if row.index == 0:
            self._suggest_handle()
            if row.network.is_channel:  # a Skype account leaves the channel as it was
                self.channel_combo.setCurrentIndex(self.channel_combo.findData(row.network))
        self.row_changed.emit(row)

    def _suggest_handle(self) -> None:
        """Until the agent types a handle, offer the first messenger account's name."""
        if self.handle_typed or not self.rows:
            return
        first = self.rows[0]
        try:
            value = normalize_handle(first.network, first.text, field="messenger")
        except ValidationError:
            return
        if first.network is Network.WHATSAPP or value.startswith((MAX_PHONE_PREFIX, "max.ru/u/")):
            return  # a phone number (or a link's token) is no nickname (R2)
        self.handle_edit.setText(value.rsplit("/", 1)[-1].lstrip("@"))

    @Slot(str)
    def _on_handle_edit_text_edited(self, text: str) -> None:
        self.handle_typed = bool(text)
        self.handle_edited.emit()
