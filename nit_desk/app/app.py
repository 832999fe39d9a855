"""Starting the desktop program: application, event loop, database, sign-in, main window.

``run_gui`` is what ``nit-desk`` (and ``nit-desk demo``) call;
``build_main_window`` is also used by tests and by ``nit-desk screenshot``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QVBoxLayout, QWidget
from sqlalchemy.exc import SQLAlchemyError

from nit_desk import __version__
from nit_desk.app.bindings import DataVersionPoller, attach_database
from nit_desk.app.live_bridge import start_live_queue
from nit_desk.app.screens import install_screens
from nit_desk.domain.db_target import split_password
from nit_desk.domain.errors import NitDeskError
from nit_desk.services.actor import Actor
from nit_desk.services.admin import backups
from nit_desk.services.admin.connection_check import check_connection, classify_error
from nit_desk.services.admin.connection_check import report as connection_report
from nit_desk.services.admin.connection_dto import ProblemKind
from nit_desk.services.changes import ChangeWatcher
from nit_desk.services.storage import migrate
from nit_desk.services.storage.backup_files import DEFAULT_KEEP
from nit_desk.services.storage.engine import Database, open_database, to_url
from nit_desk.ui import keyring_store
from nit_desk.ui.errors import error_text, install_error_handling, uninstall_error_handling
from nit_desk.ui.events import AppEvents
from nit_desk.ui.i18n import install_translators
from nit_desk.ui.logging_setup import redact, register_secret, setup_logging, shutdown_logging
from nit_desk.ui.paths import APP_AUTHOR, APP_NAME, default_database_path, resources_dir
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.ui.settings import DeskSettings, without_password
from nit_desk.ui.theme import apply_theme
from nit_desk.views.account.connection_dialog import (
    ask_for_password,
    report_text,
    set_connection_checker,
)
from nit_desk.views.account.sign_in import SignInDialog
from nit_desk.views.crash_dialog import CrashDialog
from nit_desk.views.main_window import MainWindow
from nit_desk.views.widgets import dialog_finished

log = logging.getLogger(__name__)
EXIT_OK, EXIT_DATABASE = 0, 2
SPLASH_DELAY_MS = 300
SQLITE_POLL_MS = 1500  # other desks' commits appear within this
SERVER_POLL_MS = 5000  # PostgreSQL: only whether the server still answers
DAILY_BACKUP_DELAY_MS = 60_000  # the day's backup, once the desk is up and painted
ICON = resources_dir() / "icons" / "nit-desk.png"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named "NIT Desk" by "NIT"."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def database_display_name(db: Database) -> str:
    """How the database is named to the user: the file path, or the URL without password."""
    if db.is_sqlite:
        return str(db.url.database)
    return db.display_name


def build_main_window(db: Database, actor: Actor, runner: ServiceRunner, events: AppEvents,
                      settings: DeskSettings | None = None) -> MainWindow:
    """A main window for ``actor`` on ``db`` with every screen placed (not shown yet)."""
    settings = settings or DeskSettings()
    window = MainWindow(actor, runner, events, settings,
                        database_name=database_display_name(db),
                        db=db)
    install_screens(window, Session(db, actor, runner, events, settings))
    return window


# -- opening the database ------------------------------------------------------


def resolve_target(db_target: str | None, settings: DeskSettings) -> str:
    """The database to open: the argument, else the settings, else the default file.

    The default file's folder is created if needed.
    """
    target = (db_target or "").strip() or settings.database_target()
    if target:
        return target
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def open_prepared_database(target: str, *, password: str | None = None,
                           had_database: bool = False,
                           keep_backups: int = DEFAULT_KEEP) -> Database:
    """Open ``target`` and make its schema usable (blocking: run it off the GUI thread).

    A SQLite file is first looked at: missing, empty or not a database, it is
    refused in words unless this is the very first start (``had_database``
    False), which creates it; damage SQLite meets while opening is reported in
    words too. It is then upgraded in place after a rotating backup (the day's
    backup follows later, :func:`_daily_backup_timer`). A PostgreSQL schema is
    only checked, since ``nit-desk db upgrade`` upgrades a shared server.

    Args:
        password: a PostgreSQL password typed at start-up; else the one in
            ``target`` (any character), else the keyring's.
        had_database: this desk has opened this file before.
        keep_backups: how many rotating backups to keep (the desk's setting).

    Raises:
        DatabaseFileError: the SQLite file is missing, empty or damaged.
        NitDeskError: a bad target or an incompatible schema.
        SQLAlchemyError: the server cannot be reached.
    """
    address, typed = split_password(target)
    server = "://" in address and not address.startswith("sqlite")
    if server:
        password = password or typed or keyring_store.load_password(address)
        if password:
            register_secret(password)
    db = open_database(address, password=password if server else None)
    try:
        if db.is_sqlite:
            _prepare_sqlite(db, had_database=had_database, keep_backups=keep_backups)
        else:
            migrate.ensure_compatible(db)
    except BaseException:
        db.dispose()
        raise
    if password and server:
        keyring_store.save_password(address, password)
    return db


def _prepare_sqlite(db: Database, *, had_database: bool, keep_backups: int) -> None:
    """Refuse a lost or damaged file in words, then upgrade with a backup first."""
    path = Path(str(db.url.database))
    backups.refuse_unusable_file(path, had_database=had_database, thorough=False)
    try:
        migrate.upgrade(db, keep=keep_backups)
    except SQLAlchemyError as exc:
        damage = getattr(exc, "orig", None)
        if isinstance(damage, sqlite3.DatabaseError) and \
                not isinstance(damage, sqlite3.OperationalError):  # corrupt, not a database
            raise backups.damaged_file(path, str(damage)) from None
        raise


def _take_daily_backup(db: Database, keep: int) -> None:
    """The day's rotating backup, when due; a failure is logged and the desk carries on."""
    try:
        backups.daily_backup_if_due(db, keep=keep)
    except (NitDeskError, OSError, sqlite3.Error) as exc:
        log.warning("The daily backup could not be written: %s", exc)


def _daily_backup_timer(db: Database, settings: DeskSettings) -> QTimer:
    """A started timer that takes the day's backup once the desk is up (SQLite only).

    Deferred by :data:`DAILY_BACKUP_DELAY_MS` so a start is never slowed by
    copying and checking the whole file; the copy runs off the GUI thread and is
    safe while the desk writes (SQLite's online backup API).
    """
    timer = QTimer()
    timer.setSingleShot(True)
    if db.is_sqlite:
        keep = settings.backups_to_keep()
        timer.timeout.connect(lambda: asyncio.get_running_loop().run_in_executor(
            None, _take_daily_backup, db, keep))
        timer.start(DAILY_BACKUP_DELAY_MS)
    return timer


def sqlite_file(target: str) -> str | None:
    """The absolute path of a SQLite target, or None for a server or a bad value."""
    try:
        url = to_url(without_password(target))
    except NitDeskError:
        return None
    database = url.database if url.get_backend_name() == "sqlite" else None
    return database if database and database != ":memory:" else None


class _Splash(QWidget):
    """A small frameless "Opening the database…" note, shown only if opening is slow."""

    def __init__(self, target: str) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen)
        self.setObjectName("openingSplash")
        title = QLabel(QCoreApplication.translate("app", "<b>NIT Desk</b>"))
        text = QLabel(QCoreApplication.translate("app", "Opening the database…\n{target}")
                      .format(target=without_password(target)))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.show)
        self.timer.start(SPLASH_DELAY_MS)


