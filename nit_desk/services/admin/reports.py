"""The supervisor's dashboard: figures for a period, from SQL aggregates (R18).

Every figure is one aggregate query, so a database of a million clients
reports in about a second; nothing is counted row by row in Python. Money
paid leaves voided payments out (R20, R21).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import (
    OPEN_STATUSES,
    BanProposalStatus,
    EstimateStatus,
    PaymentKind,
    RequestStatus,
    Role,
)
from nit_desk.services.actor import Actor
from nit_desk.services.admin.report_dto import AgentFigures, Report
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import BanProposal, Client, Estimate, Payment, Request, User
from nit_desk.services.uow import UnitOfWork

_OPEN = tuple(s.value for s in OPEN_STATUSES)


def build_report(db: Database, actor: Actor, since: datetime, until: datetime) -> Report:
    """Compute the dashboard for a period (supervisors only).

    Raises:
        ValidationError: the period ends before it starts.
    """
    if until <= since:
        raise ValidationError(QT_TRANSLATE_NOOP("messages", "The period must end after it "
                                                "starts."), field="period")
    with UnitOfWork(db, actor) as uow:
        uow.require(Role.SUPERVISOR)
        s = uow.session
        median, registered = _median_registration(s, since, until)
        agreed, n_agreed = _agreed(s, since, until)
        return Report(
            since=since, until=until,
            queue_by_status=_queue_by_status(s),
            overdue_open=_overdue(s, uow.now),
            median_registration=median, registered_in_period=registered,
            ban_proposals=_ban_outcomes(s, since, until),
            estimates_agreed=n_agreed, agreed_kopecks=agreed,
            paid_kopecks=_payments(s, since, until, (PaymentKind.ADVANCE, PaymentKind.FINAL)),
            forfeited_kopecks=_payments(s, since, until, (PaymentKind.FORFEITED,)),
            per_agent=_per_agent(s, since, until),
        )


def _queue_by_status(s: Session) -> dict[str, int]:
    rows = s.execute(select(Request.status, func.count()).group_by(Request.status))
    counts = {status.value: 0 for status in RequestStatus}
    counts.update({status: int(n) for status, n in rows})
    return counts


def _overdue(s: Session, now: datetime) -> int:
    return int(s.execute(select(func.count()).select_from(Request).where(
        Request.status.in_(_OPEN), Request.deadline < now)).scalar_one())


def _median_registration(s: Session, since: datetime,
                         until: datetime) -> tuple[timedelta | None, int]:
    """Median of registered_at - created_at for clients registered in the period."""
    in_period = and_(Client.registered_at >= since, Client.registered_at < until)
    count = int(s.execute(select(func.count()).select_from(Client).where(in_period))
                .scalar_one())
    if not count:
        return None, 0
    pairs = s.execute(
        select(Client.created_at, Client.registered_at).where(in_period)
        .order_by(_duration(s, Client.created_at, Client.registered_at))
        .offset((count - 1) // 2).limit(2 if count % 2 == 0 else 1)
    ).all()
    spans = [r - c for c, r in pairs if r is not None]
    return sum(spans, timedelta()) / len(spans), count


def _duration(s: Session, start: Any, end: Any) -> Any:
    """``end - start`` as a sortable number on either backend."""
    if s.get_bind().dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return func.extract("epoch", end - start)


def _ban_outcomes(s: Session, since: datetime, until: datetime) -> dict[str, int]:
    rows = s.execute(
        select(BanProposal.status, func.count()).where(
            BanProposal.proposed_at >= since, BanProposal.proposed_at < until)
        .group_by(BanProposal.status))
    counts = {status.value: 0 for status in BanProposalStatus}
    counts.update({status: int(n) for status, n in rows})
    return counts


def _agreed(s: Session, since: datetime, until: datetime) -> tuple[int, int]:
    row = s.execute(
        select(func.coalesce(func.sum(Estimate.total_kopecks), 0), func.count()).where(
            Estimate.status == EstimateStatus.AGREED.value,
            Estimate.decided_at >= since, Estimate.decided_at < until)).one()
    return int(row[0]), int(row[1])


def _payments(s: Session, since: datetime, until: datetime,
              kinds: tuple[PaymentKind, ...]) -> int:
    return int(s.execute(
        select(func.coalesce(func.sum(Payment.amount_kopecks), 0)).where(
            Payment.kind.in_([k.value for k in kinds]), Payment.voided_at.is_(None),
            Payment.recorded_at >= since, Payment.recorded_at < until)).scalar_one())


def _per_agent(s: Session, since: datetime, until: datetime) -> tuple[AgentFigures, ...]:
    created = _count_by(s, Request.created_by_id, Request.created_at, since, until)
    closed: dict[int, int] = dict(s.execute(  # type: ignore[arg-type]
        select(Request.closed_by_id, func.count()).where(
            Request.status == RequestStatus.DONE.value,
            Request.closed_at >= since, Request.closed_at < until)
        .group_by(Request.closed_by_id)).all())
    holding: dict[int, int] = dict(s.execute(  # type: ignore[arg-type]
        select(Request.claimed_by_id, func.count()).where(
            Request.claimed_by_id.is_not(None), Request.status.in_(_OPEN))
        .group_by(Request.claimed_by_id)).all())
    proposals = _count_by(s, BanProposal.proposed_by_id, BanProposal.proposed_at, since, until)
    paid: dict[int, int] = dict(s.execute(  # type: ignore[arg-type]
        select(Payment.recorded_by_id, func.sum(Payment.amount_kopecks)).where(
            Payment.kind.in_([PaymentKind.ADVANCE.value, PaymentKind.FINAL.value]),
            Payment.voided_at.is_(None), Payment.recorded_at >= since, Payment.recorded_at < until)
        .group_by(Payment.recorded_by_id)).all())
    users = s.execute(select(User.id, User.username).order_by(User.username)).all()
    return tuple(
        AgentFigures(name, created.get(uid, 0), int(closed.get(uid, 0)),
                     int(holding.get(uid, 0)), proposals.get(uid, 0), int(paid.get(uid) or 0))
        for uid, name in users
    )


def _count_by(s: Session, who: Any, when: Any, since: datetime,
              until: datetime) -> dict[int, int]:
    rows = s.execute(
        select(who, func.count()).where(when >= since, when < until).group_by(who))
    return {uid: int(n) for uid, n in rows if uid is not None}


def _rub(kopecks: int) -> str:
    """Roubles with two decimals, from integer kopecks (R16: no float)."""
    sign = "-" if kopecks < 0 else ""
    whole, part = divmod(abs(kopecks), 100)
    return f"{sign}{whole}.{part:02d}"


REPORT_CSV_LABELS = {
    "figure": QT_TRANSLATE_NOOP("csv", "Figure"),
    "value": QT_TRANSLATE_NOOP("csv", "Value"),
    "period_start_utc": QT_TRANSLATE_NOOP("csv", "Period start (UTC)"),
    "period_end_utc": QT_TRANSLATE_NOOP("csv", "Period end (UTC)"),
    "queue.new": QT_TRANSLATE_NOOP("csv", "Requests: new"),
    "queue.in_progress": QT_TRANSLATE_NOOP("csv", "Requests: in progress"),
    "queue.waiting_client": QT_TRANSLATE_NOOP("csv", "Requests: waiting for the client"),
    "queue.done": QT_TRANSLATE_NOOP("csv", "Requests: done"),
    "queue.cancelled": QT_TRANSLATE_NOOP("csv", "Requests: cancelled"),
    "queue.cancelled_by_ban": QT_TRANSLATE_NOOP("csv", "Requests: cancelled by a ban"),
    "overdue_open": QT_TRANSLATE_NOOP("csv", "Open requests past their deadline"),
    "registered_in_period": QT_TRANSLATE_NOOP("csv", "Clients registered in the period"),
    "median_registration_hours": QT_TRANSLATE_NOOP("csv", "Median registration time, hours"),
    "ban_proposals.pending": QT_TRANSLATE_NOOP("csv", "Ban proposals: waiting"),
    "ban_proposals.approved": QT_TRANSLATE_NOOP("csv", "Ban proposals: approved"),
    "ban_proposals.rejected": QT_TRANSLATE_NOOP("csv", "Ban proposals: rejected"),
    "estimates_agreed": QT_TRANSLATE_NOOP("csv", "Estimates agreed"),
    "agreed_rub": QT_TRANSLATE_NOOP("csv", "Agreed, ₽"),
    "paid_rub": QT_TRANSLATE_NOOP("csv", "Paid, ₽"),
    "forfeited_rub": QT_TRANSLATE_NOOP("csv", "Forfeited, ₽"),
    "agent": QT_TRANSLATE_NOOP("csv", "Agent"),
    "requests_created": QT_TRANSLATE_NOOP("csv", "Requests created"),
    "requests_closed": QT_TRANSLATE_NOOP("csv", "Requests closed"),
    "holding_now": QT_TRANSLATE_NOOP("csv", "Holding now"),
    "ban_proposals": QT_TRANSLATE_NOOP("csv", "Ban proposals"),
    "payments_rub": QT_TRANSLATE_NOOP("csv", "Payments, ₽"),
}
"""Every label the report CSV writes, in English; the screen passes a translator
(context ``csv``). A key without a label (a status added later) is written as is."""


def _same(text: str) -> str:
    return text


def export_report_csv(report: Report, target: Path, *,
                      translate: Callable[[str], str] = _same) -> None:
    """Write the report as a two-part CSV (figures, then per-agent rows).

    ``translate`` turns each label into the user's language; figures stay numbers
    (money in rubles with a dot, so a spreadsheet reads them exactly).
    """
    def label(key: str) -> str:
        return translate(REPORT_CSV_LABELS[key]) if key in REPORT_CSV_LABELS else key

    tmp = target.with_name(target.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow([label("figure"), label("value")])
        w.writerow([label("period_start_utc"), report.since.isoformat()])
        w.writerow([label("period_end_utc"), report.until.isoformat()])
        for status, n in report.queue_by_status.items():
            w.writerow([label(f"queue.{status}"), n])
        w.writerow([label("overdue_open"), report.overdue_open])
        w.writerow([label("registered_in_period"), report.registered_in_period])
        median = report.median_registration
        w.writerow([label("median_registration_hours"),
                    "" if median is None else round(median.total_seconds() / 3600, 2)])
        for status, n in report.ban_proposals.items():
            w.writerow([label(f"ban_proposals.{status}"), n])
        w.writerow([label("estimates_agreed"), report.estimates_agreed])
        w.writerow([label("agreed_rub"), _rub(report.agreed_kopecks)])
        w.writerow([label("paid_rub"), _rub(report.paid_kopecks)])
        w.writerow([label("forfeited_rub"), _rub(report.forfeited_kopecks)])
        w.writerow([])
        w.writerow([label(key) for key in ("agent", "requests_created", "requests_closed",
                                           "holding_now", "ban_proposals", "payments_rub")])
        for a in report.per_agent:
            w.writerow([a.username, a.requests_created, a.requests_closed, a.holding_now,
                        a.ban_proposals, _rub(a.payments_kopecks)])
    tmp.replace(target)
