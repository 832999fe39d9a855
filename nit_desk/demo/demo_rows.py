"""Rows of generated demo clients, made fast and by the domain's rules.

One seeded random stream gives the same data for the same seed. Contacts are
in the canonical forms of :mod:`nit_desk.domain.contacts` (R1), payment
schemes come from :func:`~nit_desk.domain.payment.payment_scheme_for` (R14),
trusted clients are registered (R5) and banned clients have their open work
cancelled and their advance forfeited (R12). :mod:`nit_desk.demo.demo_bulk`
writes the rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from nit_desk.domain.payment import payment_scheme_for
from nit_desk.domain.types import (
    OPEN_STATUSES,
    ContactKind,
    Network,
    PaymentKind,
    PaymentScheme,
    RequestStatus,
)
from nit_desk.services.dto import CLAIM_LEASE
from nit_desk.services.queue.work_requests import encode_reasons

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
_CHANNELS = ("vk", "ok", "telegram", "whatsapp", "skype")
"""The networks of the generated history, fixed so a seed makes the same rows it always did
(MAX, added later, is in the scenario people's data instead)."""
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
class Rows:
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
_ADVANCE = PaymentScheme.ADVANCE.value
_PAYMENT_KIND = {
    (_BANNED, True): PaymentKind.ADVANCE.value, (_DONE, True): PaymentKind.ADVANCE.value,
    (_IN_PROGRESS, True): PaymentKind.ADVANCE.value, (_WAITING, True): PaymentKind.ADVANCE.value,
    (_DONE, False): PaymentKind.FINAL.value,
}
_FORFEITED = PaymentKind.FORFEITED.value
_LEASE = int(CLAIM_LEASE.total_seconds() // 60)
_ADDRESS = "Москва, ул. Примерная, 1, оф. 2"


class RowGenerator:
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

    def batch(self, size: int) -> Rows:
        """Rows for the next ``size`` clients."""
        rows = Rows()
        for _ in range(size):
            self._client(rows)
        return rows

    def _client(self, rows: Rows) -> None:
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

    def _request(self, rows: Rows, cid: int, agent: int, age: int, first: bool,
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
