"""The money screens' services bound to one database and user (estimates, payments, prices).

:class:`DatabaseMoneyGateway` implements :class:`nit_desk.views.money.money_gateway.MoneyGateway`
(the views never import storage); :func:`money_desk` turns the main window's
:class:`~nit_desk.ui.session.Session` into the :class:`MoneyDeskBinding` the
estimate editor, the payments panel and the price-list editor are built from::

    editor = EstimateEditor(money_desk(desk))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from nit_desk.domain.types import PaymentKind, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money import estimates, payments, pricelist
from nit_desk.services.money.money_dto import (
    EstimateDTO,
    EstimateLineDiff,
    EstimateStage,
    LineInput,
    MoneyStatus,
    PaymentDTO,
    PriceItemDTO,
)
from nit_desk.services.queue import claims
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.money.estimate_editor import EstimateEditor
from nit_desk.views.money.payments_panel import PaymentsPanel

if TYPE_CHECKING:
    from nit_desk.ui.session import Session


@dataclass(frozen=True)
class DatabaseMoneyGateway:
    """The money services on ``db`` as ``actor`` (blocking: use the runner)."""

    db: Database
    actor: Actor

    def request_detail(self, request_id: int) -> RequestDTO:
        """The request with its client's handle."""
        return claims.request_detail(self.db, self.actor, request_id)

    def list_versions(self, request_id: int) -> tuple[EstimateDTO, ...]:
        """Every estimate version of a request, oldest first."""
        return estimates.list_versions(self.db, self.actor, request_id)

    def get_estimate(self, estimate_id: int) -> EstimateDTO:
        """One estimate version."""
        return estimates.get_estimate(self.db, self.actor, estimate_id)

    def create_draft(self, request_id: int, *, stage: EstimateStage | None = None,
                     based_on: int | None = None) -> EstimateDTO:
        """A new draft version, empty or copied from ``based_on``."""
        return estimates.create_draft(self.db, self.actor, request_id, stage=stage,
                                      based_on=based_on)

    def save_draft(self, estimate_id: int, expected_version: int, *,
                   lines: Sequence[LineInput], note: str) -> EstimateDTO:
        """Replace a draft's lines and note."""
        return estimates.save_draft(self.db, self.actor, estimate_id, expected_version,
                                    lines=lines, note=note)

    def propose(self, estimate_id: int) -> EstimateDTO:
        """Offer a draft to the client."""
        return estimates.propose(self.db, self.actor, estimate_id)

    def agree(self, estimate_id: int) -> EstimateDTO:
        """The client agreed to a proposed version."""
        return estimates.agree(self.db, self.actor, estimate_id)

    def reject(self, estimate_id: int) -> EstimateDTO:
        """The client turned a proposed version down."""
        return estimates.reject(self.db, self.actor, estimate_id)

    def compare_versions(self, a_id: int, b_id: int) -> EstimateLineDiff:
        """What changed from version ``a_id`` to ``b_id``."""
        return estimates.compare_versions(self.db, self.actor, a_id, b_id)

    def list_price_items(self, include_inactive: bool = False) -> tuple[PriceItemDTO, ...]:
        """The price list."""
        return pricelist.list_price_items(self.db, self.actor, include_inactive)

    def create_price_item(self, *, name: str, unit: Unit, unit_price_kopecks: int,
                          extra_fee: bool = False) -> PriceItemDTO:
        """Add a service to the price list (supervisors)."""
        return pricelist.create_price_item(self.db, self.actor, name=name, unit=unit,
                                           unit_price_kopecks=unit_price_kopecks,
                                           extra_fee=extra_fee)

    def update_price_item(self, item_id: int, *, name: str, unit: Unit,
                          unit_price_kopecks: int, extra_fee: bool) -> PriceItemDTO:
        """Rename or reprice a service (supervisors)."""
        return pricelist.update_price_item(self.db, self.actor, item_id, name=name, unit=unit,
                                           unit_price_kopecks=unit_price_kopecks,
                                           extra_fee=extra_fee)

    def set_price_item_active(self, item_id: int, active: bool) -> PriceItemDTO:
        """Withdraw a service or bring it back (supervisors)."""
        return pricelist.set_price_item_active(self.db, self.actor, item_id, active)

    def request_money(self, request_id: int) -> MoneyStatus:
        """Agreed, paid, due and forfeited money of a request."""
        return payments.request_money(self.db, self.actor, request_id)

    def record_payment(self, request_id: int, *, amount_kopecks: int, paid_on: date,
                       kind: PaymentKind, method_label: str,
                       reference: str = "") -> PaymentDTO:
        """Record money received."""
        return payments.record_payment(self.db, self.actor, request_id,
                                       amount_kopecks=amount_kopecks, paid_on=paid_on,
                                       kind=kind, method_label=method_label,
                                       reference=reference)

    def void_payment(self, payment_id: int, reason: str) -> PaymentDTO:
        """Void a wrong payment with a reason; it stays on record (R21)."""
        return payments.void_payment(self.db, self.actor, payment_id, reason)


@dataclass(frozen=True)
class MoneyDeskBinding:
    """A :class:`~nit_desk.views.money.money_gateway.MoneyDesk` on one database."""

    actor: Actor
    runner: ServiceRunner
    events: AppEvents
    money: DatabaseMoneyGateway


def install_money_tabs(card: ClientCardView, desk: Session) -> tuple[EstimateEditor, PaymentsPanel]:
    """Add the estimate editor and the payments panel as tabs of the client card."""
    binding = money_desk(desk)
    editor, panel = EstimateEditor(binding), PaymentsPanel(binding)
    card.add_request_tab(editor, QCoreApplication.translate("card", "&Estimate"))
    card.add_request_tab(panel, QCoreApplication.translate("card", "&Payments"))
    return editor, panel


def money_desk(desk: Session) -> MoneyDeskBinding:
    """The money screens' desk for the main window's ``desk``."""
    return MoneyDeskBinding(desk.actor, desk.runner, desk.events,
                            DatabaseMoneyGateway(desk.db, desk.actor))
