"""The money editor: an amount typed the way people type it, shown exactly in the locale (R16).

:class:`MoneyEdit` is the line edit for an amount: it reads "1234,5",
"1 234.50", "1234" or "1 234,50 ₽" with the domain's
:func:`~nit_desk.domain.money.parse_money`, shows the amount formatted while
not being edited, and refuses negative, over-large and malformed amounts with
a clear message, keeping what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.money import parse_money
from nit_desk.ui.errors import error_text
from nit_desk.ui.money_text import editing_text, money_text

ERROR_COLOUR = "#c62828"


class MoneyEdit(QLineEdit):
    """A line edit for an amount of money in whole kopecks (R16).

    ``amount_changed(object)`` carries the new amount (``int``) or ``None``
    when the text is empty or refused; ``error_changed(str)`` carries the
    translated reason ("" once the text is fine again). What the user typed
    is never replaced by a refusal; a valid amount is shown formatted in the
    locale while the field does not have the focus.
    """

    amount_changed = Signal(object)
    error_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, field: str = "amount",
                 allow_zero: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("moneyEdit")
        self._field = field
        self._allow_zero = allow_zero
        self._kopecks: int | None = None
        self._error = ""
        self._shown = ""  # the formatted text last shown, which need not parse back
        self.setPlaceholderText(self.tr("e.g. 1 234,50"))
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    # -- reading and setting -----------------------------------------------

    @property
    def kopecks(self) -> int | None:
        """The amount typed, or None when empty or refused."""
        return self._kopecks

    @property
    def error(self) -> str:
        """Why the typed text is refused ("" when it is fine or empty)."""
        return self._error

    def set_kopecks(self, kopecks: int | None) -> None:
        """Show ``kopecks`` (formatted unless being edited); None empties the field."""
        self._kopecks = kopecks
        self._set_error("")
        if kopecks is None:
            self.setText("")
        elif self.hasFocus():
            self.setText(editing_text(kopecks))
        else:
            self._show_formatted(kopecks)

    def check(self) -> int | None:
        """Parse the text now; return the amount or None (and show why)."""
        self._parse(self.text())
        return self._kopecks

    # -- parsing -----------------------------------------------------------

    def _parse(self, text: str) -> None:
        if self._kopecks is not None and text == self._shown:
            return  # the formatted amount ("₽1,234.50" in English) stands for itself
        if not text.strip():
            self._update(None, "")
            return
        try:
            kopecks = parse_money(text, field=self._field)
        except ValidationError as err:
            self._update(None, error_text(err))
            return
        if kopecks == 0 and not self._allow_zero:
            self._update(None, self.tr("The amount must be more than zero."))
            return
        self._update(kopecks, "")

    def _update(self, kopecks: int | None, error: str) -> None:
        changed = kopecks != self._kopecks
        self._kopecks = kopecks
        self._set_error(error)
        if changed:
            self.amount_changed.emit(kopecks)

    def _set_error(self, error: str) -> None:
        if error == self._error:
            return
        self._error = error
        self.setToolTip(error)
        self.setProperty("invalid", bool(error))
        self.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOUR}; }}" if error else "")
        self.error_changed.emit(error)

    # -- slots and events --------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        self._parse(text)

    def _on_editing_finished(self) -> None:
        self._parse(self.text())
        if self._kopecks is not None and not self.hasFocus():
            self._show_formatted(self._kopecks)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Show the plain number for editing ("1234,50") when the amount is valid."""
        if self._kopecks is not None and not self._error:
            self.setText(editing_text(self._kopecks))
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Check the text and show a valid amount formatted; a refused one stays as typed."""
        super().focusOutEvent(event)
        self._parse(self.text())
        if self._kopecks is not None:
            self._show_formatted(self._kopecks)

    def _show_formatted(self, kopecks: int) -> None:
        self._shown = money_text(kopecks)
        self.setText(self._shown)
