"""An estimate version as plain text for a messenger chat (R15, R16).

Pure: the agent copies the text and pastes it into the client's chat. The
text is Russian because it goes to the client as is, and money is shown with
``money.format_money`` (exact kopecks, never float).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from nit_desk.domain.estimate_diff import EstimateLineLike
from nit_desk.domain.money import format_money

UNIT_SHORT = {"hour": "ч", "piece": "шт.", "visit": "выезд", "service": "усл."}
"""Short Russian unit names for the chat text."""

DISCLAIMER = ("Смета примерная: итоговая сумма может измениться, если объём работ "
              "окажется другим. Любое изменение мы согласуем с вами заранее.")


class EstimateLike(Protocol):
    """The fields of an estimate version the chat text shows."""

    @property
    def number(self) -> int: ...

    @property
    def lines(self) -> Sequence[EstimateLineLike]: ...

    @property
    def total_kopecks(self) -> int: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def note(self) -> str: ...


def format_quantity(quantity: Decimal) -> str:
    """``2`` for 2.000, ``1,5`` for 1.500: no trailing zeros, a decimal comma."""
    text = f"{quantity.normalize():f}"
    return text.replace(".", ",")


def line_text(position: int, line: EstimateLineLike) -> str:
    """``1. Удалённая диагностика — 1 усл. × 500 ₽ = 500 ₽``."""
    unit = UNIT_SHORT.get(str(line.unit), str(line.unit))
    return (f"{position}. {' '.join(line.description.split())} — "
            f"{format_quantity(line.quantity)} {unit} × {format_money(line.unit_price_kopecks)}"
            f" = {format_money(line.total_kopecks)}")


def as_messenger_text(estimate: EstimateLike, request_id: int, company: str = "NIT") -> str:
    """The estimate version as plain Russian text for a messenger chat.

    Args:
        estimate: the version to show (an ``EstimateDTO`` or anything alike).
        request_id: the request number the client can quote back.
        company: the company name in the heading.
    """
    day = estimate.created_at.astimezone().strftime("%d.%m.%Y")
    lines = [f"{company}: примерная смета по обращению № {request_id}",
             f"Версия {estimate.number} от {day}", ""]
    lines += [line_text(position, line)
              for position, line in enumerate(estimate.lines, start=1)]
    lines += ["", f"Итого: {format_money(estimate.total_kopecks)}"]
    note = estimate.note.strip()
    if note:
        lines += ["", note]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)
