"""Canonical forms of a client's contacts: phone, email, messenger handles (R1, R2).

Every contact is stored in one canonical form, so that uniqueness checks,
the banned-client match at intake (R12) and prefix search compare like with
like: phones in E.164 (``+79123456789``), emails lower-cased, Telegram as
``@name``, VK as ``vk.com/name``, Odnoklassniki as ``ok.ru/profile/<digits>``
or ``ok.ru/<name>``, WhatsApp as the phone's E.164, Skype lower-cased, MAX as ``max:`` and the
phone's E.164 or as its ``max.ru/`` profile link (a MAX account is found by
phone number; the ``max:`` prefix keeps it apart from the same number on
WhatsApp, since contact values are unique per kind).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.secret_guard import check_free_text
from nit_desk.domain.text import field_error
from nit_desk.domain.types import Network

MAX_CONTACT_LENGTH = 64
"""Longest phone or handle accepted as typed, checked before any parsing."""
MAX_EMAIL_LENGTH = 254

NETWORK_NAMES: dict[Network, str] = {
    Network.VK: "VK",
    Network.ODNOKLASSNIKI: "Odnoklassniki",
    Network.TELEGRAM: "Telegram",
    Network.WHATSAPP: "WhatsApp",
    Network.SKYPE: "Skype",
    Network.MAX: "MAX",
}
"""Each network's name as shown to users (brand names, not translated)."""

HANDLE_EXAMPLES: dict[Network, str] = {
    Network.VK: "vk.com/id52011",
    Network.ODNOKLASSNIKI: "ok.ru/profile/123456789",
    Network.TELEGRAM: "@pc_slow_msk",
    Network.WHATSAPP: "+7 912 345-67-89",
    Network.SKYPE: "live:.cid.1a2b3c",
    Network.MAX: "+7 912 345-67-89",
}
"""One well-formed example per network, for messages and placeholders."""

_MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
_PHONE_CHARS = re.compile(r"\+?[0-9\s\-().\u00a0]+")
_HOSTS = (r"(?:vk\.com|vk\.ru|vkontakte\.ru|ok\.ru|odnoklassniki\.ru|t\.me|telegram\.me|wa\.me"
          r"|max\.ru|web\.max\.ru)/")
_HOST_ONLY = re.compile(_HOSTS[:-1] + r"|(?:vk|ok|t|wa|max)\.(?:com|ru|me)")
_SCHEME = re.compile(r"^(?:https?://)?(?:(?:www|m)\.(?=" + _HOSTS + r"))?", re.IGNORECASE)
_TELEGRAM = re.compile(r"[a-z][a-z0-9_]{4,31}")
_VK_ID = re.compile(r"id[1-9][0-9]{0,11}")
_VK_NAME = re.compile(r"[a-z][a-z0-9_.]{4,31}")
_VK_FAKE_ID = re.compile(r"id[0-9]")  # "id" + digits is VK's numeric id form, never a name
_OK_PROFILE = re.compile(r"(?:profile/)?(?P<id>[1-9][0-9]{0,19})")
_OK_NAME = re.compile(r"[a-z][a-z0-9_.]{2,49}")
_SKYPE_LIVE = re.compile(r"live:[a-z0-9._-]{1,64}")
_SKYPE_NAME = re.compile(r"[a-z][a-z0-9.,_-]{5,31}")
_MAX_PROFILE = re.compile(r"u/(?P<token>[A-Za-z0-9_-]{6,64})")
_MAX_NAME = re.compile(r"[a-z][a-z0-9_.]{4,31}")
MAX_PHONE_PREFIX = "max:"
"""Before a MAX account's E.164 number (shown and copied without it)."""

