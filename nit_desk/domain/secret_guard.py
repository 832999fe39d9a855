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
import unicodedata
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
    """The one guard of everything a person types: notes and names, but also e-mail
    addresses, messenger handles, user names, step codes and payment references.

    Refuses text that holds a card number, a one-time code or a password (R9), or
    tells who the client really is: a full name, a document number (R23); and text
    that cannot be stored as it is (a lone surrogate from a broken copy and paste,
    a control character other than a line break or tab).

    Raises:
        ValidationError: naming the field and where the secret starts and ends,
            never the secret itself.
    """
    _refuse_unstorable(text, field=field)
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


_SAME_AS_SPACE = "\u00a0\u2007\u2009\u202f\u2002\u2003\u3000\t"
_SAME_AS_DASH = "\u2010\u2011\u2012\u2013\u2014\u2212"
_FOLD_TABLE = str.maketrans(_SAME_AS_SPACE + _SAME_AS_DASH + "ё",
                            " " * len(_SAME_AS_SPACE) + "-" * len(_SAME_AS_DASH) + "е")


BROKEN_MESSAGE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field contains a broken character (U+{code}) at position {position}, "
    "left over from a bad copy and paste; remove it and type it again.",
)
CONTROL_MESSAGE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field contains an invisible control character (U+{code}) "
    "at position {position}; remove it.",
)


def _refuse_unstorable(text: str, *, field: str) -> None:
    if not isinstance(text, str):
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The {label} field must be text."),
                              field=field, label=field.replace("_", " "))
    for position, char in enumerate(text):
        kind = unicodedata.category(char)
        if kind == "Cs" or (kind == "Cc" and char not in "\n\t"):
            raise ValidationError(BROKEN_MESSAGE if kind == "Cs" else CONTROL_MESSAGE,
                                  field=field, label=field.replace("_", " "),
                                  code=f"{ord(char):04X}", position=position + 1)


def _fold(text: str) -> str:
    """Lower-case, ё to е, odd spaces (no-break, thin, tab) to a space and dashes
    (en, em, minus) to ``-``: one character for one, so offsets stay valid."""
    chars = (c.lower() if len(c.lower()) == 1 else c for c in text)
    return "".join(chars).translate(_FOLD_TABLE)


# --- card numbers ---------------------------------------------------------

_DIGIT_GROUP = re.compile(r"\d+")
_IMEI_BEFORE = re.compile(r"imei\s*\d?\W{0,6}$")
_CARD_LAYOUTS = {(4, 6, 5), (4, 6, 4)}


_PUNCTUATED_CARD = re.compile(
    r"(?<![\d.,/])\d{4}([./])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?!\d|[./]\d)")
"""4276.2129.9722.0033 or 5469/5254/8145/4212: four-digit groups, one separator throughout
(a date or a version never has four groups of four)."""


def _cards(text: str) -> Iterator[SecretFinding]:
    for found in _PUNCTUATED_CARD.finditer(text):
        if _luhn(re.sub(r"\D", "", found.group())):
            yield SecretFinding("card", found.start(), found.end())
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
    """One dash, or one to three spaces (a double space typed by hand), maybe around a dash."""
    gap = text[left.end():right.start()]
    return 1 <= len(gap) <= 3 and not gap.strip(" -") and gap.count("-") <= 1


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
    r"(?P<cvv>(?:cvv2?|cvc2?)(?:[\s-]?код|[\s-]?code)?|код\s+(?:cvv2?|cvc2?)|security\s+code)"
    r"(?:\s+(?:на\s+обороте|on\s+the\s+back))?"
    r"|(?:смс|sms|пин|pin)[\s-]?код" + _QUALIFIER + r"|одноразов\w*\s+код|пинкод"
    r"|(?:пин|pin)(?:\s+(?:карты|card|code))?"
    r"|код" + _QUALIFIER + r"|(?:sms|verification|confirmation|one[\s-]?time|2fa"
    r"|auth|authentication|login|access|otp|pin|app)\s+code"
    r"|code(?:\s+from\s+(?:the\s+|an?\s+)?(?:sms|text|app|e-?mail|message))?|otp"
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
_PASSWORD_NEAR = re.compile(_PASSWORD_KEYWORD)
_TOKEN = re.compile(r"\S+")
_NEAR_TOKENS = 6
"""How far after "пароль от почты", "password for the router is" the value may come."""
_LOGIN_BEFORE = re.compile(r"(?<![\w-])(?:логин\w*|login|user(?:name)?|юзер|учетк\w*)"
                           r"(?![\w])[^\n]{0,60}$")
_DATE_OR_TIME = re.compile(r"^(?:\d{1,2}[.:/]\d{2}(?:[.:/]\d{2,4})?|\d+(?:[.,]\d+)?%|[*•]+)"
                           r"[.,;:)]*$")
"""Not a password: a date, a time, a percentage, or one masked with stars."""
_SENTENCE_END = re.compile(r"[.!?;,]$")
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
    for match in _PASSWORD_NEAR.finditer(text):
        yield from _password_nearby(text, match)


def _password_nearby(text: str, keyword: re.Match[str]) -> Iterator[SecretFinding]:
    """The value a few words on: "пароль от почты Kotik2020", "pass Summer2024".

    After "логин …" or "login …" the word right after the keyword is the password
    whatever it looks like ("логин anna пароль ромашка"); otherwise a word within
    a few that looks like one (a digit, a sign inside, quotes), not a date or time.
    """
    after_login = _LOGIN_BEFORE.search(text, max(0, keyword.start() - 70),
                                       keyword.start()) is not None
    tokens = list(_TOKEN.finditer(text, keyword.end()))[:_NEAR_TOKENS]
    tokens = [t for t in tokens if t.group() not in _NEAR_FILLERS]
    if after_login and tokens:
        first = tokens[0]
        value = first.group().strip("\"'«»“”.,;:")
        if len(value) >= 3 and value not in _ABSENT and not _SENTENCE_END.search(
                text[keyword.end():first.start()].strip()):
            yield SecretFinding("code", first.start(), first.end())
            return
    for token in tokens:
        value = token.group()
        if _DATE_OR_TIME.match(value) or value in _ABSENT:
            continue
        if len(value.strip("\"'«»“”.,;:")) >= 4 and _looks_secret(value):
            yield SecretFinding("code", token.start(), token.end())
            return
        if _SENTENCE_END.search(value):
            return


_NEAR_FILLERS = frozenset("- — – : = is was это".split())


def _looks_secret(token: str) -> bool:
    """A digit, a symbol inside the token, or quotes: ``qwerty123``, ``p@ss``, ``"abc"``."""
    if token[0] in "\"'«“" and len(token) > 2:
        return True
    core = token.rstrip(".,;:!?)")
    return any(char.isdigit() for char in core) or bool(_SECRET_SYMBOLS & set(core))
