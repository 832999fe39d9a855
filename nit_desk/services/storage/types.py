"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always read back timezone-aware.

    SQLite has no time zones; storing naive UTC everywhere keeps sorting and
    comparisons identical on both databases.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes (a bug), store UTC without tzinfo."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Attach UTC to what the database returns."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def SearchKey(length: int) -> String:  # noqa: N802 - reads like a type
    """A string compared byte-wise, so prefix range scans use the index on both backends."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


Clock = Callable[[], datetime]
_clock: Clock | None = None


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (the clock set by :func:`use_clock`, if any)."""
    return _clock() if _clock is not None else datetime.now(UTC)


@contextmanager
def use_clock(clock: Clock) -> Iterator[None]:
    """Let ``clock`` tell the time inside the block (tests move time; R22's timer).

    Every unit of work reads the time through :func:`utcnow`, so a test can
    let an hour of work pass without waiting for it.
    """
    global _clock
    saved, _clock = _clock, clock
    try:
        yield
    finally:
        _clock = saved
