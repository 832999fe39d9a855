"""Help → Keyboard shortcuts: every key of the window, read from its actions.

The list is built when the dialog opens from the :class:`QAction` objects the
window holds at that moment (the queue's, the card's, the estimate's, the
menus'...), so it can never disagree with what the keys do. Each action is
filed under the screen it belongs to: the nearest ancestor with a
``keysGroup`` property (a translated title, set by each screen) names it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nit_desk.views.dialog_keys import SAVE_KEYS

KEYS_GROUP = "keysGroup"
"""The dynamic property a screen sets to the title its keys are listed under."""


def set_keys_group(widget: QObject, title: str) -> None:
    """List the keys of ``widget``'s actions (and its children's) under ``title``."""
    widget.setProperty(KEYS_GROUP, title)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShortcutsDialog", text)


def _group_of(action: QAction) -> str:
    node: QObject | None = action
    while node is not None:
        title = node.property(KEYS_GROUP)
        if isinstance(title, str) and title:
            return title
        node = node.parent()
    return _tr("Window")


def _action_text(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


def keyed_actions(window: QWidget) -> dict[str, list[tuple[str, str]]]:
    """The window's keys by screen: ``{group: [(what it does, keys)]}``, in window order.

    Only actions with a shortcut count; the same action text and keys under one
    screen are listed once (a menu may hold a screen's action again).
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for action in window.findChildren(QAction):
        shortcuts = [k for k in action.shortcuts() if not k.isEmpty()]
        if not shortcuts or action.isSeparator() or not action.associatedObjects():
            continue  # an action in no widget and no menu has no key that works
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in shortcuts)
        group, text = _group_of(action), _action_text(action)
        if (group, text, keys) in seen:
            continue
        seen.add((group, text, keys))
        groups.setdefault(group, []).append((text, keys))
    dialogs = groups.setdefault(_tr("Every dialog"), [])
    dialogs.append((_tr("Save (from any field, multi-line ones too)"),
                    SAVE_KEYS[0].toString(QKeySequence.SequenceFormat.NativeText)))
    dialogs.append((_tr("Open a drop-down list"), "Alt+↓"))
    return groups


class ShortcutsDialog(QDialog):
    """The keys of ``window``, grouped by screen (read from its actions when opened)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsTree")
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for group, rows in keyed_actions(window).items():
            head = QTreeWidgetItem(self.tree, [group])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for text, keys in rows:
                QTreeWidgetItem(head, [text, keys]).setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(520, 600)
