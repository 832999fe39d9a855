"""Reading and verifying the audit log (R17)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin.audit_dto import (
    AuditFilter,
    AuditQuery,
    AuditRecord,
    AuditView,
    ChainReport,
)
from nit_desk.services.audit_chain import GENESIS, entry_hash
from nit_desk.services.clients.client_search import prefix_matches
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import AuditEntry, User
from nit_desk.services.uow import UnitOfWork


def verify_audit_chain(db: Database, *, batch: int = 5000) -> ChainReport:
    """Walk the whole chain in order and name the first entry that does not fit.

    An edited entry no longer matches its hash; a deleted one leaves a gap in
    the sequence and a wrong ``prev_hash``; an inserted one breaks either.
    """
    prev_hash, expected_seq, count = GENESIS, 1, 0
    last_id: int | None = None  # no lower bound at first: a row forged with id <= 0 is seen too
    with db.read_session() as s:
        while True:
            query = select(AuditEntry).order_by(AuditEntry.id).limit(batch)
            if last_id is not None:
                query = query.where(AuditEntry.id > last_id)
            rows = s.execute(query).scalars().all()
            if not rows:
                return ChainReport(True, count)
            for e in rows:
                problem = _check(e, expected_seq, prev_hash)
                if problem:
                    return ChainReport(False, count, e.seq, e.id, problem)
                prev_hash, expected_seq, count, last_id = e.hash, e.seq + 1, count + 1, e.id
            s.expunge_all()


def _check(e: AuditEntry, expected_seq: int, prev_hash: str) -> str:
    if e.seq != expected_seq:
        return QT_TRANSLATE_NOOP("messages", "entries are missing or were inserted before it")
    if e.prev_hash != prev_hash:
        return QT_TRANSLATE_NOOP("messages", "it does not follow the entry before it")
    digest = entry_hash(
        seq=e.seq, at=e.at, actor_id=e.actor_id, actor_name=e.actor_name, action=e.action,
        entity=e.entity, entity_id=e.entity_id, client_id=e.client_id, before=e.before,
        after=e.after, prev_hash=e.prev_hash,
    )
    if digest != e.hash:
        return QT_TRANSLATE_NOOP("messages", "its content was changed after it was written")
    return ""


def _record(e: AuditEntry) -> AuditRecord:
    return AuditRecord(e.id, e.seq, e.at, e.actor_name, e.action, e.entity, e.entity_id,
                       e.client_id, e.before, e.after)


def _filtered(query: Select[AuditEntry], flt: AuditFilter) -> Select[AuditEntry]:
    if flt.client_id is not None:
        query = query.where(AuditEntry.client_id == flt.client_id)
    if flt.actor_name:
        query = query.where(AuditEntry.actor_name == flt.actor_name)
    if flt.action_prefix:
        prefix = flt.action_prefix
        query = query.where(AuditEntry.action >= prefix, AuditEntry.action < prefix + "\uffff")
    if flt.since is not None:
        query = query.where(AuditEntry.at >= flt.since)
    if flt.until is not None:
        query = query.where(AuditEntry.at < flt.until)
    return query


def list_audit(db: Database, actor: Actor, flt: AuditFilter, *, before_seq: int | None = None,
               limit: int = 200) -> list[AuditRecord]:
    """Audit entries, newest first, a page at a time (supervisors only, R17, R18).

    Args:
        before_seq: keyset for the next page: entries older than this one.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        return _page(uow.session, flt, before_seq, limit)


def _page(session: Session, flt: AuditFilter, before_seq: int | None,
          limit: int) -> list[AuditRecord]:
    query = _filtered(select(AuditEntry), flt)
    if before_seq is not None:
        query = query.where(AuditEntry.seq < before_seq)
    rows = session.execute(query.order_by(AuditEntry.seq.desc()).limit(limit))
    return [_record(e) for e in rows.scalars()]


def audit_page(db: Database, actor: Actor, query: AuditQuery, *,
               before_seq: int | None = None, limit: int = 200) -> list[AuditRecord]:
    """The viewer's page of entries matching the filters as typed, newest first (R17, R18).

    Raises:
        ValidationError: the client filter names no client, or several.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        return _page(uow.session, audit_filter(uow.session, query), before_seq, limit)


def audit_view(db: Database, actor: Actor, query: AuditQuery, *,
               limit: int = 200) -> AuditView:
    """What the audit viewer shows on opening, in one unit of work (R17, R18).

    The first page for ``query``, the kinds of change recorded so far and the
    user names, for its filter boxes.

    Raises:
        ValidationError: the client filter names no client, or several.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        entries = _page(uow.session, audit_filter(uow.session, query), None, limit)
        return AuditView(tuple(entries), tuple(_actions(uow.session)),
                         tuple(uow.session.execute(
                             select(User.username).order_by(User.username)).scalars()))


