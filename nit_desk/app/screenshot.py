"""``nit-desk screenshot --out DIR``: the main screens rendered off screen to PNG files.

A temporary SQLite database gets the demo data (:func:`nit_desk.demo.demo.load_demo`);
each entry of :data:`SCREENS` builds one screen on it, the screen loads its data
through the runner like in real use, and is rendered to ``DIR/<name>-<W>x<H>.png``
once per window size (:data:`SIZES`: 1280×800 and 960×1000, each size on a fresh
demo database); dialogs and lone panels (:data:`ONCE`) once, as ``DIR/<name>.png``.
The texts are Russian unless ``--language en``. Later screens add themselves with one line::

    SCREENS.append(("estimate-editor", build_estimate_editor))

where the builder is ``async def build(shot: ShotContext) -> QWidget``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QMessageLogContext,
    QSettings,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from nit_desk.app.screenshot_corrections import CORRECTION_SCREENS
from nit_desk.demo import demo
from nit_desk.domain.types import Network, RequestStatus, StepState
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.clients import registration
from nit_desk.services.storage import migrate
from nit_desk.services.storage.engine import Database, open_database
from nit_desk.services.storage.models import Request
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.ui.settings import DeskSettings
from nit_desk.ui.theme import dark_palette

WINDOW_SIZE = (1280, 800)
"""A small laptop's screen."""
NARROW_SIZE = (960, 1000)
"""Half of a 1920×1080 screen, beside the messenger (issue #14)."""
SIZES = (WINDOW_SIZE, NARROW_SIZE)
"""The sizes every window is rendered at unless ``--size`` says otherwise."""
SETTLE_SECONDS = 20.0


@dataclass
class ShotContext:
    """The demo database and desks the screen builders work on."""

    db: Database
    agent: Session
    supervisor: Session
    clients: dict[str, int]
    folder: Path
    widgets: list[QWidget] = field(default_factory=list)
    size: tuple[int, int] = WINDOW_SIZE
    """The size the main windows and the console are rendered at in this pass."""

    def request_of(self, handle: str) -> int:
        """The newest request of the scenario client ``handle``."""
        with self.db.read_session() as s:
            found = s.execute(select(Request.id).where(
                Request.client_id == self.clients[handle]).order_by(Request.id.desc())
                .limit(1)).scalar_one()
        return int(found)

    async def settle(self) -> None:
        """Wait until the screens' service calls and queued slots are done."""
        deadline = time.monotonic() + SETTLE_SECONDS
        quiet = 0
        while time.monotonic() < deadline and quiet < 5:
            await asyncio.sleep(0.03)
            busy = self.agent.runner.is_busy or self.supervisor.runner.is_busy
            quiet = 0 if busy else quiet + 1


ScreenBuilder = Callable[[ShotContext], Awaitable[QWidget]]
"""Builds, fills and returns one top-level widget to render (the caller deletes it)."""


# -- the screens -------------------------------------------------------------


async def _main_window(shot: ShotContext, handle: str, tab: int) -> QWidget:
    from nit_desk.app.app import build_main_window

    desk = shot.agent
    window = build_main_window(desk.db, desk.actor, desk.runner, desk.events, desk.settings)
    window.resize(*shot.size)
    _show(window)
    await shot.settle()
    request_id = shot.request_of(handle)
    queue = window.queue_area.content
    if not (hasattr(queue, "select_request") and queue.select_request(request_id)):
        card = window.card_area.content
        if hasattr(card, "show_request"):
            card.show_request(request_id, shot.clients[handle])
    await shot.settle()
    tabs = getattr(window.card_area.content, "tabs", None)
    if tabs is not None:
        tabs.setCurrentIndex(tab)
    await shot.settle()
    return window


async def build_main_trusted(shot: ShotContext) -> QWidget:
    """Queue and the card of a registered, trusted, paid client (scenario 1): its history."""
    return await _main_window(shot, "@pc_slow_msk", 1)


