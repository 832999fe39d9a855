"""The main window: menus, status bar, and the places where the screens go.

Later screens are placed with :meth:`MainWindow.set_queue_widget`,
:meth:`MainWindow.set_card_widget`, :meth:`MainWindow.add_supervisor_console` and
:meth:`MainWindow.add_work_action`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nit_desk import __version__
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.ui.events import DISCONNECTED, AppEvents
from nit_desk.ui.runner import ServiceRunner, run_async
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.account.change_password import ChangePasswordDialog
from nit_desk.views.account.settings_dialog import SettingsDialog
from nit_desk.views.shortcuts_dialog import ShortcutsDialog
from nit_desk.views.widgets import BusyIndicator, PlaceholderPanel, dialog_finished


def role_name(role: Role) -> str:
    """The translated name of a role."""
    names = {Role.AGENT: QCoreApplication.translate("roles", "agent"),
             Role.SUPERVISOR: QCoreApplication.translate("roles", "supervisor")}
    return names.get(role, str(role))


class _Slot(QWidget):
    """A container holding exactly one replaceable widget."""

    def __init__(self, initial: QWidget) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.content = initial
        self._layout.addWidget(initial)

    def replace(self, widget: QWidget) -> None:
        old = self.content
        self._layout.replaceWidget(old, widget)
        old.deleteLater()
        self.content = widget


class MainWindow(QMainWindow):
    """The desk: queue on the left, client card on the right, menus and status bar.

    ``closed(signed_out)`` is emitted when the window has closed: True after
    File → Sign out (show the sign-in again), False when quitting. ``db`` is the
    storage's database, only passed on (File → Change password calls the service
    with it); without it that menu item is disabled.
    """

    closed = Signal(bool)

    def __init__(self, actor: Actor, runner: ServiceRunner, events: AppEvents,
                 settings: DeskSettings, *, database_name: str = "",
                 db: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.actor, self.runner, self.events = actor, runner, events
        self._settings, self._db = settings, db
        self._signing_out = False
        self._closed_once = False
        self.setWindowTitle(self.tr("NIT Desk — {user} ({role})").format(
            user=actor.username, role=role_name(actor.role)))
        self._build_centre()
        self._build_menus()
        self._build_status_bar(database_name)
        runner.busy_changed.connect(self.busy_indicator.set_busy)
        events.status_message.connect(self._on_events_status_message)
        events.connection_state_changed.connect(self._on_events_connection_state_changed)
        self._restore_layout()

    # -- building ----------------------------------------------------------

    def _build_centre(self) -> None:
        self.queue_area = _Slot(PlaceholderPanel(
            self.tr("Queue"), self.tr("Requests waiting for work will be listed here.")))
        self.card_area = _Slot(PlaceholderPanel(
            self.tr("Client card"), self.tr("Pick a request in the queue to see its client.")))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("workSplitter")
        self.splitter.addWidget(self.queue_area)
        self.splitter.addWidget(self.card_area)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setContentsMargins(6, 6, 6, 2)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)
        self.tabs.addTab(self.splitter, self.tr("Work"))
        self.setCentralWidget(self.tabs)
        self.supervisor_console: QWidget | None = None

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.action_settings = self._action(self.file_menu, self.tr("&Settings…"),
                                            self._on_action_settings_triggered)
        self.action_change_password = self._action(
            self.file_menu, self.tr("&Change password…"),
            self._on_action_change_password_triggered)
        self.action_change_password.setEnabled(self._db is not None)
        self.file_menu.addSeparator()
        self.action_sign_out = self._action(self.file_menu, self.tr("Sign &out"),
                                            self._on_action_sign_out_triggered)
        self.action_quit = self._action(self.file_menu, self.tr("&Quit"), self.close,
                                        QKeySequence.StandardKey.Quit)
        self.work_menu = bar.addMenu(self.tr("&Work"))
        placeholder = self.work_menu.addAction(self.tr("(no work screens yet)"))
        placeholder.setEnabled(False)
        self._work_placeholder: QAction | None = placeholder
        self.action_supervisor_console = QAction(self.tr("Supervisor &console"), self)
        self.action_supervisor_console.setObjectName("actionSupervisorConsole")
        self.action_supervisor_console.setShortcut(QKeySequence("F9"))
        self.action_supervisor_console.setToolTip(self.tr("The supervisor console; F9 again "
                                                          "goes back to the queue"))
        self.action_supervisor_console.triggered.connect(self._on_console_action_triggered)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.action_shortcuts = self._action(self.help_menu, self.tr("&Keyboard shortcuts"),
                                             self._on_action_shortcuts_triggered,
                                             QKeySequence.StandardKey.HelpContents)
        self.action_shortcuts.setObjectName("actionKeyboardShortcuts")
        self.action_about = self._action(self.help_menu, self.tr("&About NIT Desk…"),
                                         self._on_action_about_triggered)

    def _action(self, menu: QMenu, text: str, slot: object,
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_status_bar(self, database_name: str) -> None:
        self.busy_indicator = BusyIndicator()
        self._database_name = database_name
        self.connection_label = QLabel()
        self.user_label = QLabel(self.tr("{user} · {role}").format(
            user=self.actor.username, role=role_name(self.actor.role)))
        for label in (self.user_label, self.connection_label):
            label.setContentsMargins(10, 0, 10, 0)
        status = self.statusBar()
        status.addWidget(self.busy_indicator)
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.connection_label)
        self._show_connected(True)

    def _show_connected(self, connected: bool) -> None:
        if connected:
            self.connection_label.setText(self.tr("Connected to {name}").format(
                name=self._database_name))
            self.connection_label.setStyleSheet("")
        else:
            self.connection_label.setText(self.tr("Database connection lost: reconnecting…"))
            self.connection_label.setStyleSheet("color: #b3261e;")

    # -- places for the screens -----------------------------------------

    def set_queue_widget(self, widget: QWidget) -> None:
        """Put the queue screen in the left area (replacing the placeholder)."""
        self.queue_area.replace(widget)

    def set_card_widget(self, widget: QWidget) -> None:
        """Put the client card screen in the right area (replacing the placeholder)."""
        self.card_area.replace(widget)

    def add_work_action(self, action: QAction) -> None:
        """Add an action to the Work menu (the first one removes the placeholder)."""
        if self._work_placeholder is not None:
            self.work_menu.removeAction(self._work_placeholder)
            self._work_placeholder = None
        self.work_menu.addAction(action)

    def add_supervisor_console(self, widget: QWidget, title: str = "") -> bool:
        """Add the supervisor console as a tab and a Work menu entry.

        Returns:
            False (and nothing is added) when the signed-in user is not a
            supervisor; services still check the role on every call (R18).
        """
        if not self.actor.is_supervisor:
            widget.deleteLater()
            return False
        self.supervisor_console = widget
        self.tabs.addTab(widget, title or self.tr("Supervisor console"))
        self.add_work_action(self.action_supervisor_console)
        return True

    def set_console_waiting(self, count: int) -> None:
        """The console's tab and menu entry say how many ban proposals wait (R11)."""
        if self.supervisor_console is None:
            return
        index = self.tabs.indexOf(self.supervisor_console)
        self.tabs.setTabText(index, self.tr("Supervisor console ({count})").format(count=count)
                             if count else self.tr("Supervisor console"))
        self.action_supervisor_console.setText(
            self.tr("Supervisor &console ({count})").format(count=count) if count
            else self.tr("Supervisor &console"))

    def show_work(self) -> None:
        """Bring the queue and card tab to the front."""
        self.tabs.setCurrentIndex(0)

    # -- slots -------------------------------------------------------------

    @Slot()
    def _on_console_action_triggered(self) -> None:
        """F9 opens the console, and from the console goes back to the queue and card."""
        if self.supervisor_console is None:
            return
        if self.tabs.currentWidget() is self.supervisor_console:
            self.show_work()
        else:
            self.tabs.setCurrentWidget(self.supervisor_console)

    @Slot()
    def _on_action_shortcuts_triggered(self) -> None:
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot(str)
    def _on_events_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    @Slot(str)
    def _on_events_connection_state_changed(self, state: str) -> None:
        self._show_connected(state != DISCONNECTED)

    def _database_file(self) -> Path | None:
        """The SQLite file open now (Settings lists its backups); None for a server."""
        if self._db is None or not self._db.is_sqlite:
            return None
        return Path(str(self._db.url.database))

    @Slot()
    def _on_action_settings_triggered(self) -> None:
        dialog = SettingsDialog(self._settings, self, database_file=self._database_file())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_action_change_password_triggered(self) -> None:
        if self._db is None:
            return
        dialog = ChangePasswordDialog(self.runner, self._db, self.actor, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        run_async(self._change_password(dialog), owner=self)

    async def _change_password(self, dialog: ChangePasswordDialog) -> None:
        if await dialog_finished(dialog):
            self.statusBar().showMessage(self.tr("Your password was changed."), 5000)

    @Slot()
    def _on_action_sign_out_triggered(self) -> None:
        self._signing_out = True
        if not self.close():
            self._signing_out = False

    @Slot()
    def _on_action_about_triggered(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About NIT Desk"))
        box.setText(self.tr("<b>NIT Desk</b> {version}<br>The workstation of NIT's paid IT "
                            "support call centre.").format(version=__version__))
        box.setInformativeText(self.tr("Database: {name}").format(name=self._database_name))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- window state ------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self._settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 740)
        state = self._settings.window_state()
        if state is not None:
            self.restoreState(state)
        splitter = self._settings.splitter_state()
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([560, 620])

    def save_layout(self) -> None:
        """Store the geometry, window state and splitter sizes in the settings."""
        self._settings.set_window_geometry(self.saveGeometry())
        self._settings.set_window_state(self.saveState())
        self._settings.set_splitter_state(self.splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Save the layout and say whether the user signed out or quit."""
        self.save_layout()
        self.busy_indicator.set_busy(False)
        super().closeEvent(event)
        if event.isAccepted() and not self._closed_once:
            self._closed_once = True
            self.closed.emit(self._signing_out)