_EMPTY = QT_TRANSLATE_NOOP("messages", "The {label} field is empty.")
_TOO_LONG = QT_TRANSLATE_NOOP(
    "messages", "The {label} field is too long: at most {maximum} characters."
)
_NOT_A_PHONE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field does not hold a valid phone number. "
    "Write a mobile number like +7 912 345-67-89 or 8 912 345-67-89.",
)
_NOT_MOBILE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field must hold a mobile number: the client is reached by SMS, "
    "which a landline or service number cannot receive.",
)
_NOT_AN_EMAIL = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field does not hold a valid email address. Write it like name@example.ru.",
)
_HANDLE_LENGTH = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field: a name on {network} has {minimum} to {maximum} characters, "
    "this one has {length}.",
)
_NOT_A_HANDLE = QT_TRANSLATE_NOOP(
    "messages", "The {label} field does not hold an account on {network}. Write it like {example}."
)


def normalize_phone(text: str, *, region: str = "RU", field: str = "phone") -> str:
    """A mobile phone number in E.164: ``8 912 345-67-89`` -> ``+79123456789`` (R1).

    Raises:
        ValidationError: empty, too long, not a valid number, or not a mobile.
    """
    value = _bounded(text, field=field, maximum=MAX_CONTACT_LENGTH)
    if not _PHONE_CHARS.fullmatch(value):
        raise field_error(_NOT_A_PHONE, field=field, value=text)
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise field_error(_NOT_A_PHONE, field=field, value=text) from None
    if not phonenumbers.is_valid_number(number):
        raise field_error(_NOT_A_PHONE, field=field, value=text)
    if phonenumbers.number_type(number) not in _MOBILE:
        raise field_error(_NOT_MOBILE, field=field, value=text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(text: str, *, field: str = "email") -> str:
    """An email address, normalised and lower-cased whole for uniqueness (R1).

    Deliverability is not checked (no network access while typing).

    Raises:
        ValidationError: empty, too long or not a valid address.
    """
    value = _bounded(text, field=field, maximum=MAX_EMAIL_LENGTH)
    check_free_text(value, field=field)  # R9, R23: "4276…@mail.ru" is a card number
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise field_error(_NOT_AN_EMAIL, field=field, value=text) from None
    return result.normalized.lower()


def normalize_handle(network: Network, text: str, *, field: str = "handle") -> str:
    """The canonical form of a messenger account on ``network`` (R1).

    Telegram ``@name``; VK ``vk.com/name`` or ``vk.com/id123``; Odnoklassniki
    ``ok.ru/profile/123`` or ``ok.ru/name``; WhatsApp the phone's E.164; Skype
    the lower-cased name or ``live:`` id; MAX ``max:`` and the phone's E.164,
    ``max.ru/u/<token>`` (a shared profile link) or ``max.ru/<name>``. Links
    (``https://t.me/name``) are accepted and reduced to the same form.

    Raises:
        ValidationError: naming the network and an example of a good value.
    """
    value = _bounded(text, field=field, maximum=MAX_CONTACT_LENGTH)
    if network is not Network.WHATSAPP:  # a phone number, checked as one
        check_free_text(value, field=field)  # R9, R23: a Skype "live:" id is typed text too
    return _NORMALIZERS[network](value, field)


def contact_text(value: str) -> str:
    """A stored contact as the agent reads and copies it: a MAX number without ``max:``."""
    return value.removeprefix(MAX_PHONE_PREFIX)


def looks_like_phone(text: str) -> bool:
    """Cheap guess for a search box: only phone characters and at least 4 digits."""
    value = text.strip()
    digits = sum(char.isascii() and char.isdigit() for char in value)
    return digits >= 4 and bool(_PHONE_CHARS.fullmatch(value))


def looks_like_email(text: str) -> bool:
    """Cheap guess for a search box: something before an ``@`` and no spaces."""
    value = text.strip()
    return "@" in value[1:] and not any(char.isspace() for char in value)


def handle_search_prefix(text: str) -> str:
    """The canonical-prefix form of what an agent typed in a search box.

    Lower-cased, without ``https://``, ``www.`` or ``m.``; ``t.me/x`` becomes
    ``@x``, a partial phone becomes ``+7...``. Empty when nothing is left.
    See :func:`handle_search_prefixes` for every network's reading.
    """
    prefixes = handle_search_prefixes(text)
    return prefixes[0] if prefixes else ""


def handle_search_prefixes(text: str) -> tuple[str, ...]:
    """Every canonical prefix that what an agent typed may start, most likely first.

    ``pc_slow`` may be Skype ``pc_slow``, Telegram ``@pc_slow``, VK
    ``vk.com/pc_slow`` or Odnoklassniki ``ok.ru/pc_slow``; ``8912`` may be
    the phone ``+7912`` or an Odnoklassniki profile number.
    """
    profile = _max_profile_prefix(_strip_link(text.strip()))
    if profile is not None:
        return (profile,)  # a MAX link's token keeps its case, as it is stored
    value = _strip_link(text.strip().lower())
    if not value:
        return ()
    if looks_like_phone(value):
        return _phone_prefixes(value)
    for link, canonical in _SEARCH_LINKS:
        if value.startswith(link):
            return (canonical + value[len(link) :],)
    if value.startswith("@"):
        bare = value.lstrip("@")
        return ("@" + bare, "vk.com/" + bare) if bare else ("@",)
    return _unique((value, "@" + value, "vk.com/" + value, "ok.ru/" + value,
                    "max.ru/" + value))


# --- per-network rules ----------------------------------------------------


def _telegram(value: str, field: str) -> str:
    name = _after(_strip_link(value), ("t.me/", "telegram.me/", "telegram.dog/")).lower()
    name = name.removeprefix("@")
    _check_length(Network.TELEGRAM, name, field, minimum=5, maximum=32)
    if not _TELEGRAM.fullmatch(name):
        raise _not_a_handle(Network.TELEGRAM, value, field)
    return "@" + name


def _vk(value: str, field: str) -> str:
    name = _after(_strip_link(value), ("vk.com/", "vk.ru/", "vkontakte.ru/")).lower()
    name = name.removeprefix("@")
    if _VK_ID.fullmatch(name):
        return "vk.com/" + name
    _check_length(Network.VK, name, field, minimum=5, maximum=32)
    if not _VK_NAME.fullmatch(name) or _VK_FAKE_ID.match(name):
        raise _not_a_handle(Network.VK, value, field)
    return "vk.com/" + name


def _odnoklassniki(value: str, field: str) -> str:
    name = _after(_strip_link(value), ("ok.ru/", "odnoklassniki.ru/")).lower()
    profile = _OK_PROFILE.fullmatch(name)
    if profile:
        return "ok.ru/profile/" + profile.group("id")
    if name == "profile" or not _OK_NAME.fullmatch(name):
        raise _not_a_handle(Network.ODNOKLASSNIKI, value, field)
    return "ok.ru/" + name


def _whatsapp(value: str, field: str) -> str:
    link = _strip_link(value)
    number = _after(link, ("wa.me/",))
    if number != link and not number.startswith("+"):
        number = "+" + number  # wa.me links carry the international number without "+"
    return normalize_phone(number, field=field)


def _skype(value: str, field: str) -> str:
    name = value.lower().removeprefix("skype:").split("?", 1)[0]
    if name.startswith("live:"):
        if _SKYPE_LIVE.fullmatch(name):
            return name
        raise _not_a_handle(Network.SKYPE, value, field)
    _check_length(Network.SKYPE, name, field, minimum=6, maximum=32)
    if not _SKYPE_NAME.fullmatch(name):
        raise _not_a_handle(Network.SKYPE, value, field)
    return name


def _max(value: str, field: str) -> str:
    """A MAX account: its phone number (how MAX finds people) or a max.ru link or name."""
    link = _strip_link(value)
    if looks_like_phone(link.removeprefix(MAX_PHONE_PREFIX)):
        return MAX_PHONE_PREFIX + normalize_phone(link.removeprefix(MAX_PHONE_PREFIX),
                                                  field=field)
    name = _after(link, ("max.ru/", "web.max.ru/")).removeprefix("@")
    profile = _MAX_PROFILE.fullmatch(name)
    if profile:
        return "max.ru/u/" + profile.group("token")  # a link token: its case matters
    name = name.lower()
    if not _MAX_NAME.fullmatch(name):
        raise _not_a_handle(Network.MAX, value, field)
    return "max.ru/" + name


_NORMALIZERS: dict[Network, Callable[[str, str], str]] = {
    Network.TELEGRAM: _telegram,
    Network.VK: _vk,
    Network.ODNOKLASSNIKI: _odnoklassniki,
    Network.WHATSAPP: _whatsapp,
    Network.SKYPE: _skype,
    Network.MAX: _max,
}

_SEARCH_LINKS = (
    ("t.me/", "@"),
    ("telegram.me/", "@"),
    ("telegram.dog/", "@"),
    ("vk.com/", "vk.com/"),
    ("vk.ru/", "vk.com/"),
    ("vkontakte.ru/", "vk.com/"),
    ("ok.ru/", "ok.ru/"),
    ("odnoklassniki.ru/", "ok.ru/"),
    ("wa.me/", "+"),
    ("skype:", ""),
    ("max.ru/", "max.ru/"),
    ("web.max.ru/", "max.ru/"),
)


# --- helpers --------------------------------------------------------------


def _bounded(text: str, *, field: str, maximum: int) -> str:
    value = text.strip()
    if not value:
        raise field_error(_EMPTY, field=field, value=text)
    if len(value) > maximum:
        raise field_error(_TOO_LONG, field=field, value=text[:maximum], maximum=maximum)
    return value


def _strip_link(value: str) -> str:
    """Drop the scheme, ``www.``/``m.`` before a known host, a query and a fragment."""
    value = _SCHEME.sub("", value)
    if "/" in value:
        value = re.split(r"[?#]", value, maxsplit=1)[0]
    return value


def _after(value: str, hosts: tuple[str, ...]) -> str:
    """What follows a known host (``vk.com/durov/`` -> ``durov``), else the value."""
    lowered = value.lower()
    for host in hosts:
        if lowered.startswith(host):
            return value[len(host) :].rstrip("/")
    if _HOST_ONLY.fullmatch(lowered.rstrip("/")):
        return ""  # a bare host such as "vk.com" names no account
    return value.rstrip("/")


def _check_length(network: Network, name: str, field: str, *, minimum: int, maximum: int) -> None:
    if not minimum <= len(name) <= maximum:
        raise field_error(
            _HANDLE_LENGTH,
            field=field,
            value=name,
            network=NETWORK_NAMES[network],
            minimum=minimum,
            maximum=maximum,
            length=len(name),
        )


def _not_a_handle(network: Network, value: str, field: str) -> ValidationError:
    return field_error(
        _NOT_A_HANDLE,
        field=field,
        value=value,
        network=NETWORK_NAMES[network],
        example=HANDLE_EXAMPLES[network],
    )


def _phone_prefixes(value: str) -> tuple[str, ...]:
    digits = "".join(char for char in value if char.isascii() and char.isdigit())
    if value.startswith("+"):
        return ("+" + digits, MAX_PHONE_PREFIX + "+" + digits)
    if digits.startswith("8"):
        phone = "+7" + digits[1:]
    elif digits.startswith("7"):
        phone = "+" + digits
    elif digits.startswith("9"):
        phone = "+7" + digits
    else:
        phone = "+" + digits
    return _unique((phone, "ok.ru/profile/" + digits, "vk.com/id" + digits,
                    MAX_PHONE_PREFIX + phone))


def _max_profile_prefix(value: str) -> str | None:
    """``max.ru/u/<token start>`` for a pasted MAX profile link, the token's case kept."""
    lowered = value.lower()
    for host in ("max.ru/u/", "web.max.ru/u/"):
        if lowered.startswith(host):
            return "max.ru/u/" + value[len(host):]
    return None


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