async def build_main_half_way(shot: ShotContext) -> QWidget:
    """Queue and the card of a client half-way through registration: the checklist."""
    return await _main_window(shot, "ok.ru/profile/577001234", 0)


async def build_main_every_reason(shot: ShotContext) -> QWidget:
    """A request with every advance reason (scenario 3)."""
    return await _main_window(shot, "@office_net_spb", 0)


async def build_main_dark(shot: ShotContext) -> QWidget:
    """The half-way client on a dark palette: badges, states and reasons stay readable."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    window = await _main_window(shot, "ok.ru/profile/577001234", 0)

    def restore(_obj: object = None) -> None:
        app.setStyle(style)
        app.setPalette(palette)

    window.destroyed.connect(restore)  # whoever renders it deletes it afterwards
    return window


async def build_intake(shot: ShotContext) -> QWidget:
    """The intake dialog filled in, with one inline error (the email) and a match banner."""
    from nit_desk.views.card.intake_dialog import IntakeDialog

    dialog = IntakeDialog(shot.agent)
    _show(dialog)
    dialog.rows[0].set_account(Network.TELEGRAM, "@pc_fast_spb")
    dialog.phone_edit.setText("8 912 777-12-34")
    dialog.email_edit.setText("ivan@")
    dialog.system_edit.setPlainText("Windows 11 Pro 23H2, Ryzen 5 5600, 16 GB RAM, SSD 512 GB")
    dialog.description_edit.setPlainText("Не запускается игра после обновления драйверов")
    dialog.offline_box.setChecked(True)
    for name in ("phone", "email", "system_info", "description"):
        dialog._validate(name)
    dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()))
    await shot.settle()
    return dialog


async def build_intake_banned(shot: ShotContext) -> QWidget:
    """Intake from a banned client's phone (scenario 4, R12): the red banner."""
    from nit_desk.views.card.intake_dialog import IntakeDialog

    dialog = IntakeDialog(shot.agent)
    _show(dialog)
    dialog.rows[0].set_account(Network.WHATSAPP, "+7 912 666-01-02")
    dialog.phone_edit.setText("+7 912 666-01-02")
    dialog._on_contact_edited("phone")
    await asyncio.sleep(0.6)
    await shot.settle()
    return dialog


async def build_sensitive(shot: ShotContext) -> QWidget:
    """The sensitive-action dialog filled in (R8): warned, refused."""
    from nit_desk.views.card.sensitive_dialog import SensitiveActionDialog

    handle = "ok.ru/profile/577001234"
    dialog = SensitiveActionDialog(shot.agent, shot.clients[handle], "olga_ok",
                                   request_id=shot.request_of(handle))
    dialog.action_edit.setText("Регистрация в облачном хранилище: клиент называет код из СМС")
    dialog.explanation_edit.setPlainText(
        "Сервис пришлёт код подтверждения на телефон клиента; код нужен один раз для "
        "завершения регистрации и в NIT Desk не записывается.")
    dialog.warned_box.setChecked(True)
    dialog.refused_radio.setChecked(True)
    _show(dialog)
    await shot.settle()
    return dialog


async def build_ban(shot: ShotContext) -> QWidget:
    """The ban proposal dialog for the half-way client, a refused step ticked (R10, R11)."""
    from nit_desk.services.clients import clients
    from nit_desk.views.card.ban_dialog import BanProposalDialog

    handle = "ok.ru/profile/577001234"
    card = await shot.agent.call(clients.client_card, shot.clients[handle])
    dialog = BanProposalDialog(shot.agent, card)
    dialog.comment_edit.setPlainText("Отказывается добавить нас в друзья, без этого работа "
                                     "через мессенджер невозможна")
    _show(dialog)
    await shot.settle()
    return dialog


