"""Pieces of the intake dialog: a messenger account row and the matching-client banner."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nit_desk.domain.contacts import HANDLE_EXAMPLES
from nit_desk.domain.types import Network
from nit_desk.services.dto import ClientMatch
from nit_desk.ui.queue_texts import channel_name
from nit_desk.views.field_feedback import FieldFeedback

BANNED_COLOUR, MATCH_COLOUR = "#b71c1c", "#1565c0"


class MessengerRow(QWidget):
    """One messenger account: the network and the account, with its own message line."""

    changed = Signal(object)
    """The network or the text changed (this row)."""
    finished = Signal(object)
    """The agent left the account field (this row)."""
    remove_requested = Signal(object)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.network_combo = QComboBox()
        for network in Network:
            self.network_combo.addItem(channel_name(network), network)
        self.network_combo.setCurrentIndex(self.network_combo.findData(Network.TELEGRAM))
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(180)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Remove this messenger account"))
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.network_combo)
        row.addWidget(self.edit, 1)
        row.addWidget(self.remove_button)
        self.feedback = FieldFeedback(line)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.feedback)
        self._on_network_changed()
        self.network_combo.currentIndexChanged.connect(self._on_network_changed)
        self.edit.textEdited.connect(lambda _t: self.changed.emit(self))
        self.edit.editingFinished.connect(lambda: self.finished.emit(self))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    @property
    def network(self) -> Network:
        """The chosen network."""
        return Network(self.network_combo.currentData())

    @property
    def text(self) -> str:
        """The account as typed."""
        return self.edit.text()

    def set_account(self, network: Network, text: str) -> None:
        """Fill the row (as if typed)."""
        self.network_combo.setCurrentIndex(self.network_combo.findData(network))
        self.edit.setText(text)
        self.changed.emit(self)

    @Slot()
    def _on_network_changed(self) -> None:
        self.edit.setPlaceholderText(HANDLE_EXAMPLES[self.network])
        if self.edit.text():
            self.changed.emit(self)


class MatchBanner(QFrame):
    """Says whose contacts were typed: offers the existing client, or warns of a ban (R12)."""

    use_requested = Signal(object)
    """The agent chose the existing client (its id), or None to undo."""
    changed = Signal()

    def __init__(self, *, supervisor: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matchBanner")
        self.supervisor = supervisor
        self.text = QLabel()
        self.text.setObjectName("matchText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.use_button = QPushButton()
        self.use_button.setObjectName("useExistingButton")
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self.go_on_box = QCheckBox(self.tr("I am a supervisor: go on with this banned client"))
        self.go_on_box.setObjectName("supervisorGoOn")
        self.go_on_box.toggled.connect(self._on_go_on_box_toggled)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(row)
        layout.addWidget(self.go_on_box)
        self.matches: list[ClientMatch] = []
        self.chosen: int | None = None
        self.setVisible(False)

    @property
    def banned_match(self) -> ClientMatch | None:
        """The first banned client among the matches, if any."""
        return next((m for m in self.matches if m.banned), None)

    @property
    def blocks_saving(self) -> bool:
        """A banned client matches and nobody who may has chosen to go on (R12)."""
        return self.banned_match is not None and not self.supervisor_goes_on

    @property
    def supervisor_goes_on(self) -> bool:
        """A supervisor ticked "go on" for the banned client."""
        return self.supervisor and self.go_on_box.isChecked() and self.banned_match is not None

    def set_matches(self, matches: list[ClientMatch], *, chosen: int | None) -> None:
        """Show ``matches``; ``chosen`` is the client the request will be added to."""
        self.matches, self.chosen = matches, chosen
        banned = self.banned_match
        if banned is not None:
            self._show_banned(banned)
        elif matches:
            self._show_match(matches, chosen)
        else:
            self.go_on_box.setChecked(False)
        self.setVisible(bool(matches))
        self.changed.emit()

    def _show_banned(self, banned: ClientMatch) -> None:
        self.text.setText(self.tr("These contacts belong to {handle}, a client BANNED from "
                                  "support. Do not take the request.").format(
            handle=banned.handle) + ("" if self.supervisor else " " + self.tr(
                "Only a supervisor can go on.")))
        self._colour(BANNED_COLOUR, fill=True)
        self.use_button.setVisible(False)
        self.go_on_box.setVisible(self.supervisor)
        if not self.supervisor:
            self.go_on_box.setChecked(False)

    def _show_match(self, matches: list[ClientMatch], chosen: int | None) -> None:
        first = matches[0]
        others = ", ".join(m.handle for m in matches[1:])
        if chosen == first.client_id:
            text = self.tr("The request will be added to the existing client {handle}.") \
                .format(handle=first.handle)
            self.use_button.setText(self.tr("Undo"))
        else:
            text = self.tr("These contacts belong to the existing client {handle}.").format(
                handle=first.handle)
            self.use_button.setText(self.tr("&Use existing client {handle}").format(
                handle=first.handle))
        if others:
            text += " " + self.tr("Also matching: {others}.").format(others=others)
        self.text.setText(text)
        self._colour(MATCH_COLOUR, fill=False)
        self.use_button.setVisible(True)
        self.go_on_box.setVisible(False)
        self.go_on_box.setChecked(False)

    def _colour(self, colour: str, *, fill: bool) -> None:
        if fill:
            self.setStyleSheet(f"QFrame#matchBanner {{ background: {colour}; border-radius: 6px; }}"
                               "QFrame#matchBanner QLabel, QFrame#matchBanner QCheckBox "
                               "{ color: white; font-weight: bold; }")
        else:
            self.setStyleSheet(f"QFrame#matchBanner {{ border: 2px solid {colour}; "
                               "border-radius: 6px; }")

    @Slot()
    def _on_use_button_clicked(self) -> None:
        if not self.matches:
            return
        first = self.matches[0].client_id
        self.use_requested.emit(None if self.chosen == first else first)

    @Slot(bool)
    def _on_go_on_box_toggled(self, checked: bool) -> None:
        banned = self.banned_match
        if banned is not None:
            self.use_requested.emit(banned.client_id if checked else None)
        self.changed.emit()
