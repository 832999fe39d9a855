"""The top of the client card: who the client is and what may be done with them.

The handle with its badges (registered, trusted, banned, ban proposed);
contacts (R1, R2) and the system information with their pencils (R21); the
phone-consultation indicator (R6); the trust toggle (R5); the outcome of the
last ban proposal. Display only: the card connects the buttons to the services.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.domain.registration import (
    PHONE_REFUSAL_TEXT,
    TRUST_REFUSAL_TEXT,
    PhoneConsultation,
    trust_refusals,
)
from nit_desk.domain.types import BanProposalStatus
from nit_desk.services.dto import ClientCard
from nit_desk.ui.palette import tone
from nit_desk.views.card.contacts_panel import ContactsPanel, Pill
from nit_desk.views.flow_layout import FlowLayout

CONTACTS_MIN_WIDTH = 200
"""The contacts never ask the card for more: a longer one elides or wraps the header."""
ALLOWED_COLOUR, REFUSED_COLOUR = ("#2e7d32", "#81c784"), ("#c62828", "#ef9a9a")
"""(light palette, dark palette) tones of the phone-consultation frame."""


def _t(text: str) -> str:
    return QCoreApplication.translate(MESSAGE_CONTEXT, text)


class PhoneConsultationIndicator(QFrame):
    """"Phone consultation: allowed" in green, or "not allowed" in red with every reason (R6)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneIndicator")
        self.headline = QLabel()
        self.headline.setObjectName("phoneHeadline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.reasons = QLabel()
        self.reasons.setObjectName("phoneReasons")
        self.reasons.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.headline)
        layout.addWidget(self.reasons)
        self.allowed: bool | None = None
        self.set_consultation(None)

    def set_consultation(self, consultation: PhoneConsultation | None) -> None:
        """Show whether a phone consultation is allowed, and why not."""
        self.allowed = consultation.allowed if consultation else None
        if consultation is None:
            self.headline.setText(self.tr("Phone consultation: —"))
            self.reasons.setText("")
            self._colour(("#616161", "#bdbdbd"))
        elif consultation.allowed:
            self.headline.setText(self.tr("Phone consultation: allowed"))
            self.reasons.setText(self.tr("Trusted person, current work paid."))
            self._colour(ALLOWED_COLOUR)
        else:
            self.headline.setText(self.tr("Phone consultation: not allowed"))
            self.reasons.setText("\n".join(
                f"— {_t(PHONE_REFUSAL_TEXT[r])}" for r in consultation.refusals))
            self._colour(REFUSED_COLOUR)
        self.reasons.setVisible(bool(self.reasons.text()))

    @property
    def reason_lines(self) -> list[str]:
        """The reasons shown (translated domain texts, without the dash)."""
        return [line.removeprefix("— ") for line in self.reasons.text().splitlines() if line]

    def _colour(self, tones: tuple[str, str]) -> None:
        colour = tone(*tones)
        self.setStyleSheet(
            f"QFrame#phoneIndicator {{ border: 2px solid {colour}; border-radius: 6px; }}"
            f"QLabel#phoneHeadline {{ color: {colour}; }}")


