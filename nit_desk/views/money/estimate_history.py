"""The version history of a request's estimate and its two agreement points (R15).

:class:`VersionHistory` lists every version ("v3 · agreed · 5 000 ₽ ·
after registration") newest first; picking one asks the editor to show it and
"Compare…" compares any two. :func:`agreement_points_text` says what was
agreed at the first contact and after registration.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.types import EstimateStatus
from nit_desk.services.money.money_dto import EstimateDTO, EstimateStage
from nit_desk.ui.money_text import date_text, money_text, stage_name, status_name

STATUS_COLOURS = {
    EstimateStatus.DRAFT: "#5f6368",
    EstimateStatus.PROPOSED: "#1565c0",
    EstimateStatus.AGREED: "#2e7d32",
    EstimateStatus.REJECTED: "#c62828",
}
"""Text colour of each status (readable on light and dark backgrounds)."""


def version_caption(version: EstimateDTO) -> str:
    """``v3 · agreed · 5 000 ₽`` and the stage on the next line."""
    return QCoreApplication.translate(
        "VersionHistory", "v{number} · {status} · {total}\n{stage}\n{date}, {user}").format(
            number=version.number, status=status_name(version.status),
            total=money_text(version.total_kopecks), stage=stage_name(version.stage),
            date=date_text(version.decided_at or version.created_at),
            user=version.created_by_name)


def agreement_points_text(versions: Sequence[EstimateDTO]) -> str:
    """The two agreement points (R15): which version was agreed at each, or "not yet"."""
    parts = []
    for stage in (EstimateStage.FIRST_CONTACT, EstimateStage.AFTER_REGISTRATION):
        agreed = [v for v in versions if v.stage is stage and v.status is EstimateStatus.AGREED]
        if agreed:
            last = agreed[-1]
            text = QCoreApplication.translate(
                "VersionHistory", "{stage}: v{number} agreed, {total} ({date})").format(
                    stage=stage_name(stage).capitalize(), number=last.number,
                    total=money_text(last.total_kopecks),
                    date=date_text(last.decided_at or last.created_at))
        else:
            text = QCoreApplication.translate("VersionHistory", "{stage}: not agreed yet").format(
                stage=stage_name(stage).capitalize())
        parts.append(text)
    return "   ·   ".join(parts)


class VersionHistory(QWidget):
    """The list of versions, newest first, with "Compare…".

    Signals: ``version_picked(int)`` (an estimate id) when the user selects a
    version; ``compare_requested()`` for "Compare…".
    """

    version_picked = Signal(int)
    compare_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionHistory")
        self.title = QLabel(self.tr("Versions"))
        self.title.setStyleSheet("font-weight: bold;")
        self.list = QListWidget()
        self.list.setObjectName("versionList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.setMinimumWidth(150)
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)
        self.compare_button = QPushButton(self.tr("Compare…"))
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setToolTip(self.tr("Compare any two versions side by side"))
        self.compare_button.clicked.connect(self.compare_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.compare_button)
        self._quiet = False

    def set_versions(self, versions: Sequence[EstimateDTO], current_id: int | None) -> None:
        """Show ``versions`` (oldest first as the service gives them) and select the current."""
        self._quiet = True
        try:
            self.list.clear()
            for version in reversed(versions):
                item = QListWidgetItem(version_caption(version))
                item.setData(Qt.ItemDataRole.UserRole, version.id)
                item.setForeground(QBrush(QColor(STATUS_COLOURS[version.status])))
                self.list.addItem(item)
                if version.id == current_id:
                    self.list.setCurrentItem(item)
        finally:
            self._quiet = False
        self.compare_button.setEnabled(len(versions) >= 2)

    def select(self, estimate_id: int | None) -> None:
        """Select the version ``estimate_id`` without announcing it."""
        self._quiet = True
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == estimate_id:
                    self.list.setCurrentItem(item)
        finally:
            self._quiet = False

    def _on_list_item_selection_changed(self) -> None:
        item = self.list.currentItem()
        if item is not None and not self._quiet:
            self.version_picked.emit(int(item.data(Qt.ItemDataRole.UserRole)))
