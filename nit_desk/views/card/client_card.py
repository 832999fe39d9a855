"""The client card: who the client is, how far registration got, what the request needs.

:class:`~nit_desk.views.card.client_header.ClientHeader` on top (handle, badges,
contacts, R5, R6); the request with its payment scheme (R7, R14); tabs for the
registration checklist (R3, R4), the client's history (R17) and the work log
(R22); the request's moves (R19); and
:class:`~nit_desk.views.card.card_actions.CardActions` at the foot (R8, R10, R11).

One selection is one worker call: ``card_view`` reads the client, the request,
its money, the history and the work log in one unit of work. The card reads
again when a committed change concerns its client (``Change.concerns``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import StepState
from nit_desk.models.card.history_model import HistoryModel
from nit_desk.services.change import Change
from nit_desk.services.clients import registration, trust
from nit_desk.services.clients.card_dto import CardView
from nit_desk.services.clients.card_view import card_view
from nit_desk.services.dto import ClientCard, RequestDTO
from nit_desk.services.queue import claims
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.queue_texts import status_name
from nit_desk.ui.runner import async_slot, run_async
from nit_desk.ui.session import Session
from nit_desk.views.card.ban_dialog import BanProposalDialog
from nit_desk.views.card.card_actions import CardActions
from nit_desk.views.card.card_corrections import CardCorrections
from nit_desk.views.card.card_splitter import CardSplitter
from nit_desk.views.card.card_tabs import CardTabs
from nit_desk.views.card.checklist_panel import ChecklistPanel
from nit_desk.views.card.client_header import ClientHeader
from nit_desk.views.card.intake_dialog import IntakeDialog
from nit_desk.views.card.request_life import RequestLifeBar
from nit_desk.views.card.request_panel import RequestPanel
from nit_desk.views.card.sensitive_dialog import SensitiveActionDialog
from nit_desk.views.card.work_log_panel import WorkLogPanel
from nit_desk.views.field_feedback import FieldFeedback
from nit_desk.views.shortcuts_dialog import set_keys_group
from nit_desk.views.widgets import (
    MessageLine,
    PlaceholderPanel,
    TimersHeldWhileClosed,
    read_only_table,
)


class ClientCardView(QWidget, ErrorSink):
    """The right half of the desk: the client and the request at hand.

    Args:
        session: the signed-in desk (database, user, runner, change events).

    Signals:
        request_taken(RequestDTO): the author of an intake took the new request (the
            queue selects it).
    """

    request_taken = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientCard")
        self._session = session
        self.card: ClientCard | None = None
        self.view: CardView | None = None  # the last read, for filling ready answers
        self.request_id: int | None = None
        self.client_id: int | None = None
        self._generation = 0  # a newer selection wins over a read still running
        self.loading = False
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(60)
        self._reload_timer.timeout.connect(self._on_reload_timer_timeout)
        self._timers_held = TimersHeldWhileClosed(self, self._reload_timer)
        self.request_tabs: list[QWidget] = []  # added tabs that follow the shown request
        self._build()
        self.corrections = CardCorrections(session, self)
        self._wire_corrections()
        self.action_new_request = QAction(self.tr("&New request…"), self)
        self.action_new_request.setObjectName("actionNewRequest")
        self.action_new_request.setShortcut(QKeySequence("Ctrl+I"))
        self.action_new_request.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action_new_request.triggered.connect(self._on_action_new_request_triggered)
        self.action_ready_answer = QAction(self.tr("Ready &answer…"), self)
        self.action_ready_answer.setObjectName("actionReadyAnswer")
        self.action_ready_answer.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.action_ready_answer.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_ready_answer.triggered.connect(self._on_answer_button_clicked)
        self.addAction(self.action_ready_answer)
        self.addActions(self.life_bar.work_actions())  # the shortcuts work on the card alone too
        self.action_sensitive = self._button_action(
            self.tr("Sensitive action…"), "Ctrl+Shift+A", self.sensitive_button)
        self.action_propose_ban = self._button_action(
            self.tr("Propose ban…"), "Ctrl+Shift+K", self.ban_button)
        set_keys_group(self, self.tr("Client card"))
        session.events.data_changed.connect(self._on_events_data_changed)

    def work_actions(self) -> list[QAction]:
        """The card's entries for the Work menu: "New request…" (Ctrl+I) and the moves of
        the shown request (R19): whatever the card shows is what they act on."""
        return [self.action_new_request, *self.life_bar.work_actions(), self.tabs.action_detach]

    def _button_action(self, text: str, keys: str, button: QPushButton) -> QAction:
        """A key that presses one of the card's buttons while it is enabled."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda: button.click() if button.isEnabled() else None)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{button.toolTip()} ({shown})" if button.toolTip() else shown)
        self.addAction(action)
        return action

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
        self.header = ClientHeader()
        self._name_header_parts()
        self.header.trust_box.clicked.connect(self._on_trust_box_clicked)
        layout.addWidget(self._splitter(), 1)
        self.message = MessageLine()
        self.message.setObjectName("cardMessage")
        self.life_bar = RequestLifeBar(self._session, self.message)
        self.life_bar.request_moved.connect(self._on_life_bar_request_moved)
        layout.addWidget(self.life_bar)
        layout.addWidget(self.message)
        self.action_row = CardActions(self._session)
        self.sensitive_button = self.action_row.sensitive_button
        self.ban_button = self.action_row.ban_button
        self.sensitive_button.clicked.connect(self._on_sensitive_button_clicked)
        self.ban_button.clicked.connect(self._on_ban_button_clicked)
        self.action_row.answer_button.clicked.connect(self._on_answer_button_clicked)
        layout.addWidget(self.action_row)
        return page

    def _splitter(self) -> CardSplitter:
        """The client and the request above, the tabs below (see :class:`CardSplitter`)."""
        top = QWidget()
        top.setObjectName("cardTop")
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(self._request_panel())
        self.splitter = CardSplitter(top, self._tabs(), self._session.settings)
        self.top_area = self.splitter.top_area
        return self.splitter

    def _name_header_parts(self) -> None:
        """The header's widgets under the names the card has always had (tests, tools)."""
        header = self.header
        self.handle_label, self.pills, self.contacts = (header.handle_label, header.pills,
                                                        header.contacts)
        self.system_info, self.system_info_button = header.system_info, header.system_info_button
        self.phone_indicator, self.trust_box = header.phone_indicator, header.trust_box
        self.outcome_label = header.outcome_label

    def _request_panel(self) -> RequestPanel:
        self.request_panel = RequestPanel(self._session)
        self.request_panel.request_changed.connect(self._on_request_panel_request_changed)
        return self.request_panel

    def _tabs(self) -> CardTabs:
        self.tabs = CardTabs(self, lambda: (self.request_id,
                                            self.card.handle if self.card is not None else ""))
        self.checklist = ChecklistPanel()
        self.checklist.step_state_requested.connect(self._on_checklist_step_state_requested)
        self.history_model = HistoryModel(self)
        self.history_view = read_only_table(self.history_model, "historyView")
        self.work_log = WorkLogPanel(self._session)
        self.tabs.add_page(self.checklist, self.tr("Re&gistration"))
        self.tabs.add_page(self.history_view, self.tr("&History"))
        self.tabs.add_page(self.work_log, self.tr("Wor&k log"))
        return self.tabs

    def add_request_tab(self, widget: QWidget, title: str,
                        detach: Callable[[int], QWidget] | None = None) -> None:
        """Add a tab about the shown request; its ``show_request(request_id)`` follows the card.

        Used for the estimate editor and the payments panel
        (:func:`nit_desk.app.money_screens.install_money_tabs`).

        Args:
            detach: makes a second such screen showing a given request, for "Open in a
                window" (None: the tab cannot be opened in a window).
        """
        self.tabs.add_request_tab(widget, title, detach)
        self.request_tabs.append(widget)
        widget.show_request(self.request_id)  # type: ignore[attr-defined]
        self.tabs.update_detach()

    # -- the dialogs open now (CardActions keeps them) ---------------------------

    @property
    def intake_dialog(self) -> IntakeDialog | None:
        """The intake dialog while it is open."""
        return self.action_row.intake_dialog

    @property
    def sensitive_dialog(self) -> SensitiveActionDialog | None:
        """The sensitive-action dialog while it is open."""
        return self.action_row.sensitive_dialog

    @property
    def ban_dialog(self) -> BanProposalDialog | None:
        """The ban proposal dialog while it is open."""
        return self.action_row.ban_dialog

    # -- loading -------------------------------------------------------------

    def show_request(self, request_id: int | None, client_id: int | None) -> None:
        """Show the client of ``request_id`` (or ``client_id``) and that request.

        Both None shows the empty card. One worker call (``card_view``); a newer
        call wins over an older one still loading.
        """
        if request_id != self.request_id:
            self.clear_request_messages()
            self.life_bar.set_request(None)  # no move acts on the last request meanwhile
        self.request_id, self.client_id = request_id, client_id
        self._generation += 1
        self.tabs.update_detach()
        for tab in self.request_tabs:
            tab.show_request(request_id)  # type: ignore[attr-defined]
        self.work_log.show_request(request_id, client_id)
        if request_id is None and client_id is None:
            self.card, self.view = None, None
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
            return  # closed before the load began: read nothing (the runner may be gone)
        try:
            view = await self._session.call(card_view, request_id, client_id=client_id)
        except NitDeskError:
            if generation == self._generation:
                self._set_loading(False)
            raise
        if generation != self._generation:
            return  # a newer selection or reload is on its way
        self._set_loading(False)
        self.client_id = view.card.id
        self._apply(view)

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.busy_bar.setVisible(loading)
        self.setCursor(Qt.CursorShape.BusyCursor if loading else Qt.CursorShape.ArrowCursor)

    def _apply(self, view: CardView) -> None:
        self.view = view
        self.stack.setCurrentIndex(1)
        self.life_bar.set_request(view.request)
        self.set_card(view.card)
        self.request_panel.set_request(view.request, view.money)
        self.work_log.show_request(self.request_id, view.card.id)
        self.work_log.show_log(self.request_id, view.work_log)
        self._apply_read_only()
        titles = {item.code: item.title for item in view.card.checklist}
        self.history_model.set_entries(view.history, titles)

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
        self.header.set_card(card)
        self.checklist.set_card(card)
        if self.read_only:
            self.checklist.set_editable(False)
        p = card.progress
        self.tabs.setTabText(0, self.tr("Re&gistration ({done}/{total})").format(
            done=p.required_done, total=p.required_total))
        self.action_row.set_card(card, read_only=self.read_only)

    # -- corrections (R21) ----------------------------------------------------

    def _wire_corrections(self) -> None:
        fixes = self.corrections
        fixes.card_corrected.connect(self._on_corrections_card_corrected)
        fixes.request_corrected.connect(self._on_corrections_request_corrected)
        self.contacts.fix_requested.connect(
            lambda contact: run_async(fixes.fix_contact(self.card, contact), owner=self))
        self.contacts.remove_requested.connect(
            lambda contact: run_async(fixes.remove_contact(self.card, contact), owner=self))
        self.contacts.copied.connect(lambda value: self._session.events.status_message.emit(
            self.tr("Copied: {value}").replace("{value}", value)))
        self.contacts.add_requested.connect(
            lambda: run_async(fixes.add_contact(self.card), owner=self))
        self.system_info_button.clicked.connect(
            lambda: run_async(fixes.edit_system_info(self.card), owner=self))
        self.request_panel.deadline_change_requested.connect(
            lambda: run_async(fixes.reagree_deadline(self.shown_request()), owner=self))
        self.request_panel.description_edit_requested.connect(
            lambda: run_async(fixes.edit_description(self.shown_request()), owner=self))

    def shown_request(self) -> RequestDTO | None:
        """The request on the card now."""
        return self.request_panel.request

    @Slot(object)
    def _on_corrections_card_corrected(self, card: ClientCard) -> None:
        """Show the client card a correction returned (the history follows on reload)."""
        if self.card is not None and self.card.id == card.id:
            self.set_card(card)
            self.reload()

    @Slot(object)
    def _on_corrections_request_corrected(self, request: RequestDTO) -> None:
        """Show the request a correction returned, with its money and history."""
        shown = self.shown_request()
        if shown is not None and shown.id == request.id:
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
            fresh = await self._session.call(registration.set_step_state, card.id, code, state)
        finally:
            if isValid(self):  # a deleted card's call ends here cancelled
                self.checklist.set_editable(self._checklist_editable())
        if self.card is not None and self.card.id == fresh.id:
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
            fresh = await self._session.call(trust.set_trusted, card.id, wanted)
        except NitDeskError:
            if self.card is not None:
                self.header.show_trust(self.card)
            raise
        if self.card is not None and self.card.id == fresh.id:
            self.set_card(fresh)

    @Slot(object)
    def _on_life_bar_request_moved(self, request: RequestDTO) -> None:
        self._session.events.status_message.emit(self.tr("Request #{id}: {status}.").format(
            id=request.id, status=status_name(request.status)))
        if request.id == self.request_id:
            self.reload()

    @Slot(object)
    def _on_request_panel_request_changed(self, request: RequestDTO) -> None:
        self._session.events.status_message.emit(
            self.tr("Request #{id}: payment scheme saved.").format(id=request.id))

    # -- the dialogs ----------------------------------------------------------

    @Slot()
    def _on_action_new_request_triggered(self) -> None:
        dialog = self.intake_dialog
        if dialog is None:
            run_async(self.open_intake(), owner=self)
        else:
            dialog.raise_()
            dialog.activateWindow()

    async def open_intake(self) -> None:
        """The intake dialog; on save the card shows the new request (R7)."""
        result = await self.action_row.intake(self)
        if result is not None and isValid(self):
            await self._take_and_show(result.request_id, result.client.id)

    async def _take_and_show(self, request_id: int, client_id: int) -> None:
        """The author of an intake holds the new request, the card shows it (one load, the
        claim included) and the queue selects it; a refused claim is said on the card."""
        try:
            taken = await self._session.call(claims.claim, request_id)
        except NitDeskError as err:
            self.show_request(request_id, client_id)
            self.show_error(err)
            return
        self.show_request(request_id, client_id)
        self.request_taken.emit(taken)

    @Slot()
    def _on_sensitive_button_clicked(self) -> None:
        if self.card is not None:
            run_async(self.open_sensitive_dialog(), owner=self)

    @Slot()
    def _on_answer_button_clicked(self) -> None:
        if self.view is not None and self.action_row.answer_picker is None:
            run_async(self.open_ready_answers(), owner=self)

    async def open_ready_answers(self) -> str:
        """The ready-answer picker for the shown client and request; the text copied."""
        view = self.view
        if view is None:
            return ""
        return await self.action_row.ready_answer(view, self)

    @Slot()
    def _on_ban_button_clicked(self) -> None:
        if self.card is not None:
            run_async(self.open_ban_dialog(), owner=self)

    async def open_sensitive_dialog(self) -> None:
        """Record a sensitive action (R8); a refusal offers a ban proposal."""
        card = self.card
        if card is not None and await self.action_row.sensitive_action(card, self.request_id,
                                                                    self):
            self._reload_if_alive()

    async def open_ban_dialog(self, preselect: str | None = None) -> None:
        """Propose a ban naming the refused steps (R10, R11)."""
        card = self.card
        if card is not None and await self.action_row.propose_ban(card, self, preselect):
            self._reload_if_alive()

    def _reload_if_alive(self) -> None:
        if isValid(self):  # a dialog's wait is no service call: the card may be gone
            self.reload()
