"""R3-R6: registration checklist, registered, trusted, phone consultations."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nit_desk.domain.registration import (
    DEFAULT_CHECKLIST,
    PHONE_REFUSAL_TEXT,
    REFUSAL_TEXT,
    TRUST_REFUSAL_TEXT,
    PhoneConsultation,
    PhoneRefusal,
    RegistrationProgress,
    StepStatus,
    TrustRefusal,
    is_registered,
    phone_consultation,
    registration_progress,
    trust_refusals,
)
from nit_desk.domain.types import StepState

DONE, PENDING = StepState.DONE, StepState.PENDING
steps_strategy = st.lists(
    st.builds(StepStatus, required=st.booleans(), state=st.sampled_from(StepState))
)


# --- R3 -------------------------------------------------------------------


def test_r3_default_checklist_has_the_nine_steps_in_order() -> None:
    """R3: the nine default steps, in the order the rule lists them."""
    assert [step.code for step in DEFAULT_CHECKLIST] == [
        "browser_check",
        "messenger_confirmed",
        "phone_confirmed",
        "email_confirmed",
        "added_as_friend",
        "subscribed_to_group",
        "system_info_collected",
        "deadlines_agreed",
        "estimate_agreed",
    ]


def test_r3_default_steps_are_required_with_russian_titles() -> None:
    """R3: every default step is required and titled in Russian."""
    assert all(step.required for step in DEFAULT_CHECKLIST)
    titles = [step.title for step in DEFAULT_CHECKLIST]
    assert len(set(titles)) == len(titles)
    assert all(re.search("[а-яё]", title) for title in titles)
    assert DEFAULT_CHECKLIST[0].title == "Проверка браузера на ботов пройдена"


# --- R4 -------------------------------------------------------------------


def test_r4_scenario_1_all_default_steps_done_registers() -> None:
    """R4 (scenario 1): every default step done -> registered."""
    steps = [StepStatus(step.required, DONE) for step in DEFAULT_CHECKLIST]
    progress = registration_progress(steps)
    assert progress == RegistrationProgress(9, 9, 9, 9)
    assert progress.registered
    assert progress.fraction == 1.0


@pytest.mark.parametrize("state", [PENDING, StepState.REFUSED, StepState.NOT_APPLICABLE])
def test_r4_one_required_step_not_done_keeps_client_unregistered(state: StepState) -> None:
    """R4: a required step that is not DONE keeps the client unregistered."""
    steps = [StepStatus(True, DONE)] * 8 + [StepStatus(True, state)]
    assert not is_registered(steps)
    assert registration_progress(steps).fraction == pytest.approx(8 / 9)


def test_r4_optional_steps_do_not_block_registration() -> None:
    """R4: only required steps count; optional ones may stay pending or refused."""
    steps = [
        StepStatus(True, DONE),
        StepStatus(False, PENDING),
        StepStatus(False, StepState.REFUSED),
    ]
    progress = registration_progress(steps)
    assert progress == RegistrationProgress(1, 1, 1, 3)
    assert progress.registered


def test_r4_empty_checklist_is_not_registered() -> None:
    """R4: an empty checklist proves nothing, so it does not register."""
    progress = registration_progress([])
    assert not progress.registered
    assert progress.fraction == 0.0


def test_r4_only_optional_steps_registers_vacuously() -> None:
    """R4: a non-empty checklist with no required steps has every required step done."""
    progress = registration_progress([StepStatus(False, PENDING)])
    assert progress.registered
    assert progress.fraction == 1.0


def test_r4_accepts_a_generator() -> None:
    """R4: steps may come from any iterable, read once."""
    assert is_registered(StepStatus(True, DONE) for _ in range(3))


@given(steps_strategy)
def test_r4_property_registered_iff_every_required_step_done(steps: list[StepStatus]) -> None:
    """R4 (property): registered iff non-empty and every required step is DONE."""
    expected = bool(steps) and all(s.state is DONE for s in steps if s.required)
    assert is_registered(steps) == expected


@given(steps_strategy)
def test_r4_property_counts_are_consistent(steps: list[StepStatus]) -> None:
    """R4 (property): counts are bounded and the fraction lies in [0, 1]."""
    p = registration_progress(steps)
    assert 0 <= p.required_done <= p.required_total <= p.total == len(steps)
    assert p.required_done <= p.done <= p.total
    assert 0.0 <= p.fraction <= 1.0
    assert (p.fraction == 1.0) == p.registered or not steps


@given(steps_strategy, st.randoms())
def test_r4_property_order_does_not_matter(steps: list[StepStatus], rnd: random.Random) -> None:
    """R4 (property): the progress does not depend on the order of the steps."""
    shuffled = list(steps)
    rnd.shuffle(shuffled)
    assert registration_progress(shuffled) == registration_progress(steps)


# --- R5 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("registered", "banned", "expected"),
    [
        (True, False, ()),
        (False, False, (TrustRefusal.NOT_REGISTERED,)),
        (True, True, (TrustRefusal.BANNED,)),
        (False, True, (TrustRefusal.NOT_REGISTERED, TrustRefusal.BANNED)),
    ],
)
def test_r5_only_registered_unbanned_clients_can_be_trusted(
    registered: bool, banned: bool, expected: tuple[TrustRefusal, ...]
) -> None:
    """R5: only a registered client can be added to the trusted list (and not a banned one)."""
    assert trust_refusals(registered=registered, banned=banned) == expected


@given(st.booleans(), st.booleans())
def test_r5_property_no_refusal_iff_registered_and_not_banned(
    registered: bool, banned: bool
) -> None:
    """R5 (property): may be trusted exactly when registered and not banned."""
    refusals = trust_refusals(registered=registered, banned=banned)
    assert (refusals == ()) == (registered and not banned)


# --- R6 -------------------------------------------------------------------


def test_r6_scenario_5_unregistered_caller_is_refused_with_three_reasons() -> None:
    """R6 (scenario 5): unregistered caller -> not registered, not trusted, not paid."""
    result = phone_consultation(registered=False, trusted=False, paid=False)
    assert result == PhoneConsultation(
        allowed=False,
        refusals=(PhoneRefusal.NOT_REGISTERED, PhoneRefusal.NOT_TRUSTED, PhoneRefusal.NOT_PAID),
    )


def test_r6_scenario_1_before_payment_not_paid_then_allowed() -> None:
    """R6 (scenario 1): trusted client: 'not paid' before the advance, allowed after."""
    before = phone_consultation(registered=True, trusted=True, paid=False)
    assert before == PhoneConsultation(False, (PhoneRefusal.NOT_PAID,))
    after = phone_consultation(registered=True, trusted=True, paid=True)
    assert after == PhoneConsultation(True, ())


def test_r6_registered_but_not_trusted_is_refused() -> None:
    """R6: paying is not enough; the client must be on the trusted list."""
    result = phone_consultation(registered=True, trusted=False, paid=True)
    assert result.refusals == (PhoneRefusal.NOT_TRUSTED,)


def test_r6_banned_client_is_refused_first() -> None:
    """R6/R12: a banned client never gets a phone consultation; banned is listed first."""
    result = phone_consultation(registered=True, trusted=True, paid=True, banned=True)
    assert not result.allowed
    assert result.refusals == (PhoneRefusal.BANNED,)


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_r6_property_allowed_iff_trusted_paid_registered_not_banned(
    registered: bool, trusted: bool, paid: bool, banned: bool
) -> None:
    """R6 (property): allowed exactly when trusted and paid (and registered, not banned)."""
    result = phone_consultation(registered=registered, trusted=trusted, paid=paid, banned=banned)
    assert result.allowed == (registered and trusted and paid and not banned)
    assert result.allowed == (result.refusals == ())
    order = list(PhoneRefusal)
    assert list(result.refusals) == sorted(result.refusals, key=order.index)


def test_r5_r6_every_refusal_has_an_explanation() -> None:
    """R5/R6: the workstation can say why, for every refusal."""
    assert set(TRUST_REFUSAL_TEXT) == set(TrustRefusal)
    assert set(PHONE_REFUSAL_TEXT) == set(PhoneRefusal)
    for refusal in [*TrustRefusal, *PhoneRefusal]:
        assert REFUSAL_TEXT[refusal].strip()
    assert "not paid" in PHONE_REFUSAL_TEXT[PhoneRefusal.NOT_PAID]
