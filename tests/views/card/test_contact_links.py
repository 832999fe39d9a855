"""Contacts on the card: one click opens the chat, one click copies (#14 item 5, R1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from pytestqt.qtbot import QtBot

from nit_desk.domain.types import ContactKind, Network
from nit_desk.services.dto import ContactDTO
from nit_desk.views.card.contacts_panel import ContactsPanel


class _Opened(QObject):
    """Catches the URLs the desk asks the system to open (nothing is really opened)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        """Record ``url``."""
        self.urls.append(url.toString())


@pytest.fixture
def opened() -> Iterator[_Opened]:
    catcher = _Opened()
    schemes = ("tg", "https", "mailto", "tel")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)


CONTACTS = (
    ContactDTO(ContactKind.PHONE, None, "+79123456789", id=1),
    ContactDTO(ContactKind.EMAIL, None, "pc.slow@example.ru", id=2),
    ContactDTO(ContactKind.MESSENGER, Network.TELEGRAM, "@pc_slow_msk", id=3),
    ContactDTO(ContactKind.MESSENGER, Network.VK, "vk.com/id52011", id=4),
    ContactDTO(ContactKind.MESSENGER, Network.ODNOKLASSNIKI, "ok.ru/profile/577001234", id=5),
    ContactDTO(ContactKind.MESSENGER, Network.WHATSAPP, "+79123456789", id=6),
    ContactDTO(ContactKind.MESSENGER, Network.SKYPE, "live:.cid.1a2b3c", id=7),
)


def test_r1_each_contact_opens_its_chat_with_one_click(qtbot: QtBot,
                                                       opened: _Opened) -> None:
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    panel.set_contacts(CONTACTS)
    assert len(panel.open_buttons) == 6  # Skype has no channel any more: no "open"
    for button in panel.open_buttons:
        button.click()
    assert opened.urls == [
        "tel:+79123456789", "mailto:pc.slow@example.ru", "tg://resolve?domain=pc_slow_msk",
        "https://vk.com/id52011", "https://ok.ru/profile/577001234",
        "https://wa.me/79123456789"]


def test_every_contact_has_a_copy_button_skype_included(qtbot: QtBot) -> None:
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    panel.set_contacts(CONTACTS)
    assert len(panel.copy_buttons) == len(CONTACTS)
    with qtbot.waitSignal(panel.copied) as said:
        panel.copy_buttons[-1].click()
    assert said.args == ["live:.cid.1a2b3c"]
    assert QGuiApplication.clipboard().text() == "live:.cid.1a2b3c"


def test_correction_buttons_stay_beside_open_and_copy(qtbot: QtBot) -> None:
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    panel.set_editable(True)
    panel.set_contacts(CONTACTS[:2])
    assert len(panel.fix_buttons) == len(panel.copy_buttons) == 2
    assert panel.texts() == ["Phone: +7 912 345-67-89", "Email: pc.slow@example.ru"]


def test_open_and_copy_are_painted_icons_not_font_glyphs(qtbot: QtBot) -> None:
    """A font without "⧉" or "↗" (DejaVu, Segoe UI) showed empty boxes: icons need no glyph."""
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    panel.set_contacts(CONTACTS)
    for button in panel.open_buttons + panel.copy_buttons:
        assert button.text() == "" and button.accessibleName()
        image = button.icon().pixmap(16, 16).toImage()
        assert not button.icon().isNull()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(16) for y in range(16))


def test_r1_max_account_is_shown_and_copied_as_a_number_never_opened(qtbot: QtBot) -> None:
    """R1: MAX has no public link scheme: the card shows the number and copies it."""
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    panel.set_contacts((ContactDTO(ContactKind.MESSENGER, Network.MAX, "max:+79123456789",
                                   id=8),))
    assert panel.texts() == ["MAX: +7 912 345-67-89"]
    assert panel.open_buttons == [] and len(panel.copy_buttons) == 1
    with qtbot.waitSignal(panel.copied) as said:
        panel.copy_buttons[0].click()
    assert said.args == ["+79123456789"]
