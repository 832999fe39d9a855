"""Reports: the shift's figures for a chosen period, with bar charts and CSV export.

The period is today, this week, this month or a custom range of days (local
time). The figures come from SQL aggregates in the service, computed off the
GUI thread while the tab shows that it is busy: queue by status (now),
overdue requests, median time from first contact to registration, ban
proposals and their outcomes, estimates agreed versus money paid, and a
per-user table. Two charts: the queue by status and requests closed per user.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import BanProposalStatus, RequestStatus
from nit_desk.models.console.console_tables import AgentFiguresModel
from nit_desk.services.admin import reports
from nit_desk.services.admin.report_dto import Report
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.i18n import csv_label
from nit_desk.ui.money_text import money_text
from nit_desk.ui.queue_texts import status_name
from nit_desk.ui.runner import async_slot, owner_alive
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import to_qdatetime
from nit_desk.views.console.audit_viewer import local_day_start
from nit_desk.views.console.bar_chart import BarChart
from nit_desk.views.console.common import fit_columns, make_table
from nit_desk.views.widgets import MessageLine

STATUS_COLOURS = {
    RequestStatus.NEW: "#3b73b9", RequestStatus.IN_PROGRESS: "#ef6c00",
    RequestStatus.WAITING_CLIENT: "#8e6bbf", RequestStatus.DONE: "#2e7d32",
    RequestStatus.CANCELLED: "#757575", RequestStatus.CANCELLED_BY_BAN: "#c62828",
}
TODAY, WEEK, MONTH, CUSTOM = "today", "week", "month", "custom"


def period_days(choice: str, today: QDate, first: QDate, last: QDate) -> tuple[QDate, QDate]:
    """The first and last day (inclusive) of a period choice."""
    if choice == TODAY:
        return today, today
    if choice == WEEK:
        return today.addDays(1 - today.dayOfWeek()), today
    if choice == MONTH:
        return QDate(today.year(), today.month(), 1), today
    return (first, last) if first <= last else (last, first)


def span_text(span: timedelta | None) -> str:
    """A duration as "2 d 5 h", "3 h 20 min" or "45 min" ("—" for none)."""
    t = QCoreApplication.translate
    if span is None:
        return "—"
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return t("reports", "{d} d {h} h").format(d=days, h=hours)
    if hours:
        return t("reports", "{h} h {m} min").format(h=hours, m=mins)
    return t("reports", "{m} min").format(m=mins)


def proposal_status_name(status: str) -> str:
    """The translated outcome of a ban proposal."""
    t = QCoreApplication.translate
    names = {BanProposalStatus.PENDING.value: t("reports", "waiting"),
             BanProposalStatus.APPROVED.value: t("reports", "approved"),
             BanProposalStatus.REJECTED.value: t("reports", "rejected")}
    return names.get(status, status)


class ReportsView(QWidget, ErrorSink):
    """The reports tab: period, figures, charts, per-user table, export."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.session, self.events = session, session.events
        self.report: Report | None = None
        self.agents = AgentFiguresModel(self)
        self._build()
        self.loaded = False  # the data is read when the tab is first shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Read the data the first time the tab is shown (sign-in stays quick)."""
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.show_report_for_period()

    # -- building --

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._period_row())
        self.message = MessageLine()
        layout.addWidget(self.message)
        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self._figures_box(), 0, 0)
        self.queue_chart = BarChart(self.tr("Queue by status (now)"))
        self.queue_chart.setObjectName("queueChart")
        self.closed_chart = BarChart(self.tr("Requests closed as done, per user"))
        self.closed_chart.setObjectName("closedChart")
        charts = QGroupBox(self.tr("Charts"))
        chart_column = QVBoxLayout(charts)
        chart_column.addWidget(self.queue_chart)
        chart_column.addWidget(self.closed_chart)
        chart_column.addStretch(1)
        grid.addWidget(charts, 0, 1)
        people = QGroupBox(self.tr("Per user"))
        people_column = QVBoxLayout(people)
        self.agents_table = make_table(self.agents, "agentsTable")
        fit_columns(self.agents_table)
        self.agents_table.horizontalHeader().setStretchLastSection(False)
        self.agents_table.setMinimumHeight(150)
        people_column.addWidget(self.agents_table)
        grid.addWidget(people, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll, 1)

    def _period_row(self) -> QHBoxLayout:
        self.period_box = QComboBox()
        self.period_box.setObjectName("periodBox")
        for text, value in ((self.tr("Today"), TODAY), (self.tr("This week"), WEEK),
                            (self.tr("This month"), MONTH),
                            (self.tr("Custom range"), CUSTOM)):
            self.period_box.addItem(text, value)
        self.period_box.setCurrentIndex(1)
        self.period_box.currentIndexChanged.connect(self._on_period_box_current_index_changed)
        today = QDate.currentDate()
        self.first_edit = self._date_edit(today.addDays(-30))
        self.last_edit = self._date_edit(today)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setObjectName("showReportButton")
        self.show_button.clicked.connect(self._on_show_button_clicked)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setObjectName("exportReportButton")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("reportBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setVisible(False)
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Period:")))
        row.addWidget(self.period_box)
        row.addWidget(self.first_edit)
        row.addWidget(QLabel("–"))
        row.addWidget(self.last_edit)
        row.addWidget(self.show_button)
        row.addWidget(self.busy_bar)
        row.addWidget(self.period_label, 1)
        row.addWidget(self.export_button)
        self._enable_dates()
        return row

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        return edit

    def _figures_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Figures"))
        form = QFormLayout(box)
        self.figures: dict[str, QLabel] = {}
        for key, title in (
                ("overdue", self.tr("Open requests past their deadline (now):")),
                ("queue", self.tr("Open requests (now):")),
                ("median", self.tr("Median time from first contact to registration:")),
                ("registered", self.tr("Clients registered in the period:")),
                ("bans", self.tr("Ban proposals made in the period:")),
                ("agreed", self.tr("Estimates agreed:")),
                ("paid", self.tr("Money paid (advances and final):")),
                ("forfeited", self.tr("Advances forfeited by bans:"))):
            label = QLabel("—")
            label.setObjectName(f"figure_{key}")
            label.setWordWrap(True)
            self.figures[key] = label
            form.addRow(title, label)
        return box

    # -- loading --

    def period(self) -> tuple[datetime, datetime]:
        """The chosen period as ``[since, until)`` in UTC (whole local days)."""
        first, last = period_days(str(self.period_box.currentData()), QDate.currentDate(),
                                  self.first_edit.date(), self.last_edit.date())
        return local_day_start(first), local_day_start(last.addDays(1))

    @async_slot()
    async def show_report_for_period(self) -> None:
        """Compute the report for the chosen period off the GUI thread and show it."""
        since, until = self.period()
        self._set_busy(True)
        self.message.clear_message()
        try:
            report = await self.session.call(reports.build_report, since, until)
        except NitDeskError as err:
            self.show_error(err)
            return
        finally:
            if owner_alive(self):
                self._set_busy(False)
        self.show_report(report)

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.show_button.setEnabled(not busy)
        self.period_box.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.report is not None)
        if busy:
            self.period_label.setText(self.tr("Counting…"))

    def show_report(self, report: Report) -> None:
        """Fill the figures, charts and table from ``report``."""
        self.report = report
        last_day = report.until - timedelta(days=1)
        self.period_label.setText(self.tr("{first} – {last}").format(
            first=_day(report.since), last=_day(last_day)))
        known = {s.value: s for s in RequestStatus}
        queue = {known[k]: v for k, v in report.queue_by_status.items() if k in known}
        open_now = sum(v for k, v in queue.items()
                       if k in (RequestStatus.NEW, RequestStatus.IN_PROGRESS,
                                RequestStatus.WAITING_CLIENT))
        self.figures["overdue"].setText(str(report.overdue_open))
        self.figures["queue"].setText(str(open_now))
        self.figures["median"].setText(span_text(report.median_registration))
        self.figures["registered"].setText(str(report.registered_in_period))
        bans = report.ban_proposals
        outcomes = ", ".join(f"{proposal_status_name(k)}: {v}" for k, v in bans.items())
        self.figures["bans"].setText(self.tr("%n in all", "", sum(bans.values()))
                                     + " — " + outcomes)
        self.figures["agreed"].setText(self.tr("%n estimate(s) for {money}", "",
                                               report.estimates_agreed).format(
            money=money_text(report.agreed_kopecks)))
        self.figures["paid"].setText(money_text(report.paid_kopecks))
        self.figures["forfeited"].setText(money_text(report.forfeited_kopecks))
        self.queue_chart.set_bars([(status_name(s), queue.get(s, 0)) for s in RequestStatus],
                                  colours=[STATUS_COLOURS[s] for s in RequestStatus],
                                  empty_text=self.tr("No requests yet."))
        self.closed_chart.set_bars([(a.username, a.requests_closed) for a in report.per_agent],
                                   empty_text=self.tr("No request was closed in the period."))
        self.agents.set_rows(report.per_agent)
        self.export_button.setEnabled(True)

    # -- export --

    def choose_export_path(self) -> Path | None:
        """Ask where to save the CSV file (tests replace this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the report"), "report.csv", self.tr("CSV files (*.csv)"))
        return Path(name) if name else None

    @async_slot()
    async def _on_export_button_clicked(self) -> None:
        report = self.report
        if report is None:
            return
        target = self.choose_export_path()
        if target is None:
            return
        self._set_busy(True)
        try:
            await self.session.runner.call(reports.export_report_csv, report, target,
                                           translate=csv_label)
        finally:
            if owner_alive(self):
                self._set_busy(False)
                self.show_report(report)
        text = self.tr("The report is exported to {file}.").format(file=target.name)
        self.message.show_info(text)
        self.events.status_message.emit(text)

    def show_error(self, err: NitDeskError) -> None:
        """A refusal (a period ending before it starts...) above the figures."""
        self.message.show_error(error_text(err))

    # -- slots --

    def _enable_dates(self) -> None:
        custom = self.period_box.currentData() == CUSTOM
        self.first_edit.setEnabled(custom)
        self.last_edit.setEnabled(custom)

    @Slot(int)
    def _on_period_box_current_index_changed(self, _index: int) -> None:
        self._enable_dates()
        if self.period_box.currentData() != CUSTOM:
            self.show_report_for_period()

    @Slot()
    def _on_show_button_clicked(self) -> None:
        self.show_report_for_period()


def _day(moment: datetime) -> str:
    return QLocale().toString(to_qdatetime(moment).date(), QLocale.FormatType.ShortFormat)
