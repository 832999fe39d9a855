"""The holder's work timer of a request (R22), with a lapsed claim's stretch cut at its lease.

A request keeps ``worked_seconds`` (every finished stretch, corrections
included) and ``timer_started_at`` (the running stretch, None when stopped).
Time worked is their sum. A desk that stopped its heartbeat does not run the
clock for ever: while the holder's claim has lapsed, the running stretch
counts only up to ``lease_expires_at``. Whoever then takes or renews the claim
banks that stretch and the timer runs on from the moment of taking
(:func:`takeover_values`, used inside the claiming UPDATE statements).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, case
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from nit_desk.services.storage.models import Request


def stretch_end(request: Request, now: datetime) -> datetime:
    """Where the running stretch ends as of ``now``: now, or the lapsed lease's end."""
    lease = request.lease_expires_at
    return lease if lease is not None and lease < now else now


def running_seconds(request: Request, now: datetime) -> int:
    """Whole seconds of the running stretch as of ``now`` (0 when the timer is stopped)."""
    if request.timer_started_at is None:
        return 0
    return max(int((stretch_end(request, now) - request.timer_started_at).total_seconds()), 0)


def worked_seconds_at(request: Request, now: datetime) -> int:
    """Time worked on the request as of ``now``, the running stretch included (R22)."""
    return request.worked_seconds + running_seconds(request, now)


def timer_running(request: Request, now: datetime) -> bool:
    """Whether the timer runs as of ``now`` (started, and the claim has not lapsed)."""
    return request.timer_started_at is not None and stretch_end(request, now) == now


def start_timer(request: Request, now: datetime) -> None:
    """Start the timer (bank a stretch that was still open first)."""
    stop_timer(request, now)
    request.timer_started_at = now


def stop_timer(request: Request, now: datetime) -> None:
    """Stop the timer, adding the running stretch to ``worked_seconds``."""
    request.worked_seconds = worked_seconds_at(request, now)
    request.timer_started_at = None


class seconds_between(FunctionElement[int]):  # noqa: N801 - reads like an SQL function
    """Whole seconds from the first timestamp to the second, on SQLite and PostgreSQL."""

    type = Integer()
    inherit_cache = True


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (f"CAST(ROUND((julianday({compiler.process(end, **kw)}) - "
            f"julianday({compiler.process(start, **kw)})) * 86400) AS INTEGER)")


@compiles(seconds_between)
def _seconds_default(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (f"CAST(EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - "
            f"{compiler.process(start, **kw)})) AS INTEGER)")


def takeover_values(columns: Any, now: Any) -> dict[str, Any]:
    """SET values for an UPDATE that takes or renews a claim at ``now``.

    A running timer under a lapsed claim banks its stretch up to the old lease
    end and runs on from ``now`` for the new holder; any other row keeps its
    timer as it is.
    """
    lapsed = (columns.timer_started_at.is_not(None)
              & (columns.lease_expires_at < now))
    stretch = case((columns.lease_expires_at > columns.timer_started_at,
                    seconds_between(columns.timer_started_at, columns.lease_expires_at)),
                   else_=0)
    return {
        "worked_seconds": case((lapsed, columns.worked_seconds + stretch),
                               else_=columns.worked_seconds),
        "timer_started_at": case((lapsed, now), else_=columns.timer_started_at),
    }
