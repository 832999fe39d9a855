"""The "Record payment…" dialog: money received for a request (R2, R9, R16, R20).

:class:`RecordPaymentDialog` records money received (amount, date, kind, method
label, optional reference) and shows a refusal beside its field, keeping what
was typed; no card or bank data is ever asked for. An amount beyond the agreed
total is recorded only once the agent ticks "Overpaid by 500 ₽ — record
anyway?", which appears as the amount is typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import PaymentKind, PaymentScheme
from nit_desk.services.money import payments
from nit_desk.services.money.money_dto import MoneyStatus, PaymentDTO
from nit_desk.ui.money_text import money_text, payment_kind_name
from nit_desk.ui.runner import async_slot
from nit_desk.ui.session import Session
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.field_feedback import FieldFeedback, FormErrors
from nit_desk.views.money.money_edit import MoneyEdit
from nit_desk.views.money.payment_void import overpaid_by
from nit_desk.views.widgets import MessageLine

METHOD_LABELS = ("СБП", "перевод", "наличные")
"""Suggested method labels (the agent may type another; never card or bank data, R2)."""


class RecordPaymentDialog(QDialog, FormErrors):
    """Record money received for a request; refusals shown beside the field (R2, R9, R16)."""

    def __init__(self, session: Session, status: MoneyStatus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordPaymentDialog")
        self.setWindowTitle(self.tr("Record payment — request #{id}").format(id=status.request_id))
        self._session, self.status = session, status
        self.recorded: PaymentDTO | None = None
        self.amount_edit = MoneyEdit(field="amount", allow_zero=False)
        if status.due_kopecks:
            self.amount_edit.set_kopecks(status.due_kopecks)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.kind_combo = QComboBox()
        kinds = ([PaymentKind.ADVANCE, PaymentKind.FINAL]
                 if status.scheme is PaymentScheme.ADVANCE else [PaymentKind.FINAL])
        for kind in kinds:
            self.kind_combo.addItem(payment_kind_name(kind), kind.value)
        self.method_combo = QComboBox()
        self.method_combo.setEditable(True)
        self.method_combo.addItems(list(METHOD_LABELS))
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(self.tr("optional, e.g. the transfer's short id"))
        self.overpay_box = QCheckBox()
        self.overpay_box.setObjectName("overpayConfirmation")
        self.overpay_box.setVisible(False)
        self.overpay_field = FieldFeedback(self.overpay_box)
        self.amount_edit.amount_changed.connect(self._on_amount_edit_amount_changed)
        self.fields = {name: FieldFeedback(widget) for name, widget in (
            ("amount", self.amount_edit), ("paid_on", self.date_edit),
            ("kind", self.kind_combo), ("method_label", self.method_combo),
            ("reference", self.reference_edit))}
        self.amount_edit.error_changed.connect(self._on_amount_edit_error_changed)
        self.message = MessageLine()
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Amount:"), self.fields["amount"])
        form.addRow(self.tr("Date received:"), self.fields["paid_on"])
        form.addRow(self.tr("Kind:"), self.fields["kind"])
        form.addRow(self.tr("Method:"), self.fields["method_label"])
        form.addRow(self.tr("Reference:"), self.fields["reference"])
        form.addRow("", self.overpay_field)
        notice = QLabel(self.tr("Never type card numbers or bank details here."))
        notice.setWordWrap(True)
        notice.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(notice)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.setMinimumWidth(420)

    def kind(self) -> PaymentKind:
        """The chosen kind."""
        return PaymentKind(self.kind_combo.currentData())

    def paid_on(self) -> date:
        """The chosen day."""
        day = self.date_edit.date()
        return date(day.year(), day.month(), day.day())

    async def submit(self) -> PaymentDTO | None:
        """Record the payment; on a refusal show why beside the field and keep the text."""
        for feedback in self.fields.values():
            feedback.clear()
        self.message.clear_message()
        kopecks = self.amount_edit.check()
        if kopecks is None:
            self.fields["amount"].show_error(
                self.amount_edit.error or self.tr("Enter the amount received, e.g. 1 234,50."))
            return None
        if not self._overpay_confirmed(kopecks):
            return None
        try:
            self.recorded = await self._session.call(
                payments.record_payment, self.status.request_id, amount_kopecks=kopecks,
                paid_on=self.paid_on(), kind=self.kind(),
                method_label=self.method_combo.currentText(),
                reference=self.reference_edit.text())
        except NitDeskError as err:
            self.show_error(err)
            return None
        self.accept()
        return self.recorded

    def overpaid_by(self, kopecks: int | None = None) -> int:
        """How much the typed amount pays beyond the agreed total (0: none or not typed)."""
        amount = self.amount_edit.kopecks if kopecks is None else kopecks
        return overpaid_by(self.status, amount) if amount else 0

    def _overpay_confirmed(self, kopecks: int) -> bool:
        """An overpayment is recorded only with "record anyway" ticked (a click on Save
        can never tick it, so a double click cannot overpay by mistake)."""
        self._show_overpay(kopecks)
        if not self.overpaid_by(kopecks) or self.overpay_box.isChecked():
            return True
        self.overpay_field.show_error(self.tr(
            "The agreed total would be exceeded: tick \"record anyway\" if the client "
            "really paid this much, or correct the amount."))
        return False

    def _show_overpay(self, kopecks: int | None) -> None:
        extra = self.overpaid_by(kopecks)
        if extra:
            self.overpay_box.setText(self.tr("Overpaid by {amount} — record anyway?").format(
                amount=money_text(extra)))
        else:
            self.overpay_box.setChecked(False)
            self.overpay_field.clear()
        self.overpay_box.setVisible(bool(extra))

    @async_slot()
    async def _on_buttons_accepted(self) -> None:
        await self.submit()

    @Slot(object)
    def _on_amount_edit_amount_changed(self, kopecks: int | None) -> None:
        self._show_overpay(kopecks)

    @Slot(str)
    def _on_amount_edit_error_changed(self, text: str) -> None:
        if text:
            self.fields["amount"].show_error(text)
        else:
            self.fields["amount"].clear()
