"""Every text a person types passes the one guard (issue 15 item 6; R9, R23).

The fields the guard used to miss: the e-mail, the Skype handle and the other
messenger accounts, user names, checklist step codes and payment references.
Each refuses a card number, and broken text is a clear refusal, not a crash.
"""

from __future__ import annotations

import pytest

from nit_desk.domain.contacts import normalize_email, normalize_handle
from nit_desk.domain.errors import ValidationError
from nit_desk.domain.types import Network, PaymentKind, Role
from nit_desk.services.actor import Actor
from nit_desk.services.admin import users
from nit_desk.services.clients import checklist, clients
from nit_desk.services.money import payments
from nit_desk.services.storage.engine import Database
from nit_desk.services.storage.types import utcnow
from tests.conftest import PASSWORD
from tests.services.agent_support import intake_values, row_counts
from tests.services.money_fixtures import make_client, make_request

CARD = "4276212997220033"
CARD_SPACED = "4276 2129 9722 0033"


@pytest.mark.parametrize("email", [f"{CARD}@mail.ru", f"card.{CARD}@example.ru",
                                   "a\udc00b@mail.ru", "ab\x00@mail.ru"])
def test_r9_email_passes_the_guard(email: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalize_email(email)
    assert err.value.field == "email"


@pytest.mark.parametrize(("network", "handle"), [
    (Network.SKYPE, f"live:{CARD}"),
    (Network.SKYPE, "live:.cid.\ud83d"),
    (Network.TELEGRAM, f"@card_{CARD}"),
    (Network.VK, f"vk.com/{CARD_SPACED}"),
])
def test_r9_messenger_handles_pass_the_guard(network: Network, handle: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalize_handle(network, handle, field="messengers.0")
    assert err.value.field == "messengers.0"


def test_r9_intake_refuses_a_card_in_the_email_and_writes_nothing(db: Database,
                                                                  agent: Actor) -> None:
    clients.intake(db, agent, clients.IntakeForm(**intake_values(2)))  # makes the template
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        clients.intake(db, agent, clients.IntakeForm(**intake_values(
            3, email=f"{CARD}@mail.ru")))
    assert err.value.field == "email" and row_counts(db) == before


@pytest.mark.parametrize("name", [CARD, f"card_{CARD}", "pin_\udc00"])
def test_r9_user_names_pass_the_guard(db: Database, supervisor: Actor, name: str) -> None:
    with pytest.raises(ValidationError) as err:
        users.create_user(db, supervisor, name, Role.AGENT, PASSWORD)
    assert err.value.field == "username"


@pytest.mark.parametrize("code", [f"card_{CARD}", "step\x00one"])
def test_r9_checklist_step_codes_pass_the_guard(db: Database, supervisor: Actor,
                                                code: str) -> None:
    with pytest.raises(ValidationError) as err:
        checklist.save_template(db, supervisor, [(code, "Карта клиента", True)])
    assert err.value.field == "steps.0.code"


@pytest.mark.parametrize("reference", [CARD_SPACED, "4276.2129.9722.0033",
                                       "Иванов Иван Иванович", "СБП \udc00"])
def test_r9_r23_payment_references_pass_the_guard(db: Database, agent: Actor,
                                                  reference: str) -> None:
    request_id = make_request(db, make_client(db))
    with pytest.raises(ValidationError) as err:
        payments.record_payment(db, agent, request_id, amount_kopecks=100_00,
                                paid_on=utcnow().astimezone().date(),
                                kind=PaymentKind.ADVANCE, method_label="СБП",
                                reference=reference)
    assert err.value.field == "reference"
