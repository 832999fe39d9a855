"""Proposing a ban: the refused steps and a comment, for a supervisor to review (R10, R11).

The list holds the client's checklist steps (refused ones ticked already) and
the sensitive actions the client refused (R8). The comment is required and
runs the secret guard as typed (R9).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError, ValidationError
from nit_desk.domain.text import clean_text
from nit_desk.domain.types import StepState
from nit_desk.models.card.checklist_model import state_icon, state_name
from nit_desk.services.clients import bans, sensitive
from nit_desk.services.dto import BanProposalDTO, ClientCard, SensitiveActionDTO
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.dialog_keys import install_dialog_keys
from nit_desk.views.field_feedback import FieldFeedback, FormErrors
from nit_desk.views.widgets import MessageLine

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SENSITIVE_PREFIX = "sensitive:"
"""How a refused sensitive action is named to ``propose_ban`` (as in services.bans)."""
COMMENT_MAX = 4000


class BanProposalDialog(QDialog, FormErrors):
    """Pick the refused steps, write a comment, send the proposal (R11)."""

    def __init__(self, session: Session, card: ClientCard, *,
                 preselect: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banProposalDialog")
        self.setWindowTitle(self.tr("Propose a ban — {handle}").format(handle=card.handle))
        self._session, self.card = session, card
        self.preselect = preselect
        self.proposal: BanProposalDTO | None = None
        self.loaded = False
        self.closed = False
        intro = QLabel(self.tr(
            "A client who refuses or obstructs a required action can be banned from support. "
            "Name what {handle} refused; a supervisor reviews the proposal.")
            .format(handle=card.handle))
        intro.setWordWrap(True)
        self.fields: dict[str, FieldFeedback] = {}
        self.steps = QListWidget()
        self.steps.setObjectName("refusedStepsList")
        self.steps.itemChanged.connect(lambda _i: self.fields["refused_steps"].clear())
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setPlaceholderText(self.tr("what happened, in a few words"))
        self.comment_edit.setMaximumHeight(100)
        self.comment_edit.textChanged.connect(self._on_comment_edit_text_changed)
        self.fields.update(refused_steps=FieldFeedback(self.steps),
                           comment=FieldFeedback(self.comment_edit))
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText(self.tr("&Send to supervisors"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        title = QLabel(self.tr("Propose to ban {handle}").format(handle=card.handle))
        title.setObjectName("banTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        steps_label = QLabel(self.tr("&Refused steps:"))
        steps_label.setBuddy(self.steps)
        layout.addWidget(steps_label)
        layout.addWidget(self.fields["refused_steps"], 1)
        comment_label = QLabel(self.tr("&Comment:"))
        comment_label.setBuddy(self.comment_edit)
        layout.addWidget(comment_label)
        layout.addWidget(self.fields["comment"])
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        install_dialog_keys(self, self.send_button)
        self._add_steps()
        self.resize(600, 560)
        run_async(self._load_sensitive(), owner=self)

    def _add_steps(self) -> None:
        for item in self.card.checklist:
            text = self.tr("{title} — {state}").format(title=item.title,
                                                        state=state_name(item.state))
            if item.required:
                text += " " + self.tr("(required)")
            checked = item.state is StepState.REFUSED or item.code == self.preselect
            self._add(text, item.code, checked, state_icon(item.state))

    def _add(self, text: str, code: str, checked: bool, icon: object = None) -> QListWidgetItem:
        entry = QListWidgetItem(text)
        if icon is not None:
            entry.setIcon(icon)  # type: ignore[arg-type]
        entry.setData(CODE_ROLE, code)
        entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                       | Qt.ItemFlag.ItemIsSelectable)
        entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.steps.addItem(entry)
        return entry

    async def _load_sensitive(self) -> None:
        actions = await self._session.call(sensitive.list_sensitive_actions, self.card.id)
        if not self.closed:
            self.add_sensitive_actions(actions)

    def done(self, result: int) -> None:
        """Close; a list still loading is dropped."""
        self.closed = True
        super().done(result)

    def add_sensitive_actions(self, actions: list[SensitiveActionDTO]) -> None:
        """List the sensitive actions the client refused (R8), after the steps."""
        for action in actions:
            if action.client_agreed:
                continue
            code = f"{SENSITIVE_PREFIX}{action.id}"
            self._add(self.tr("Sensitive action refused: {action} ({when})").format(
                action=action.action, when=local_time_text(action.recorded_at)), code,
                checked=code == self.preselect, icon=state_icon(StepState.REFUSED))
        self.loaded = True

    def chosen(self) -> list[str]:
        """Codes of the ticked steps and sensitive actions."""
        return [str(self.steps.item(i).data(CODE_ROLE)) for i in range(self.steps.count())
                if self.steps.item(i).checkState() == Qt.CheckState.Checked]

    def item_for(self, code: str) -> QListWidgetItem | None:
        """The list entry of ``code``."""
        for i in range(self.steps.count()):
            if self.steps.item(i).data(CODE_ROLE) == code:
                return self.steps.item(i)
        return None

    @Slot()
    def _on_comment_edit_text_changed(self) -> None:
        self._check_comment(required=False)

    def _check_comment(self, *, required: bool) -> bool:
        try:
            clean_text(self.comment_edit.toPlainText(), field="comment",
                       max_length=COMMENT_MAX, required=required)
        except ValidationError as err:
            self.fields["comment"].show_error(err)
            return False
        self.fields["comment"].clear()
        return True

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.message.clear_message()
        ok = self._check_comment(required=True)
        if not self.chosen():
            self.fields["refused_steps"].show_error(self.tr("Tick the step or steps the client "
                                                            "refused."))
            ok = False
        if ok:
            self._send()

    @async_slot()
    async def _send(self) -> None:
        self.send_button.setEnabled(False)
        try:
            self.proposal = await self._session.call(
                bans.propose_ban, self.card.id, self.chosen(), self.comment_edit.toPlainText())
        except NitDeskError as err:
            self.send_button.setEnabled(True)
            self.show_error(err)
            return
        self.send_button.setEnabled(True)
        self.accept()