def _draft_v2(shot: ShotContext, request_id: int) -> None:
    """Scenario 1's v1 agreed; a draft v2 with one more line (once per database)."""
    from decimal import Decimal

    from nit_desk.domain.types import EstimateStatus, Unit
    from nit_desk.models.money.estimate_model import EditableLine
    from nit_desk.services.money import estimates

    agent = shot.agent.actor
    agreed = estimates.list_versions(shot.db, agent, request_id)[-1]
    if agreed.status is EstimateStatus.DRAFT:
        return
    draft = estimates.create_draft(shot.db, agent, request_id, based_on=agreed.id)
    lines = [*(EditableLine.from_line(line).to_input() for line in draft.lines),
             EditableLine("Установка и настройка программы", Decimal(3), Unit.PIECE,
                          400_00).to_input()]
    estimates.save_draft(shot.db, agent, draft.id, draft.version, lines=lines,
                         note="Примерно: без учёта стоимости лицензий; время может измениться "
                              "после осмотра системы")


async def build_main_estimate(shot: ShotContext) -> QWidget:
    """The card's Estimate tab as an agent sees it: draft v2 of scenario 1, the total
    and Save / Propose in view (issue #14)."""
    await shot.agent.runner.call(_draft_v2, shot, shot.request_of("@pc_slow_msk"))
    window: Any = await _main_window(shot, "@pc_slow_msk", 0)
    card = window.card_area.content
    card.tabs.setCurrentWidget(card.request_tabs[0].parentWidget().parentWidget())
    await shot.settle()
    return window


async def build_main_payments(shot: ShotContext) -> QWidget:
    """The card's Payments tab of scenario 1's paid advance request."""
    window: Any = await _main_window(shot, "@pc_slow_msk", 0)
    card = window.card_area.content
    card.tabs.setCurrentWidget(card.request_tabs[1].parentWidget().parentWidget())
    await shot.settle()
    return window


async def build_detached_estimate(shot: ShotContext) -> QWidget:
    """The estimate of scenario 1's request opened in its own window from the card."""
    await shot.agent.runner.call(_draft_v2, shot, shot.request_of("@pc_slow_msk"))
    window: Any = await _main_window(shot, "@pc_slow_msk", 0)
    card = window.card_area.content
    detached = card.tabs.open_detached(card.request_tabs[0])
    detached.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    await shot.settle()
    shot.widgets.append(window)  # the detached window's parent lives until it is rendered
    detached.destroyed.connect(window.deleteLater)
    window.hide()
    return detached


async def build_estimate_editor(shot: ShotContext) -> QWidget:
    """The estimate editor (R15): v1 agreed at first contact, a draft v2 being edited."""
    from decimal import Decimal

    from nit_desk.domain.types import Unit
    from nit_desk.models.money.estimate_model import EditableLine
    from nit_desk.views.money.estimate_editor import EstimateEditor

    request_id = shot.request_of("@pc_slow_msk")
    await shot.agent.runner.call(_draft_v2, shot, request_id)
    editor = EstimateEditor(shot.agent)
    editor.resize(*WINDOW_SIZE)
    _show(editor)
    editor.show_request(request_id)
    await shot.settle()
    editor.model.add_line(line=EditableLine("Резервное копирование", Decimal("1.5"),
                                            Unit.SERVICE, 1_000_00))
    editor.model.setData(editor.model.index(1, 1), "2,5")
    await shot.settle()
    return editor


async def build_payments_panel(shot: ShotContext) -> QWidget:
    """The payments panel of a paid advance request (scenario 1, R13, R14)."""
    return await _payments_panel(shot, "@pc_slow_msk")


async def build_payments_banned(shot: ShotContext) -> QWidget:
    """The payments panel after a ban: the advance forfeited, nothing can be recorded (R12)."""
    return await _payments_panel(shot, "@no_sms_please")


async def _payments_panel(shot: ShotContext, handle: str) -> QWidget:
    """The agent's payments panel on the request of the client ``handle``."""
    from nit_desk.views.money.payments_panel import PaymentsPanel

    panel = PaymentsPanel(shot.agent)
    panel.resize(900, 520)
    _show(panel)
    panel.show_request(shot.request_of(handle))
    await shot.settle()
    return panel


