"""``nit-desk --self-test``: prove this installation works, in a few seconds, without a user.

On a temporary SQLite database it runs the migrations, loads the Russian
translations (ours and Qt's), creates a supervisor and an agent, checks the
libraries the program loads only at run time (phone numbers, e-mail,
the PostgreSQL driver, keyring backends), then opens every main screen
off screen and renders each one to an image, which must not be blank.

It runs the same from source (``python -m nit_desk --self-test``) and in the
frozen program (``nit-desk-cli --self-test``), where a missing data file or
hidden import shows up as a failed step. Exit 0 when all is well; 1 with the
first failure. Nothing is written to the user's settings, data or logs: the
settings go to a temporary INI file and ``NIT_DESK_HOME`` to the temporary
folder. The report is printed and also written to
``<temp>/nit-desk-self-test.txt`` (the windowed ``nit-desk.exe`` has no console);
with ``NIT_DESK_SELF_TEST_SHOTS=<folder>`` the rendered screens are kept as PNGs.

Screens are found through the GUI's own registry: everything
:func:`nit_desk.app.screens.install_screens` places into the main window (the
queue, the client card, every tab such as the supervisor console), plus any
``nit_desk.app.screens.SCREENS`` factories, plus the dialogs in :data:`DIALOGS`, plus
every screen of ``nit_desk.app.screenshot.SCREENS`` (what ``nit-desk screenshot`` renders,
built on demo data).
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QApplication, QWidget

    from nit_desk.ui.session import Session

PASSWORD = "self-test password 42"
REPORT_NAME = "nit-desk-self-test.txt"
SHOTS_ENV = "NIT_DESK_SELF_TEST_SHOTS"
"""Set to a folder to keep the rendered screens as PNG files (to look at them)."""
SETTLE_SECONDS = 10.0
"""How long a screen may take to finish loading its data before it is rendered."""


class SelfTestFailed(Exception):
    """A step of the self-test failed; the message says which and why."""


@dataclass
class Report:
    """The lines printed as the self-test goes, and the problems caught on the way."""

    lines: list[str] = field(default_factory=list)
    caught: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def ok(self, step: str, detail: str = "") -> None:
        """Record and print a passed step."""
        self.say(f"ok    {step}" + (f": {detail}" if detail else ""))

    def say(self, line: str) -> None:
        """Record and print one line."""
        self.lines.append(line)
        print(line, flush=True)

    def catch(self, exc_type: type[BaseException], exc: BaseException,
              tb: TracebackType | None) -> None:
        """Keep an exception raised in a hook (event loop, thread, Qt slot)."""
        self.caught.append("".join(traceback.format_exception(exc_type, exc, tb)).strip())


# -- the steps that need no window -----------------------------------------------------


def _check_bundle(report: Report) -> None:
    """Run-time imports PyInstaller cannot see: each fails here if it was left out."""
    from nit_desk.domain import contacts

    phone = contacts.normalize_phone("+7 912 345-67-89")
    email = contacts.normalize_email("Client@Example.ru")
    report.ok("phone and e-mail rules", f"{phone}, {email}")

    from sqlalchemy.engine import make_url

    dialect = make_url("postgresql+psycopg://nit@127.0.0.1/nit").get_dialect()
    import psycopg

    report.ok("PostgreSQL driver", f"{dialect.name}+{dialect.driver}, psycopg {psycopg.__version__}"
              f" ({psycopg.pq.__impl__})")

    from importlib.metadata import entry_points

    import keyring

    backends = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    if not backends:
        raise SelfTestFailed("keyring: no backends registered (keyring metadata missing)")
    report.ok("keyring", f"{type(keyring.get_keyring()).__name__}; backends {', '.join(backends)}")


def _prepare_database(folder: Path, report: Report) -> tuple[Any, Any, Any]:
    """A migrated temporary SQLite database with a supervisor and a new agent.

    With the demo loader present the database also gets the demo scenarios
    (and a few generated clients), so the screens render rows, not empty lists.
    """
    from nit_desk.domain.types import Role
    from nit_desk.services.admin import users
    from nit_desk.services.storage import migrate
    from nit_desk.services.storage.engine import open_database

    db = open_database(folder / "self-test.db")
    state = migrate.upgrade(db, backup=False)
    migrate.ensure_compatible(db)
    report.ok("migrations", f"schema {state.current} on a temporary SQLite database")
    boss_name, boss_password = _load_demo(db, report)
    if not boss_name:
        boss_name, boss_password = "selftest.boss", PASSWORD
        users.create_first_supervisor(db, boss_name, boss_password)
    supervisor = users.authenticate(db, boss_name, boss_password).actor
    users.create_user(db, supervisor, "selftest.agent", Role.AGENT, PASSWORD,
                      must_change_password=False)
    agent = users.authenticate(db, "selftest.agent", PASSWORD).actor
    report.ok("users", f"agent selftest.agent created by {boss_name}; both signed in")
    return db, supervisor, agent


def _load_demo(db: Any, report: Report) -> tuple[str, str]:
    """Demo data if this build has the loader: its supervisor's name and password."""
    if importlib.util.find_spec("nit_desk.demo.demo") is None:
        return "", ""
    from nit_desk.demo import demo

    summary = demo.load_demo(db, clients=5, seed=1)
    report.ok("demo data", " ".join(str(summary.describe()).split())[:120])
    return demo.DEMO_SUPERVISOR, demo.DEMO_PASSWORD


