"""Where NIT Desk keeps its files on this computer (platformdirs).

``NIT_DESK_HOME`` overrides both folders (portable installs, tests): the data
goes to ``$NIT_DESK_HOME/data`` and the logs to ``$NIT_DESK_HOME/logs``.

The translations and artwork (:func:`resources_dir`) are edited in the
top-level ``resources/`` of a source checkout; a wheel and the frozen program
carry a copy inside the package (``nit_desk/resources/``), made by the build.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "NIT Desk"
APP_AUTHOR = "NIT"
DATABASE_FILE = "nit-desk.db"
LOG_FILE = "nit-desk.log"

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT = _PACKAGE.parent


def _home() -> Path | None:
    value = os.environ.get("NIT_DESK_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The folder of the default SQLite database (not created here)."""
    home = _home()
    return home / "data" if home else Path(user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """The folder of the rotating log file (not created here)."""
    home = _home()
    return home / "logs" if home else Path(user_log_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    """The SQLite file used when no database is given: ``nit-desk.db`` in the data folder."""
    return data_dir() / DATABASE_FILE


def resources_dir() -> Path:
    """The folder holding ``i18n/`` (translations) and ``icons/`` (artwork).

    In a source checkout (``pyproject.toml`` beside ``resources/``, also an
    editable install) that is the top-level ``resources/`` a translator or
    designer edits; installed from a wheel or frozen, the copy the build put
    into the package.
    """
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "resources").is_dir():
        return _CHECKOUT / "resources"
    return _PACKAGE / "resources"
