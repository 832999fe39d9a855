"""The client's contacts (R1, R2) and the coloured badges of the card header.

Only what R2 allows is shown: the phone, the email and messenger accounts with
their network's name. While the card may be corrected, each contact has small
"fix" and "remove" buttons and the list ends with "Add a contact…" (R21); the
panel only asks (``fix_requested``, ``remove_requested``, ``add_requested``),
the card's corrections do the rest. Badges ("pills") use fixed colours with white text, so
they read the same on light and dark palettes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from nit_desk.domain.contact_links import contact_link
from nit_desk.domain.contacts import contact_text
from nit_desk.domain.types import ContactKind
from nit_desk.services.dto import ContactDTO
from nit_desk.ui.queue_texts import channel_name
from nit_desk.views.icons import copy_icon, open_icon

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
    """Phone, email and messenger accounts, selectable for copying, each correctable."""

    fix_requested = Signal(object)
    """The agent wants to fix this :class:`ContactDTO`."""
    remove_requested = Signal(object)
    """The agent wants to remove this :class:`ContactDTO`."""
    add_requested = Signal()
    copied = Signal(str)
    """A contact's value went to the clipboard (the card says so in the status bar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable = False
        self.contacts: tuple[ContactDTO, ...] = ()
        self.fix_buttons: list[QToolButton] = []
        self.remove_buttons: list[QToolButton] = []
        self.open_buttons: list[QToolButton] = []
        self.copy_buttons: list[QToolButton] = []
        self.add_button: QToolButton | None = None
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(3)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.set_contacts(())

    def set_contacts(self, contacts: Sequence[ContactDTO]) -> None:
        """Show ``contacts``: phone, email, then each messenger under its network's name."""
        self.contacts = tuple(contacts)
        self.fix_buttons, self.remove_buttons, self.add_button = [], [], None
        self.open_buttons, self.copy_buttons = [], []
        while self.form.rowCount():
            self.form.removeRow(0)
        phones = [c for c in contacts if c.kind is ContactKind.PHONE]
        emails = [c for c in contacts if c.kind is ContactKind.EMAIL]
        messengers = [c for c in contacts if c.kind is ContactKind.MESSENGER]
        for contact in phones:
            self._row(self.tr("Phone"), phone_text(contact.value), contact)
        for contact in emails:
            self._row(self.tr("Email"), contact.value, contact)
        for contact in messengers:
            network = channel_name(contact.network) if contact.network else ""
            value = phone_text(contact_text(contact.value))
            self._row(network or self.tr("Messenger"), value, contact)
        if not contacts:
            self._row("", self.tr("No contacts"))
        if self.editable:
            self._add_row()

    def set_editable(self, editable: bool) -> None:
        """Show the correction buttons (an open card the agent may change) or not."""
        if editable != self.editable:
            self.editable = editable
            self.set_contacts(self.contacts)

    def texts(self) -> list[str]:
        """``label: value`` of every row (for tests)."""
        rows = []
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label.widget() if label else None
            label_text = label_widget.text() if isinstance(label_widget, QLabel) else ""
            field_widget = field.widget() if field else None
            if field_widget is not None and not isinstance(field_widget, QLabel):
                field_widget = field_widget.findChild(QLabel, "contactValue")
            if field_widget is None:
                continue  # the "Add a contact…" row
            value = field_widget.text() if isinstance(field_widget, QLabel) else ""
            rows.append(f"{label_text.rstrip(':')}: {value}")
        return rows

    def _row(self, label: str, value: str, contact: ContactDTO | None = None) -> None:
        text = QLabel(value)
        text.setObjectName("contactValue")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caption = QLabel(f"{label}:" if label else "")
        caption.setEnabled(False)
        if contact is None:
            self.form.addRow(caption, text)
            return
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(text)
        self._reach_buttons(row, contact)
        if self.editable and contact.id is not None:
            self._fix_buttons(row, contact)
        row.addStretch(1)
        self.form.addRow(caption, line)

    def _reach_buttons(self, row: QHBoxLayout, contact: ContactDTO) -> None:
        """"Open the chat" where the network has a link, and "copy" always (#14 item 5)."""
        link = contact_link(contact.kind, contact.network, contact.value)
        shown = contact_text(contact.value)
        if link is not None:
            tip = (self.tr("Call or message {value}") if contact.kind is ContactKind.PHONE
                   else self.tr("Write to {value}") if contact.kind is ContactKind.EMAIL
                   else self.tr("Open the chat with {value}"))
            opener = self._tool("", tip.replace("{value}", shown), "openContactButton")
            opener.setIcon(open_icon())
            opener.setAccessibleName(self.tr("Open"))
            opener.setProperty("url", link)
            opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(link)))
            row.addWidget(opener)
            self.open_buttons.append(opener)
        copy = self._tool("", self.tr("Copy {value}").replace("{value}", shown),
                          "copyContactButton")
        copy.setIcon(copy_icon())  # painted: a font may lack any "copy" glyph
        copy.setAccessibleName(self.tr("Copy"))
        copy.clicked.connect(lambda: self._copy(shown))
        row.addWidget(copy)
        self.copy_buttons.append(copy)

    def _copy(self, value: str) -> None:
        QGuiApplication.clipboard().setText(value)
        self.copied.emit(value)

    def _fix_buttons(self, row: QHBoxLayout, contact: ContactDTO) -> None:
        fix = self._tool("✎", self.tr("Fix this contact…"), "fixContactButton")
        fix.clicked.connect(lambda: self.fix_requested.emit(contact))
        remove = self._tool("✕", self.tr("Remove this contact…"), "removeContactButton")
        remove.clicked.connect(lambda: self.remove_requested.emit(contact))
        row.addWidget(fix)
        row.addWidget(remove)
        self.fix_buttons.append(fix)
        self.remove_buttons.append(remove)

    def _add_row(self) -> None:
        self.add_button = self._tool(self.tr("+ Add a contact…"), self.tr(
            "Give the client one more phone, email or messenger account"), "addContactButton")
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_button.clicked.connect(self.add_requested.emit)
        self.form.addRow("", self.add_button)

    def _tool(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setObjectName(name)
        button.setAutoRaise(True)
        return button
