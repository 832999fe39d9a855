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
    locale = QLocale()
    if locale.language() == QLocale.Language.C:  # no locale set: the Russian-style numbers
        return to_qdatetime(moment).toString("dd.MM.yyyy HH:mm")
    return locale.toString(to_qdatetime(moment), QLocale.FormatType.ShortFormat)
