"""Demo data: the people of SCENARIOS.md made through the real services, plus volume.

``load_demo`` fills an empty database with the demo users, the default price
list and checklist, the scenario clients (every step through the same
services the workstation calls, so each one is validated and audited) and
then N generated clients through :mod:`nit_desk.demo.demo_bulk`, which
leaves one summary audit entry. The audit chain verifies afterwards (R17).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from nit_desk.demo.demo_bulk import BulkActors, BulkCounts, bulk_load
from nit_desk.domain.errors import Conflict
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.registration import DEFAULT_CHECKLIST
from nit_desk.domain.types import Network, PaymentKind, Role, StepState, Unit
from nit_desk.services.actor import SYSTEM, Actor
from nit_desk.services.admin import users
from nit_desk.services.clients import bans, checklist, clients, registration, sensitive, trust
from nit_desk.services.money import estimates, payments, pricelist
from nit_desk.services.money.money_dto import LineInput
from nit_desk.services.queue import claims, request_life
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Client, User
from nit_desk.services.uow import UnitOfWork

log = logging.getLogger(__name__)

DEMO_SUPERVISOR = "demo"
DEMO_AGENTS = ("anna", "boris")
DEMO_PASSWORD = "nit-demo-2026"
"""Printed by ``nit-desk demo``: demo databases are for showing, not for real clients."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoActors:
    """The signed-in demo users."""

    supervisor: Actor
    anna: Actor
    boris: Actor


@dataclass
class DemoSummary:
    """What ``load_demo`` made."""

    scenario_clients: dict[str, int] = field(default_factory=dict)
    bulk: BulkCounts = field(default_factory=BulkCounts)

    def describe(self) -> str:
        """A few lines for the command line."""
        b = self.bulk
        return (f"scenario clients: {', '.join(self.scenario_clients)}\n"
                f"generated: {b.clients:,} clients ({b.registered:,} registered, "
                f"{b.trusted:,} trusted, {b.bans:,} banned), {b.contacts:,} contacts, "
                f"{b.checklist_items:,} checklist steps, {b.requests:,} requests, "
                f"{b.payments:,} payments")


def load_demo(db: Database, *, clients: int = 2000, seed: int = 1,
              progress: Progress | None = None, now: datetime | None = None) -> DemoSummary:
    """Fill an empty, migrated database with the scenarios and ``clients`` generated ones.

    Raises:
        Conflict: the database has users already (demo data never mixes with real data).
    """
    say = progress or (lambda _text: None)
    _refuse_used_database(db)
    actors = create_demo_users(db)
    pricelist.seed_default_price_list(db)
    template = checklist.ensure_default_template(db)
    summary = DemoSummary()
    say("scenarios (through the services)")
    summary.scenario_clients = Scenarios(db, actors).build()
    if clients:
        say(f"{clients:,} generated clients (bulk)")
        summary.bulk = bulk_load(
            db, clients=clients, seed=seed, template_id=template.id,
            actors=BulkActors(actors.supervisor.user_id,
                              (actors.anna.user_id, actors.boris.user_id)),
            now=now or datetime.now(UTC), progress=progress)
        _audit_bulk(db, summary.bulk, seed)
    return summary


def _refuse_used_database(db: Database) -> None:
    with db.read_session() as s:
        used = s.execute(select(func.count(User.id))).scalar_one() or s.execute(
            select(func.count(Client.id))).scalar_one()
    if used:
        raise Conflict(QT_TRANSLATE_NOOP(
            "messages", "This database is in use already; demo data goes into a new one."),
            field="db")


def create_demo_users(db: Database) -> DemoActors:
    """The demo supervisor and the two agents, signed in."""
    users.create_first_supervisor(db, DEMO_SUPERVISOR, DEMO_PASSWORD)
    for name in DEMO_AGENTS:
        users.create_user(db, SYSTEM, name, Role.AGENT, DEMO_PASSWORD,
                          must_change_password=False)
    signed = {name: users.authenticate(db, name, DEMO_PASSWORD).actor
              for name in (DEMO_SUPERVISOR, *DEMO_AGENTS)}
    return DemoActors(signed[DEMO_SUPERVISOR], signed["anna"], signed["boris"])


def _audit_bulk(db: Database, counts: BulkCounts, seed: int) -> None:
    """One chained audit entry for the whole bulk load (R17)."""
    with UnitOfWork(db, SYSTEM) as uow:
        uow.require()
        uow.audit("demo.bulk_loaded", "demo", None, after={**counts.as_dict(), "seed": seed})
        uow.commit()


ALL_STEPS = tuple(step.code for step in DEFAULT_CHECKLIST)


