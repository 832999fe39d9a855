"""The registration checklist panel: progress, the steps, and setting a step's state (R3, R4).

The panel only asks: ``step_state_requested(code, state)``; the card calls the
service and hands the new checklist back with :meth:`ChecklistPanel.set_card`.
Space or Ctrl+D ticks the current step done; the context menu and the buttons
set refused, not applicable or pending.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.types import StepState
from nit_desk.models.card.checklist_model import ChecklistModel, Column, state_icon
from nit_desk.services.dto import ChecklistItemDTO, ClientCard
from nit_desk.views.flow_layout import FlowLayout


class ChecklistPanel(QWidget):
    """A client's checklist with a progress bar and the step actions."""

    step_state_requested = Signal(str, object)
    """``(code, StepState)``: the agent asked to set a step's state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChecklistModel(self)
        self.progress = QProgressBar()
        self.progress.setObjectName("registrationProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.view = QTableView()
        self.view.setObjectName("checklistView")
        self.view.setModel(self.model)
        self._setup_view()
        self._make_actions()
        self._editable = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        layout.addLayout(progress_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._button_row())
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self._update_actions()

    def _setup_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)  # a long step name wraps: the agent reads it whole
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_view_context_menu_requested)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.STEP, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

    def _make_actions(self) -> None:
        self.action_done = self._state_action(self.tr("&Done"), StepState.DONE,
                                              [QKeySequence(Qt.Key.Key_Space),
                                               QKeySequence("Ctrl+D")])
        self.action_refused = self._state_action(self.tr("&Refused"), StepState.REFUSED,
                                                 [QKeySequence("Ctrl+Shift+R")])
        self.action_not_applicable = self._state_action(
            self.tr("&Not applicable"), StepState.NOT_APPLICABLE, [QKeySequence("Ctrl+Shift+N")])
        self.action_pending = self._state_action(self.tr("&Pending"), StepState.PENDING,
                                                 [QKeySequence("Ctrl+Shift+P")])
        self.action_done.setToolTip(self.tr("Tick the current step done (Space or Ctrl+D)"))

    def _state_action(self, text: str, state: StepState,
                      keys: list[QKeySequence]) -> QAction:
        action = QAction(state_icon(state), text, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: self._request(state))
        self.view.addAction(action)
        return action

    def _button_row(self) -> FlowLayout:
        row = FlowLayout(spacing=6)  # wraps in a narrow card instead of widening it
        self.buttons: dict[StepState, QPushButton] = {}
        for action, state, name in (
                (self.action_done, StepState.DONE, "stepDoneButton"),
                (self.action_refused, StepState.REFUSED, "stepRefusedButton"),
                (self.action_not_applicable, StepState.NOT_APPLICABLE, "stepNaButton"),
                (self.action_pending, StepState.PENDING, "stepPendingButton")):
            button = QPushButton(action.icon(), action.text())
            button.setObjectName(name)
            button.setToolTip(action.toolTip() if state is StepState.DONE else
                              f"{action.text().replace('&', '')} "
                              f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
            button.clicked.connect(action.trigger)
            self.buttons[state] = button
            row.add_widgets(button)
        return row

    # -- state ------------------------------------------------------------

    def set_card(self, card: ClientCard | None) -> None:
        """Show ``card``'s checklist (None: empty); the current step is kept by code."""
        code = self.current_code()
        self.model.set_items(card.checklist if card else ())
        progress = card.progress if card else None
        total = progress.required_total if progress else 0
        done = progress.required_done if progress else 0
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(self.tr("%n of {total} required steps done", "", done)
                                    .format(total=total) if card else self.tr("No client"))
        self._editable = card is not None and not card.banned
        row = self.model.row_of(code) if code else -1
        if row < 0 and self.model.rowCount():
            row = self._first_open_row()
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, Column.STEP))
        self._update_actions()

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (e.g. while a change is being saved)."""
        self._editable = editable
        self._update_actions()

    def current_item(self) -> ChecklistItemDTO | None:
        """The step under the cursor."""
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def current_code(self) -> str | None:
        """The code of the step under the cursor."""
        item = self.current_item()
        return item.code if item else None

    def select_step(self, code: str) -> None:
        """Move the cursor to the step ``code``."""
        row = self.model.row_of(code)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, Column.STEP))

    def _first_open_row(self) -> int:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item is not None and item.state is StepState.PENDING:
                return row
        return 0

    def _request(self, state: StepState) -> None:
        item = self.current_item()
        if item is None or not self._editable or item.state is state:
            return
        self.step_state_requested.emit(item.code, state)

    def _update_actions(self) -> None:
        item = self.current_item()
        for action, state in ((self.action_done, StepState.DONE),
                              (self.action_refused, StepState.REFUSED),
                              (self.action_not_applicable, StepState.NOT_APPLICABLE),
                              (self.action_pending, StepState.PENDING)):
            enabled = self._editable and item is not None and item.state is not state
            action.setEnabled(enabled)
            self.buttons[state].setEnabled(enabled)

    @Slot(QModelIndex, QModelIndex)
    def _on_view_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        del current, previous
        self._update_actions()

    @Slot(QPoint)
    def _on_view_context_menu_requested(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        self.context_menu().popup(self.view.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The step menu: done, refused, not applicable, pending (deleted when closed)."""
        menu = QMenu(self)
        menu.setObjectName("checklistMenu")
        for action in (self.action_done, self.action_refused, self.action_not_applicable,
                       self.action_pending):
            menu.addAction(action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu
