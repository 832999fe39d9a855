"""Telling the person at the desk that something arrived: status bar, then the tray (R11).

A supervisor hears that a ban proposal arrived; an agent hears that a proposal of
theirs was decided. The status bar always says it (through
``AppEvents.status_message``); when the system has a tray, a balloon says it too,
so the news reaches someone working in the messenger beside the desk.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import BanProposalStatus
from nit_desk.services.change import Change
from nit_desk.services.clients import ban_notices
from nit_desk.services.dto import BanProposalDTO
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session

TRAY_MESSAGE_MS = 8000
RECHECK_DEBOUNCE_MS = 300
CLOCK_MARGIN_S = 120
"""Decisions up to this long before sign-in still count: desks' clocks differ a little."""


class DeskNotifier(QObject):
    """Says a short piece of news in the status bar and, where there is one, the tray."""

    def __init__(self, events: AppEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.tray: QSystemTrayIcon | None = None
        self.told: list[str] = []
        """Everything said so far (tests and the log read it)."""

    def notify(self, text: str) -> None:
        """Say ``text`` in the status bar and as a tray message when a tray exists."""
        self.told.append(text)
        self.events.status_message.emit(text)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            icon = QGuiApplication.windowIcon()
            if icon.isNull():  # a tray icon must show something
                icon = QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("NIT Desk"))
            self.tray.show()
        self.tray.showMessage(self.tr("NIT Desk"), text,
                              QSystemTrayIcon.MessageIcon.Information, TRAY_MESSAGE_MS)


class BanDecisionWatch(QObject):
    """Tells the signed-in user when a ban they proposed is approved or rejected (R11).

    At start it asks the desk's time; after each change of a proposal it asks for
    the user's proposals decided since then and tells each decision once.

    Signals:
        decided(BanProposalDTO): one of the user's proposals was decided.
    """

    decided = Signal(object)

    def __init__(self, session: Session, notifier: DeskNotifier,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.notifier = session, notifier
        self.since: datetime | None = None
        self.told_ids: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        session.events.data_changed.connect(self._on_events_data_changed)

    def start(self) -> None:
        """Note the desk's time: decisions from now on are told."""
        run_async(self._start(), owner=self)

    async def _start(self) -> None:
        first = await self.session.call_quietly(ban_notices.my_decided_proposals, None)
        self.since = first.as_of - timedelta(seconds=CLOCK_MARGIN_S)

    def check(self) -> None:
        """Read the user's proposals decided since sign-in; tell the new ones."""
        if self.since is not None:
            run_async(self._check(), owner=self)

    async def _check(self) -> None:
        try:
            found = await self.session.call_quietly(ban_notices.my_decided_proposals,
                                                    self.since)
        except NitDeskError:
            return  # a user disabled meanwhile: nothing to tell
        for proposal in reversed(found.proposals):
            if proposal.id not in self.told_ids:
                self.told_ids.add(proposal.id)
                self.notifier.notify(decision_text(self, proposal))
                self.decided.emit(proposal)

    def _on_events_data_changed(self, change: Change) -> None:
        if change.concerns("ban_proposal", "ban"):
            self._timer.start()


def decision_text(context: QObject, proposal: BanProposalDTO) -> str:
    """"Your ban proposal for X was approved by Y: reason" in the user's language."""
    if proposal.status is BanProposalStatus.APPROVED:
        text = context.tr("Your ban proposal for {handle} was approved by {user}.")
    else:
        text = context.tr("Your ban proposal for {handle} was rejected by {user}.")
    text = text.format(handle=proposal.client_handle, user=proposal.reviewed_by or "?")
    if proposal.review_reason:
        text += " " + context.tr("Reason: {reason}").format(reason=proposal.review_reason)
    return text
