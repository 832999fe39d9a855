"""The estimate editor of a request: lines, exact total, versions, PDF and chat text (R15, R16).

``EstimateEditor(session)`` with :meth:`EstimateEditor.show_request`, which
reads the request, its versions and the price list in one call
(:func:`nit_desk.services.money.estimates.estimate_view`). The table
edits an :class:`~nit_desk.models.money.estimate_model.EstimateModel` through its
undo stack (Ctrl+Z / Ctrl+Shift+Z, the Edit menu names each step). The version
bar shows the number, status and stage, and Save draft (Ctrl+S), Propose,
"New version from this" and, apart, Agree and Reject; each asks "Agree version 2
for 2 100 ₽?" first, and no button ever moves or appears in another's place
(a double click on Propose proposes once). A version that is no longer a draft
is frozen here as in the services. A refused save points at the cell and keeps
every edit; a version changed meanwhile says by whom and offers to reload while
keeping the local lines.

Its parts: the lines table with its cell editors and Edit menu
(:mod:`~nit_desk.views.money.estimate_lines`), the version bar and what its
buttons record (:mod:`~nit_desk.views.money.estimate_decisions`), the version
history (:mod:`~nit_desk.views.money.estimate_history`) and the client's copies,
chat text and PDF (:mod:`~nit_desk.views.money.estimate_copies`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import Conflict, NitDeskError, ValidationError
from nit_desk.domain.types import EstimateStatus
from nit_desk.models.money.estimate_model import EditableLine, EstimateModel
from nit_desk.services.change import Change
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money import estimates
from nit_desk.services.money.money_dto import EstimateDTO, PriceItemDTO
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.views.detached_window import ClosesSafely
from nit_desk.views.money.estimate_compare import (
    CompareDialog,
    ComparedVersion,
    compared,
    open_compare_dialog,
)
from nit_desk.views.money.estimate_copies import ClientCopies
from nit_desk.views.money.estimate_decisions import VersionDecisions
from nit_desk.views.money.estimate_lines import EstimateLinesArea
from nit_desk.views.money.estimate_page import (
    EstimatePage,
    NoEstimatePage,
    ask_save_before_leaving,
    ask_save_discard_or_stay,
    confirm_discard,
)
from nit_desk.views.money.estimate_parts import ShownEstimate, VersionBar
from nit_desk.views.money.estimate_pdf import PdfHeading
from nit_desk.views.widgets import PlaceholderPanel

EMPTY, NO_ESTIMATE, EDITOR = 0, 1, 2
"""Pages of the editor's stack."""


