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


def make_supervisor_console(desk: Session) -> SupervisorConsole:
    """The console for the desk's supervisor (price list tab when it is there)."""
    console = SupervisorConsole(desk)
    editor = _price_list_editor(desk)
    if editor is not None:
        console.add_price_list(editor)
    return console


def install_supervisor_console(window: MainWindow, desk: Session) -> SupervisorConsole | None:
    """Add the console to ``window`` for a supervisor; nothing for an agent (R18)."""
    if not desk.actor.is_supervisor:
        return None
    console = make_supervisor_console(desk)
    if not window.add_supervisor_console(console):
        return None
    return console
