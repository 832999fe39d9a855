"""Recorded changes and refusals in the user's language (issue #14, item 3).

The audit log (R17), the client's history and the work log (R22) say stored
values through :mod:`nit_desk.ui.audit_text`; a domain error names its field
through the same names. Run in Russian: no raw enum value, ISO date, step code
or field code is left.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from nit_desk.app.screen_words import latin_words
from nit_desk.domain.errors import ValidationError
from nit_desk.domain.messages import QT_TRANSLATE_NOOP
from nit_desk.models.card.history_model import describe_change
from nit_desk.models.console.console_audit import change_lines
from nit_desk.ui import audit_text, i18n
from nit_desk.ui.errors import error_text
from nit_desk.ui.time_text import local_time_text


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[i18n.TranslationState]:
    """The application in Russian for one test, then back to the source texts."""
    state = i18n.install_translators(qapp, "ru")
    yield state
    i18n.remove_translators()


def _j(**values: object) -> str:
    return json.dumps(values)


def test_r17_estimate_status_change_reads_in_russian(russian: i18n.TranslationState) -> None:
    """An estimate's status reads "предложена → согласована", not proposed → agreed."""
    text = describe_change(_j(status="proposed"), _j(status="agreed"), {}, "estimate")
    assert "предложена → согласована" in text
    assert latin_words(text) == []


def test_r17_payment_and_request_values_in_words(russian: i18n.TranslationState) -> None:
    """A payment's kind, its day and request, a request's scheme, reasons, channel and
    deadline are words and local times; nothing of the stored form is left."""
    payment = describe_change("", _j(amount_kopecks=150000, kind="advance",
                                     paid_on="2026-12-08", request_id=8), {}, "payment")
    deadline = datetime(2026, 12, 9, 18, 0, tzinfo=UTC)
    request = describe_change("", _j(advance_reasons="a,c", channel="telegram",
                                     payment_scheme="on_completion", status="new",
                                     deadline=str(deadline)), {}, "request")
    for text in (payment, request):
        assert latin_words(text) == [], text
    assert "аванс" in payment and "2026-12-08" not in payment and "№8" in payment
    assert local_time_text(deadline) in request and "+00:00" not in request


def test_r12_ban_references_and_refused_steps_in_words(
        russian: i18n.TranslationState) -> None:
    """"sensitive:2", "ban 1" and step codes become a sensitive action, a ban and titles."""
    lines = change_lines("", _j(refused_steps=["sensitive:2", "added_as_friend"],
                                reference="ban 1", minutes=70), "ban_proposal")
    text = "\n".join(lines)
    assert latin_words(text) == [], text
    assert "Клиент добавлен в друзья в мессенджере" in text
    assert audit_text.stored_reference_text("ban 1") != "ban 1"
    assert audit_text.stored_reference_text("СБП 1234") == "СБП 1234"


def test_audit_actor_system_reads_in_russian(russian: i18n.TranslationState) -> None:
    """The desk's own entries are by "система", not "system"."""
    assert audit_text.actor_text("system") == "система"
    assert audit_text.actor_text("anna") == "anna"


@pytest.mark.parametrize("field", ["amount", "reason", "void_reason", "method_label",
                                   "paid_on", "override_reason", "unit_price"])
def test_error_names_its_field_in_russian(russian: i18n.TranslationState, field: str) -> None:
    """A refusal's message names the field in Russian, wherever it is shown."""
    err = ValidationError(QT_TRANSLATE_NOOP("messages", "The {label} field is empty."),
                          field=field, label=field.replace("_", " "))
    text = error_text(err)
    assert latin_words(text) == [], text
