"""The client card: who the client is, how far registration got, what the request needs.

Header with the handle and badges (registered, trusted, banned, ban proposed);
contacts (R1, R2); the phone-consultation indicator (R6); the trust toggle (R5);
the request with its payment scheme (R7, R14); tabs for the registration
checklist (R3, R4) and the client's history (R17); and the buttons for a
sensitive action (R8) and a ban proposal (R10, R11).

Everything loads through the service runner; the card reloads itself when a
committed change concerns its client (``Change.concerns(client_id=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.domain.registration import (
    PHONE_REFUSAL_TEXT,
    TRUST_REFUSAL_TEXT,
    PhoneConsultation,
    trust_refusals,
)
from nit_desk.domain.types import BanProposalStatus, StepState
from nit_desk.models.card.history_model import HistoryModel
from nit_desk.services.admin.audit_dto import AuditRecord
from nit_desk.services.change import Change
from nit_desk.services.dto import ClientCard, RequestDTO
from nit_desk.services.money.money_dto import MoneyStatus
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.events import AppEvents
from nit_desk.ui.palette import tone
from nit_desk.ui.queue_texts import status_name
from nit_desk.ui.runner import ServiceRunner, async_slot, run_async
from nit_desk.views.card.ban_dialog import SENSITIVE_PREFIX, BanProposalDialog
from nit_desk.views.card.card_corrections import CardCorrections
from nit_desk.views.card.card_gateway import CardGateway
from nit_desk.views.card.checklist_panel import ChecklistPanel
from nit_desk.views.card.contacts_panel import ContactsPanel, Pill
from nit_desk.views.card.intake_dialog import IntakeDialog
from nit_desk.views.card.request_life import RequestLifeBar
from nit_desk.views.card.request_panel import RequestPanel
from nit_desk.views.card.sensitive_dialog import SensitiveActionDialog
from nit_desk.views.card.work_log_panel import WorkLogPanel
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.widgets import (
    MessageLine,
    PlaceholderPanel,
    TimersHeldWhileClosed,
    dialog_finished,
    read_only_table,
)

ALLOWED_COLOUR, REFUSED_COLOUR = ("#2e7d32", "#81c784"), ("#c62828", "#ef9a9a")
"""(light palette, dark palette) tones of the phone-consultation frame."""


@dataclass(frozen=True)
class CardData:
    """What one load of the card brings back."""

    card: ClientCard
    request: RequestDTO | None
    money: MoneyStatus | None
    history: tuple[AuditRecord, ...]


def _t(text: str) -> str:
    return QCoreApplication.translate(MESSAGE_CONTEXT, text)


class PhoneConsultationIndicator(QFrame):
    """"Phone consultation: allowed" in green, or "not allowed" in red with every reason (R6)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneIndicator")
        self.headline = QLabel()
        self.headline.setObjectName("phoneHeadline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.reasons = QLabel()
        self.reasons.setObjectName("phoneReasons")
        self.reasons.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.headline)
        layout.addWidget(self.reasons)
        self.allowed: bool | None = None
        self.set_consultation(None)

    def set_consultation(self, consultation: PhoneConsultation | None) -> None:
        """Show whether a phone consultation is allowed, and why not."""
        self.allowed = consultation.allowed if consultation else None
        if consultation is None:
            self.headline.setText(self.tr("Phone consultation: —"))
            self.reasons.setText("")
            self._colour(("#616161", "#bdbdbd"))
        elif consultation.allowed:
            self.headline.setText(self.tr("Phone consultation: allowed"))
            self.reasons.setText(self.tr("Trusted person, current work paid."))
            self._colour(ALLOWED_COLOUR)
        else:
            self.headline.setText(self.tr("Phone consultation: not allowed"))
            self.reasons.setText("\n".join(
                f"— {_t(PHONE_REFUSAL_TEXT[r])}" for r in consultation.refusals))
            self._colour(REFUSED_COLOUR)
        self.reasons.setVisible(bool(self.reasons.text()))

    @property
    def reason_lines(self) -> list[str]:
        """The reasons shown (translated domain texts, without the dash)."""
        return [line.removeprefix("— ") for line in self.reasons.text().splitlines() if line]

    def _colour(self, tones: tuple[str, str]) -> None:
        colour = tone(*tones)
        self.setStyleSheet(
            f"QFrame#phoneIndicator {{ border: 2px solid {colour}; border-radius: 6px; }}"
            f"QLabel#phoneHeadline {{ color: {colour}; }}")


