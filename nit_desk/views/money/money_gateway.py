"""What the estimate editor, the payments panel and the price-list editor need from services.

Views never import the services that touch storage (the layering contract), so
these screens take a :class:`MoneyDesk`: the signed-in user, the service
runner, the events bridge and a :class:`MoneyGateway`.
:func:`nit_desk.app.money_services.money_desk` makes one from the main
window's ``Session``. Every gateway method blocks: call it through
:meth:`nit_desk.ui.runner.ServiceRunner.call`, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from nit_desk.domain.types import PaymentKind, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money.money_dto import (
    EstimateDTO,
    EstimateLineDiff,
    EstimateStage,
    LineInput,
    MoneyStatus,
    PaymentDTO,
    PriceItemDTO,
)
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner


class MoneyGateway(Protocol):
    """Estimates, payments and the price list for one database and user (R12-R16, R18)."""

    def request_detail(self, request_id: int) -> RequestDTO:
        """The request (its number and the client's handle for the PDF)."""

    def list_versions(self, request_id: int) -> tuple[EstimateDTO, ...]:
        """Every estimate version of a request, oldest first."""

    def get_estimate(self, estimate_id: int) -> EstimateDTO:
        """One estimate version."""

    def create_draft(self, request_id: int, *, stage: EstimateStage | None = None,
                     based_on: int | None = None) -> EstimateDTO:
        """A new draft version, empty or copied from ``based_on``."""

    def save_draft(self, estimate_id: int, expected_version: int, *,
                   lines: Sequence[LineInput], note: str) -> EstimateDTO:
        """Replace a draft's lines and note."""

    def propose(self, estimate_id: int) -> EstimateDTO:
        """Offer a draft to the client (it freezes)."""

    def agree(self, estimate_id: int) -> EstimateDTO:
        """The client agreed to a proposed version."""

    def reject(self, estimate_id: int) -> EstimateDTO:
        """The client turned a proposed version down."""

    def compare_versions(self, a_id: int, b_id: int) -> EstimateLineDiff:
        """What changed from version ``a_id`` to ``b_id``."""

    def list_price_items(self, include_inactive: bool = False) -> tuple[PriceItemDTO, ...]:
        """The price list (active items unless asked)."""

    def create_price_item(self, *, name: str, unit: Unit, unit_price_kopecks: int,
                          extra_fee: bool = False) -> PriceItemDTO:
        """Add a service to the price list (supervisors)."""

    def update_price_item(self, item_id: int, *, name: str, unit: Unit,
                          unit_price_kopecks: int, extra_fee: bool) -> PriceItemDTO:
        """Rename or reprice a service (supervisors)."""

    def set_price_item_active(self, item_id: int, active: bool) -> PriceItemDTO:
        """Withdraw a service or bring it back (supervisors)."""

    def request_money(self, request_id: int) -> MoneyStatus:
        """Agreed, paid, due and forfeited money of a request."""

    def record_payment(self, request_id: int, *, amount_kopecks: int, paid_on: date,
                       kind: PaymentKind, method_label: str,
                       reference: str = "") -> PaymentDTO:
        """Record money received."""

    def void_payment(self, payment_id: int, reason: str) -> PaymentDTO:
        """Void a wrong payment with a reason; it stays on record (R21)."""


class MoneyDesk(Protocol):
    """What a money screen is built from: who, how to call services, and the events."""

    @property
    def actor(self) -> Actor:
        """The signed-in user (a hint for the screens; services check roles, R18)."""

    @property
    def runner(self) -> ServiceRunner:
        """Runs the gateway's blocking calls off the GUI thread."""

    @property
    def events(self) -> AppEvents:
        """``data_changed`` after every commit; ``status_message`` for the status bar."""

    @property
    def money(self) -> MoneyGateway:
        """The money services bound to the database and user."""