def audit_filter(session: Session, query: AuditQuery) -> AuditFilter:
    """The filter for what the supervisor typed: the client text becomes one client id."""
    return AuditFilter(client_id=_client_id(session, query.client), actor_name=query.user,
                       action_prefix=query.action, since=query.since, until=query.until)


def _client_id(session: Session, text: str) -> int | None:
    """A client number (``42``, ``#42``) or the one client found by handle or contact."""
    text = text.strip()
    if not text:
        return None
    number = text.removeprefix("#").strip()
    if number.isascii() and number.isdigit():
        return int(number[:18])
    if len(text) > 320:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The search text is too long."),
                              field="search")
    found = prefix_matches(session, text, 20)
    exact = [m for m in found if m.handle.casefold() == text.casefold()]
    ids = {m.client_id for m in (exact or found)}
    if len(ids) == 1:
        return ids.pop()
    if not ids:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "messages", "No client has a handle, phone, email or account starting with "
            "{text}."), field="client", text=text[:64])
    raise ValidationError(QT_TRANSLATE_NOOP(
        "messages", "Several clients match {text}: type more of it, or the client's "
        "number."), field="client", text=text[:64])


def audit_actions(db: Database, actor: Actor) -> list[str]:
    """The distinct kinds of change recorded so far, for the viewer's filter."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        return _actions(uow.session)


def _actions(session: Session) -> list[str]:
    rows = session.execute(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    return [r[0] for r in rows]


AUDIT_CSV_HEADERS = (
    QT_TRANSLATE_NOOP("csv", "No."), QT_TRANSLATE_NOOP("csv", "Time (UTC)"),
    QT_TRANSLATE_NOOP("csv", "User"), QT_TRANSLATE_NOOP("csv", "Action"),
    QT_TRANSLATE_NOOP("csv", "Object"), QT_TRANSLATE_NOOP("csv", "Object No."),
    QT_TRANSLATE_NOOP("csv", "Client No."), QT_TRANSLATE_NOOP("csv", "Before"),
    QT_TRANSLATE_NOOP("csv", "After"), QT_TRANSLATE_NOOP("csv", "Hash"),
)
"""The audit CSV's column headers, in English; the screen passes a translator
(context ``csv``) so the file speaks the user's language. The values stay as
recorded: the export is the audit's evidence, byte for byte."""


def _same(text: str) -> str:
    return text


def export_audit_csv(db: Database, actor: Actor, flt: AuditFilter, target: Path, *,
                     translate: Callable[[str], str] = _same) -> int:
    """Write the filtered entries, oldest first, to a UTF-8 CSV file; return the count.

    The file is written to a temporary name and moved into place, so a failed
    export never leaves half a file behind. ``translate`` turns each header into
    the user's language.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        return _export(uow.session, flt, target, translate)


def export_audit(db: Database, actor: Actor, query: AuditQuery, target: Path, *,
                 translate: Callable[[str], str] = _same) -> int:
    """The viewer's export: the entries matching the filters as typed, to a CSV file.

    Raises:
        ValidationError: the client filter names no client, or several.
    """
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        return _export(uow.session, audit_filter(uow.session, query), target, translate)


def _export(session: Session, flt: AuditFilter, target: Path,
            translate: Callable[[str], str]) -> int:
    tmp = target.with_name(target.name + ".part")
    count = 0
    with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow([translate(header) for header in AUDIT_CSV_HEADERS])
        query = _filtered(select(AuditEntry), flt).order_by(AuditEntry.seq)
        for e in session.execute(query.execution_options(yield_per=2000)).scalars():
            writer.writerow([e.seq, e.at.isoformat(), e.actor_name, e.action, e.entity,
                             e.entity_id, e.client_id, e.before, e.after, e.hash])
            count += 1
    tmp.replace(target)
    return count


def check_audit(db: Database, actor: Actor) -> ChainReport:
    """The supervisor's "verify" button: the whole chain (R17, R18)."""
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
    return verify_audit_chain(db)
