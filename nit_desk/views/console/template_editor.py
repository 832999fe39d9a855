"""The registration checklist template editor (R3).

Steps are added, removed, renamed in place (double-click or F2), reordered
with the Up/Down buttons or by dragging, and marked required or optional.
"Save as new version" stores a new template version: clients who started
registering keep the version they started with. The versions saved so far
are listed beside the editor, with their steps.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.models.console.console_template import Column, TemplateStepsModel
from nit_desk.services.change import Change
from nit_desk.services.clients import checklist
from nit_desk.services.dto import TemplateDTO
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.runner import async_slot, owner_alive, run_async
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.widgets import MessageLine

_STEP_FIELD = re.compile(r"^steps\.(\d+)\.")
VERSION_ROLE = Qt.ItemDataRole.UserRole + 1


class TemplateEditor(QWidget, ErrorSink):
    """The template tab: the editable step list, save, and the version history."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.session, self.events = session, session.events
        self.versions: list[TemplateDTO] = []
        self.saved: TemplateDTO | None = None
        self.model = TemplateStepsModel(self)
        self.model.edited.connect(self._update_buttons)
        self._build()
        self.events.data_changed.connect(self._on_events_data_changed)
        self.loaded = False  # the data is read when the tab is first shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Read the data the first time the tab is shown (sign-in stays quick)."""
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.reload()

    # -- building --

    def _build(self) -> None:
        self.version_label = QLabel()
        self.version_label.setObjectName("templateVersion")
        font = self.version_label.font()
        font.setBold(True)
        self.version_label.setFont(font)
        hint = QLabel(self.tr("Double-click a step to rename it; drag steps or use Up and Down "
                              "to reorder them. Saving makes a new version: clients already "
                              "registering keep the version they started with."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.table = self._steps_table()
        self.add_button = self._button(self.tr("&Add step"), self._on_add_button_clicked,
                                       "addStepButton")
        self.remove_button = self._button(self.tr("Re&move"), self._on_remove_button_clicked,
                                          "removeStepButton")
        self.up_button = self._button(self.tr("&Up"), self._on_up_button_clicked, "upButton")
        self.up_button.setShortcut(QKeySequence("Ctrl+Up"))
        self.down_button = self._button(self.tr("&Down"), self._on_down_button_clicked,
                                        "downButton")
        self.down_button.setShortcut(QKeySequence("Ctrl+Down"))
        self.revert_button = self._button(self.tr("Re&vert"), self._on_revert_button_clicked,
                                          "revertButton")
        self.save_button = self._button(self.tr("&Save as new version"),
                                        self._on_save_button_clicked, "saveTemplateButton")
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.message = MessageLine()
        self.message.setObjectName("templateMessage")
        editor = QWidget()
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.version_label)
        column.addWidget(hint)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(editor)
        splitter.addWidget(self._history())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self._update_buttons()

    def _steps_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("templateSteps")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.SelectedClicked)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.REQUIRED, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        return table

    def _button(self, text: str, slot: object, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _history(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Versions"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.version_list = QListWidget()
        self.version_list.setObjectName("templateVersions")
        self.version_list.currentItemChanged.connect(self._on_version_list_current_item_changed)
        self.version_steps = QPlainTextEdit()
        self.version_steps.setObjectName("versionSteps")
        self.version_steps.setReadOnly(True)
        column.addWidget(heading)
        column.addWidget(self.version_list, 1)
        column.addWidget(QLabel(self.tr("Steps of the selected version:")))
        column.addWidget(self.version_steps, 2)
        return panel

    # -- loading --

    def reload(self) -> None:
        """Read the template versions again (off the GUI thread); edits are dropped."""
        run_async(self._load(), owner=self)

    async def _load(self) -> None:
        versions = list(await self.session.call(checklist.list_template_versions))
        self.show_versions(versions)

    def show_versions(self, versions: list[TemplateDTO]) -> None:
        """Show the version history and put the newest version into the editor."""
        self.versions = versions
        self.version_list.clear()
        for version in versions:
            item = QListWidgetItem(self._version_text(version))
            item.setData(VERSION_ROLE, version.version)
            self.version_list.addItem(item)
        if versions:
            self.saved = versions[0]
            self.model.set_steps(versions[0].steps)
            self.version_list.setCurrentRow(0)
            self.version_label.setText(self.tr("Current version: {n}").format(
                n=versions[0].version))
        self._update_buttons()

    def _version_text(self, version: TemplateDTO) -> str:
        required = sum(1 for s in version.steps if s.required)
        text = self.tr("Version {n} — %n step(s), {required} required", "",
                       len(version.steps)).format(n=version.version, required=required)
        if version.created_at is not None:
            text += "\n" + self.tr("{when} by {who}").format(
                when=local_time_text(version.created_at),
                who=version.created_by_name or self.tr("the program"))
        return text

    # -- editing --

    def current_row(self) -> int:
        """The selected step's row, or -1."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    @Slot()
    def _on_add_button_clicked(self) -> None:
        row = self.model.add_step(self.tr("New step"))
        self._select(row)
        self.table.edit(self.model.index(row, Column.TITLE))

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.current_row()
        if row >= 0 and self.model.remove_step(row):
            self._select(min(row, self.model.rowCount() - 1))

    @Slot()
    def _on_up_button_clicked(self) -> None:
        self._move(-1)

    @Slot()
    def _on_down_button_clicked(self) -> None:
        self._move(+1)

    def _move(self, delta: int) -> None:
        row = self.current_row()
        if row >= 0:
            self._select(self.model.move_step(row, delta))

    @Slot()
    def _on_revert_button_clicked(self) -> None:
        if self.saved is not None:
            self.model.set_steps(self.saved.steps)
            self.message.clear_message()

    @async_slot()
    async def _on_save_button_clicked(self) -> None:
        self.message.clear_message()
        self.save_button.setEnabled(False)
        try:
            saved = await self.session.call(checklist.save_template, self.model.steps())
        except NitDeskError as err:
            self.show_error(err)
            return
        finally:
            if owner_alive(self):
                self._update_buttons()
        text = self.tr("Saved as version {n}; clients already registering keep their "
                       "version.").format(n=saved.version)
        self.versions = [saved, *self.versions]
        self.show_versions(self.versions)
        self.message.show_info(text)
        self.events.status_message.emit(text)

    def show_error(self, err: NitDeskError) -> None:
        """A refusal under the list; a step named by the error is selected."""
        self.message.show_error(error_text(err))
        found = _STEP_FIELD.match(err.field or "")
        if found:
            self._select(int(found.group(1)))

    def _update_buttons(self) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0 and count > 1)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        modified = self.model.is_modified
        self.revert_button.setEnabled(modified)
        self.save_button.setEnabled(modified and count > 0)
        if self.saved is not None:
            self.version_label.setText(
                self.tr("Current version: {n} (edited, not saved)").format(n=self.saved.version)
                if modified else self.tr("Current version: {n}").format(n=self.saved.version))

    # -- slots --

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_version_list_current_item_changed(self, item: QListWidgetItem | None,
                                              _previous: object = None) -> None:
        number = item.data(VERSION_ROLE) if item is not None else None
        version = next((v for v in self.versions if v.version == number), None)
        if version is None:
            self.version_steps.clear()
            return
        lines = [f"{s.position}. {s.title}" + ("" if s.required else " " + self.tr("(optional)"))
                 for s in sorted(version.steps, key=lambda s: s.position)]
        self.version_steps.setPlainText("\n".join(lines))

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        if not self.loaded:
            return
        if change.concerns("checklist_template") and not self.model.is_modified:
            self.reload()
