"""The audit viewer: pages, filters, readable changes, verify, tampering shown, export (R17)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from nit_desk.domain.types import StepState
from nit_desk.models.console.console_audit import BROKEN_BACKGROUND, AuditModel, change_lines
from nit_desk.services.actor import Actor
from nit_desk.services.admin import audit
from nit_desk.services.audit_chain import entry_hash
from nit_desk.services.clients import registration
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry
from nit_desk.ui import i18n
from nit_desk.ui.events import AppEvents
from nit_desk.ui.runner import ServiceRunner
from nit_desk.ui.session import Session
from nit_desk.views.console.audit_viewer import INTACT_COLOUR, AuditViewer
from tests.services.agent_support import new_client
from tests.views.console.console_support import open_tab, status_messages, wait_idle


def _busy_log(db: Database, agent: Actor, clients: int = 4) -> list[int]:
    """Clients with a few registration steps each: a log of a few dozen entries."""
    ids = []
    for n in range(clients):
        made = new_client(db, agent, 400 + n)
        for code in ("browser_check", "messenger_confirmed"):
            registration.set_step_state(db, agent, made.client.id, code, StepState.DONE)
        ids.append(made.client.id)
    return ids


def _entries(db: Database) -> list[tuple[int, int, str, str]]:
    with db.read_session() as s:
        return [tuple(r) for r in s.execute(select(  # type: ignore[misc]
            AuditEntry.id, AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.hash)
            .order_by(AuditEntry.seq)).all()]


def _sql(db: Database, statement: str, **params: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(statement), params)


def _verify(qtbot: QtBot, viewer: AuditViewer, runner: ServiceRunner) -> None:
    viewer.verify_button.click()
    qtbot.waitUntil(lambda: viewer.last_check is not None, timeout=15000)
    wait_idle(qtbot, runner)


def test_r17_keyset_pages_fetch_older_entries(qtbot: QtBot, db: Database, agent: Actor,
                                              supervisor: Actor, runner: ServiceRunner,
                                              qtmodeltester: object) -> None:
    """Newest first, a page at a time by ``before_seq``; every entry once."""
    _busy_log(db, agent)
    total = len(_entries(db))
    model = AuditModel(Session(db, supervisor, runner, AppEvents()), page_size=7)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 7 and not model.is_loading)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    while model.canFetchMore():
        shown = model.rowCount()
        model.fetchMore()
        qtbot.waitUntil(lambda: model.rowCount() > shown  # noqa: B023 - waited on at once
                        or not model.canFetchMore())
        wait_idle(qtbot, runner)
    seqs = [model.entry(r).seq for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert seqs == list(range(total, 0, -1))


def test_r17_filters_detail_and_verify_intact(qtbot: QtBot, db: Database, agent: Actor,
                                              supervisor: Actor, runner: ServiceRunner,
                                              events: AppEvents) -> None:
    """Filters by client, user and kind; before/after readable; "Intact: N entries" in green."""
    ids = _busy_log(db, agent)
    viewer = open_tab(qtbot, AuditViewer, db, supervisor, runner, events)
    qtbot.waitUntil(lambda: viewer.action_box.count() > 3 and viewer.user_box.count() == 3)
    viewer.client_edit.setText(f"#{ids[1]}")
    viewer.action_box.setCurrentIndex(viewer.action_box.findData("client.step_changed"))
    viewer.user_box.setCurrentIndex(viewer.user_box.findData("anna"))
    viewer.apply_filters()
    wait_idle(qtbot, runner)
    rows = [viewer.model.entry(r) for r in range(viewer.model.rowCount())]
    assert len(rows) == 2
    assert all(e is not None and e.client_id == ids[1] and e.action == "client.step_changed"
               and e.actor_name == "anna" for e in rows)
    viewer.table.selectRow(0)
    assert "state: pending → done" in viewer.detail.toPlainText()
    assert "Registration step changed" in viewer.detail.toPlainText()
    said = status_messages(events)
    _verify(qtbot, viewer, runner)
    count = len(_entries(db))
    assert viewer.verify_label.text() == f"Intact: {count} entries"
    assert INTACT_COLOUR in viewer.verify_label.styleSheet()
    assert said == [viewer.verify_label.text()]


def test_unknown_client_filter_is_said(qtbot: QtBot, db: Database, agent: Actor,
                                       supervisor: Actor, runner: ServiceRunner,
                                       events: AppEvents) -> None:
    """A client filter that matches nobody is refused with a message, not an empty table."""
    _busy_log(db, agent, clients=1)
    viewer = open_tab(qtbot, AuditViewer, db, supervisor, runner, events)
    viewer.client_edit.setText("nobody_like_this")
    viewer.apply_filters()
    qtbot.waitUntil(lambda: viewer.message.kind == "error")
    assert "No client" in viewer.message.text()


def _edit(db: Database, entries: list[tuple[int, int, str, str]]) -> int:
    target = entries[5]
    _sql(db, "UPDATE audit_log SET actor_name = 'mallory' WHERE id = :id", id=target[0])
    return target[1]


def _delete(db: Database, entries: list[tuple[int, int, str, str]]) -> int:
    _sql(db, "DELETE FROM audit_log WHERE id = :id", id=entries[5][0])
    return entries[6][1]  # the gap is found at the entry after it


def _insert(db: Database, entries: list[tuple[int, int, str, str]]) -> int:
    seq = entries[-1][1] + 1
    at = datetime(2026, 1, 1, tzinfo=UTC)
    digest = entry_hash(seq=seq, at=at, actor_id=1, actor_name="boss", action="user.created",
                        entity="user", entity_id=99, client_id=None, before="", after="{}",
                        prev_hash=entries[-1][3])
    _sql(db, "INSERT INTO audit_log (id, seq, at, actor_id, actor_name, action, entity, "
         "entity_id, client_id, before, after, prev_hash, hash) VALUES (0, :seq, :at, 1, "
         "'boss', 'user.created', 'user', 99, NULL, '', '{}', :prev, :hash)",
         seq=seq, at=at.replace(tzinfo=None), prev=entries[-1][3], hash=digest)
    return seq


@pytest.mark.parametrize("tamper", [_edit, _delete, _insert], ids=["edited", "deleted",
                                                                    "inserted"])
def test_r17_tampering_with_plain_sql_is_found_and_shown(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, tamper: object) -> None:
    """R17: an entry edited, deleted or inserted behind the program's back is named in red,
    painted and selected in the table."""
    _busy_log(db, agent)
    viewer = open_tab(qtbot, AuditViewer, db, supervisor, runner, events)
    bad_seq = tamper(db, _entries(db))  # type: ignore[operator]
    report = audit.check_audit(db, supervisor)
    assert not report.intact and report.first_bad_seq == bad_seq
    _verify(qtbot, viewer, runner)
    assert viewer.verify_label.text().startswith(f"Broken at entry #{bad_seq}: ")
    assert "#b3261e" in viewer.verify_label.styleSheet()
    qtbot.waitUntil(lambda: bool(viewer.table.selectionModel().selectedRows()), timeout=10000)
    row = viewer.table.selectionModel().selectedRows()[0].row()
    entry = viewer.model.entry(row)
    assert entry is not None and entry.seq == bad_seq
    assert viewer.model.data(viewer.model.index(row, 1),
                             Qt.ItemDataRole.BackgroundRole) == BROKEN_BACKGROUND
    assert f"Entry #{bad_seq}" in viewer.detail.toPlainText()


def test_r17_broken_entry_beyond_the_loaded_page_is_brought_into_view(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents) -> None:
    """A broken entry not among the rows shown (filtered away) is loaded and selected."""
    _busy_log(db, agent)
    viewer = open_tab(qtbot, AuditViewer, db, supervisor, runner, events)
    viewer.user_box.setCurrentIndex(viewer.user_box.findData("boss"))
    viewer.apply_filters()
    wait_idle(qtbot, runner)
    entries = _entries(db)
    bad_seq = _edit(db, entries)  # an entry by anna: not shown under the "boss" filter
    assert viewer.model.row_of_seq(bad_seq) is None
    _verify(qtbot, viewer, runner)
    qtbot.waitUntil(lambda: bool(viewer.table.selectionModel().selectedRows()), timeout=10000)
    entry = viewer.model.entry(viewer.table.selectionModel().selectedRows()[0].row())
    assert entry is not None and entry.seq == bad_seq
    assert viewer.user_box.currentIndex() == 0  # the filters were cleared to show it


def test_r17_export_writes_the_filtered_entries(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Export CSV (off the GUI thread) holds exactly the entries the filters match."""
    ids = _busy_log(db, agent)
    viewer = open_tab(qtbot, AuditViewer, db, supervisor, runner, events)
    target = tmp_path / "audit.csv"
    monkeypatch.setattr(viewer, "choose_export_path", lambda: target)
    viewer.client_edit.setText(str(ids[0]))
    viewer.apply_filters()
    wait_idle(qtbot, runner)
    viewer.export_button.click()
    qtbot.waitUntil(lambda: viewer.exported is not None, timeout=15000)
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == viewer.exported == viewer.model.rowCount() >= 3
    assert {r["Client No."] for r in rows} == {str(ids[0])}


