"""The client's copies of an estimate: "Copy for messenger" and "Export PDF…" (R15, R16).

:class:`ClientCopies` owns the two buttons of the estimate editor's copy bar
and what they do: the shown version (with unsaved edits) as plain text on the
clipboard for the client's chat, or as a PDF file. It reads what is on screen
through two callables, so it holds no estimate of its own. Its texts keep the
editor's translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QPushButton, QStyle, QToolButton, QWidget

from nit_desk.domain.estimate_text import as_messenger_text
from nit_desk.views.money.estimate_parts import ShownEstimate
from nit_desk.views.money.estimate_pdf import PdfHeading, write_estimate_pdf


def _tr(text: str) -> str:
    return QCoreApplication.translate("EstimateEditor", text)


class ClientCopies(QObject):
    """Copy the shown estimate for the messenger or export it to PDF.

    ``said(str)``: what was done, for the message line and the status bar.
    ``failed(str)``: why the PDF could not be written.

    Args:
        shown: the version as on screen, or None when none is shown.
        heading: the request and the client's handle, or None when no request is shown.
        parent: the editor (the file dialog opens over it).
    """

    said = Signal(str)
    failed = Signal(str)

    def __init__(self, shown: Callable[[], ShownEstimate | None],
                 heading: Callable[[], PdfHeading | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._shown, self._heading, self._parent = shown, heading, parent
        self.copy_button = QPushButton(_tr("Copy for messenger"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        # An icon with the words as its tooltip: the line buttons then fit one row at
        # 1280×800 and the estimate keeps that row's height for its lines.
        self.pdf_button = QToolButton()
        self.pdf_button.setAutoRaise(True)
        self.pdf_button.setIcon(self.pdf_button.style().standardIcon(
            QStyle.StandardPixmap.SP_DialogSaveButton))
        self.pdf_button.setToolTip(_tr("Export PDF…"))
        self.pdf_button.setAccessibleName(_tr("Export PDF…"))
        self.pdf_button.setObjectName("pdfButton")
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)

    def set_enabled(self, enabled: bool) -> None:
        """Offer the copies only when a version with lines is shown."""
        self.copy_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    def messenger_text(self) -> str:
        """The shown version as plain text for the client's messenger chat."""
        shown, heading = self._shown(), self._heading()
        if shown is None or heading is None:
            return ""
        return as_messenger_text(shown, heading.request_id)

    def copy_for_messenger(self) -> str:
        """Put the messenger text on the clipboard and say so."""
        text = self.messenger_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.said.emit(_tr("Estimate copied for the messenger: paste it into the "
                               "client's chat."))
        return text

    def export_pdf(self, path: Path) -> Path | None:
        """Write the shown version to ``path`` as a PDF for the client."""
        shown, heading = self._shown(), self._heading()
        if shown is None or heading is None:
            return None
        written = write_estimate_pdf(path, shown, heading)
        self.said.emit(_tr("PDF saved: {path}").format(path=str(written)))
        return written

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        self.copy_for_messenger()

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        shown, heading = self._shown(), self._heading()
        if shown is None or heading is None:
            return
        default = f"NIT-smeta-{heading.request_id}-v{shown.number}.pdf"
        name, _ = QFileDialog.getSaveFileName(self._parent, _tr("Export estimate to PDF"),
                                              default, _tr("PDF files (*.pdf)"))
        if name:
            try:
                self.export_pdf(Path(name))
            except OSError as error:
                self.failed.emit(_tr("Could not write the PDF: {error}").format(
                    error=str(error)))
