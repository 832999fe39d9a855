"""Bulk demo data: a million realistic clients in about a minute.

The services write one client at a time with every check; that is right for
the workstation and far too slow for volume. This module writes generated
rows straight through the DBAPI connection in large batches (``executemany``
on SQLite, ``COPY`` on PostgreSQL) and builds each client's checklist in the
database with one ``INSERT ... SELECT``. Everything it writes is what the
services would accept: contacts in the canonical forms of
:mod:`nit_desk.domain.contacts`, payment schemes from
:func:`~nit_desk.domain.payment.payment_scheme_for`, trusted only when
registered (R5), open requests of banned clients cancelled (R12). The caller
records one audit entry for the whole load (R17).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Index
from sqlalchemy.schema import CreateIndex

from nit_desk.domain.payment import payment_scheme_for
from nit_desk.domain.types import (
    OPEN_STATUSES,
    ContactKind,
    Network,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
    StepState,
)
from nit_desk.services.dto import CLAIM_LEASE
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.models import Base
from nit_desk.services.work_requests import encode_reasons

log = logging.getLogger(__name__)

BATCH = 50_000
"""Clients generated and written per batch (bounded memory, few transactions)."""

PHONE_PREFIXES = tuple(p for p in range(900, 1000) if p not in (912, 930))
"""Mobile codes phonenumbers accepts; 912 is left to the hand-made scenarios."""
_PHONE_SPACE = len(PHONE_PREFIXES) * 10**7
_PHONE_STEP = 48_271  # coprime with the space: id -> number is a bijection
_EMAIL_DOMAINS = ("example.ru", "mail.example", "example.com", "inbox.example", "example.org")
_WORDS_A = ("fast", "old", "blue", "quiet", "lucky", "smart", "tiny", "red", "green", "brave",
            "happy", "cold", "north", "sunny", "wise", "late", "early", "home", "office", "dark")
_WORDS_B = ("pc", "laptop", "cat", "fox", "admin", "user", "owl", "bear", "wolf", "printer",
            "server", "gamer", "coder", "pixel", "router", "disk", "mouse", "byte", "cloud", "ivan")
_SYSTEMS = (
    "Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB",
    "Windows 11 Home 23H2, Ryzen 5 5500U, 16 GB RAM, SSD 512 GB",
    "Windows 7 SP1, Pentium G4560, 4 GB RAM, HDD 500 GB",
    "macOS 14 Sonoma, MacBook Air M1, 8 GB RAM",
    "Ubuntu 22.04 LTS, Core i3-10100, 8 GB RAM, SSD 256 GB",
    "Windows 10 Home 21H2, Celeron N4020, 4 GB RAM, eMMC 64 GB",
    "",
)
_PROBLEMS = (
    "Ноутбук медленно работает, нужна чистка",
    "Не печатает принтер по сети",
    "Настроить резервное копирование на ночь",
    "После обновления не запускается Windows",
    "Подключить новый роутер и Wi-Fi",
    "Вирус в браузере, всплывающая реклама",
    "Перенести данные на новый компьютер",
    "Настроить почту в Outlook",
    "Установить и настроить 1С",
    "Сеть в небольшом офисе на 5 мест",
)
_CHANNELS = tuple(n.value for n in Network)
_BAN_REASON = "Отказ от обязательного действия (демо-данные)"


@dataclass(frozen=True)
class BulkActors:
    """Who the generated rows say created, claimed and reviewed them."""

    supervisor_id: int
    agent_ids: tuple[int, ...]


@dataclass
class BulkCounts:
    """How many rows of each kind one bulk load wrote."""

    clients: int = 0
    contacts: int = 0
    checklist_items: int = 0
    requests: int = 0
    payments: int = 0
    bans: int = 0
    registered: int = 0
    trusted: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts by name, for the audit entry and the summary."""
        return dict(self.__dict__)


@dataclass
class _Rows:
    """One batch of generated rows, table by table."""

    clients: list[tuple[Any, ...]] = field(default_factory=list)
    contacts: list[tuple[Any, ...]] = field(default_factory=list)
    progress: list[tuple[Any, ...]] = field(default_factory=list)
    requests: list[tuple[Any, ...]] = field(default_factory=list)
    payments: list[tuple[Any, ...]] = field(default_factory=list)
    bans: list[tuple[Any, ...]] = field(default_factory=list)


CLIENT_COLUMNS = ("id", "handle", "system_info", "created_at", "created_by_id", "template_id",
                  "registered_at", "trusted", "banned", "version")
CONTACT_COLUMNS = ("client_id", "kind", "network", "value")
PROGRESS_COLUMNS = ("client_id", "done", "refused", "agent_id", "changed_at")
REQUEST_COLUMNS = ("id", "client_id", "channel", "status", "description", "deadline",
                   "created_at", "created_by_id", "first_time", "has_specification",
                   "offline_work", "onsite_visit", "visit_address", "payment_scheme",
                   "advance_reasons", "claimed_by_id", "claimed_at", "lease_expires_at",
                   "closed_at", "version")
PAYMENT_COLUMNS = ("request_id", "kind", "amount_kopecks", "paid_on", "method_label",
                   "reference", "recorded_by_id", "recorded_at")
BAN_COLUMNS = ("id", "client_id", "reason", "banned_by_id", "banned_at", "lift_reason")


# -- contact generation (canonical forms of nit_desk.domain.contacts) ------------


def demo_phone(number: int) -> str:
    """The ``number``-th demo mobile phone in E.164; distinct numbers never collide."""
    k = (number * _PHONE_STEP) % _PHONE_SPACE
    return f"+7{PHONE_PREFIXES[k // 10**7]}{k % 10**7:07d}"


_PHONE, _EMAIL, _MESSENGER = (ContactKind.PHONE.value, ContactKind.EMAIL.value,
                              ContactKind.MESSENGER.value)
_TELEGRAM, _VK, _OK, _WHATSAPP, _SKYPE = (Network.TELEGRAM.value, Network.VK.value,
                                          Network.ODNOKLASSNIKI.value, Network.WHATSAPP.value,
                                          Network.SKYPE.value)
_NETWORK_PAIRS = tuple((a, b) for a in _CHANNELS for b in _CHANNELS if a < b)


def demo_contacts(number: int, handle: str,
                  r: Callable[[], float]) -> list[tuple[str, str | None, str]]:
    """Phone, email and one or two messenger accounts, canonical, unique by number (R1).

    Args:
        number: the client's number, which makes every value unique.
        handle: the client's nickname, reused for the email and Telegram.
        r: the random stream (``random.Random.random``).
    """
    phone = demo_phone(number)
    contacts: list[tuple[str, str | None, str]] = [
        (_PHONE, None, phone), (_EMAIL, None, f"{handle}@{_EMAIL_DOMAINS[number % 5]}")]
    if r() < 0.3:
        networks: tuple[str, ...] = _NETWORK_PAIRS[int(r() * len(_NETWORK_PAIRS))]
    else:
        networks = (_CHANNELS[int(r() * 5)],)
    for network in networks:
        contacts.append((_MESSENGER, network, _messenger(network, number, handle, phone)))
    return contacts


def _messenger(network: str, number: int, handle: str, phone: str) -> str:
    if network == _TELEGRAM:
        return "@" + handle
    if network == _VK:
        return f"vk.com/id{10_000_000 + number}"
    if network == _OK:
        return f"ok.ru/profile/{5_000_000_000 + number}"
    if network == _WHATSAPP:
        return phone
    return f"live:.cid.{(number * 2_654_435_761) % 2**48:012x}"


# -- timestamps ------------------------------------------------------------------


class _Clock:
    """Formats times as the UTCDateTime columns store them (naive UTC text), fast.

    Generating a million clients formats millions of times; a day table and a
    minute-of-day table turn each into one string concatenation.
    """

    def __init__(self, now: datetime) -> None:
        self.now = now.astimezone(UTC).replace(second=0, microsecond=0, tzinfo=None)
        self._midnight = self.now.replace(hour=0, minute=0)
        self._offset = self.now.hour * 60 + self.now.minute
        self._days: dict[int, str] = {}
        self._times = [f" {m // 60:02d}:{m % 60:02d}:00.000000" for m in range(1440)]

    def at(self, minutes: int) -> str:
        """``now`` plus ``minutes`` (negative for the past), as stored text."""
        day, minute = divmod(self._offset + minutes, 1440)
        return self.day_of(day) + self._times[minute]

    def day(self, minutes: int) -> str:
        """The date of ``now`` plus ``minutes``, as a DATE column stores it."""
        return self.day_of((self._offset + minutes) // 1440)

    def day_of(self, day: int) -> str:
        """The date ``day`` days after today, as text."""
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = (self._midnight + timedelta(days=day)).strftime("%Y-%m-%d")
        return text


# -- generation --------------------------------------------------------------------


_SCHEMES: dict[tuple[bool, bool, bool, bool], tuple[str, str]] = {}


def _scheme(first: bool, spec: bool, offline: bool, onsite: bool) -> tuple[str, str]:
    """Scheme and reasons string from the domain rule (R14), cached per flag combination."""
    key = (first, spec, offline, onsite)
    if key not in _SCHEMES:
        decision = payment_scheme_for(first_time=first, has_specification=spec,
                                      offline_work=offline, onsite_visit=onsite)
        _SCHEMES[key] = (decision.scheme.value, encode_reasons(decision.reasons))
    return _SCHEMES[key]


_NEW, _IN_PROGRESS, _WAITING, _DONE, _CANCELLED, _BANNED = (
    RequestStatus.NEW.value, RequestStatus.IN_PROGRESS.value,
    RequestStatus.WAITING_CLIENT.value, RequestStatus.DONE.value,
    RequestStatus.CANCELLED.value, RequestStatus.CANCELLED_BY_BAN.value)
_OPEN = frozenset(s.value for s in OPEN_STATUSES)
_STATUS_MIX = (_NEW,) * 45 + (_IN_PROGRESS,) * 15 + (_WAITING,) * 15 + (_DONE,) * 20 + (
    _CANCELLED,) * 5
_PAID_IF_ADVANCE = frozenset({_IN_PROGRESS, _WAITING, _BANNED, _DONE})
_ADVANCE = PaymentScheme.ADVANCE.value
_PAYMENT_KIND = {
    (_BANNED, True): PaymentKind.ADVANCE.value, (_DONE, True): PaymentKind.ADVANCE.value,
    (_IN_PROGRESS, True): PaymentKind.ADVANCE.value, (_WAITING, True): PaymentKind.ADVANCE.value,
    (_DONE, False): PaymentKind.FINAL.value,
}
_FORFEITED = PaymentKind.FORFEITED.value
_LEASE = int(CLAIM_LEASE.total_seconds() // 60)
_ADDRESS = "Москва, ул. Примерная, 1, оф. 2"


class _Generator:
    """Makes the rows of consecutive clients from one seeded random stream.

    Written for speed (a million clients): one ``random()`` call per decision,
    strings prepared once, no enum lookups in the loop.
    """

    def __init__(self, *, seed: int, actors: BulkActors, template_id: int, steps: int,
                 now: datetime, first_ids: tuple[int, int, int]) -> None:
        self.rng = random.Random(seed)
        self.actors = actors
        self.template_id = template_id
        self.steps = steps
        self.clock = _Clock(now)
        self.next_client, self.next_request, self.next_ban = first_ids
        self.counts = BulkCounts()

    def batch(self, size: int) -> _Rows:
        """Rows for the next ``size`` clients."""
        rows = _Rows()
        for _ in range(size):
            self._client(rows)
        return rows

    def _client(self, rows: _Rows) -> None:
        r, at, cid = self.rng.random, self.clock.at, self.next_client
        self.next_client += 1
        handle = f"{_WORDS_A[int(r() * 20)]}_{_WORDS_B[int(r() * 20)]}{cid}"
        age = int(r() * 210_000) * 5 + 60  # minutes since the first contact (up to 2 years)
        agents = self.actors.agent_ids
        agent = agents[int(r() * len(agents))]
        roll, steps = r(), self.steps
        done = steps if roll < 0.45 else (0 if roll < 0.55 else 1 + int(r() * (steps - 1)))
        registered = done == steps
        banned = not registered and r() < 0.02
        trusted = registered and r() < 0.4
        refused = banned or (not registered and done > 0 and r() < 0.03)
        rows.clients.append((
            cid, handle, _SYSTEMS[int(r() * len(_SYSTEMS))], at(-age), agent, self.template_id,
            at(-age + 30 + int(r() * 600)) if registered else None, int(trusted), int(banned), 1))
        rows.contacts.extend((cid, kind, network, value)
                             for kind, network, value in demo_contacts(cid, handle, r))
        rows.progress.append((cid, done, int(refused), agent, at(-age + 5 + int(r() * 600))))
        earlier_paid = registered and r() < 0.3
        if earlier_paid:
            self._request(rows, cid, agent, age, True, _DONE)
        if banned:  # banned by a supervisor: open work cancelled, advance forfeited (R12)
            rows.bans.append((self.next_ban, cid, _BAN_REASON, self.actors.supervisor_id,
                              at(-10 - int(r() * 600)), ""))
            self.next_ban += 1
        self._request(rows, cid, agent, min(age, 30 + int(r() * 43_000)), not earlier_paid,
                      self._status(banned, trusted))
        self.counts.clients += 1
        self.counts.registered += registered
        self.counts.trusted += trusted

    def _status(self, banned: bool, trusted: bool) -> str:
        r = self.rng.random
        if banned:
            return _BANNED
        if trusted and r() < 0.5:
            return _IN_PROGRESS
        return _STATUS_MIX[int(r() * 100)]

    def _request(self, rows: _Rows, cid: int, agent: int, age: int, first: bool,
                 status: str) -> None:
        r, at, rid = self.rng.random, self.clock.at, self.next_request
        self.next_request += 1
        spec, offline, onsite = r() < 0.1, r() < 0.15, r() < 0.05
        scheme, reasons = _scheme(first, spec, offline, onsite)
        created, is_open = -age, status in _OPEN
        if is_open:  # deadlines spread from three days overdue to ten days ahead (R7)
            deadline = int(r() * 1248) * 15 - 4320
        else:
            deadline = created + 240 + int(r() * 464) * 15
        claimed_at = -1 - int(r() * 240) if status == _IN_PROGRESS else None
        rows.requests.append((
            rid, cid, _CHANNELS[int(r() * 5)], status, _PROBLEMS[int(r() * len(_PROBLEMS))],
            at(deadline), at(created), agent, int(first), int(spec), int(offline), int(onsite),
            _ADDRESS if onsite else "", scheme, reasons,
            None if claimed_at is None else agent,
            None if claimed_at is None else at(claimed_at),
            None if claimed_at is None else at(claimed_at + _LEASE),
            None if is_open else at(min(created + 60 + int(r() * 7200), -1)), 1,
        ))
        kind = _PAYMENT_KIND.get((status, scheme == _ADVANCE))
        if kind is not None:
            paid = min(created + 10 + int(r() * 600), -1)
            amount = (5 + int(r() * 145)) * 10_000
            rows.payments.append((rid, kind, amount, self.clock.day(paid), "Перевод по СБП",
                                  f"DEMO-{rid}", agent, at(paid)))
            if status == _BANNED:
                banned_at = rows.bans[-1][4]
                rows.payments.append((rid, _FORFEITED, amount, banned_at[:10], "",
                                      f"ban {rows.bans[-1][0]}", self.actors.supervisor_id,
                                      banned_at))


# -- writing -----------------------------------------------------------------------


Progress = Callable[[str], None]


def bulk_load(db: Database, *, clients: int, seed: int, actors: BulkActors, template_id: int,
              now: datetime, progress: Progress | None = None) -> BulkCounts:
    """Write ``clients`` generated clients with everything that hangs off them.

    Args:
        actors: the demo supervisor and agents the rows name.
        template_id: the checklist template version every generated client follows.
        now: the moment deadlines are spread around.
        progress: called with a short line after each batch.
    """
    writer = _SqliteWriter(db) if db.is_sqlite else _PostgresWriter(db)
    with writer.session():
        steps = writer.template_steps(template_id)
        gen = _Generator(seed=seed, actors=actors, template_id=template_id, steps=len(steps),
                         now=now, first_ids=(writer.next_id("clients"),
                                             writer.next_id("requests"), writer.next_id("bans")))
        writer.create_scratch(steps)
        writer.drop_indexes()
        remaining = clients
        while remaining > 0:
            size = min(BATCH, remaining)
            rows = gen.batch(size)
            writer.write(rows)
            remaining -= size
            _tally(gen.counts, rows)
            if progress:
                progress(f"  {gen.counts.clients:,} clients written")
        gen.counts.checklist_items = writer.fill_checklists()
        if progress:
            progress("  rebuilding indexes")
        writer.create_indexes()
        writer.finish()
    return gen.counts


def _tally(counts: BulkCounts, rows: _Rows) -> None:
    counts.contacts += len(rows.contacts)
    counts.requests += len(rows.requests)
    counts.payments += len(rows.payments)
    counts.bans += len(rows.bans)


_FILL_CHECKLISTS = f"""
INSERT INTO checklist_items (client_id, position, code, title, required, state,
                             changed_by_id, changed_at)
SELECT p.client_id, s.position, s.code, s.title, s.required,
       CASE WHEN r.rank < p.done THEN '{StepState.DONE.value}'
            WHEN r.rank = p.done AND p.refused = 1 THEN '{StepState.REFUSED.value}'
            ELSE '{StepState.PENDING.value}' END,
       CASE WHEN r.rank < p.done OR (r.rank = p.done AND p.refused = 1) THEN p.agent_id END,
       CASE WHEN r.rank < p.done OR (r.rank = p.done AND p.refused = 1) THEN p.changed_at END
FROM demo_progress p CROSS JOIN demo_steps r
JOIN checklist_template_steps s ON s.id = r.step_id
ORDER BY p.client_id, r.rank
"""


def _loaded_indexes() -> list[Index]:
    """The indexes a bulk load drops and rebuilds: non-unique, in random key order.

    Rows arrive in client order, so indexes led by ``client_id`` or
    ``request_id`` grow at their end and cost little to keep; the others
    (contact values, queue orders) are cheaper to build once by sorting.
    """
    tables = ("clients", "client_contacts", "checklist_items", "requests", "payments", "bans")
    sequential = {"client_id", "request_id"}
    return [index for name in tables
            for index in sorted(Base.metadata.tables[name].indexes, key=lambda i: str(i.name))
            if not index.unique and next(iter(index.columns)).name not in sequential]


class _Writer:
    """Shared steps of the two bulk writers; subclasses talk to the driver."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.raw: Any = None
        self.cur: Any = None

    @contextmanager
    def session(self) -> Iterator[None]:
        """One raw connection for the whole load, settings restored at the end."""
        pooled = self.db.engine.raw_connection()
        try:
            self.raw = pooled.driver_connection
            self.cur = self.raw.cursor()
            self.prepare()
            try:
                yield
            except BaseException:
                self.abort()
                raise
            finally:
                self.restore()
        finally:
            pooled.close()

    def prepare(self) -> None:
        """Speed settings for the load and the opening transaction."""

    def restore(self) -> None:
        """Put back the settings changed by :meth:`prepare`."""

    def abort(self) -> None:
        """Roll the open transaction back."""
        self.raw.rollback()

    def template_steps(self, template_id: int) -> list[int]:
        """The ids of the template's steps, in checklist order."""
        self.cur.execute(
            self.sql("SELECT id FROM checklist_template_steps WHERE template_id = ? "
                     "ORDER BY position, id"), (template_id,))
        return [row[0] for row in self.cur.fetchall()]

    def next_id(self, table: str) -> int:
        """One more than the largest id in ``table``."""
        self.cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return int(self.cur.fetchone()[0])

    def create_scratch(self, steps: Sequence[int]) -> None:
        """Temporary tables: each client's progress, and the steps' order."""
        self.cur.execute("CREATE TEMPORARY TABLE demo_progress (client_id INTEGER PRIMARY KEY, "
                         "done INTEGER, refused INTEGER, agent_id INTEGER, changed_at TIMESTAMP)")
        self.cur.execute("CREATE TEMPORARY TABLE demo_steps (step_id INTEGER, rank INTEGER)")
        self.insert("demo_steps", ("step_id", "rank"), [(s, i) for i, s in enumerate(steps)])

    def drop_indexes(self) -> None:
        """Drop the secondary indexes of the loaded tables (rebuilt by a sort later).

        Inside the load's transaction: if the load fails they come back with
        the rollback. Unique constraints stay and keep checking every row.
        """
        for index in _loaded_indexes():
            self.cur.execute(f"DROP INDEX {index.name}")

    def create_indexes(self) -> None:
        """Create the dropped indexes again, exactly as the models define them."""
        dialect = self.db.engine.dialect
        for index in _loaded_indexes():
            self.cur.execute(str(CreateIndex(index).compile(dialect=dialect)))

    def write(self, rows: _Rows) -> None:
        """Write one batch, parents before children."""
        self.insert("clients", CLIENT_COLUMNS, rows.clients)
        self.insert("client_contacts", CONTACT_COLUMNS, rows.contacts)
        self.insert("demo_progress", PROGRESS_COLUMNS, rows.progress)
        self.insert("requests", REQUEST_COLUMNS, rows.requests)
        self.insert("payments", PAYMENT_COLUMNS, rows.payments)
        self.insert("bans", BAN_COLUMNS, rows.bans)

    def fill_checklists(self) -> int:
        """Copy the template's steps to every new client, states from its progress."""
        self.cur.execute(_FILL_CHECKLISTS)
        return int(self.cur.rowcount)

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows at once."""
        raise NotImplementedError

    def finish(self) -> None:
        """Drop the scratch tables and commit."""
        raise NotImplementedError

    def sql(self, statement: str) -> str:
        """Adapt ``?`` placeholders to the driver."""
        return statement


class _SqliteWriter(_Writer):
    """SQLite: one IMMEDIATE transaction, ``executemany``, durability off while loading.

    ``synchronous`` and ``foreign_keys`` go back to the program's settings
    (FULL, ON) as soon as the load ends, failed or not.
    """

    def prepare(self) -> None:
        """Relax syncing for the load and take the write lock."""
        for pragma in ("synchronous = OFF", "foreign_keys = OFF", "cache_size = -262144",
                       "temp_store = MEMORY", "journal_mode = MEMORY"):
            self.cur.execute(f"PRAGMA {pragma}")
        self.cur.execute("BEGIN IMMEDIATE")

    def restore(self) -> None:
        """Back to the settings every connection of the program uses."""
        if self.raw.in_transaction:
            self.raw.rollback()
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                       "cache_size = -2000", "temp_store = DEFAULT"):
            self.cur.execute(f"PRAGMA {pragma}")

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """``executemany`` of one prepared INSERT."""
        if rows:
            marks = ", ".join("?" * len(columns))
            self.cur.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def finish(self) -> None:
        """Drop the scratch tables and commit."""
        self.cur.execute("DROP TABLE demo_progress")
        self.cur.execute("DROP TABLE demo_steps")
        self.cur.execute("COMMIT")


class _PostgresWriter(_Writer):
    """PostgreSQL: ``COPY`` into the tables, one transaction, sequences moved past the ids."""

    def prepare(self) -> None:
        """Commit asynchronously for the load (safe: a crash loses only this load)."""
        self.cur.execute("SET LOCAL synchronous_commit = off")

    def sql(self, statement: str) -> str:
        """psycopg uses ``%s`` placeholders."""
        return statement.replace("?", "%s")

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Stream the rows with ``COPY ... FROM STDIN``."""
        if rows:
            with self.cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def finish(self) -> None:
        """Move the id sequences past the explicit ids, drop scratch tables, commit."""
        for table in ("clients", "requests", "bans"):
            self.cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
        self.cur.execute("DROP TABLE demo_progress")
        self.cur.execute("DROP TABLE demo_steps")
        self.raw.commit()