def test_export_headers_speak_the_user_s_language(
        qtbot: QtBot, db: Database, agent: Actor, supervisor: Actor, runner: ServiceRunner,
        events: AppEvents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qapp: QApplication) -> None:
    """In Russian the CSV's headers are Russian; the values stay as recorded (R17)."""
    _busy_log(db, agent)
    i18n.install_translators(qapp, "ru")
    try:
        viewer = open_tab(qtbot, AuditViewer, db, supervisor, runner, events)
        target = tmp_path / "audit.csv"
        monkeypatch.setattr(viewer, "choose_export_path", lambda: target)
        wait_idle(qtbot, runner)
        viewer.export_button.click()
        qtbot.waitUntil(lambda: viewer.exported is not None, timeout=15000)
    finally:
        i18n.remove_translators()
    with target.open(encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["№", "Время (UTC)", "Пользователь"]
    assert all(not any("a" <= ch.lower() <= "z" for ch in word)
               for word in header if word != "UTC" and "(UTC)" not in word)


def test_change_lines_are_readable() -> None:
    """Before/after JSON as "field: old → new" lines; added and removed fields too."""
    assert change_lines('{"state": "pending", "code": "x"}', '{"state": "done", "code": "x"}') \
        == ["state: pending → done", "step: x"]
    assert change_lines("", '{"banned": true}') == ["banned: yes"]
    assert change_lines('{"a": 1}', '{"b": [1, 2]}') == ["a: 1 → —", "b: 1, 2"]
    assert change_lines("", "") == []
