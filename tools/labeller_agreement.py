#!/usr/bin/env python3
"""How often two labellers agree on a labelled set, and how the scorer agrees with each (issue 12).

Reads pairs of labelled sets with the same ids: the first labels (a `real/holdoutN.json` set) and a second,
independent labelling (`real/agreement/holdoutN.second.json`, schema {"version","about","cases":[{"id",
"expected":{category,subtype,level,industry},"reason","hard"?}]}). Prints, per pair and pooled:

  - agreement per dimension (category, subtype, level, industry, all four) and Cohen's kappa per dimension;
  - the confusion of the disagreements (first label -> second label, with counts) per dimension;
  - with --bulletin (or --scorer-json), how the scorer's configured labels agree with the first labels, with the
    second, and on the consensus (the cases where both labellers give the same label on that dimension).

--list prints every disagreement with both labels and both hard notes, to read them one by one.

Example (the figures in docs/scoring.md, "Two labellers"):
  python3 tools/labeller_agreement.py \\
    --pair Tests/BulletinCoreTests/Fixtures/labelled/real/holdout10.json \\
           Tests/BulletinCoreTests/Fixtures/labelled/real/agreement/holdout10.second.json \\
    --pair Tests/BulletinCoreTests/Fixtures/labelled/real/holdout11.json \\
           Tests/BulletinCoreTests/Fixtures/labelled/real/agreement/holdout11.second.json \\
    --bulletin /work/bench-base/main18/bulletin --config pipeline.json
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

DIMENSIONS = ("category", "subtype", "level", "industry")


def load_cases(path):
    """Return {id: case} of a labelled set, failing with a message a person can act on."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, json.JSONDecodeError) as err:
        sys.exit(f"labeller_agreement: cannot read {path}: {err}")
    cases = doc.get("cases") if isinstance(doc, dict) else None
    if not isinstance(cases, list):
        sys.exit(f"labeller_agreement: {path} has no \"cases\" list")
    out = {}
    for case in cases:
        cid = case.get("id")
        expected = case.get("expected")
        if not cid or not isinstance(expected, dict) or any(d not in expected for d in DIMENSIONS):
            sys.exit(f"labeller_agreement: {path}: a case lacks id or one of expected.{'/'.join(DIMENSIONS)}: {case.get('id')}")
        if cid in out:
            sys.exit(f"labeller_agreement: {path}: id {cid} appears twice")
        out[cid] = case
    return out


def kappa(first, second):
    """Cohen's kappa of two equal-length label lists; None when chance agreement is 1 (one label only)."""
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second)) / n
    c1, c2 = Counter(first), Counter(second)
    chance = sum(c1[label] * c2[label] for label in set(c1) | set(c2)) / (n * n)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


def show(label):
    return label if label else "(none)"


def percent(agreed, total):
    return f"{100.0 * agreed / total:.1f}%" if total else "-"


def scorer_labels(cases_json_path):
    """Return {id: configured labels} from `bulletin evaluate --cases-json`."""
    with open(cases_json_path, encoding="utf-8") as fh:
        doc = json.load(fh)
    return {c["id"]: c["configured"] for c in doc["cases"]}


def run_bulletin(binary, config, first_path, workdir):
    name = os.path.splitext(os.path.basename(first_path))[0]
    out = os.path.join(workdir, name + ".cases.json")
    result = subprocess.run([binary, "evaluate", "--config", config, first_path, "--cases-json", out],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"labeller_agreement: {binary} evaluate {first_path} failed ({result.returncode}): {result.stderr.strip()}")
    return out