class ClientHeader(QWidget):
    """The handle and badges above; contacts and system information beside R5/R6."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._handle_row())
        layout.addLayout(self._info_row())

    def _handle_row(self) -> FlowLayout:
        self.handle_label = QLabel()
        self.handle_label.setObjectName("cardHandle")
        self.handle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.handle_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.handle_label.setFont(font)
        self.pills = {
            "registered": Pill("registered", self.tr("registered")),
            "unregistered": Pill("unregistered", self.tr("not registered")),
            "trusted": Pill("trusted", self.tr("trusted")),
            "banned": Pill("banned", self.tr("banned")),
            "ban_proposed": Pill("ban_proposed", self.tr("ban proposed")),
        }
        # The badges wrap under a long handle instead of widening the card (and the window)
        # from one client to the next.
        row = FlowLayout(spacing=8)
        row.add_widgets(self.handle_label)
        for pill in self.pills.values():
            pill.setVisible(False)  # set_card shows the ones that apply
            row.add_widgets(pill)
        return row

    def _info_row(self) -> QBoxLayout:
        self.contacts = ContactsPanel()
        self.system_info = QLabel()
        self.system_info.setObjectName("systemInfo")
        self.system_info.setWordWrap(True)
        self.system_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.system_info_button = QToolButton()
        self.system_info_button.setObjectName("editSystemInfoButton")
        self.system_info_button.setText("✎")  # as beside each contact; the words are the tip
        self.system_info_button.setAccessibleName(self.tr("Edit…"))
        self.system_info_button.setToolTip(self.tr("Correct the system information"))
        self.system_info_button.setAutoRaise(True)
        system_row = QHBoxLayout()
        system_row.addWidget(self.system_info, 1)
        system_row.addWidget(self.system_info_button, 0, Qt.AlignmentFlag.AlignTop)
        left = QVBoxLayout()
        left.addWidget(self.contacts)
        left.addLayout(system_row)
        left.addStretch(1)
        self.phone_indicator = PhoneConsultationIndicator()
        self.trust_box = QCheckBox(self.tr("On the &trusted persons list"))
        self.trust_box.setObjectName("trustToggle")
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setVisible(False)
        right = QVBoxLayout()
        right.addWidget(self.phone_indicator)
        right.addWidget(self.trust_box)
        right.addWidget(self.outcome_label)
        right.addStretch(1)
        # The contacts' width follows the client (a long email); it is never a minimum of
        # the card: beside the phone indicator when both fit, above it when they do not
        # (a narrow window beside a messenger), so the card never widens per client.
        self.contacts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.contacts.setMinimumWidth(CONTACTS_MIN_WIDTH)
        self._left, self._right = left, right
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.addLayout(left, 1)
        row.addLayout(right, 0)
        self._info = row
        return row

    @property
    def stacked(self) -> bool:
        """Whether the phone indicator stands under the contacts (a narrow card)."""
        return self._info.direction() == QBoxLayout.Direction.TopToBottom

    def _fit(self, width: int) -> None:
        """Side by side when the contacts and the indicator both fit in ``width``."""
        wanted = (self._left.sizeHint().width() + self._info.spacing()
                  + self._right.sizeHint().width())
        direction = (QBoxLayout.Direction.LeftToRight if width >= wanted
                     else QBoxLayout.Direction.TopToBottom)
        if self._info.direction() != direction:
            self._info.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Stack the contacts over the indicator when the card is narrow."""
        super().resizeEvent(event)
        self._fit(event.size().width())

    def set_card(self, card: ClientCard) -> None:
        """Show ``card``'s handle, badges, contacts, system information, R5 and R6."""
        self.handle_label.setText(card.handle)
        self.pills["registered"].setVisible(card.registered)
        self.pills["unregistered"].setVisible(not card.registered)
        self.pills["trusted"].setVisible(card.trusted)
        self.pills["banned"].setVisible(card.banned)
        self.pills["ban_proposed"].setVisible(card.ban_pending and not card.banned)
        self.contacts.set_editable(not card.banned)
        self.contacts.set_contacts(card.contacts)
        self.system_info_button.setEnabled(not card.banned)
        self.system_info.setText(self.tr("System: {info}").format(info=card.system_info)
                                 if card.system_info else self.tr("System: not collected yet"))
        self.phone_indicator.set_consultation(card.phone_consultation)
        self.show_trust(card)
        self._show_outcome(card)
        self._fit(self.width())  # another client's contacts may need the other layout

    def show_trust(self, card: ClientCard) -> None:
        """The trust toggle as ``card`` has it, enabled only where R5 allows a change."""
        refusals = trust_refusals(registered=card.registered, banned=card.banned)
        self.trust_box.setChecked(card.trusted)
        self.trust_box.setEnabled(card.trusted or not refusals)
        if refusals and not card.trusted:
            self.trust_box.setToolTip(self.tr("Only a registered client who is not banned can "
                                              "be trusted: {reasons}.").format(
                reasons="; ".join(_t(TRUST_REFUSAL_TEXT[r]) for r in refusals)))
        else:
            self.trust_box.setToolTip(self.tr("Trusted persons may get phone consultations "
                                              "once the current work is paid."))

    def _show_outcome(self, card: ClientCard) -> None:
        outcome = card.last_ban_outcome
        if outcome is None or card.ban_pending or card.banned:
            self.outcome_label.setVisible(False)
            return
        verdict = (self.tr("approved") if outcome.status is BanProposalStatus.APPROVED
                   else self.tr("rejected"))
        text = self.tr("Last ban proposal {verdict} by {user}").format(
            verdict=verdict, user=outcome.reviewed_by or "?")
        if outcome.reason:
            text += f": {outcome.reason}"
        self.outcome_label.setText(text)
        self.outcome_label.setVisible(True)
