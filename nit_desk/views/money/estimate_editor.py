"""The estimate editor of a request: lines, exact total, versions, PDF and chat text (R15, R16).

``EstimateEditor(desk)`` with :meth:`EstimateEditor.show_request`. The table
edits an :class:`~nit_desk.models.money.estimate_model.EstimateModel` through its
undo stack (Ctrl+Z / Ctrl+Shift+Z, the Edit menu names each step). The version
bar shows the number, status and stage, and Save draft (Ctrl+S), Propose,
"New version from this" and, apart, Agree and Reject; each asks "Agree version 2
for 2 100 ₽?" first, and no button ever moves or appears in another's place
(a double click on Propose proposes once). A version that is no longer a draft
is frozen here as in the services. A refused save points at the cell and keeps
every edit; a version changed meanwhile says by whom and offers to reload while
keeping the local lines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import Conflict, NitDeskError, ValidationError
from nit_desk.domain.estimate_text import as_messenger_text
from nit_desk.domain.types import EstimateStatus
from nit_desk.models.money.estimate_model import FIELD_COLUMNS, EditableLine, EstimateModel
from nit_desk.services.change import Change
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money.money_dto import EstimateDTO, PriceItemDTO
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.money_text import money_text, status_name
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.views.money.estimate_compare import CompareDialog, ComparedVersion, compared
from nit_desk.views.money.estimate_history import (
    VersionHistory,
)
from nit_desk.views.money.estimate_lines import EstimateLinesArea
from nit_desk.views.money.estimate_parts import ShownEstimate, VersionBar
from nit_desk.views.money.estimate_pdf import PdfHeading, write_estimate_pdf
from nit_desk.views.money.money_gateway import MoneyDesk
from nit_desk.views.widgets import MessageLine, PlaceholderPanel

EMPTY, NO_ESTIMATE, EDITOR = 0, 1, 2
HISTORY_MIN_WIDTH = 860
"""Below this width the version history starts hidden (the Versions button shows it)."""
"""Pages of the editor's stack."""


