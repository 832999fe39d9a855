"""The console's ready answers: supervisors write the templates agents copy (R17, R18).

A list of answers (withdrawn ones greyed) beside a title and a text field, the
placeholders the desk can fill listed under the text. Save checks the text in
the service (unknown placeholders, stray braces, secrets: R9, R23) and shows a
refusal beside the field; every save is audited by the service.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.ready_answers import PLACEHOLDERS
from nit_desk.services.change import Change
from nit_desk.services.clients import ready_answers
from nit_desk.services.clients.ready_answer_dto import ReadyAnswerDTO
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.views.field_feedback import FieldFeedback, FormErrors
from nit_desk.views.widgets import MessageLine


class ReadyAnswersEditor(QWidget, FormErrors):
    """Add, change, withdraw and bring back ready answers (supervisors only)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readyAnswersEditor")
        self._session = session
        self.answers: tuple[ReadyAnswerDTO, ...] = ()
        self.list = QListWidget()
        self.list.setObjectName("readyAnswersList")
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("readyAnswerTitle")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("readyAnswerBody")
        self.message = MessageLine()
        self.fields = {"title": FieldFeedback(self.title_edit),
                       "text": FieldFeedback(self.body_edit)}
        self._build()
        session.events.data_changed.connect(self._on_events_data_changed)
        run_async(self.load(), owner=self)

    def _build(self) -> None:
        self.new_button = QPushButton(self.tr("&New answer"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("readyAnswerSave")
        self.active_button = QPushButton(self.tr("&Withdraw"))
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.active_button.clicked.connect(self._on_active_button_clicked)
        QShortcut(QKeySequence("Ctrl+S"), self, self._on_save_button_clicked,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.fields["title"])
        form.addRow(self.tr("Text:"), self.fields["text"])
        help_label = QLabel(self._placeholder_help())
        help_label.setWordWrap(True)
        help_label.setEnabled(False)
        form.addRow("", help_label)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form, 1)
        right.addWidget(self.message)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(right, 2)

    def _placeholder_help(self) -> str:
        names = "; ".join(
            "{" + name + "} — " + QCoreApplication.translate("ready_answers", meaning)
            for name, meaning in PLACEHOLDERS.items())
        return self.tr("The desk fills: {names}").replace("{names}", names)

    async def load(self, select_id: int | None = None) -> None:
        """Read every answer, withdrawn ones too, and keep ``select_id`` selected."""
        current = self.current_answer()
        wanted = select_id if select_id is not None else (current.id if current else None)
        self.answers = await self._session.call(ready_answers.list_ready_answers, True)
        self.list.blockSignals(True)
        self.list.clear()
        for answer in self.answers:
            item = QListWidgetItem(answer.title if answer.active else self.tr(
                "{title} (withdrawn)").replace("{title}", answer.title))
            item.setData(Qt.ItemDataRole.UserRole, answer.id)
            if not answer.active:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [a.id for a in self.answers]
        self.list.setCurrentRow(ids.index(wanted) if wanted in ids else 0)

    def current_answer(self) -> ReadyAnswerDTO | None:
        """The answer selected in the list (None while a new one is written)."""
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.answers if a.id == wanted), None)

    def _show(self, answer: ReadyAnswerDTO | None) -> None:
        for feedback in self.fields.values():
            feedback.clear()
        self.message.clear_message()
        self.title_edit.setText(answer.title if answer else "")
        self.body_edit.setPlainText(answer.body if answer else "")
        self.active_button.setEnabled(answer is not None)
        self.active_button.setText(self.tr("&Withdraw") if answer is None or answer.active
                                   else self.tr("&Bring back"))

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show(self.current_answer())

    def _on_new_button_clicked(self) -> None:
        self.list.setCurrentRow(-1)
        self._show(None)
        self.title_edit.setFocus()

    @async_slot()
    async def _on_save_button_clicked(self) -> None:
        current = self.current_answer()
        saved = await self._session.call(
            ready_answers.save_ready_answer, current.id if current else None,
            title=self.title_edit.text(), body=self.body_edit.toPlainText())
        await self.load(saved.id)
        self.message.show_info(self.tr("Ready answer saved."))

    @async_slot()
    async def _on_active_button_clicked(self) -> None:
        current = self.current_answer()
        if current is None:
            return
        saved = await self._session.call(ready_answers.set_ready_answer_active, current.id,
                                         not current.active)
        await self.load(saved.id)

    def _on_events_data_changed(self, change: Change) -> None:
        if change.concerns(ready_answers.ENTITY) and not change.is_everything:
            run_async(self.load(), owner=self)