class EstimateEditor(QWidget, ErrorSink, ClosesSafely):
    """Edit a request's approximate estimate and its versions (R15, R16).

    Args:
        session: the signed-in desk; the editor calls the estimate services through it.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("estimateEditor")
        self._session = session
        self.request_id: int | None = None
        self.request: RequestDTO | None = None
        self.versions: tuple[EstimateDTO, ...] = ()
        self.estimate: EstimateDTO | None = None
        self.price_items: tuple[PriceItemDTO, ...] = ()
        self._generation = 0
        self._stale = False
        self.model = EstimateModel(self)
        self._build()
        self._build_actions()
        self.model.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        session.events.data_changed.connect(self._on_events_data_changed)
        self.update_state()

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.placeholder = PlaceholderPanel(
            self.tr("Estimate"), self.tr("Pick a request to see its approximate estimate."))
        self.stack.addWidget(self.placeholder)
        self.no_estimate = NoEstimatePage()
        self.no_estimate.start_button.clicked.connect(self._on_start_button_clicked)
        self.start_button, self.start_message = (self.no_estimate.start_button,
                                                 self.no_estimate.message)
        self.stack.addWidget(self.no_estimate)
        self.stack.addWidget(self._editor_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _editor_page(self) -> EstimatePage:
        self.decisions = VersionDecisions(self, self._session)
        self._adopt_bar(self.decisions.bar)
        self._adopt_lines(EstimateLinesArea(self.model, lambda: self.price_items))
        self.copies = ClientCopies(self.shown_estimate, self.pdf_heading, self)
        self.copies.said.connect(self._on_copies_said)
        self.copies.failed.connect(self._on_copies_failed)
        self.copy_button, self.pdf_button = self.copies.copy_button, self.copies.pdf_button
        self.page = page = EstimatePage(self.bar, self.lines_area, self.copies)
        self.history, self.history_button = page.history, page.history_button
        self.splitter, self.message = page.splitter, page.message
        self.history.version_picked.connect(self._on_history_version_picked)
        self.history.compare_requested.connect(self._on_history_compare_requested)
        return page

    def _adopt_bar(self, bar: VersionBar) -> None:
        """Name the bar's parts on the editor (the decisions wire its buttons)."""
        self.bar = bar
        self.version_label, self.status_label = bar.version_label, bar.status_label
        self.stage_label, self.points_label = bar.stage_label, bar.points_label
        self.frozen_label, self.conflict_banner = bar.frozen_label, bar.conflict_banner
        self.conflict_label, self.reload_button = bar.conflict_label, bar.reload_button
        self.save_button, self.propose_button = bar.save_button, bar.propose_button
        self.agree_button, self.reject_button = bar.agree_button, bar.reject_button
        self.new_version_button = bar.new_version_button

    def _adopt_lines(self, area: EstimateLinesArea) -> None:
        """Name the lines area's parts on the editor."""
        self.lines_area = area
        area.refused.connect(self._on_delegate_refused)
        self.table, self.service_delegate = area.table, area.service_delegate
        self.note_total = area.note_total
        self.note_edit, self.total_label = area.note_total.note_edit, area.note_total.total_label
        self.add_button, self.remove_button = area.add_button, area.remove_button
        self.up_button, self.down_button = area.up_button, area.down_button
        self.undo_action, self.redo_action = area.undo_action, area.redo_action
        self.add_action, self.remove_action = area.add_action, area.remove_action
        self.up_action, self.down_action = area.up_action, area.down_action

    def _build_actions(self) -> None:
        # Undo, Redo, Insert and Ctrl+Shift+Up/Down also work with the focus in the history list.
        self.addActions([self.undo_action, self.redo_action, self.add_action, self.up_action,
                         self.down_action])
        self.save_action = QAction(self.tr("Save draft"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self._on_save_action_triggered)
        self.addAction(self.save_action)
        self.propose_action = self._button_action(self.tr("Propose the estimate"), "Ctrl+Alt+P",
                                                  self.propose_button)
        self.agree_action = self._button_action(self.tr("Client agreed to the estimate"),
                                                "Ctrl+Alt+A", self.agree_button)
        self.reject_action = self._button_action(self.tr("Client rejected the estimate"),
                                                 "Ctrl+Alt+R", self.reject_button)

    def _button_action(self, text: str, keys: str, button: QAbstractButton) -> QAction:
        """A key for one of the version's buttons: it presses the button while enabled,
        so the key asks the same question ("Agree version 2 for 2 100 ₽?") as a click."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: button.click() if button.isEnabled() else None)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{button.toolTip()} ({shown})" if button.toolTip() else shown)
        self.addAction(action)
        return action

    def key_actions(self) -> list[QAction]:
        """The editor's keyed actions (save, propose, agree, reject), for the key list."""
        return [self.save_action, self.propose_action, self.agree_action, self.reject_action]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Show the version history beside the lines when the editor is wide enough."""
        super().resizeEvent(event)
        self.page.fit_width(event.size().width())

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

    def update_state(self) -> None:
        """Enable what the shown version allows and show its number, status and total."""
        est = self.estimate
        has_lines = self.model.rowCount() > 0
        self.decisions.update_buttons(has_lines=has_lines, other_open=self._open_version())
        self.save_action.setEnabled(self.editable)
        self.lines_area.set_editable(self.editable)
        self.lines_area.show_total()
        self.copies.set_enabled(est is not None and has_lines)
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
        return ask_save_before_leaving(self, number, self.request_id)

    def confirm_close(self) -> bool:
        """Whether the editor's window may close now (a detached editor, R15).

        Unsaved lines are never dropped silently: Save saves them first and closes
        the window once saved (a refused save keeps it open with the reason), Discard
        lets them go, Cancel keeps the window.
        """
        if not (self.dirty and self.editable):
            return True
        answer = ask_save_discard_or_stay(self, self.estimate.number if self.estimate else 0,
                                          self.request_id)
        if answer == QMessageBox.StandardButton.Save:
            run_async(self._save_then_close(), owner=self)
            return False
        return answer == QMessageBox.StandardButton.Discard

    async def _save_then_close(self) -> None:
        if await self.save():
            self.window().close()

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
        view = await self._session.call(estimates.estimate_view, request_id)
        if generation != self._generation:  # a newer request or reload was asked meanwhile
            return
        versions = view.versions
        self.versions, self.price_items, self.request = versions, view.price_items, view.request
        if not versions:
            self.estimate = None
            self.model.load([], "", read_only=True)
            self.no_estimate.show_request(request_id)
            self.stack.setCurrentIndex(NO_ESTIMATE)
            return
        self.stack.setCurrentIndex(EDITOR)
        shown = self.estimate
        same = shown is not None and any(v.id == shown.id and v.version == shown.version
                                          for v in versions)
        if shown is not None and select_id is None and (self.dirty or same):
            self.history.set_versions(versions, shown.id)
            self.update_state()
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
        self.update_state()

    def replace_version(self, version: EstimateDTO) -> None:
        """Put a version the services returned in place of its older copy."""
        others = [v for v in self.versions if v.id != version.id]
        self.versions = tuple(sorted([*others, version], key=lambda v: v.number))

    # -- saving and deciding (the version bar's work) ----------------------------

    async def save(self) -> bool:
        """Save the draft's lines and note; False (with the reason shown) when refused."""
        return await self.decisions.save()

    async def decide(self, verb: str) -> EstimateDTO | None:
        """``propose`` (saving first if needed), ``agree`` or ``reject`` the shown version."""
        return await self.decisions.decide(verb)

    async def new_version(self) -> EstimateDTO | None:
        """A new draft from the shown version; unsaved local lines are kept in it."""
        return await self.decisions.new_version()

    # -- the client's copies ---------------------------------------------------

    def shown_estimate(self) -> ShownEstimate | None:
        """The version as on screen (with unsaved edits), for the PDF and the messenger."""
        est = self.estimate
        if est is None:
            return None
        created = est.created_at if not self.dirty else datetime.now(UTC)
        return ShownEstimate(est.number, self.model.lines, self.model.total_kopecks, created,
                             self.model.note)

    def pdf_heading(self) -> PdfHeading | None:
        """The request and the client's handle for the client's copies (None: no request)."""
        if self.request_id is None:
            return None
        handle = self.request.client_handle if self.request is not None else ""
        return PdfHeading(self.request_id, handle)

    def say(self, text: str) -> None:
        """Show what was done under the editor and in the window's status bar."""
        self.message.show_info(text)
        self._session.events.status_message.emit(text)

    # -- errors ----------------------------------------------------------------

    def show_error(self, err: NitDeskError) -> None:
        """Show a refusal where it belongs: the cell, the note, or the conflict banner."""
        text = error_text(err)
        if isinstance(err, ValidationError) and self.lines_area.point_at_cell(err, text):
            self.message.show_error(text)
            return
        if isinstance(err, ValidationError) and err.field == "note":
            self.lines_area.show_note_error(text)
        if isinstance(err, Conflict) and self.dirty:
            self.conflict_label.setText(text)
            self.conflict_banner.setVisible(True)
            return
        if self.stack.currentIndex() == NO_ESTIMATE:
            self.start_message.show_error(text)
        self.message.show_error(text)

    # -- slots -----------------------------------------------------------------

    @async_slot()
    async def _on_start_button_clicked(self) -> None:
        await self.decisions.start()

    @async_slot()
    async def _on_save_action_triggered(self) -> None:
        await self.save()

    @Slot(str)
    def _on_copies_said(self, text: str) -> None:
        self.say(text)

    @Slot(str)
    def _on_copies_failed(self, text: str) -> None:
        self.message.show_error(text)

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
        return open_compare_dialog(sides, self)

    @Slot(int)
    def _on_history_version_picked(self, estimate_id: int) -> None:
        version = next((v for v in self.versions if v.id == estimate_id), None)
        if version is None or (self.estimate is not None and version.id == self.estimate.id):
            return
        if self.dirty and not confirm_discard(self):
            self.history.select(self.estimate.id if self.estimate else None)
            return
        self.show_version(version)

    @Slot(str)
    def _on_delegate_refused(self, text: str) -> None:
        self.message.show_error(text)

    @Slot(int)
    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self.update_state()

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
