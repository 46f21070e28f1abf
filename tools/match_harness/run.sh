#!/bin/bash
# The fourth pass's harness (docs/matching.md, "A whole run of 20,000 rows, fourth pass"): matchNightDecided of
# Sources/BulletinCore/Match at a git revision over the bench's rows, outside the package.
# Usage: tools/match_harness/run.sh REV ROWS [OUT.json|-] [stats|cands]
#   builds REV's Match folder (swiftc -O -wmo) into .build/match_harness/REV, then prints the matching CPU and writes
#   every submission's verdicts as sorted-key JSON to OUT.json (cmp two revisions' files); with "stats", prints the
#   candidates, the pairs mayDecide lets through and the verdicts kept, and the time of each part; with "cands",
#   writes to OUT every submission's candidates in order (id, title and summary containment as bit patterns,
#   whether mayDecide lets it through), one line each (cmp two revisions' files).
set -euo pipefail
REV=$(git rev-parse --short "$1"); ROWS=$2; OUT=${3:--}; MODE=${4:-run}
ROOT=$(git rev-parse --show-toplevel)
DIR=$ROOT/.build/match_harness/$REV
mkdir -p "$DIR/src"
if [ ! -x "$DIR/h" ]; then
  git -C "$ROOT" archive "$REV" Sources/BulletinCore/Match Sources/BulletinCore/Normalise/Text.swift | tar -x -C "$DIR/src"
  swiftc -O -wmo -module-name H "$DIR"/src/Sources/BulletinCore/Match/*.swift "$DIR/src/Sources/BulletinCore/Normalise/Text.swift" \
    "$ROOT/tools/match_harness/stubs.swift" "$ROOT/tools/match_harness/main.swift" -o "$DIR/h"
fi
ROWSJSON=$ROOT/.build/match_harness/rows20000.json
if [ ! -f "$ROWSJSON" ]; then
  [ -f /tmp/bench_run_rows/utf8.csv ] || python3 "$ROOT/tools/bench_tabular.py" --rows 20000 --write /tmp/bench_run_rows >/dev/null
  python3 - "$ROWSJSON" <<'PY'
import csv, json, os, sys
rows = list(csv.reader(open('/tmp/bench_run_rows/utf8.csv', encoding='utf-8-sig')))[1:20001]
subs = [dict(id=f"tonight:abcdef0123456789:{i + 1}", title=r[4], summary=r[6], submitter=r[0], supervisor=r[1], mobile=r[3],
             year=2026, month=6, channel="组织报送") for i, r in enumerate(rows)]
json.dump(subs, open(sys.argv[1] + '.part', 'w'), ensure_ascii=False)
os.replace(sys.argv[1] + '.part', sys.argv[1])  # whole or absent, for a second run started meanwhile
PY
fi
case "$MODE" in
  stats) "$DIR/h" "$ROWS" stats - "$ROWSJSON" ;;
  cands) "$DIR/h" "$ROWS" cands "$OUT" "$ROWSJSON" ;;
  *) "$DIR/h" "$ROWS" run "$OUT" "$ROWSJSON" ;;
esac
