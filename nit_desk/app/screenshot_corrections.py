"""Screens of corrections for ``nit-desk screenshot`` (R21): a voided payment, a re-agreed deadline.

Scenario 9 on the demo data, at 1280×800: an advance of 1 200 ₽ recorded by
mistake and voided ("ошибся в сумме") stays in the payments tab, struck through;
the deadline of a request re-agreed for Friday 12:00 with its reason, on the
card and in the dialog. :data:`CORRECTION_SCREENS` is appended to
:data:`nit_desk.app.screenshot.SCREENS`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from nit_desk.domain.types import PaymentKind

if TYPE_CHECKING:
    from nit_desk.app.screenshot import ShotContext

CORRECTIONS_SIZE = (1280, 800)
HANDLE = "@pc_slow_msk"


def _show(widget: QWidget) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()


def next_friday_noon(now: datetime | None = None) -> datetime:
    """Friday 12:00 local time, at least a day ahead (scenario 9's new deadline), in UTC."""
    today = (now or datetime.now(UTC)).astimezone()
    days = (4 - today.weekday()) % 7 or 7
    friday = (today + timedelta(days=days)).replace(hour=12, minute=0, second=0,
                                                     microsecond=0)
    return friday.astimezone(UTC)


async def _main_window_on(shot: ShotContext, request_id: int, client_id: int,
                          tab_of: Callable[[Any], QWidget | None]) -> QWidget:
    """The agent's main window (at the pass's size) on ``request_id``, one card tab in front."""
    from nit_desk.app.app import build_main_window

    desk = shot.agent
    window = build_main_window(desk.db, desk.actor, desk.runner, desk.events, desk.settings)
    window.resize(*shot.size)
    _show(window)
    await shot.settle()
    queue = window.queue_area.content
    card: Any = window.card_area.content
    if not (hasattr(queue, "select_request") and queue.select_request(request_id)):
        card.show_request(request_id, client_id)
    await shot.settle()
    tabs: QTabWidget | None = getattr(card, "tabs", None)
    wanted = tab_of(card)
    if tabs is not None and wanted is not None:
        for index in range(tabs.count()):
            page = tabs.widget(index)
            if page is wanted or (page is not None and wanted in page.findChildren(QWidget)):
                tabs.setCurrentIndex(index)
    await shot.settle()
    return window


def _history_tab(card: Any) -> QWidget | None:
    view: QWidget | None = getattr(card, "history_view", None)
    return view


async def build_voided_payment(shot: ShotContext) -> QWidget:
    """Scenario 9: 1 200 ₽ recorded by mistake and voided stays, struck through, beside
    the 2 100 ₽ that paid the request (the payments panel at full width)."""
    from nit_desk.services.money import payments
    from nit_desk.views.money.payments_panel import PaymentsPanel

    agent = shot.agent.actor  # the screenshots' desk, who holds scenario 9's request
    request_id = shot.request_of(HANDLE)
    wrong = payments.record_payment(shot.db, agent, request_id, amount_kopecks=1200_00,
                                    paid_on=date.today(), kind=PaymentKind.ADVANCE,
                                    method_label="СБП")
    payments.void_payment(shot.db, agent, wrong.id, "ошибся в сумме")
    panel = PaymentsPanel(shot.agent)
    panel.resize(*CORRECTIONS_SIZE)
    _show(panel)
    panel.show_request(request_id)
    await shot.settle()
    return panel


async def _reagreed_request(shot: ShotContext) -> tuple[int, int]:
    """An open request of a scenario client, its deadline re-agreed for Friday 12:00."""
    from nit_desk.services.clients import corrections

    handle = "@printer_home" if "@printer_home" in shot.clients else HANDLE
    request_id = shot.request_of(handle)
    corrections.reagree_deadline(shot.db, shot.agent.actor, request_id, next_friday_noon(),
                                 "клиент попросил перенести на пятницу")
    return request_id, shot.clients[handle]


async def build_reagreed_deadline(shot: ShotContext) -> QWidget:
    """The card after the deadline was re-agreed: the new deadline, the change in the history."""
    request_id, client_id = await _reagreed_request(shot)
    return await _main_window_on(shot, request_id, client_id, _history_tab)


async def build_reagree_dialog(shot: ShotContext) -> QWidget:
    """The "Re-agree the deadline" dialog filled in: Friday 12:00 and the reason."""
    from nit_desk.services.clients import corrections
    from nit_desk.services.queue import claims
    from nit_desk.views.card.correction_dialogs import DeadlineDialog

    request_id = shot.request_of(HANDLE)
    request = claims.request_detail(shot.db, shot.agent.actor, request_id)

    async def send(deadline: datetime, reason: str) -> object:
        return await shot.agent.call(corrections.reagree_deadline, request_id, deadline,
                                     reason)

    dialog = DeadlineDialog(send, request_id, request.deadline)
    dialog.set_deadline(next_friday_noon())
    dialog.reason_edit.setText("клиент попросил перенести на пятницу")
    _show(dialog)
    dialog.adjustSize()
    await shot.settle()
    return dialog


CORRECTION_SCREENS: list[tuple[str, Callable[[ShotContext], Awaitable[QWidget]]]] = [
    ("payments-panel-voided-payment", build_voided_payment),
    ("main-window-deadline-reagreed", build_reagreed_deadline),
    ("deadline-reagree-dialog", build_reagree_dialog),
]
"""The corrections' screens (file name, builder)."""
