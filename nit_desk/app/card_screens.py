"""The client card's place in the window.

:func:`make_client_card` builds the card for a :class:`~nit_desk.ui.session.Session`;
its ``work_actions()`` ("New request…", Ctrl+I) go into the Work menu;
:func:`open_intake_dialog` opens the intake dialog. The card and its dialogs call
the services themselves through the session (no gateway restates them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.card.intake_dialog import IntakeDialog

if TYPE_CHECKING:
    from nit_desk.ui.session import Session


def make_client_card(desk: Session) -> ClientCardView:
    """The client card screen for ``desk`` (place it with ``window.set_card_widget``)."""
    return ClientCardView(desk)


def open_intake_dialog(desk: Session, parent: QWidget | None) -> IntakeDialog:
    """Open the intake dialog ("New request…") window-modal over ``parent``.

    The card's own "New request…" action (:meth:`ClientCardView.work_actions`)
    also shows the new request; this is for other screens that want the dialog.
    """
    dialog = IntakeDialog(desk, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
