"""The estimate editor of a request: lines, exact total, versions, PDF and chat text (R15, R16).

``EstimateEditor(desk)`` with :meth:`EstimateEditor.show_request`. The table
edits an :class:`~nit_desk.models.estimate_model.EstimateModel` through its
undo stack (Ctrl+Z / Ctrl+Shift+Z, the Edit menu names each step). The version
bar shows the number, status and stage, and Save draft (Ctrl+S), Propose,
Agree, Reject and "New version from this". A version that is no longer a draft
is frozen here as in the services. A refused save points at the cell and keeps
every edit; a version changed meanwhile says by whom and offers to reload while
keeping the local lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import Conflict, NitDeskError, ValidationError
from nit_desk.domain.estimate_diff import EstimateLineLike
from nit_desk.domain.estimate_text import as_messenger_text
from nit_desk.domain.types import EstimateStatus
from nit_desk.gui.errors import error_text
from nit_desk.gui.runner import async_slot, run_async
from nit_desk.models.estimate_model import FIELD_COLUMNS, Column, EditableLine, EstimateModel
from nit_desk.models.money_text import money_text, stage_name, status_name
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money_dto import EstimateDTO, PriceItemDTO
from nit_desk.views.estimate_compare import CompareDialog, ComparedVersion, compared
from nit_desk.views.estimate_delegates import (
    MoneyDelegate,
    QuantityDelegate,
    RefusingDelegate,
    ServiceDelegate,
    UnitDelegate,
)
from nit_desk.views.estimate_history import (
    STATUS_COLOURS,
    VersionHistory,
    agreement_points_text,
)
from nit_desk.views.estimate_pdf import PdfHeading, write_estimate_pdf
from nit_desk.views.money_gateway import MoneyDesk
from nit_desk.views.widgets import MessageLine, PlaceholderPanel

EMPTY, NO_ESTIMATE, EDITOR = 0, 1, 2
"""Pages of the editor's stack."""


@dataclass(frozen=True)
class ShownEstimate:
    """What is on screen now (maybe unsaved), shaped like a version for text and PDF."""

    number: int
    lines: tuple[EstimateLineLike, ...]
    total_kopecks: int
    created_at: datetime
    note: str


