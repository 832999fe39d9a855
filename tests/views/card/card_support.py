"""Helpers for the client-card tests: a bound card, waiting for it, estimates and payments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from nit_desk.app.bindings import attach_database
from nit_desk.domain.types import PaymentKind, Unit
from nit_desk.services.actor import Actor
from nit_desk.services.money import estimates, payments
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.queue import request_life
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.card.client_card import ClientCardView
from tests.services.agent_support import new_client


def make_card(qtbot: QtBot, db: Database, actor: Actor, runner: ServiceRunner,
              events: AppEvents) -> ClientCardView:
    """A shown client card for ``actor``; commits on ``db`` reach it as data_changed."""
    card = ClientCardView(Session(db, actor, runner, events))
    detach = attach_database(events, db)
    # Detached at this test's teardown, not whenever Qt gets round to destroying the widget
    # (then it would be during the next test, which may share the database: issue #19).
    qtbot.addWidget(card, before_close_func=lambda _widget: detach())
    card.resize(760, 760)
    card.show()
    return card


def count_calls(monkeypatch: pytest.MonkeyPatch, runner: ServiceRunner) -> list[str]:
    """Every service call through ``runner`` from now on, by the function's name."""
    calls: list[str] = []
    for name in ("call", "call_quietly"):
        real = getattr(runner, name)

        def counted(fn: Callable[..., Any], /, *args: Any, _real: Any = real,
                    **kwargs: Any) -> Any:
            calls.append(getattr(fn, "__name__", repr(fn)))
            return _real(fn, *args, **kwargs)

        monkeypatch.setattr(runner, name, counted)
    return calls


def wait_idle(qtbot: QtBot, card: ClientCardView, runner: ServiceRunner) -> None:
    """Wait until the card has loaded and no call or reload is pending."""
    qtbot.waitUntil(lambda: not card.loading and not runner.is_busy
                    and not card.request_panel.saving
                    and not card._reload_timer.isActive(), timeout=10000)


def show(qtbot: QtBot, card: ClientCardView, runner: ServiceRunner, request_id: int | None,
         client_id: int | None) -> None:
    """Show a request on the card and wait for it."""
    card.show_request(request_id, client_id)
    qtbot.waitUntil(lambda: card.card is not None and card.client_id is not None
                    and not card.loading, timeout=10000)
    wait_idle(qtbot, card, runner)


def agree_estimate(db: Database, actor: Actor, request_id: int, kopecks: int) -> int:
    """An agreed estimate of one line for ``request_id`` (R15); its total."""
    draft = estimates.create_draft(db, actor, request_id)
    draft = estimates.save_draft(db, actor, draft.id, draft.version, note="", lines=[
        LineInput("Удалённая диагностика", Decimal(1), Unit.SERVICE, kopecks)])
    estimates.propose(db, actor, draft.id)
    return estimates.agree(db, actor, draft.id).total_kopecks


def pay(db: Database, actor: Actor, request_id: int, kopecks: int,
        kind: PaymentKind = PaymentKind.ADVANCE) -> None:
    """Record money received through the payments service."""
    payments.record_payment(db, actor, request_id, amount_kopecks=kopecks,
                            paid_on=date.today(), kind=kind, method_label="СБП")


def returning_client(db: Database, actor: Actor, n: int) -> tuple[int, int]:
    """A client whose first request was paid and done, with a second request (R14 not a)."""
    first = new_client(db, actor, n)
    total = agree_estimate(db, actor, first.request_id, 500_00)
    pay(db, actor, first.request_id, total)
    request_life.start_work(db, actor, first.request_id)
    request_life.mark_done(db, actor, first.request_id)
    second = new_client(db, actor, n, existing_client_id=first.client.id,
                        description="Настроить принтер")
    return second.client.id, second.request_id
