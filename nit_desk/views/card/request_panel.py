"""The selected request: deadline, description, the R14 flags, the scheme, the money.

Ticking a flag recomputes the payment scheme here at once with the domain's
:func:`~nit_desk.domain.payment.payment_scheme_for` (R14), then saves it with
``update_flags`` (optimistic concurrency). A conflict says who changed the
request and when, and keeps the agent's ticks for "Apply my ticks".
"Re-agree…" beside the deadline and "Edit…" beside the description ask the
card's corrections to open their dialogs (R21).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import Conflict, NitDeskError, ValidationError
from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.domain.money import format_money
from nit_desk.domain.payment import PaymentDecision, payment_scheme_for
from nit_desk.domain.types import OPEN_STATUSES, RequestStatus
from nit_desk.services.clients import clients
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money.money_dto import MoneyStatus
from nit_desk.services.queue import claims
from nit_desk.ui.errors import error_text
from nit_desk.ui.palette import tone
from nit_desk.ui.queue_texts import channel_name
from nit_desk.ui.runner import async_slot
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.scheme_indicator import SchemeIndicator
from nit_desk.views.widgets import MessageLine


def status_name(status: RequestStatus) -> str:
    """The translated name of a request status."""
    t = QCoreApplication.translate
    return {
        RequestStatus.NEW: t("request", "new"),
        RequestStatus.IN_PROGRESS: t("request", "in progress"),
        RequestStatus.WAITING_CLIENT: t("request", "waiting for the client"),
        RequestStatus.DONE: t("request", "done"),
        RequestStatus.CANCELLED: t("request", "cancelled"),
        RequestStatus.CANCELLED_BY_BAN: t("request", "cancelled by ban"),
    }[status]


def time_left_text(deadline: datetime, now: datetime | None = None) -> str:
    """"in 1 d 3 h", "in 40 min" or "overdue by 2 h" (R7)."""
    t = QCoreApplication.translate
    seconds = int((deadline - (now or datetime.now(UTC))).total_seconds())
    minutes = abs(seconds) // 60
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        span = t("request", "{d} d {h} h").format(d=days, h=hours)
    elif hours:
        span = t("request", "{h} h {m} min").format(h=hours, m=mins)
    else:
        span = t("request", "{m} min").format(m=mins)
    if seconds < 0:
        return t("request", "overdue by {span}").format(span=span)
    return t("request", "in {span}").format(span=span)


def _correction_button(text: str, tip: str, name: str) -> QToolButton:
    """A small pencil button (as beside each contact): the words are its tooltip and its
    accessible name, so the card stays narrow enough to sit beside a messenger."""
    button = QToolButton()
    button.setText("✎")
    button.setToolTip(tip)
    button.setAccessibleName(text)
    button.setObjectName(name)
    button.setAutoRaise(True)
    return button


def _with_button(label: QLabel, button: QToolButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label, 1)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return row


class RequestPanel(QFrame):
    """One request of the client at hand, with its payment-scheme flags (R7, R14)."""

    request_changed = Signal(object)
    """The service saved new flags: the fresh :class:`RequestDTO`."""
    deadline_change_requested = Signal()
    """The agent wants to re-agree the deadline (R21)."""
    description_edit_requested = Signal()
    """The agent wants to correct the description (R21)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.request: RequestDTO | None = None
        self._saving = False
        self.setObjectName("requestPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._build()
        self.set_request(None, None)

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("requestTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)  # a long channel or status never widens the card
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadlineLabel")
        self.deadline_label.setWordWrap(True)
        self.description = QLabel()
        self.description.setObjectName("requestDescription")
        self.description.setWordWrap(True)
        self.description.setMaximumHeight(self.description.fontMetrics().lineSpacing() * 3 + 2)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline_button = _correction_button(
            self.tr("Re-agree…"), self.tr("Move the deadline as agreed again with the client, "
                                          "with the reason"), "reagreeDeadlineButton")
        self.deadline_button.clicked.connect(self.deadline_change_requested.emit)
        self.description_button = _correction_button(
            self.tr("Edit…"), self.tr("Correct the description"), "editDescriptionButton")
        self.description_button.clicked.connect(self.description_edit_requested.emit)
        self.money_label = QLabel()
        self.money_label.setObjectName("moneyLabel")
        self.money_label.setWordWrap(True)
        self.spec_box = QCheckBox(self.tr("&Specification: the scope is fully clear"))
        self.offline_box = QCheckBox(self.tr("&Offline work: without the client on the line"))
        self.visit_box = QCheckBox(self.tr("On-site &visit by a specialist"))
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("Visit address (kept on this request)"))
        self.address_field = FieldFeedback(self.address_edit)
        self.indicator = SchemeIndicator()
        self.message = MessageLine()
        self.message.setObjectName("requestMessage")
        self.reapply_button = QPushButton(self.tr("Apply my ticks"))
        self.reapply_button.setObjectName("reapplyFlagsButton")
        self.reapply_button.setVisible(False)
        self.reapply_button.clicked.connect(self._on_reapply_clicked)
        for box in (self.spec_box, self.offline_box, self.visit_box):
            box.clicked.connect(self._on_flag_clicked)
        self.address_edit.editingFinished.connect(self._on_address_editing_finished)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(3)
        form.addRow(self.tr("Deadline:"), _with_button(self.deadline_label, self.deadline_button))
        form.addRow(self.tr("Description:"), _with_button(self.description,
                                                          self.description_button))
        form.addRow(self.tr("Money:"), self.money_label)
        left = QVBoxLayout()
        left.setSpacing(3)
        left.addWidget(self.title)
        left.addLayout(form)
        for widget in (self.spec_box, self.offline_box, self.visit_box, self.address_field):
            left.addWidget(widget)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addWidget(self.indicator, 2)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.message, 1)
        conflict_row.addWidget(self.reapply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(columns)
        layout.addLayout(conflict_row)

    # -- showing -------------------------------------------------------------

    def set_request(self, request: RequestDTO | None, money: MoneyStatus | None) -> None:
        """Show ``request`` (None: the client has no request selected) and its money."""
        self.request = request
        self.message.clear_message()
        self.reapply_button.setVisible(False)
        self.address_field.clear()
        if request is None:
            self.title.setText(self.tr("No request selected"))
            self.deadline_label.setText("—")
            self.description.setText("—")
            self._set_ticks(False, False, False, "")
            self.indicator.set_decision(None)
        else:
            self._show_request(request)
        self.set_money(money)
        self._update_enabled()

    def _show_request(self, request: RequestDTO) -> None:
        self.title.setText(self.tr("Request #{id} · {channel} · {status}").format(
            id=request.id, channel=channel_name(request.channel),
            status=status_name(request.status)))
        left = time_left_text(request.deadline)
        overdue = request.deadline < datetime.now(UTC) and request.status in OPEN_STATUSES
        self.deadline_label.setText(f"{local_time_text(request.deadline)} ({left})")
        overdue_colour = tone("#c62828", "#ef9a9a")
        self.deadline_label.setStyleSheet(f"color: {overdue_colour}; font-weight: bold;"
                                          if overdue else "")
        self.description.setText(request.description)
        self.description.setToolTip(request.description)
        self._set_ticks(request.has_specification, request.offline_work, request.onsite_visit,
                        request.visit_address)
        self.indicator.set_decision(PaymentDecision(request.payment_scheme,
                                                    request.advance_reasons))

    def set_money(self, money: MoneyStatus | None) -> None:
        """Agreed, paid and due, briefly (the estimate editor shows the rest)."""
        if money is None:
            self.money_label.setText("—")
            return
        if money.agreed_kopecks is None:
            text = self.tr("no agreed estimate yet · paid {paid}").format(
                paid=format_money(money.paid_kopecks))
        else:
            text = self.tr("agreed {agreed} · paid {paid} · due {due}").format(
                agreed=format_money(money.agreed_kopecks), paid=format_money(money.paid_kopecks),
                due=format_money(money.due_kopecks))
        if money.warning:
            text += "\n" + QCoreApplication.translate(MESSAGE_CONTEXT, money.warning)
        self.money_label.setText(text)

    def _set_ticks(self, spec: bool, offline: bool, visit: bool, address: str) -> None:
        self.spec_box.setChecked(spec)
        self.offline_box.setChecked(offline)
        self.visit_box.setChecked(visit)
        self.address_edit.setText(address)

    def _update_enabled(self) -> None:
        request = self.request
        editable = request is not None and request.status in OPEN_STATUSES \
            and not request.client_banned
        for box in (self.spec_box, self.offline_box, self.visit_box):
            box.setEnabled(editable)
        self.deadline_button.setEnabled(editable)
        self.description_button.setEnabled(editable)
        self.address_edit.setEnabled(editable and self.visit_box.isChecked())
        # The address only with a visit: one row less above the estimate's lines.
        self.address_field.setVisible(self.visit_box.isChecked())

    # -- the flags ----------------------------------------------------------

    @property
    def saving(self) -> bool:
        """Whether new flags are on their way to the service."""
        return self._saving

    def local_decision(self) -> PaymentDecision | None:
        """The scheme the ticks give now (R14), before the service confirms it."""
        if self.request is None:
            return None
        return payment_scheme_for(
            first_time=self.request.first_time, has_specification=self.spec_box.isChecked(),
            offline_work=self.offline_box.isChecked(), onsite_visit=self.visit_box.isChecked())

    def ticks_differ(self) -> bool:
        """Whether the ticks (or the visit address) differ from the saved request."""
        r = self.request
        if r is None:
            return False
        address = self.address_edit.text().strip() if self.visit_box.isChecked() else ""
        return (self.spec_box.isChecked(), self.offline_box.isChecked(),
                self.visit_box.isChecked(), address) != (
            r.has_specification, r.offline_work, r.onsite_visit,
            r.visit_address if r.onsite_visit else "")

    @Slot()
    def _on_flag_clicked(self) -> None:
        self._update_enabled()
        decision = self.local_decision()
        self.indicator.set_decision(decision, pending=self.ticks_differ())
        if self.visit_box.isChecked() and not self.address_edit.text().strip():
            self.address_field.show_hint(self.tr("Type the visit address; the visit is saved "
                                                 "with it."))
            self.address_edit.setFocus()
            return
        self._save()

    @Slot()
    def _on_address_editing_finished(self) -> None:
        if self.visit_box.isChecked() and self.ticks_differ():
            self._save()

    @Slot()
    def _on_reapply_clicked(self) -> None:
        self._save()

    def _save(self) -> None:
        if self.request is None or self._saving:
            return
        if not self.ticks_differ():
            self.indicator.set_decision(self.local_decision())
            return
        self._saving = True
        self._save_flags()

    @async_slot()
    async def _save_flags(self) -> None:
        request = self.request
        if request is None:
            self._saving = False
            return
        self.message.show_info(self.tr("Saving…"))
        try:
            fresh = await self._session.call(
                claims.update_flags, request.id, request.version,
                has_specification=self.spec_box.isChecked(),
                offline_work=self.offline_box.isChecked(),
                onsite_visit=self.visit_box.isChecked(),
                visit_address=self.address_edit.text())
        except (Conflict, ValidationError) as err:
            self._saving = False
            if isinstance(err, Conflict):
                await self._on_conflict(request, err)
            else:
                self._on_invalid(err)
            return
        except BaseException:
            self._saving = False
            raise
        self._saving = False
        if self.request is None or self.request.id != fresh.id:
            return  # the agent moved on to another request meanwhile
        mine = self.ticks_differ_from(fresh)
        self.request = fresh
        self.message.clear_message()
        self.reapply_button.setVisible(False)
        self.address_field.clear()
        self.indicator.set_decision(PaymentDecision(fresh.payment_scheme,
                                                    fresh.advance_reasons))
        self.request_changed.emit(fresh)
        if mine:  # ticked again while saving: save the newest ticks too
            self._save()

    def ticks_differ_from(self, request: RequestDTO) -> bool:
        """Whether the ticks differ from ``request``."""
        saved, self.request = self.request, request
        try:
            return self.ticks_differ()
        finally:
            self.request = saved

    async def _on_conflict(self, request: RequestDTO, err: Conflict) -> None:
        """Someone changed the request: say who and when, keep the ticks, offer to reapply."""
        who = await self._last_change(request)
        self.message.show_error(who or error_text(err))
        try:
            fresh = await self._session.call(claims.request_detail, request.id)
        except NitDeskError as reload_error:
            self.message.show_error(error_text(reload_error))
            return
        if self.request is not None and self.request.id == fresh.id:
            self.request = fresh  # the new version; the ticks on screen stay the agent's
            self._update_enabled()
            self.indicator.set_decision(self.local_decision(), pending=self.ticks_differ())
            self.reapply_button.setVisible(self.ticks_differ() and
                                           fresh.status in OPEN_STATUSES)

    async def _last_change(self, request: RequestDTO) -> str:
        try:
            history = await self._session.call(clients.client_history, request.client_id)
        except NitDeskError:
            return ""
        for entry in history:
            if entry.entity == "request" and entry.entity_id == request.id:
                return self.tr("Changed by {user} at {when} meanwhile: your ticks are kept; "
                               "check them and press \"Apply my ticks\".").format(
                                   user=entry.actor_name, when=local_time_text(entry.at))
        return ""

    def _on_invalid(self, err: ValidationError) -> None:
        if err.field == "visit_address":
            self.address_field.show_error(err)
            self.message.clear_message()
        else:
            self.message.show_error(error_text(err))