class ClientCardView(QWidget, ErrorSink):
    """The right half of the desk: the client and the request at hand.

    Args:
        gateway: the card's services for the signed-in user.
        runner: where the (blocking) service calls run.
        events: the application's change notifications.

    Signals:
        request_taken(RequestDTO): the author of an intake took the new request (the
            queue selects it).
    """

    request_taken = Signal(object)

    def __init__(self, gateway: CardGateway, runner: ServiceRunner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientCard")
        self.gateway, self.runner, self.events = gateway, runner, events
        self.card: ClientCard | None = None
        self.request_id: int | None = None
        self.client_id: int | None = None
        self._generation = 0
        self.loading = False
        self.sensitive_dialog: SensitiveActionDialog | None = None
        self.ban_dialog: BanProposalDialog | None = None
        self.intake_dialog: IntakeDialog | None = None
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(60)
        self._reload_timer.timeout.connect(self._on_reload_timer_timeout)
        self._timers_held = TimersHeldWhileClosed(self, self._reload_timer)
        self.request_tabs: list[QWidget] = []  # added tabs that follow the shown request
        self._build()
        self.corrections = CardCorrections(gateway, runner, events, self, self)
        self._wire_corrections()
        self.action_new_request = QAction(self.tr("&New request…"), self)
        self.action_new_request.setObjectName("actionNewRequest")
        self.action_new_request.setShortcut(QKeySequence("Ctrl+I"))
        self.action_new_request.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action_new_request.triggered.connect(self._on_action_new_request_triggered)
        self.addActions(self.life_bar.work_actions())  # the shortcuts work on the card alone too
        events.data_changed.connect(self._on_events_data_changed)

    def work_actions(self) -> list[QAction]:
        """The card's entries for the Work menu: "New request…" (Ctrl+I) and the moves of
        the shown request (R19): whatever the card shows is what they act on."""
        return [self.action_new_request, *self.life_bar.work_actions()]

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.placeholder = PlaceholderPanel(
            self.tr("Client card"), self.tr("Pick a request in the queue to see its client, "
                                            "or press Ctrl+I for a new request."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._content())
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("cardBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumHeight(4)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.stack, 1)

    def _content(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(self._header())
        layout.addLayout(self._info_row())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("cardTabs")
        self.request_panel = RequestPanel(self.gateway, self.runner)
        self.request_panel.request_changed.connect(self._on_request_panel_request_changed)
        self.checklist = ChecklistPanel()
        self.checklist.step_state_requested.connect(self._on_checklist_step_state_requested)
        self.history_model = HistoryModel(self)
        self.history_view = self._history_view()
        self.work_log = WorkLogPanel(self.gateway, self.runner, self.events)
        self.tabs.addTab(self.checklist, self.tr("Re&gistration"))
        self.tabs.addTab(self.history_view, self.tr("&History"))
        self.tabs.addTab(self.work_log, self.tr("Wor&k log"))
        layout.addWidget(self.request_panel)
        layout.addWidget(self.tabs, 1)
        self.message = MessageLine()
        self.message.setObjectName("cardMessage")
        self.life_bar = RequestLifeBar(self.gateway, self.runner, self.message)
        self.life_bar.request_moved.connect(self._on_life_bar_request_moved)
        layout.addWidget(self.life_bar)
        layout.addWidget(self.message)
        layout.addLayout(self._action_row())
        return page

    def _header(self) -> QHBoxLayout:
        self.handle_label = QLabel()
        self.handle_label.setObjectName("cardHandle")
        self.handle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.handle_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.handle_label.setFont(font)
        self.pills = {
            "registered": Pill("registered", self.tr("registered")),
            "unregistered": Pill("unregistered", self.tr("not registered")),
            "trusted": Pill("trusted", self.tr("trusted")),
            "banned": Pill("banned", self.tr("banned")),
            "ban_proposed": Pill("ban_proposed", self.tr("ban proposed")),
        }
        row = QHBoxLayout()
        row.addWidget(self.handle_label)
        row.addSpacing(8)
        for pill in self.pills.values():
            pill.setVisible(False)  # set_card shows the ones that apply
            row.addWidget(pill)
        row.addStretch(1)
        return row

    def _info_row(self) -> QHBoxLayout:
        self.contacts = ContactsPanel()
        self.system_info = QLabel()
        self.system_info.setObjectName("systemInfo")
        self.system_info.setWordWrap(True)
        self.system_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.system_info_button = QToolButton()
        self.system_info_button.setObjectName("editSystemInfoButton")
        self.system_info_button.setText("✎")  # as beside each contact; the words are the tip
        self.system_info_button.setAccessibleName(self.tr("Edit…"))
        self.system_info_button.setToolTip(self.tr("Correct the system information"))
        self.system_info_button.setAutoRaise(True)
        system_row = QHBoxLayout()
        system_row.addWidget(self.system_info, 1)
        system_row.addWidget(self.system_info_button, 0, Qt.AlignmentFlag.AlignTop)
        left = QVBoxLayout()
        left.addWidget(self.contacts)
        left.addLayout(system_row)
        left.addStretch(1)
        self.phone_indicator = PhoneConsultationIndicator()
        self.trust_box = QCheckBox(self.tr("On the &trusted persons list"))
        self.trust_box.setObjectName("trustToggle")
        self.trust_box.clicked.connect(self._on_trust_box_clicked)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setVisible(False)
        right = QVBoxLayout()
        right.addWidget(self.phone_indicator)
        right.addWidget(self.trust_box)
        right.addWidget(self.outcome_label)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        return row

    def _history_view(self) -> QTableView:
        return read_only_table(self.history_model, "historyView")

    def _action_row(self) -> QHBoxLayout:
        self.sensitive_button = QPushButton(self.tr("&Sensitive action…"))
        self.sensitive_button.setObjectName("sensitiveActionButton")
        self.sensitive_button.setToolTip(self.tr(
            "Record that the client was warned before a code is asked for (R8)"))
        self.sensitive_button.clicked.connect(self._on_sensitive_button_clicked)
        self.ban_button = QPushButton(self.tr("Propose &ban…"))
        self.ban_button.setObjectName("proposeBanButton")
        self.ban_button.clicked.connect(self._on_ban_button_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.sensitive_button)
        row.addWidget(self.ban_button)
        return row

    def add_request_tab(self, widget: QWidget, title: str) -> None:
        """Add a tab about the shown request; its ``show_request(request_id)`` follows the card.

        Used for the estimate editor and the payments panel
        (:func:`nit_desk.app.money_services.install_money_tabs`).
        """
        area = QScrollArea()  # a wide editor scrolls instead of widening the whole window
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(widget)
        self.tabs.addTab(area, title)
        self.request_tabs.append(widget)
        widget.show_request(self.request_id)  # type: ignore[attr-defined]

    # -- loading -------------------------------------------------------------

    def show_request(self, request_id: int | None, client_id: int | None) -> None:
        """Show the client of ``request_id`` (or ``client_id``) and that request.

        Both None shows the empty card. Loads off the GUI thread; a newer call
        wins over an older one still loading.
        """
        if request_id != self.request_id:
            self.clear_request_messages()
            self.life_bar.set_request(None)  # no move acts on the last request meanwhile
        self.request_id, self.client_id = request_id, client_id
        self._generation += 1
        for tab in self.request_tabs:
            tab.show_request(request_id)  # type: ignore[attr-defined]
        self.work_log.show_request(request_id, client_id)
        if request_id is None and client_id is None:
            self.card = None
            self._set_loading(False)
            self.stack.setCurrentIndex(0)
            return
        self.message.clear_message()
        self._set_loading(True)  # busy at once, not one loop turn later
        run_async(self._load(self._generation, request_id, client_id), owner=self)

    def reload(self) -> None:
        """Load the shown client and request again (after a change)."""
        if self.request_id is not None or self.client_id is not None:
            self._generation += 1
            self._set_loading(True)
            run_async(self._load(self._generation, self.request_id, self.client_id),
                      owner=self)

    async def _load(self, generation: int, request_id: int | None,
                    client_id: int | None) -> None:
        if not isValid(self):
            return  # closed before the load began
        try:
            data = await self._fetch(request_id, client_id)
        except NitDeskError:
            if not isValid(self):
                return  # the window closed meanwhile: nobody to tell
            if generation == self._generation:
                self._set_loading(False)
            raise
        if not isValid(self) or generation != self._generation:
            return
        self._set_loading(False)
        self.client_id = data.card.id
        self._apply(data)

    async def _fetch(self, request_id: int | None, client_id: int | None) -> CardData:
        request = None
        if request_id is not None:
            request = await self.runner.call(self.gateway.request_detail, request_id)
            client_id = request.client_id
        assert client_id is not None
        card = await self.runner.call(self.gateway.client_card, client_id)
        money = (await self.runner.call(self.gateway.request_money, request_id)
                 if request_id is not None else None)
        history = await self.runner.call(self.gateway.client_history, client_id)
        return CardData(card, request, money, tuple(history))

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.busy_bar.setVisible(loading)
        self.setCursor(Qt.CursorShape.BusyCursor if loading else Qt.CursorShape.ArrowCursor)

    def _apply(self, data: CardData) -> None:
        self.stack.setCurrentIndex(1)
        self.life_bar.set_request(data.request)
        self.set_card(data.card)
        self.request_panel.set_request(data.request, data.money)
        self.work_log.show_request(self.request_id, data.card.id)
        self._apply_read_only()
        titles = {item.code: item.title for item in data.card.checklist}
        self.history_model.set_entries(data.history, titles)

    def clear_request_messages(self) -> None:
        """Hide every message line of the card and its tabs (none may show under another
        request: "payment recorded" belongs to the request it was said about)."""
        for line in self.findChildren(MessageLine):
            line.clear_message()
        for field in self.findChildren(FieldFeedback):
            field.clear()

    @property
    def read_only(self) -> bool:
        """Whether another agent's live claim holds the shown request (supervisors: never)."""
        return self.life_bar.read_only

    def _apply_read_only(self) -> None:
        """A request held by another agent shows read-only; the services refuse anyway."""
        read_only = self.read_only
        self.checklist.set_editable(self._checklist_editable())
        panel = self.request_panel
        if read_only:
            for widget in (panel.spec_box, panel.offline_box, panel.visit_box,
                           panel.address_edit):
                widget.setEnabled(False)
        banned = self.card is not None and self.card.banned
        self.sensitive_button.setEnabled(not banned and not read_only)
        self.work_log.set_read_only(read_only)
        for tab in self.request_tabs:
            set_read_only = getattr(tab, "set_read_only", None)
            if callable(set_read_only):
                set_read_only(read_only)
            else:
                tab.setEnabled(not read_only)

    def _checklist_editable(self) -> bool:
        return self.card is not None and not self.card.banned and not self.read_only

    def set_card(self, card: ClientCard) -> None:
        """Show ``card``'s header, contacts, indicators and checklist."""
        self.card = card
        self.handle_label.setText(card.handle)
        self.pills["registered"].setVisible(card.registered)
        self.pills["unregistered"].setVisible(not card.registered)
        self.pills["trusted"].setVisible(card.trusted)
        self.pills["banned"].setVisible(card.banned)
        self.pills["ban_proposed"].setVisible(card.ban_pending and not card.banned)
        self.contacts.set_editable(not card.banned)
        self.contacts.set_contacts(card.contacts)
        self.system_info_button.setEnabled(not card.banned)
        self.system_info.setText(self.tr("System: {info}").format(info=card.system_info)
                                 if card.system_info else self.tr("System: not collected yet"))
        self.phone_indicator.set_consultation(card.phone_consultation)
        self._show_trust(card)
        self._show_outcome(card)
        self.checklist.set_card(card)
        if self.read_only:
            self.checklist.set_editable(False)
        p = card.progress
        self.tabs.setTabText(0, self.tr("Re&gistration ({done}/{total})").format(
            done=p.required_done, total=p.required_total))
        self.sensitive_button.setEnabled(not card.banned and not self.read_only)
        self.ban_button.setEnabled(not card.banned and not card.ban_pending)
        self.ban_button.setToolTip(self._ban_tooltip(card))

    def _show_trust(self, card: ClientCard) -> None:
        refusals = trust_refusals(registered=card.registered, banned=card.banned)
        self.trust_box.setChecked(card.trusted)
        self.trust_box.setEnabled(card.trusted or not refusals)
        if refusals and not card.trusted:
            self.trust_box.setToolTip(self.tr("Only a registered client who is not banned can "
                                              "be trusted (R5): {reasons}.").format(
                reasons="; ".join(_t(TRUST_REFUSAL_TEXT[r]) for r in refusals)))
        else:
            self.trust_box.setToolTip(self.tr("Trusted persons may get phone consultations "
                                              "once the current work is paid (R6)."))

    def _show_outcome(self, card: ClientCard) -> None:
        outcome = card.last_ban_outcome
        if outcome is None or card.ban_pending or card.banned:
            self.outcome_label.setVisible(False)
            return
        verdict = (self.tr("approved") if outcome.status is BanProposalStatus.APPROVED
                   else self.tr("rejected"))
        text = self.tr("Last ban proposal {verdict} by {user}").format(
            verdict=verdict, user=outcome.reviewed_by or "?")
        if outcome.reason:
            text += f": {outcome.reason}"
        self.outcome_label.setText(text)
        self.outcome_label.setVisible(True)

    def _ban_tooltip(self, card: ClientCard) -> str:
        if card.banned:
            return self.tr("The client is banned already.")
        if card.ban_pending:
            return self.tr("A ban proposal is waiting for a supervisor.")
        return self.tr("Propose a ban for refused steps (R10, R11)")

    # -- corrections (R21) ----------------------------------------------------

    def _wire_corrections(self) -> None:
        fixes = self.corrections
        self.contacts.fix_requested.connect(
            lambda contact: run_async(fixes.fix_contact(contact), owner=self))
        self.contacts.remove_requested.connect(
            lambda contact: run_async(fixes.remove_contact(contact), owner=self))
        self.contacts.add_requested.connect(lambda: run_async(fixes.add_contact(), owner=self))
        self.system_info_button.clicked.connect(
            lambda: run_async(fixes.edit_system_info(), owner=self))
        self.request_panel.deadline_change_requested.connect(
            lambda: run_async(fixes.reagree_deadline(), owner=self))
        self.request_panel.description_edit_requested.connect(
            lambda: run_async(fixes.edit_description(), owner=self))

    def shown_request(self) -> RequestDTO | None:
        """The request on the card now."""
        return self.request_panel.request

    def show_corrected_card(self, card: ClientCard) -> None:
        """Show the client card a correction returned (the history follows on reload)."""
        self.set_card(card)
        self.reload()

    def show_corrected_request(self, request: RequestDTO) -> None:
        """Show the request a correction returned, with its money and history."""
        self.request_panel.set_request(request, None)
        self.reload()

    # -- errors -------------------------------------------------------------

    def show_error(self, err: NitDeskError) -> None:
        """A refused call shows its reason under the card (the runner routes it here)."""
        self.message.show_error(error_text(err))

    # -- slots --------------------------------------------------------------

    @Slot(object)
    def _on_events_data_changed(self, change: Change) -> None:
        if self.client_id is not None and change.concerns(client_id=self.client_id):
            self._reload_timer.start()

    @Slot()
    def _on_reload_timer_timeout(self) -> None:
        if not self._timers_held.holds(self._reload_timer):
            self.reload()

    @Slot(str, object)
    def _on_checklist_step_state_requested(self, code: str, state: StepState) -> None:
        run_async(self._set_step(code, state), owner=self)

    async def _set_step(self, code: str, state: StepState) -> None:
        card = self.card
        if card is None:
            return
        self.checklist.set_editable(False)
        self.message.clear_message()
        try:
            fresh = await self.runner.call(self.gateway.set_step_state, card.id, code, state)
        finally:
            if isValid(self):
                self.checklist.set_editable(self._checklist_editable())
        if isValid(self) and self.card is not None and self.card.id == fresh.id:
            self.set_card(fresh)
            if state is StepState.DONE:
                self._advance_after(code)

    def _advance_after(self, code: str) -> None:
        """After ticking a step done, move to the next pending one (a quick tick-through)."""
        items = self.card.checklist if self.card else ()
        codes = [i.code for i in items]
        start = codes.index(code) + 1 if code in codes else 0
        for item in (*items[start:], *items[:start]):
            if item.state is StepState.PENDING:
                self.checklist.select_step(item.code)
                return

    @async_slot()
    async def _on_trust_box_clicked(self) -> None:
        card = self.card
        if card is None:
            return
        wanted = self.trust_box.isChecked()
        self.trust_box.setEnabled(False)
        try:
            fresh = await self.runner.call(self.gateway.set_trusted, card.id, wanted)
        except NitDeskError:
            if not isValid(self):
                return
            if self.card is not None:
                self._show_trust(self.card)
            raise
        if isValid(self) and self.card is not None and self.card.id == fresh.id:
            self.set_card(fresh)

    @Slot(object)
    def _on_life_bar_request_moved(self, request: RequestDTO) -> None:
        self.events.status_message.emit(self.tr("Request #{id}: {status}.").format(
            id=request.id, status=status_name(request.status)))
        if request.id == self.request_id:
            self.reload()

    @Slot(object)
    def _on_request_panel_request_changed(self, request: RequestDTO) -> None:
        self.events.status_message.emit(self.tr("Request #{id}: payment scheme saved.").format(
            id=request.id))

    @Slot()
    def _on_action_new_request_triggered(self) -> None:
        if self.intake_dialog is None:
            run_async(self.open_intake(), owner=self)
        else:
            self.intake_dialog.raise_()
            self.intake_dialog.activateWindow()

    async def open_intake(self) -> None:
        """The intake dialog; on save the card shows the new request (R7)."""
        dialog = IntakeDialog(self.gateway, self.runner, parent=self.window())
        self.intake_dialog = dialog
        try:
            await dialog_finished(dialog)
            result = dialog.result_value
        finally:
            dialog.deleteLater()
            self.intake_dialog = None
        if result is not None:
            self.events.status_message.emit(self.tr("New request #{id} for {handle} saved.")
                                            .format(id=result.request_id,
                                                    handle=result.client.handle))
            await self._take_and_show(result.request_id, result.client.id)

    async def _take_and_show(self, request_id: int, client_id: int) -> None:
        """The author of an intake holds the new request, the card shows it (one load, the
        claim included) and the queue selects it; a refused claim is said on the card."""
        try:
            taken = await self.runner.call(self.gateway.take_request, request_id)
        except NitDeskError as err:
            if isValid(self):
                self.show_request(request_id, client_id)
                self.show_error(err)
            return
        if isValid(self):
            self.show_request(request_id, client_id)
            self.request_taken.emit(taken)

    @Slot()
    def _on_sensitive_button_clicked(self) -> None:
        if self.card is not None:
            run_async(self.open_sensitive_dialog(), owner=self)

    @Slot()
    def _on_ban_button_clicked(self) -> None:
        if self.card is not None:
            run_async(self.open_ban_dialog(), owner=self)

    async def open_sensitive_dialog(self) -> None:
        """Record a sensitive action (R8); a refusal offers a ban proposal."""
        card = self.card
        if card is None:
            return
        dialog = SensitiveActionDialog(self.gateway, self.runner, card.id, card.handle,
                                       request_id=self.request_id, parent=self)
        self.sensitive_dialog = dialog
        try:
            await dialog_finished(dialog)
            recorded = dialog.recorded
        finally:
            dialog.deleteLater()
            self.sensitive_dialog = None
        if recorded is not None:
            self.events.status_message.emit(self.tr("Sensitive action recorded for {handle}.")
                                            .format(handle=card.handle))
            if dialog.ban_wanted:
                await self.open_ban_dialog(preselect=f"{SENSITIVE_PREFIX}{recorded.id}")

    async def open_ban_dialog(self, preselect: str | None = None) -> None:
        """Propose a ban naming the refused steps (R10, R11)."""
        card = self.card
        if card is None:
            return
        dialog = BanProposalDialog(self.gateway, self.runner, card, parent=self,
                                   preselect=preselect)
        self.ban_dialog = dialog
        try:
            accepted = await dialog_finished(dialog)
        finally:
            dialog.deleteLater()
            self.ban_dialog = None
        if accepted:
            self.events.status_message.emit(self.tr("Ban of {handle} proposed to the "
                                                    "supervisors.").format(handle=card.handle))
            self.reload()
