#!/usr/bin/env python3
"""Prints the industry confusion of `bulletin evaluate` over a labelled set (rows: labelled, columns: suggested).

`bulletin evaluate` prints the category confusion and every disagreement; this reads the disagreements and the
labels of the set and prints the same table for industry, with the accuracy.
Usage: python3 tools/industry_confusion.py LABELLED.json [--bin PATH] [--config FILE]
"""
import json, re, subprocess, sys

INDUSTRIES = ["电子信息", "装备制造", "先进材料", "能源化工", "食品轻纺", "医药健康", "现代农业", "其他"]


def main():
    args = sys.argv[1:]
    binary = ".build/debug/bulletin"
    extra = []
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


if __name__ == "__main__":
    main()
