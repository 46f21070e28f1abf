#!/usr/bin/env python3
"""Prints the industry confusion of `bulletin evaluate` over a labelled set (rows: labelled, columns: suggested).

`bulletin evaluate` prints the category confusion and every disagreement; this reads the disagreements and the
labels of the set and prints the same table for industry, with the accuracy.
With --flags it also prints the 需人工确认 flags that concern industry (a flag whose reason names 产业): how many,
how many of them have a wrong industry (precision) and how many of the wrong industries are flagged (recall).
Usage: python3 tools/industry_confusion.py LABELLED.json [--bin PATH] [--config FILE] [--flags]
"""
import json, re, subprocess, sys

INDUSTRIES = ["电子信息", "装备制造", "先进材料", "能源化工", "食品轻纺", "医药健康", "现代农业", "其他"]


def main():
    args = sys.argv[1:]
    binary = ".build/debug/bulletin"
    extra = []
    flags = "--flags" in args
    if flags:
        args.remove("--flags")
    if "--bin" in args:
        i = args.index("--bin"); binary = args[i + 1]; del args[i:i + 2]
    if "--config" in args:
        i = args.index("--config"); extra = ["--config", args[i + 1]]; del args[i:i + 2]
    path = args[0]
    cases = json.load(open(path, encoding="utf-8"))["cases"]
    out = subprocess.run([binary, "evaluate", *extra, path], capture_output=True, text=True, check=True).stdout
    got = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"(\S+)  industry: expected (\S+), got (\S+)", out)}
    table = {a: {b: 0 for b in INDUSTRIES} for a in INDUSTRIES}
    for c in cases:
        expected = c["expected"]["industry"]
        suggested = got.get(c["id"], (expected, expected))[1]
        table[expected][suggested] += 1
    agreed = sum(table[a][a] for a in INDUSTRIES)
    print("industry %.1f%% (%d/%d)" % (100.0 * agreed / len(cases), agreed, len(cases)))
    print("%-8s" % "" + "".join("%6s" % b[:2] for b in INDUSTRIES))
    for a in INDUSTRIES:
        print("%-8s" % a[:2] + "".join("%6d" % table[a][b] for b in INDUSTRIES))
    if flags:
        flagged = industry_flags(out)
        wrong = {i for i, (e, g) in got.items() if e != g}
        both = len(flagged & wrong)
        print("industry flags: %d flagged, %d of them wrong (precision %.0f%%), %d of %d wrong flagged (recall %.0f%%)" % (
            len(flagged), both, 100.0 * both / max(1, len(flagged)), both, len(wrong), 100.0 * both / max(1, len(wrong))))


def industry_flags(out):
    """The ids of the cases whose 需人工确认 reasons name 产业, from the list `bulletin evaluate` prints."""
    ids = set()
    if "需人工确认:" not in out:
        return ids
    for line in out.split("需人工确认:", 1)[1].splitlines()[1:]:
        m = re.match(r"\s+(\S+)(?: \(wrong\))?\s+(.*)", line)
        if not m:
            break
        if "产业" in m.group(2):
            ids.add(m.group(1))
    return ids


if __name__ == "__main__":
    main()
