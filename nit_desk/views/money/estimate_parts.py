"""Parts of the estimate editor: the version bar, the note with the total, the shown estimate.

:class:`VersionBar` shows the version number, status and stage, the two
agreement points (R15), the "frozen" note and the conflict banner, with the
buttons Save draft, Propose and "New version from this", then, apart, the
client's answer Agree and Reject (the editor wires and enables them; none is
ever hidden or moved, so a button never appears where another was).
:class:`NoteAndTotal` holds the note for assumptions and the large exact total.
Their texts keep the editor's translation context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.estimate_diff import EstimateLineLike
from nit_desk.domain.types import EstimateStatus
from nit_desk.services.dto import RequestDTO
from nit_desk.services.money.money_dto import EstimateDTO
from nit_desk.ui.money_text import stage_name, status_name
from nit_desk.views.flow_layout import FlowLayout
from nit_desk.views.money.estimate_history import STATUS_COLOURS, agreement_points_text
from nit_desk.views.widgets import ElidedLabel


def _tr(text: str) -> str:
    return QCoreApplication.translate("EstimateEditor", text)


@dataclass(frozen=True)
class ShownEstimate:
    """What is on screen now (maybe unsaved), shaped like a version for text and PDF."""

    number: int
    lines: tuple[EstimateLineLike, ...]
    total_kopecks: int
    created_at: datetime
    note: str


def frozen_text(status: EstimateStatus) -> str:
    """Why a version cannot be edited and what to do instead (R15)."""
    if status is EstimateStatus.AGREED:
        return _tr("Agreed versions are frozen; start a new version to change.")
    if status is EstimateStatus.PROPOSED:
        return _tr("Proposed to the client and frozen: record the answer (Agree or "
                   "Reject), then start a new version to change.")
    return _tr("Rejected versions are frozen; start a new version to change.")


class VersionBar(QWidget):
    """Version, status, stage, agreement points, frozen note, conflict banner and buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionBar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._top_row())
        self.points_label = ElidedLabel()  # one line: the estimate's lines get the room
        self.points_label.setObjectName("agreementPoints")
        points = QHBoxLayout()
        points.addWidget(self.stage_label, 0, Qt.AlignmentFlag.AlignTop)
        points.addWidget(self.points_label, 1)
        layout.addLayout(points)
        self.frozen_label = QLabel()
        self.frozen_label.setObjectName("frozenNote")
        self.frozen_label.setWordWrap(True)
        self.frozen_label.setStyleSheet(
            "background: #fff4d6; color: #5d4200; padding: 6px; border-radius: 3px;")
        layout.addWidget(self.frozen_label)
        layout.addWidget(self._conflict_banner())

    def _top_row(self) -> FlowLayout:
        """Version and status, then the buttons; at a narrow width the buttons wrap onto
        a second row instead of falling behind a toolbar's "»" (they are always seen)."""
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
        self.stage_label.setStyleSheet("font-weight: bold;")
        self.save_button = _button(_tr("Save draft"), "saveDraftButton",
                                   _tr("Save the draft (Ctrl+S)"))
        self.propose_button = _button(_tr("Propose"), "proposeButton",
                                      _tr("Offer this version to the client; it freezes"))
        self.agree_button = _button(_tr("Agree"), "agreeButton",
                                    _tr("The client agreed to this version"))
        self.reject_button = _button(_tr("Reject"), "rejectButton",
                                     _tr("The client turned this version down"))
        self.new_version_button = _button(_tr("New version from this"), "newVersionButton",
                                          _tr("Start a new draft version from this one"))
        self.answer_label = QLabel(_tr("Client's answer:"))
        self.answer_label.setObjectName("clientAnswerLabel")
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        bar = FlowLayout(spacing=4)
        bar.add_widgets(self.version_label, self.status_label)
        bar.add_right_aligned()
        # The client's answer sits apart, after a line, and every button keeps its place
        # whatever the status: a second click on Propose can never land on Reject.
        bar.add_widgets(self.save_button, self.propose_button, self.new_version_button,
                        separator, self.answer_label, self.agree_button, self.reject_button)
        return bar

    def _conflict_banner(self) -> QFrame:
        self.conflict_banner = QFrame()
        self.conflict_banner.setObjectName("conflictBanner")
        self.conflict_banner.setStyleSheet(
            "#conflictBanner { background: #fde0dc; border-radius: 3px; }"
            " QLabel { color: #7f1d1d; }")
        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        self.reload_button = QPushButton(_tr("Reload (keep my lines)"))
        self.reload_button.setObjectName("reloadButton")
        row = QHBoxLayout(self.conflict_banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.conflict_label, 1)
        row.addWidget(self.reload_button)
        self.conflict_banner.setVisible(False)
        return self.conflict_banner

    def show_version(self, est: EstimateDTO, versions: Sequence[EstimateDTO],
                     request: RequestDTO | None, *, dirty: bool) -> None:
        """Show one version's number, status, stage and the request's agreement points."""
        unsaved = _tr(" (unsaved changes)") if dirty else ""
        self.version_label.setText(_tr("Version {number}").format(number=est.number) + unsaved)
        self.status_label.setText(status_name(est.status).upper())
        style = (f"color: white; background: {STATUS_COLOURS[est.status]}; padding: 2px 8px;"
                 " border-radius: 3px; font-weight: bold;")
        if self.status_label.styleSheet() != style:  # re-polishing costs on every keystroke
            self.status_label.setStyleSheet(style)
        self.stage_label.setText(_tr("stage: {stage}").format(stage=stage_name(est.stage)) + " ·")
        self.frozen_label.setVisible(est.frozen)
        self.frozen_label.setText(frozen_text(est.status) if est.frozen else "")
        where = _tr("Request #{id}").format(id=est.request_id)
        if request is not None:
            where += f" · {request.client_handle}"
        self.points_label.setText(_tr("{request} — agreement points: {points}").format(
            request=where, points=agreement_points_text(versions)))


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


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


class NoteAndTotal(QWidget):
    """The note for assumptions ("approximate", R15) beside the large exact total (R16)."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        note_box = QVBoxLayout()
        self.note_edit = NoteEdit(stack)
        self.note_edit.setObjectName("estimateNote")
        self.note_edit.setFixedHeight(46)  # two lines: the lines above need the room
        self._hint = _tr("e.g. approximate: without licence costs; the time may change once "
                         "the system is seen")
        note_box.addWidget(QLabel(_tr("Assumptions (the estimate is approximate):")))
        note_box.addWidget(self.note_edit)
        row.addLayout(note_box, 3)
        total_box = QVBoxLayout()
        caption = QLabel(_tr("Total (approximate)"))
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

    def set_editable(self, editable: bool) -> None:
        """Allow typing a note (a draft) or not (a frozen version: no hint shown either)."""
        self.note_edit.setReadOnly(not editable)
        self.note_edit.setPlaceholderText(self._hint if editable else "")
