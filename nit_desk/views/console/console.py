"""The supervisor console: one tab per supervisor task (R3, R11, R12, R17, R18).

Shown only to supervisors (:meth:`MainWindow.add_supervisor_console`); every
service behind it checks the role again, so an agent gains nothing by
reaching it some other way.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from nit_desk.services.change import Change
from nit_desk.services.clients import ban_notices
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session
from nit_desk.views.console.audit_viewer import AuditViewer
from nit_desk.views.console.ban_review import BanReview
from nit_desk.views.console.ready_answers_editor import ReadyAnswersEditor
from nit_desk.views.console.reports_view import ReportsView
from nit_desk.views.console.template_editor import TemplateEditor
from nit_desk.views.console.users_admin import UsersAdmin
from nit_desk.views.desk_notices import DeskNotifier

RECOUNT_DEBOUNCE_MS = 300


class SupervisorConsole(QTabWidget):
    """Tabs: ban review, audit, checklist template, users, (price list,) reports.

    The console counts the ban proposals waiting as soon as it is built and again
    after every change of a proposal, so its title (and the main window's) says
    how many wait before the ban tab is ever opened; a new arrival is told in the
    status bar and the tray.

    Signals:
        pending_changed(int): how many ban proposals wait now.
    """

    pending_changed = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None,
                 notifier: DeskNotifier | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorConsole")
        self.session = session
        self.notifier = notifier or DeskNotifier(session.events, self)
        self.pending: int | None = None
        """Proposals waiting, as last counted (None before the first count)."""
        self.ban_review = BanReview(session)
        self.audit_viewer = AuditViewer(session)
        self.template_editor = TemplateEditor(session)
        self.users_admin = UsersAdmin(session)
        self.ready_answers = ReadyAnswersEditor(session)
        self.reports = ReportsView(session)
        self.price_list: QWidget | None = None
        self.addTab(self.ban_review, self.tr("Ban review"))
        self.ban_review.pending_counted.connect(self._on_ban_review_pending_counted)
        self.addTab(self.audit_viewer, self.tr("Audit log"))
        self.addTab(self.template_editor, self.tr("Checklist template"))
        self.addTab(self.ready_answers, self.tr("Ready answers"))
        self.addTab(self.users_admin, self.tr("Users"))
        self.addTab(self.reports, self.tr("Reports"))
        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(RECOUNT_DEBOUNCE_MS)
        self._recount_timer.timeout.connect(self.recount)
        session.events.data_changed.connect(self._on_events_data_changed)
        self.recount()

    def recount(self) -> None:
        """Count the waiting ban proposals (one small read off the GUI thread)."""
        run_async(self._recount(), owner=self)

    async def _recount(self) -> None:
        count = await self.session.call_quietly(ban_notices.pending_ban_count)
        self._on_ban_review_pending_counted(count)

    def add_price_list(self, editor: QWidget) -> None:
        """Put the price list editor in its tab, before the reports."""
        self.price_list = editor
        self.insertTab(self.indexOf(self.reports), editor, self.tr("Price list"))

    def _on_ban_review_pending_counted(self, count: int) -> None:
        """The ban tab's title says how many proposals wait, so none is missed."""
        index = self.indexOf(self.ban_review)
        self.setTabText(index, self.tr("Ban review ({count})").format(count=count) if count
                        else self.tr("Ban review"))
        before, self.pending = self.pending, count
        if before is not None and count > before:
            self.notifier.notify(self.tr(
                "A new ban proposal arrived: %n waiting for review.", "", count))
        if count != before:
            self.pending_changed.emit(count)

    def _on_events_data_changed(self, change: Change) -> None:
        if change.concerns("ban_proposal"):
            self._recount_timer.start()
