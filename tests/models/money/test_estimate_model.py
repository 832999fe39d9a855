"""The estimate editor's item model: exact totals and undo of any edit sequence (R15, R16)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from nit_desk.domain.money import MAX_AMOUNT_KOPECKS, line_total
from nit_desk.domain.types import Unit
from nit_desk.models.money.estimate_model import LINE_ROLE, Column, EditableLine, EstimateModel
from nit_desk.services.money.money_dto import PriceItemDTO

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10000), places=3)
prices = st.integers(min_value=0, max_value=MAX_AMOUNT_KOPECKS // 10000)
lines = st.builds(EditableLine, description=st.text(min_size=1, max_size=20),
                  quantity=quantities, unit=st.sampled_from(list(Unit)),
                  unit_price_kopecks=prices, price_item_id=st.none() | st.integers(1, 50))

edit_ops = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 30), lines),
    st.tuples(st.just("remove"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.integers(0, 30), st.sampled_from([-1, 1])),
    st.tuples(st.just("quantity"), st.integers(0, 30), quantities),
    st.tuples(st.just("price"), st.integers(0, 30), prices),
    st.tuples(st.just("unit"), st.integers(0, 30), st.sampled_from(list(Unit))),
    st.tuples(st.just("text"), st.integers(0, 30), st.text(min_size=1, max_size=10)),
    st.tuples(st.just("note"), st.text(max_size=15)),
)


def _apply(model: EstimateModel, op: tuple[object, ...]) -> None:
    """Apply one generated edit; rows out of range are taken modulo the line count."""
    kind = op[0]
    count = model.rowCount()
    if kind == "add":
        model.add_line(int(op[1]) % (count + 1), op[2])  # type: ignore[call-overload, arg-type]
        return
    if kind == "note":
        model.set_note(str(op[1]))
        return
    if count == 0:
        return
    row = int(op[1]) % count  # type: ignore[call-overload]
    if kind == "remove":
        model.remove_line(row)
    elif kind == "move":
        model.move_line(row, int(op[2]))  # type: ignore[call-overload]
    else:
        column = {"quantity": Column.QUANTITY, "price": Column.UNIT_PRICE, "unit": Column.UNIT,
                  "text": Column.SERVICE}[str(kind)]
        value = op[2].value if isinstance(op[2], Unit) else op[2]
        model.setData(model.index(row, column), value)


@pytest.fixture
def model(qapp: QApplication) -> EstimateModel:
    """An empty model, checked by Qt's model tester for its whole life."""
    estimate_model = EstimateModel()
    estimate_model.tester = QAbstractItemModelTester(  # type: ignore[attr-defined]
        estimate_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return estimate_model


def test_model_passes_qt_model_tester_through_edits(model: EstimateModel) -> None:
    """Qt's model tester watches inserts, removes, moves and cell edits."""
    model.load([EditableLine("Диагностика", Decimal(1), Unit.SERVICE, 500_00)], "", read_only=False)
    model.add_line(line=EditableLine("Настройка", Decimal("1.5"), Unit.HOUR, 800_00))
    model.add_line(0)
    model.move_line(0, 1)
    model.setData(model.index(2, Column.QUANTITY), "2,5")
    model.remove_line(1)
    model.undo_stack.undo()
    assert model.rowCount() == 3
    assert model.data(model.index(0, Column.SERVICE), LINE_ROLE).description == "Диагностика"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.lists(lines, max_size=6), ops=st.lists(edit_ops, max_size=25))
def test_r16_total_is_always_the_exact_sum_of_the_lines(
        model: EstimateModel, start: list[EditableLine], ops: list[tuple[object, ...]]) -> None:
    """R16: after every edit the total equals the sum of exact line totals (no float)."""
    model.load(start, "", read_only=False)
    for op in ops:
        _apply(model, op)
        expected = sum(line_total(line.quantity, line.unit_price_kopecks) for line in model.lines)
        assert model.total_kopecks == expected
        assert isinstance(model.total_kopecks, int)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.lists(lines, max_size=6), ops=st.lists(edit_ops, min_size=1, max_size=25))
