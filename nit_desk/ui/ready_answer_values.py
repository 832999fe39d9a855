"""What the desk knows to put into a ready answer's placeholders, from one card read.

The values are phrases for the client, in the UI language (Russian at NIT):
money in the locale (R16), the deadline in local time (R7), the advance's
reasons as the seed words them (R14). A value the card does not know (no
request, no agreed estimate yet) is left out, so the filled answer lists it
as missing instead of inventing it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from nit_desk.domain.ready_answers import FilledAnswer, fill_answer
from nit_desk.domain.types import AdvanceReason, ContactKind, PaymentScheme
from nit_desk.services.clients.card_dto import CardView
from nit_desk.ui.money_text import money_text
from nit_desk.ui.time_text import local_time_text

_CONTEXT = "ready_answers"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def reason_phrase(reason: AdvanceReason) -> str:
    """Why an advance applies, as said to the client (R14 a-d)."""
    phrases = {
        AdvanceReason.FIRST_TIME: _tr("you contact us for the first time"),
        AdvanceReason.SPECIFICATION: _tr("the scope of work is fully clear "
                                         "(there is a specification)"),
        AdvanceReason.OFFLINE_WORK: _tr("the work is done without you on the line "
                                        "(offline work)"),
        AdvanceReason.ONSITE_VISIT: _tr("a specialist visits your site"),
    }
    return phrases[reason]


def scheme_phrase(scheme: PaymentScheme) -> str:
    """The payment scheme as said to the client (R13)."""
    if scheme is PaymentScheme.ADVANCE:
        return _tr("advance payment")
    return _tr("payment on completion of the work")


def answer_values(view: CardView) -> dict[str, str]:
    """Every placeholder value the card ``view`` gives; unknown ones are left out."""
    card = view.card
    values = {"клиент": card.handle}
    for contact in card.contacts:
        if contact.kind is ContactKind.PHONE:
            values.setdefault("телефон", contact.value)
        elif contact.kind is ContactKind.EMAIL:
            values.setdefault("почта", contact.value)
    request = view.request
    if request is not None:
        values["обращение"] = str(request.id)
        values["описание"] = request.description
        values["срок"] = local_time_text(request.deadline)
        values["схема"] = scheme_phrase(request.payment_scheme)
        if request.advance_reasons:
            values["основания"] = "; ".join(reason_phrase(r) for r in request.advance_reasons)
    values.update(_money_values(view))
    return {name: value for name, value in values.items() if value}


def _money_values(view: CardView) -> dict[str, str]:
    money = view.money
    if money is None:
        return {}
    values = {"оплачено": money_text(money.paid_kopecks),
              "к_оплате": money_text(money.due_kopecks)}
    if money.agreed_kopecks is not None:
        values["смета"] = money_text(money.agreed_kopecks)
        if money.scheme is PaymentScheme.ADVANCE:
            values["аванс"] = money_text(max(money.agreed_kopecks - money.paid_kopecks, 0)
                                         if not money.paid else money.agreed_kopecks)
    return values


def filled_for(body: str, view: CardView) -> FilledAnswer:
    """``body`` with the placeholders ``view`` can fill filled."""
    return fill_answer(body, answer_values(view))
