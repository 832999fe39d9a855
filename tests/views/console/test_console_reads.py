"""One read per console tab: opening a tab, or reloading it, is one worker call (#13)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from nit_desk.services.actor import Actor
from nit_desk.services.clients import bans
from nit_desk.services.storage.engine import Database
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.views.console.audit_viewer import AuditViewer
from nit_desk.views.console.ban_review import BanReview
from nit_desk.views.console.reports_view import ReportsView
from nit_desk.views.console.template_editor import TemplateEditor
from nit_desk.views.console.users_admin import UsersAdmin
from tests.services.agent_support import new_client
from tests.views.console.console_support import CallCounter, open_tab, wait_idle


def _two_proposals(db: Database, agent: Actor) -> list[int]:
    """Two clients an agent proposed to ban; their ids, oldest proposal first."""
    ids = []
    for n in range(2):
        made = new_client(db, agent, 700 + n)
        bans.propose_ban(db, agent, made.client.id, ["browser_check"], f"bot {n}")
        ids.append(made.client.id)
    return ids


@pytest.mark.parametrize("tab", [BanReview, AuditViewer, UsersAdmin, ReportsView,
                                 TemplateEditor], ids=lambda cls: cls.__name__)
def test_a_console_tab_opens_with_one_worker_call(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, tab: type[QWidget]) -> None:
    """Every tab reads what it shows in one call (ban review: lists *and* evidence)."""
    _two_proposals(db, agent)
    counter = CallCounter(runner)
    open_tab(qtbot, tab, db, supervisor, runner, events)
    assert len(counter.calls) == 1, counter.calls


def test_r11_ban_review_shows_the_evidence_read_with_the_lists(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """The oldest proposal is selected and its evidence shown, from the one opening call;
    picking another proposal reads only its evidence; a reload keeps it, in one call."""
    first, second = _two_proposals(db, agent)
    counter = CallCounter(runner)
    review = open_tab(qtbot, BanReview, db, supervisor, runner, events)
    assert counter.calls == ["ban_review"]
    assert review.evidence is not None and review.evidence.card.id == first
    row = review.proposals.find(lambda p: p.client_id == second)
    assert row is not None
    review.proposals_table.selectRow(row)
    wait_idle(qtbot, runner)
    assert counter.calls == ["ban_review", "ban_evidence"]
    assert review.evidence is not None and review.evidence.card.id == second
    review.reload()
    wait_idle(qtbot, runner)
    assert counter.calls == ["ban_review", "ban_evidence", "ban_review"]
    assert review.evidence is not None and review.evidence.card.id == second
    assert review.selected_proposal() is not None
    assert review.selected_proposal().client_id == second  # type: ignore[union-attr]


def test_r17_audit_viewer_refresh_is_one_call(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """Refresh reads the first page and the filters' choices together, as opening does."""
    _two_proposals(db, agent)
    viewer = open_tab(qtbot, AuditViewer, db, supervisor, runner, events)
    assert viewer.model.rowCount() > 0 and viewer.user_box.count() == 3
    counter = CallCounter(runner)
    viewer.refresh_button.click()
    wait_idle(qtbot, runner)
    assert counter.calls == ["audit_view"]
