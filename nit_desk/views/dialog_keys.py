"""Keys every daily dialog shares: Ctrl+Enter saves from any field, Tab leaves a text box.

An agent types the client's words into multi-line fields, where Enter is a new
line and Tab would insert a tab: with :func:`install_dialog_keys` Tab moves to
the next field there too, and Ctrl+Enter (either Enter key) presses the
dialog's save button from wherever the cursor is, as in a messenger.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QPlainTextEdit, QTextEdit, QWidget

SAVE_KEYS = (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))
"""The keys that save a dialog (the keypad's Enter is ``Ctrl+Enter``)."""


def save_keys_text() -> str:
    """The save keys as shown to the user ("Ctrl+Enter")."""
    return SAVE_KEYS[0].toString(QKeySequence.SequenceFormat.NativeText)


def install_dialog_keys(dialog: QWidget, save_button: QAbstractButton) -> QAction:
    """Give ``dialog`` the shared keys; returns the save action (Ctrl+Enter).

    The action presses ``save_button`` (only while it is enabled and shown), so a
    dialog saves the same way whether clicked or keyed. Multi-line fields made
    before this call pass Tab on to the next field.
    """
    action = QAction(QCoreApplication.translate("dialog_keys", "Save"), dialog)
    action.setObjectName("dialogSaveAction")
    action.setShortcuts(list(SAVE_KEYS))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def press() -> None:
        if save_button.isEnabled() and save_button.isVisible():
            save_button.click()

    action.triggered.connect(press)
    dialog.addAction(action)
    for edit in dialog.findChildren(QPlainTextEdit):
        edit.setTabChangesFocus(True)
    for rich in dialog.findChildren(QTextEdit):
        rich.setTabChangesFocus(True)
    tip = save_button.toolTip()
    if not tip:
        save_button.setToolTip(QCoreApplication.translate("dialog_keys", "Save ({keys})").format(
            keys=save_keys_text()))
    return action
