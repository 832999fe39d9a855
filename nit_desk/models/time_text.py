"""Times as the user reads them: local time in the user's locale."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale


def to_qdatetime(moment: datetime) -> QDateTime:
    """A timezone-aware ``datetime`` as a local ``QDateTime``."""
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()


def local_time_text(moment: datetime | None) -> str:
    """``moment`` in local time, the locale's short format ("" for None)."""
    if moment is None:
        return ""
    return QLocale().toString(to_qdatetime(moment), QLocale.FormatType.ShortFormat)