class NoteEdit(QPlainTextEdit):
    """The note field; Ctrl+Z / Ctrl+Shift+Z go to the estimate's undo stack, not its own."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stack = stack
        self.setUndoRedoEnabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Undo and redo keys step the estimate's history (the note is part of it)."""
        if event.matches(QKeySequence.StandardKey.Undo):
            self._stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Z and event.modifiers() == (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
            self._stack.redo()
        else:
            super().keyPressEvent(event)


class EstimateEditor(QWidget):
    """Edit a request's approximate estimate and its versions (R15, R16).

    Args:
        desk: the signed-in user, runner, events and money services
            (:func:`nit_desk.gui.money_services.money_desk`).
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
        layout.addLayout(self._version_bar())
        self.points_label = QLabel()
        self.points_label.setObjectName("agreementPoints")
        self.points_label.setWordWrap(True)
        layout.addWidget(self.points_label)
        self.frozen_label = QLabel()
        self.frozen_label.setObjectName("frozenNote")
        self.frozen_label.setWordWrap(True)
        self.frozen_label.setStyleSheet(
            "background: #fff4d6; color: #5d4200; padding: 6px; border-radius: 3px;")
        layout.addWidget(self.frozen_label)
        layout.addWidget(self._conflict_banner())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._lines_area())
        self.history = VersionHistory()
        self.history.version_picked.connect(self._on_history_version_picked)
        self.history.compare_requested.connect(self._on_history_compare_requested)
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.message = MessageLine()
        self.message.setObjectName("estimateMessage")
        layout.addWidget(self.message)
        return page

    def _version_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.version_label = QLabel()
        self.version_label.setObjectName("versionLabel")
        font = self.version_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.version_label.setFont(font)
        self.status_label = QLabel()
        self.status_label.setObjectName("versionStatus")
        self.stage_label = QLabel()
        self.stage_label.setObjectName("versionStage")
        bar.addWidget(self.version_label)
        bar.addWidget(self.status_label)
        bar.addWidget(self.stage_label)
        bar.addStretch(1)
        self.save_button = self._button(self.tr("Save draft"), "saveDraftButton",
                                        self._on_save_button_clicked)
        self.save_button.setToolTip(self.tr("Save the draft (Ctrl+S)"))
        self.propose_button = self._button(self.tr("Propose"), "proposeButton",
                                           self._on_propose_button_clicked)
        self.propose_button.setToolTip(self.tr("Offer this version to the client; it freezes"))
        self.agree_button = self._button(self.tr("Agree"), "agreeButton",
                                         self._on_agree_button_clicked)
        self.agree_button.setToolTip(self.tr("The client agreed to this version"))
        self.reject_button = self._button(self.tr("Reject"), "rejectButton",
                                          self._on_reject_button_clicked)
        self.reject_button.setToolTip(self.tr("The client turned this version down"))
        self.new_version_button = self._button(self.tr("New version from this"),
                                               "newVersionButton",
                                               self._on_new_version_button_clicked)
        for button in (self.save_button, self.propose_button, self.agree_button,
                       self.reject_button, self.new_version_button):
            bar.addWidget(button)
        return bar

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _conflict_banner(self) -> QFrame:
        self.conflict_banner = QFrame()
        self.conflict_banner.setObjectName("conflictBanner")
        self.conflict_banner.setStyleSheet(
            "#conflictBanner { background: #fde0dc; border-radius: 3px; }"
            " QLabel { color: #7f1d1d; }")
        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload (keep my lines)"))
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        row = QHBoxLayout(self.conflict_banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.conflict_label, 1)
        row.addWidget(self.reload_button)
        self.conflict_banner.setVisible(False)
        return self.conflict_banner

    def _lines_area(self) -> QWidget:
        area = QWidget()
        layout = QVBoxLayout(area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._line_buttons())
        self.table = QTableView()
        self.table.setObjectName("estimateTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                                   | QTableView.EditTrigger.EditKeyPressed
                                   | QTableView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SERVICE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.QUANTITY, 70), (Column.UNIT, 80),
                              (Column.UNIT_PRICE, 105), (Column.TOTAL, 110)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self._install_delegates()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._note_and_total())
        return area

    def _install_delegates(self) -> None:
        self.service_delegate = ServiceDelegate(lambda: self.price_items, self.table)
        delegates: list[tuple[Column, RefusingDelegate]] = [
            (Column.SERVICE, self.service_delegate),
            (Column.QUANTITY, QuantityDelegate(self.table)),
            (Column.UNIT, UnitDelegate(self.table)),
            (Column.UNIT_PRICE, MoneyDelegate(self.table))]
        for column, delegate in delegates:
            self.table.setItemDelegateForColumn(column, delegate)
            delegate.refused.connect(self._on_delegate_refused)

    def _line_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add line"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.edit_button = QToolButton()
        self.edit_button.setObjectName("editMenuButton")
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        self.copy_button = self._button(self.tr("Copy for messenger"), "copyButton",
                                        self._on_copy_button_clicked)
        self.pdf_button = self._button(self.tr("Export PDF…"), "pdfButton",
                                       self._on_pdf_button_clicked)
        row.addWidget(self.copy_button)
        row.addWidget(self.pdf_button)
        return row

    def _note_and_total(self) -> QHBoxLayout:
        row = QHBoxLayout()
        note_box = QVBoxLayout()
        note_caption = QLabel(self.tr("Assumptions (the estimate is approximate):"))
        self.note_edit = NoteEdit(self.model.undo_stack)
        self.note_edit.setObjectName("estimateNote")
        self._note_hint = self.tr("e.g. approximate: without licence costs; the time may "
                                  "change once the system is seen")
        self.note_edit.setFixedHeight(64)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        note_box.addWidget(note_caption)
        note_box.addWidget(self.note_edit)
        row.addLayout(note_box, 3)
        total_box = QVBoxLayout()
        caption = QLabel(self.tr("Total (approximate)"))
        caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total_label = QLabel()
        self.total_label.setObjectName("estimateTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.total_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.total_label.setFont(font)
        total_box.addWidget(caption)
        total_box.addWidget(self.total_label)
        total_box.addStretch(1)
        row.addLayout(total_box, 2)
        return row

    def _build_actions(self) -> None:
        stack = self.model.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.add_action = self._action(self.tr("Add line"), "Insert", self._on_add_triggered)
        self.remove_action = self._action(self.tr("Remove line"), "Delete",
                                          self._on_remove_triggered, on_table=True)
        self.up_action = self._action(self.tr("Move line up"), "Alt+Up", self._on_up_triggered)
        self.down_action = self._action(self.tr("Move line down"), "Alt+Down",
                                        self._on_down_triggered)
        self.save_action = self._action(self.tr("Save draft"), "Ctrl+S",
                                        self._on_save_button_clicked)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        menu = QMenu(self)
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions([self.add_action, self.remove_action, self.up_action, self.down_action])
        self.edit_button.setMenu(menu)
        for button, action in ((self.add_button, self.add_action),
                               (self.remove_button, self.remove_action),
                               (self.up_button, self.up_action),
                               (self.down_button, self.down_action)):
            button.clicked.connect(action.trigger)
            button.setToolTip(f"{action.text()} ({action.shortcut().toString()})")

    def _action(self, text: str, keys: str, slot: object, *, on_table: bool = False) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        (self.table if on_table else self).addAction(action)
        return action

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
        self.save_button.setEnabled(self.editable and self.dirty)
        self.save_action.setEnabled(self.editable)
        self.propose_button.setEnabled(status is EstimateStatus.DRAFT and has_lines)
        self.agree_button.setEnabled(status is EstimateStatus.PROPOSED)
        self.reject_button.setEnabled(status is EstimateStatus.PROPOSED)
        other_open = self._open_version()
        can_branch = est is not None and est.frozen and other_open is None
        self.new_version_button.setEnabled(can_branch)
        self.new_version_button.setToolTip(
            self.tr("Version {number} is still open: agree or reject it first").format(
                number=other_open.number) if other_open is not None and est is not None
            and est.frozen else self.tr("Start a new draft version from this one"))
        for action in (self.add_action, self.remove_action, self.up_action, self.down_action):
            action.setEnabled(self.editable)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(self.editable)
        self.note_edit.setReadOnly(not self.editable)
        self.note_edit.setPlaceholderText(self._note_hint if self.editable else "")
        self.total_label.setText(money_text(self.model.total_kopecks))
        self.copy_button.setEnabled(est is not None and has_lines)
        self.pdf_button.setEnabled(est is not None and has_lines)
        self._show_version_bar()

    def _show_version_bar(self) -> None:
        est = self.estimate
        if est is None:
            return
        unsaved = self.tr(" (unsaved changes)") if self.dirty else ""
        self.version_label.setText(self.tr("Version {number}").format(number=est.number)
                                   + unsaved)
        self.status_label.setText(status_name(est.status).upper())
        style = (f"color: white; background: {STATUS_COLOURS[est.status]}; padding: 2px 8px;"
                 " border-radius: 3px; font-weight: bold;")
        if self.status_label.styleSheet() != style:  # re-polishing costs on every keystroke
            self.status_label.setStyleSheet(style)
        self.stage_label.setText(self.tr("stage: {stage}").format(stage=stage_name(est.stage)))
        self.frozen_label.setVisible(est.frozen)
        self.frozen_label.setText(self._frozen_text(est))
        request = self.tr("Request #{id}").format(id=est.request_id)
        if self.request is not None:
            request += f" · {self.request.client_handle}"
        self.points_label.setText(self.tr("{request} — agreement points: {points}").format(
            request=request, points=agreement_points_text(self.versions)))

    def _frozen_text(self, est: EstimateDTO) -> str:
        if est.status is EstimateStatus.AGREED:
            return self.tr("Agreed versions are frozen; start a new version to change.")
        if est.status is EstimateStatus.PROPOSED:
            return self.tr("Proposed to the client and frozen: record the answer (Agree or "
                           "Reject), then start a new version to change.")
        return self.tr("Rejected versions are frozen; start a new version to change.")

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
        if request_id is not None:
            run_async(self._load(self._generation, request_id, None), owner=self)

    def reload(self, select_id: int | None = None) -> None:
        """Load the shown request's versions again (keeps local edits if dirty)."""
        if self.request_id is not None:
            self._generation += 1
            run_async(self._load(self._generation, self.request_id, select_id), owner=self)

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
        """``propose`` (saving first if needed), ``agree`` or ``reject`` the shown version."""
        est = self.estimate
        if est is None:
            return None
        if verb == "propose" and self.dirty and not await self.save():
            return None
        call = {"propose": self.money.propose, "agree": self.money.agree,
                "reject": self.money.reject}[verb]
        decided = await self.runner.call(call, self.estimate.id if self.estimate else est.id)
        self._replace_version(decided)
        self.show_version(decided)
        texts = {"propose": self.tr("Version {number} proposed to the client."),
                 "agree": self.tr("Version {number} agreed: it is frozen now."),
                 "reject": self.tr("Version {number} rejected.")}
        self._status(texts[verb].format(number=decided.number))
        return decided

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

    @async_slot()
    async def _on_agree_button_clicked(self) -> None:
        await self.decide("agree")

    @async_slot()
    async def _on_reject_button_clicked(self) -> None:
        await self.decide("reject")

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
    def _on_add_triggered(self) -> None:
        current = self.table.currentIndex()
        row = self.model.add_line(current.row() + 1 if current.isValid() else None)
        if row >= 0:
            index = self.model.index(row, Column.SERVICE)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    @Slot()
    def _on_remove_triggered(self) -> None:
        row = self.table.currentIndex().row()
        if self.model.remove_line(row):
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1),
                                                        Column.SERVICE))

    @Slot()
    def _on_up_triggered(self) -> None:
        self._move(-1)

    @Slot()
    def _on_down_triggered(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        current = self.table.currentIndex()
        if current.isValid() and self.model.move_line(current.row(), delta):
            self.table.setCurrentIndex(self.model.index(current.row() + delta, current.column()))

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
    def _on_events_data_changed(self, change: object) -> None:
        """Reload for another desk's commit, a change of this client, or a price change."""
        if self.request_id is None:
            return
        entities: frozenset[str] = getattr(change, "entities", frozenset())
        client_ids: frozenset[int] = getattr(change, "client_ids", frozenset())
        mine = self.request is None or self.request.client_id in client_ids
        if ("*" in entities or "price_item" in entities
                or (mine and entities & {"estimate", "request", "client", "ban"})):
            self.reload()
