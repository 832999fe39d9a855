"""The audit viewer: every change of state, filtered, readable, verifiable (R17).

Filters by client (number, handle or contact), user, kind of change and
dates; the table fetches older entries a page at a time as it scrolls. The
detail pane shows the selected entry's before/after as "field: old → new"
lines and the raw JSON. "Verify" walks the whole hash chain off the GUI
thread and says "Intact: N entries" in green or names the first broken entry
in red, and shows that entry. "Export CSV…" writes the filtered entries off
the GUI thread.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QItemSelection, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.models.console.console_audit import (
    PAGE_SIZE,
    AuditModel,
    Column,
    change_lines,
    console_action_name,
    pretty_json,
)
from nit_desk.services.admin import audit
from nit_desk.services.admin.audit_dto import AuditQuery, AuditRecord, ChainReport
from nit_desk.services.change import Change
from nit_desk.ui.audit_text import actor_text, reference_text
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.i18n import csv_label
from nit_desk.ui.runner import async_slot, owner_alive, run_async
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.console.common import TIME, make_table, size_columns
from nit_desk.views.widgets import MessageLine

INTACT_COLOUR, BROKEN_COLOUR = "#2e7d32", "#b3261e"
FILTER_DEBOUNCE_MS = 350


def local_day_start(day: QDate) -> datetime:
    """Midnight at the start of ``day`` in local time, as an aware UTC datetime."""
    moment = datetime.combine(day.toPython(), time()).astimezone()  # type: ignore[arg-type]
    return moment.astimezone(UTC)


class AuditViewer(QWidget, ErrorSink):
    """The audit tab: filters, the paged table, the detail pane, verify and export.

    Opening it (and Refresh) is one call, :func:`nit_desk.services.admin.audit.audit_view`:
    the first page and the filter boxes' choices; older pages follow as it scrolls.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.session, self.events = session, session.events
        self.last_check: ChainReport | None = None
        self.exported: int | None = None
        self._keep_seq: int | None = None
        self.model = AuditModel(session, parent=self)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        self._build()
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.load_failed.connect(self._on_model_load_failed)
        self.events.data_changed.connect(self._on_events_data_changed)
        self.loaded = False  # the data is read when the tab is first shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Read the data the first time the tab is shown (sign-in stays quick)."""
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            run_async(self._open(), owner=self)

    # -- building --

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._filters())
        layout.addLayout(self._actions())
        self.table = make_table(self.model, "auditTable")
        size_columns(self.table, (5, TIME, 9, 32, 6))
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Pick an entry to see what changed."))
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.detail.setFont(mono)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.footer = QLabel()
        self.footer.setObjectName("auditFooter")
        self.footer.setEnabled(False)
        self.more_button = QPushButton(self.tr("Load &older entries"))
        self.more_button.clicked.connect(self._on_more_button_clicked)
        footer = QHBoxLayout()
        footer.addWidget(self.footer, 1)
        footer.addWidget(self.more_button)
        layout.addLayout(footer)

    def _filters(self) -> QHBoxLayout:
        self.client_edit = QLineEdit()
        self.client_edit.setObjectName("auditClient")
        self.client_edit.setClearButtonEnabled(True)
        self.client_edit.setPlaceholderText(self.tr("client no., handle or contact"))
        self.client_edit.textEdited.connect(lambda _t: self._filter_timer.start())
        self.user_box = QComboBox()
        self.user_box.setObjectName("auditUser")
        self.user_box.addItem(self.tr("Any user"), "")
        self.user_box.currentIndexChanged.connect(self.apply_filters)
        self.action_box = QComboBox()
        self.action_box.setObjectName("auditAction")
        self.action_box.addItem(self.tr("Any kind of change"), "")
        self.action_box.currentIndexChanged.connect(self.apply_filters)
        self.period_box = QCheckBox(self.tr("From"))
        self.period_box.setObjectName("auditPeriod")
        self.period_box.toggled.connect(self._on_period_box_toggled)
        today = QDate.currentDate()
        self.since_edit = self._date_edit(today.addDays(-7))
        self.until_edit = self._date_edit(today)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Client:")))
        row.addWidget(self.client_edit, 2)
        row.addWidget(QLabel(self.tr("User:")))
        row.addWidget(self.user_box, 1)
        row.addWidget(QLabel(self.tr("Change:")))
        row.addWidget(self.action_box, 2)
        row.addWidget(self.period_box)
        row.addWidget(self.since_edit)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.until_edit)
        return row

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        edit.dateChanged.connect(lambda _d: self._filter_timer.start())
        return edit

    def _actions(self) -> QHBoxLayout:
        self.verify_button = QPushButton(self.tr("&Verify the log"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setToolTip(self.tr(
            "Check the whole audit chain: every entry must follow the one before it "
            "and keep the content it was written with"))
        self.verify_button.clicked.connect(self._on_verify_button_clicked)
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setObjectName("exportAuditButton")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.message = MessageLine()
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.verify_label, 1)
        row.addWidget(self.message, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.export_button)
        return row

    async def _open(self) -> None:
        """Read the first page and the filters' choices in one call, and show them."""
        query = self.query()
        view = await self.session.call(audit.audit_view, query, limit=self.model.page_size)
        self._fill(self.action_box, [(console_action_name(a), a) for a in view.actions])
        self._fill(self.user_box, [(name, name) for name in view.usernames])
        self.model.show_first_page(query, list(view.entries))

    def _fill(self, box: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for text, value in items:
            box.addItem(text, value)
        found = box.findData(chosen)
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    # -- filtering --

    def query(self) -> AuditQuery:
        """The filters as typed."""
        since = until = None
        if self.period_box.isChecked():
            since = local_day_start(self.since_edit.date())
            until = local_day_start(self.until_edit.date().addDays(1))
        return AuditQuery(client=self.client_edit.text().strip(),
                          user=str(self.user_box.currentData() or ""),
                          action=str(self.action_box.currentData() or ""),
                          since=since, until=until)

    @Slot()
    def apply_filters(self) -> None:
        """Show the entries matching the filters, newest first."""
        self._filter_timer.stop()
        self.message.clear_message()
        self.model.mark_broken(self.last_check.first_bad_seq if self.last_check else None)
        self.model.set_query(self.query())

    # -- verify and export --

    @async_slot()
    async def _on_verify_button_clicked(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_label.setText(self.tr("Checking every entry…"))
        self.verify_label.setStyleSheet("")
        try:
            check = await self.session.call(audit.check_audit)
        finally:
            if owner_alive(self):  # not when the call was dropped because the tab is gone
                self.verify_button.setEnabled(True)
        self.show_check(check)

    def show_check(self, check: ChainReport) -> None:
        """Show the outcome of a chain check; select the broken entry (loading it if needed)."""
        self.last_check = check
        if check.intact:
            self.verify_label.setText(self.tr("Intact: %n entries", "", check.count))
            self.verify_label.setStyleSheet(f"color: {INTACT_COLOUR}; font-weight: bold;")
            self.model.mark_broken(None)
            self.events.status_message.emit(self.verify_label.text())
            return
        problem = QCoreApplication.translate(MESSAGE_CONTEXT, check.problem)
        self.verify_label.setText(self.tr("Broken at entry #{seq}: {problem}").format(
            seq=check.first_bad_seq, problem=problem))
        self.verify_label.setStyleSheet(f"color: {BROKEN_COLOUR}; font-weight: bold;")
        self.events.status_message.emit(self.verify_label.text())
        self.model.mark_broken(check.first_bad_seq)
        if check.first_bad_seq is not None and not self.select_seq(check.first_bad_seq):
            self._clear_filters()
            self.model.reload(start_at=check.first_bad_seq, query=AuditQuery())

    def select_seq(self, seq: int) -> bool:
        """Select the loaded entry ``seq`` (True when it is loaded)."""
        row = self.model.row_of_seq(seq)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _clear_filters(self) -> None:
        for widget in (self.client_edit, self.user_box, self.action_box, self.period_box):
            widget.blockSignals(True)
        self.client_edit.clear()
        self.user_box.setCurrentIndex(0)
        self.action_box.setCurrentIndex(0)
        self.period_box.setChecked(False)
        self.since_edit.setEnabled(False)
        self.until_edit.setEnabled(False)
        for widget in (self.client_edit, self.user_box, self.action_box, self.period_box):
            widget.blockSignals(False)

    def choose_export_path(self) -> Path | None:
        """Ask where to save the CSV file (tests replace this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit entries"), "audit.csv",
            self.tr("CSV files (*.csv)"))
        return Path(name) if name else None

    @async_slot()
    async def _on_export_button_clicked(self) -> None:
        target = self.choose_export_path()
        if target is None:
            return
        self.export_button.setEnabled(False)
        self.message.show_info(self.tr("Exporting…"))
        try:
            count = await self.session.call(audit.export_audit, self.query(), target,
                                            translate=csv_label)
        finally:
            if owner_alive(self):
                self.export_button.setEnabled(True)
        self.exported = count
        text = self.tr("%n entries exported to {file}.", "", count).format(file=target.name)
        self.message.show_info(text)
        self.events.status_message.emit(text)

    def show_error(self, err: NitDeskError) -> None:
        """A refused call (a bad client filter...) shows its reason beside the buttons."""
        self.message.show_error(error_text(err))

    # -- detail --

    def describe(self, entry: AuditRecord) -> str:
        """The detail pane's text for one entry, in words (the stored JSON is
        :meth:`stored_text`, the pane's tooltip)."""
        head = [self.tr("Entry #{seq} · {when} · {who}").format(
                    seq=entry.seq, when=local_time_text(entry.at),
                    who=actor_text(entry.actor_name)),
                self.tr("{what} — {entity}").format(
                    what=console_action_name(entry.action),
                    entity=reference_text(entry.entity, entry.entity_id))]
        if entry.client_id is not None and entry.entity != "client":
            head.append(reference_text("client", entry.client_id))
        lines = change_lines(entry.before, entry.after, entry.entity)
        parts = ["\n".join(head), "\n".join(lines) or self.tr("(no details recorded)")]
        return "\n\n".join(parts)

    def stored_text(self, entry: AuditRecord) -> str:
        """The entry as it is stored (action code, before and after JSON), for checking."""
        parts = [entry.action]
        if entry.before:
            parts.append(self.tr("Before:") + "\n" + pretty_json(entry.before))
        if entry.after:
            parts.append(self.tr("After:") + "\n" + pretty_json(entry.after))
        return "\n\n".join(parts)

    # -- slots --

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        entry = self.model.entry(rows[0].row()) if rows else None
        self.detail.setPlainText(self.describe(entry) if entry is not None else "")
        self.detail.setToolTip(self.stored_text(entry) if entry is not None else "")

    @Slot(int)
    def _on_model_page_loaded(self, _count: int) -> None:
        shown = self.model.rowCount()
        more = self.model.canFetchMore()
        self.footer.setText(self.tr("%n entries shown", "", shown) + (
            self.tr(" — scroll down for older ones") if more else ""))
        self.more_button.setEnabled(more)
        check = self.last_check
        if self._keep_seq is not None:
            self.select_seq(self._keep_seq)
            self._keep_seq = None
        elif check is not None and not check.intact and check.first_bad_seq is not None:
            self.select_seq(check.first_bad_seq)

    @Slot(object)
    def _on_model_load_failed(self, exc: object) -> None:
        if isinstance(exc, NitDeskError):
            self.show_error(exc)

    @Slot()
    def _on_more_button_clicked(self) -> None:
        self.model.fetchMore()

    @Slot()
    def _on_refresh_button_clicked(self) -> None:
        run_async(self._open(), owner=self)

    @Slot(bool)
    def _on_period_box_toggled(self, checked: bool) -> None:
        self.since_edit.setEnabled(checked)
        self.until_edit.setEnabled(checked)
        self.apply_filters()

    @Slot(object)
    def _on_events_data_changed(self, _change: Change) -> None:
        # Every change writes an entry; refresh only a table still showing the newest
        # page, so a supervisor reading older entries keeps their place.
        if self.loaded and self.model.starts_before is None and self.model.rowCount() <= PAGE_SIZE:
            self._keep_seq = self._selected_seq()
            self._filter_timer.start()

    def _selected_seq(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        entry = self.model.entry(rows[0].row()) if rows else None
        return entry.seq if entry is not None else None


__all__ = ["AuditViewer", "Column"]
