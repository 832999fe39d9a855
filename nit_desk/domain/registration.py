"""Registration checklist, trust and phone consultations (R3-R6)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.domain.types import StepState


@dataclass(frozen=True)
class DefaultStep:
    """One step of the default registration checklist (R3)."""

    code: str
    title: str
    required: bool


DEFAULT_CHECKLIST: tuple[DefaultStep, ...] = (
    DefaultStep("browser_check", "Проверка браузера на ботов пройдена", True),
    DefaultStep("messenger_confirmed", "Учётная запись в мессенджере подтверждена", True),
    DefaultStep("phone_confirmed", "Мобильный телефон подтверждён по СМС", True),
    DefaultStep("email_confirmed", "Адрес электронной почты подтверждён", True),
    DefaultStep("added_as_friend", "Клиент добавлен в друзья в мессенджере", True),
    DefaultStep("subscribed_to_group", "Клиент подписан на группу поддержки", True),
    DefaultStep("system_info_collected", "Информация о системе собрана", True),
    DefaultStep("deadlines_agreed", "Сроки проведения работ согласованы", True),
    DefaultStep("estimate_agreed", "Примерная смета работ согласована", True),
)
"""The nine default steps of R3, titled as the company writes them (Russian)."""


@dataclass(frozen=True)
class StepStatus:
    """Whether a checklist step is required, and the state it stands at (R3)."""

    required: bool
    state: StepState


@dataclass(frozen=True)
class RegistrationProgress:
    """How far a client's checklist has got (R4)."""

    required_done: int
    required_total: int
    done: int
    total: int

    @property
    def registered(self) -> bool:
        """Every required step is done (R4); an empty checklist never registers."""
        return self.total > 0 and self.required_done == self.required_total

    @property
    def fraction(self) -> float:
        """Share of required steps done, 0.0-1.0 (for a progress bar only).

        A checklist with no required steps is 1.0 when it has any step, else 0.0.
        """
        if self.required_total:
            return self.required_done / self.required_total
        return 1.0 if self.registered else 0.0


def registration_progress(steps: Iterable[StepStatus]) -> RegistrationProgress:
    """Count done and required steps of a checklist.

    Only ``DONE`` counts as done: R4 says every required step must be *done*,
    so a required step marked not applicable or refused keeps a client
    unregistered.
    """
    required_done = required_total = done = total = 0
    for step in steps:
        total += 1
        is_done = step.state is StepState.DONE
        done += is_done
        if step.required:
            required_total += 1
            required_done += is_done
    return RegistrationProgress(required_done, required_total, done, total)


def is_registered(steps: Iterable[StepStatus]) -> bool:
    """Whether the client with these checklist steps is registered (R4)."""
    return registration_progress(steps).registered


class TrustRefusal(StrEnum):
    """Why a client cannot be added to the trusted persons list (R5)."""

    NOT_REGISTERED = "not_registered"
    BANNED = "banned"


class PhoneRefusal(StrEnum):
    """Why a phone consultation is not allowed (R6)."""

    BANNED = "banned"
    NOT_REGISTERED = "not_registered"
    NOT_TRUSTED = "not_trusted"
    NOT_PAID = "not_paid"


TRUST_REFUSAL_TEXT: dict[TrustRefusal, str] = {
    TrustRefusal.NOT_REGISTERED: QT_TRANSLATE_NOOP(
        "messages", "not registered: not every required registration step is done"
    ),
    TrustRefusal.BANNED: QT_TRANSLATE_NOOP("messages", "the client is banned from support"),
}
"""English explanation of each trust refusal (R5), marked for translation."""

PHONE_REFUSAL_TEXT: dict[PhoneRefusal, str] = {
    PhoneRefusal.BANNED: TRUST_REFUSAL_TEXT[TrustRefusal.BANNED],
    PhoneRefusal.NOT_REGISTERED: TRUST_REFUSAL_TEXT[TrustRefusal.NOT_REGISTERED],
    PhoneRefusal.NOT_TRUSTED: QT_TRANSLATE_NOOP(
        "messages", "not trusted: the client is not on the trusted persons list"
    ),
    PhoneRefusal.NOT_PAID: QT_TRANSLATE_NOOP(
        "messages", "not paid: the current work has not been paid for"
    ),
}
"""English explanation of each phone-consultation refusal (R6), marked for translation."""

REFUSAL_TEXT: dict[TrustRefusal | PhoneRefusal, str] = {
    **{refusal: text for refusal, text in TRUST_REFUSAL_TEXT.items()},
    **{refusal: text for refusal, text in PHONE_REFUSAL_TEXT.items()},
}
"""Both tables in one: members with the same value share one text."""


def trust_refusals(*, registered: bool, banned: bool) -> tuple[TrustRefusal, ...]:
    """Why the client may not be added to the trusted list (R5); empty means may."""
    refusals: list[TrustRefusal] = []
    if not registered:
        refusals.append(TrustRefusal.NOT_REGISTERED)
    if banned:
        refusals.append(TrustRefusal.BANNED)
    return tuple(refusals)


@dataclass(frozen=True)
class PhoneConsultation:
    """Whether a phone consultation is allowed and, if not, every reason why (R6)."""

    allowed: bool
    refusals: tuple[PhoneRefusal, ...]


def phone_consultation(
    *, registered: bool, trusted: bool, paid: bool, banned: bool = False
) -> PhoneConsultation:
    """Decide whether the client at hand may get a phone consultation (R6).

    Allowed only for a trusted client (hence registered, R5) who has paid for
    the current work and is not banned. Refusals come in the order banned,
    not registered, not trusted, not paid.
    """
    checks = (
        (banned, PhoneRefusal.BANNED),
        (not registered, PhoneRefusal.NOT_REGISTERED),
        (not trusted, PhoneRefusal.NOT_TRUSTED),
        (not paid, PhoneRefusal.NOT_PAID),
    )
    refusals = tuple(refusal for fails, refusal in checks if fails)
    return PhoneConsultation(allowed=not refusals, refusals=refusals)
