"""The queue's speed, side by side with Qt's QSqlTableModel and plain sqlite3.

Usage::

    .venv/bin/python benchmarks/queue_bench.py [--clients N] [--runs K] [--json out.json]

Builds once (cached under ``benchmarks/.cache/``) a SQLite database of N demo
clients with their requests through the bulk demo loader, then measures in one
run (medians of K runs):

* opening the queue, the next page, a filter change, a search by phone prefix
  and by handle prefix: the full path a user sees through NIT Desk's own
  ``QueueView`` (request issued on the GUI thread, service on the worker
  thread, rows back, model reset or rows inserted, viewport painted), against
  the same interaction with ``QSqlTableModel`` in a ``QTableView`` on the same
  file, and the same SQL in plain ``sqlite3`` (first page fetched);
* cold start of the program to the first queue page painted on a
  100,000-client database, against ``bare_qsql_app.py``;
* peak memory (VmHWM) after scrolling through 10,000 rows, each in a fresh
  process, against ``bare_qsql_app.py``.

Prints a table and writes JSON ``[{"name", "ours_ms", "reference",
"reference_ms", "ratio", "unit"}]``. This is a benchmark, not a test: it exits
non-zero only when something crashes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import qasync  # noqa: E402
from build_db import cached_database  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from nit_desk.domain.types import Role  # noqa: E402
from nit_desk.models.queue.queue_model import PAGE_SIZE  # noqa: E402
from nit_desk.services.actor import Actor  # noqa: E402
from nit_desk.services.storage.engine import open_database  # noqa: E402
from nit_desk.ui.events import AppEvents  # noqa: E402
from nit_desk.ui.runner import ServiceRunner  # noqa: E402
from nit_desk.ui.session import Session  # noqa: E402
from nit_desk.views.queue.queue_view import QueueView  # noqa: E402

OPEN = "status IN ('new', 'in_progress', 'waiting_client')"
PHONE_PREFIX = "+791512"
HANDLE_PREFIX = "@dark_pix"
SCROLL_ROWS = 10_000
COLD_CLIENTS = 100_000
FRAME_MS = 16.0


@dataclass(frozen=True)
class Result:
    """One comparison: our median against a reference's median."""

    name: str
    ours_ms: float
    reference: str
    reference_ms: float
    ratio: float
    unit: str = "ms"


def compare(name: str, ours: list[float], reference: str, ref: list[float],
            unit: str = "ms") -> Result:
    """Medians of both sides and their ratio (ours / reference)."""
    a, b = statistics.median(ours), statistics.median(ref)
    return Result(name, round(a, 3), reference, round(b, 3), round(a / b, 3) if b else 0.0,
                  unit)


# -- waiting inside one process ---------------------------------------------------


