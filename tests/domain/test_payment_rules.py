"""R13/R14: which payment scheme applies and why."""

from __future__ import annotations

import itertools

import pytest

from nit_desk.domain.payment import REASON_TEXT, PaymentDecision, payment_scheme_for
from nit_desk.domain.types import AdvanceReason, PaymentScheme

A, B, C, D = (
    AdvanceReason.FIRST_TIME,
    AdvanceReason.SPECIFICATION,
    AdvanceReason.OFFLINE_WORK,
    AdvanceReason.ONSITE_VISIT,
)

ALL_COMBINATIONS = list(itertools.product([False, True], repeat=4))


def _expected(first: bool, spec: bool, offline: bool, onsite: bool) -> tuple[AdvanceReason, ...]:
    pairs = zip((first, spec, offline, onsite), (A, B, C, D), strict=True)
    return tuple(reason for flag, reason in pairs if flag)


@pytest.mark.parametrize(
    ("first", "spec", "offline", "onsite"),
    ALL_COMBINATIONS,
    ids=["".join("abcd"[i] if f else "-" for i, f in enumerate(c)) for c in ALL_COMBINATIONS],
)
def test_r14_scheme_and_reasons_for_every_combination(
    first: bool, spec: bool, offline: bool, onsite: bool
) -> None:
    """R14: advance iff any of (a)-(d); reasons listed in order a, b, c, d."""
    decision = payment_scheme_for(
        first_time=first, has_specification=spec, offline_work=offline, onsite_visit=onsite
    )
    reasons = _expected(first, spec, offline, onsite)
    expected_scheme = PaymentScheme.ADVANCE if reasons else PaymentScheme.ON_COMPLETION
    assert decision == PaymentDecision(scheme=expected_scheme, reasons=reasons)


def test_r14_scenario_1_first_contact_is_advance_a() -> None:
    """R14 (scenario 1): a first-time client pays in advance, reason (a)."""
    decision = payment_scheme_for(
        first_time=True, has_specification=False, offline_work=False, onsite_visit=False
    )
    assert decision.scheme is PaymentScheme.ADVANCE
    assert decision.reasons == (A,)


def test_r14_scenario_2_returning_client_pays_on_completion() -> None:
    """R14 (scenario 2): returning client, on the line, no spec, no visit -> on completion."""
    decision = payment_scheme_for(
        first_time=False, has_specification=False, offline_work=False, onsite_visit=False
    )
    assert decision.scheme is PaymentScheme.ON_COMPLETION
    assert decision.reasons == ()


def test_r14_every_reason_has_an_explanation() -> None:
    """R14: the workstation can explain each of (a)-(d)."""
    assert set(REASON_TEXT) == set(AdvanceReason)
    assert all(text.strip() for text in REASON_TEXT.values())
    assert "first contact" in REASON_TEXT[A]


def test_r14_decision_is_frozen() -> None:
    """R14: a decision is an immutable value."""
    decision = payment_scheme_for(
        first_time=True, has_specification=True, offline_work=True, onsite_visit=True
    )
    assert decision.reasons == (A, B, C, D)
    with pytest.raises(AttributeError):
        decision.scheme = PaymentScheme.ON_COMPLETION  # type: ignore[misc]
