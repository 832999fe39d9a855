"""File → Settings…: the database and the language of this computer's NIT Desk."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nit_desk.gui.settings import DeskSettings, without_password

LANGUAGES = (("", "System default"), ("en", "English"), ("ru", "Русский"))


class SettingsDialog(QDialog):
    """Edits the stored preferences; they take effect at the next start."""

    def __init__(self, settings: DeskSettings, parent: QWidget | None = None) -> None:
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
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Database:"), self.database_edit)
        form.addRow(self.tr("Language:"), self.language_combo)
        note = QLabel(self.tr("Changes take effect the next time NIT Desk starts."))
        note.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        """Store the choices (a password typed into a URL is dropped) and close."""
        self._settings.set_database_target(without_password(self.database_edit.text()))
        self._settings.set_language(str(self.language_combo.currentData() or ""))
        self._settings.sync()
        super().accept()
