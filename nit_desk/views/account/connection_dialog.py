"""Connecting this workstation to the call centre's PostgreSQL server.

Host, port, database, user and password; "Test connection" runs the check
on a worker thread and says in plain words what is wrong (the server cannot
be reached, the password is wrong, the database is missing, the schema is
older or newer than this program) or that all is well. Saving stores the
address without the password in the settings and the password in the
system keyring, never in the settings file or the log.

Views never import the services that touch storage: the check is handed in
as a :class:`ConnectionChecker` (:func:`set_connection_checker`, done once
by :mod:`nit_desk.app.app`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.services.admin.connection_dto import ConnectionReport
from nit_desk.ui import keyring_store
from nit_desk.ui.logging_setup import register_secret
from nit_desk.ui.runner import ServiceRunner, async_slot
from nit_desk.ui.settings import DeskSettings
from nit_desk.views.widgets import dialog_finished

log = logging.getLogger(__name__)
DEFAULT_PORT = 5432


ConnectionChecker = Callable[[str, "str | None"], ConnectionReport]
"""``check(url_without_password, password)``; blocking."""

_checker: ConnectionChecker | None = None


def set_connection_checker(checker: ConnectionChecker) -> None:
    """Install the check the dialogs use (the shell does it once at start-up)."""
    global _checker
    _checker = checker


def postgres_url(host: str, port: int, database: str, user: str) -> str:
    """``postgresql+psycopg://user@host:port/database`` (no password, ever)."""
    netloc = f"{quote(user, safe='')}@{host}" if user else host
    if port and port != DEFAULT_PORT:
        netloc += f":{port}"
    return f"postgresql+psycopg://{netloc}/{quote(database, safe='')}"


def report_text(report: ConnectionReport) -> str:
    """The report's message in the user's language."""
    template = QCoreApplication.translate(MESSAGE_CONTEXT, report.template or report.message)
    try:
        return template.format(**report.params)
    except (KeyError, IndexError, ValueError):
        return report.message


class ConnectionDialog(QDialog):
    """Edits the PostgreSQL server this workstation connects to, with a connection test.

    Args:
        settings: where the address (without password) is saved.
        checker: the blocking connection test; default the one the shell installed.
    """

    def __init__(self, settings: DeskSettings, checker: ConnectionChecker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionDialog")
        self.setWindowTitle(self.tr("PostgreSQL server"))
        self._settings = settings
        self._checker = checker or _checker
        self._runner = ServiceRunner(workers=1, parent=self)
        self._build_fields()
        self._lay_out()
        self._load(settings.database_target())
        self.finished.connect(lambda _code: self._runner.shutdown(wait=False))

    def _build_fields(self) -> None:
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("server name or address"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit = QLineEdit()
        self.database_edit.setPlaceholderText("nit")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setToolTip(self.tr(
            "Kept in this computer's keyring, never in the settings file."))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.result_label = QLabel()
        self.result_label.setObjectName("connectionResult")
        self.result_label.setWordWrap(True)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Host:"), self.host_edit)
        form.addRow(self.tr("Port:"), self.port_spin)
        form.addRow(self.tr("Database:"), self.database_edit)
        form.addRow(self.tr("User:"), self.user_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _load(self, target: str) -> None:
        """Fill the fields from a saved PostgreSQL address (a SQLite path leaves them empty)."""
        if not target.startswith("postgresql"):
            return
        parts = urlsplit(target)
        self.host_edit.setText(parts.hostname or "")
        self.port_spin.setValue(parts.port or DEFAULT_PORT)
        self.database_edit.setText(unquote(parts.path.lstrip("/")))
        self.user_edit.setText(unquote(parts.username or ""))
        self.password_edit.setText(keyring_store.load_password(target) or "")

    def url(self) -> str:
        """The address as typed, without the password."""
        return postgres_url(self.host_edit.text().strip(), self.port_spin.value(),
                            self.database_edit.text().strip(), self.user_edit.text().strip())

    def password(self) -> str | None:
        """The typed password, or None when the field is empty (masked in logs from now on)."""
        password = self.password_edit.text() or None
        if password:
            register_secret(password)
        return password

    @async_slot()
    async def _on_test_button_clicked(self) -> None:
        if self._checker is None:
            self._show(False, self.tr("The connection cannot be tested here."))
            return
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Connecting…"))
        try:
            report = await self._runner.call(self._checker, self.url(), self.password())
        finally:
            self.test_button.setEnabled(True)
        self._show(report.ok, report_text(report))

    def _show(self, ok: bool, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet("" if ok else "color: #b3261e;")

    def accept(self) -> None:
        """Save the address (no password) in the settings and the password in the keyring."""
        url = self.url()
        self._settings.set_database_target(url)
        self._settings.sync()
        password = self.password()
        if password is not None:
            keyring_store.save_password(url, password)
        log.info("Database server set to %s", url)
        super().accept()


async def ask_for_password(url: str, problem: str, parent: QWidget | None = None) -> str | None:
    """Ask once for the password of ``url``'s user (start-up, when the keyring has none).

    Returns:
        The typed password, or None when the user cancelled.
    """
    dialog = PasswordDialog(url, problem, parent)
    try:
        if await dialog_finished(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.password_edit.text()
    finally:
        dialog.deleteLater()


class PasswordDialog(QDialog):
    """"Password for anna@server/nit": one field, shown when the keyring has none."""

    def __init__(self, url: str, problem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Database password"))
        parts = urlsplit(url)
        title = QLabel(self.tr("Password of {user} on {host}/{database}:").format(
            user=unquote(parts.username or ""), host=parts.hostname or "",
            database=unquote(parts.path.lstrip("/"))))
        note = QLabel(problem)
        note.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, note, self.password_edit, buttons):
            layout.addWidget(widget)
