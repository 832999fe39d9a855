"""Helpers for the money screens' tests: awaiting tasks and letting service calls finish."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from _pytest.monkeypatch import MonkeyPatch
from pytestqt.qtbot import QtBot

from nit_desk.ui.runner import ServiceRunner

T = TypeVar("T")


def finish(qtbot: QtBot, coro: Coroutine[Any, Any, T], timeout: int = 10000) -> T:
    """Run ``coro`` on the qasync loop while Qt events are processed; return or raise."""
    task: asyncio.Task[T] = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def settle(qtbot: QtBot, runner: ServiceRunner, rounds: int = 3) -> None:
    """Let the screens' service calls and queued slots finish."""
    for _ in range(rounds):
        qtbot.waitUntil(lambda: not runner.is_busy, timeout=10000)
        qtbot.wait(30)


def count_worker_calls(runner: ServiceRunner, monkeypatch: MonkeyPatch) -> list[str]:
    """Record the name of every function the runner runs from now on (the list grows)."""
    names: list[str] = []
    call = runner.call

    async def counted(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        names.append(getattr(fn, "__name__", repr(fn)))
        return await call(fn, *args, **kwargs)

    monkeypatch.setattr(runner, "call", counted)
    return names
