"""The estimate editor's pages: "no estimate yet" and the page of one request's versions.

:class:`NoEstimatePage` says that the request has no estimate and offers "Start
an estimate". :class:`EstimatePage` lays out the version bar, the lines beside
the version history (the Versions button shows or hides it; below
:data:`HISTORY_MIN_WIDTH` it starts hidden) and the message line. Their texts
keep the editor's translation context, as do the two questions asked before
unsaved lines would go (:func:`ask_save_before_leaving`, :func:`confirm_discard`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.views.money.estimate_copies import ClientCopies
from nit_desk.views.money.estimate_history import VersionHistory
from nit_desk.views.money.estimate_lines import EstimateLinesArea
from nit_desk.views.money.estimate_parts import VersionBar
from nit_desk.views.widgets import MessageLine

HISTORY_MIN_WIDTH = 860
"""Below this width the version history starts hidden (the Versions button shows it)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("EstimateEditor", text)


class NoEstimatePage(QFrame):
    """"Request #12 has no estimate yet", the Start button and the message line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QPushButton(_tr("Start an estimate"))
        self.start_button.setObjectName("startEstimateButton")
        self.message = MessageLine()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        layout.addStretch(2)

    def show_request(self, request_id: int) -> None:
        """Say that ``request_id`` has no estimate yet and when one is agreed (R15)."""
        self.label.setText(_tr(
            "Request #{id} has no estimate yet. Agree an approximate estimate at the "
            "first contact and again after registration.").format(id=request_id))


class EstimatePage(QWidget):
    """The version bar, the lines beside the version history, and the message line."""

    def __init__(self, bar: VersionBar, lines: EstimateLinesArea, copies: ClientCopies,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history_chosen = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(bar)
        self.history_button = QToolButton()
        self.history_button.setObjectName("historyButton")
        self.history_button.setText(_tr("Versions"))
        self.history_button.setToolTip(_tr("Show or hide the version history"))
        self.history_button.setCheckable(True)
        self.history_button.setChecked(True)
        self.history_button.clicked.connect(self._on_history_button_clicked)
        lines.finish_button_row([self.history_button], [copies.copy_button, copies.pdf_button])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(lines)
        self.history = VersionHistory()
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.history.setVisible(False)  # until the width is known (see fit_width)
        layout.addWidget(self.splitter, 1)
        self.message = MessageLine()
        self.message.setObjectName("estimateMessage")
        layout.addWidget(self.message)

    def fit_width(self, width: int) -> None:
        """The history shows beside the lines when there is room (a wide window), unless
        the agent chose with the Versions button; in the card's tab the lines get the room."""
        if not self._history_chosen:
            wide = width >= HISTORY_MIN_WIDTH
            self.history_button.setChecked(wide)
            self.history.setVisible(wide)

    @Slot(bool)
    def _on_history_button_clicked(self, checked: bool) -> None:
        self._history_chosen = True
        self.history.setVisible(checked)


def ask_save_before_leaving(parent: QWidget, number: int, request_id: int | None) -> bool:
    """Ask whether to save version ``number``'s unsaved edits (True) or discard them."""
    answer = QMessageBox.question(
        parent, _tr("Unsaved estimate"),
        _tr("Version {number} of request #{id} has unsaved changes. Save them?").format(
            number=number, id=request_id),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
        QMessageBox.StandardButton.Save)
    return answer == QMessageBox.StandardButton.Save


def ask_save_discard_or_stay(parent: QWidget, number: int,
                             request_id: int | None) -> QMessageBox.StandardButton:
    """Before a window with unsaved edits closes: Save, Discard or Cancel (stay)."""
    return QMessageBox.question(
        parent, _tr("Unsaved estimate"),
        _tr("Version {number} of request #{id} has unsaved changes. Save them?").format(
            number=number, id=request_id),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)


def confirm_discard(parent: QWidget) -> bool:
    """Ask whether the shown version's unsaved changes may go (True: discard them)."""
    answer = QMessageBox.question(
        parent, _tr("Unsaved changes"),
        _tr("The shown version has unsaved changes. Discard them?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard
