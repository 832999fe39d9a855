"""Typed errors raised by the domain and the services.

Every error carries an English message template, its parameters and, where
it concerns one input, the field. Views translate the template (see
:mod:`nit_desk.domain.messages`) and show it beside the field.
"""

from __future__ import annotations

from typing import Any

from nit_desk.domain.messages import QT_TRANSLATE_NOOP


class NitDeskError(Exception):
    """Base of every expected error: the user did something the rules refuse."""

    def __init__(self, template: str, field: str | None = None, **params: Any) -> None:
        self.template = template
        self.field = field
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English text with its parameters filled in."""
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template


class ValidationError(NitDeskError):
    """An input value is wrong; ``field`` names which one."""


class PermissionDenied(NitDeskError):
    """The acting user's role does not allow this call (R18)."""


class NotFound(NitDeskError):
    """The thing asked for does not exist."""


class Conflict(NitDeskError):
    """The state changed under the caller (claimed by another, edited meanwhile, frozen)."""


NOT_SAVED_CONNECTION_LOST = QT_TRANSLATE_NOOP(
    "messages", "Not saved: the connection to the server was lost — try again.")
READ_CONNECTION_LOST = QT_TRANSLATE_NOOP(
    "messages", "The connection to the server was lost and could not be restored; "
    "try again in a moment.")


class ConnectionLost(NitDeskError):
    """The database server went away during a call (a restart, a network cut).

    ``nothing_written`` is True when the call had not reached its commit and
    queued no change (a read): running it again is safe, so a read is retried
    once on a fresh connection before this is shown. A write is never retried
    by itself: the agent sees "not saved" beside the action, with what they
    typed kept, and tries again.
    """

    def __init__(self, template: str = NOT_SAVED_CONNECTION_LOST, field: str | None = None, *,
                 nothing_written: bool = False, **params: Any) -> None:
        super().__init__(template, field, **params)
        self.nothing_written = nothing_written
