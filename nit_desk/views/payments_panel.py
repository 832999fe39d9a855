"""Where a request's money stands and "Record payment…" (R12, R13, R14, R16, R2).

``PaymentsPanel(desk)`` with :meth:`PaymentsPanel.show_request`: the scheme and
its reasons, agreed / paid / due / forfeited, the advance warning when work may
not start yet, and the payments. :class:`RecordPaymentDialog` records money
received (amount, date, kind, method label, optional reference) and shows a
refusal beside its field, keeping what was typed; no card or bank data is ever
asked for. After a ban nothing can be recorded and the forfeited advance shows.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.domain.types import PaymentKind, PaymentScheme, RequestStatus
from nit_desk.gui.errors import error_text
from nit_desk.gui.runner import ServiceRunner, async_slot, run_async
from nit_desk.models.money_text import date_text, day_text, money_text, payment_kind_name
from nit_desk.services.money_dto import MoneyStatus, PaymentDTO
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.money_edit import MoneyEdit
from nit_desk.views.money_gateway import MoneyDesk, MoneyGateway
from nit_desk.views.scheme_indicator import reason_text, scheme_name
from nit_desk.views.widgets import MessageLine, PlaceholderPanel

METHOD_LABELS = ("СБП", "перевод", "наличные")
"""Suggested method labels (the agent may type another; never card or bank data, R2)."""
WARNING_STYLE = "background: #fdecea; color: #8a1c1c; padding: 6px; border-radius: 3px;"
FORFEIT_STYLE = "color: #8a1c1c; font-weight: bold;"


def _closed_reason(money: MoneyStatus) -> str:
    """Why no payment can be recorded now ("" when one can)."""
    t = QCoreApplication.translate
    if money.request_status is RequestStatus.CANCELLED_BY_BAN:
        return t("PaymentsPanel", "The client is banned: no payment or refund can be recorded; "
                                  "any advance is forfeited (R12).")
    if money.request_status is RequestStatus.CANCELLED:
        return t("PaymentsPanel", "The request is cancelled: no payment can be recorded.")
    if (money.scheme is PaymentScheme.ON_COMPLETION
            and money.request_status is not RequestStatus.DONE):
        return t("PaymentsPanel", "Paid on completion: record the payment once the work is done.")
    return ""


class RecordPaymentDialog(QDialog):
    """Record money received for a request; refusals shown beside the field (R2, R9, R16)."""

    def __init__(self, money: MoneyGateway, runner: ServiceRunner, status: MoneyStatus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordPaymentDialog")
        self.setWindowTitle(self.tr("Record payment — request #{id}").format(id=status.request_id))
        self.money, self.runner, self.status = money, runner, status
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
        notice = QLabel(self.tr("Never type card numbers or bank details here (R2)."))
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
        try:
            self.recorded = await self.runner.call(
                self.money.record_payment, self.status.request_id, amount_kopecks=kopecks,
                paid_on=self.paid_on(), kind=self.kind(),
                method_label=self.method_combo.currentText(),
                reference=self.reference_edit.text())
        except NitDeskError as err:
            self.show_error(err)
            return None
        self.accept()
        return self.recorded

    def show_error(self, err: NitDeskError) -> None:
        """A refusal beside its field (or under the form); nothing typed is cleared."""
        feedback = self.fields.get(err.field or "")
        if feedback is not None:
            feedback.show_error(err)
        else:
            self.message.show_error(error_text(err))

    @async_slot()
    async def _on_buttons_accepted(self) -> None:
        await self.submit()

    @Slot(str)
    def _on_amount_edit_error_changed(self, text: str) -> None:
        if text:
            self.fields["amount"].show_error(text)
        else:
            self.fields["amount"].clear()


class PaymentsPanel(QWidget):
    """The money of one request: scheme, agreed, paid, due, forfeited and payments (R12-R14)."""

    def __init__(self, desk: MoneyDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsPanel")
        self.desk, self.money, self.runner = desk, desk.money, desk.runner
        self.request_id: int | None = None
        self.status: MoneyStatus | None = None
        self.dialog: RecordPaymentDialog | None = None
        self._generation = 0
        self._stale = False
        self.stack = QStackedWidget()
        self.stack.addWidget(PlaceholderPanel(self.tr("Payments"),
                                              self.tr("Pick a request to see its money.")))
        self.stack.addWidget(self._content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        desk.events.data_changed.connect(self._on_events_data_changed)

    def _content(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.scheme_label = QLabel()
        self.scheme_label.setObjectName("paymentScheme")
        font = self.scheme_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.scheme_label.setFont(font)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        layout.addWidget(self.scheme_label)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self._figures())
        self.warning_label = QLabel()
        self.warning_label.setObjectName("paymentWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.warning_label)
        layout.addWidget(self._payments_table(), 1)
        row = QHBoxLayout()
        self.closed_label = QLabel()
        self.closed_label.setObjectName("paymentsClosed")
        self.closed_label.setWordWrap(True)
        self.closed_label.setEnabled(False)
        row.addWidget(self.closed_label, 1)
        self.record_button = QPushButton(self.tr("Record payment…"))
        self.record_button.setObjectName("recordPaymentButton")
        self.record_button.clicked.connect(self._on_record_button_clicked)
        row.addWidget(self.record_button)
        layout.addLayout(row)
        self.message = MessageLine()
        layout.addWidget(self.message)
        return page

    def _figures(self) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        self.figure_labels: dict[str, QLabel] = {}
        captions = (("agreed", self.tr("Agreed")), ("paid", self.tr("Paid")),
                    ("due", self.tr("Due")), ("forfeited", self.tr("Forfeited")))
        for column, (key, caption) in enumerate(captions):
            title = QLabel(caption)
            value = QLabel()
            value.setObjectName(f"{key}Amount")
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.4)
            font.setBold(True)
            value.setFont(font)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(title, 0, column)
            grid.addWidget(value, 1, column)
            self.figure_labels[key] = value
        return frame

    def _payments_table(self) -> QTableWidget:
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("paymentsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Kind"), self.tr("Amount"), self.tr("Method"),
            self.tr("Reference"), self.tr("Recorded by")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return self.table

    # -- loading -------------------------------------------------------------

    def show_request(self, request_id: int | None, *_ignored: object) -> None:
        """Show the money of ``request_id`` (None: the empty page); extra arguments ignored."""
        if request_id != self.request_id or request_id is None:
            self.status = None  # never show one request's money under another
            self.stack.setCurrentIndex(0)
        self.request_id = request_id
        self.reload()

    def reload(self) -> None:
        """Load the shown request's money again (when shown: a hidden tab waits)."""
        if self.request_id is None:
            return
        self._generation += 1
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        run_async(self._load(self._generation, self.request_id), owner=self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Load what changed while hidden."""
        super().showEvent(event)
        if self._stale:
            self.reload()

    async def _load(self, generation: int, request_id: int) -> None:
        status = await self.runner.call(self.money.request_money, request_id)
        if generation == self._generation:
            self.set_status(status)

    def set_status(self, status: MoneyStatus) -> None:
        """Show one request's money."""
        self.status = status
        self.stack.setCurrentIndex(1)
        self.scheme_label.setText(self.tr("Payment scheme: {scheme}").format(
            scheme=scheme_name(status.scheme)))
        self.reasons_label.setText("; ".join(reason_text(r) for r in status.reasons))
        self.reasons_label.setVisible(bool(status.reasons))
        agreed = status.agreed_kopecks
        self.figure_labels["agreed"].setText(
            money_text(agreed) if agreed is not None else self.tr("not agreed yet"))
        self.figure_labels["paid"].setText(money_text(status.paid_kopecks))
        self.figure_labels["due"].setText(money_text(status.due_kopecks))
        forfeited = self.figure_labels["forfeited"]
        forfeited.setText(money_text(status.forfeited_kopecks))
        forfeited.setStyleSheet(FORFEIT_STYLE if status.forfeited_kopecks else "")
        warning = (QCoreApplication.translate(MESSAGE_CONTEXT, status.warning)
                   if status.warning else "")
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))
        self._fill_payments(status.payments)
        reason = _closed_reason(status)
        self.record_button.setEnabled(not reason)
        self.record_button.setToolTip(reason or self.tr("Record money received for this request"))
        self.closed_label.setText(reason)

    def _fill_payments(self, payments: tuple[PaymentDTO, ...]) -> None:
        self.table.setRowCount(len(payments))
        for row, payment in enumerate(payments):
            cells = [day_text(payment.paid_on), payment_kind_name(payment.kind),
                     money_text(payment.amount_kopecks), payment.method_label,
                     payment.reference, self.tr("{user}, {time}").format(
                         user=payment.recorded_by_name, time=date_text(payment.recorded_at))]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if payment.kind is PaymentKind.FORFEITED:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)

    # -- recording -------------------------------------------------------------

    def open_record_dialog(self) -> RecordPaymentDialog | None:
        """Open "Record payment…" for the shown request (None when refused now)."""
        if self.status is None or not self.record_button.isEnabled():
            return None
        dialog = RecordPaymentDialog(self.money, self.runner, self.status, self)
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_error(self, err: NitDeskError) -> None:
        """A refused call shows its reason under the panel."""
        self.message.show_error(error_text(err))

    @Slot()
    def _on_record_button_clicked(self) -> None:
        self.open_record_dialog()

    @Slot()
    def _on_dialog_accepted(self) -> None:
        dialog = self.dialog
        if dialog is not None and dialog.recorded is not None:
            text = self.tr("Payment of {amount} recorded.").format(
                amount=money_text(dialog.recorded.amount_kopecks))
            self.message.show_info(text)
            self.desk.events.status_message.emit(text)
        self.reload()

    @Slot(object)
    def _on_events_data_changed(self, change: object) -> None:
        entities: frozenset[str] = getattr(change, "entities", frozenset())
        if self.request_id is not None and (
                "*" in entities or entities & {"payment", "estimate", "request", "client", "ban"}):
            self.reload()

