"""The one-line reasons that go with a change (R19, R21): cancel, reopen, void, override."""

from __future__ import annotations

from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.text import clean_text, field_error

REASON_MAX_LENGTH = 300


def clean_reason(text: object, *, field: str = "reason", required: bool = True) -> str:
    """A required single line of free text, checked for secrets and real names (R9, R23).

    Raises:
        ValidationError: naming ``field``: empty, too long, several lines, or a secret.
    """
    cleaned = clean_text(text if isinstance(text, str) else "", field=field,
                         max_length=REASON_MAX_LENGTH, required=required)
    if "\n" in cleaned:
        raise field_error(QT_TRANSLATE_NOOP(
            "messages", "The {label} must be a single line, without line breaks."), field=field)
    return cleaned
