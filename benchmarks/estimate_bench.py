"""The estimate editor with 500 lines: an edit recomputes the exact total and repaints at once.

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/estimate_bench.py [--lines N]
        [--runs K] [--json out.json]

Measures, in NIT Desk's own :class:`~nit_desk.views.money.estimate_editor.EstimateEditor`
(its table, delegates and total label; no database: the version is handed to it),
the median time of:

* an edit of one quantity through the undo stack: the line total and the exact
  total of all N lines recomputed, the total label updated, the table repainted;
* undo of that edit, repainted;
* a line added at the top (N + 1 rows move down), repainted;
* loading an N-line version, repainted;

against the same visible work in a bare ``QStandardItemModel`` in a ``QTableView``
(a cell's text set, a row inserted, N rows filled, then repainted), which
computes no totals at all. Prints a table and writes JSON ``[{"name",
"ours_ms", "reference", "reference_ms", "ratio"}]``. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView, QWidget  # noqa: E402

from nit_desk.domain.money import line_total  # noqa: E402
from nit_desk.domain.types import EstimateStatus, Role, Unit  # noqa: E402
from nit_desk.models.money.estimate_model import Column, EditableLine  # noqa: E402
from nit_desk.services.actor import Actor  # noqa: E402
from nit_desk.services.money.money_dto import EstimateDTO, EstimateLineDTO, EstimateStage  # noqa: E402
from nit_desk.ui.events import AppEvents  # noqa: E402
from nit_desk.ui.money_text import money_text  # noqa: E402
from nit_desk.ui.runner import ServiceRunner  # noqa: E402
from nit_desk.views.money.estimate_editor import EstimateEditor  # noqa: E402

FRAME_MS = 16.0
"""One frame at 60 Hz: below this an edit shows no visible pause."""
UNITS = list(Unit)


@dataclass(frozen=True)
class Result:
    """One comparison: our median against the reference's median."""

    name: str
    ours_ms: float
    reference: str
    reference_ms: float
    ratio: float


@dataclass(frozen=True)
class BenchDesk:
    """A money desk with no database: the benchmark hands the version to the editor."""

    actor: Actor
    runner: ServiceRunner
    events: AppEvents
    money: object


def _lines(count: int) -> tuple[EstimateLineDTO, ...]:
    made = []
    for n in range(1, count + 1):
        quantity = Decimal(n % 7 + 1) / Decimal(4)
        price = 100_00 + n * 137
        made.append(EstimateLineDTO(n, None, f"Работа № {n}: настройка и проверка", quantity,
                                    UNITS[n % len(UNITS)], price, line_total(quantity, price)))
    return tuple(made)


def _version(count: int) -> EstimateDTO:
    lines = _lines(count)
    return EstimateDTO(1, 1, 1, EstimateStatus.DRAFT, EstimateStage.FIRST_CONTACT, "примерно",
                       lines, sum(line.total_kopecks for line in lines),
                       datetime.now(UTC), "bench", None, 1)


