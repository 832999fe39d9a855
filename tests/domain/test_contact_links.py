"""The link that opens each network's chat from the card (#14 item 5, R1)."""

from __future__ import annotations

import pytest

from nit_desk.domain.contact_links import contact_link
from nit_desk.domain.types import ContactKind, Network

M = ContactKind.MESSENGER


@pytest.mark.parametrize(("kind", "network", "value", "link"), [
    (M, Network.TELEGRAM, "@pc_slow_msk", "tg://resolve?domain=pc_slow_msk"),
    (M, Network.VK, "vk.com/id52011", "https://vk.com/id52011"),
    (M, Network.VK, "vk.com/pc.slow", "https://vk.com/pc.slow"),
    (M, Network.ODNOKLASSNIKI, "ok.ru/profile/577001234", "https://ok.ru/profile/577001234"),
    (M, Network.WHATSAPP, "+79123456789", "https://wa.me/79123456789"),
    (ContactKind.EMAIL, None, "pc.slow@example.ru", "mailto:pc.slow@example.ru"),
    (ContactKind.PHONE, None, "+79123456789", "tel:+79123456789"),
])
def test_r1_each_network_opens_its_own_chat(kind: ContactKind, network: Network | None,
                                            value: str, link: str) -> None:
    assert contact_link(kind, network, value) == link


def test_r1_skype_is_copied_never_opened() -> None:
    """Skype closed in May 2025 (R1): a handle on record, no channel, no link."""
    assert contact_link(M, Network.SKYPE, "live:.cid.1a2b3c") is None
