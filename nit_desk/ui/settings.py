"""The user's preferences on this computer (QSettings "NIT" / "NIT Desk").

Never a password: a PostgreSQL target is kept without it (the password lives
in the system keyring, see :mod:`nit_desk.ui.keyring_store`).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from nit_desk.domain.db_target import without_password

__all__ = ["DeskSettings", "without_password"]

ORGANIZATION = "NIT"
APPLICATION = "NIT Desk"
DEFAULT_BACKUPS_TO_KEEP = 10
MAX_BACKUPS_TO_KEEP = 100


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

    def view_state(self, name: str, layout: int = 1) -> QByteArray | None:
        """A screen's saved state (e.g. a table header's column order and widths).

        Args:
            layout: the version of the screen's layout the state must have been saved
                by; a state an older layout saved (other columns, other widths) is
                ignored, so it can neither hide a column nor bring back an old width.
                States saved before versions were kept count as layout 1.
        """
        if self._layout(name) != layout:
            return None
        return self._bytes(f"views/{name}")

    def set_view_state(self, name: str, value: QByteArray, layout: int = 1) -> None:
        """Remember a screen's state under ``name``, saved by version ``layout``."""
        self._store.setValue(f"views/{name}", value)
        self._store.setValue(f"view-layouts/{name}", layout)

    def _layout(self, name: str) -> int:
        value = self._store.value(f"view-layouts/{name}", 1)
        text = str(value)  # an INI file gives it back as text
        return int(text) if text.isdigit() else 0

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
        """The SQLite path or PostgreSQL URL (without password); "" = the default file.

        A password an older NIT Desk left in the file is removed from it here.
        """
        stored = self._text("db/target")
        target = without_password(stored)
        if target != stored:
            self._store.setValue("db/target", target)
            self._store.sync()
        return target

    def set_database_target(self, target: str) -> None:
        """Remember the database; a password in a URL is dropped, never stored."""
        self._store.setValue("db/target", without_password(target.strip()))

    # -- the database file and its backups (issue 15) ----------------------------

    def had_database(self, path: str) -> bool:
        """Whether this desk has opened a database at ``path`` before.

        After the very first start a missing or empty file there is a loss to
        report, never a reason to create a new empty database.
        """
        return path in self._known_databases()

    def remember_database(self, path: str) -> None:
        """Remember that the database at ``path`` has been opened on this desk."""
        known = self._known_databases()
        if path not in known:
            self._store.setValue("db/known_files", "\n".join([*known, path]))

    def _known_databases(self) -> list[str]:
        return [line for line in self._text("db/known_files").split("\n") if line]

    def backups_to_keep(self) -> int:
        """How many rotating backups of the SQLite file are kept (daily and pre-upgrade)."""
        try:
            value = int(str(self._store.value("db/backups_to_keep", DEFAULT_BACKUPS_TO_KEEP)))
        except (TypeError, ValueError):
            return DEFAULT_BACKUPS_TO_KEEP
        return min(max(value, 1), MAX_BACKUPS_TO_KEEP)

    def set_backups_to_keep(self, count: int) -> None:
        """Choose how many rotating backups to keep (1 to 100)."""
        self._store.setValue("db/backups_to_keep", min(max(int(count), 1), MAX_BACKUPS_TO_KEEP))

    def pending_restore(self) -> str:
        """A backup chosen in Settings, to be restored before the database next opens."""
        return self._text("db/restore_from")

    def set_pending_restore(self, path: str) -> None:
        """Restore ``path`` at the next start ("" cancels)."""
        self._store.setValue("db/restore_from", path)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()
