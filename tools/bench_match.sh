#!/bin/sh
# Times the match step (issue 11): index build over libraries of 1,000 and 10,000 cases, and a night of 1,000
# submissions matched against each; peak memory from /usr/bin/time -v. Run from the repository root.
set -e
swift build -c release --scratch-path .build-release --product bulletin
BIN=.build-release/release/bulletin
for lib in ${LIBRARIES:-1000 10000}; do
  echo "== library $lib, night ${NIGHT:-1000}"
  /usr/bin/time -v "$BIN" bench-match --library "$lib" --night "${NIGHT:-1000}" 2>/tmp/bench_match_time.txt
  grep -E "Maximum resident set size|Elapsed \(wall clock\)" /tmp/bench_match_time.txt | sed 's/^[[:space:]]*/  /'
done
