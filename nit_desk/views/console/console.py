"""The supervisor console: one tab per supervisor task (R3, R11, R12, R17, R18).

Shown only to supervisors (:meth:`MainWindow.add_supervisor_console`); every
service behind it checks the role again, so an agent gains nothing by
reaching it some other way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from nit_desk.ui.session import Session
from nit_desk.views.console.audit_viewer import AuditViewer
from nit_desk.views.console.ban_review import BanReview
from nit_desk.views.console.ready_answers_editor import ReadyAnswersEditor
from nit_desk.views.console.reports_view import ReportsView
from nit_desk.views.console.template_editor import TemplateEditor
from nit_desk.views.console.users_admin import UsersAdmin


class SupervisorConsole(QTabWidget):
    """Tabs: ban review, audit, checklist template, users, (price list,) reports."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorConsole")
        self.session = session
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

    def add_price_list(self, editor: QWidget) -> None:
        """Put the price list editor in its tab, before the reports."""
        self.price_list = editor
        self.insertTab(self.indexOf(self.reports), editor, self.tr("Price list"))

    def _on_ban_review_pending_counted(self, count: int) -> None:
        """The ban tab's title says how many proposals wait, so none is missed."""
        index = self.indexOf(self.ban_review)
        self.setTabText(index, self.tr("Ban review ({count})").format(count=count) if count
                        else self.tr("Ban review"))