async def _open_with_splash(target: str, settings: DeskSettings,
                            password: str | None = None) -> Database:
    splash = _Splash(target)
    path = sqlite_file(target)
    opening = functools.partial(
        open_prepared_database, target, password=password,
        had_database=path is not None and settings.had_database(path),
        keep_backups=settings.backups_to_keep())
    try:
        db = await asyncio.get_running_loop().run_in_executor(None, opening)
    finally:
        splash.timer.stop()
        splash.close()
        splash.deleteLater()
    if path is not None:
        settings.remember_database(path)
        settings.sync()
    return db


async def _show_fatal(text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "NIT Desk"),
                      text, QMessageBox.StandardButton.Close)
    box.setObjectName("fatalBox")
    await dialog_finished(box)


def _open_error_text(exc: BaseException) -> str:
    if isinstance(exc, NitDeskError):
        return error_text(exc)
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return QCoreApplication.translate("app", "Could not connect to the database: {detail}") \
        .format(detail=redact(detail[0] if detail else type(exc).__name__))


# -- the session -------------------------------------------------------------


async def sign_in(db: Database, runner: ServiceRunner, settings: DeskSettings) -> Actor | None:
    """Show the sign-in dialog; the signed-in actor, or None when the user gave up."""
    dialog = SignInDialog(runner, db,
                          last_user_name=settings.last_user_name(),
                          database_name=database_display_name(db))
    try:
        if await dialog_finished(dialog) != SignInDialog.DialogCode.Accepted:
            return None
        if dialog.actor is not None:
            settings.set_last_user_name(dialog.actor.username)
        return dialog.actor
    finally:
        dialog.deleteLater()


