"""Cleaning of free text and single-line names before anything is stored (R9)."""

from __future__ import annotations

import re
import unicodedata

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.secret_guard import check_free_text

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_SPACES = re.compile(r"\s+")


def field_label(field: str) -> str:
    """The field's name in plain words for a message: ``system_info`` -> ``system info``."""
    return field.replace("_", " ").strip()


def field_error(template: str, *, field: str, **params: object) -> ValidationError:
    """A ValidationError for ``field`` whose params carry its plain-words ``label``."""
    return ValidationError(template, field=field, label=field_label(field), **params)


def clean_text(text: str, *, field: str, max_length: int = 4000, required: bool = False) -> str:
    """Clean multi-line free text (notes, system information) for storage.

    Normalises to NFC and ``\\n`` newlines and strips the ends; then refuses
    control characters other than newline and tab, empty text when
    ``required``, text over ``max_length`` characters, and secrets (R9).

    Raises:
        ValidationError: naming ``field``.
    """
    cleaned = _NEWLINES.sub("\n", unicodedata.normalize("NFC", text)).strip()
    _refuse_control_characters(cleaned, field=field, allowed="\n\t")
    _check_length(cleaned, field=field, max_length=max_length, required=required)
    check_free_text(cleaned, field=field)
    return cleaned


def clean_name(text: str, *, field: str, max_length: int = 64) -> str:
    """Clean a required single-line name (user name, step title): runs of spaces become one.

    Raises:
        ValidationError: naming ``field`` if empty, multi-line, too long, with
            control characters or secrets.
    """
    normalized = unicodedata.normalize("NFC", text).strip()
    if _NEWLINES.search(normalized) or "\n" in normalized:
        raise field_error(
            QT_TRANSLATE_NOOP(
                "messages", "The {label} must be a single line, without line breaks."
            ),
            field=field,
        )
    cleaned = _SPACES.sub(" ", normalized)
    _refuse_control_characters(cleaned, field=field, allowed="")
    _check_length(cleaned, field=field, max_length=max_length, required=True)
    check_free_text(cleaned, field=field)
    return cleaned


def _refuse_control_characters(text: str, *, field: str, allowed: str) -> None:
    for position, char in enumerate(text):
        if char not in allowed and unicodedata.category(char) in ("Cc", "Cs"):
            raise field_error(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "The {label} field contains an invisible control character (U+{code}) "
                    "at position {position}; remove it.",
                ),
                field=field,
                code=f"{ord(char):04X}",
                position=position + 1,
            )


def _check_length(text: str, *, field: str, max_length: int, required: bool) -> None:
    if required and not text:
        raise field_error(
            QT_TRANSLATE_NOOP("messages", "The {label} field is required: it must not be empty."),
            field=field,
        )
    if len(text) > max_length:
        raise field_error(
            QT_TRANSLATE_NOOP(
                "messages",
                "The {label} field is too long: {length} characters, at most {max_length}.",
            ),
            field=field,
            length=len(text),
            max_length=max_length,
        )
