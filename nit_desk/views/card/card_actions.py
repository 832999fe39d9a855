"""The foot of the client card and the dialogs the card opens.

"Sensitive action…" (R8) and "Propose ban…" (R10, R11) under the card, and
"New request…" (Ctrl+I, R7) in the Work menu: each opens its dialog
window-modal, awaits it without a nested event loop, and says in the status
bar what was saved. The dialog open now is kept (``sensitive_dialog``,
``ban_dialog``, ``intake_dialog``) so tests and the card can reach it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from nit_desk.services.clients.card_dto import CardView
from nit_desk.services.clients.ready_answers import list_ready_answers
from nit_desk.services.dto import ClientCard, IntakeResult, SensitiveActionDTO
from nit_desk.ui.session import Session
from nit_desk.views.card.ban_dialog import SENSITIVE_PREFIX, BanProposalDialog
from nit_desk.views.card.intake_dialog import IntakeDialog
from nit_desk.views.card.ready_answer_picker import ReadyAnswerPicker
from nit_desk.views.card.sensitive_dialog import SensitiveActionDialog
from nit_desk.views.widgets import dialog_finished


class CardActions(QWidget):
    """The card's action row, and the intake, sensitive-action and ban dialogs."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.sensitive_dialog: SensitiveActionDialog | None = None
        self.ban_dialog: BanProposalDialog | None = None
        self.intake_dialog: IntakeDialog | None = None
        self.answer_picker: ReadyAnswerPicker | None = None
        self.answer_button = QPushButton(self.tr("Ready &answer…"))
        self.answer_button.setObjectName("readyAnswerButton")
        self.answer_button.setToolTip(self.tr(
            "Copy a ready answer, filled for this client, for the messenger (Ctrl+Shift+G)"))
        self.sensitive_button = QPushButton(self.tr("&Sensitive action…"))
        self.sensitive_button.setObjectName("sensitiveActionButton")
        self.sensitive_button.setToolTip(self.tr(
            "Record that the client was warned before a code is asked for"))
        self.ban_button = QPushButton(self.tr("Propose &ban…"))
        self.ban_button.setObjectName("proposeBanButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.answer_button)
        row.addStretch(1)
        row.addWidget(self.sensitive_button)
        row.addWidget(self.ban_button)

    def set_card(self, card: ClientCard, *, read_only: bool) -> None:
        """Enable what ``card`` allows: no sensitive action for a banned client or on a
        request another agent holds; no second ban proposal."""
        self.sensitive_button.setEnabled(not card.banned and not read_only)
        self.ban_button.setEnabled(not card.banned and not card.ban_pending)
        self.ban_button.setToolTip(self._ban_tooltip(card))

    def _ban_tooltip(self, card: ClientCard) -> str:
        if card.banned:
            return self.tr("The client is banned already.")
        if card.ban_pending:
            return self.tr("A ban proposal is waiting for a supervisor.")
        return self.tr("Propose a ban for refused steps")

    def _said(self, text: str) -> None:
        self._session.events.status_message.emit(text)

    async def intake(self, parent: QWidget) -> IntakeResult | None:
        """The intake dialog over ``parent``'s window; what was saved, or None."""
        dialog = IntakeDialog(self._session, parent=parent.window())
        self.intake_dialog = dialog
        try:
            await dialog_finished(dialog)
            result = dialog.result_value
        finally:
            dialog.deleteLater()
            self.intake_dialog = None
        if result is not None:
            self._said(self.tr("New request #{id} for {handle} saved.").format(
                id=result.request_id, handle=result.client.handle))
        return result

    async def ready_answer(self, view: CardView, parent: QWidget) -> str:
        """Pick a ready answer filled from ``view`` and copy it; the text copied, or ""."""
        answers = await self._session.call(list_ready_answers)
        dialog = ReadyAnswerPicker(answers, view, parent=parent.window())
        self.answer_picker = dialog
        try:
            await dialog_finished(dialog)
            copied = dialog.copied
        finally:
            dialog.deleteLater()
            self.answer_picker = None
        if copied:
            self._said(self.tr("Ready answer copied: paste it into the messenger chat."))
        return copied

    async def sensitive_action(self, card: ClientCard, request_id: int | None,
                               parent: QWidget) -> bool:
        """Record a sensitive action (R8); a refusal offers a ban proposal (True: sent)."""
        dialog = SensitiveActionDialog(self._session, card.id, card.handle,
                                       request_id=request_id, parent=parent)
        self.sensitive_dialog = dialog
        try:
            await dialog_finished(dialog)
            recorded: SensitiveActionDTO | None = dialog.recorded
        finally:
            dialog.deleteLater()
            self.sensitive_dialog = None
        if recorded is not None:
            self._said(self.tr("Sensitive action recorded for {handle}.").format(
                handle=card.handle))
            if dialog.ban_wanted:
                return await self.propose_ban(card, parent,
                                              preselect=f"{SENSITIVE_PREFIX}{recorded.id}")
        return False

    async def propose_ban(self, card: ClientCard, parent: QWidget,
                          preselect: str | None = None) -> bool:
        """Propose a ban naming the refused steps (R10, R11); whether it was sent."""
        dialog = BanProposalDialog(self._session, card, parent=parent, preselect=preselect)
        self.ban_dialog = dialog
        try:
            accepted = await dialog_finished(dialog)
        finally:
            dialog.deleteLater()
            self.ban_dialog = None
        if accepted:
            self._said(self.tr("Ban of {handle} proposed to the supervisors.").format(
                handle=card.handle))
        return bool(accepted)
