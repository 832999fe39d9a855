"""The user's preferences on this computer (QSettings "NIT" / "NIT Desk").

Never a password: a PostgreSQL target is kept without it (the password lives
in the system keyring, see :mod:`nit_desk.ui.keyring_store`).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "NIT"
APPLICATION = "NIT Desk"


def without_password(target: str) -> str:
    """``target`` with any password removed from a URL (paths are returned unchanged)."""
    if "://" not in target:
        return target
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))


class DeskSettings:
    """Typed access to the stored preferences.

    Args:
        store: a QSettings to use (tests pass an INI file); default the user's.
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _text(self, key: str) -> str:
        value = self._store.value(key, "")
        return value if isinstance(value, str) else ""

    # -- window ------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        """The main window's saved geometry, if any."""
        return self._bytes("window/geometry")

    def set_window_geometry(self, value: QByteArray) -> None:
        """Remember the main window's geometry."""
        self._store.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        """The main window's saved toolbar/dock state, if any."""
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        """Remember the main window's toolbar/dock state."""
        self._store.setValue("window/state", value)

    def splitter_state(self) -> QByteArray | None:
        """The queue/card splitter's saved sizes, if any."""
        return self._bytes("window/splitter")

    def set_splitter_state(self, value: QByteArray) -> None:
        """Remember the queue/card splitter's sizes."""
        self._store.setValue("window/splitter", value)

    def view_state(self, name: str) -> QByteArray | None:
        """A screen's saved state (e.g. a table header's column order and widths)."""
        return self._bytes(f"views/{name}")

    def set_view_state(self, name: str, value: QByteArray) -> None:
        """Remember a screen's state under ``name``."""
        self._store.setValue(f"views/{name}", value)

    def remembered(self, name: str) -> str:
        """A screen's remembered choice (a filter, a search, a tab...); "" if none."""
        return self._text(f"remembered/{name}")

    def remember(self, name: str, value: str) -> None:
        """Keep a screen's choice for the next session (never a secret: see the module)."""
        self._store.setValue(f"remembered/{name}", value)

    # -- sign-in, language, database ------------------------------------

    def last_user_name(self) -> str:
        """The user name typed at the last successful sign-in."""
        return self._text("signin/last_user")

    def set_last_user_name(self, name: str) -> None:
        """Remember the user name for the next sign-in."""
        self._store.setValue("signin/last_user", name)

    def language(self) -> str:
        """The interface language code ("" = the system's)."""
        return self._text("ui/language")

    def set_language(self, code: str) -> None:
        """Choose the interface language (takes effect at the next start)."""
        self._store.setValue("ui/language", code)

    def theme(self) -> str:
        """The colour scheme: "" follows the system (dark mode included), or "light"/"dark"."""
        value = self._text("ui/theme")
        return value if value in ("light", "dark") else ""

    def set_theme(self, theme: str) -> None:
        """Choose the colour scheme; applied by :func:`nit_desk.ui.theme.apply_theme`."""
        self._store.setValue("ui/theme", theme if theme in ("light", "dark") else "")

    def database_target(self) -> str:
        """The SQLite path or PostgreSQL URL (without password); "" = the default file."""
        return self._text("db/target")

    def set_database_target(self, target: str) -> None:
        """Remember the database; a password in a URL is dropped, never stored."""
        self._store.setValue("db/target", without_password(target.strip()))

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()
