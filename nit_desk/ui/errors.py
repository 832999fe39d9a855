"""One place for errors: domain errors become messages, anything else the crash dialog.

* A :class:`~nit_desk.domain.errors.NitDeskError` is expected: the rules refused
  something. Its translated text is shown in the window that made the call
  (a widget that is an :class:`ErrorSink` shows it itself, e.g. beside a field).
* Any other exception is a bug: it is logged with its traceback and shown once
  per session in the crash dialog; later ones are only logged, so a failing timer
  cannot bury the desk under dialogs.

The crash dialog is a view, and ``ui/`` sits below the views: the composition root
(:mod:`nit_desk.app.app`) hands its class to :func:`install_error_handling` as a
:data:`CrashDialogFactory`, so nothing here imports a screen.

:func:`install_error_handling` routes ``sys.excepthook``, ``threading.excepthook``
and the asyncio loop's exception handler here.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.messages import MESSAGE_CONTEXT
from nit_desk.ui.audit_text import field_name
from nit_desk.ui.logging_setup import redact

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

CrashDialogFactory = Callable[[str, Path | None, QWidget | None], QDialog]
"""Makes the crash dialog from (details, log file, parent window); installed by ``app/``."""


def error_text(err: NitDeskError) -> str:
    """The translated, filled-in text of a domain error; the field it names
    (``{label}``) in the user's language too ("amount" -> "сумма")."""
    template = QCoreApplication.translate(MESSAGE_CONTEXT, err.template)
    params = dict(err.params)
    label = params.get("label")
    if isinstance(label, str) and label:
        params["label"] = field_name(label.split(".", 1)[0])
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return err.message


class ErrorSink:
    """A widget that shows a refused call's message itself (beside a field, under a form).

    Mix it into a widget class after the Qt base (``class BanDialog(QDialog,
    FormErrors)``) and implement :meth:`show_error`; a domain error raised by a
    call the widget started goes there instead of a message box over its window.
    """

    def show_error(self, err: NitDeskError) -> None:
        """Show ``err`` in the widget; what the user typed stays."""
        raise NotImplementedError


def show_domain_error(owner: object | None, err: NitDeskError) -> None:
    """Show ``err`` where it happened: in the owner when it is an :class:`ErrorSink`,
    else in a message box over its window."""
    if isinstance(owner, ErrorSink):
        owner.show_error(err)
        return
    parent = owner.window() if isinstance(owner, QWidget) else QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Warning,
                      QCoreApplication.translate("errors", "NIT Desk"), error_text(err),
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("domainErrorBox")
    box.open()


def report_task_error(owner: object | None, exc: BaseException) -> None:
    """Route the failure of a GUI coroutine: domain error to its window, else a crash."""
    if isinstance(exc, NitDeskError):
        log.info("Refused: %s", exc.template)
        show_domain_error(owner, exc)
        return
    report_unexpected(type(exc), exc, exc.__traceback__)


def report_unexpected(exc_type: type[BaseException], exc: BaseException,
                      tb: TracebackType | None) -> None:
    """Log an unexpected exception and show the crash dialog (once per session).

    Without an installed :class:`ErrorReporter` (tests) the exception goes to
    ``sys.excepthook`` so the test fails loudly.
    """
    if _reporter is None:
        sys.excepthook(exc_type, exc, tb)
        return
    _reporter.report(exc_type, exc, tb)


class ErrorReporter(QObject):
    """Logs unexpected exceptions from any thread and shows the crash dialog once."""

    crash_reported = Signal(str)
    """A traceback was logged; the text is what the crash dialog shows."""

    def __init__(self, log_path: Path | None, crash_dialog: CrashDialogFactory,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self._crash_dialog = crash_dialog
        self.dialog: QWidget | None = None
        self._shown = False
        self.crash_reported.connect(self._on_crash_reported, Qt.ConnectionType.QueuedConnection)

    def report(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        """Log the exception with its traceback; the dialog follows on the GUI thread."""
        log.error("Unexpected error", exc_info=(exc_type, exc, tb))
        details = redact("".join(traceback.format_exception(exc_type, exc, tb)))
        self.crash_reported.emit(details)

    @Slot(str)
    def _on_crash_reported(self, details: str) -> None:
        if self._shown or QApplication.instance() is None:
            return
        self._shown = True
        dialog = self._crash_dialog(details, self.log_path, QApplication.activeWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()


_reporter: ErrorReporter | None = None
_saved_hooks: tuple[Any, Any] | None = None


def install_error_handling(log_path: Path | None,
                           loop: asyncio.AbstractEventLoop | None = None, *,
                           crash_dialog: CrashDialogFactory) -> ErrorReporter:
    """Send every unhandled exception (GUI, worker threads, asyncio) to one reporter.

    Args:
        log_path: the log file the crash dialog points to.
        loop: the asyncio loop whose exception handler is routed here too.
        crash_dialog: makes the dialog shown for the first unexpected error.
    """
    global _reporter, _saved_hooks
    reporter = ErrorReporter(log_path, crash_dialog)
    if _saved_hooks is None:
        _saved_hooks = (sys.excepthook, threading.excepthook)
    _reporter = reporter
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    if loop is not None:
        loop.set_exception_handler(_loop_exception_handler)
    return reporter


def uninstall_error_handling() -> None:
    """Restore the hooks that were there before :func:`install_error_handling`."""
    global _reporter, _saved_hooks
    if _saved_hooks is not None:
        sys.excepthook, threading.excepthook = _saved_hooks
    _saved_hooks = None
    if _reporter is not None:
        _reporter.deleteLater()
    _reporter = None


def _excepthook(exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt) and _saved_hooks is not None:
        _saved_hooks[0](exc_type, exc, tb)
        return
    if isinstance(exc, NitDeskError):  # a domain error nobody caught: still only a message
        show_domain_error(None, exc)
        return
    report_unexpected(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    report_unexpected(args.exc_type, args.exc_value, args.exc_traceback)


def _loop_exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    exc = context.get("exception")
    if isinstance(exc, BaseException):
        if isinstance(exc, NitDeskError):
            show_domain_error(None, exc)
        else:
            report_unexpected(type(exc), exc, exc.__traceback__)
        return
    log.error("Event loop problem: %s", context.get("message", "unknown"))
