"""Refuse free text that looks like a card number, a one-time code or a password (R9).

The guard favours few false alarms on what agents really type (phone numbers,
prices, dates, versions, error codes, order numbers) over catching every
conceivable secret: it flags

* a payment card number: 13-19 digits, contiguous or grouped the way cards
  are written (4-4-4-4, 4-4-4-4-3, 4-6-5 ...) with single spaces or dashes,
  passing the Luhn check;
* a one-time code, PIN or CVV given as such: a keyword (``код из смс``,
  ``SMS code``, ``OTP``, ``PIN``, ``CVV`` ...) followed within a few
  characters by the digits;
* a password given as such: ``пароль: X``, ``password = X``, ``password is
  hunter2``, ``пароль qwerty123``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.identity_guard import check_identity
from nit_desk.domain.messages import QT_TRANSLATE_NOOP

CARD_MESSAGE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field contains what looks like a payment card number. Never type card "
    "numbers into NIT Desk: remove it and save again.",
)
CODE_MESSAGE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field contains what looks like a one-time code or password. Never type "
    "codes or passwords into NIT Desk: remove it and save again.",
)


@dataclass(frozen=True)
class SecretFinding:
    """Where a secret was found: ``text[start:end]`` is the secret itself."""

    kind: Literal["card", "code"]
    start: int
    end: int


def find_secret(text: str) -> SecretFinding | None:
    """Find the first card number, else the first one-time code or password, in ``text``."""
    folded = _fold(text)
    for finding in _cards(folded):
        return finding
    for finding in _codes(folded):
        return finding
    return None


def check_free_text(text: str, *, field: str) -> None:
    """Refuse free text that holds a card number, a one-time code or a password (R9),
    or tells who the client really is: a full name, a document number (R23).

    Raises:
        ValidationError: naming the field and where the secret starts and ends,
            never the secret itself.
    """
    finding = find_secret(text)
    if finding is None:
        check_identity(text, field=field)
        return
    template = CARD_MESSAGE if finding.kind == "card" else CODE_MESSAGE
    raise ValidationError(
        template,
        field=field,
        label=field.replace("_", " "),
        kind=finding.kind,
        start=finding.start,
        end=finding.end,
    )


def _fold(text: str) -> str:
    """Lower-case and turn ё into е, one character for one, so offsets stay valid."""
    chars = (c.lower() if len(c.lower()) == 1 else c for c in text)
    return "".join(chars).replace("ё", "е")


# --- card numbers ---------------------------------------------------------

_DIGIT_GROUP = re.compile(r"\d+")
_IMEI_BEFORE = re.compile(r"imei\s*\d?\W{0,6}$")
_CARD_LAYOUTS = {(4, 6, 5), (4, 6, 4)}


def _cards(text: str) -> Iterator[SecretFinding]:
    for run in _digit_runs(text):
        for first in range(len(run)):
            for last in range(first, min(first + 6, len(run))):
                window = run[first : last + 1]
                if _is_card(text, window):
                    yield SecretFinding("card", window[0].start(), window[-1].end())


def _digit_runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Digit groups chained by one space or dash; a group glued to letters breaks a run."""
    run: list[re.Match[str]] = []
    for group in _DIGIT_GROUP.finditer(text):
        if run and not _chained(text, run[-1], group):
            yield run
            run = []
        if _attached(text, group.start(), group.end()):
            if run:
                yield run
            run = []
            continue
        run.append(group)
    if run:
        yield run


