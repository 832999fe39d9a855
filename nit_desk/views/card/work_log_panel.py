"""The card's work log tab: the request's timeline, time spent, notes (R22).

Top to bottom: the time line ("1 h 30 min of 2 h", ticking every 30 s while
the timer runs, counted from the loaded figure and the clock: no database call
per tick) with "Correct time…", the timeline (:class:`WorkLogModel`), and the
note box (Ctrl+Enter adds; a refusal such as a card number, R9, shows beside
the box and the typed text stays). The card hands the log over with its one read
(``CardView.work_log``), also after a committed change concerning its client;
the tab reads the log itself only after its own note or time correction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from nit_desk.domain.errors import NitDeskError
from nit_desk.models.card.work_log_model import WorkLogModel, hours_seconds, worked_text
from nit_desk.services.clients import work_log
from nit_desk.services.clients.work_log_dto import WorkLog
from nit_desk.services.dto import RequestDTO
from nit_desk.services.queue import request_life
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.palette import tone
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.views.card.life_dialogs import TimeCorrectionDialog
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.widgets import MessageLine, dialog_finished, read_only_table

TICK_MS = 30_000
"""How often the running time line is redrawn."""
NOTE_MAX = 4000


class WorkLogPanel(QWidget, ErrorSink):
    """A request's timeline, time spent against the estimate, and new notes (R22)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workLogPanel")
        self._session = session
        self.request_id: int | None = None
        self.client_id: int | None = None
        self.read_only = False
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self._generation = 0
        self.loading = False
        self.adding = False
        self.time_dialog: TimeCorrectionDialog | None = None
        self.model = WorkLogModel(self)
        self._build()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self._on_tick_timer_timeout)
        self.set_log(None)

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.time_label = QLabel()
        self.time_label.setObjectName("workedTime")
        font = self.time_label.font()
        font.setBold(True)
        self.time_label.setFont(font)
        self.correct_button = QPushButton(self.tr("Correct ti&me…"))
        self.correct_button.setObjectName("correctTimeButton")
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        top = QHBoxLayout()
        top.addWidget(self.time_label, 1)
        top.addWidget(self.correct_button)
        self.table = self._table()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("A note for the work log (Ctrl+Enter adds it)"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 3 + 14)
        self.note_field = FieldFeedback(self.note_edit)
        self.add_button = QPushButton(self.tr("&Add note"))
        self.add_button.setObjectName("addNoteButton")
        self.add_button.setToolTip(self.tr("Add the note to the work log (Ctrl+Enter)"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.action_add_note = QAction(self.tr("Add note"), self.note_edit)
        self.action_add_note.setShortcuts([QKeySequence("Ctrl+Return"),
                                           QKeySequence("Ctrl+Enter")])
        self.action_add_note.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action_add_note.triggered.connect(self._on_add_button_clicked)
        self.note_edit.addAction(self.action_add_note)
        self.message = MessageLine()
        self.message.setObjectName("workLogMessage")
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_field, 1)
        note_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(note_row)
        layout.addWidget(self.message)

    def _table(self) -> QTableView:
        return read_only_table(self.model, "workLogView")

    # -- loading -------------------------------------------------------------

    def show_request(self, request_id: int | None, client_id: int | None = None) -> None:
        """Follow the card: the log of ``request_id`` (None: empty) comes with its read."""
        if request_id != self.request_id:  # nothing of one request shows under another
            self.set_log(None)
            self.note_field.clear()
            self.message.clear_message()
            self.note_edit.clear()
        self.request_id, self.client_id = request_id, client_id
        self._generation += 1  # a log still loading for the last selection is stale

    def show_log(self, request_id: int | None, log: WorkLog | None) -> None:
        """The log the card read for ``request_id`` (ignored if another request is shown)."""
        if request_id == self.request_id:
            self._generation += 1  # newer than any read of this tab's own still running
            self.loading = False
            self.set_log(log)

    def reload(self) -> None:
        """Read the shown request's log again (after this tab's own note or correction)."""
        self._generation += 1
        if self.request_id is None:
            return
        self.loading = True
        run_async(self._load(self._generation, self.request_id), owner=self)

    async def _load(self, generation: int, request_id: int) -> None:
        try:
            log = await self._session.call(work_log.work_log, request_id)
        finally:
            if generation == self._generation:
                self.loading = False
        if generation == self._generation:  # else a newer read or request came meanwhile
            self.set_log(log)

    def set_log(self, log: WorkLog | None) -> None:
        """Show ``log``: the timeline and the time line (ticking while the timer runs)."""
        self.model.set_log(log)
        if log is not None and log.entries:
            self.table.scrollToBottom()  # the newest entry: the log reads top to bottom
        running = log is not None and log.timer_running
        if running:
            self.tick_timer.start()
        else:
            self.tick_timer.stop()
        self._show_time()
        self._update_enabled()

    def set_read_only(self, read_only: bool) -> None:
        """Another agent holds the request: the log can be read, not added to."""
        self.read_only = read_only
        self._update_enabled()

    def _update_enabled(self) -> None:
        can_write = self.model.log is not None and not self.read_only
        self.note_edit.setReadOnly(not can_write)
        self.add_button.setEnabled(can_write and not self.adding)
        self.correct_button.setEnabled(can_write)

    # -- the time line ---------------------------------------------------------

    def worked_seconds_now(self) -> int:
        """Time worked now: the loaded figure plus the running stretch since it was counted."""
        log = self.model.log
        if log is None:
            return 0
        if not log.timer_running:
            return log.worked_seconds
        elapsed = int((self.clock() - log.as_of).total_seconds())
        return log.worked_seconds + max(0, elapsed)

    def _show_time(self) -> None:
        log = self.model.log
        if log is None:
            self.time_label.setText(self.tr("Time worked: —"))
            self.time_label.setStyleSheet("")
            return
        worked = self.worked_seconds_now()
        text = worked_text(worked, log.estimate_hours)
        if log.timer_running:
            text = self.tr("{time} · the timer runs").format(time=text)
        self.time_label.setText(text)
        over = log.estimate_hours is not None and worked > hours_seconds(log.estimate_hours)
        self.time_label.setStyleSheet(f"color: {tone('#c62828', '#ef9a9a')};" if over else "")

    @Slot()
    def _on_tick_timer_timeout(self) -> None:
        self._show_time()

    # -- notes and corrections -----------------------------------------------------

    @async_slot()
    async def _on_add_button_clicked(self) -> None:
        request_id, text = self.request_id, self.note_edit.toPlainText().strip()
        if request_id is None or self.adding or self.read_only:
            return
        if not text:
            self.note_field.show_error(self.tr("Type the note first."))
            return
        self.adding = True
        self._update_enabled()
        try:
            await self._session.call(work_log.add_note, request_id, text)
        except NitDeskError as err:
            if self.request_id == request_id:
                self.note_field.show_error(err)  # the typed text stays
            return
        finally:
            if isValid(self):  # a deleted tab's call ends here cancelled
                self.adding = False
                self._update_enabled()
        if self.request_id == request_id:
            self.note_edit.clear()
            self.note_field.clear()
            self.reload()

    @Slot()
    def _on_correct_button_clicked(self) -> None:
        if self.request_id is not None and self.model.log is not None:
            run_async(self.correct_time(), owner=self)

    async def correct_time(self) -> None:
        """Ask for the minutes and the reason, and set the time worked (R22)."""
        request_id = self.request_id
        if request_id is None:
            return

        async def submit(minutes: int, reason: str) -> RequestDTO:
            return await self._session.call(request_life.correct_worked_time, request_id,
                                            minutes, reason)

        dialog = TimeCorrectionDialog(self.worked_seconds_now() // 60, submit,
                                      parent=self.window())
        self.time_dialog = dialog
        try:
            accepted = await dialog_finished(dialog)
        finally:
            dialog.deleteLater()
            self.time_dialog = None
        if accepted and isValid(self):
            self.message.show_info(self.tr("Time worked corrected."))
            self.reload()

    def show_error(self, err: NitDeskError) -> None:
        """A refused load or correction, under the log."""
        self.message.show_error(error_text(err))
