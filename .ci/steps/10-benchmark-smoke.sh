#!/usr/bin/env bash
# The queue benchmark on a small database, only to show it still runs end to end
# (our view, QSqlTableModel and sqlite3 references, cold start and memory children).
# It fails on a crash, never on a ratio: timings on a shared CI machine prove nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export QT_QPA_PLATFORM=offscreen
OUT=$(mktemp "${TMPDIR:-/tmp}/nit-queue-bench.XXXXXX.json")
trap 'rm -f "$OUT"' EXIT
timeout 900 .venv/bin/python benchmarks/queue_bench.py --clients 5000 --cold-clients 5000 \
  --runs 2 --scroll 1000 --json "$OUT"
.venv/bin/python - "$OUT" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows and all({"name", "ours_ms", "reference", "reference_ms", "ratio"} <= set(r)
                    for r in rows), rows
assert all(r["ours_ms"] > 0 and r["reference_ms"] > 0 for r in rows), rows
print(f"benchmark smoke: {len(rows)} comparisons written")
PY
