"""A wrong payment is voided, never deleted (R21), and "paid" is one definition (R20).

:class:`VoidPaymentDialog` names the payment (kind, amount, day) and asks for
the reason, one line, required; the service's refusal shows beside the field and
the typed reason stays. A voided payment stays in the payments list, struck
through in a muted colour, with "voided by anna, 07.12.2026 10:42: typed the
wrong amount" (:func:`voided_text`, :func:`mark_voided`). :func:`paid_state_text`
is the summary line: "due 1 200 ₽", "paid" or "overpaid by 500 ₽" (R20).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.services.money import payments
from nit_desk.services.money.money_dto import MoneyStatus, PaymentDTO
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.money_text import date_text, day_text, money_text, payment_kind_name
from nit_desk.ui.palette import tone
from nit_desk.ui.runner import async_slot
from nit_desk.ui.session import Session
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.widgets import MessageLine

_CONTEXT = "PaymentsPanel"
PAID_COLOUR, DUE_COLOUR, OVERPAID_COLOUR = ("#2e7d32", "#81c784"), ("#8a1c1c", "#ef9a9a"), (
    "#8a5a00", "#ffcc80")
"""(light, dark) tones of the summary line."""


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def voided_text(payment: PaymentDTO) -> str:
    """``voided by anna, 07.12.2026 10:42: typed the wrong amount`` ("" if not voided)."""
    if payment.voided_at is None:
        return ""
    return _tr("voided by {user}, {time}: {reason}").format(
        user=payment.voided_by_name or "?", time=date_text(payment.voided_at),
        reason=payment.void_reason)


def mark_voided(item: QTableWidgetItem, payment: PaymentDTO, palette: QPalette) -> None:
    """Strike a voided payment's cell through, in the palette's muted text colour (R21)."""
    font = item.font()
    font.setStrikeOut(True)
    item.setFont(font)
    item.setForeground(QBrush(palette.color(QPalette.ColorGroup.Disabled,
                                            QPalette.ColorRole.Text)))
    item.setToolTip(voided_text(payment))


def paid_state_text(status: MoneyStatus) -> tuple[str, str]:
    """The summary line and its colour: "due 1 200 ₽", "paid", "overpaid by 500 ₽" (R20).

    Returns ("", "") when no estimate is agreed yet (there is nothing to cover).
    """
    if status.agreed_kopecks is None:
        return "", ""
    if status.overpaid_kopecks > 0:
        return (_tr("paid · overpaid by {amount}").format(
            amount=money_text(status.overpaid_kopecks)), tone(*OVERPAID_COLOUR))
    if status.paid:
        return _tr("paid"), tone(*PAID_COLOUR)
    return (_tr("due {amount}").format(amount=money_text(status.due_kopecks)),
            tone(*DUE_COLOUR))


def overpaid_by(status: MoneyStatus, amount_kopecks: int) -> int:
    """How much recording ``amount_kopecks`` would pay beyond the agreed total (0: none)."""
    if status.agreed_kopecks is None:
        return 0
    return max(0, status.paid_kopecks + amount_kopecks - status.agreed_kopecks)


class VoidPaymentDialog(QDialog, ErrorSink):
    """Void one payment with a reason; it stays in the list, struck through (R21)."""

    def __init__(self, session: Session, payment: PaymentDTO,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidPaymentDialog")
        self.setWindowTitle(self.tr("Void payment — request #{id}").format(
            id=payment.request_id))
        self._session, self.payment = session, payment
        self.voided: PaymentDTO | None = None
        self.question = QLabel(self.tr(
            "Void the {kind} of {amount} received on {day}? It stays in the list, struck "
            "through, and no longer counts as paid.").format(
                kind=payment_kind_name(payment.kind), amount=money_text(payment.amount_kopecks),
                day=day_text(payment.paid_on)))
        self.question.setObjectName("voidQuestion")
        self.question.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("voidReason")
        self.reason_edit.setPlaceholderText(self.tr("e.g. typed the wrong amount"))
        self.reason_field = FieldFeedback(self.reason_edit)
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.void_button = self.buttons.addButton(
            self.tr("Void payment"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.void_button.setObjectName("confirmVoidButton")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.void_button)
        self.setMinimumWidth(460)

    async def submit(self) -> PaymentDTO | None:
        """Void the payment; a missing or refused reason is shown beside the field, kept."""
        self.reason_field.clear()
        self.message.clear_message()
        reason = self.reason_edit.text()
        if not reason.strip():
            self.reason_field.show_error(self.tr("Say why the payment is voided."))
            return None
        self.void_button.setEnabled(False)  # one void per press, however fast the clicks
        try:  # a dialog closed meanwhile never gets here: the session drops the rest
            self.voided = await self._session.call(payments.void_payment, self.payment.id,
                                                   reason)
        except NitDeskError as err:
            self.void_button.setEnabled(True)
            self.show_error(err)
            return None
        except Exception:
            self.void_button.setEnabled(True)
            raise
        self.void_button.setEnabled(True)
        self.accept()
        return self.voided

    def show_error(self, err: NitDeskError) -> None:
        """A refusal about the reason beside it; any other under the form."""
        if err.field in ("reason", "void_reason"):
            self.reason_field.show_error(err)
        else:
            self.message.show_error(error_text(err))

    @async_slot()
    async def _on_buttons_accepted(self) -> None:
        await self.submit()

