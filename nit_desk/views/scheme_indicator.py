"""The payment-scheme indicator: ADVANCE or ON COMPLETION, large and coloured, with why (R14).

The colours are fixed (not the palette's) with white text, so they read the
same in light and dark themes. The reasons are the domain's texts
(:data:`nit_desk.domain.payment.REASON_TEXT`), translated.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.domain.payment import REASON_TEXT, PaymentDecision
from nit_desk.domain.types import AdvanceReason, PaymentScheme

SCHEME_COLOURS: dict[PaymentScheme, str] = {
    PaymentScheme.ADVANCE: "#b45309",
    PaymentScheme.ON_COMPLETION: "#1565c0",
}
"""Background of the scheme banner; white text on both passes WCAG AA."""
_MARGIN = 12


def scheme_name(scheme: PaymentScheme) -> str:
    """The translated, upper-case name of a scheme, as the banner shows it."""
    if scheme is PaymentScheme.ADVANCE:
        return QCoreApplication.translate("scheme", "ADVANCE")
    return QCoreApplication.translate("scheme", "ON COMPLETION")


def reason_text(reason: AdvanceReason) -> str:
    """``(a) first contact: …`` in the user's language."""
    return f"({reason.value}) {QCoreApplication.translate(MESSAGE_CONTEXT, REASON_TEXT[reason])}"


class SchemeIndicator(QFrame):
    """Shows one :class:`PaymentDecision`: the scheme in large letters and its reasons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemeIndicator")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.caption = QLabel(self.tr("Payment scheme"))
        self.caption.setObjectName("schemeCaption")
        self.scheme_label = QLabel()
        self.scheme_label.setObjectName("schemeName")
        font = self.scheme_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.scheme_label.setFont(font)
        self.reasons_label = QLabel()
        self.reasons_label.setObjectName("schemeReasons")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MARGIN, 8, _MARGIN, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.scheme_label)
        layout.addWidget(self.reasons_label)
        layout.addStretch(1)
        self.decision: PaymentDecision | None = None
        self._lines: list[str] = []
        self.pending = False
        self.set_decision(None)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as the longest scheme name needs, whichever is shown: the card's
        width never changes from one request to the next (nor widens the window)."""
        hint = super().minimumSizeHint()
        metrics = QFontMetrics(self.scheme_label.font())
        names = (scheme_name(PaymentScheme.ADVANCE), scheme_name(PaymentScheme.ON_COMPLETION))
        widest = max(metrics.horizontalAdvance(name) for name in names)
        return QSize(widest + 2 * _MARGIN + 4, hint.height())

    def set_decision(self, decision: PaymentDecision | None, *, pending: bool = False) -> None:
        """Show ``decision`` (None: no request selected).

        Args:
            pending: computed here from the ticks, not yet confirmed by the service.
        """
        self.decision, self.pending = decision, pending
        if decision is None:
            self.scheme_label.setText(self.tr("—"))
            self._show_lines([self.tr("No request selected.")])
            self._colour("#616161")
            return
        self.scheme_label.setText(scheme_name(decision.scheme))
        self._show_lines(self._reasons(decision))
        self._colour(SCHEME_COLOURS[decision.scheme])
        self.caption.setText(self.tr("Payment scheme (saving…)") if pending
                             else self.tr("Payment scheme"))

    @property
    def reason_lines(self) -> list[str]:
        """The reason lines shown now (for tests and screen readers)."""
        return list(self._lines)

    def _reasons(self, decision: PaymentDecision) -> list[str]:
        if not decision.reasons:
            return [self.tr("None of (a)–(d) applies: the client pays when the work is done.")]
        return [reason_text(r) for r in decision.reasons]

    def _show_lines(self, lines: list[str]) -> None:
        """One paragraph per reason, a little apart, so wrapped reasons stay readable."""
        self._lines = lines
        self.reasons_label.setText("".join(
            f'<p style="margin: 0 0 4px 0">{html.escape(line)}</p>' for line in lines))
        self.reasons_label.setAccessibleDescription("\n".join(lines))

    def _colour(self, background: str) -> None:
        self.setStyleSheet(
            f"QFrame#schemeIndicator {{ background: {background}; border-radius: 6px; }}"
            "QFrame#schemeIndicator QLabel { color: white; background: transparent; }")
