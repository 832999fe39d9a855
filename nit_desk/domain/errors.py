"""Typed errors raised by the domain and the services.

Every error carries an English message template, its parameters and, where
it concerns one input, the field. Views translate the template (see
:mod:`nit_desk.domain.messages`) and show it beside the field.
"""

from __future__ import annotations

from typing import Any


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
