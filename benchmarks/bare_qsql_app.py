"""A bare PySide6 program showing the open queue with Qt's own QSqlTableModel.

The reference for NIT Desk's cold start and memory (see ``queue_bench.py``):
it opens the SQLite file, shows the open requests soonest deadline first in a
QTableView and prints ``FIRST_PAINT <epoch seconds>`` once the first page is
painted. With ``--scroll N`` it then scrolls until N rows are loaded and prints
``PEAK_RSS_KB <VmHWM>``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtSql import QSqlDatabase, QSqlTableModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

OPEN_FILTER = "status IN ('new', 'in_progress', 'waiting_client')"


def peak_rss_kb() -> int:
    """The process's resident-set high-water mark (VmHWM), in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main(argv: list[str] | None = None) -> int:
    """Show the queue page, report first paint (and peak memory after scrolling)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db")
    parser.add_argument("--scroll", type=int, default=0, metavar="ROWS")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    db = QSqlDatabase.addDatabase("QSQLITE")
    db.setDatabaseName(args.db)
    if not db.open():
        print(db.lastError().text(), file=sys.stderr)
        return 1
    model = QSqlTableModel(None, db)
    model.setTable("requests")
    model.setEditStrategy(QSqlTableModel.EditStrategy.OnManualSubmit)
    model.setFilter(OPEN_FILTER)
    model.setSort(model.fieldIndex("deadline"), Qt.SortOrder.AscendingOrder)
    window = QMainWindow()
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1180, 740)
    window.show()
    model.select()
    app.processEvents()
    view.viewport().repaint()
    print(f"FIRST_PAINT {time.time():.6f}", flush=True)
    if args.scroll:
        while model.rowCount() < args.scroll and model.canFetchMore():
            view.scrollToBottom()
            app.processEvents()
        view.viewport().repaint()
        print(f"ROWS {model.rowCount()}", flush=True)
        print(f"PEAK_RSS_KB {peak_rss_kb()}", flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
