"""Pieces the console's tabs share: a read-only table, the reason dialog, change checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractItemModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.text import clean_text
from nit_desk.ui.errors import error_text
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.widgets import MessageLine

REASON_MAX = 4000


def make_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only, single-row-selection table for ``model``."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


TIME = -1
"""A column width meaning "as wide as a date and time in the user's locale"."""


def size_columns(table: QTableView, chars: Iterable[int]) -> None:
    """Set column widths in average characters of the table's font (:data:`TIME` for times)."""
    metrics = table.fontMetrics()
    time_width = metrics.horizontalAdvance(local_time_text(datetime(2026, 12, 28, 23, 58,
                                                                    tzinfo=UTC))) + 20
    for column, n in enumerate(chars):
        width = time_width if n == TIME else n * metrics.averageCharWidth() + 16
        table.horizontalHeader().resizeSection(column, width)


def fit_columns(table: QTableView, stretch: int | None = None) -> None:
    """Columns as wide as their contents; ``stretch`` takes the rest of the width."""
    header = table.horizontalHeader()
    header.setStretchLastSection(stretch is None)
    for column in range(table.model().columnCount()):
        mode = (QHeaderView.ResizeMode.Stretch if column == stretch
                else QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(column, mode)


class ReasonDialog(QDialog):
    """Asks for the reason of a decision (approve, reject, lift); optional or required."""

    def __init__(self, title: str, prompt: str, action: str, *, required: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.required = required
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            self.tr("why, in a few words (required)") if required
            else self.tr("why, in a few words (optional)"))
        label.setBuddy(self.reason_edit)
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.ok_button)
        self.resize(480, 260)

    @property
    def reason(self) -> str:
        """The reason as typed."""
        return self.reason_edit.toPlainText().strip()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            clean_text(self.reason_edit.toPlainText(), field="reason", max_length=REASON_MAX,
                       required=self.required)
        except ValidationError as err:
            self.message.show_error(error_text(err))
            self.reason_edit.setFocus()
            return
        self.accept()
