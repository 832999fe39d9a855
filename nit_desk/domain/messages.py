"""User-facing message templates that stay free of Qt.

Texts shown to a user that are made below the services line are written as
``QT_TRANSLATE_NOOP("messages", "template with {placeholders}")``. The marker
returns the English template unchanged, ``pyside6-lupdate`` extracts it into
the ``.ts`` files, and the view translates it with
``QCoreApplication.translate("messages", template).format(**params)``.
"""

from __future__ import annotations

MESSAGE_CONTEXT = "messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's marker name
    """Mark ``text`` for translation in ``context`` without translating it here."""
    return text
