"""The life of the shown request: start, wait, back, done, cancel, reopen (R19).

:class:`RequestLifeBar` holds one :class:`QAction` per move, with its shortcut,
for the Work menu, and shows the moves the request's status allows as buttons
on the card (only those, so the row stays narrow). Every move acts on the
request the card shows, nothing else. A refusal is said on the card's message
line; an unpaid advance (R20) is said with the amount due, and a supervisor is
offered "Start anyway…" with a reason. While another agent's live claim holds
the request, the bar says so ("held by anna since 10:42") and offers no move
(supervisors excepted): the services refuse anyway.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget
from shiboken6 import isValid

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import OPEN_STATUSES, RequestStatus
from nit_desk.services.actor import Actor
from nit_desk.services.dto import AdvanceNotPaid, RequestDTO
from nit_desk.services.queue import request_life
from nit_desk.ui.errors import ErrorSink, error_text
from nit_desk.ui.queue_texts import status_name
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session
from nit_desk.ui.time_text import to_qdatetime
from nit_desk.views.card.life_dialogs import ReasonDialog
from nit_desk.views.widgets import MessageLine, dialog_finished

SHORTCUTS = {"start": "Ctrl+Shift+S", "wait": "Ctrl+Shift+W", "back": "Ctrl+Shift+B",
             "done": "Ctrl+Shift+E", "cancel": "Ctrl+Shift+X", "reopen": "Ctrl+Shift+O"}
"""Free of every other shortcut of the desk (F2, F5, Ctrl+T/R/F/I/S/Z/Y/D, Ctrl+Shift+Z and
the checklist's Ctrl+Shift+R/N/P); "done" is not Ctrl+Shift+D, one Shift away from the
checklist's Ctrl+D."""

ALLOWED_FROM: dict[str, frozenset[RequestStatus]] = {
    "start": frozenset({RequestStatus.NEW}),
    "wait": frozenset({RequestStatus.IN_PROGRESS}),
    "back": frozenset({RequestStatus.WAITING_CLIENT}),
    "done": frozenset({RequestStatus.IN_PROGRESS}),
    "cancel": OPEN_STATUSES,
    "reopen": frozenset({RequestStatus.DONE, RequestStatus.CANCELLED,
                         RequestStatus.CANCELLED_BY_BAN}),
}
"""Which statuses each move starts from (R19). Also: "start" resumes a request in progress
whose timer stopped (its claim was released); a ban's cancellation is reopened only once the
ban is lifted."""


def move_allowed(name: str, request: RequestDTO | None) -> bool:
    """Whether the move ``name`` is allowed from ``request``'s status (R19)."""
    if request is None:
        return False
    if name == "start" and request.status is RequestStatus.IN_PROGRESS:
        return timer_stopped(request)
    if name in {"start", "back", "reopen"} and request.client_banned:
        return False
    return request.status in ALLOWED_FROM[name]


def timer_stopped(request: RequestDTO) -> bool:
    """Whether the request's work timer is stopped (R22)."""
    return request.timer_started_at is None


def held_by_other(request: RequestDTO | None, user_id: int | None,
                  now: datetime | None = None) -> bool:
    """Whether another agent holds the open ``request`` under a live claim now."""
    if request is None or request.claimed_by_id is None or request.claimed_by_id == user_id:
        return False
    if request.status not in OPEN_STATUSES:
        return False
    lease = request.lease_expires_at
    return lease is None or lease >= (now or datetime.now(UTC))


def advance_due(err: BaseException) -> int | None:
    """The amount an ``AdvanceNotPaid`` refusal names (R19, R20), else None."""
    return err.due_kopecks if isinstance(err, AdvanceNotPaid) else None


class RequestLifeBar(QWidget, ErrorSink):
    """The moves of the shown request as Work-menu actions and card buttons (R19).

    Args:
        session: the signed-in desk (the moves are ``request_life``'s services).
        message: the card's message line, where refusals are said.

    Signals:
        request_moved(RequestDTO): a move was saved; the fresh request.
    """

    request_moved = Signal(object)

    def __init__(self, session: Session, message: MessageLine,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestLifeBar")
        self._session, self._message = session, message
        self.actor: Actor = session.actor
        self.request: RequestDTO | None = None
        self.read_only = False
        self.moving = False
        self.overridable_id: int | None = None  # the request "Start anyway…" would start
        self.dialog: ReasonDialog | None = None
        self._build()
        self.set_request(None)

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self.action_start = self._action("start", self.tr("Start &work"), self._start)
        self.action_wait = self._action("wait", self.tr("W&aiting for the client…"),
                                        self._wait)
        self.action_back = self._action("back", self.tr("&Back to work"), self._back)
        self.action_done = self._action("done", self.tr("&Done"), self._done)
        self.action_cancel = self._action("cancel", self.tr("Cancel re&quest…"), self._cancel)
        self.action_reopen = self._action("reopen", self.tr("Re&open…"), self._reopen)
        self.action_reopen.setVisible(self.actor.is_supervisor)
        self.held_label = QLabel()
        self.held_label.setObjectName("heldLabel")
        self.held_label.setWordWrap(True)
        self.held_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.start_anyway = QToolButton()
        self.start_anyway.setObjectName("startAnywayButton")
        self.start_anyway.setText(self.tr("Start &anyway…"))
        self.start_anyway.setToolTip(self.tr("Start without the advance; the reason is recorded "
                                             "(supervisors)"))
        self.start_anyway.clicked.connect(self._on_start_anyway_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.held_label, 10)
        layout.addStretch(1)  # the buttons keep to the right when nobody else holds it
        self.buttons: dict[str, QToolButton] = {}
        for name, action in self.actions_by_name.items():
            button = QToolButton()
            button.setObjectName(f"{name}Button")
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addWidget(self.start_anyway)

    def _action(self, name: str, text: str,
                move: Callable[[RequestDTO], Awaitable[RequestDTO | None]]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action{name.capitalize()}Request")
        action.setShortcut(QKeySequence(SHORTCUTS[name]))
        action.setToolTip(self.tr("{action} ({keys})").format(
            action=text.replace("&", "").rstrip("…"),
            keys=action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        action.triggered.connect(lambda _checked=False: self._trigger(move))
        self.actions_by_name[name] = action
        return action

    def work_actions(self) -> list[QAction]:
        """The moves for the Work menu, in the order of a request's life."""
        return list(self.actions_by_name.values())

    # -- showing -------------------------------------------------------------

    def set_request(self, request: RequestDTO | None) -> None:
        """Follow the card's request: enable the moves its status allows (R19)."""
        if request is None or self.request is None or request.id != self.request.id:
            self._hide_override()
        self.request = request
        held = held_by_other(request, self.actor.user_id)
        self.read_only = held and not self.actor.is_supervisor
        if held and request is not None:
            since = to_qdatetime(request.claimed_at).toString("HH:mm") \
                if request.claimed_at else "?"
            words = self.tr("Held by {holder} since {since}").format(
                holder=request.claimed_by_name or "?", since=since)
            if self.read_only:
                words = self.tr("{held}: read only").format(held=words)
            self.held_label.setText(words)
        else:
            self.held_label.setText("")
        self.held_label.setVisible(bool(self.held_label.text()))
        self._update_enabled()

    def _update_enabled(self) -> None:
        for name, action in self.actions_by_name.items():
            allowed = move_allowed(name, self.request) and not self.read_only \
                and not self.moving
            if name == "reopen":
                allowed = allowed and self.actor.is_supervisor
            action.setEnabled(allowed)
            self.buttons[name].setVisible(allowed)

    def allowed_moves(self) -> list[str]:
        """The names of the moves enabled now (for tests and the screenshot)."""
        return [n for n, a in self.actions_by_name.items() if a.isEnabled()]

    # -- moving --------------------------------------------------------------

    def _trigger(self, move: Callable[[RequestDTO], Awaitable[RequestDTO | None]]) -> None:
        request = self.request
        if request is None or self.moving:
            return
        run_async(self._run(request, move), owner=self)

    async def _run(self, request: RequestDTO,
                   move: Callable[[RequestDTO], Awaitable[RequestDTO | None]]) -> None:
        self.moving = True
        self._update_enabled()
        self._message.clear_message()
        self._hide_override()
        try:
            fresh = await move(request)
        finally:
            if isValid(self):
                self.moving = False
                self._update_enabled()
        if fresh is not None and isValid(self):
            self._moved(fresh)

    def _moved(self, fresh: RequestDTO) -> None:
        if self.request is not None and self.request.id == fresh.id:
            self.set_request(fresh)
        self.request_moved.emit(fresh)

    async def _start(self, request: RequestDTO) -> RequestDTO:
        return await self._session.call(request_life.start_work, request.id)

    async def _back(self, request: RequestDTO) -> RequestDTO:
        return await self._session.call(request_life.back_to_work, request.id)

    async def _done(self, request: RequestDTO) -> RequestDTO:
        return await self._session.call(request_life.mark_done, request.id)

    async def _wait(self, request: RequestDTO) -> RequestDTO | None:
        return await self._ask(
            self.tr("Waiting for the client — request #{id}").format(id=request.id),
            self.tr("What is awaited from the client (one line, e.g. \"reboot and confirm\"):"),
            lambda text: self._session.call(request_life.wait_for_client, request.id, text))

    async def _cancel(self, request: RequestDTO) -> RequestDTO | None:
        return await self._ask(
            self.tr("Cancel request #{id}").format(id=request.id),
            self.tr("Why is the request cancelled? The reason is recorded."),
            lambda text: self._session.call(request_life.cancel, request.id, text),
            ok_text=self.tr("Cancel the request"))

    async def _reopen(self, request: RequestDTO) -> RequestDTO | None:
        return await self._ask(
            self.tr("Reopen request #{id}").format(id=request.id),
            self.tr("Why is the closed request ({status}) reopened? The reason is recorded.")
            .format(status=status_name(request.status)),
            lambda text: self._session.call(request_life.reopen, request.id, text),
            ok_text=self.tr("Reopen"))

    async def _ask(self, title: str, prompt: str,
                   submit: Callable[[str], Awaitable[RequestDTO]], *,
                   ok_text: str = "") -> RequestDTO | None:
        """Open a one-line dialog that makes the call; the fresh request, or None."""
        dialog = ReasonDialog(title, prompt, submit, ok_text=ok_text, parent=self.window())
        self.dialog = dialog
        try:
            accepted = await dialog_finished(dialog)
            result: Any = dialog.result_value if accepted else None
        finally:
            dialog.deleteLater()
            self.dialog = None
        return result if isinstance(result, RequestDTO) else None

    # -- refusals --------------------------------------------------------------

    def show_error(self, err: NitDeskError) -> None:
        """A refused move, in words on the card's message line (an unpaid advance: the sum)."""
        self._message.show_error(error_text(err))
        if advance_due(err) is not None and self.actor.is_supervisor and self.request is not None:
            self.overridable_id = self.request.id
            self.start_anyway.setVisible(True)

    def _hide_override(self) -> None:
        self.overridable_id = None
        self.start_anyway.setVisible(False)

    @Slot()
    def _on_start_anyway_clicked(self) -> None:
        request = self.request
        if request is None or request.id != self.overridable_id or self.moving:
            return
        run_async(self._run(request, self._start_anyway), owner=self)

    async def _start_anyway(self, request: RequestDTO) -> RequestDTO | None:
        return await self._ask(
            self.tr("Start request #{id} without the advance").format(id=request.id),
            self.tr("Why does the work start before the advance is paid? The reason is "
                    "recorded."),
            lambda text: self._session.call(request_life.start_work, request.id,
                                            override_reason=text),
            ok_text=self.tr("Start work"))
