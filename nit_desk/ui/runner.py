"""The rule "the GUI thread never waits on I/O": service calls run on worker threads.

A view awaits a service from an async slot::

    class QueueView(QWidget):
        @async_slot()
        async def _on_next_clicked(self) -> None:
            request = await self._runner.call(self._queue.take_next)
            self._show(request)

:class:`ServiceRunner` runs the blocking call on its worker thread; while any
call is in flight it says so with ``busy_changed(True)``. :func:`async_slot`
and :func:`run_async` route a failure of the coroutine to
:func:`nit_desk.ui.errors.report_task_error`: a domain error becomes a message
in the widget that started the call, anything else the crash dialog.

A call started from a widget's coroutine (:func:`run_async` with an ``owner``)
whose widget is deleted while the call runs ends there: :meth:`ServiceRunner.call`
cancels the coroutine instead of returning into a screen that is gone, so no
screen needs its own "am I still alive" check after an ``await``.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from shiboken6 import isValid

from nit_desk.ui.errors import report_task_error

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
_running_tasks: set[asyncio.Task[Any]] = set()
_task_owners: dict[asyncio.Task[Any], object] = {}
"""The widget each running GUI coroutine belongs to (see :func:`run_async`)."""


class ServiceRunner(QObject):
    """Runs blocking service functions off the GUI thread and reports when it is busy.

    One worker suits SQLite (one writer at a time anyway); PostgreSQL can use more.
    ``busy_changed(True)`` is emitted when the first call starts and
    ``busy_changed(False)`` when the last one in flight has finished.
    """

    busy_changed = Signal(bool)

    def __init__(self, workers: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=workers,
                                            thread_name_prefix="nit-desk-service")
        self._in_flight = 0
        self._closed = False

    @property
    def in_flight(self) -> int:
        """How many calls are running or waiting for a worker."""
        return self._in_flight

    @property
    def is_busy(self) -> bool:
        """Whether any call is in flight."""
        return self._in_flight > 0

    async def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn(*args, **kwargs)`` on a worker thread and return its result.

        Must be awaited on the GUI thread's (qasync) event loop. The call's
        exception, if any, is raised here, in the awaiting coroutine.

        Raises:
            RuntimeError: the runner has been shut down.
        """
        if self._closed:
            raise RuntimeError("The service runner has been shut down")
        loop = asyncio.get_running_loop()
        future: Future[T] = self._executor.submit(functools.partial(fn, *args, **kwargs))
        self._started()
        future.add_done_callback(lambda _f: _call_soon_safely(loop, self._finished))
        try:
            return await asyncio.wrap_future(future, loop=loop)
        finally:
            _drop_if_owner_gone()

    async def call_quietly(self, fn: Callable[P, T], /, *args: P.args,
                           **kwargs: P.kwargs) -> T:
        """Like :meth:`call` but not counted as busy (background polling)."""
        if self._closed:
            raise RuntimeError("The service runner has been shut down")
        loop = asyncio.get_running_loop()
        future: Future[T] = self._executor.submit(functools.partial(fn, *args, **kwargs))
        try:
            return await asyncio.wrap_future(future, loop=loop)
        finally:
            _drop_if_owner_gone()

    def shutdown(self, *, wait: bool = True) -> None:
        """Refuse new calls, drop queued ones and (by default) wait for the running one."""
        self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=True)

    def _started(self) -> None:
        self._in_flight += 1
        if self._in_flight == 1:
            self.busy_changed.emit(True)

    @Slot()
    def _finished(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0:
            self.busy_changed.emit(False)


def _call_soon_safely(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    """Hand ``callback`` to the GUI loop from a worker thread, unless the loop is gone."""
    try:
        loop.call_soon_threadsafe(callback)
    except RuntimeError:  # the loop closed while the last call was finishing
        log.debug("Event loop closed before a service call finished")


def owner_alive(owner: object | None) -> bool:
    """Whether ``owner`` can still be shown to: a Qt object not yet deleted, or anything else."""
    return not isinstance(owner, QObject) or isValid(owner)


def _drop_if_owner_gone() -> None:
    """Cancel the running GUI coroutine when the widget it belongs to has been deleted.

    Called as each service call returns (or raises): the result, or the error,
    would go to a screen that no longer exists, so the rest of the coroutine is
    not run.
    """
    try:
        task = asyncio.current_task()
    except RuntimeError:
        return
    if task is not None and not owner_alive(_task_owners.get(task)):
        raise asyncio.CancelledError


def run_async(coro: Coroutine[Any, Any, T], owner: object | None = None) -> asyncio.Task[T]:
    """Start ``coro`` on the GUI event loop; its failure is shown in ``owner``.

    Keeps a reference to the task until it is done, so it is not garbage collected.

    Args:
        coro: the coroutine, typically one that awaits ``runner.call(...)``.
        owner: the widget that started it: its window shows a domain error (an
            :class:`~nit_desk.ui.errors.ErrorSink` shows it itself); when the
            widget is deleted while a service call runs, the coroutine ends there.
    """
    task = asyncio.ensure_future(coro)
    _running_tasks.add(task)
    if owner is not None:
        _task_owners[task] = owner
    task.add_done_callback(functools.partial(_on_task_done, owner))
    return task


def _on_task_done(owner: object | None, task: asyncio.Task[Any]) -> None:
    _running_tasks.discard(task)
    _task_owners.pop(task, None)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is None:
        return
    if not owner_alive(owner):  # failed after its widget was deleted: no window to show it in
        owner = None
    report_task_error(owner, exc)


def async_slot(*types: type) -> Callable[[Callable[..., Coroutine[Any, Any, Any]]],
                                         Callable[..., asyncio.Task[Any] | None]]:
    """Decorate an ``async def`` method of a QObject so a signal can start it.

    Like ``qasync.asyncSlot`` but a failure is shown in the widget (the method's
    ``self``) through :func:`run_async`. Signal arguments the method does not take
    (``clicked(bool)`` ...) are dropped.
    """

    def decorate(fn: Callable[..., Coroutine[Any, Any, Any]]
                 ) -> Callable[..., asyncio.Task[Any] | None]:
        signature = inspect.signature(fn)

        @Slot(*types)
        @functools.wraps(fn)
        def wrapper(self: object, *args: Any) -> asyncio.Task[Any] | None:
            args = _fit_arguments(signature, self, args)
            return run_async(fn(self, *args), owner=self)

        return wrapper

    return decorate


def _fit_arguments(signature: inspect.Signature, owner: object,
                   args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop trailing signal arguments until the method accepts the rest."""
    while True:
        try:
            signature.bind(owner, *args)
            return args
        except TypeError:
            if not args:
                raise
            args = args[:-1]
