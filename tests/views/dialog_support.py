"""Answer the modal dialogs a screen opens, the way the agent would, and note what they said."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox


class ModalAnswerer:
    """Every 20 ms: a modal message box gets ``button``; a modal input dialog gets ``text``
    (other dialogs are left to the test).

    ``texts`` collects what each box said, so a test can check the question and
    that a box appeared at all (or never did).
    """

    def __init__(self, button: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
                 text: str | None = None) -> None:
        self.button, self.text = button, text
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def stop(self) -> None:
        """Answer no more dialogs."""
        self.timer.stop()

    def _answer(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            self.texts.append(modal.text())
            answer = modal.button(self.button)
            if answer is not None:
                answer.click()
            else:
                modal.reject()
        elif isinstance(modal, QInputDialog):
            self.texts.append(modal.labelText())
            if self.text is None:
                modal.reject()
            else:
                modal.setTextValue(self.text)
                modal.accept()