def _chained(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    return right.start() - left.end() == 1 and text[left.end()] in " -"


def _attached(text: str, start: int, end: int) -> bool:
    """A group inside a word, a version (1.2.3), a decimal or a time is no card part."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    if before in ".,:/" and start >= 2 and text[start - 2].isdigit():
        return True
    return after in ".,:/" and end + 1 < len(text) and text[end + 1].isdigit()


def _is_card(text: str, window: list[re.Match[str]]) -> bool:
    sizes = tuple(len(group.group()) for group in window)
    total = sum(sizes)
    if not 13 <= total <= 19 or not _card_layout(sizes):
        return False
    start = window[0].start()
    if _IMEI_BEFORE.search(text, max(0, start - 20), start):
        return False
    return _luhn("".join(group.group() for group in window))


def _card_layout(sizes: tuple[int, ...]) -> bool:
    if len(sizes) == 1 or sizes in _CARD_LAYOUTS:
        return True
    return all(size == 4 for size in sizes[:-1]) and 1 <= sizes[-1] <= 4


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


# --- one-time codes and passwords -----------------------------------------

_SEP = r"(?:\s*(?:[:=#№—–-]|\bis\b|\bэто\b|\bбыл[аио]?\b)?\s*[\"'«“]?)"
_QUALIFIER = (
    r"(?:\s+(?:из|с|в|по|от)\s+(?:смс|sms|сообщени[яй]|приложени[яй]|push|пуша|почты|письма))?"
    r"(?:\s+(?:подтверждени[яе]|доступа|авторизации|входа|верификации|проверки|безопасности))?"
)
_CODE_KEYWORD = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<cvv>cvv2?|cvc2?)"
    r"|(?:смс|sms|пин|pin)[\s-]?код" + _QUALIFIER + r"|одноразов\w*\s+код"
    r"|код" + _QUALIFIER + r"|(?:sms|verification|confirmation|security|one[\s-]?time|2fa"
    r"|auth|authentication|login|access|otp|pin|app)\s+code|code|otp|pin"
    r")(?![\w])" + _SEP,
)
_CODE_VALUE = re.compile(r"\d(?:[ -]?\d){2,7}(?![\w])(?![.,:/]\d)")
_NOT_A_SECRET_CODE_BEFORE = re.compile(
    r"(?<!\w)(?:ошибк\w*|error|err|exit|status|http|stop|return|bug|регион\w*|город\w*"
    r"|area|zip|postal|почтов\w*|товар\w*|product|item|article|артикул\w*|activation"
    r"|активаци\w*|штрих|bar|qr|source|исходн\w*|promo|промо|coupon|купон\w*|discount"
    r"|скидк\w*|country|стран\w*|tax|налог\w*|hs|тн вэд)\W{0,3}(?:\w+\W{1,3})?$"
)

_PASSWORD_KEYWORD = r"(?<![\w-])(?P<kw>парол\w*|password|passwd|passcode|pwd|pass)(?![\w])"
_PASSWORD_STRONG = re.compile(
    _PASSWORD_KEYWORD
    + r"(?:\s+(?:от|для|к|на|for|to|of|on)\s+[^\s:=]+(?:\s+[^\s:=]+)?)?\s*[:=]\s*(?P<value>\S+)"
)
_PASSWORD_LOOSE = re.compile(
    _PASSWORD_KEYWORD + r"(?:\s+(?:is|was|это|—|–|-))?\s+(?P<value>\S+)"
)
_ABSENT = frozenset(
    "не нет no none not n/a - — –  unknown неизвестен неизвестно отсутствует забыл забыла "
    "сброшен reset".split()
)
_SECRET_SYMBOLS = set("@#$%^&*!?_+=~")


def _codes(text: str) -> Iterator[SecretFinding]:
    found: list[SecretFinding] = []
    found.extend(_one_time_codes(text))
    found.extend(_passwords(text))
    yield from sorted(found, key=lambda finding: finding.start)


def _one_time_codes(text: str) -> Iterator[SecretFinding]:
    for keyword in _CODE_KEYWORD.finditer(text):
        start = keyword.start()
        if _NOT_A_SECRET_CODE_BEFORE.search(text, max(0, start - 40), start):
            continue
        value = _CODE_VALUE.match(text, keyword.end())
        if value is None:
            continue
        digits = sum(char.isdigit() for char in value.group())
        shortest = 3 if keyword.group("cvv") else 4
        if shortest <= digits <= (4 if keyword.group("cvv") else 8):
            yield SecretFinding("code", value.start(), value.end())


def _passwords(text: str) -> Iterator[SecretFinding]:
    for match in _PASSWORD_STRONG.finditer(text):
        value = match.group("value").strip("\"'«»“”.,;")
        if value and value not in _ABSENT and set(value) - set("*•x"):
            yield SecretFinding("code", match.start("value"), match.end("value"))
    for match in _PASSWORD_LOOSE.finditer(text):
        value = match.group("value")
        if match.group("kw") != "pass" and len(value) >= 4 and _looks_secret(value):
            yield SecretFinding("code", match.start("value"), match.end("value"))


def _looks_secret(token: str) -> bool:
    """A digit, a symbol inside the token, or quotes: ``qwerty123``, ``p@ss``, ``"abc"``."""
    if token[0] in "\"'«“" and len(token) > 2:
        return True
    core = token.rstrip(".,;:!?)")
    return any(char.isdigit() for char in core) or bool(_SECRET_SYMBOLS & set(core))
