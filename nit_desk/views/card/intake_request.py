"""The intake dialog's right half: the request (R7, R14).

What the client needs, their system, the agreed deadline (tomorrow 18:00 to
start with), the flags that decide the payment scheme and the visit address,
and the scheme they give, shown as the agent ticks. The dialog checks the
fields (they are in :attr:`IntakeRequestBox.fields`) and saves the form.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.payment import payment_scheme_for
from nit_desk.domain.text import clean_text
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.scheme_indicator import SchemeIndicator


def default_deadline(now: datetime | None = None) -> QDateTime:
    """Tomorrow 18:00 local time (R7's usual agreement)."""
    day = (now or datetime.now(UTC)).astimezone().date() + timedelta(days=1)
    return QDateTime(QDate(day.year, day.month, day.day), QTime(18, 0))


class IntakeRequestBox(QGroupBox):
    """The request's fields, its flags and the payment scheme they give (R14).

    Signals:
        text_edited(str): the named free-text field changed (check it after a pause).
        deadline_changed(): the deadline changed (check it now).
    """

    text_edited = Signal(str)
    deadline_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Request"))
        self.known_client = False
        self.description_edit = self._text_edit(self.tr("what the client needs"))
        self.system_edit = self._text_edit(self.tr("OS, hardware, programs: everything the "
                                                   "client can tell"))
        self.deadline_edit = QDateTimeEdit(default_deadline())
        self.deadline_edit.setObjectName("deadlineEdit")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.spec_box = QCheckBox(self.tr("&Specification: the scope is fully clear"))
        self.offline_box = QCheckBox(self.tr("O&ffline work: without the client on the line"))
        self.visit_box = QCheckBox(self.tr("On-site &visit by a specialist"))
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("visit address (kept on this request)"))
        self.address_edit.setEnabled(False)
        self.indicator = SchemeIndicator()
        self.scheme_note = QLabel()
        self.scheme_note.setWordWrap(True)
        self.scheme_note.setEnabled(False)
        self.fields: dict[str, FieldFeedback] = {
            name: FieldFeedback(widget) for name, widget in (
                ("description", self.description_edit), ("system_info", self.system_edit),
                ("deadline", self.deadline_edit), ("visit_address", self.address_edit))}
        self._connect()
        self._lay_out()
        self.update_scheme()

    def _connect(self) -> None:
        self.description_edit.textChanged.connect(lambda: self.text_edited.emit("description"))
        self.system_edit.textChanged.connect(lambda: self.text_edited.emit("system_info"))
        self.deadline_edit.dateTimeChanged.connect(lambda _dt: self.deadline_changed.emit())
        self.address_edit.textEdited.connect(lambda _t: self.text_edited.emit("visit_address"))
        for flag in (self.spec_box, self.offline_box, self.visit_box):
            flag.toggled.connect(self._on_flag_toggled)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow(self.tr("&Description:"), self.fields["description"])
        form.addRow(self.tr("S&ystem:"), self.fields["system_info"])
        form.addRow(self.tr("&Deadline:"), self.fields["deadline"])
        flags = QVBoxLayout()
        for flag_widget in (self.spec_box, self.offline_box, self.visit_box,
                            self.fields["visit_address"]):
            flags.addWidget(flag_widget)
        form.addRow(self.tr("Flags:"), flags)
        form.addRow(self.indicator)
        form.addRow(self.scheme_note)

    def _text_edit(self, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(64)
        edit.setMaximumHeight(96)
        return edit

    def deadline(self) -> datetime:
        """The agreed deadline as an aware UTC datetime."""
        msecs = self.deadline_edit.dateTime().toMSecsSinceEpoch()
        return datetime.fromtimestamp(msecs / 1000, UTC)

    def check_deadline(self) -> str:
        """"" when the deadline is in the future (R7); else raises ValidationError."""
        if self.deadline() <= datetime.now(UTC):
            raise ValidationError(self.tr("The deadline is in the past: agree a deadline in "
                                          "the future."), field="deadline")
        return ""

    def check_address(self) -> str:
        """"" when no visit is ticked or its address is given; else raises ValidationError."""
        if not self.visit_box.isChecked():
            return ""
        clean_text(self.address_edit.text(), field="visit_address", max_length=500,
                   required=True)
        return ""

    @Slot(bool)
    def _on_flag_toggled(self, _checked: bool) -> None:
        self.address_edit.setEnabled(self.visit_box.isChecked())
        if not self.visit_box.isChecked():
            self.fields["visit_address"].clear()
        self.update_scheme()

    def set_known_client(self, known: bool) -> None:
        """Whether the request goes to a known client (R14 (a) is then decided on saving)."""
        self.known_client = known
        self.update_scheme()

    def update_scheme(self) -> None:
        """Show the payment scheme the ticks give (R14)."""
        known = self.known_client
        self.indicator.set_decision(payment_scheme_for(
            first_time=not known, has_specification=self.spec_box.isChecked(),
            offline_work=self.offline_box.isChecked(), onsite_visit=self.visit_box.isChecked()))
        self.scheme_note.setText(
            self.tr("For a known client, (a) is decided on saving from their paid requests.")
            if known else self.tr("A new client: first contact, so the advance applies (a)."))
