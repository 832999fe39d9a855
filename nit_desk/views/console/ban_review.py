"""Ban review: pending proposals with the evidence beside them, and bans in force (R10-R12).

On the left the proposals waiting for a supervisor (client, refused steps,
proposing agent, when, comment) and, below, the clients banned now. On the
right the evidence about the selected client: the proposal, the checklist
with who set each step and when, the sensitive-action records (R8) and the
client's history (R17). Approve asks for an optional reason and applies R12
in one transaction; Reject and Lift need a reason. After each decision the
lists reload (``AppEvents.data_changed``) and the status bar says what happened.

Opening the tab, and each reload, is one call
(:func:`nit_desk.services.admin.ban_review.ban_review`): the lists and the
evidence of the client that stays selected come back together.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.errors import NitDeskError
from nit_desk.models.card.checklist_model import ChecklistModel
from nit_desk.models.card.history_model import HistoryModel
from nit_desk.models.console.console_tables import BannedModel, ProposalsModel, SensitiveModel
from nit_desk.services.admin import ban_review
from nit_desk.services.admin.console_dto import BanEvidence
from nit_desk.services.change import Change
from nit_desk.services.clients import bans
from nit_desk.services.dto import BanDTO, BannedClient, BanProposalDTO, ClientCard
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.money_text import money_text
from nit_desk.ui.runner import async_slot, owner_alive, run_async
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import local_time_text
from nit_desk.views.console.common import (
    TIME,
    ReasonDialog,
    fit_columns,
    make_table,
    size_columns,
)
from nit_desk.views.widgets import MessageLine, dialog_finished

SENSITIVE_PREFIX = "sensitive:"
RELOAD_DEBOUNCE_MS = 200


class BanReview(QWidget, ErrorSink):
    """The ban review tab: proposals, evidence, decisions, bans in force.

    Signals:
        pending_counted(int): how many proposals wait, after each read (the tab's title).
    """

    pending_counted = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banReview")
        self.session, self.events = session, session.events
        self.evidence: BanEvidence | None = None
        self.evidence_client: int | None = None
        self._read_along: BanEvidence | None = None
        """Evidence that came with the lists, shown without a call of its own."""
        self.dialog: ReasonDialog | None = None
        self.last_effect_text = ""  # what the approve dialog said a ban would do (R12)
        self._titles: dict[str, str] = {}
        self._deciding = False
        self._build()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DEBOUNCE_MS)
        self._reload_timer.timeout.connect(self.reload)
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
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._heading(self.tr("Ban proposals waiting for review")))
        self.proposals = ProposalsModel(self)
        self.proposals_table = make_table(self.proposals, "proposalsTable")
        size_columns(self.proposals_table, (14, 22, 12, TIME))
        self.proposals_table.selectionModel().selectionChanged.connect(
            self._on_proposals_selection_changed)
        column.addWidget(self.proposals_table, 3)
        self.empty_label = QLabel(self.tr("No ban proposals are waiting."))
        self.empty_label.setEnabled(False)
        column.addWidget(self.empty_label)
        self.approve_button = QPushButton(self.tr("&Approve ban…"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setToolTip(self.tr(
            "Ban the client: open requests are cancelled by ban and any advance is "
            "forfeited"))
        self.approve_button.clicked.connect(self._on_approve_button_clicked)
        self.reject_button = QPushButton(self.tr("&Reject…"))
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.setToolTip(self.tr("The client goes back to normal work"))
        self.reject_button.clicked.connect(self._on_reject_button_clicked)
        column.addLayout(self._row(self.approve_button, self.reject_button))
        column.addSpacing(8)
        column.addWidget(self._heading(self.tr("Banned clients")))
        self.banned = BannedModel(self)
        self.banned_table = make_table(self.banned, "bannedTable")
        size_columns(self.banned_table, (14, TIME, 10))
        self.banned_table.selectionModel().selectionChanged.connect(
            self._on_banned_selection_changed)
        column.addWidget(self.banned_table, 2)
        self.lift_button = QPushButton(self.tr("&Lift ban…"))
        self.lift_button.setObjectName("liftButton")
        self.lift_button.clicked.connect(self._on_lift_button_clicked)
        column.addLayout(self._row(self.lift_button))
        self.message = MessageLine()
        self.message.setObjectName("banReviewMessage")
        column.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._evidence_panel())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self._update_buttons()

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _row(self, *buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _evidence_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._heading(self.tr("Evidence")))
        self.evidence_label = QLabel(self.tr("Pick a proposal or a banned client to see "
                                             "the evidence."))
        self.evidence_label.setObjectName("evidenceSummary")
        self.evidence_label.setWordWrap(True)
        self.evidence_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.evidence_label)
        self.evidence_tabs = QTabWidget()
        self.evidence_tabs.setObjectName("evidenceTabs")
        self.checklist = ChecklistModel(self)
        self.checklist_table = make_table(self.checklist, "evidenceChecklist")
        fit_columns(self.checklist_table, stretch=0)
        self.sensitive = SensitiveModel(self)
        self.sensitive_table = make_table(self.sensitive, "evidenceSensitive")
        self._size_sensitive_columns()
        self.history = HistoryModel(self)
        self.history_table = make_table(self.history, "evidenceHistory")
        size_columns(self.history_table, (TIME, 8, 24))
        self.evidence_tabs.addTab(self.checklist_table, self.tr("Checklist"))
        self.evidence_tabs.addTab(self.sensitive_table, self.tr("Sensitive actions"))
        self.evidence_tabs.addTab(self.history_table, self.tr("History"))
        column.addWidget(self.evidence_tabs, 1)
        return panel

    def _size_sensitive_columns(self) -> None:
        """Action and explanation share the room (full texts in the tooltips); the rest fit."""
        fit_columns(self.sensitive_table)
        header = self.sensitive_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The few rows wrap so the whole warning and explanation reads without a tooltip.
        self.sensitive_table.setWordWrap(True)
        self.sensitive.modelReset.connect(self.sensitive_table.resizeRowsToContents)
        header.sectionResized.connect(
            lambda *_args: self.sensitive_table.resizeRowsToContents())

    # -- loading --

    def reload(self) -> None:
        """Read the proposals and the bans in force again (off the GUI thread)."""
        run_async(self._load(), owner=self)

    async def _load(self) -> None:
        keep_proposal = self.selected_proposal()
        keep_banned = self.selected_banned()
        view = await self.session.call(
            ban_review.ban_review, with_templates=not self._titles,
            keep_proposal_id=keep_proposal.id if keep_proposal is not None else None,
            keep_client_id=keep_banned.client_id if keep_banned is not None else None)
        for version in reversed(view.templates):
            self._titles.update({s.code: s.title for s in version.steps})
        proposals = list(view.proposals)
        self.proposals.step_titles = {p.client_id: self._titles for p in proposals}
        self.proposals.set_rows(proposals)
        self.banned.set_rows(list(view.banned))
        self.empty_label.setVisible(not proposals)
        self.pending_counted.emit(len(proposals))
        shown = self.evidence_client
        self._read_along = view.evidence
        try:
            self._reselect(keep_proposal, keep_banned)
            if shown is not None and shown == self.evidence_client:
                self._show_evidence_of(shown)  # same client still selected: its evidence may differ
        finally:
            self._read_along = None
        self._update_buttons()

    def _reselect(self, proposal: BanProposalDTO | None, banned: BannedClient | None) -> None:
        if proposal is not None:
            row = self.proposals.find(lambda p: p.id == proposal.id)
            if row is not None:
                self.proposals_table.selectRow(row)
                return
        if banned is not None:
            row = self.banned.find(lambda b: b.client_id == banned.client_id)
            if row is not None:
                self.banned_table.selectRow(row)
                return
        if self.proposals.rowCount():
            self.proposals_table.selectRow(0)
        else:
            self._clear_evidence()

    def selected_proposal(self) -> BanProposalDTO | None:
        """The proposal selected on the left, if any."""
        rows = self.proposals_table.selectionModel().selectedRows()
        return self.proposals.row_at(rows[0].row()) if rows else None

    def selected_banned(self) -> BannedClient | None:
        """The banned client selected, if any."""
        rows = self.banned_table.selectionModel().selectedRows()
        return self.banned.row_at(rows[0].row()) if rows else None

    def select_proposal(self, proposal_id: int) -> bool:
        """Select the proposal ``proposal_id`` (True when it is listed)."""
        row = self.proposals.find(lambda p: p.id == proposal_id)
        if row is not None:
            self.proposals_table.selectRow(row)
        return row is not None

    def select_banned(self, client_id: int) -> bool:
        """Select the banned client ``client_id`` (True when it is listed)."""
        row = self.banned.find(lambda b: b.client_id == client_id)
        if row is not None:
            self.banned_table.selectRow(row)
        return row is not None

    # -- evidence --

    def _show_evidence_of(self, client_id: int) -> None:
        self.evidence_client = client_id
        along = self._read_along
        if along is not None and along.card.id == client_id:
            self._set_evidence(along)  # read with the lists: no call of its own
            return
        run_async(self._load_evidence(client_id), owner=self)

    async def _load_evidence(self, client_id: int) -> None:
        evidence = await self.session.call(ban_review.ban_evidence, client_id)
        if client_id == self.evidence_client:  # else another client was picked meanwhile
            self._set_evidence(evidence)

    def _set_evidence(self, evidence: BanEvidence) -> None:
        self.evidence = evidence
        titles = {item.code: item.title for item in evidence.card.checklist}
        self.checklist.set_items(evidence.card.checklist)
        self.sensitive.set_rows(evidence.sensitive)
        self.history.set_entries(evidence.history, titles)
        self._update_summary()

    def _clear_evidence(self) -> None:
        self.evidence, self.evidence_client = None, None
        self.checklist.set_items([])
        self.sensitive.set_rows([])
        self.history.set_entries([])
        self.evidence_label.setText(self.tr("Pick a proposal or a banned client to see the "
                                            "evidence."))

    def _update_summary(self) -> None:
        evidence = self.evidence
        if evidence is None:
            return
        card = evidence.card
        lines = [self.tr("<b>{handle}</b> (client #{id}) — {state}").format(
            handle=_html(card.handle), id=card.id, state=self._client_state(card))]
        proposal = self.selected_proposal()
        if proposal is not None and proposal.client_id == card.id:
            lines.append(self.tr("Proposed by {agent} at {when}: “{comment}”").format(
                agent=_html(proposal.proposed_by), when=local_time_text(proposal.proposed_at),
                comment=_html(proposal.comment)))
            lines.append(self.tr("Refused: {steps}").format(
                steps=_html(self._refused_text(proposal, evidence))))
        banned = self.selected_banned()
        if banned is not None and banned.client_id == card.id:
            lines.append(self.tr("Banned by {user} at {when}: “{reason}”").format(
                user=_html(banned.ban.banned_by), when=local_time_text(banned.ban.banned_at),
                reason=_html(banned.ban.reason)))
        self.evidence_label.setText("<br>".join(lines))

    def _client_state(self, card: ClientCard) -> str:
        progress = self.tr("{done} of {total} required steps done").format(
            done=card.progress.required_done, total=card.progress.required_total)
        if card.banned:
            return self.tr("banned; {progress}").format(progress=progress)
        if card.registered:
            return self.tr("registered")
        return progress

    def _refused_text(self, proposal: BanProposalDTO, evidence: BanEvidence) -> str:
        titles = {item.code: item.title for item in evidence.card.checklist}
        actions = {f"{SENSITIVE_PREFIX}{a.id}": a for a in evidence.sensitive}
        names = []
        for code in proposal.refused_steps:
            if code in actions:
                action = actions[code]
                names.append(self.tr("sensitive action “{action}” ({warning}; the client "
                                     "answered: {answer})").format(
                    action=action.action, warning=self.sensitive.warning_text(action),
                    answer=self.tr("agreed") if action.client_agreed
                    else self.tr("refused")))
            else:
                names.append(titles.get(code, code))
        return "; ".join(names)

    # -- decisions --

    @async_slot()
    async def _on_approve_button_clicked(self) -> None:
        proposal = self.selected_proposal()
        if proposal is None:
            return
        effect = await self.session.call(ban_review.ban_effect, proposal.client_id)
        self.last_effect_text = self.tr(
            "Approving now: %n open request(s) cancelled, {money} forfeited.", "",
            effect.open_requests).format(money=money_text(effect.forfeited_kopecks))
        reason = await self._ask(
            self.tr("Approve the ban of {handle}").format(handle=proposal.client_handle),
            self.last_effect_text + "\n\n" +
            self.tr("{handle} will be banned: every open request is closed as cancelled by "
                    "ban and any advance paid is recorded as forfeited, not refunded. "
                    "A reason for the record (optional; the agent's comment is kept):")
            .format(handle=proposal.client_handle),
            self.tr("&Ban the client"), required=False)
        if reason is None:
            return
        ban = await self._decide(bans.approve_ban, proposal.id, reason)
        if isinstance(ban, BanDTO):
            self._say(self.tr("{handle} is banned: %n open request(s) cancelled, {money} "
                              "forfeited.", "", len(ban.cancelled_request_ids)).format(
                handle=proposal.client_handle, money=money_text(ban.forfeited_kopecks)))

    @async_slot()
    async def _on_reject_button_clicked(self) -> None:
        proposal = self.selected_proposal()
        if proposal is None:
            return
        reason = await self._ask(
            self.tr("Reject the ban of {handle}").format(handle=proposal.client_handle),
            self.tr("{agent} proposed to ban {handle}. Why is the proposal rejected? The agent "
                    "sees the reason on the client card.").format(
                agent=proposal.proposed_by, handle=proposal.client_handle),
            self.tr("&Reject the proposal"), required=True)
        if reason is None:
            return
        if await self._decide(bans.reject_ban, proposal.id, reason) is not None:
            self._say(self.tr("The ban proposal for {handle} is rejected; the client is back "
                              "to normal work.").format(handle=proposal.client_handle))

    @async_slot()
    async def _on_lift_button_clicked(self) -> None:
        banned = self.selected_banned()
        if banned is None:
            return
        reason = await self._ask(
            self.tr("Lift the ban of {handle}").format(handle=banned.handle),
            self.tr("{handle} may contact support again; requests cancelled by the ban stay "
                    "cancelled. Why is the ban lifted?").format(handle=banned.handle),
            self.tr("&Lift the ban"), required=True)
        if reason is None:
            return
        if await self._decide(bans.lift_ban, banned.client_id, reason) is not None:
            self._say(self.tr("The ban of {handle} is lifted.").format(handle=banned.handle))

    async def _ask(self, title: str, prompt: str, action: str, *,
                   required: bool) -> str | None:
        dialog = ReasonDialog(title, prompt, action, required=required, parent=self)
        self.dialog = dialog
        try:
            accepted = await dialog_finished(dialog)
            return dialog.reason if accepted else None
        finally:
            self.dialog = None
            dialog.deleteLater()

    async def _decide(self, call: Callable[..., object], key: int, reason: str) -> object | None:
        self.message.clear_message()
        self._set_deciding(True)
        try:
            return await self.session.call(call, key, reason)
        except NitDeskError as err:
            self.show_error(err)
            self.reload()
            return None
        finally:
            if owner_alive(self):
                self._set_deciding(False)

    def _set_deciding(self, deciding: bool) -> None:
        self._deciding = deciding
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.message.show_info(text)
        self.events.status_message.emit(text)
        self.reload()

    def show_error(self, err: NitDeskError) -> None:
        """A refused call shows its reason under the lists."""
        self.message.show_error(error_text(err))

    def _update_buttons(self) -> None:
        busy = self._deciding
        has_proposal = self.selected_proposal() is not None
        self.approve_button.setEnabled(has_proposal and not busy)
        self.reject_button.setEnabled(has_proposal and not busy)
        self.lift_button.setEnabled(self.selected_banned() is not None and not busy)

    # -- slots --

    @Slot(QItemSelection, QItemSelection)
    def _on_proposals_selection_changed(self, *_args: object) -> None:
        proposal = self.selected_proposal()
        if proposal is not None:
            self.banned_table.clearSelection()
            self._show_evidence_of(proposal.client_id)
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def _on_banned_selection_changed(self, *_args: object) -> None:
        banned = self.selected_banned()
        if banned is not None:
            self.proposals_table.clearSelection()
            self._show_evidence_of(banned.client_id)
        self._update_buttons()

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        if not self.loaded:
            return
        if change.concerns("ban_proposal", "ban", "client", "sensitive_action"):
            self._reload_timer.start()


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", " "))

