"""The supervisor console's place in the main window.

The console's tabs call the services themselves through the desk's
:class:`~nit_desk.ui.session.Session`. :func:`install_supervisor_console`
builds the console for a session and hands it to the main window, which
shows it to supervisors only; the services refuse agents anyway (R18).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from nit_desk.views.console.console import SupervisorConsole
from nit_desk.views.desk_notices import DeskNotifier

if TYPE_CHECKING:
    from nit_desk.ui.session import Session
    from nit_desk.views.main_window import MainWindow

log = logging.getLogger(__name__)


def _price_list_editor(desk: Session) -> QWidget | None:
    """The price list editor, when its module is installed (another screen's work)."""
    try:
        from nit_desk.views.money.price_list_editor import PriceListEditor
    except ImportError as exc:
        if getattr(exc, "name", "") == "nit_desk.views.money.price_list_editor":
            log.debug("No price list editor yet: the console goes without it")
        else:  # the module is there but something it needs is broken: say so in the log
            log.warning("The price list editor could not be loaded", exc_info=True)
        return None
    return PriceListEditor(desk)


def make_supervisor_console(desk: Session,
                            notifier: DeskNotifier | None = None) -> SupervisorConsole:
    """The console for the desk's supervisor (price list tab when it is there)."""
    console = SupervisorConsole(desk, notifier=notifier)
    editor = _price_list_editor(desk)
    if editor is not None:
        console.add_price_list(editor)
    return console


def install_supervisor_console(window: MainWindow, desk: Session,
                               notifier: DeskNotifier | None = None
                               ) -> SupervisorConsole | None:
    """Add the console to ``window`` for a supervisor; nothing for an agent (R18).

    The window's console tab and menu entry follow the count of waiting proposals.
    """
    if not desk.actor.is_supervisor:
        return None
    console = make_supervisor_console(desk, notifier)
    if not window.add_supervisor_console(console):
        return None
    console.pending_changed.connect(window.set_console_waiting)
    if console.pending is not None:
        window.set_console_waiting(console.pending)
    return console
