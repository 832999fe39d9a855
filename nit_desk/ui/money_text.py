"""Money, quantities and the estimate's words on screen, exact and in the user's locale (R16).

:func:`money_text` shows integer kopecks in a locale ("1 234,50 ₽" in Russian,
"₽1,234.50" in English) without ever going through a float: the locale gives
the separators and where the currency symbol goes, the digits come from
integer arithmetic. The names of units, version statuses and stages are
translated here once for every money screen.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from nit_desk.domain.types import EstimateStatus, PaymentKind, Unit
from nit_desk.services.money.money_dto import EstimateStage
from nit_desk.ui.time_text import local_time_text

CURRENCY_SYMBOL = "₽"
_CONTEXT = "money"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _digits(roubles: int, locale: QLocale) -> str:
    """Whole roubles with the locale's group separator (a no-break space for spaces)."""
    group = locale.groupSeparator()
    if group.isspace():  # keep the number on one line
        group = "\u00a0"
    return f"{roubles:,}".replace(",", group)


def amount_text(kopecks: int, locale: QLocale | None = None) -> str:
    """The number only, grouped, kopecks shown when not zero: ``1 234,50`` / ``1,234.50``."""
    loc = locale if locale is not None else QLocale()
    roubles, rest = divmod(abs(kopecks), 100)
    number = _digits(roubles, loc)
    if rest:
        number += f"{loc.decimalPoint()}{rest:02d}"
    return ("-" if kopecks < 0 else "") + number


def money_text(kopecks: int, locale: QLocale | None = None) -> str:
    """Kopecks as money in ``locale`` (default: the program's): ``1 234,50 ₽``, exactly."""
    loc = locale if locale is not None else QLocale()
    pattern = loc.toCurrencyString(7, CURRENCY_SYMBOL)  # "7 ₽" or "₽7": where the number goes
    sign = "-" if kopecks < 0 else ""
    return sign + pattern.replace("7", amount_text(abs(kopecks), loc), 1)


def signed_money_text(kopecks: int, locale: QLocale | None = None) -> str:
    """A change of money with its sign: ``+1 200 ₽``, ``-500 ₽``, ``0 ₽``."""
    return ("+" if kopecks > 0 else "") + money_text(kopecks, locale)


def editing_text(kopecks: int, locale: QLocale | None = None) -> str:
    """An amount as the user edits it: no grouping, the locale's decimal point (``1234,50``)."""
    loc = locale if locale is not None else QLocale()
    roubles, rest = divmod(kopecks, 100)
    return f"{roubles}{loc.decimalPoint()}{rest:02d}" if rest else str(roubles)


def quantity_text(quantity: Decimal, locale: QLocale | None = None) -> str:
    """A quantity without trailing zeros and with the locale's decimal point: ``1,5``."""
    loc = locale if locale is not None else QLocale()
    text = f"{quantity.normalize():f}"
    return text.replace(".", loc.decimalPoint())


def date_text(moment: datetime) -> str:
    """A moment as a short local date and time (``26.11.2026 14:05`` in Russian)."""
    return local_time_text(moment)


def day_text(day: date, locale: QLocale | None = None) -> str:
    """A calendar day in the locale's short format (``26.11.2026`` in Russian)."""
    loc = locale if locale is not None else QLocale()
    qday = QDate(day.year, day.month, day.day)
    if loc.language() == QLocale.Language.C:  # no locale set: like the card's times
        return qday.toString("dd.MM.yyyy")
    return loc.toString(qday, QLocale.FormatType.ShortFormat)


def unit_name(unit: Unit) -> str:
    """The translated name of a unit ("hour", "piece", "visit", "service")."""
    names = {Unit.HOUR: _tr("hour"), Unit.PIECE: _tr("piece"), Unit.VISIT: _tr("visit"),
             Unit.SERVICE: _tr("service")}
    return names.get(unit, str(unit))


def status_name(status: EstimateStatus) -> str:
    """The translated name of a version status."""
    names = {EstimateStatus.DRAFT: _tr("draft"), EstimateStatus.PROPOSED: _tr("proposed"),
             EstimateStatus.AGREED: _tr("agreed"), EstimateStatus.REJECTED: _tr("rejected")}
    return names.get(status, str(status))


def stage_name(stage: EstimateStage) -> str:
    """The translated name of an agreement point (R15)."""
    if stage is EstimateStage.FIRST_CONTACT:
        return _tr("first contact")
    return _tr("after registration")


def payment_kind_name(kind: PaymentKind) -> str:
    """The translated name of a payment kind."""
    names = {PaymentKind.ADVANCE: _tr("advance"), PaymentKind.FINAL: _tr("final payment"),
             PaymentKind.FORFEITED: _tr("forfeited advance")}
    return names.get(kind, str(kind))
