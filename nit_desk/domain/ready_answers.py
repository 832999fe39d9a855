"""Ready answers: the company's own explanations as templates the desk fills in.

An agent answers sixty chats a day with the same explanations: why an advance
applies and how much, each registration step, the warning before a sensitive
action (R8), the estimate, the payment due, the ban notice. A ready answer is
Russian text with placeholders in braces (``{клиент}``, ``{к_оплате}``) that the
desk fills from the client and the request, then copies to the clipboard for
the messenger; the desk never sends anything itself.

Placeholders are a closed list (:data:`PLACEHOLDERS`): a supervisor saving a
template with an unknown or broken placeholder is refused, so an agent never
copies ``{клиетн}`` to a client. Filling is plain substitution, never
``str.format`` (a template cannot reach attributes or indexes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.secret_guard import check_free_text

TITLE_MAX = 120
BODY_MAX = 4000

PLACEHOLDERS: dict[str, str] = {
    "клиент": QT_TRANSLATE_NOOP("ready_answers", "the client's handle"),
    "обращение": QT_TRANSLATE_NOOP("ready_answers", "the request's number"),
    "описание": QT_TRANSLATE_NOOP("ready_answers", "what the request is about"),
    "срок": QT_TRANSLATE_NOOP("ready_answers", "the agreed deadline"),
    "схема": QT_TRANSLATE_NOOP("ready_answers", "the payment scheme in words"),
    "основания": QT_TRANSLATE_NOOP("ready_answers", "why the advance applies (R14)"),
    "смета": QT_TRANSLATE_NOOP("ready_answers", "the agreed estimate's total"),
    "аванс": QT_TRANSLATE_NOOP("ready_answers", "the advance to pay"),
    "оплачено": QT_TRANSLATE_NOOP("ready_answers", "the money paid so far"),
    "к_оплате": QT_TRANSLATE_NOOP("ready_answers", "what is still due"),
    "телефон": QT_TRANSLATE_NOOP("ready_answers", "the client's phone"),
    "почта": QT_TRANSLATE_NOOP("ready_answers", "the client's email"),
}
"""Every placeholder a template may use, with what it stands for (for the editor)."""

_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
_STRAY_BRACE = re.compile(r"[{}]")

UNKNOWN_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "messages", "The text uses {placeholder}, which the desk cannot fill. "
    "Known placeholders: {known}.")
STRAY_BRACE = QT_TRANSLATE_NOOP(
    "messages", "The text has a brace that opens or closes no placeholder, at character "
    "{position}. Write placeholders like {example}.")


@dataclass(frozen=True)
class FilledAnswer:
    """A ready answer with its placeholders filled.

    ``missing`` are the placeholders the desk had no value for (no agreed
    estimate yet, no request): they stay in ``text`` as typed, so the agent
    sees what to fill by hand before sending.
    """

    text: str
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Every placeholder got a value."""
        return not self.missing


def placeholders_in(text: str) -> tuple[str, ...]:
    """The placeholder names ``text`` uses, in order of first use."""
    seen: dict[str, None] = {}
    for match in _PLACEHOLDER.finditer(text):
        seen.setdefault(match.group(1), None)
    return tuple(seen)


def check_answer_text(text: str, *, field: str = "text") -> None:
    """Refuse a template with an unknown placeholder, a stray brace or a secret (R9, R23).

    Raises:
        ValidationError: naming ``field`` and the offending placeholder or position.
    """
    for name in placeholders_in(text):
        if name not in PLACEHOLDERS:
            raise ValidationError(UNKNOWN_PLACEHOLDER, field=field,
                                  placeholder="{" + name + "}", known=known_placeholders())
    stray = _STRAY_BRACE.search(_PLACEHOLDER.sub("", text))
    if stray is not None:
        raise ValidationError(STRAY_BRACE, field=field, position=_stray_position(text),
                              example="{клиент}")
    check_free_text(_PLACEHOLDER.sub(" ", text), field=field)


def fill_answer(text: str, values: Mapping[str, str]) -> FilledAnswer:
    """Put ``values`` into the placeholders of ``text``; an empty value counts as missing."""
    missing: dict[str, None] = {}

    def substitute(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        if not value:
            missing.setdefault(match.group(1), None)
            return match.group(0)
        return value

    return FilledAnswer(_PLACEHOLDER.sub(substitute, text), tuple(missing))


def known_placeholders() -> str:
    """Every placeholder, in braces, comma-separated (for messages and the editor)."""
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def _stray_position(text: str) -> int:
    """1-based position of the first brace outside a well-formed placeholder."""
    spans = [m.span() for m in _PLACEHOLDER.finditer(text)]
    for index, char in enumerate(text):
        if char in "{}" and not any(start <= index < end for start, end in spans):
            return index + 1
    return 0
