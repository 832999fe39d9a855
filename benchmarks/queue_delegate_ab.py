"""Our queue with its own delegate against the same queue with Qt's delegate.

Ours reads each cell in one lookup and paints plain cells from cached glyphs.

The full queue benchmark compares whole interactions with QSqlTableModel, and
on a shared machine its figures drift by a third between runs. This A/B keeps
everything else equal: one process, one database, one view, the delegate
swapped back and forth between rounds, medians of ``--runs`` per round.

    .venv/bin/python benchmarks/queue_delegate_ab.py --clients 1000000 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queue_bench as qb  # noqa: E402
from build_db import cached_database  # noqa: E402
from PySide6.QtWidgets import QStyledItemDelegate  # noqa: E402


def median_ms(action: Callable[[], object], runs: int,
              prepare: Callable[[], object] | None = None) -> float:
    """Median milliseconds of ``action`` over ``runs``, ``prepare`` untimed before each."""
    return statistics.median(qb.timed(action, runs, prepare))


def main(argv: list[str] | None = None) -> int:
    """Alternate the two delegates and print each round's medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    app, _wake = qb.gui_with_event_loop()
    ours = qb.OursQueue(app, cached_database(args.clients))
    table = ours.table
    delegates = {"queue delegate": table.itemDelegate(),
                 "Qt's delegate": QStyledItemDelegate(table)}
    print(f"{'round':>5} {'delegate':<15} {'repaint':>8} {'open':>8} {'next page':>10} "
          f"{'search':>8}  (ms, medians of {args.runs})")
    for n in range(1, args.rounds + 1):
        for name, delegate in delegates.items():
            table.setItemDelegate(delegate)
            ours.search("")  # every round starts from the same screen: the whole queue
            ours.open_idle()
            repaint = median_ms(lambda: table.viewport().repaint(), args.runs)
            opened = median_ms(ours.open, args.runs, ours.idle)
            page = median_ms(ours.next_page, args.runs, ours.open_idle)
            search = median_ms(lambda: ours.search(qb.HANDLE_PREFIX), args.runs,
                               lambda: (ours.search(""), ours.idle()))
            print(f"{n:>5} {name:<15} {repaint:>8.2f} {opened:>8.2f} {page:>10.2f} "
                  f"{search:>8.2f}", flush=True)
        time.sleep(0.1)
    ours.close()
    asyncio.events._set_running_loop(None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
