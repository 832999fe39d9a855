"""R23: free text never keeps a full real name or an identity document number."""

from __future__ import annotations

import pytest

from nit_desk.domain.errors import ValidationError
from nit_desk.domain.identity_guard import find_identity
from nit_desk.domain.text import clean_text


@pytest.mark.parametrize("text", [
    "клиент Иванов Иван Иванович, ноутбук",
    "Звонила Петрова Мария Сергеевна",
    "Иван Петрович Сидоров просил перезвонить",
    "client Ivanov Ivan Ivanovich",
])
def test_r23_full_name_is_found(text: str) -> None:
    finding = find_identity(text)
    assert finding is not None and finding.kind == "name"


@pytest.mark.parametrize("text", [
    "паспорт 45 10 123456",
    "Паспорт: серия 4510 номер 123456",
    "passport 4510 123456",
    "СНИЛС 11223344595",
    "прислал 112-233-445 95 по ошибке",
])
def test_r23_document_number_is_found(text: str) -> None:
    finding = find_identity(text)
    assert finding is not None and finding.kind == "document"


@pytest.mark.parametrize("text", [
    "Иван Петрович просил перезвонить",  # first name and patronymic: how people are addressed
    "Клиент Иван Петрович сказал, что ноутбук Lenovo",
    "Windows 10 Pro 22H2, Core i5-8250U, 8 GB RAM, HDD 1 TB",
    "звонок с +7 912 345-67-89, заказ 4510 123456",
    "Москва, ул. Примерная, 1, оф. 2",
    "паспорт не нужен",
    "112-233-445 96",  # SNILS layout with a wrong check sum
])
def test_r23_ordinary_text_passes(text: str) -> None:
    assert find_identity(text) is None


def test_r23_clean_text_refuses_with_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        clean_text("Иванов Иван Иванович", field="note")
    assert err.value.field == "note" and "full name" in err.value.message
    with pytest.raises(ValidationError) as doc:
        clean_text("паспорт 4510 123456", field="reason")
    assert doc.value.field == "reason" and "passport" in doc.value.message
