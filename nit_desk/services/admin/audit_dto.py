"""The audit chain check's outcome as plain data (no database import)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking the audit chain."""

    intact: bool
    count: int
    first_bad_seq: int | None = None
    first_bad_id: int | None = None
    problem: str = ""
