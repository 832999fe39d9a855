"""File → Settings…: the database, its backups and the language of this computer's NIT Desk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.ui.runner import async_slot
from nit_desk.ui.settings import DeskSettings, without_password
from nit_desk.ui.theme import apply_theme
from nit_desk.views.account.backups_panel import BackupsPanel
from nit_desk.views.account.connection_dialog import ConnectionDialog
from nit_desk.views.widgets import dialog_finished

LANGUAGES = (("", "System default"), ("en", "English"), ("ru", "Русский"))


class SettingsDialog(QDialog):
    """Edits the stored preferences; they take effect at the next start."""

    def __init__(self, settings: DeskSettings, parent: QWidget | None = None, *,
                 database_file: Path | None = None) -> None:
        """``database_file``: the SQLite file open now, whose backups are listed (None:
        a server, or nothing open)."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self.database_edit = QLineEdit(settings.database_target())
        self.database_edit.setPlaceholderText(self.tr("Default: nit-desk.db in your data folder"))
        self.database_edit.setToolTip(self.tr(
            "A SQLite file path for one desk, or a PostgreSQL URL such as "
            "postgresql://agent@server/nit for several. The password is asked "
            "for and kept in the system keyring, never here."))
        self.language_combo = QComboBox()
        for code, name in LANGUAGES:
            label = self.tr("System default") if not code else name
            self.language_combo.addItem(label, code)
        index = self.language_combo.findData(settings.language())
        self.language_combo.setCurrentIndex(max(index, 0))
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeCombo")
        for code, label in (("", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            self.theme_combo.addItem(label, code)
        self.theme_combo.setCurrentIndex(max(self.theme_combo.findData(settings.theme()), 0))
        self.backups_panel = BackupsPanel(settings, database_file, self)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        self.server_button = QPushButton(self.tr("PostgreSQL server…"))
        self.server_button.setObjectName("serverButton")
        self.server_button.clicked.connect(self._on_server_button_clicked)
        database_row = QHBoxLayout()
        database_row.addWidget(self.database_edit, 1)
        database_row.addWidget(self.server_button)
        form.addRow(self.tr("Database:"), database_row)
        form.addRow(self.tr("Language:"), self.language_combo)
        form.addRow(self.tr("Theme:"), self.theme_combo)
        note = QLabel(self.tr("Changes take effect the next time NIT Desk starts."))
        note.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.backups_panel)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    @async_slot()
    async def _on_server_button_clicked(self) -> None:
        """Host, port, database, user, password and a connection test (issue 6)."""
        dialog = ConnectionDialog(self._settings, parent=self)
        try:
            if await dialog_finished(dialog) == ConnectionDialog.DialogCode.Accepted:
                self.database_edit.setText(self._settings.database_target())
        finally:
            dialog.deleteLater()

    def accept(self) -> None:
        """Store the choices (a password typed into a URL is dropped) and close."""
        self._settings.set_database_target(without_password(self.database_edit.text()))
        self._settings.set_language(str(self.language_combo.currentData() or ""))
        self._settings.set_theme(str(self.theme_combo.currentData() or ""))
        self.backups_panel.save()
        apply_theme(self._settings.theme())
        self._settings.sync()
        super().accept()