def test_r15_undo_after_any_edit_sequence_restores_the_estimate_exactly(
        model: EstimateModel, start: list[EditableLine], ops: list[tuple[object, ...]]) -> None:
    """R15: undoing every step gives back the loaded lines and note; redo gives the edits."""
    model.load(start, "примерно", read_only=False)
    before, total_before = model.snapshot(), model.total_kopecks
    for op in ops:
        _apply(model, op)
    after, total_after = model.snapshot(), model.total_kopecks
    while model.undo_stack.canUndo():
        model.undo_stack.undo()
    assert model.snapshot() == before
    assert model.total_kopecks == total_before
    while model.undo_stack.canRedo():
        model.undo_stack.redo()
    assert model.snapshot() == after
    assert model.total_kopecks == total_after


def test_undo_steps_are_named_for_the_edit_menu(model: EstimateModel) -> None:
    """The Edit menu says what Ctrl+Z undoes: "Undo change quantity of line 2"."""
    model.load([EditableLine("a", Decimal(1), Unit.HOUR, 100),
                EditableLine("b", Decimal(1), Unit.HOUR, 100)], "", read_only=False)
    model.setData(model.index(1, Column.QUANTITY), "3")
    assert model.undo_stack.undoText() == "change quantity of line 2"
    action = model.undo_stack.createUndoAction(model, "Undo")
    assert action.text() == "Undo change quantity of line 2"
    model.move_line(1, -1)
    assert model.undo_stack.undoText() == "move line 2 up"
    model.remove_line(0)
    assert model.undo_stack.undoText() == "remove line 1"
    model.add_line()
    assert model.undo_stack.undoText() == "add line 2"
    model.set_note("при")
    model.set_note("примерно")
    assert model.undo_stack.undoText() == "change the note"
    model.undo_stack.undo()  # both keystrokes are one step
    assert model.note == ""


def test_r15_read_only_model_refuses_every_edit(model: EstimateModel) -> None:
    """R15: a frozen (agreed) version's lines cannot be changed through the model."""
    line = EditableLine("Выезд", Decimal(1), Unit.VISIT, 2500_00)
    model.load([line], "", read_only=True)
    index = model.index(0, Column.QUANTITY)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "5")
    assert model.add_line() == -1
    assert not model.remove_line(0)
    assert not model.set_note("x")
    assert model.lines == (line,)
    assert model.undo_stack.count() == 0


def test_bad_values_are_refused_and_nothing_changes(model: EstimateModel) -> None:
    """R16: a float price, zero or malformed quantity, or unknown unit is not accepted."""
    model.load([EditableLine("a", Decimal(2), Unit.HOUR, 100)], "", read_only=False)
    assert not model.setData(model.index(0, Column.UNIT_PRICE), 1.5)
    assert not model.setData(model.index(0, Column.UNIT_PRICE), -1)
    assert not model.setData(model.index(0, Column.QUANTITY), "0")
    assert not model.setData(model.index(0, Column.QUANTITY), "abc")
    assert not model.setData(model.index(0, Column.UNIT), "parsec")
    assert not model.setData(model.index(0, Column.TOTAL), 5)
    assert model.undo_stack.count() == 0
    assert model.total_kopecks == 200


def test_picking_a_price_item_fills_unit_and_price_in_one_step(model: EstimateModel) -> None:
    """A service from the price list sets name, unit and unit price; one undo reverts it."""
    model.load([EditableLine("", Decimal(2))], "", read_only=False)
    item = PriceItemDTO(7, "Удалённая настройка", Unit.HOUR, 800_00, False, True)
    assert model.pick_price_item(0, item)
    line = model.lines[0]
    assert (line.description, line.unit, line.unit_price_kopecks, line.price_item_id) == (
        "Удалённая настройка", Unit.HOUR, 800_00, 7)
    assert model.total_kopecks == 1600_00
    model.setData(model.index(0, Column.SERVICE), "Своя работа")
    assert model.lines[0].price_item_id is None  # free text is no longer the item
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert model.lines[0] == EditableLine("", Decimal(2))


def test_cell_errors_show_in_background_and_tooltip(model: EstimateModel) -> None:
    """A refused cell is shown red with the reason; editing that cell clears it."""
    model.load([EditableLine("a", Decimal(1), Unit.HOUR, 100)], "", read_only=False)
    model.set_cell_error(0, Column.QUANTITY, "too large")
    index = model.index(0, Column.QUANTITY)
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "too large"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    model.setData(index, "2")
    assert model.cell_error(0, Column.QUANTITY) == ""
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None
