#!/usr/bin/env bash
# The whole monthly cycle over the shipped samples, as `make demo` runs it:
#   1. 2026-11-22  the night's batch reads the samples and writes the 初选 sheets (one per 成果来源 division);
#   2. 2026-11-29  the divisions' sheets come back (one case rejected, one sent back for rework);
#   3. 2026-12-03  重大处's 复选 sheet comes back, ordered, re-saved by LibreOffice when it is installed
#                  (one case rejected, one sent to 咨询);
#   4. 2026-12-05  the experts' 咨询 sheet comes back;
#   5. 2026-12-08  the leaders' 审定 sheet comes back: the November bulletin is final; then the 季度发布 and
#                  年度榜单 sheets come back with the chosen ones, and those lists are final too;
#   6. 2026-12-09  a rerun leaves the final bulletin byte-identical.
# A small scripted reviewer (tools/demo_review.py, openpyxl) fills each sheet as a person would.
# With PROFILE=zhejiang, the same for the Zhejiang samples (samples/zhejiang/) with only the profile key changed:
# 遴选评价 → 现场调研 → 审定, the 月报 and its release feed.
# Usage: [PROFILE=zhejiang] tools/demo_cycle.sh BIN DEMO_DIR
set -euo pipefail
BIN=${1:?the bulletin binary}
DEMO=${2:?the demo folder}
here=$(cd "$(dirname "$0")" && pwd)
PROFILE=${PROFILE:-sichuan}
review() { python3 "$here/demo_review.py" "$@"; }
run() {
  local day=$1
  echo
  echo "=== bulletin run --today $day"
  find "$DEMO/inbox" -type f -exec touch -d '-1 hour' {} +
  set +e
  "$BIN" run --config "$CONFIG" --inbox "$DEMO/inbox" --outbox "$DEMO/outbox" --today "$day" | grep -v '^\[' 
  local rc=${PIPESTATUS[0]}
  set -e
  echo "(exit code $rc)"
  [ "$rc" -le 1 ] || exit "$rc"
}
# The review sheets of a step now out, one per line (names and folders may hold spaces).
sheets() { find "$DEMO/outbox/review" -maxdepth 1 -name "*-$1*.xlsx" | sort; }

rm -rf "$DEMO" && mkdir -p "$DEMO/inbox" "$DEMO/outbox"
CONFIG="$DEMO/pipeline.json"
# The copy reads the repository's model weights: a relative scoring.model.weights is read from the copy's folder.
root=$(cd "$here/.." && pwd)
sed -e "s/\"profile\": \"sichuan\"/\"profile\": \"$PROFILE\"/" \
    -e "s|\"weights\": \"data/scoring-model.json\"|\"weights\": \"$root/data/scoring-model.json\"|" "$here/../pipeline.json" > "$CONFIG"

if [ "$PROFILE" = zhejiang ]; then
  cp "$here"/../samples/zhejiang/*.csv "$DEMO/inbox/"
  run 2026-11-05
  echo; echo "=== 遴选评价: the expert group"
  sheets 遴选评价 | while IFS= read -r f; do
    review "$f" --all 通过 --title 茶树=不通过 --reviewer 专家组 -o "$DEMO/inbox/$(basename "$f" .xlsx)（专家组）.xlsx"
  done
  run 2026-11-20
  echo; echo "=== 现场调研、评估确认"
  sheets 现场调研 | while IFS= read -r f; do
    review "$f" --all 通过 --order score --reviewer 成果处 -o "$DEMO/inbox/$(basename "$f" .xlsx)（成果处）.xlsx"
  done
  run 2026-11-27
  echo; echo "=== 审定"
  sheets 审定 | while IFS= read -r f; do
    review "$f" --all 通过 --reviewer 厅领导 -o "$DEMO/inbox/$(basename "$f" .xlsx)（签批）.xlsx"
  done
  run 2026-12-03
  echo
  echo "Where things are (under $DEMO/outbox):"
  echo "  the approved 月报:  $(cd "$DEMO/outbox" && ls bulletins/*月报*.docx | grep -v 草稿 | tr '\n' ' ')"
  echo "  the release feed:  $(cd "$DEMO/outbox" && ls release/ | tr '\n' ' ')"
  echo "  every case:        $BIN status --config $CONFIG --outbox $DEMO/outbox"
  exit 0
fi

cp "$here"/../samples/*.docx "$here"/../samples/*.csv "$here"/../samples/*.json "$here"/../samples/*.jsonl "$DEMO/inbox/"
run 2026-11-22

echo; echo "=== 初选: each division fills its sheet"
sheets 初选 | while IFS= read -r f; do
  review "$f" --all 通过 --title 苦荞=不通过 --title 压电陶瓷=退回修改 --reviewer 处室审核人 \
    -o "$DEMO/inbox/$(basename "$f" .xlsx)（已审）.xlsx"
done
run 2026-11-29

echo; echo "=== 复选: 重大处 orders the shortlist"
sheets 复选 | while IFS= read -r f; do
  out="$DEMO/inbox/$(basename "$f" .xlsx)（重大处）.xlsx"
  review "$f" --all 通过 --title 白酒=不通过 --title 肺结节=送咨询 --order score --reviewer 重大处 -o "$out"
  if command -v soffice >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    if soffice --headless --convert-to xlsx --outdir "$tmp" "$out" >/dev/null 2>&1 && [ -s "$tmp/$(basename "$out")" ]; then
      mv "$tmp/$(basename "$out")" "$out"; echo "re-saved by LibreOffice: $out"
    fi
    rm -rf "$tmp"
  fi
done
run 2026-12-03

echo; echo "=== 咨询: the experts' opinion"
sheets 咨询 | while IFS= read -r f; do
  review "$f" --all 通过 --note "专家组认为成果临床价值明确" --reviewer 咨询专家组 -o "$DEMO/inbox/$(basename "$f" .xlsx)（专家）.xlsx"
done
run 2026-12-05

echo; echo "=== 审定: the leaders approve the issue"
sheets 审定 | while IFS= read -r f; do
  review "$f" --all 通过 --reviewer 厅领导 -o "$DEMO/inbox/$(basename "$f" .xlsx)（签批）.xlsx"
done
run 2026-12-08

echo; echo "=== 季度发布 and 年度榜单: 重大处 marks the chosen ones, the leaders approve"
for step in 季度发布 年度榜单; do
  sheets "$step" | while IFS= read -r f; do
    review "$f" --all 入选 --title 白酒=不入选 --reviewer 重大处 -o "$DEMO/inbox/$(basename "$f" .xlsx)（已定）.xlsx"
  done
done
run 2026-12-08

echo; echo "=== a later run leaves the approved bulletin as it was"
before=$(sha256sum "$DEMO"/outbox/bulletins/2026-11-*第11期.docx)
run 2026-12-09
after=$(sha256sum "$DEMO"/outbox/bulletins/2026-11-*第11期.docx)
[ "$before" = "$after" ] && echo "unchanged: $after"

echo
echo "Where things are (under $DEMO/outbox):"
echo "  the approved bulletin:   $(cd "$DEMO/outbox" && ls bulletins/*第11期.docx)"
echo "  review sheets still out: $(cd "$DEMO/outbox" && ls review/*.xlsx 2>/dev/null | tr '\n' ' ')"
echo "  returned sheets:         archive/<date>/"
echo "  refused files and rows:  quarantine/<date>/ (two samples are bad on purpose)"
echo "  every case and its decisions: $BIN status --config $CONFIG --outbox $DEMO/outbox"
