"""The Backups part of File → Settings: how many to keep, which exist, and a restore.

The desk writes its rotating backups itself (each day at start and before every
schema upgrade; :mod:`nit_desk.services.admin.backups`). A restore replaces the
file the desk has open, so the button only chooses the backup: it is checked
and put in place the next time NIT Desk starts, before the database opens, and
the file it replaces is kept beside it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nit_desk.services.admin import backups
from nit_desk.services.admin.backups import BackupFile
from nit_desk.ui.settings import MAX_BACKUPS_TO_KEEP, DeskSettings


class BackupsPanel(QGroupBox):
    """Lists the rotating backups of ``database`` with their dates; chooses one to restore.

    Args:
        database: the SQLite file the desk has open; None for a PostgreSQL server.
    """

    def __init__(self, settings: DeskSettings, database: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsPanel")
        self.setTitle(self.tr("Backups"))
        self._settings = settings
        self.keep_spin = QSpinBox()
        self.keep_spin.setObjectName("backupsToKeep")
        self.keep_spin.setRange(1, MAX_BACKUPS_TO_KEEP)
        self.keep_spin.setValue(settings.backups_to_keep())
        self.list = QListWidget()
        self.list.setObjectName("backupsList")
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self._lay_out()
        self._fill(database)

    def _lay_out(self) -> None:
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("Keep the newest")))
        keep_row.addWidget(self.keep_spin)
        keep_row.addWidget(QLabel(self.tr("backups (taken daily and before every upgrade)")))
        keep_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(keep_row)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

    def _fill(self, database: Path | None) -> None:
        if database is None:
            self.list.setVisible(False)
            self.keep_spin.setEnabled(False)
            self.note.setText(self.tr("A PostgreSQL server is backed up by its administrator "
                                      "with pg_dump."))
            return
        found = backups.list_backups(database)
        for backup in found:
            item = QListWidgetItem(self._describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        pending = self._settings.pending_restore()
        if pending:
            self.note.setText(self.tr("{file} will be restored the next time NIT Desk starts.")
                              .format(file=Path(pending).name))
        elif not found:
            self.note.setText(self.tr("No backups yet: the first is taken the next time "
                                      "NIT Desk starts."))
        else:
            self.note.setText(self.tr("Backups are kept in {folder}.").format(
                folder=str(found[0].path.parent)))

    def _describe(self, backup: BackupFile) -> str:
        reason = self.tr("daily") if backup.reason == "daily" else \
            self.tr("before upgrade") if backup.reason.startswith("before-") else backup.reason
        return self.tr("{date} — {reason}, {size} KB").format(
            date=backup.taken_at.strftime("%Y-%m-%d %H:%M"), reason=reason,
            size=max(backup.size // 1024, 1))

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(self, current: QListWidgetItem | None,
                                      _previous: QListWidgetItem | None) -> None:
        self.restore_button.setEnabled(current is not None)

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore a backup"),
                          self.tr("Restore the backup of {date}? It is checked and put in "
                                  "place the next time NIT Desk starts; the database as it "
                                  "is then is kept beside it. Work saved after the backup "
                                  "was taken will not be in the restored database.")
                          .format(date=item.text()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("restoreConfirmBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        path = str(item.data(Qt.ItemDataRole.UserRole))
        box.finished.connect(lambda result: self._on_restore_box_finished(result, path))
        box.open()

    def _on_restore_box_finished(self, result: int, path: str) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.choose_restore(path)

    def choose_restore(self, path: str) -> None:
        """Remember ``path`` to be restored at the next start."""
        self._settings.set_pending_restore(path)
        self._settings.sync()
        self.note.setText(self.tr("{file} will be restored the next time NIT Desk starts.")
                          .format(file=Path(path).name))

    def save(self) -> None:
        """Store how many backups to keep."""
        self._settings.set_backups_to_keep(self.keep_spin.value())