def _load_translations(app: QApplication, report: Report) -> None:
    """Russian: our catalog and Qt's own, plural forms included."""
    from nit_desk.ui import i18n

    state = i18n.install_translators(app, "ru")
    if not state.catalog_loaded:
        raise SelfTestFailed(f"translations: {i18n.CATALOG}_ru.qm not found in {i18n.I18N_DIR}")
    if not state.qt_loaded:
        raise SelfTestFailed(f"translations: qtbase_ru.qm not found in "
                             f"{i18n.qt_translations_dir()}")
    sample = i18n.n_requests(5)
    if sample != "5 обращений":
        raise SelfTestFailed(f"translations: the Russian plural of 5 requests is {sample!r}")
    report.ok("translations", f"{state.locale_name}, NIT Desk and Qt catalogs, '{sample}'")


# -- the screens --------------------------------------------------------------------------


ScreenFactory = Callable[["Session"], "QWidget"]
"""Makes one screen for a signed-in desk (the self-test owns and deletes it)."""


def _sign_in_dialog(desk: Session) -> QWidget:
    from nit_desk.app.app import database_display_name
    from nit_desk.views.account.sign_in import SignInDialog

    return SignInDialog(desk.runner, desk.db,
                        last_user_name=desk.actor.username,
                        database_name=database_display_name(desk.db))


def _settings_dialog(desk: Session) -> QWidget:
    from nit_desk.views.account.settings_dialog import SettingsDialog

    if desk.settings is None:
        raise RuntimeError("The settings dialog needs a session with settings")
    return SettingsDialog(desk.settings)


DIALOGS: dict[str, ScreenFactory] = {
    "sign-in dialog": _sign_in_dialog,
    "settings dialog": _settings_dialog,
}
"""Dialogs opened outside the main window's screens; add one with a line here."""


def _registered_screens() -> dict[str, ScreenFactory]:
    """Extra factories the screen authors registered in ``nit_desk.app.screens.SCREENS``."""
    screens = importlib.import_module("nit_desk.app.screens")
    extra = getattr(screens, "SCREENS", {})
    return dict(extra.items()) if isinstance(extra, dict) else {}


def _is_blank(widget: QWidget) -> str:
    """Why ``widget`` rendered blank ("" when it drew something)."""
    pixmap = widget.grab()
    if pixmap.isNull() or pixmap.width() < 8 or pixmap.height() < 8:
        return f"rendered an empty image ({pixmap.width()}x{pixmap.height()})"
    image = pixmap.toImage()
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 64)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step_x)
               for y in range(0, image.height(), step_y)}
    return "" if len(colours) > 1 else "rendered a single flat colour"


async def _settle(desk: Session) -> None:
    """Let the screen's first service calls and queued slots finish.

    Sleeping on the qasync loop lets Qt deliver its events (never call
    ``processEvents`` from a coroutine: it would re-enter the running task).
    """
    deadline = time.monotonic() + SETTLE_SECONDS
    quiet_rounds = 0
    while time.monotonic() < deadline and quiet_rounds < 3:
        await asyncio.sleep(0.02)
        quiet_rounds = 0 if desk.runner.is_busy else quiet_rounds + 1
    if desk.runner.is_busy:
        raise SelfTestFailed(f"a service call did not finish within {SETTLE_SECONDS:.0f} s")