async def _window_closed(window: MainWindow) -> bool:
    future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def _on_window_closed(signed_out: bool) -> None:
        if not future.done():
            future.set_result(signed_out)

    window.closed.connect(_on_window_closed)
    window.show()
    return await future


async def run_desk(db: Database, runner: ServiceRunner, events: AppEvents,
                   settings: DeskSettings, actor: Actor | None = None) -> int:
    """Sign in (unless ``actor`` is given), show the main window, repeat after sign-out."""
    while True:
        if actor is None:
            actor = await sign_in(db, runner, settings)
            if actor is None:
                return EXIT_OK
        window = build_main_window(db, actor, runner, events, settings)
        signed_out = await _window_closed(window)
        window.deleteLater()
        if not signed_out:
            return EXIT_OK
        actor = None


async def _session(db_target: str | None, db: Database | None, actor: Actor | None,
                   settings: DeskSettings) -> int:
    owned = db is None
    if db is None:
        db = await _open_for_session(resolve_target(db_target, settings), settings)
        if db is None:
            return EXIT_DATABASE
    backup_timer = _daily_backup_timer(db, settings) if owned else QTimer()  # not the demo's
    runner = ServiceRunner(workers=1 if db.is_sqlite else 4)
    events = AppEvents()
    detach = attach_database(events, db)
    stop_polling = await _start_polling(db, runner, events)
    stop_live = start_live_queue(db, events)  # PostgreSQL: other desks' commits, live
    try:
        return await run_desk(db, runner, events, settings, actor)
    finally:
        backup_timer.stop()
        stop_live()
        await stop_polling()
        detach()
        runner.shutdown(wait=True)
        if owned:
            db.dispose()


async def _open_for_session(target: str, settings: DeskSettings) -> Database | None:
    """Open the desk's database; None after saying why it cannot be opened.

    A backup chosen in Settings is restored first. A missing, empty or damaged
    file is described in words with the newest backup offered; after a restore
    the opening is tried again.
    """
    await _apply_pending_restore(target, settings)
    while True:
        try:
            try:
                return await _open_with_splash(target, settings)
            except SQLAlchemyError as first:
                return await _open_asking_password(target, first, settings)
        except backups.DatabaseFileError as exc:
            log.error("The database file cannot be used: %s", exc.message)
            if not await _offer_backup(exc):
                return None
        except (NitDeskError, SQLAlchemyError, OSError) as exc:
            log.error("Could not open the database: %s", type(exc).__name__)
            await _show_fatal(_open_error_text(exc))
            return None


async def _apply_pending_restore(target: str, settings: DeskSettings) -> None:
    """Restore the backup chosen in Settings (once, whether it works or not)."""
    source, path = settings.pending_restore(), sqlite_file(target)
    if not source:
        return
    settings.set_pending_restore("")
    settings.sync()
    if path is not None and await _restore(Path(path), Path(source)):
        await _show_note(QCoreApplication.translate(
            "app", "The database was restored from {backup}. The file it replaced is kept "
            "beside it.").format(backup=source))


async def _restore(database: Path, source: Path) -> bool:
    """Restore ``source`` over ``database`` off the GUI thread; a refusal is shown."""
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, backups.restore_database, database, source)
    except (NitDeskError, OSError, sqlite3.Error) as exc:
        log.error("Restore refused: %s", exc)
        await _show_fatal(error_text(exc) if isinstance(exc, NitDeskError) else
                          QCoreApplication.translate("app", "The backup could not be "
                                                     "restored: {detail}").format(detail=exc))
        return False
    return True