async def build_price_list_editor(shot: ShotContext) -> QWidget:
    """The supervisor's price list editor (R15, R18)."""
    from nit_desk.views.money.price_list_editor import PriceListEditor

    editor = PriceListEditor(shot.supervisor)
    editor.resize(900, 520)
    _show(editor)
    editor.reload()
    await shot.settle()
    return editor


async def _console(shot: ShotContext, tab: str) -> Any:
    """The supervisor console on the demo data, showing its tab named ``tab``."""
    from nit_desk.app.console_screens import make_supervisor_console

    console = make_supervisor_console(shot.supervisor)
    console.setCurrentWidget(getattr(console, tab))
    console.resize(*shot.size)
    _show(console)
    await shot.settle()
    return console


async def build_supervisor_window(shot: ShotContext) -> QWidget:
    """The supervisor's main window with the console tab in front (R18)."""
    from nit_desk.app.app import build_main_window

    desk = shot.supervisor
    window = build_main_window(desk.db, desk.actor, desk.runner, desk.events, desk.settings)
    window.resize(*shot.size)
    _show(window)
    await shot.settle()
    if window.supervisor_console is not None:
        window.tabs.setCurrentWidget(window.supervisor_console)
    await shot.settle()
    return window


async def build_console_ban_review(shot: ShotContext) -> QWidget:
    """Ban review: pending proposals with the first one's evidence (R11)."""
    console = await _console(shot, "ban_review")
    console.ban_review.proposals_table.selectRow(0)
    await shot.settle()
    return console


async def build_console_ban_evidence(shot: ShotContext) -> QWidget:
    """Ban review's evidence: each sensitive action, the warning given, the answer (R8)."""
    console = await _console(shot, "ban_review")
    review = console.ban_review
    review.proposals_table.selectRow(0)
    await shot.settle()
    review.evidence_tabs.setCurrentWidget(review.sensitive_table)
    await shot.settle()
    return console


async def build_console_audit(shot: ShotContext) -> QWidget:
    """The audit log verified intact, an entry's before/after in the detail pane (R17)."""
    console = await _console(shot, "audit_viewer")
    viewer = console.audit_viewer
    viewer.verify_button.click()
    await shot.settle()
    for row in range(viewer.model.rowCount()):
        entry = viewer.model.entry(row)
        if entry is not None and entry.before and entry.after:
            viewer.table.selectRow(row)
            break
    await shot.settle()
    return console


async def build_console_template(shot: ShotContext) -> QWidget:
    """The checklist template editor with an added, unsaved step (R3)."""
    console = await _console(shot, "template_editor")
    editor = console.template_editor
    row = editor.model.add_step("Согласован способ оплаты")
    editor.table.selectRow(row)
    await shot.settle()
    return console


async def build_console_users(shot: ShotContext) -> QWidget:
    """The users tab with a refusal shown (deactivating yourself, R18)."""
    console = await _console(shot, "users_admin")
    admin = console.users_admin
    admin.select_user(shot.supervisor.actor.username)
    admin.active_button.click()
    await shot.settle()
    return console


async def build_console_reports(shot: ShotContext) -> QWidget:
    """Reports for this month: figures, charts and the per-user table."""
    console = await _console(shot, "reports")
    console.reports.period_box.setCurrentIndex(2)
    await shot.settle()
    return console


async def _working_window(shot: ShotContext, handle: str) -> tuple[Any, Any]:
    """The agent's window on ``handle``'s request after "start work"; (window, card)."""
    from nit_desk.app.app import build_main_window
    from nit_desk.services.queue import claims, request_life

    desk = shot.agent
    request_id = shot.request_of(handle)
    taken = await desk.call(claims.claim, request_id)
    if taken.status is RequestStatus.NEW:
        await desk.call(request_life.start_work, request_id)
    window = build_main_window(desk.db, desk.actor, desk.runner, desk.events, desk.settings)
    window.resize(*shot.size)
    _show(window)
    await shot.settle()
    queue: Any = window.queue_area.content
    card: Any = window.card_area.content
    if not queue.select_request(request_id):
        card.show_request(request_id, shot.clients[handle])
    await shot.settle()
    return window, card