class EstimateEditor(QWidget, ErrorSink):
    """Edit a request's approximate estimate and its versions (R15, R16).

    Args:
        desk: the signed-in user, runner, events and money services
            (:func:`nit_desk.app.money_services.money_desk`).
    """

    def __init__(self, desk: MoneyDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("estimateEditor")
        self.desk, self.money, self.runner = desk, desk.money, desk.runner
        self.request_id: int | None = None
        self.request: RequestDTO | None = None
        self.versions: tuple[EstimateDTO, ...] = ()
        self.estimate: EstimateDTO | None = None
        self.price_items: tuple[PriceItemDTO, ...] = ()
        self._generation = 0
        self._quiet_note = False
        self._history_chosen = False
        self._stale = False
        self._deciding = False
        self.model = EstimateModel(self)
        self._build()
        self._build_actions()
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.note_changed.connect(self._on_model_note_changed)
        self.model.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        desk.events.data_changed.connect(self._on_events_data_changed)
        self._update_state()

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.placeholder = PlaceholderPanel(
            self.tr("Estimate"), self.tr("Pick a request to see its approximate estimate."))
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._no_estimate_page())
        self.stack.addWidget(self._editor_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _no_estimate_page(self) -> QWidget:
        page = QFrame()
        self.no_estimate_label = QLabel()
        self.no_estimate_label.setWordWrap(True)
        self.no_estimate_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QPushButton(self.tr("Start an estimate"))
        self.start_button.setObjectName("startEstimateButton")
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.start_message = MessageLine()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.no_estimate_label)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.start_message)
        layout.addStretch(2)
        return page

    def _editor_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.bar = VersionBar()
        self._adopt_bar(self.bar)
        layout.addWidget(self.bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._lines_area())
        self.history = VersionHistory()
        self.history.version_picked.connect(self._on_history_version_picked)
        self.history.compare_requested.connect(self._on_history_compare_requested)
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.history.setVisible(False)  # until the width is known (see resizeEvent)
        layout.addWidget(self.splitter, 1)
        self.message = MessageLine()
        self.message.setObjectName("estimateMessage")
        layout.addWidget(self.message)
        return page

    def _adopt_bar(self, bar: VersionBar) -> None:
        """Name the bar's parts on the editor and wire its buttons."""
        self.version_label, self.status_label = bar.version_label, bar.status_label
        self.stage_label, self.points_label = bar.stage_label, bar.points_label
        self.frozen_label, self.conflict_banner = bar.frozen_label, bar.conflict_banner
        self.conflict_label, self.reload_button = bar.conflict_label, bar.reload_button
        self.save_button, self.propose_button = bar.save_button, bar.propose_button
        self.agree_button, self.reject_button = bar.agree_button, bar.reject_button
        self.new_version_button = bar.new_version_button
        for button, slot in ((bar.save_button, self._on_save_button_clicked),
                             (bar.propose_button, self._on_propose_button_clicked),
                             (bar.agree_button, self._on_agree_button_clicked),
                             (bar.reject_button, self._on_reject_button_clicked),
                             (bar.new_version_button, self._on_new_version_button_clicked),
                             (bar.reload_button, self._on_reload_button_clicked)):
            button.clicked.connect(slot)

    def _lines_area(self) -> QWidget:
        self.lines_area = area = EstimateLinesArea(self.model, lambda: self.price_items)
        area.refused.connect(self._on_delegate_refused)
        self.table, self.service_delegate = area.table, area.service_delegate
        self.note_total = area.note_total
        self.note_edit, self.total_label = area.note_total.note_edit, area.note_total.total_label
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        self.add_button, self.remove_button = area.add_button, area.remove_button
        self.up_button, self.down_button = area.up_button, area.down_button
        self.undo_action, self.redo_action = area.undo_action, area.redo_action
        self.add_action, self.remove_action = area.add_action, area.remove_action
        self.up_action, self.down_action = area.up_action, area.down_action
        self.copy_button = QPushButton(self.tr("Copy for messenger"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.pdf_button.setObjectName("pdfButton")
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.history_button = QToolButton()
        self.history_button.setObjectName("historyButton")
        self.history_button.setText(self.tr("Versions"))
        self.history_button.setToolTip(self.tr("Show or hide the version history"))
        self.history_button.setCheckable(True)
        self.history_button.setChecked(True)
        self.history_button.clicked.connect(self._on_history_button_clicked)
        area.left_bar.addWidget(self.history_button)
        area.copy_bar.addWidget(self.copy_button)
        area.copy_bar.addWidget(self.pdf_button)
        return area

    def _build_actions(self) -> None:
        # Undo, Redo, Insert and Alt+Up/Down also work with the focus in the history list.
        self.addActions([self.undo_action, self.redo_action, self.add_action, self.up_action,
                         self.down_action])
        self.save_action = QAction(self.tr("Save draft"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self._on_save_button_clicked)
        self.addAction(self.save_action)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """The history shows beside the lines when there is room (a wide window), unless
        the agent chose with the Versions button; in the card's tab the lines get the room."""
        super().resizeEvent(event)
        if not self._history_chosen:
            wide = event.size().width() >= HISTORY_MIN_WIDTH
            self.history_button.setChecked(wide)
            self.history.setVisible(wide)

    @Slot(bool)
    def _on_history_button_clicked(self, checked: bool) -> None:
        self._history_chosen = True
        self.history.setVisible(checked)

    def edit_actions(self) -> list[QAction]:
        """Undo and Redo (their text names the step) for a window's Edit menu."""
        return [self.undo_action, self.redo_action]

    # -- state ---------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the lines or note differ from the saved draft."""
        return not self.model.undo_stack.isClean()

    @property
    def editable(self) -> bool:
        """Whether the shown version can be edited (a draft, R15)."""
        return self.estimate is not None and not self.model.read_only

    def _open_version(self) -> EstimateDTO | None:
        return next((v for v in self.versions
                     if v.status in (EstimateStatus.DRAFT, EstimateStatus.PROPOSED)), None)

    def _update_state(self) -> None:
        est = self.estimate
        status = est.status if est else None
        has_lines = self.model.rowCount() > 0
        idle = not self._deciding  # one decision at a time: a double click records one step
        self.save_button.setEnabled(idle and self.editable and self.dirty)
        self.save_action.setEnabled(self.editable)
        self.propose_button.setEnabled(idle and status is EstimateStatus.DRAFT and has_lines)
        self.agree_button.setEnabled(idle and status is EstimateStatus.PROPOSED)
        self.reject_button.setEnabled(idle and status is EstimateStatus.PROPOSED)
        self.bar.answer_label.setEnabled(status is EstimateStatus.PROPOSED)
        other_open = self._open_version()
        can_branch = idle and est is not None and est.frozen and other_open is None
        self.new_version_button.setEnabled(can_branch)
        self.new_version_button.setToolTip(
            self.tr("Version {number} is still open: agree or reject it first").format(
                number=other_open.number) if other_open is not None and est is not None
            and est.frozen else self.tr("Start a new draft version from this one"))
        self.lines_area.set_editable(self.editable)
        self.total_label.setText(money_text(self.model.total_kopecks))
        self.copy_button.setEnabled(est is not None and has_lines)
        self.pdf_button.setEnabled(est is not None and has_lines)
        if est is not None:
            self.bar.show_version(est, self.versions, self.request, dirty=self.dirty)

    # -- loading -------------------------------------------------------------

    def show_request(self, request_id: int | None, *_ignored: object) -> None:
        """Show the estimate of ``request_id`` (None: the empty page); loads off the GUI thread.

        Unsaved edits of another request are never dropped silently: the agent
        saves them first (they stay on screen if the save is refused) or
        discards them. Extra arguments (the card passes a client id) are ignored.
        """
        if request_id != self.request_id and self.dirty and self.editable:
            if self.ask_save_before_leaving():
                run_async(self._save_then_show(request_id), owner=self)
                return
        self._show_request_now(request_id)

    def ask_save_before_leaving(self) -> bool:
        """Ask whether to save the unsaved edits (True) or discard them (False)."""
        number = self.estimate.number if self.estimate is not None else 0
        answer = QMessageBox.question(
            self, self.tr("Unsaved estimate"),
            self.tr("Version {number} of request #{id} has unsaved changes. Save them?").format(
                number=number, id=self.request_id),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Save)
        return answer == QMessageBox.StandardButton.Save

    async def _save_then_show(self, request_id: int | None) -> None:
        if await self.save():
            self._show_request_now(request_id)
            return
        self.message.show_error(self.tr(
            "Not saved, so request #{old} stays here: fix the marked cell and save, or undo. "
            "The card shows request #{new}.").format(old=self.request_id, new=request_id))

    def _show_request_now(self, request_id: int | None) -> None:
        changed = request_id != self.request_id
        self.request_id = request_id
        self._generation += 1
        self.conflict_banner.setVisible(False)
        self.message.clear_message()
        if changed or request_id is None:
            self.estimate, self.versions, self.request = None, (), None
            self.model.load([], "", read_only=True)
            self.stack.setCurrentIndex(EMPTY)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Load the shown request's versions again (keeps local edits if dirty).

        A hidden editor (another tab of the card is in front) only notes that it
        is out of date and loads when it is shown, so it costs the card nothing.
        """
        if self.request_id is None:
            return
        self._generation += 1
        if not self.isVisible() and select_id is None:
            self._stale = True
            return
        self._stale = False
        run_async(self._load(self._generation, self.request_id, select_id), owner=self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Load what changed while hidden."""
        super().showEvent(event)
        if self._stale:
            self.reload()

    async def _load(self, generation: int, request_id: int, select_id: int | None) -> None:
        versions = await self.runner.call(self.money.list_versions, request_id)
        items = await self.runner.call(self.money.list_price_items)
        request = await self.runner.call(self.money.request_detail, request_id)
        if generation != self._generation:
            return
        self.versions, self.price_items, self.request = versions, items, request
        if not versions:
            self.estimate = None
            self.model.load([], "", read_only=True)
            self.no_estimate_label.setText(self.tr(
                "Request #{id} has no estimate yet. Agree an approximate estimate at the "
                "first contact and again after registration.").format(id=request_id))
            self.stack.setCurrentIndex(NO_ESTIMATE)
            return
        self.stack.setCurrentIndex(EDITOR)
        shown = self.estimate
        same = shown is not None and any(v.id == shown.id and v.version == shown.version
                                          for v in versions)
        if shown is not None and select_id is None and (self.dirty or same):
            self.history.set_versions(versions, shown.id)
            self._update_state()
            return
        wanted = next((v for v in versions if v.id == select_id), None)
        self.show_version(wanted or self._open_version() or versions[-1])

    def show_version(self, version: EstimateDTO) -> None:
        """Put one version in the table (frozen versions read-only, R15)."""
        self.estimate = version
        self.model.load([EditableLine.from_line(line) for line in version.lines], version.note,
                        read_only=version.frozen)
        self.history.set_versions(self.versions, version.id)
        self.conflict_banner.setVisible(False)
        self._update_state()

    def _replace_version(self, version: EstimateDTO) -> None:
        others = [v for v in self.versions if v.id != version.id]
        self.versions = tuple(sorted([*others, version], key=lambda v: v.number))

    # -- saving and deciding ---------------------------------------------------

    async def save(self) -> bool:
        """Save the draft's lines and note; False (with the reason shown) when refused."""
        est = self.estimate
        if est is None or not self.editable:
            return False
        self.model.clear_errors()
        self.message.clear_message()
        try:
            saved = await self.runner.call(self.money.save_draft, est.id, est.version,
                                           lines=self.model.line_inputs(), note=self.model.note)
        except NitDeskError as err:
            self.show_error(err)
            return False
        self._after_save(saved)
        return True

    def _after_save(self, saved: EstimateDTO) -> None:
        self._replace_version(saved)
        self.estimate = saved
        same = (tuple(EditableLine.from_line(line) for line in saved.lines) == self.model.lines
                and saved.note == self.model.note)
        if same:
            self.model.undo_stack.setClean()
            self.history.set_versions(self.versions, saved.id)
            self._update_state()
        else:  # the service tidied the text: show what was stored
            self.show_version(saved)
        self.conflict_banner.setVisible(False)
        self._status(self.tr("Version {number} saved.").format(number=saved.number))

    async def decide(self, verb: str) -> EstimateDTO | None:
        """``propose`` (saving first if needed), ``agree`` or ``reject`` the shown version.

        The decision buttons stay disabled until the call is answered, so a second
        click of a double click records nothing. The buttons ask first
        (:meth:`confirm_decision`); this method records without asking.
        """
        est = self.estimate
        if est is None or self._deciding:
            return None
        self._deciding = True
        self._update_state()
        try:
            decided = await self._record_decision(verb, est)
        finally:
            self._deciding = False
            self._update_state()
        if decided is None:
            return None
        self._replace_version(decided)
        self.show_version(decided)
        texts = {"propose": self.tr("Version {number} proposed to the client."),
                 "agree": self.tr("Version {number} agreed: it is frozen now."),
                 "reject": self.tr("Version {number} rejected.")}
        self._status(texts[verb].format(number=decided.number))
        return decided

    async def _record_decision(self, verb: str, est: EstimateDTO) -> EstimateDTO | None:
        if verb == "propose" and self.dirty and not await self.save():
            return None
        call = {"propose": self.money.propose, "agree": self.money.agree,
                "reject": self.money.reject}[verb]
        return await self.runner.call(call, self.estimate.id if self.estimate else est.id)

    def confirm_decision(self, verb: str) -> bool:
        """Ask "Agree version 2 for 2 100 ₽?" (or Reject) before recording the answer."""
        est = self.estimate
        if est is None:
            return False
        total = money_text(est.total_kopecks)
        if verb == "agree":
            title = self.tr("Agree to the estimate")
            question = self.tr("Agree version {number} for {total}?")
        else:
            title = self.tr("Reject the estimate")
            question = self.tr("Reject version {number} for {total}?")
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          question.format(number=est.number, total=total),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("decisionConfirmation")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    async def new_version(self) -> EstimateDTO | None:
        """A new draft from the shown version; unsaved local lines are kept in it."""
        est = self.estimate
        if est is None or self.request_id is None:
            return None
        keep_local = self.dirty
        draft = await self.runner.call(self.money.create_draft, self.request_id, based_on=est.id)
        self._replace_version(draft)
        if keep_local:
            self.estimate = draft
            self.model.set_read_only(False)
            self.history.set_versions(self.versions, draft.id)
            self._update_state()
        else:
            self.show_version(draft)
        self._status(self.tr("Draft version {number} started from version {old}.").format(
            number=draft.number, old=est.number))
        return draft

    # -- the client's copies ---------------------------------------------------

    def shown_estimate(self) -> ShownEstimate | None:
        """The version as on screen (with unsaved edits), for the PDF and the messenger."""
        est = self.estimate
        if est is None:
            return None
        created = est.created_at if not self.dirty else datetime.now(UTC)
        return ShownEstimate(est.number, self.model.lines, self.model.total_kopecks, created,
                             self.model.note)

    def messenger_text(self) -> str:
        """The shown version as plain text for the client's messenger chat."""
        shown = self.shown_estimate()
        if shown is None or self.request_id is None:
            return ""
        return as_messenger_text(shown, self.request_id)

    def copy_for_messenger(self) -> str:
        """Put the messenger text on the clipboard and say so in the status bar."""
        text = self.messenger_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self._status(self.tr("Estimate copied for the messenger: paste it into the "
                                 "client's chat."))
        return text

    def export_pdf(self, path: Path) -> Path | None:
        """Write the shown version to ``path`` as a PDF for the client."""
        shown = self.shown_estimate()
        if shown is None or self.request_id is None:
            return None
        handle = self.request.client_handle if self.request is not None else ""
        written = write_estimate_pdf(path, shown, PdfHeading(self.request_id, handle))
        self._status(self.tr("PDF saved: {path}").format(path=str(written)))
        return written

    def _status(self, text: str) -> None:
        self.message.show_info(text)
        self.desk.events.status_message.emit(text)

    # -- errors ----------------------------------------------------------------

    def show_error(self, err: NitDeskError) -> None:
        """Show a refusal where it belongs: the cell, the note, or the conflict banner."""
        text = error_text(err)
        if isinstance(err, ValidationError) and self._point_at_cell(err, text):
            return
        if isinstance(err, ValidationError) and err.field == "note":
            self.note_edit.setStyleSheet("border: 1px solid #c62828;")
            self.note_edit.setToolTip(text)
        if isinstance(err, Conflict) and self.dirty:
            self.conflict_label.setText(text)
            self.conflict_banner.setVisible(True)
            return
        if self.stack.currentIndex() == NO_ESTIMATE:
            self.start_message.show_error(text)
        self.message.show_error(text)

    def _point_at_cell(self, err: ValidationError, text: str) -> bool:
        line = err.params.get("line")
        column = FIELD_COLUMNS.get(err.field or "")
        if not isinstance(line, int) or column is None or not 1 <= line <= self.model.rowCount():
            return False
        index = self.model.set_cell_error(line - 1, column, text)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.message.show_error(text)
        return True

    # -- slots -----------------------------------------------------------------

    @async_slot()
    async def _on_start_button_clicked(self) -> None:
        if self.request_id is None:
            return
        self.start_message.clear_message()
        draft = await self.runner.call(self.money.create_draft, self.request_id)
        self.reload(select_id=draft.id)

    @async_slot()
    async def _on_save_button_clicked(self) -> None:
        await self.save()

    @async_slot()
    async def _on_propose_button_clicked(self) -> None:
        await self.decide("propose")

    @Slot()
    def _on_agree_button_clicked(self) -> None:
        if self.confirm_decision("agree"):
            run_async(self.decide("agree"), owner=self)

    @Slot()
    def _on_reject_button_clicked(self) -> None:
        if self.confirm_decision("reject"):
            run_async(self.decide("reject"), owner=self)

    @async_slot()
    async def _on_new_version_button_clicked(self) -> None:
        await self.new_version()

    @async_slot()
    async def _on_reload_button_clicked(self) -> None:
        """Take the stored version's counter and state; the local lines stay as they are."""
        est = self.estimate
        if est is None:
            return
        fresh = await self.runner.call(self.money.get_estimate, est.id)
        self._replace_version(fresh)
        self.estimate = fresh
        self.conflict_banner.setVisible(False)
        self.history.set_versions(self.versions, fresh.id)
        if fresh.frozen:
            self.model.set_read_only(True)
            self.message.show_info(self.tr(
                "Version {number} is {status} now. Your lines are kept: use \"New version "
                "from this\" to continue with them.").format(
                    number=fresh.number, status=status_name(fresh.status)))
        else:
            self.message.show_info(self.tr(
                "Reloaded version {number}; your lines are kept. Save to replace the stored "
                "ones, or Compare… to see the difference.").format(number=fresh.number))
        self._update_state()

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        self.copy_for_messenger()

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        est = self.estimate
        if est is None:
            return
        default = f"NIT-smeta-{self.request_id}-v{est.number}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export estimate to PDF"), default,
                                              self.tr("PDF files (*.pdf)"))
        if name:
            try:
                self.export_pdf(Path(name))
            except OSError as error:
                self.message.show_error(self.tr("Could not write the PDF: {error}").format(
                    error=str(error)))

    @Slot()
    def _on_history_compare_requested(self) -> None:
        self.open_compare()

    def open_compare(self) -> CompareDialog:
        """Compare any two versions (plus the unsaved lines, when there are any)."""
        sides: list[ComparedVersion] = [compared(v) for v in self.versions]
        if self.dirty and self.estimate is not None:
            sides.append(ComparedVersion(
                self.tr("v{number} · unsaved").format(number=self.estimate.number),
                self.model.lines, self.model.total_kopecks))
        dialog = CompareDialog(sides, old=max(len(sides) - 2, 0), new=len(sides) - 1,
                               parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot(int)
    def _on_history_version_picked(self, estimate_id: int) -> None:
        version = next((v for v in self.versions if v.id == estimate_id), None)
        if version is None or (self.estimate is not None and version.id == self.estimate.id):
            return
        if self.dirty and not self._confirm_discard():
            self.history.select(self.estimate.id if self.estimate else None)
            return
        self.show_version(version)

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The shown version has unsaved changes. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    @Slot(str)
    def _on_delegate_refused(self, text: str) -> None:
        self.message.show_error(text)

    @Slot(object)
    def _on_model_total_changed(self, total: int) -> None:
        self.total_label.setText(money_text(total))

    @Slot(str)
    def _on_model_note_changed(self, note: str) -> None:
        if self.note_edit.toPlainText() != note:
            self._quiet_note = True
            try:
                self.note_edit.setPlainText(note)
            finally:
                self._quiet_note = False
        self.note_edit.setStyleSheet("")
        self.note_edit.setToolTip("")

    @Slot()
    def _on_note_edit_text_changed(self) -> None:
        if not self._quiet_note:
            self.model.set_note(self.note_edit.toPlainText())

    @Slot(int)
    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self._update_state()

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        """Reload for another desk's commit, a change of this client, or a price change.

        Until the request is read its client is unknown: any client's change counts.
        """
        if self.request_id is None:
            return
        client_id = self.request.client_id if self.request is not None else None
        if (change.concerns("price_item")
                or change.concerns("estimate", "request", "client", "ban", client_id=client_id)):
            self.reload()
