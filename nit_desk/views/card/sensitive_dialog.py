"""Recording a sensitive action: the warning given and the client's answer (R8, R9).

There is no field for a code or a password anywhere: the record says what the
action is, what was explained, that the client was warned, and whether they
agreed. Free text runs the secret guard as it is typed (R9); a refusal shows
beside the field and the text stays. When the client refused, the dialog
offers to propose a ban (R10).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.text import clean_text
from nit_desk.services.clients import sensitive
from nit_desk.services.dto import SensitiveActionDTO
from nit_desk.ui.runner import async_slot
from nit_desk.ui.session import Session
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.field_feedback import FieldFeedback, FormErrors
from nit_desk.views.widgets import MessageLine

ACTION_MAX, EXPLANATION_MAX = 500, 4000


class SensitiveActionDialog(QDialog, FormErrors):
    """Action, explanation, "warned and explained" tick, agreed or refused (R8)."""

    def __init__(self, session: Session, client_id: int,
                 handle: str, *, request_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensitiveActionDialog")
        self.setWindowTitle(self.tr("Sensitive action — {handle}").format(handle=handle))
        self._session = session
        self.client_id, self.request_id, self.handle = client_id, request_id, handle
        self.recorded: SensitiveActionDTO | None = None
        self.ban_wanted = False
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._refused_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(680, 410)

    # -- the form ------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr(
            "Only in cases agreed in advance may the client be asked for an in-app code or "
            "an SMS password, and only after warning them and explaining what will be done. "
            "Never type the code here: NIT Desk does not keep codes."))
        intro.setWordWrap(True)
        intro.setObjectName("sensitiveIntro")
        intro.setStyleSheet("QLabel#sensitiveIntro { background: rgba(230, 81, 0, 40); "
                            "border: 1px solid #e65100; border-radius: 4px; padding: 6px 8px; }")
        title = QLabel(self.tr("Sensitive action for {handle}").format(handle=self.handle))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.action_edit = QLineEdit()
        self.action_edit.setPlaceholderText(self.tr("e.g. registration on a cloud-backup "
                                                    "service (extra-fee line)"))
        self.explanation_edit = QPlainTextEdit()
        self.explanation_edit.setTabChangesFocus(True)
        self.explanation_edit.setPlaceholderText(self.tr("what was explained to the client: "
                                                         "what is done and why"))
        self.explanation_edit.setMinimumHeight(96)
        self.explanation_edit.setMaximumHeight(140)
        self.warned_box = QCheckBox(self.tr("The client was &warned and it was explained what "
                                            "will be done"))
        self.warned_box.setObjectName("warnedBox")
        self.agreed_radio = QRadioButton(self.tr("The client &agreed"))
        self.refused_radio = QRadioButton(self.tr("The client &refused"))
        self.answer_group = QButtonGroup(self)
        self.answer_group.addButton(self.agreed_radio)
        self.answer_group.addButton(self.refused_radio)
        answers = QHBoxLayout()
        answers.setContentsMargins(0, 0, 0, 0)
        answers.addWidget(self.agreed_radio)
        answers.addWidget(self.refused_radio)
        answers.addStretch(1)
        answer_widget = QWidget()
        answer_widget.setLayout(answers)
        self.fields = {
            "action": FieldFeedback(self.action_edit),
            "explanation": FieldFeedback(self.explanation_edit),
            "warned": FieldFeedback(self.warned_box),
            "answer": FieldFeedback(answer_widget),
        }
        self.action_edit.textEdited.connect(lambda _t: self._check_text("action"))
        self.explanation_edit.textChanged.connect(lambda: self._check_text("explanation"))
        self.warned_box.toggled.connect(lambda _c: self.fields["warned"].clear())
        self.answer_group.buttonClicked.connect(lambda _b: self.fields["answer"].clear())
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Record"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Ac&tion:"), self.fields["action"])
        form.addRow(self.tr("&Explanation given:"), self.fields["explanation"])
        form.addRow("", self.fields["warned"])
        form.addRow(self.tr("Answer:"), self.fields["answer"])
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.save_button)
        return page

    def _refused_page(self) -> QWidget:
        page = QWidget()
        self.refused_text = QLabel()
        self.refused_text.setObjectName("refusedText")
        self.refused_text.setWordWrap(True)
        self.ban_button = QPushButton(self.tr("&Propose ban…"))
        self.ban_button.setObjectName("proposeBanFromSensitive")
        self.ban_button.clicked.connect(self._on_ban_button_clicked)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ban_button)
        row.addWidget(close)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.refused_text)
        layout.addStretch(1)
        layout.addLayout(row)
        return page

    # -- checks --------------------------------------------------------------

    def _text(self, name: str) -> str:
        return (self.action_edit.text() if name == "action"
                else self.explanation_edit.toPlainText())

    def _check_text(self, name: str, *, required: bool = False) -> bool:
        """Secret guard and length as typed (R9); the text itself is never changed."""
        maximum = ACTION_MAX if name == "action" else EXPLANATION_MAX
        try:
            clean_text(self._text(name), field=name, max_length=maximum, required=required)
        except ValidationError as err:
            self.fields[name].show_error(err)
            return False
        self.fields[name].clear()
        return True

    def check_all(self) -> bool:
        """Every field, every reason shown; True when the record may be sent."""
        ok = self._check_text("action", required=True)
        ok = self._check_text("explanation", required=True) and ok
        if not self.warned_box.isChecked():
            self.fields["warned"].show_error(self.tr(
                "Warn the client and explain what will be done first."))
            ok = False
        if self.answer_group.checkedButton() is None:
            self.fields["answer"].show_error(self.tr("Choose whether the client agreed."))
            ok = False
        return ok

    # -- saving ---------------------------------------------------------------

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.message.clear_message()
        if self.check_all():
            self._record()

    @async_slot()
    async def _record(self) -> None:
        self.save_button.setEnabled(False)
        try:
            recorded = await self._session.call(
                sensitive.record_sensitive_action, self.client_id,
                request_id=self.request_id, action=self.action_edit.text(),
                explanation=self.explanation_edit.toPlainText(),
                warned_and_explained=self.warned_box.isChecked(),
                client_agreed=self.agreed_radio.isChecked())
        except NitDeskError as err:
            self.save_button.setEnabled(True)
            self.show_error(err)
            return
        self.save_button.setEnabled(True)
        self.recorded = recorded
        if recorded.client_agreed:
            self.accept()
            return
        self.refused_text.setText(self.tr(
            "Recorded: {handle} refused \"{action}\". Refusing a required action can be "
            "grounds for a ban: you may propose one to the supervisors.").format(
                handle=self.handle, action=recorded.action))
        self.pages.setCurrentIndex(1)
        self.ban_button.setFocus()

    @Slot()
    def _on_ban_button_clicked(self) -> None:
        self.ban_wanted = True
        self.accept()
