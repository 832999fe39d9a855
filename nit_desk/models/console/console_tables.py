"""Small read-only table models of the supervisor console.

Each shows a list of frozen rows a service returned: pending ban proposals,
banned clients, sensitive-action records, users, per-agent report figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from nit_desk.domain.types import Role
from nit_desk.services.admin.report_dto import AgentFigures
from nit_desk.services.admin.user_dto import UserInfo
from nit_desk.services.dto import BannedClient, BanProposalDTO, SensitiveActionDTO
from nit_desk.ui.money_text import money_text
from nit_desk.ui.time_text import local_time_text

ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")
QUIET = QColor("#6b6b6b")
WARN = QColor("#b3261e")


def role_text(role: Role) -> str:
    """The translated name of a role."""
    t = QCoreApplication.translate
    return t("console", "supervisor") if role is Role.SUPERVISOR else t("console", "agent")


def yes_no(value: bool) -> str:
    """Yes or no, translated."""
    t = QCoreApplication.translate
    return t("console", "yes") if value else t("console", "no")


class RowsModel(QAbstractTableModel, Generic[RowT]):
    """A table over a list of rows; subclasses name the columns and the cells."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RowT]:
        """The rows shown."""
        return list(self._rows)

    def row_at(self, row: int) -> RowT | None:
        """The row on ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, match: Callable[[RowT], bool]) -> int | None:
        """The first row matching ``match``."""
        return next((i for i, r in enumerate(self._rows) if match(r)), None)

    def titles(self) -> list[str]:
        """Column titles (translated)."""
        raise NotImplementedError

    def cell(self, row: RowT, column: int) -> str:
        """The text of one cell."""
        raise NotImplementedError

    def colour(self, row: RowT, column: int) -> QColor | None:
        """A foreground colour for a cell, if any."""
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns."""
        return 0 if parent.isValid() else len(self.titles())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text (also as the tooltip) and colour."""
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < self.columnCount():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, index.column())
        return None


class ProposalsModel(RowsModel[BanProposalDTO]):
    """Pending ban proposals: client, refused steps, who proposed, when, comment (R11)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.step_titles: dict[int, dict[str, str]] = {}

    def titles(self) -> list[str]:
        """Client, refused, proposed by, when, comment."""
        return [self.tr("Client"), self.tr("Refused"), self.tr("Proposed by"),
                self.tr("When"), self.tr("Comment")]

    def cell(self, row: BanProposalDTO, column: int) -> str:
        """One cell."""
        if column == 0:
            return row.client_handle
        if column == 1:
            names = self.step_titles.get(row.client_id, {})
            return ", ".join(names.get(code, code) for code in row.refused_steps)
        if column == 2:
            return row.proposed_by
        if column == 3:
            return local_time_text(row.proposed_at)
        return " ".join(row.comment.split())


class BannedModel(RowsModel[BannedClient]):
    """Clients under a ban in force: handle, since, by whom, why."""

    def titles(self) -> list[str]:
        """Client, banned since, by, reason."""
        return [self.tr("Client"), self.tr("Banned since"), self.tr("By"), self.tr("Reason")]

    def cell(self, row: BannedClient, column: int) -> str:
        """One cell."""
        return [row.handle, local_time_text(row.ban.banned_at), row.ban.banned_by,
                " ".join(row.ban.reason.split())][column]


class SensitiveModel(RowsModel[SensitiveActionDTO]):
    """A client's sensitive-action records: what, the warning given, the answer, who, when (R8).

    The supervisor deciding a ban needs all three facts R8 asks to be recorded:
    what the action was, that the client was warned and told what would be done
    (and how), and what the client answered.
    """

    def titles(self) -> list[str]:
        """Action, warning and explanation, answer, recorded by, when."""
        return [self.tr("Action"), self.tr("Warning and explanation"),
                self.tr("Client's answer"), self.tr("Recorded by"), self.tr("When")]

    def cell(self, row: SensitiveActionDTO, column: int) -> str:
        """One cell."""
        answer = self.tr("agreed") if row.client_agreed else self.tr("refused")
        return [row.action, self.warning_text(row), answer, row.recorded_by,
                local_time_text(row.recorded_at)][column]

    def warning_text(self, row: SensitiveActionDTO) -> str:
        """"Warned, explained: …" or "No warning recorded" (R8)."""
        if not row.warned_and_explained:
            return self.tr("No warning recorded")
        if not row.explanation:
            return self.tr("Warned and explained")
        return self.tr("Warned, explained: {explanation}").format(explanation=row.explanation)

    def colour(self, row: SensitiveActionDTO, column: int) -> QColor | None:
        """Refusals and a missing warning in red."""
        if column == 1 and not row.warned_and_explained:
            return WARN
        return WARN if column == 2 and not row.client_agreed else None


class UsersModel(RowsModel[UserInfo]):
    """Users: name, role, active, locked until, must change password (R18)."""

    def titles(self) -> list[str]:
        """Name, role, active, locked until, temporary password."""
        return [self.tr("Name"), self.tr("Role"), self.tr("Active"), self.tr("Locked until"),
                self.tr("Must change password")]

    def cell(self, row: UserInfo, column: int) -> str:
        """One cell."""
        if column == 0:
            return row.username
        if column == 1:
            return role_text(row.role)
        if column == 2:
            return yes_no(row.active)
        if column == 3:
            return local_time_text(row.locked_until) if _locked(row) else ""
        return yes_no(row.must_change_password)

    def colour(self, row: UserInfo, column: int) -> QColor | None:
        """Deactivated users quiet, locked ones red."""
        if not row.active:
            return QUIET
        return WARN if column == 3 and _locked(row) else None


def _locked(user: UserInfo) -> bool:
    return user.locked_until is not None and user.locked_until > datetime.now(UTC)


class AgentFiguresModel(RowsModel[AgentFigures]):
    """The report's per-user figures."""

    def titles(self) -> list[str]:
        """Name and the figures."""
        return [self.tr("User"), self.tr("Requests taken in"), self.tr("Closed as done"),
                self.tr("Holding now"), self.tr("Ban proposals"), self.tr("Payments recorded")]

    def cell(self, row: AgentFigures, column: int) -> str:
        """One cell."""
        if column == 5:
            return money_text(row.payments_kopecks)
        return str([row.username, row.requests_created, row.requests_closed, row.holding_now,
                    row.ban_proposals][column])

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Numbers right-aligned."""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
