"""Which payment scheme a request gets, and why (R13, R14)."""

from __future__ import annotations

from dataclasses import dataclass

from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import AdvanceReason, PaymentScheme

REASON_TEXT: dict[AdvanceReason, str] = {
    AdvanceReason.FIRST_TIME: QT_TRANSLATE_NOOP(
        "messages", "first contact: no earlier request completed and paid"
    ),
    AdvanceReason.SPECIFICATION: QT_TRANSLATE_NOOP(
        "messages", "the scope is fully clear: there is a specification"
    ),
    AdvanceReason.OFFLINE_WORK: QT_TRANSLATE_NOOP(
        "messages", "the work is done offline, without the client on the line"
    ),
    AdvanceReason.ONSITE_VISIT: QT_TRANSLATE_NOOP(
        "messages", "a specialist visits the client's site"
    ),
}
"""English explanation of each advance reason (R14 a-d), marked for translation."""


@dataclass(frozen=True)
class PaymentDecision:
    """The scheme a request is paid under and the R14 reasons (a-d) behind it.

    ``reasons`` is in the order a, b, c, d and is empty for ``ON_COMPLETION``.
    """

    scheme: PaymentScheme
    reasons: tuple[AdvanceReason, ...]


def payment_scheme_for(
    *, first_time: bool, has_specification: bool, offline_work: bool, onsite_visit: bool
) -> PaymentDecision:
    """Decide the payment scheme of a request (R14).

    Args:
        first_time: no earlier request of the client was completed and paid (a).
        has_specification: the scope is fully clear, e.g. a specification (b).
        offline_work: the work is done without the client on the line (c).
        onsite_visit: a specialist visits the client's site (d).

    Returns:
        ADVANCE with every reason that applies, else ON_COMPLETION with none.
    """
    flags = (
        (first_time, AdvanceReason.FIRST_TIME),
        (has_specification, AdvanceReason.SPECIFICATION),
        (offline_work, AdvanceReason.OFFLINE_WORK),
        (onsite_visit, AdvanceReason.ONSITE_VISIT),
    )
    reasons = tuple(reason for applies, reason in flags if applies)
    scheme = PaymentScheme.ADVANCE if reasons else PaymentScheme.ON_COMPLETION
    return PaymentDecision(scheme=scheme, reasons=reasons)