def wait_for(app: QApplication, done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Sleep in the event loop until ``done()``, as the idle GUI thread does (the worker
    thread gets the GIL meanwhile); wakes at each event, the service's answer included."""
    limit = time.perf_counter() + timeout_s
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if time.perf_counter() > limit:
            raise TimeoutError("the queue did not answer in time")


class PaintProbe(QObject):
    """Counts the paint events of a view's viewport."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.count = 0
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Count paints; never filter anything out."""
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def painted(app: QApplication, view: QTableView, probe: PaintProbe, mark: int) -> None:
    """Until the viewport has painted since ``mark`` (the data arrived): let the pending
    update paint; if nothing was pending (rows added below the fold), paint now."""
    app.processEvents()
    if probe.count == mark:
        view.viewport().repaint()


def timed(action: Callable[[], object], runs: int, prepare: Callable[[], object] | None = None
          ) -> list[float]:
    """Milliseconds of ``action`` over ``runs`` runs, ``prepare`` untimed before each."""
    times = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


# -- our queue ------------------------------------------------------------------


class OursQueue:
    """NIT Desk's QueueView signed in as the demo agent, driven like a user does."""

    def __init__(self, app: QApplication, path: Path) -> None:
        self.app = app
        self.db = open_database(path)
        with sqlite3.connect(path) as conn:
            user_id = conn.execute("SELECT id FROM users WHERE username = 'anna'").fetchone()[0]
        actor = Actor(int(user_id), "anna", Role.AGENT)
        self.runner = ServiceRunner()
        self.view = QueueView(Session(self.db, actor, self.runner, AppEvents()))
        self.view.resize(1180, 700)
        self.view.show()
        self.probe = PaintProbe(self.view.table)
        self.mark = 0
        model = self.view.model
        for signal in (model.modelReset, model.rowsInserted, model.load_failed):
            signal.connect(self._on_data_arrived)
        self.settle()

    def _on_data_arrived(self, *_args: object) -> None:
        self.mark = self.probe.count

    @property
    def table(self) -> QTableView:
        """The view's table."""
        return self.view.table

    def settle(self) -> None:
        """Wait until the last reload or page is in and painted."""
        model = self.view.model
        wait_for(self.app, lambda: not (model.is_loading or model.is_fetching))
        painted(self.app, self.table, self.probe, self.mark)

    def idle(self) -> None:
        """Untimed: let the background read-ahead finish, as a user's pause does."""
        model = self.view.model
        wait_for(self.app, lambda: model.has_page_ahead and not model.is_reading_ahead)

    def open_idle(self) -> None:
        """Untimed preparation: the first page shown and the one after it read ahead."""
        self.open()
        self.idle()

    def open_no_read_ahead(self) -> None:
        """Untimed preparation: the first page shown, the read-ahead dropped."""
        self.open()
        self.idle()
        self.view.model._ahead = None

    def open(self) -> None:
        """The queue from its first page (what opening it does)."""
        self.view.model.reload(keep_count=False)
        self.settle()

    def next_page(self) -> None:
        """The page after the rows shown (as scrolling to the end asks)."""
        model = self.view.model
        model.fetchMore()
        self.settle()

    def set_filter(self, index: int) -> None:
        """Pick a filter in the filter box."""
        self.view.filter_box.setCurrentIndex(index)
        self.settle()

    def search(self, text: str) -> None:
        """Type a search and press Enter (the debounce is a deliberate pause, not work)."""
        self.view.search_edit.setText(text)
        self.view.search_edit.returnPressed.emit()
        self.settle()

    def close(self) -> None:
        """Stop the worker and close the database."""
        self.view.close()
        self.view.deleteLater()
        self.runner.shutdown(wait=True)
        self.db.dispose()


class QtQueue:
    """Qt's QSqlTableModel over the requests table in a QTableView."""

    def __init__(self, app: QApplication, path: Path) -> None:
        from PySide6.QtSql import QSqlDatabase, QSqlTableModel
        self.app = app
        self.qdb = QSqlDatabase.addDatabase("QSQLITE", "bench")
        self.qdb.setDatabaseName(str(path))
        if not self.qdb.open():
            raise RuntimeError(self.qdb.lastError().text())
        self.model = QSqlTableModel(None, self.qdb)
        self.model.setTable("requests")
        self.model.setEditStrategy(QSqlTableModel.EditStrategy.OnManualSubmit)
        self.model.setSort(self.model.fieldIndex("deadline"), Qt.SortOrder.AscendingOrder)
        self.model.setFilter(OPEN)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.resize(1180, 700)
        self.table.show()
        self.probe = PaintProbe(self.table)
        self.select(OPEN)

    def select(self, where: str) -> None:
        """setFilter + select, then painted."""
        self.model.setFilter(where)
        if not self.model.select():
            raise RuntimeError(self.model.lastError().text())
        painted(self.app, self.table, self.probe, self.probe.count)

    def next_page(self) -> None:
        """fetchMore, then painted."""
        self.model.fetchMore()
        painted(self.app, self.table, self.probe, self.probe.count)

    def close(self) -> None:
        """Drop the model and the connection."""
        self.table.close()
        self.table.setModel(None)
        self.model.clear()
        self.model.deleteLater()
        self.model = None  # type: ignore[assignment]
        from PySide6.QtSql import QSqlDatabase
        self.qdb.close()
        del self.qdb
        QSqlDatabase.removeDatabase("bench")


def unclaimed_filter() -> str:
    """The "unclaimed" filter in SQL (a lapsed lease counts as unclaimed)."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    return f"{OPEN} AND (claimed_by_id IS NULL OR lease_expires_at < '{now}')"


def search_filter(prefixes: tuple[str, ...]) -> str:
    """Open requests of clients with a contact starting with one of ``prefixes``."""
    ranges = " OR ".join(f"(value >= '{p}' AND value < '{p}\uffff')" for p in prefixes)
    return f"{OPEN} AND client_id IN (SELECT client_id FROM client_contacts WHERE {ranges})"


def sqlite_page(conn: sqlite3.Connection, where: str, page: int) -> None:
    """The QSqlTableModel's query in plain sqlite3, its first page fetched."""
    cur = conn.execute(f"SELECT * FROM requests WHERE {where} ORDER BY deadline ASC")
    cur.fetchmany(page)


def gui_with_event_loop() -> tuple[QApplication, QTimer]:
    """The application with a qasync loop set as running (driven by ``wait_for``), and a
    timer that keeps ``WaitForMoreEvents`` from sleeping longer than 200 ms (keep it)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    wake = QTimer()
    wake.start(200)
    return app, wake


def measure_interactions(path: Path, runs: int) -> list[Result]:
    """Each interaction through our view, QSqlTableModel and sqlite3, medians of ``runs``."""
    app, _wake = gui_with_event_loop()
    with sqlite3.connect(path) as conn:  # first, alone: Qt's closing connection has made
        plain = _plain_sqlite(conn, PAGE_SIZE, runs)  # a later one fail ("disk I/O error")
    ours = OursQueue(app, path)
    results = _interactions_ours_vs_qt(app, ours, QtQueue(app, path), runs)
    results += _interactions_vs_sqlite(results, plain)
    ours.close()
    asyncio.events._set_running_loop(None)
    return results


def _interactions_ours_vs_qt(app: QApplication, ours: OursQueue, qt: QtQueue,
                             runs: int) -> list[Result]:
    unclaimed = ours.view.filter_box.findData("unclaimed")
    all_open = ours.view.filter_box.findData("all_open")
    phone = search_filter((PHONE_PREFIX,))
    handle = search_filter((HANDLE_PREFIX, "vk.com/" + HANDLE_PREFIX[1:]))
    def then_idle(action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            action()
            ours.idle()
        return run

    pairs = [
        ("open the queue (first page painted)", timed(ours.open, runs, ours.idle),
         timed(lambda: qt.select(OPEN), runs)),
        ("next page (read ahead)", timed(ours.next_page, runs, ours.open_idle),
         timed(qt.next_page, runs, lambda: qt.select(OPEN))),
        ("next page (not read ahead yet)", timed(ours.next_page, runs, ours.open_no_read_ahead),
         timed(qt.next_page, runs, lambda: qt.select(OPEN))),
        ("filter change (all open -> unclaimed)",
         timed(lambda: ours.set_filter(unclaimed), runs,
               then_idle(lambda: ours.set_filter(all_open))),
         timed(lambda: qt.select(unclaimed_filter()), runs, lambda: qt.select(OPEN))),
        (f"search by phone prefix {PHONE_PREFIX}",
         timed(lambda: ours.search(PHONE_PREFIX), runs, then_idle(lambda: ours.search(""))),
         timed(lambda: qt.select(phone), runs, lambda: qt.select(OPEN))),
        (f"search by handle prefix {HANDLE_PREFIX}",
         timed(lambda: ours.search(HANDLE_PREFIX), runs, then_idle(lambda: ours.search(""))),
         timed(lambda: qt.select(handle), runs, lambda: qt.select(OPEN))),
    ]
    qt.close()
    return [compare(name, a, "QSqlTableModel", b) for name, a, b in pairs]


def _plain_sqlite(conn: sqlite3.Connection, page: int, runs: int) -> list[list[float]]:
    """The QSqlTableModel's queries in plain sqlite3, one page each, in the report's order."""
    phone = search_filter((PHONE_PREFIX,))
    handle = search_filter((HANDLE_PREFIX, "vk.com/" + HANDLE_PREFIX[1:]))
    cursor: list[sqlite3.Cursor] = []

    def open_cursor() -> None:
        cursor[:] = [conn.execute(f"SELECT * FROM requests WHERE {OPEN} ORDER BY deadline")]
        cursor[0].fetchmany(page)

    plain = [
        timed(lambda: sqlite_page(conn, OPEN, page), runs),
        timed(lambda: cursor[0].fetchmany(page), runs, open_cursor),
        timed(lambda: cursor[0].fetchmany(page), runs, open_cursor),
        timed(lambda: sqlite_page(conn, unclaimed_filter(), page), runs),
        timed(lambda: sqlite_page(conn, phone, page), runs),
        timed(lambda: sqlite_page(conn, handle, page), runs),
    ]
    return plain


def _interactions_vs_sqlite(qt_results: list[Result], plain: list[list[float]]
                            ) -> list[Result]:
    out = []
    for result, ref in zip(qt_results, plain, strict=True):
        med = statistics.median(ref)
        out.append(Result(result.name, result.ours_ms, "sqlite3", round(med, 3),
                          round(result.ours_ms / med, 3) if med else 0.0))
    return out


# -- fresh processes: cold start and memory -------------------------------------------


def child_env(home: Path) -> dict[str, str]:
    """An environment with its own settings, logs and data folders."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIT_DESK_HOME=str(home / "home"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               PYTHONPATH=str(HERE.parent))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its .pyc files
    return env


def first_paint_ms(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from starting ``command`` to the ``FIRST_PAINT`` it prints."""
    started = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    for line in out.stdout.splitlines():
        if line.startswith("FIRST_PAINT "):
            return (float(line.split()[1]) - started) * 1000
    raise RuntimeError(f"{command[1]} printed no FIRST_PAINT:\n{out.stdout}\n{out.stderr}")


def measure_cold_start(path: Path, runs: int) -> Result:
    """The program to its first queue page painted, against the bare QSqlTableModel one."""
    ours, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp))
        env["NIT_DESK_EXIT_AFTER_FIRST_PAINT"] = "1"
        ours_cmd = [sys.executable, str(HERE / "cold_start_ours.py"), str(path)]
        bare_cmd = [sys.executable, str(HERE / "bare_qsql_app.py"), str(path)]
        first_paint_ms(ours_cmd, env)  # untimed: writes the bytecode caches, warms the disk
        first_paint_ms(bare_cmd, env)
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            ours.append(first_paint_ms(ours_cmd, env))
            bare.append(first_paint_ms(bare_cmd, env))
    return compare(f"cold start to first queue page ({path.stem.split('-')[1]} clients)",
                   ours, "bare PySide6 + QSqlTableModel", bare)


def peak_kb(command: list[str], env: dict[str, str]) -> int:
    """The ``PEAK_RSS_KB`` a child prints."""
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    for line in out.stdout.splitlines():
        if line.startswith("PEAK_RSS_KB "):
            return int(line.split()[1])
    raise RuntimeError(f"{command[1]} printed no PEAK_RSS_KB:\n{out.stdout}\n{out.stderr}")


def measure_memory(path: Path, rows: int) -> Result:
    """Peak RSS after scrolling ``rows`` rows: our view against the bare program."""
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp))
        ours = peak_kb([sys.executable, str(HERE / "queue_bench.py"), "--child-memory",
                        str(path), "--scroll", str(rows)], env)
        bare = peak_kb([sys.executable, str(HERE / "bare_qsql_app.py"), str(path),
                        "--scroll", str(rows)], env)
    return compare(f"peak memory after scrolling {rows:,} rows", [ours / 1024],
                   "bare PySide6 + QSqlTableModel", [bare / 1024], unit="MiB")


def child_memory(path: Path, rows: int) -> int:
    """(In a fresh process.) Scroll our queue view to ``rows`` rows; print the peak RSS."""
    from bare_qsql_app import peak_rss_kb
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    wake = QTimer()
    wake.start(200)
    ours = OursQueue(app, path)
    model = ours.view.model
    while model.rowCount() < rows and model.canFetchMore():
        ours.table.scrollToBottom()
        wait_for(app, lambda: not model.is_fetching)
    ours.table.viewport().repaint()
    print(f"ROWS {model.rowCount()}", flush=True)
    print(f"PEAK_RSS_KB {peak_rss_kb()}", flush=True)
    ours.close()
    asyncio.events._set_running_loop(None)
    return 0


# -- the report --------------------------------------------------------------------


def verdict(result: Result) -> str:
    """Whether the issue's target for this line is met."""
    if result.unit == "MiB":
        return "ok" if result.ratio <= 2.0 else "MISSED (> 2x)"
    if result.name.startswith("cold start"):
        return "ok" if result.ratio <= 3.0 else "MISSED (> 3x)"
    if result.reference == "sqlite3":
        return "(floor)"
    fast = result.ours_ms < FRAME_MS
    if result.ratio <= 1.0 and fast:
        return "ok"
    return "MISSED" + ("" if fast else f" (>= {FRAME_MS:g} ms)") + (
        "" if result.ratio <= 1.0 else " (slower than Qt)")


def print_table(results: list[Result]) -> None:
    """The results as an aligned text table."""
    print(f"{'interaction':44} {'ours':>10} {'reference':>30} {'ref':>10} {'ratio':>7}  target")
    for r in results:
        print(f"{r.name:44} {r.ours_ms:>7.2f} {r.unit:3}{r.reference:>30} "
              f"{r.reference_ms:>7.2f} {r.unit:3}{r.ratio:>6.2f}  {verdict(r)}")


def main(argv: list[str] | None = None) -> int:
    """Build (once) the databases, measure everything, print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--cold-clients", type=int, default=COLD_CLIENTS)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scroll", type=int, default=SCROLL_ROWS)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child-memory", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_memory:
        return child_memory(args.child_memory, args.scroll)
    path = cached_database(args.clients)
    cold_path = cached_database(min(args.cold_clients, args.clients))
    print(f"database: {path.name}; medians of {args.runs} runs", flush=True)
    results = measure_interactions(path, args.runs)
    results.append(measure_cold_start(cold_path, args.runs))
    results.append(measure_memory(path, args.scroll))
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