def _error_boxes(report: Report) -> list[str]:
    """Texts of message boxes that popped up (a screen refused to open), closing them."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    texts = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts


async def _render(name: str, widget: QWidget, desk: Session, report: Report) -> None:
    """Show ``widget`` off screen, let it load, render it and check the image."""
    from PySide6.QtCore import Qt

    if widget.isWindow():
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()
    await _settle(desk)
    _raise_caught(report, name)
    boxes = _error_boxes(report)
    if boxes:
        raise SelfTestFailed(f"{name}: showed an error: {boxes[0]}")
    why = _is_blank(widget)
    if why:
        raise SelfTestFailed(f"{name}: {why}")
    keep = os.environ.get(SHOTS_ENV, "").strip()
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
        widget.grab().save(str(Path(keep) / f"{safe}.png"))
    size = widget.size()
    report.ok(f"screen {name}", f"{size.width()}x{size.height()} rendered")
    english = sorted(set(_visible_texts(widget)) & _untranslated_sources())
    if english:
        report.say(f"warn  screen {name} shows English text: {', '.join(map(repr, english[:8]))}")


def _untranslated_sources() -> frozenset[str]:
    """English texts that have a different Russian translation (from the ``.ts``, so only
    from source). One of them on a Russian screen means a string escaped translation:
    translated under the wrong context, at import time, or not at all."""
    global _ENGLISH
    if _ENGLISH is None:
        _ENGLISH = frozenset(_read_ts_sources())
    return _ENGLISH


_ENGLISH: frozenset[str] | None = None


def _read_ts_sources() -> set[str]:
    import xml.etree.ElementTree as ET

    from nit_desk.ui import i18n

    ts = i18n.ts_path("ru")
    if not ts.is_file():
        return set()
    found = set()
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.findtext("translation", "") or ""
        plain = source.replace("&", "").strip().rstrip(":").strip()
        if (message.get("numerus") != "yes" and "{" not in source and len(plain) > 2
                and any(c.isalpha() for c in plain) and translation.strip()
                and translation.replace("&", "").strip().rstrip(":").strip() != plain):
            found.add(plain)
    return found


def _header_texts(model: QAbstractItemModel) -> list[str]:
    """A table model's column titles (list models have none)."""
    from PySide6.QtCore import QModelIndex, Qt

    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:
        return []
    return [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]


