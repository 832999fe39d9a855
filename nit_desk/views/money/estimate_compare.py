"""Two estimate versions side by side: lines added, removed, changed and the change in total (R15).

:class:`CompareDialog` takes the versions of one request (and, optionally, the
editor's unsaved lines as a pseudo-version) and shows any two of them with the
domain's :func:`~nit_desk.domain.estimate_diff.diff_estimates`: removed lines
red on the left, added lines green on the right, changed lines amber on both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.estimate_diff import EstimateDiff, EstimateLineLike, diff_estimates
from nit_desk.services.money.money_dto import EstimateDTO
from nit_desk.ui.money_text import (
    money_text,
    quantity_text,
    signed_money_text,
    status_name,
    unit_name,
)

ADDED, REMOVED, CHANGED = QColor("#d7f0d9"), QColor("#fbd9d6"), QColor("#fff1c2")
"""Row backgrounds: light enough for black text; each also marked by a sign column."""


@dataclass(frozen=True)
class ComparedVersion:
    """One side of a comparison: its caption, lines and total."""

    caption: str
    lines: tuple[EstimateLineLike, ...]
    total_kopecks: int


def compared(version: EstimateDTO) -> ComparedVersion:
    """A saved version as one side of a comparison."""
    return ComparedVersion(f"v{version.number} · {status_name(version.status)}",
                           tuple(version.lines), version.total_kopecks)


class CompareDialog(QDialog):
    """Pick two versions and see what changed between them."""

    def __init__(self, versions: Sequence[ComparedVersion], *, old: int = 0, new: int = -1,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare estimate versions"))
        self._versions = list(versions)
        self.old_combo, self.new_combo = QComboBox(), QComboBox()
        for combo in (self.old_combo, self.new_combo):
            for version in self._versions:
                combo.addItem(version.caption)
        self.old_table, self.new_table = self._table(), self._table()
        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.summary.setFont(font)
        self.counts = QLabel()
        self._build()
        self.old_combo.setCurrentIndex(old % max(len(self._versions), 1))
        self.new_combo.setCurrentIndex(new % max(len(self._versions), 1))
        self.old_combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        self.new_combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        self.resize(1000, 520)
        self.refresh()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Older:")), 0, 0)
        grid.addWidget(self.old_combo, 0, 1)
        grid.addWidget(QLabel(self.tr("Newer:")), 0, 2)
        grid.addWidget(self.new_combo, 0, 3)
        grid.addWidget(self.old_table, 1, 0, 1, 2)
        grid.addWidget(self.new_table, 1, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 6)
        table.setHorizontalHeaderLabels(["", self.tr("Service"), self.tr("Qty"), self.tr("Unit"),
                                         self.tr("Unit price"), self.tr("Total")])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    @property
    def diff(self) -> EstimateDiff[EstimateLineLike]:
        """The diff of the two versions picked now."""
        old, new = self._picked()
        return diff_estimates(old.lines, new.lines)

    def _picked(self) -> tuple[ComparedVersion, ComparedVersion]:
        return (self._versions[self.old_combo.currentIndex()],
                self._versions[self.new_combo.currentIndex()])

    def refresh(self) -> None:
        """Show the two picked versions and what changed."""
        if not self._versions:
            return
        old, new = self._picked()
        diff = diff_estimates(old.lines, new.lines)
        changed_old = {id(pair[0]) for pair in diff.changed}
        changed_new = {id(pair[1]) for pair in diff.changed}
        self._fill(self.old_table, old.lines, {id(x) for x in diff.removed}, changed_old, "−")
        self._fill(self.new_table, new.lines, {id(x) for x in diff.added}, changed_new, "+")
        self.counts.setText(self.tr("{added} added, {removed} removed, {changed} changed").format(
            added=len(diff.added), removed=len(diff.removed), changed=len(diff.changed)))
        self.summary.setText(self.tr("Total: {old} → {new} ({change})").format(
            old=money_text(old.total_kopecks), new=money_text(new.total_kopecks),
            change=signed_money_text(diff.total_change_kopecks)))

    def _fill(self, table: QTableWidget, lines: Sequence[EstimateLineLike], only_here: set[int],
              changed: set[int], sign: str) -> None:
        table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            mark, colour = "", None
            if id(line) in only_here:
                mark, colour = sign, (ADDED if sign == "+" else REMOVED)
            elif id(line) in changed:
                mark, colour = "~", CHANGED
            cells = [mark, line.description, quantity_text(line.quantity),
                     unit_name(line.unit), money_text(line.unit_price_kopecks),  # type: ignore[arg-type]
                     money_text(line.total_kopecks)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                    item.setForeground(QBrush(QColor("#000000")))
                table.setItem(row, column, item)

    def _on_combo_current_index_changed(self, _index: int) -> None:
        self.refresh()


def open_compare_dialog(sides: Sequence[ComparedVersion], parent: QWidget) -> CompareDialog:
    """Open the comparison of the last two of ``sides`` over ``parent`` (deleted on close)."""
    dialog = CompareDialog(sides, old=max(len(sides) - 2, 0), new=len(sides) - 1,
                           parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
