#!/usr/bin/env python3
"""Counts what a change to the rules fixes and breaks, case by case and label by label, on every open real set.

Runs `bulletin evaluate` of two binaries (or one binary with two configurations) over train, dev and holdout …
holdout21 (never test, unless --test is given: then test alone, to report, never to tune), and prints every case whose
suggested category, subtype or industry moved: FIX (now as labelled), BREAK (was as labelled) or move (wrong both
times), then per set the agreement before -> after and the fixes and breaks of each label.
Usage: python3 tools/label_diff.py [--test] [--only category,subtype,industry] BIN_BEFORE CONFIG_BEFORE BIN_AFTER CONFIG_AFTER
(e.g. /work/bench-base/main12/bulletin /tmp/pipeline-main.json .build-release/release/bulletin pipeline.json)
"""
import json, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

OPEN = ["train", "dev", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19", "holdout20", "holdout21", "holdout22"]
REAL = "Tests/BulletinCoreTests/Fixtures/labelled/real/"
LABELS = ["category", "subtype", "industry"]


def run(binary, config, name):
    """{id: {label: (expected, got)}, "title": …} of one set."""
    path = REAL + name + ".json"
    cases = json.load(open(path, encoding="utf-8"))["cases"]
    out = subprocess.run([binary, "evaluate", "--config", config, path], capture_output=True, text=True).stdout
    if not re.search(r"^category ", out, re.M):
        sys.exit("%s --config %s %s printed no figures; is the configuration valid for this binary?" % (binary, config, path))
    got = {}
    for m in re.finditer(r"^  (\S+)  (category|subtype|industry): expected (\S+), got (\S+)$", out, re.M):
        got[(m.group(1), m.group(2))] = "" if m.group(4) == "(none)" else m.group(4)
    res = {}
    for c in cases:
        res[c["id"]] = {l: (c["expected"][l], got.get((c["id"], l), c["expected"][l])) for l in LABELS}
        res[c["id"]]["title"] = c["title"]
    return res


def main():
    args = sys.argv[1:]
    sets = OPEN
    only = LABELS
    if args and args[0] == "--test":
        sets, args = ["test"], args[1:]
    if len(args) > 1 and args[0] == "--only":
        only, args = args[1].split(","), args[2:]
    if len(args) != 4:
        sys.exit(__doc__)
    before_bin, before_cfg, after_bin, after_cfg = args
    with ThreadPoolExecutor(2) as pool:
        befores = list(pool.map(lambda s: run(before_bin, before_cfg, s), sets))
        afters = list(pool.map(lambda s: run(after_bin, after_cfg, s), sets))
    total = {l: [0, 0] for l in only}
    lines = []
    for name, a, b in zip(sets, befores, afters):
        per = {l: [0, 0] for l in only}
        for i in a:
            for l in only:
                (e, ga), (_, gb) = a[i][l], b[i][l]
                if ga == gb:
                    continue
                tag = "FIX" if gb == e else ("BREAK" if ga == e else "move")
                if tag == "FIX":
                    per[l][0] += 1
                if tag == "BREAK":
                    per[l][1] += 1
                print("%-5s %-9s %-6s %-8s labelled %s: %s -> %s  %s" % (tag, name, i, l, e or "''", ga or "''", gb or "''", a[i]["title"][:36]))
        right = lambda r, l: sum(v[l][0] == v[l][1] for v in r.values())
        lines.append("%-9s " % name + "  ".join("%s %d->%d (+%d/-%d)" % (l[:3], right(a, l), right(b, l), per[l][0], per[l][1]) for l in only) + "  /%d" % len(a))
        for l in only:
            total[l][0] += per[l][0]
            total[l][1] += per[l][1]
    print("\n".join(lines))
    print("total    " + "  ".join("%s fixed %d broken %d" % (l, total[l][0], total[l][1]) for l in only))


if __name__ == "__main__":
    main()
