"""Where a request's money stands, "Record payment…" and "Void payment…" (R2, R12-R16, R21).

``PaymentsPanel(session)`` with :meth:`PaymentsPanel.show_request`: the scheme and
its reasons, agreed / paid / due / forfeited, the advance warning when work may
not start yet, and the payments. :class:`RecordPaymentDialog` (in
:mod:`nit_desk.views.money.record_payment`) records money received. "Void payment…"
voids the selected payment with a reason (R21): it stays in the list, struck
through, with who and when; the summary says "due 1 200 ₽", "paid" or "overpaid by 500 ₽" (R20).
After a ban nothing can be recorded and the forfeited advance shows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from nit_desk.services.change import Change
from nit_desk.services.money import payments
from nit_desk.services.money.money_dto import MoneyStatus, PaymentDTO
from nit_desk.ui.audit_text import stored_reference_text
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.money_text import date_text, day_text, money_text, payment_kind_name
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session
from nit_desk.views.money.payment_void import (
    VoidPaymentDialog,
    mark_voided,
    paid_state_text,
    voided_text,
)
from nit_desk.views.money.record_payment import RecordPaymentDialog
from nit_desk.views.scheme_indicator import reason_text, scheme_name
from nit_desk.views.widgets import MessageLine, PlaceholderPanel

__all__ = ["PaymentsPanel", "RecordPaymentDialog"]

WARNING_STYLE = "background: #fdecea; color: #8a1c1c; padding: 6px; border-radius: 3px;"
FORFEIT_STYLE = "color: #8a1c1c; font-weight: bold;"


def _closed_reason(money: MoneyStatus) -> str:
    """Why no payment can be recorded now ("" when one can)."""
    t = QCoreApplication.translate
    if money.request_status is RequestStatus.CANCELLED_BY_BAN:
        return t("PaymentsPanel", "The client is banned: no payment or refund can be recorded; "
                                  "any advance is forfeited.")
    if money.request_status is RequestStatus.CANCELLED:
        return t("PaymentsPanel", "The request is cancelled: no payment can be recorded.")
    if (money.scheme is PaymentScheme.ON_COMPLETION
            and money.request_status is not RequestStatus.DONE):
        return t("PaymentsPanel", "Paid on completion: record the payment once the work is done.")
    return ""


class PaymentsPanel(QWidget, ErrorSink):
    """The money of one request: scheme, agreed, paid, due, forfeited and payments (R12-R14)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsPanel")
        self._session = session
        self.request_id: int | None = None
        self.status: MoneyStatus | None = None
        self.dialog: RecordPaymentDialog | None = None
        self.void_dialog: VoidPaymentDialog | None = None
        self._generation = 0  # a newer request or reload makes an older answer stale
        self._stale = False
        self._record_wanted = False  # Ctrl+Shift+M before the money was read
        self.stack = QStackedWidget()
        self.stack.addWidget(PlaceholderPanel(self.tr("Payments"),
                                              self.tr("Pick a request to see its money.")))
        self.stack.addWidget(self._content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        session.events.data_changed.connect(self._on_events_data_changed)

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
        self.paid_state_label = QLabel()
        self.paid_state_label.setObjectName("paidState")
        font = self.paid_state_label.font()
        font.setBold(True)
        self.paid_state_label.setFont(font)
        layout.addWidget(self.paid_state_label)
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
        self.void_button = QPushButton(self.tr("&Void payment…"))
        self.void_button.setObjectName("voidPaymentButton")
        self.void_button.setToolTip(self.tr(
            "A wrong payment is voided with a reason; it stays in the list"))
        self.void_button.setEnabled(False)
        self.void_button.clicked.connect(self._on_void_button_clicked)
        row.addWidget(self.void_button)
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
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("paymentsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Kind"), self.tr("Amount"), self.tr("Method"),
            self.tr("Reference"), self.tr("Recorded by"), self.tr("Voided")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # a long "voided by …" is elided; its tooltip has it all
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return self.table

    # -- loading -------------------------------------------------------------

    def show_request(self, request_id: int | None, *_ignored: object) -> None:
        """Show the money of ``request_id`` (None: the empty page); extra arguments ignored."""
        if request_id != self.request_id or request_id is None:
            self.status = None  # never show one request's money under another
            self._record_wanted = False
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
        status = await self._session.call(payments.request_money, request_id)
        if generation == self._generation:
            self.set_status(status)

    def set_status(self, status: MoneyStatus) -> None:
        """Show one request's money (and open "Record payment…" if it was asked for)."""
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
        state, colour = paid_state_text(status)
        self.paid_state_label.setText(state)
        self.paid_state_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.paid_state_label.setVisible(bool(state))
        forfeited = self.figure_labels["forfeited"]
        forfeited.setText(money_text(status.forfeited_kopecks))
        forfeited.setStyleSheet(FORFEIT_STYLE if status.forfeited_kopecks else "")
        warning = (QCoreApplication.translate(MESSAGE_CONTEXT, status.warning)
                   if status.warning else "")
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))
        self._fill_payments(status.payments)
        self._update_void_button()
        reason = _closed_reason(status)
        self.record_button.setEnabled(not reason)
        self.record_button.setToolTip(reason or self.tr("Record money received for this request"))
        self.closed_label.setText(reason)
        if self._record_wanted:
            self._record_wanted = False
            self.open_record_dialog()

    def _fill_payments(self, payments: tuple[PaymentDTO, ...]) -> None:
        selected = self.selected_payment()
        self.table.clearSelection()
        self.table.setRowCount(len(payments))
        for row, payment in enumerate(payments):
            cells = [day_text(payment.paid_on), payment_kind_name(payment.kind),
                     money_text(payment.amount_kopecks), payment.method_label,
                     stored_reference_text(payment.reference), self.tr("{user}, {time}").format(
                         user=payment.recorded_by_name, time=date_text(payment.recorded_at)),
                     voided_text(payment)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, payment.id)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if payment.kind is PaymentKind.FORFEITED:
                    item.setForeground(Qt.GlobalColor.darkRed)
                if payment.voided_at is not None:
                    mark_voided(item, payment, self.palette())
                self.table.setItem(row, column, item)
            if selected is not None and payment.id == selected.id:
                self.table.selectRow(row)

    def selected_payment(self) -> PaymentDTO | None:
        """The payment of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or self.status is None:
            return None
        item = self.table.item(rows[0].row(), 0)
        payment_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((p for p in self.status.payments if p.id == payment_id), None)

    def select_payment(self, payment_id: int) -> None:
        """Select the row of one payment (as a click would)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == payment_id:
                self.table.selectRow(row)
                return

    def _update_void_button(self) -> None:
        payment = self.selected_payment()
        voidable = (payment is not None and payment.voided_at is None
                    and payment.kind in (PaymentKind.ADVANCE, PaymentKind.FINAL))
        self.void_button.setEnabled(voidable)
        if payment is not None and payment.voided_at is not None:
            self.message.show_info(voided_text(payment))

    # -- recording -------------------------------------------------------------

    def record_when_loaded(self) -> None:
        """Open "Record payment…" as soon as the shown request's money is read (Ctrl+Shift+M
        from anywhere on the card: the tab may only now be shown, its money on the way)."""
        if self.status is not None and not self._stale:
            self.open_record_dialog()
        else:
            self._record_wanted = True

    def open_record_dialog(self) -> RecordPaymentDialog | None:
        """Open "Record payment…" for the shown request (None when refused now)."""
        if self.status is None or not self.record_button.isEnabled():
            return None
        dialog = RecordPaymentDialog(self._session, self.status, self)
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_void_dialog(self) -> VoidPaymentDialog | None:
        """Open "Void payment…" for the selected payment (None when none can be voided)."""
        payment = self.selected_payment()
        if payment is None or not self.void_button.isEnabled():
            return None
        dialog = VoidPaymentDialog(self._session, payment, self)
        dialog.accepted.connect(self._on_void_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.void_dialog = dialog
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
            self._session.events.status_message.emit(text)
        self.reload()

    @Slot()
    def _on_void_button_clicked(self) -> None:
        self.open_void_dialog()

    @Slot()
    def _on_void_dialog_accepted(self) -> None:
        dialog = self.void_dialog
        if dialog is not None and dialog.voided is not None:
            text = self.tr("Payment of {amount} voided: it stays in the list, struck "
                           "through.").format(amount=money_text(dialog.voided.amount_kopecks))
            self.message.show_info(text)
            self._session.events.status_message.emit(text)
        self.reload()

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        self._update_void_button()

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        if self.request_id is not None and change.concerns(
                "payment", "estimate", "request", "client", "ban"):
            self.reload()

