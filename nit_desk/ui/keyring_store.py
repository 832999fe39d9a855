"""The PostgreSQL password in the system keyring (service "NIT Desk").

The key is ``user@host:port/database`` so one computer can remember the
passwords of several servers. A computer without a usable keyring simply does
not remember: the functions log and carry on.
"""

from __future__ import annotations

import logging
from typing import Any

from nit_desk.services.admin.connection_check import server_key

log = logging.getLogger(__name__)
SERVICE = "NIT Desk"


def _keyring() -> tuple[Any, type[Exception]]:
    """The keyring module and its error, loaded at first use (a SQLite desk never needs
    them, and finding the system's backends costs start-up time)."""
    import keyring
    from keyring.errors import KeyringError

    return keyring, KeyringError


def keyring_key(url: str) -> str:
    """The keyring entry name of a PostgreSQL URL: ``user@host:port/db``."""
    return server_key(url)


def load_password(url: str) -> str | None:
    """The remembered password for ``url``'s server and user, if any."""
    keyring, KeyringError = _keyring()
    try:
        return keyring.get_password(SERVICE, keyring_key(url))
    except KeyringError as exc:
        log.warning("Keyring unavailable, password not read: %s", type(exc).__name__)
        return None


def save_password(url: str, password: str) -> bool:
    """Remember ``password`` for ``url``; False when no keyring could take it."""
    keyring, KeyringError = _keyring()
    try:
        keyring.set_password(SERVICE, keyring_key(url), password)
        return True
    except KeyringError as exc:
        log.warning("Keyring unavailable, password not saved: %s", type(exc).__name__)
        return False


def forget_password(url: str) -> None:
    """Remove a remembered password (nothing happens if there is none)."""
    keyring, KeyringError = _keyring()
    try:
        keyring.delete_password(SERVICE, keyring_key(url))
    except KeyringError:
        log.debug("No password to forget for this server")