class Scenarios:
    """The people and situations of SCENARIOS.md, made through the services."""

    def __init__(self, db: Database, actors: DemoActors) -> None:
        self.db = db
        self.a = actors
        local_now = datetime.now().astimezone()
        self.today: date = local_now.date()
        self.tomorrow_18 = datetime.combine(self.today + timedelta(days=1), time(18, 0),
                                            local_now.tzinfo).astimezone(UTC)

    def build(self) -> dict[str, int]:
        """Create every scenario; returns each scenario client's handle and id."""
        made = {
            "@pc_slow_msk": self.pc_slow_msk(),
            "vk.com/id52011": self.cloud_backup_refused(),
            "@late_reply": self.late_reply(),
            "ok.ru/profile/577001234": self.half_way(),
            "@office_net_spb": self.every_advance_reason(),
            "@printer_home": self.returning_client(),
            "@no_sms_please": self.banned_after_review(),
        }
        self.claimed_by_agents()
        return made

    def _in_days(self, days: float) -> datetime:
        return datetime.now(UTC) + timedelta(days=days)

    def _steps(self, actor: Actor, client_id: int, codes: tuple[str, ...]) -> None:
        card = clients.client_card(self.db, actor, client_id)
        done = {item.code for item in card.checklist if item.state is StepState.DONE}
        for code in codes:
            if code not in done:
                registration.set_step_state(self.db, actor, client_id, code, StepState.DONE)

    def _agreed_estimate(self, actor: Actor, request_id: int,
                         lines: list[LineInput]) -> int:
        draft = estimates.create_draft(self.db, actor, request_id)
        draft = estimates.save_draft(self.db, actor, draft.id, draft.version, lines=lines,
                                     note="")
        estimates.propose(self.db, actor, draft.id)
        return estimates.agree(self.db, actor, draft.id).total_kopecks

    def _pay(self, actor: Actor, request_id: int, kopecks: int, kind: PaymentKind) -> None:
        payments.record_payment(self.db, actor, request_id, amount_kopecks=kopecks,
                                paid_on=self.today, kind=kind, method_label="СБП")

    def pc_slow_msk(self) -> int:
        """Scenario 1: first contact, estimate agreed, registered, trusted, advance paid."""
        anna = self.a.anna
        result = clients.intake(self.db, anna, clients.IntakeForm(
            handle="pc_slow_msk", phone="8 912 345-67-89",
            email="pc.slow@example.ru", messengers=[(Network.TELEGRAM, "@pc_slow_msk")],
            channel=Network.TELEGRAM,
            system_info="Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB",
            description="Ноутбук медленно работает, нужна чистка", deadline=self.tomorrow_18))
        cid, rid = result.client.id, result.request_id
        total = self._agreed_estimate(anna, rid, [
            LineInput("Удалённая диагностика", Decimal(1), Unit.SERVICE, 500_00),
            LineInput("Удалённая чистка и оптимизация", Decimal(2), Unit.HOUR, 800_00),
        ])
        self._steps(anna, cid, ALL_STEPS)
        trust.set_trusted(self.db, anna, cid, True)
        self._pay(anna, rid, total, PaymentKind.ADVANCE)
        # Paid (R20): boris, the screenshots' desk, starts the work and its timer runs (R22).
        request_life.start_work(self.db, self.a.boris, rid)
        return cid

    def cloud_backup_refused(self) -> int:
        """Scenario 4: an extra-fee service, the SMS code refused, a ban proposed."""
        boris = self.a.boris
        result = clients.intake(self.db, boris, clients.IntakeForm(
            handle="id52011", phone="+7 912 520-11-00",
            email="vk52011@example.ru", messengers=[(Network.VK, "vk.com/id52011")],
            channel=Network.VK, system_info="Windows 11 Home, 16 GB RAM",
            description="Настроить облачное резервное копирование",
            deadline=self._in_days(2), offline_work=True))
        cid, rid = result.client.id, result.request_id
        total = self._agreed_estimate(boris, rid, [
            LineInput("Регистрация на стороннем сервисе (доп. плата)", Decimal(1),
                      Unit.SERVICE, 1_500_00),
        ])
        self._pay(boris, rid, total, PaymentKind.ADVANCE)
        self._steps(boris, cid, ALL_STEPS[:3])
        sensitive.record_sensitive_action(
            self.db, boris, cid, request_id=rid,
            action="Регистрация в облачном сервисе резервного копирования: "
                   "клиент называет код из СМС",
            explanation="Сервис присылает код подтверждения на телефон клиента; код нужен "
                        "только для завершения регистрации, в NIT Desk он не записывается.",
            warned_and_explained=True, client_agreed=False)
        registration.set_step_state(self.db, boris, cid, "added_as_friend", StepState.REFUSED)
        self._propose_ban(boris, cid, ("added_as_friend",),
                          "Клиент отказался назвать код из СМС для согласованной регистрации")
        return cid

    def late_reply(self) -> int:
        """Scenario 4, the second proposal: a client who stopped answering."""
        anna = self.a.anna
        result = clients.intake(self.db, anna, clients.IntakeForm(
            handle="late_reply", phone="+7 912 000-44-55",
            email="late.reply@example.ru", messengers=[(Network.TELEGRAM, "@late_reply")],
            channel=Network.TELEGRAM, system_info="",
            description="Не работает почта", deadline=self._in_days(1)))
        cid = result.client.id
        self._steps(anna, cid, ALL_STEPS[:2])
        registration.set_step_state(self.db, anna, cid, "phone_confirmed", StepState.REFUSED)
        self._propose_ban(anna, cid, ("phone_confirmed",),
                          "Не подтверждает телефон третью неделю")
        return cid

    def banned_after_review(self) -> int:
        """Scenario 4's ending: a supervisor approves a ban; the advance is forfeited (R12)."""
        anna = self.a.anna
        result = clients.intake(self.db, anna, clients.IntakeForm(
            handle="no_sms_please", phone="+7 912 666-01-02",
            email="no.sms@example.ru", messengers=[(Network.TELEGRAM, "@no_sms_please")],
            channel=Network.TELEGRAM, system_info="Windows 10 Home",
            description="Зарегистрировать аккаунт на сервисе хранения фото",
            deadline=self._in_days(2), offline_work=True))
        cid, rid = result.client.id, result.request_id
        total = self._agreed_estimate(anna, rid, [
            LineInput("Регистрация на стороннем сервисе (доп. плата)", Decimal(1),
                      Unit.SERVICE, 1_500_00)])
        self._pay(anna, rid, total, PaymentKind.ADVANCE)
        refused = sensitive.record_sensitive_action(
            self.db, anna, cid, request_id=rid,
            action="Регистрация на сервисе хранения фото: клиент называет код из СМС",
            explanation="Код подтверждения приходит на телефон клиента и нужен один раз; "
                        "в NIT Desk он не записывается.",
            warned_and_explained=True, client_agreed=False)
        proposal = self._propose_ban(anna, cid, (f"{bans.SENSITIVE_PREFIX}{refused.id}",),
                                     "Отказ от согласованного действия с кодом из СМС")
        bans.approve_ban(self.db, self.a.supervisor, proposal,
                         "Отказ от обязательного действия подтверждён")
        return cid

    def half_way(self) -> int:
        """Scenario 7: a client half-way through registration."""
        boris = self.a.boris
        result = clients.intake(self.db, boris, clients.IntakeForm(
            handle="olga_ok", phone="+7 912 577-00-12",
            email="olga.ok@example.ru",
            messengers=[(Network.ODNOKLASSNIKI, "ok.ru/profile/577001234")],
            channel=Network.ODNOKLASSNIKI, system_info="Windows 7 SP1, 4 GB RAM",
            description="Перенести фотографии на новый ноутбук", deadline=self._in_days(3)))
        self._steps(boris, result.client.id, ALL_STEPS[:4])
        return result.client.id

    def every_advance_reason(self) -> int:
        """Scenario 3: specification, offline work and a visit: ADVANCE (a)-(d)."""
        anna = self.a.anna
        result = clients.intake(self.db, anna, clients.IntakeForm(
            handle="office_net_spb", phone="+7 912 300-20-10",
            email="office.net@example.ru",
            messengers=[(Network.WHATSAPP, "+7 912 300-20-10"), (Network.SKYPE, "office.net.spb")],
            channel=Network.WHATSAPP, system_info="5 рабочих мест, роутер Keenetic",
            description="Сеть в небольшом офисе по техническому заданию",
            deadline=self._in_days(6), has_specification=True, offline_work=True,
            onsite_visit=True, visit_address="Москва, ул. Примерная, 1, оф. 2"))
        return result.client.id

    def returning_client(self) -> int:
        """Scenario 2: a paid and finished first request, then one paid on completion."""
        boris = self.a.boris
        first = clients.intake(self.db, boris, clients.IntakeForm(
            handle="printer_home", phone="+7 912 410-33-22",
            email="printer.home@example.ru", messengers=[(Network.TELEGRAM, "@printer_home")],
            channel=Network.TELEGRAM, system_info="Windows 10 Home, HP LaserJet",
            description="Удалить вирусы", deadline=self._in_days(1)))
        cid, rid = first.client.id, first.request_id
        total = self._agreed_estimate(boris, rid, [
            LineInput("Удаление вирусов и вредоносных программ", Decimal(1), Unit.SERVICE,
                      1_200_00)])
        self._pay(boris, rid, total, PaymentKind.ADVANCE)
        request_life.start_work(self.db, boris, rid)
        request_life.correct_worked_time(self.db, boris, rid, 50,
                                         "Работа шла до запуска таймера")
        request_life.mark_done(self.db, boris, rid)
        clients.intake(self.db, boris, clients.IntakeForm(
            handle="printer_home", phone="+7 912 410-33-22",
            email="printer.home@example.ru", messengers=[(Network.TELEGRAM, "@printer_home")],
            channel=Network.TELEGRAM, system_info="Windows 10 Home, HP LaserJet",
            description="Настроить новый принтер, клиент на связи",
            deadline=self._in_days(2), existing_client_id=cid))
        return cid

    def claimed_by_agents(self) -> None:
        """Scenario 6: each agent holds a request when the demo opens."""
        for actor in (self.a.anna, self.a.boris):
            claims.next_request(self.db, actor)

    def _propose_ban(self, actor: Actor, client_id: int, steps: tuple[str, ...],
                     comment: str) -> int:
        """An agent's ban proposal naming the refused steps (R10, R11)."""
        return bans.propose_ban(self.db, actor, client_id, refused_steps=steps,
                                comment=comment).id
