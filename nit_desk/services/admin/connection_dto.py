"""A connection test's report as plain data (no database import), for the settings dialog."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ProblemKind(StrEnum):
    """What a connection test found."""

    OK = "ok"
    BAD_ADDRESS = "bad_address"
    UNREACHABLE = "unreachable"
    NO_PASSWORD = "no_password"
    BAD_PASSWORD = "bad_password"
    NOT_LET_IN = "not_let_in"
    NO_DATABASE = "no_database"
    SERVER_BUSY = "server_busy"
    SCHEMA_EMPTY = "schema_empty"
    SCHEMA_TOO_OLD = "schema_too_old"
    SCHEMA_TOO_NEW = "schema_too_new"
    OTHER = "other"


@dataclass(frozen=True)
class ConnectionReport:
    """What a connection test found: ``ok``, which problem, and a message to show.

    ``template`` and ``params`` let the view translate ``message``
    (``QCoreApplication.translate("messages", template).format(**params)``).
    """

    ok: bool
    problem_kind: ProblemKind
    message: str
    template: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    server_version: str = ""
