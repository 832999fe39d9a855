"""Refuse free text that tells who the client really is (R23).

Besides secrets (R9, :mod:`nit_desk.domain.secret_guard`), free text never
keeps a full real name (surname, first name and patronymic) or the number of
an identity document. Like the secret guard this favours few false alarms on
what agents really type; it flags

* a full name: three capitalised words, one of them a patronymic
  (``-ович``, ``-евна``, ``-ична`` ...; transliterated ``-ovich`` too) and one
  with a surname ending, in either order ("Иванов Иван Иванович", "Иван
  Иванович Иванов"). A first name and patronymic alone ("Иван Петрович") is
  how people are addressed and is let through;
* a passport number (series and number, ``45 10 123456``) after the word
  "паспорт", "passport" or "серия";
* a SNILS number: ``123-456-789 01`` with a valid check sum, or any 11 digits
  after the word "СНИЛС"/"SNILS".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP

NAME_MESSAGE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field contains what looks like a person's full name. NIT Desk never keeps "
    "who a client really is: use the client's handle, remove the name and save again.",
)
DOCUMENT_MESSAGE = QT_TRANSLATE_NOOP(
    "messages",
    "The {label} field contains what looks like a passport or SNILS number. Never type "
    "identity documents into NIT Desk: remove it and save again.",
)

_CYR = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_LAT = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_WORD = re.compile(rf"(?<![\w-])(?:{_CYR}|{_LAT})(?![\w-])")
_PATRONYMIC = re.compile(r"(?:ович|евич|ёвич|ич|овна|евна|ична|инична|ovich|evich|ovna|evna"
                         r"|ichna)$")
_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ской|цкой|ова|ева|ёва|ина|ына|ская|цкая|ко|ук|юк|ян|дзе"
    r"|швили|ых|их|ец|ич|ov|ev|in|yn|sky|skiy|skii|skaya|ova|eva|ina|yna|ko|uk|yuk|yan)$")
_DOC_KEYWORD = re.compile(r"(?<!\w)(?:паспорт\w*|passport|серия|серии|снилс|snils)(?!\w)",
                          re.IGNORECASE)
_PASSPORT = re.compile(
    r"(?<!\d)\d{2}[ -]?\d{2}(?:\s*(?:№|n|no\.?|номер)\s*|[ -])\d{6}(?!\d)", re.IGNORECASE)
_SNILS = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{3})[ -]?(\d{2})(?!\d)")
_KEYWORD_REACH = 30


@dataclass(frozen=True)
class IdentityFinding:
    """Where the identifying text is: ``text[start:end]``."""

    kind: Literal["name", "document"]
    start: int
    end: int


def find_identity(text: str) -> IdentityFinding | None:
    """The first full name or identity document number in ``text``, if any (R23)."""
    return _document(text) or _full_name(text)


def check_identity(text: str, *, field: str) -> None:
    """Refuse free text holding a full real name or a document number (R23).

    Raises:
        ValidationError: naming the field and where the finding is, never the text itself.
    """
    finding = find_identity(text)
    if finding is None:
        return
    template = NAME_MESSAGE if finding.kind == "name" else DOCUMENT_MESSAGE
    raise ValidationError(template, field=field, label=field.replace("_", " "),
                          kind=finding.kind, start=finding.start, end=finding.end)


_CAPITALS = re.compile(r"(?<![\w-])[А-ЯЁA-Z]{2,}(?![\w-])")
_GAP = re.compile(r"[^\S\n]{1,3}")


def _full_name(text: str) -> IdentityFinding | None:
    text = _CAPITALS.sub(lambda word: word.group().capitalize(), text)  # ИВАНОВ -> Иванов
    words = list(_WORD.finditer(text))
    for i in range(len(words) - 2):
        trio = words[i:i + 3]
        if not all(_adjacent(text, a, b) for a, b in zip(trio, trio[1:], strict=False)):
            continue
        first, second, third = (w.group() for w in trio)
        if ((_PATRONYMIC.search(third) and _SURNAME.search(first))
                or (_PATRONYMIC.search(second) and _SURNAME.search(third))):
            return IdentityFinding("name", trio[0].start(), trio[2].end())
    return None


def _adjacent(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """One to three spaces of any kind (a no-break space, a double space), no line break."""
    return _GAP.fullmatch(text, left.end(), right.start()) is not None


def _document(text: str) -> IdentityFinding | None:
    for keyword in _DOC_KEYWORD.finditer(text):
        reach = text[keyword.end():keyword.end() + _KEYWORD_REACH + 20]
        for pattern in (_PASSPORT, _SNILS):
            found = pattern.search(reach)
            if found is not None and found.start() <= _KEYWORD_REACH:
                start = keyword.end() + found.start()
                return IdentityFinding("document", start, keyword.end() + found.end())
    for found in _SNILS.finditer(text):
        if "-" in found.group() and _snils_checksum_ok("".join(found.groups())):
            return IdentityFinding("document", found.start(), found.end())
    return None


def _snils_checksum_ok(digits: str) -> bool:
    """SNILS check sum: digits weighted 9..1, modulo 101 (100 and 101 give 00)."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(9, 0, -1), strict=True))
    check = total % 101
    return (0 if check == 100 else check) == int(digits[9:])
