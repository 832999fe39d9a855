"""The Qt-side fixtures (``tests/qt_fixtures.py``) for every test in this folder."""

from tests.qt_fixtures import (
    desk_settings,
    events,
    memory_keyring,
    nit_desk_home,
    runner,
    session,
    supervisor_session,
    window,
)

__all__ = ["desk_settings", "events", "memory_keyring", "nit_desk_home", "runner",
           "session",
           "supervisor_session", "window"]