def _timed(action: Callable[[], object], repaint: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    repaint()
    return (time.perf_counter() - started) * 1000


def _compare(name: str, ours: list[float], reference: str, ref: list[float]) -> Result:
    a, b = statistics.median(ours), statistics.median(ref)
    return Result(name, round(a, 3), reference, round(b, 3), round(a / b, 3) if b else 0.0)


class Ours:
    """The real editor, shown off screen with an N-line draft."""

    def __init__(self, count: int) -> None:
        runner, events = ServiceRunner(), AppEvents()
        self.runner = runner
        desk = BenchDesk(Actor(1, "bench", Role.AGENT), runner, events, object())
        self.editor = EstimateEditor(desk)  # type: ignore[arg-type]
        self.editor.resize(1200, 760)
        self.editor.stack.setCurrentIndex(2)
        self.editor.show()
        self.version = _version(count)
        self.editor.versions = (self.version,)
        self.editor.show_version(self.version)
        self.viewport = self.editor.table.viewport()  # PySide builds a wrapper per call
        QApplication.processEvents()

    def repaint(self) -> None:
        """Paint the table and the total now (what the user sees after an edit)."""
        self.viewport.repaint()
        self.editor.total_label.repaint()

    def edit(self, row: int, runs: int) -> float:
        """Change one quantity (through the undo stack)."""
        model = self.editor.model
        return _timed(lambda: model.setData(model.index(row, Column.QUANTITY),
                                            f"{runs % 9 + 1},5"), self.repaint)

    def undo(self) -> float:
        """Undo the last edit."""
        return _timed(self.editor.model.undo_stack.undo, self.repaint)

    def add_top(self) -> float:
        """Insert a line at the top."""
        line = EditableLine("Новая строка", Decimal(1), Unit.HOUR, 500_00)
        return _timed(lambda: self.editor.model.add_line(0, line), self.repaint)

    def load(self) -> float:
        """Show the N-line version again (model reset)."""
        return _timed(lambda: self.editor.show_version(self.version), self.repaint)

    def check_total(self) -> None:
        """The total shown is the exact sum of the lines (the benchmark measures real work)."""
        expected = sum(line.total_kopecks for line in self.editor.model.lines)
        assert self.editor.model.total_kopecks == expected
        assert self.editor.total_label.text() == money_text(expected)


class Reference:
    """A bare QStandardItemModel in a QTableView: texts only, no totals."""

    def __init__(self, count: int) -> None:
        self.model = QStandardItemModel(0, 5)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.resize(1200, 700)
        self.lines = _lines(count)
        self.fill()
        self.viewport = self.view.viewport()
        self.view.show()
        QApplication.processEvents()

    def fill(self) -> None:
        """Put the N lines in as text items."""
        self.model.setRowCount(0)
        for line in self.lines:
            self.model.appendRow([QStandardItem(text) for text in (
                line.description, str(line.quantity), line.unit.value,
                money_text(line.unit_price_kopecks), money_text(line.total_kopecks))])

    def repaint(self) -> None:
        """Paint the table now."""
        self.viewport.repaint()

    def edit(self, row: int, runs: int) -> float:
        """Set one cell's text."""
        item = self.model.item(row, 1)
        assert item is not None
        return _timed(lambda: item.setText(f"{runs % 9 + 1},5"), self.repaint)

    def add_top(self) -> float:
        """Insert a row at the top."""
        return _timed(lambda: self.model.insertRow(0, [QStandardItem("Новая строка")
                                                       for _ in range(5)]), self.repaint)

    def load(self) -> float:
        """Fill the N rows again."""
        return _timed(self.fill, self.repaint)


def measure(count: int, runs: int) -> list[Result]:
    """Every interaction, ``runs`` times each side; medians compared."""
    ours, ref = Ours(count), Reference(count)
    visible = 10
    edits = [ours.edit(visible + i % 5, i) for i in range(runs)]
    ref_edits = [ref.edit(visible + i % 5, i) for i in range(runs)]
    undos = [ours.undo() for _ in range(runs)]
    ref_undos = [ref.edit(visible + i % 5, i + 1) for i in range(runs)]
    ours.check_total()
    adds = [ours.add_top() for _ in range(runs)]
    ref_adds = [ref.add_top() for _ in range(runs)]
    ours.check_total()
    loads = [ours.load() for _ in range(max(runs // 5, 3))]
    ref_loads = [ref.load() for _ in range(max(runs // 5, 3))]
    ours.check_total()
    ours.runner.shutdown()
    name = f"{count} lines:"
    return [
        _compare(f"{name} edit quantity, total, repaint", edits,
                 "QStandardItemModel setText", ref_edits),
        _compare(f"{name} undo the edit, repaint", undos, "QStandardItemModel setText",
                 ref_undos),
        _compare(f"{name} add line at top, repaint", adds, "QStandardItemModel insertRow",
                 ref_adds),
        _compare(f"{name} load version, repaint", loads, "QStandardItemModel fill rows",
                 ref_loads),
    ]


def print_table(results: list[Result]) -> None:
    """The results as an aligned text table, with the one-frame verdict."""
    print(f"{'interaction':44} {'ours':>9} {'reference':>30} {'ref':>9} {'ratio':>7}  "
          f"no visible pause (< {FRAME_MS:g} ms)")
    for r in results:
        verdict = "yes" if r.ours_ms < FRAME_MS else "NO"
        print(f"{r.name:44} {r.ours_ms:>6.2f} ms {r.reference:>30} {r.reference_ms:>6.2f} ms "
              f"{r.ratio:>7.2f}  {verdict}")


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table and the JSON (also written to ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--runs", type=int, default=41)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    holder = QWidget()  # keeps the application's last-window logic out of the way
    results = measure(args.lines, args.runs)
    assert isinstance(app, QGuiApplication)
    print(f"medians of {args.runs} runs ({app.platformName()} platform)")
    print_table(results)
    text = json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    holder.deleteLater()
    return 0


if __name__ == "__main__":
    sys.exit(main())
