"""The queue's words: names of channels, statuses and schemes, time left, short dates.

Translated in the ``QueueModel`` context; dates and times follow the user's
locale (:class:`QLocale`) and the computer's time zone.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap

from nit_desk.domain.types import AdvanceReason, Network, PaymentScheme, RequestStatus


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueModel", text)


def channel_name(network: Network) -> str:
    """The translated name of a messenger network."""
    names = {Network.VK: _tr("VK"), Network.ODNOKLASSNIKI: _tr("Odnoklassniki"),
             Network.TELEGRAM: _tr("Telegram"), Network.WHATSAPP: _tr("WhatsApp"),
             Network.SKYPE: _tr("Skype"), Network.MAX: _tr("MAX")}
    return names.get(network, str(network))


def status_name(status: RequestStatus) -> str:
    """The translated name of a request status."""
    names = {RequestStatus.NEW: _tr("new"), RequestStatus.IN_PROGRESS: _tr("in progress"),
             RequestStatus.WAITING_CLIENT: _tr("waiting for client"),
             RequestStatus.DONE: _tr("done"), RequestStatus.CANCELLED: _tr("cancelled"),
             RequestStatus.CANCELLED_BY_BAN: _tr("cancelled by ban")}
    return names.get(status, str(status))


def scheme_name(scheme: PaymentScheme) -> str:
    """The translated short name of a payment scheme (R13)."""
    if scheme is PaymentScheme.ADVANCE:
        return _tr("advance")
    return _tr("on completion")


def reason_name(reason: AdvanceReason) -> str:
    """Why an advance is due, in a few translated words (R14 a-d)."""
    names = {AdvanceReason.FIRST_TIME: _tr("first contact"),
             AdvanceReason.SPECIFICATION: _tr("specification requested"),
             AdvanceReason.OFFLINE_WORK: _tr("offline work"),
             AdvanceReason.ONSITE_VISIT: _tr("on-site visit")}
    return names.get(reason, str(reason))


def time_left_text(deadline: datetime, now: datetime) -> str:
    """ "in 3 h 20 min", "in 2 d 4 h" or "overdue 2 h" (rounded down to the minute)."""
    minutes = int((deadline - now).total_seconds() // 60)
    overdue = minutes < 0
    span = _span_text(abs(minutes))
    if overdue:
        return _tr("overdue {span}").format(span=span)
    return _tr("in {span}").format(span=span)


def _span_text(minutes: int) -> str:
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _tr("{d} d {h} h").format(d=days, h=hours) if hours else _tr("{d} d").format(
            d=days)
    if hours:
        return _tr("{h} h {m} min").format(h=hours, m=mins) if mins else _tr("{h} h").format(
            h=hours)
    return _tr("{m} min").format(m=mins)


def short_when(moment: datetime, now: datetime, locale: QLocale | None = None) -> str:
    """A deadline in few characters, in the user's locale: the time today, else
    the day and month (and the year when it is not this year) with the time."""
    loc = locale if locale is not None else QLocale()
    time_format, day_month = _short_formats(loc.name())
    local, today = moment.astimezone(), now.astimezone()
    time_text = loc.toString(QTime(local.hour, local.minute), time_format)
    if local.date() == today.date():
        return time_text
    if local.year != today.year:
        return f"{loc.toString(QDate(local.year, local.month, local.day), _SHORT)} {time_text}"
    return f"{loc.toString(QDate(local.year, local.month, local.day), day_month)} {time_text}"


_SHORT = QLocale.FormatType.ShortFormat


@functools.lru_cache(maxsize=8)
def _short_formats(locale_name: str) -> tuple[str, str]:
    """The locale's short time format and its short date format without the year."""
    loc = QLocale(locale_name)
    fmt = loc.dateFormat(_SHORT)
    stripped = re.sub(r"[\s.,/-]*y+[\s.,/-]*", lambda m: "" if m.start() == 0 or m.end() == len(
        fmt) else m.group(0)[0], fmt)
    return loc.timeFormat(_SHORT), stripped.strip(" .,/-") or "d.MM"


def overdue_colours() -> tuple[QColor, QColor]:
    """Text and background for overdue rows, readable in the light or dark palette."""
    base = QGuiApplication.palette().base().color()
    if base.lightness() < 128:
        return QColor("#ffb4ab"), QColor("#3f2422")
    return QColor("#a8201a"), QColor("#fdecea")


def overdue_icon(colour: QColor, size: int = 16) -> QIcon:
    """A small clock in ``colour``: the calm mark of an overdue request's deadline."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour)
    pen.setWidthF(size / 10)
    painter.setPen(pen)
    middle = size / 2
    radius = size / 2 - pen.widthF()
    painter.drawEllipse(QPointF(middle, middle), radius, radius)
    painter.drawLine(QPointF(middle, middle), QPointF(middle, middle - radius * 0.6))
    painter.drawLine(QPointF(middle, middle), QPointF(middle + radius * 0.5, middle))
    painter.end()
    return QIcon(pixmap)


class QueueTexts:
    """The translated names and templates the cells use, looked up once per reload."""

    def __init__(self) -> None:
        self.channels = {n: channel_name(n) for n in Network}
        self.statuses = {s: status_name(s) for s in RequestStatus}
        self.schemes = {s: scheme_name(s) for s in PaymentScheme}
        self.banned = _tr("{handle} (banned)")
        self.lapsed = _tr("{name} (lapsed)")
        self.you = _tr("{name} (you)")
        self.titles = _header_titles()
        self.tips = _header_tips()


def _header_titles() -> list[str]:
    return [_tr("Client"), _tr("Channel"), _tr("Status"), _tr("Reg."), _tr("Payment"),
            _tr("Deadline"), _tr("Claimed by"), _tr("Request")]


def _header_tips() -> list[str]:
    return [_tr("The client's handle"), _tr("Where the client wrote from"),
            _tr("Where the request stands"),
            _tr("Registration: required steps done / required"),
            _tr("Payment scheme: advance or on completion"),
            _tr("Agreed deadline and the time left"), _tr("Which agent holds it"),
            _tr("What the client asked for")]
