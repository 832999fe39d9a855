"""The client's contacts (R1, R2) and the coloured badges of the card header.

Only what R2 allows is shown: the phone, the email and messenger accounts with
their network's name. Badges ("pills") use fixed colours with white text, so
they read the same on light and dark palettes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from nit_desk.domain.types import ContactKind
from nit_desk.models.queue_model import channel_name
from nit_desk.services.dto import ContactDTO

PILL_COLOURS = {
    "registered": "#2e7d32",
    "unregistered": "#616161",
    "trusted": "#1565c0",
    "banned": "#b71c1c",
    "ban_proposed": "#e65100",
}
"""Badge backgrounds; each passes WCAG AA with white text."""


class Pill(QLabel):
    """A small rounded badge: white bold text on a fixed colour."""

    def __init__(self, kind: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.kind = kind
        self.setObjectName(f"pill_{kind}")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            f"QLabel {{ background: {PILL_COLOURS[kind]}; color: white; font-weight: bold; "
            "border-radius: 9px; padding: 2px 10px; }")


def phone_text(value: str) -> str:
    """``+79123456789`` grouped for reading: ``+7 912 345-67-89`` (others unchanged)."""
    if value.startswith("+7") and len(value) == 12 and value[1:].isdigit():
        d = value[2:]
        return f"+7 {d[:3]} {d[3:6]}-{d[6:8]}-{d[8:]}"
    return value


class ContactsPanel(QWidget):
    """Phone, email and messenger accounts, selectable for copying."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(3)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.set_contacts(())

    def set_contacts(self, contacts: Sequence[ContactDTO]) -> None:
        """Show ``contacts``: phone, email, then each messenger under its network's name."""
        while self.form.rowCount():
            self.form.removeRow(0)
        phones = [c for c in contacts if c.kind is ContactKind.PHONE]
        emails = [c for c in contacts if c.kind is ContactKind.EMAIL]
        messengers = [c for c in contacts if c.kind is ContactKind.MESSENGER]
        for contact in phones:
            self._row(self.tr("Phone"), phone_text(contact.value))
        for contact in emails:
            self._row(self.tr("Email"), contact.value)
        for contact in messengers:
            network = channel_name(contact.network) if contact.network else ""
            value = phone_text(contact.value)
            self._row(network or self.tr("Messenger"), value)
        if not contacts:
            self._row("", self.tr("No contacts"))

    def texts(self) -> list[str]:
        """``label: value`` of every row (for tests)."""
        rows = []
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label.widget() if label else None
            label_text = label_widget.text() if isinstance(label_widget, QLabel) else ""
            field_widget = field.widget() if field else None
            value = field_widget.text() if isinstance(field_widget, QLabel) else ""
            rows.append(f"{label_text.rstrip(':')}: {value}")
        return rows

    def _row(self, label: str, value: str) -> None:
        text = QLabel(value)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caption = QLabel(f"{label}:" if label else "")
        caption.setEnabled(False)
        self.form.addRow(caption, text)
