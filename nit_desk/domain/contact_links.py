"""Where a contact's chat opens: the link the desk hands to the system (R1).

Contacts are stored canonical (:mod:`nit_desk.domain.contacts`), so each
network's link is built by rule: Telegram ``tg://resolve?domain=name``, VK
``https://vk.com/<id>``, Odnoklassniki ``https://ok.ru/<id>``, WhatsApp
``https://wa.me/<digits>``, email ``mailto:``, phone ``tel:``. Skype closed in
May 2025 and MAX has no public link scheme: those are copied, never opened.
"""

from __future__ import annotations

from urllib.parse import quote

from nit_desk.domain.types import ContactKind, Network


def contact_link(kind: ContactKind, network: Network | None, value: str) -> str | None:
    """The URL that opens the client's chat (or mail, or call), or None when there is none.

    Args:
        kind: phone, email or messenger.
        network: the messenger's network (None for a phone or an email).
        value: the stored canonical value.
    """
    if kind is ContactKind.PHONE:
        return "tel:" + value
    if kind is ContactKind.EMAIL:
        return "mailto:" + quote(value, safe="@.+-_")
    if network is Network.TELEGRAM:
        return "tg://resolve?domain=" + quote(value.removeprefix("@"), safe="_")
    if network is Network.VK:
        return "https://" + quote(value, safe="/._")
    if network is Network.ODNOKLASSNIKI:
        return "https://" + quote(value, safe="/._")
    if network is Network.WHATSAPP:
        return "https://wa.me/" + "".join(ch for ch in value if ch.isdigit())
    return None
