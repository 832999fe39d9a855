"""The money tabs of the client card: the estimate editor and the payments panel.

The card (``views/card``) and the money screens (``views/money``) are separate
features that never import each other; the composition root puts the one into
the other. Both screens take the main window's
:class:`~nit_desk.ui.session.Session` and call the money services through it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from nit_desk.ui.session import Session
from nit_desk.views.card.client_card import ClientCardView
from nit_desk.views.money.estimate_editor import EstimateEditor
from nit_desk.views.money.payments_panel import PaymentsPanel
from nit_desk.views.shortcuts_dialog import set_keys_group


def install_money_tabs(card: ClientCardView, desk: Session) -> tuple[EstimateEditor, PaymentsPanel]:
    """Add the estimate editor and the payments panel as tabs of the client card.

    "Record payment…" (Ctrl+Shift+M) works from anywhere on the card: it brings up
    the payments tab and opens the dialog (the panel alone refuses when nothing can
    be recorded, and says why on its button).
    """
    editor, panel = EstimateEditor(desk), PaymentsPanel(desk)
    card.add_request_tab(editor, QCoreApplication.translate("card", "&Estimate"),
                         detach=lambda request_id: _bound(EstimateEditor(desk), request_id))
    card.add_request_tab(panel, QCoreApplication.translate("card", "&Payments"),
                         detach=lambda request_id: _bound(PaymentsPanel(desk), request_id))
    set_keys_group(editor, QCoreApplication.translate("card", "Estimate"))
    record = QAction(QCoreApplication.translate("card", "Record payment…"), card)
    record.setObjectName("actionRecordPayment")
    record.setShortcut(QKeySequence("Ctrl+Shift+M"))

    def open_record() -> None:
        if card.stack.currentIndex() != 1 or card.request_id is None:
            return
        for index in range(card.tabs.count()):
            page = card.tabs.widget(index)
            if page is not None and page.isAncestorOf(panel):
                card.tabs.setCurrentIndex(index)  # shown: its money is read now
        panel.record_when_loaded()

    record.triggered.connect(open_record)
    card.addAction(record)
    return editor, panel


def _bound(screen: EstimateEditor | PaymentsPanel, request_id: int) -> QWidget:
    """``screen`` showing ``request_id`` for good: a detached window never follows the card."""
    screen.show_request(request_id)
    return screen
