#!/usr/bin/env bash
# The claims benchmark (issue 6) on PostgreSQL, briefly, only to show it still runs end
# to end. It fails on a crash, never on a ratio: timings on a shared CI machine prove nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${NIT_DESK_TEST_PG_URL:?the CI script sets it}"
SERVER=$(.venv/bin/python -c "import sys; from sqlalchemy import make_url; \
print(make_url(sys.argv[1]).set(database='postgres').render_as_string(hide_password=False))" \
  "$NIT_DESK_TEST_PG_URL")
OUT=$(mktemp "${TMPDIR:-/tmp}/nit-claim-bench.XXXXXX.json")
trap 'rm -f "$OUT"' EXIT
timeout 600 .venv/bin/python benchmarks/claim_bench.py --server "$SERVER" --desks 1 2 \
  --seconds 1 --runs 1 --queue 3000 --json "$OUT"
.venv/bin/python - "$OUT" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["desks"] for r in rows] == [1, 2], rows
assert all(r["ours_per_s"] > 0 and r["reference_per_s"] > 0 and r["reference_async_per_s"] > 0
           for r in rows), rows
print(f"claims benchmark smoke: {len(rows)} desk counts measured")
PY