def report(title, rows, scorer):
    """rows: list of (id, first case, second case). scorer: {id: labels} or None."""
    n = len(rows)
    print(f"## {title} ({n} cases)\n")
    print("dimension   agreed        kappa")
    for dim in DIMENSIONS:
        a = [r[1]["expected"][dim] for r in rows]
        b = [r[2]["expected"][dim] for r in rows]
        agreed = sum(x == y for x, y in zip(a, b))
        k = kappa(a, b)
        print(f"{dim:<11} {agreed:>3}/{n:<3} {percent(agreed, n):>6}  {k:.3f}" if k is not None
              else f"{dim:<11} {agreed:>3}/{n:<3} {percent(agreed, n):>6}  -")
    allfour = sum(all(r[1]["expected"][d] == r[2]["expected"][d] for d in DIMENSIONS) for r in rows)
    print(f"{'all four':<11} {allfour:>3}/{n:<3} {percent(allfour, n):>6}")
    hard1 = sum(bool(r[1].get("hard")) for r in rows)
    hard2 = sum(bool(r[2].get("hard")) for r in rows)
    print(f"\nhard notes: first {hard1}, second {hard2}, both {sum(bool(r[1].get('hard')) and bool(r[2].get('hard')) for r in rows)}")
    for dim in DIMENSIONS:
        pairs = Counter((r[1]["expected"][dim], r[2]["expected"][dim]) for r in rows
                        if r[1]["expected"][dim] != r[2]["expected"][dim])
        if not pairs:
            continue
        print(f"\n{dim} disagreements (first -> second: count):")
        for (x, y), count in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {show(x)} -> {show(y)}: {count}")
    if scorer is None:
        print()
        return
    missing = [r[0] for r in rows if r[0] not in scorer]
    if missing:
        sys.exit(f"labeller_agreement: the scorer's output lacks {len(missing)} ids, e.g. {missing[:3]}")
    print("\nscorer (configured labels) agrees with:")
    print("dimension   first          second         consensus (both labellers agree)")
    for dim in DIMENSIONS:
        s1 = sum(scorer[r[0]][dim] == r[1]["expected"][dim] for r in rows)
        s2 = sum(scorer[r[0]][dim] == r[2]["expected"][dim] for r in rows)
        cons = [r for r in rows if r[1]["expected"][dim] == r[2]["expected"][dim]]
        sc = sum(scorer[r[0]][dim] == r[1]["expected"][dim] for r in cons)
        either = sum(scorer[r[0]][dim] in (r[1]["expected"][dim], r[2]["expected"][dim]) for r in rows)
        print(f"{dim:<11} {s1:>3}/{n:<3} {percent(s1, n):>6}  {s2:>3}/{n:<3} {percent(s2, n):>6}  "
              f"{sc:>3}/{len(cons):<3} {percent(sc, len(cons)):>6}   (either labeller: {percent(either, n)})")
    print()


def list_disagreements(rows, scorer):
    for cid, first, second in rows:
        dims = [d for d in DIMENSIONS if first["expected"][d] != second["expected"][d]]
        if not dims:
            continue
        parts = [f"{d}: {show(first['expected'][d])} / {show(second['expected'][d])}"
                 + (f" (scorer {show(scorer[cid][d])})" if scorer else "") for d in dims]
        print(f"{cid} {first.get('title', '')}")
        print("  " + "; ".join(parts))
        if first.get("hard"):
            print(f"  first hard: {first['hard']}")
        if second.get("hard"):
            print(f"  second hard: {second['hard']}")
        if second.get("reason"):
            print(f"  second reason: {second['reason']}")


def main():
    parser = argparse.ArgumentParser(
        description="Agreement per dimension and Cohen's kappa between two labellings of a set, the confusion "
                    "of their disagreements, and (optionally) the scorer against each labeller and the consensus.",
        epilog="Run it after the second labels are committed; docs/scoring.md 'Two labellers' has the figures.")
    parser.add_argument("--pair", nargs=2, action="append", metavar=("FIRST", "SECOND"), required=True,
                        help="the first labels (a labelled set) and the second labelling of the same ids; repeat "
                             "for several sets (figures are given per pair and pooled)")
    parser.add_argument("--bulletin", help="a bulletin binary: run `evaluate --cases-json` on each FIRST set")
    parser.add_argument("--config", default="pipeline.json", help="configuration for --bulletin (default: pipeline.json)")
    parser.add_argument("--scorer-json", action="append", default=[], metavar="CASES_JSON",
                        help="instead of --bulletin, the --cases-json output for each pair, in --pair order")
    parser.add_argument("--list", action="store_true", help="also list every disagreement with both hard notes")
    args = parser.parse_args()

    if args.bulletin and args.scorer_json:
        parser.error("give --bulletin or --scorer-json, not both")
    if args.scorer_json and len(args.scorer_json) != len(args.pair):
        parser.error(f"--scorer-json given {len(args.scorer_json)} times for {len(args.pair)} pairs")

    pooled, pooled_scorer = [], {}
    with tempfile.TemporaryDirectory() as workdir:
        for index, (first_path, second_path) in enumerate(args.pair):
            first, second = load_cases(first_path), load_cases(second_path)
            if set(first) != set(second):
                only1, only2 = sorted(set(first) - set(second)), sorted(set(second) - set(first))
                sys.exit(f"labeller_agreement: {first_path} and {second_path} differ in ids "
                         f"(only first: {only1[:5]}, only second: {only2[:5]})")
            rows = [(cid, first[cid], second[cid]) for cid in first]
            scorer = None
            if args.bulletin:
                scorer = scorer_labels(run_bulletin(args.bulletin, args.config, first_path, workdir))
            elif args.scorer_json:
                scorer = scorer_labels(args.scorer_json[index])
            report(os.path.basename(first_path), rows, scorer)
            if args.list:
                list_disagreements(rows, scorer)
                print()
            pooled.extend(rows)
            if scorer:
                pooled_scorer.update(scorer)
    if len(args.pair) > 1:
        report("pooled", pooled, pooled_scorer if (args.bulletin or args.scorer_json) else None)


if __name__ == "__main__":
    main()