async def _offer_backup(exc: backups.DatabaseFileError) -> bool:
    """Say what is wrong with the file and offer the newest backup; True once restored."""
    text = error_text(exc)
    if exc.latest is None:
        await _show_fatal(text + "\n\n" + QCoreApplication.translate(
            "app", "There is no backup of it on this computer. Ask your supervisor, or "
            "choose another database with 'nit-desk --db FILE'."))
        return False
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "NIT Desk"),
                      text, QMessageBox.StandardButton.Close)
    box.setObjectName("databaseFileBox")
    box.setInformativeText(QCoreApplication.translate(
        "app", "The newest backup was taken on {date} ({path}). Restore it? The file as it "
        "is now is kept beside it.").format(
            date=exc.latest.taken_at.strftime("%Y-%m-%d %H:%M"), path=str(exc.latest.path)))
    restore = box.addButton(QCoreApplication.translate("app", "Restore the backup"),
                            QMessageBox.ButtonRole.AcceptRole)
    await dialog_finished(box)
    if box.clickedButton() is not restore:
        return False
    return await _restore(exc.path, exc.latest.path)


async def _show_note(text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("app", "NIT Desk"), text,
                      QMessageBox.StandardButton.Ok)
    box.setObjectName("noteBox")
    await dialog_finished(box)


async def _open_asking_password(target: str, error: SQLAlchemyError,
                                settings: DeskSettings) -> Database:
    """Ask once for a PostgreSQL password the keyring lacks (or has wrong), then retry.

    Raises:
        SQLAlchemyError: ``error`` again when it was not about the password or the
            user cancelled; the retry's own error otherwise.
    """
    kind = classify_error(getattr(error, "orig", None) or error)
    if "://" not in target or kind not in (ProblemKind.NO_PASSWORD, ProblemKind.BAD_PASSWORD):
        raise error
    address = without_password(target)
    problem = report_text(connection_report(kind, user=to_url(address).username or ""))
    password = await ask_for_password(address, problem)
    if password is None:
        raise error
    register_secret(password)
    return await _open_with_splash(address, settings, password)


async def _start_polling(db: Database, runner: ServiceRunner,
                         events: AppEvents) -> Callable[[], asyncio.Future[None]]:
    """Poll for other processes' commits (SQLite) and the server's health; returns a stopper."""
    watcher = await runner.call(ChangeWatcher, db)
    interval = SQLITE_POLL_MS if db.is_sqlite else SERVER_POLL_MS
    poller = DataVersionPoller(runner, watcher, events, interval_ms=interval)
    poller.start()

    def stop() -> asyncio.Future[None]:
        poller.stop()
        return asyncio.ensure_future(runner.call(watcher.close))

    return stop


def run_gui(db_target: str | None, *, demo: bool = False, demo_actor: Actor | None = None,
            db: Database | None = None, settings: DeskSettings | None = None) -> int:
    """Run the desktop program until the user quits.

    Args:
        db_target: a SQLite path or PostgreSQL URL; None = the settings' or the
            default file ``nit-desk.db`` in the user data folder.
        demo: demo mode: with ``demo_actor`` the sign-in is skipped.
        demo_actor: who is signed in in demo mode.
        db: an already opened (and migrated) database, e.g. the demo's.
        settings: the preferences to use (tests); default the user's QSettings.

    Returns:
        The exit code: 0, or 2 when the database could not be opened or its
        schema does not fit this program.
    """
    app = make_application()
    app.setQuitOnLastWindowClosed(False)  # the session decides when to end
    log_path = setup_logging()
    log.info("NIT Desk %s starting (demo=%s)", __version__, demo)
    settings = settings or DeskSettings()
    set_connection_checker(check_connection)
    install_translators(app, settings.language() or None)
    apply_theme(settings.theme())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_error_handling(log_path, loop, crash_dialog=CrashDialog)
    actor = demo_actor if demo else None
    try:
        with loop:
            return loop.run_until_complete(_session(db_target, db, actor, settings))
    finally:
        uninstall_error_handling()
        log.info("NIT Desk stopped")
        shutdown_logging()