def _visible_texts(root: QWidget) -> Iterator[str]:
    """The texts a user reads on ``root``: labels, buttons, tabs, titles, headers."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QGroupBox,
        QLabel,
        QLineEdit,
        QTabWidget,
        QWidget,
    )

    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        texts: list[str] = []
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            texts += _header_texts(w.model())
        if w.isWindow():
            texts.append(w.windowTitle())
        for text in texts:
            for part in text.replace("&", "").split(" · "):
                yield part.strip().rstrip(":").strip()


def _raise_caught(report: Report, where: str) -> None:
    if report.caught:
        raise SelfTestFailed(f"{where}: unexpected error\n{report.caught[0]}")


async def _main_window_screens(desk: Session, role: str, report: Report) -> int:
    """The main window of ``desk.actor`` and every tab and area its screens fill."""
    from nit_desk.app.app import build_main_window

    window = build_main_window(desk.db, desk.actor, desk.runner, desk.events, desk.settings)
    count = 0
    try:
        await _render(f"main window ({role})", window, desk, report)
        count += 1
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            title = window.tabs.tabText(index).replace("&", "")
            page = window.tabs.widget(index)
            if page is None:
                raise SelfTestFailed(f"main window ({role}): tab {index} has no page")
            await _render(f"tab '{title}' ({role})", page, desk, report)
            count += 1
        window.tabs.setCurrentIndex(0)
        for area in ("queue_area", "card_area"):
            slot = getattr(window, area, None)
            content = getattr(slot, "content", None)
            if content is not None:
                name = type(content).__name__
                await _render(f"{area.replace('_', ' ')}: {name} ({role})", content, desk,
                              report)
                count += 1
    finally:
        window.hide()
        window.deleteLater()
    return count


async def _other_screens(desk: Session, report: Report) -> int:
    """The dialogs and the registered extra screens, each made, rendered and deleted."""
    count = 0
    for name, factory in {**DIALOGS, **_registered_screens()}.items():
        widget = factory(desk)
        try:
            await _render(name, widget, desk, report)
            count += 1
        finally:
            widget.hide()
            widget.deleteLater()
    return count


async def _screenshot_screens(folder: Path, report: Report) -> int:
    """Every screen in ``nit_desk.app.screenshot.SCREENS`` (the screen authors' registry),
    built on its demo database with real data, as ``nit-desk screenshot`` renders them."""
    if importlib.util.find_spec("nit_desk.app.screenshot") is None:
        return 0
    from PySide6.QtCore import QSettings

    from nit_desk.app import screenshot
    from nit_desk.app.bindings import attach_database
    from nit_desk.ui.events import AppEvents
    from nit_desk.ui.runner import ServiceRunner
    from nit_desk.ui.session import Session
    from nit_desk.ui.settings import DeskSettings

    shots = folder / "screens"
    shots.mkdir()
    loop = asyncio.get_running_loop()
    db, agent, boss, clients = await loop.run_in_executor(None, screenshot.prepare_database,
                                                          shots)
    settings = DeskSettings(QSettings(str(shots / "settings.ini"), QSettings.Format.IniFormat))
    runner, events = ServiceRunner(), AppEvents()
    detach = attach_database(events, db)
    shot = screenshot.ShotContext(db, Session(db, agent, runner, events, settings),
                                  Session(db, boss, runner, events, settings), clients, shots)
    count = 0
    try:
        for name, build in screenshot.SCREENS:
            widget = await build(shot)
            try:
                await _render(name, widget, shot.agent, report)
                count += 1
            finally:
                widget.hide()
                widget.deleteLater()
    finally:
        detach()
        runner.shutdown(wait=True)
        events.deleteLater()
        db.dispose()
    return count


async def _screens(db: Any, supervisor: Any, agent: Any, folder: Path, report: Report) -> int:
    """Every screen for the supervisor, the main window also for the agent."""
    from PySide6.QtCore import QSettings

    from nit_desk.ui.events import AppEvents
    from nit_desk.ui.runner import ServiceRunner
    from nit_desk.ui.session import Session
    from nit_desk.ui.settings import DeskSettings

    settings = DeskSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    runner, events = ServiceRunner(workers=1), AppEvents()
    try:
        boss = Session(db, supervisor, runner, events, settings)
        count = await _main_window_screens(boss, "supervisor", report)
        count += await _main_window_screens(Session(db, agent, runner, events, settings), "agent",
                                            report)
        count += await _other_screens(boss, report)
    finally:
        runner.shutdown(wait=True)
        events.deleteLater()
    return count + await _screenshot_screens(folder, report)


# -- running it ---------------------------------------------------------------------------


@contextmanager
def _isolated(folder: Path, report: Report) -> Iterator[None]:
    """Keep the user's files out of it and catch exceptions from hooks and threads."""
    saved_env = {k: os.environ.get(k) for k in ("NIT_DESK_HOME", "QT_QPA_PLATFORM")}
    saved_hooks = (sys.excepthook, threading.excepthook)
    os.environ["NIT_DESK_HOME"] = str(folder)
    if _headless() and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings

    saved_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    sys.excepthook = report.catch
    threading.excepthook = lambda a: report.catch(a.exc_type, a.exc_value or Exception(),
                                                  a.exc_traceback)
    try:
        yield
    finally:
        sys.excepthook, threading.excepthook = saved_hooks
        QSettings.setDefaultFormat(saved_format)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _headless() -> bool:
    """A Unix session without a display (CI): render with Qt's offscreen platform."""
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


BENIGN_QT_WARNINGS = ("does not support propagateSizeHints",)
"""Qt platform notes that say nothing about NIT Desk (the offscreen plugin's)."""


@contextmanager
def _qt_messages(report: Report) -> Iterator[None]:
    """Qt's critical messages fail the self-test; its warnings are reported."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            report.caught.append(f"Qt: {message}")
        elif kind == QtMsgType.QtWarningMsg and not any(b in message
                                                        for b in BENIGN_QT_WARNINGS):
            report.say(f"warn  Qt: {message}")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    from nit_desk.app.app import make_application

    app = QApplication.instance()
    return app if isinstance(app, QApplication) else make_application([sys.argv[0]])


def _run_gui_steps(db: Any, supervisor: Any, agent: Any, folder: Path, report: Report) -> int:
    """Translations and screens, inside a qasync event loop like the real program."""
    with _qt_messages(report):
        return _run_in_loop(_application(), db, supervisor, agent, folder, report)


def _check_icon(app: QApplication, report: Report) -> None:
    """The window icon (resources/icons) made it into this build."""
    icon = app.windowIcon()
    sizes = icon.availableSizes()
    if icon.isNull() or not sizes:
        raise SelfTestFailed("icon: the application has no window icon (resources/icons missing?)")
    report.ok("icon", f"{max(s.width() for s in sizes)} px")


def _run_in_loop(app: QApplication, db: Any, supervisor: Any, agent: Any, folder: Path,
                 report: Report) -> int:
    import qasync

    _check_icon(app, report)
    _load_translations(app, report)
    loop = qasync.QEventLoop(app)
    loop.set_exception_handler(
        lambda _loop, ctx: report.catch(type(ctx.get("exception") or RuntimeError()),
                                        ctx.get("exception") or RuntimeError(ctx["message"]),
                                        None))
    previous = _current_loop()
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(_screens(db, supervisor, agent, folder, report))
    finally:
        asyncio.set_event_loop(previous)
        from nit_desk.ui import i18n

        i18n.remove_translators()
        _delete_widgets_now()


def _delete_widgets_now() -> None:
    """Delete the rendered screens while Qt is still fully alive, not at interpreter exit."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QCoreApplication.processEvents()
        gc.collect()


def _current_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        return None


def where_am_i() -> str:
    """Where this program runs from: the frozen bundle's folder or the source package."""
    if getattr(sys, "frozen", False):
        return f"frozen program in {getattr(sys, '_MEIPASS', Path(sys.executable).parent)}"
    return f"source in {Path(__file__).resolve().parent}"


def run_self_test() -> int:
    """Run every step; 0 when all passed, 1 (and the reason on stderr) at the first failure."""
    from nit_desk import __version__

    report = Report()
    report.say(f"NIT Desk {__version__} self-test ({where_am_i()}, Python "
               f"{sys.version.split()[0]})")
    folder = Path(tempfile.mkdtemp(prefix="nit-desk-self-test-"))
    status = 0
    db = None
    try:
        with _isolated(folder, report):
            _check_bundle(report)
            db, supervisor, agent = _prepare_database(folder, report)
            screens = _run_gui_steps(db, supervisor, agent, folder, report)
            _raise_caught(report, "after the screens")
        report.say(f"PASSED: {screens} screens in {time.perf_counter() - report.started:.1f} s")
    except SelfTestFailed as exc:
        status = _failed(report, str(exc))
    except Exception as exc:  # noqa: BLE001 - any failure is the answer, with its traceback
        status = _failed(report, "".join(traceback.format_exception(exc)).strip())
    finally:
        if db is not None:
            db.dispose()
        shutil.rmtree(folder, ignore_errors=True)
        _write_report(report)
    return status


def run_and_exit() -> int:
    """``nit-desk --self-test``: run it, then end the process at once with its status.

    The process ends with ``os._exit`` once the report is out: all the work
    is done and checked, and tearing down dozens of rendered Qt screens during
    interpreter shutdown is where a binding bug shows up last (PySide6 6.12.0
    drops references to ``None``/``True``/``False`` on Python 3.11 and aborted
    there with exit code 134 after a passed run); the report, not the
    teardown, is the answer.
    """
    status = run_self_test()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(status)


def _failed(report: Report, message: str) -> int:
    line = f"FAILED: {message}"
    report.lines.append(line)
    print(line, file=sys.stderr, flush=True)
    return 1


def _write_report(report: Report) -> None:
    """Also leave the report in the temp folder for the windowed program."""
    try:
        path = Path(tempfile.gettempdir()) / REPORT_NAME
        path.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    except OSError:
        pass
