"""The ready-answer picker: a few letters, Enter, and the filled answer is on the clipboard.

Opened from the card (Ctrl+Shift+G, or "Ready answer…" under it). The agent types
a few letters of the title or the text; Up/Down move through what is left; the
preview shows the answer filled from the card's client and request, and what
the desk could not fill (left in braces, said in orange). Enter copies the
text to the clipboard for the messenger and closes: the desk never sends
anything itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.ready_answers import FilledAnswer
from nit_desk.services.clients.card_dto import CardView
from nit_desk.services.clients.ready_answer_dto import ReadyAnswerDTO
from nit_desk.ui.palette import tone
from nit_desk.ui.ready_answer_values import filled_for

_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def matches(answer: ReadyAnswerDTO, query: str) -> bool:
    """Whether every word of ``query`` is in the answer's title or text (any case)."""
    haystack = f"{answer.title}\n{answer.body}".casefold()
    return all(word in haystack for word in query.casefold().split())


class ReadyAnswerPicker(QDialog):
    """Pick a ready answer, see it filled for this card, copy it for the messenger.

    Attributes:
        copied: the text put on the clipboard, once the agent picked one ("" before).
    """

    def __init__(self, answers: Sequence[ReadyAnswerDTO], view: CardView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readyAnswerPicker")
        self.setWindowTitle(self.tr("Ready answer"))
        self.answers = tuple(answers)
        self._view = view
        self.copied = ""
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("readyAnswerFilter")
        self.filter_edit.setPlaceholderText(self.tr("Type a few letters of the answer…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.filter_edit.installEventFilter(self)
        self.list = QListWidget()
        self.list.setObjectName("readyAnswerList")
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("readyAnswerPreview")
        self.preview.setReadOnly(True)
        self.missing_label = QLabel()
        self.missing_label.setObjectName("readyAnswerMissing")
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(f"color: {tone('#b35c00', '#ffb74d')};")
        self._build()
        self._fill_list()
        self.filter_edit.setFocus()

    def _build(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.copy_button = buttons.addButton(self.tr("&Copy for the messenger"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.setObjectName("readyAnswerCopy")
        self.copy_button.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter in the filter box copies, it never cancels
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.missing_label)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def _fill_list(self) -> None:
        query = self.filter_edit.text()
        self.list.clear()
        for answer in self.answers:
            if matches(answer, query):
                item = QListWidgetItem(answer.title)
                item.setData(Qt.ItemDataRole.UserRole, answer.id)
                item.setToolTip(answer.body)
                self.list.addItem(item)
        self.list.setCurrentRow(0 if self.list.count() else -1)
        if not self.list.count():
            self._show(None)

    def current_answer(self) -> ReadyAnswerDTO | None:
        """The answer under the cursor, or None when the filter left nothing."""
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.answers if a.id == wanted), None)

    def filled(self) -> FilledAnswer | None:
        """The current answer filled from the card, or None."""
        answer = self.current_answer()
        return None if answer is None else filled_for(answer.body, self._view)

    def _show(self, filled: FilledAnswer | None) -> None:
        self.preview.setPlainText(filled.text if filled else self.tr("No answer matches."))
        self.copy_button.setEnabled(filled is not None)
        if filled is None or filled.complete:
            self.missing_label.clear()
            self.missing_label.setVisible(False)
            return
        names = ", ".join("{" + name + "}" for name in filled.missing)
        self.missing_label.setText(self.tr(
            "The desk has nothing for {names} yet: fill it in the messenger before sending."
        ).replace("{names}", names))
        self.missing_label.setVisible(True)

    def accept(self) -> None:
        """Copy the filled answer to the clipboard and close (nothing is sent)."""
        filled = self.filled()
        if filled is None:
            return
        self.copied = filled.text
        QGuiApplication.clipboard().setText(filled.text)
        super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Up/Down in the filter box move through the list and Enter copies, so the hands
        stay on the keys."""
        if (watched is self.filter_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            if event.key() in _MOVE_KEYS:
                self.list.keyPressEvent(event)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
        return super().eventFilter(watched, event)

    def _on_filter_edit_text_changed(self, _text: str) -> None:
        self._fill_list()

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show(self.filled())
