"""Where the screens are placed into the main window (the screen engineers' hook).

:func:`install_screens` is called by :func:`nit_desk.gui.app.build_main_window`
for every new main window. A screen adds itself here with a few lines, e.g.::

    queue = QueueView(desk.runner, desk.events, QueueGateway(desk.db, desk.actor))
    window.set_queue_widget(queue)
    if desk.actor.is_supervisor:
        window.add_supervisor_console(SupervisorConsole(...))
"""

from __future__ import annotations

from dataclasses import dataclass

from nit_desk.gui.events import AppEvents
from nit_desk.gui.runner import ServiceRunner
from nit_desk.gui.settings import DeskSettings
from nit_desk.services.actor import Actor
from nit_desk.services.storage.engine import Database
from nit_desk.views.main_window import MainWindow


@dataclass(frozen=True)
class Desk:
    """Everything a screen may need, for one signed-in user on one database."""

    db: Database
    actor: Actor
    runner: ServiceRunner
    events: AppEvents
    settings: DeskSettings


def install_screens(window: MainWindow, desk: Desk) -> None:
    """Place the queue, the client card and the supervisor console into ``window``."""
    del window, desk  # no screens yet: the window shows its placeholders
