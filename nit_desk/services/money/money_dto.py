"""Frozen DTOs of the money side: price list, estimates, payments (R12-R16).

Money is always integer kopecks and quantities are ``Decimal`` (R16); no
field is ever a float. Screens get these, never ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from nit_desk.domain.estimate_diff import EstimateDiff
from nit_desk.domain.types import (
    AdvanceReason,
    EstimateStatus,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
    Unit,
)
from nit_desk.services.dto import RequestDTO


class EstimateStage(StrEnum):
    """When an estimate version was made (R15): at the first contact or after registration."""

    FIRST_CONTACT = "first_contact"
    AFTER_REGISTRATION = "after_registration"


@dataclass(frozen=True)
class PriceItemDTO:
    """A service of the price list (R15, R18)."""

    id: int
    name: str
    unit: Unit
    unit_price_kopecks: int
    extra_fee: bool
    active: bool


@dataclass(frozen=True)
class LineInput:
    """One line of a draft as the editor sends it; the service computes its total."""

    description: str
    quantity: Decimal
    unit: Unit
    unit_price_kopecks: int
    price_item_id: int | None = None


@dataclass(frozen=True)
class EstimateLineDTO:
    """One line of an estimate version: what, how much, unit, price, total (R15, R16)."""

    position: int
    price_item_id: int | None
    description: str
    quantity: Decimal
    unit: Unit
    unit_price_kopecks: int
    total_kopecks: int


@dataclass(frozen=True)
class EstimateDTO:
    """One version of the approximate estimate of a request (R15).

    ``version`` is the optimistic-concurrency counter to pass back to
    ``save_draft``; ``number`` is the version number the client sees (v1, v2...).
    """

    id: int
    request_id: int
    number: int
    status: EstimateStatus
    stage: EstimateStage
    note: str
    lines: tuple[EstimateLineDTO, ...]
    total_kopecks: int
    created_at: datetime
    created_by_name: str
    decided_at: datetime | None
    version: int

    @property
    def frozen(self) -> bool:
        """Whether the version can no longer change (anything but a draft)."""
        return self.status is not EstimateStatus.DRAFT


EstimateLineDiff = EstimateDiff[EstimateLineDTO]
"""The diff of two versions as ``compare_versions`` returns it."""


@dataclass(frozen=True)
class EstimateView:
    """What the estimate editor shows for one request, read at one moment (R15).

    One read instead of three: the request (its number and the client's handle
    for the PDF), every version oldest first, and the active price list for new
    lines.
    """

    request: RequestDTO
    versions: tuple[EstimateDTO, ...]
    price_items: tuple[PriceItemDTO, ...]


@dataclass(frozen=True)
class PaymentDTO:
    """Money received for a request, or an advance forfeited on a ban (R12, R13)."""

    id: int
    request_id: int
    kind: PaymentKind
    amount_kopecks: int
    paid_on: date
    method_label: str
    reference: str
    recorded_at: datetime
    recorded_by_name: str
    voided_at: datetime | None = None
    """When the payment was voided (R21); a voided payment stays listed and never counts."""
    voided_by_name: str | None = None
    void_reason: str = ""

    @property
    def voided(self) -> bool:
        """Whether the payment was voided."""
        return self.voided_at is not None


@dataclass(frozen=True)
class MoneyStatus:
    """Where the money of a request stands (R12-R14, R20).

    ``paid_kopecks`` leaves voided payments out; ``paid`` is R20's one
    definition (an agreed estimate whose total the money covers);
    ``due_kopecks`` is what is still owed now and ``overpaid_kopecks`` what
    was paid above the agreed total. ``warning`` is an English
    ``QT_TRANSLATE_NOOP`` template (context "messages") for the view to
    translate, or "" when there is nothing to warn.
    """

    request_id: int
    request_status: RequestStatus
    scheme: PaymentScheme
    reasons: tuple[AdvanceReason, ...]
    agreed_kopecks: int | None
    paid_kopecks: int
    forfeited_kopecks: int
    due_kopecks: int
    work_may_start: bool
    warning: str
    payments: tuple[PaymentDTO, ...]
    paid: bool = False
    overpaid_kopecks: int = 0
