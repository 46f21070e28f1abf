#!/usr/bin/env python3
"""Counts what a change to the industry rules fixes and breaks, case by case, on the thirteen open real sets.

Runs `bulletin evaluate` of two binaries (or one binary with two configurations) over train, dev and holdout …
holdout12 (never test), and prints every case whose suggested industry moved: FIX (now as labelled), BREAK (was as
labelled) or move (wrong both times), then the industry agreement of each set before -> after and the totals.
Usage: python3 tools/industry_diff.py BIN_BEFORE CONFIG_BEFORE BIN_AFTER CONFIG_AFTER
(e.g. /work/bench-base/main10/bulletin pipeline-main.json .build/debug/bulletin pipeline.json)
"""
import json, re, subprocess, sys

SETS = ["train", "dev", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12"]
REAL = "Tests/BulletinCoreTests/Fixtures/labelled/real/"


def run(binary, config, name):
    """{id: (labelled, suggested, title)} of one set."""
    path = REAL + name + ".json"
    cases = json.load(open(path, encoding="utf-8"))["cases"]
    out = subprocess.run([binary, "evaluate", "--config", config, path], capture_output=True, text=True).stdout
    if not re.search(r"^industry ", out, re.M):
        sys.exit("%s --config %s %s printed no industry figure; is the configuration valid for this binary?" % (binary, config, path))
    got = {m.group(1): m.group(3) for m in re.finditer(r"(\S+)  industry: expected (\S+), got (\S+)", out)}
    return {c["id"]: (c["expected"]["industry"], got.get(c["id"], c["expected"]["industry"]), c["title"]) for c in cases}


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    before_bin, before_cfg, after_bin, after_cfg = sys.argv[1:]
    fixes = breaks = 0
    line = []
    for name in SETS:
        a, b = run(before_bin, before_cfg, name), run(after_bin, after_cfg, name)
        right_a = sum(v[0] == v[1] for v in a.values())
        right_b = sum(v[0] == v[1] for v in b.values())
        line.append("%s %d->%d/%d" % (name, right_a, right_b, len(a)))
        for i in a:
            if a[i][1] == b[i][1]:
                continue
            tag = "FIX" if b[i][1] == b[i][0] else ("BREAK" if a[i][1] == a[i][0] else "move")
            fixes += tag == "FIX"
            breaks += tag == "BREAK"
            print(tag, name, i, "labelled", a[i][0] + ":", a[i][1], "->", b[i][1], a[i][2][:40])
    print(" | ".join(line))
    print("fixes", fixes, "breaks", breaks)


if __name__ == "__main__":
    main()
