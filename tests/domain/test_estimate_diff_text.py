"""The pure estimate diff and the messenger text (R15, R16)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from nit_desk.domain.estimate_diff import diff_estimates
from nit_desk.domain.estimate_text import as_messenger_text, format_quantity
from nit_desk.domain.money import line_total
from nit_desk.domain.types import EstimateStatus, Unit
from nit_desk.services.money.money_dto import EstimateDTO, EstimateLineDTO, EstimateStage


def _line(description: str, quantity: str, price: int, item: int | None = None,
          unit: Unit = Unit.HOUR) -> EstimateLineDTO:
    q = Decimal(quantity)
    return EstimateLineDTO(0, item, description, q, unit, price, line_total(q, price))


def _estimate(*lines: EstimateLineDTO, note: str = "") -> EstimateDTO:
    return EstimateDTO(1, 7, 2, EstimateStatus.PROPOSED, EstimateStage.FIRST_CONTACT, note,
                       lines, sum(line.total_kopecks for line in lines),
                       datetime(2026, 11, 20, 12, 0, tzinfo=UTC), "anna", None, 3)


def test_r15_diff_finds_added_removed_and_changed_lines() -> None:
    old = [_line("Диагностика", "1", 500_00, 1), _line("Чистка", "2", 800_00, 3),
           _line("Выезд", "1", 2_500_00, 4)]
    new = [_line("Диагностика", "1", 500_00, 1), _line("чистка ", "3", 800_00, 3),
           _line("Резервное копирование", "1", 1_000_00, 8)]
    diff = diff_estimates(old, new)
    assert [line.description for line in diff.added] == ["Резервное копирование"]
    assert [line.description for line in diff.removed] == ["Выезд"]
    assert [(a.quantity, b.quantity) for a, b in diff.changed] == [(Decimal(2), Decimal(3))]
    assert diff.total_change_kopecks == (500_00 + 2_400_00 + 1_000_00) - (
        500_00 + 1_600_00 + 2_500_00)
    assert not diff.is_empty and diff_estimates(old, old).is_empty


def test_r15_same_description_different_price_item_is_another_line() -> None:
    diff = diff_estimates([_line("Настройка", "1", 100, 1)], [_line("Настройка", "1", 100, 2)])
    assert len(diff.added) == len(diff.removed) == 1 and diff.changed == ()


lines = st.lists(st.builds(_line, st.sampled_from(["А", "Б", "В"]),
                           st.sampled_from(["1", "2", "0.5"]),
                           st.integers(0, 10_000_00), st.sampled_from([None, 1, 2])),
                 max_size=6)


@given(old=lines, new=lines)
def test_r16_diff_total_change_is_exact(old: list[EstimateLineDTO],
                                        new: list[EstimateLineDTO]) -> None:
    """Property: the total change is the exact difference, and matched + added lines
    account for every new line, matched + removed for every old one."""
    diff = diff_estimates(old, new)
    assert diff.total_change_kopecks == (sum(x.total_kopecks for x in new)
                                         - sum(x.total_kopecks for x in old))
    unchanged_pairs = len(old) - len(diff.removed) - len(diff.changed)
    assert len(new) == len(diff.added) + len(diff.changed) + unchanged_pairs


def test_r15_messenger_text_lists_lines_total_and_disclaimer() -> None:
    text = as_messenger_text(_estimate(
        _line("Удалённая диагностика", "1", 500_00, unit=Unit.SERVICE),
        _line("Удалённая чистка и оптимизация", "2", 800_00), note="Начнём завтра"), 7)
    assert "обращению № 7" in text and "Версия 2 от 20.11.2026" in text
    assert "1. Удалённая диагностика — 1 усл. × 500\u00a0₽ = 500\u00a0₽" in text
    assert "2. Удалённая чистка и оптимизация — 2 ч × 800\u00a0₽ = 1\u00a0600\u00a0₽" in text
    assert "Итого: 2\u00a0100\u00a0₽" in text
    assert "Смета примерная" in text and "Начнём завтра" in text
    assert text.startswith("NIT:")


def test_quantity_is_shown_without_trailing_zeros() -> None:
    assert [format_quantity(Decimal(q)) for q in ("2.000", "1.500", "0.25", "10000")] == [
        "2", "1,5", "0,25", "10000"]