def _agree_hours(shot: ShotContext, request_id: int) -> None:
    """An agreed estimate of 2 hours for the work log's "of 2 h"."""
    from decimal import Decimal

    from nit_desk.domain.types import Unit
    from nit_desk.services.money import estimates
    from nit_desk.services.money.money_dto import LineInput

    agent = shot.agent.actor
    draft = estimates.create_draft(shot.db, agent, request_id)
    draft = estimates.save_draft(shot.db, agent, draft.id, draft.version, note="", lines=[
        LineInput("Настройка принтера удалённо", Decimal(2), Unit.HOUR, 800_00)])
    estimates.propose(shot.db, agent, draft.id)
    estimates.agree(shot.db, agent, draft.id)


async def build_main_request_moves(shot: ShotContext) -> QWidget:
    """A request in progress (R19): the card offers waiting, done and cancel, with shortcuts."""
    window, card = await _working_window(shot, "@printer_home")
    card.tabs.setCurrentIndex(0)
    await shot.settle()
    return window


async def build_main_work_log(shot: ShotContext) -> QWidget:
    """The work log of a request being worked (R22): moves, a note, the running timer."""
    from nit_desk.services.clients import work_log
    from nit_desk.services.queue import request_life

    window, card = await _working_window(shot, "@printer_home")
    desk, request_id = shot.agent, card.request_id
    await desk.call(request_life.wait_for_client, request_id, "перезагрузить и подтвердить")
    await desk.call(request_life.back_to_work, request_id)
    await desk.call(work_log.add_note, request_id,
                    "Почистил автозагрузку, удалил 2 рекламные программы")
    await desk.runner.call(_agree_hours, shot, request_id)
    await desk.call(request_life.correct_worked_time, request_id, 70,
                    "работал с клиентом на связи до запуска таймера")
    card.tabs.setCurrentWidget(card.work_log)
    await shot.settle()
    card.work_log.note_edit.setPlainText("Драйвер принтера поставлен, ждём пробную печать")
    await shot.settle()
    return window


SCREENS: list[tuple[str, ScreenBuilder]] = [
    ("main-window-trusted-client", build_main_trusted),
    ("main-window-half-way-registration", build_main_half_way),
    ("main-window-every-advance-reason", build_main_every_reason),
    ("main-window-dark-palette", build_main_dark),
    ("intake-dialog", build_intake),
    ("intake-dialog-banned-match", build_intake_banned),
    ("sensitive-action-dialog", build_sensitive),
    ("ban-proposal-dialog", build_ban),
    ("main-window-supervisor-console", build_supervisor_window),
    ("console-ban-review", build_console_ban_review),
    ("console-ban-evidence", build_console_ban_evidence),
    ("console-audit-log", build_console_audit),
    ("console-checklist-template", build_console_template),
    ("console-users", build_console_users),
    ("console-reports", build_console_reports),
    ("estimate-editor", build_estimate_editor),
    ("payments-panel", build_payments_panel),
    ("payments-panel-banned", build_payments_banned),
    ("price-list-editor", build_price_list_editor),
    ("main-window-request-moves", build_main_request_moves),
    ("main-window-work-log", build_main_work_log),
    ("main-window-estimate", build_main_estimate),
    ("main-window-payments", build_main_payments),
    ("estimate-window", build_detached_estimate),
]
"""Every screen ``nit-desk screenshot`` renders: (file name, builder). Append to add one."""
SCREENS.extend(CORRECTION_SCREENS)


# -- running -----------------------------------------------------------------


def _show(widget: QWidget) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()


