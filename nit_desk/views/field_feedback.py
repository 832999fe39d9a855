"""A form field with its own message line: the reason beside the field, as the agent types.

:class:`FieldFeedback` wraps an input widget with two quiet lines under it: an
error (red, with the field outlined) or a hint (e.g. the normalised phone
``+79123456789``). Dialogs map a service's ``ValidationError.field`` to one of
these and call :meth:`FieldFeedback.show_error`; what was typed is never touched.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.messages import MESSAGE_CONTEXT, QT_TRANSLATE_NOOP
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.palette import tone
from nit_desk.views.widgets import MessageLine

ERROR_COLOUR = "#c62828"
"""Red that reads on light and dark backgrounds alike."""
HINT_COLOUR = "#2e7d32"


class FieldFeedback(QWidget):
    """An input widget with an error or hint line under it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.message)
        self._kind = ""

    @property
    def kind(self) -> str:
        """What the line shows: "error", "hint" or "" (nothing)."""
        return self._kind

    @property
    def text(self) -> str:
        """The message shown now ("" when none)."""
        return self.message.text() if self._kind else ""

    @property
    def has_error(self) -> bool:
        """Whether an error is shown."""
        return self._kind == "error"

    def show_error(self, text: str | NitDeskError) -> None:
        """Show an error (a domain error is translated) and outline the field in red."""
        message = field_error_text(text) if isinstance(text, NitDeskError) else text
        self._show("error", message, tone(ERROR_COLOUR, "#ef9a9a"))
        self.field.setProperty("invalid", True)
        self.field.setStyleSheet(f"border: 1px solid {ERROR_COLOUR};"
                                 if _plain_edit(self.field) else "")

    def show_hint(self, text: str) -> None:
        """Show a neutral hint (e.g. the normalised form) and clear any error."""
        self._clear_invalid()
        if text:
            self._show("hint", text, tone(HINT_COLOUR, "#81c784"))
        else:
            self.clear()

    def clear(self) -> None:
        """Hide the line and the outline."""
        self._clear_invalid()
        self._kind = ""
        self.message.clear()
        self.message.setVisible(False)

    def _show(self, kind: str, text: str, colour: str) -> None:
        self._kind = kind
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _clear_invalid(self) -> None:
        if self.field.property("invalid"):
            self.field.setProperty("invalid", False)
            self.field.setStyleSheet("")


def _plain_edit(widget: QWidget) -> bool:
    """Line and text edits take a border style well; combo boxes and dates do not."""
    return type(widget).__name__ in {"QLineEdit", "QPlainTextEdit", "QTextEdit"}


FIELD_LABELS = {
    "phone": QT_TRANSLATE_NOOP("fields", "phone"),
    "email": QT_TRANSLATE_NOOP("fields", "email"),
    "messenger": QT_TRANSLATE_NOOP("fields", "messenger"),
    "handle": QT_TRANSLATE_NOOP("fields", "handle"),
    "system info": QT_TRANSLATE_NOOP("fields", "system info"),
    "description": QT_TRANSLATE_NOOP("fields", "description"),
    "visit address": QT_TRANSLATE_NOOP("fields", "visit address"),
    "comment": QT_TRANSLATE_NOOP("fields", "comment"),
    "action": QT_TRANSLATE_NOOP("fields", "action"),
    "explanation": QT_TRANSLATE_NOOP("fields", "explanation"),
    "reason": QT_TRANSLATE_NOOP("fields", "reason"),
    "override reason": QT_TRANSLATE_NOOP("fields", "override reason"),
    "awaited": QT_TRANSLATE_NOOP("fields", "awaited"),
    "text": QT_TRANSLATE_NOOP("fields", "text"),
    "title": QT_TRANSLATE_NOOP("fields", "title"),
    "note": QT_TRANSLATE_NOOP("fields", "note"),
    "method label": QT_TRANSLATE_NOOP("fields", "method label"),
    "reference": QT_TRANSLATE_NOOP("fields", "reference"),
}
"""Field names as the domain's messages name them (``{label}``), marked for translation."""


def field_error_text(err: NitDeskError) -> str:
    """The translated text of ``err`` with its ``{label}`` in the user's language too."""
    label = err.params.get("label")
    base = label.split(".", 1)[0] if isinstance(label, str) else ""
    if base not in FIELD_LABELS:  # every other field is named by the one formatter
        return error_text(err)
    words = QCoreApplication.translate("fields", FIELD_LABELS.get(base, base))
    template = QCoreApplication.translate(MESSAGE_CONTEXT, err.template)
    try:
        return template.format(**{**err.params, "label": words})
    except (KeyError, IndexError, ValueError):
        return error_text(err)


class FormErrors(ErrorSink):
    """A form's refusals: beside the field a domain error names, else under the form.

    Mix into a dialog after its Qt base; the dialog keeps ``fields`` (the service's
    field name -> :class:`FieldFeedback`) and ``message`` (the line under the form).
    Nothing the user typed is touched.
    """

    fields: dict[str, FieldFeedback]
    message: MessageLine

    def field_for(self, err: NitDeskError) -> str:
        """The key in ``fields`` for ``err`` (by default the field the service named)."""
        return err.field or ""

    def show_error(self, err: NitDeskError) -> None:
        """Beside its field, or under the form."""
        feedback = self.fields.get(self.field_for(err))
        if feedback is not None:
            feedback.show_error(err)
        else:
            self.message.show_error(error_text(err))