def prepare_database(folder: Path) -> tuple[Database, Actor, Actor, dict[str, int]]:
    """A migrated SQLite database with the demo data; the agent, supervisor and clients."""
    db = open_database(folder / "screenshots.db")
    migrate.upgrade(db, backup=False)
    summary = demo.load_demo(db, clients=60, seed=7)
    agent = users.authenticate(db, demo.DEMO_AGENTS[1], demo.DEMO_PASSWORD).actor
    boss = users.authenticate(db, demo.DEMO_SUPERVISOR, demo.DEMO_PASSWORD).actor
    half_way = summary.scenario_clients["ok.ru/profile/577001234"]
    registration.set_step_state(db, agent, half_way, "added_as_friend", StepState.REFUSED)
    return db, agent, boss, summary.scenario_clients


ONCE = frozenset({"intake-dialog", "intake-dialog-banned-match", "sensitive-action-dialog",
                  "ban-proposal-dialog", "estimate-editor", "payments-panel",
                  "payments-panel-banned", "price-list-editor", "estimate-window",
                  "payments-panel-voided-payment", "deadline-reagree-dialog"})
"""Dialogs and lone panels: their size is their own, so they are rendered once, in the
first pass, under their plain name; every other screen once per size, named with it."""


def file_name(name: str, size: tuple[int, int]) -> str:
    """``main-window-estimate-960x1000.png``; a screen of :data:`ONCE` keeps its name."""
    return f"{name}.png" if name in ONCE else f"{name}-{size[0]}x{size[1]}.png"


async def take_screenshots(out: Path, only: list[str] | None = None,
                           sizes: Sequence[tuple[int, int]] = SIZES) -> list[Path]:
    """Render every screen of :data:`SCREENS` (or those named in ``only``) into ``out``,
    the windows at each of ``sizes``; each size on its own fresh demo database."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for number, size in enumerate(sizes):
        wanted = [(name, build) for name, build in SCREENS
                  if (not only or name in only) and (number == 0 or name not in ONCE)]
        if wanted:
            written += await _one_pass(out, wanted, size)
    return written


async def _one_pass(out: Path, screens: list[tuple[str, ScreenBuilder]],
                    size: tuple[int, int]) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="nit-desk-shots-") as tmp:
        folder = Path(tmp)
        loop = asyncio.get_running_loop()
        db, agent, boss, clients = await loop.run_in_executor(None, prepare_database, folder)
        from nit_desk.app.bindings import attach_database

        settings = DeskSettings(QSettings(str(folder / "settings.ini"),
                                          QSettings.Format.IniFormat))
        runner, events = ServiceRunner(), AppEvents()
        detach = attach_database(events, db)
        shot = ShotContext(db, Session(db, agent, runner, events, settings),
                           Session(db, boss, runner, events, settings), clients, folder,
                           size=size)
        written: list[Path] = []
        try:
            for name, build in screens:
                widget = await build(shot)
                path = out / file_name(name, size)
                if not widget.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)
                widget.hide()
                widget.deleteLater()
                await asyncio.sleep(0.05)
        finally:
            detach()
            runner.shutdown(wait=True)
            db.dispose()
        return written


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform warns on every shown window; everything else goes to stderr."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def run_screenshots(out: Path, only: list[str] | None = None,
                    language: str = "ru",
                    sizes: Sequence[tuple[int, int]] | None = None) -> list[Path]:
    """Make the application (off screen), run :func:`take_screenshots`, return the files.

    Args:
        language: "ru" (the Russian catalog, what the agents see) or "en" (the source).
        sizes: the window sizes (default :data:`SIZES`: 1280×800 and 960×1000).
    """
    import qasync

    from nit_desk.app.app import make_application

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    qInstallMessageHandler(_quiet_offscreen)
    app = make_application()
    if language != "en":
        from nit_desk.ui.i18n import install_translators

        install_translators(app, language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(take_screenshots(out, only, sizes or SIZES))
    finally:
        asyncio.set_event_loop(None)
        qInstallMessageHandler(None)
