#!/usr/bin/env python3
"""Replays each blind look in its own state twice, as it shipped and with one setting changed, and reports the flags
(docs/scoring.md, "Category flags where the model disagrees (flag22)").

For each (set, commit) of tools/replay_blind_looks.py, the commit's pipeline.json and data/ are written to a folder and
BIN runs `bulletin evaluate --config pipeline.json SET --cases-json` on it: once as the commit has it ("before"), once
with `scoring.model.flagAbove` set to FLAGABOVE ("after", default {"category": 0}). Per set and in total: cases, wrong
categories (as shipped), cases flagged 需人工确认 before and after, wrong categories flagged before and after, the cases
given a new category flag (a review reason 成果类别：规则取「…」，模型倾向「…」 they did not have) and how many of those
are wrong categories, the cases flagged after and not before and how many of those are wrong categories, and the cases
whose four labels differ between the runs (the policy declares none).

Usage: python3 tools/replay_flags.py BIN [--flag-above JSON] [--sets holdout12,holdout13,...]
"""
import json, os, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import replay_blind_looks as R  # noqa: E402

DIMENSIONS = ("category", "subtype", "level", "industry")
CATEGORY_FLAG = "成果类别：规则取「"


def with_flag_above(folder, value):
    path = os.path.join(folder, "pipeline.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    config["scoring"]["model"]["flagAbove"] = value
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=1)


def main():
    args = sys.argv[1:]
    binary = R.binary_or_usage(args, __doc__)
    value = json.loads(args[args.index("--flag-above") + 1]) if "--flag-above" in args else {"category": 0}
    looks = R.LOOKS
    if "--sets" in args:
        wanted = args[args.index("--sets") + 1].split(",")
        looks = [l for l in looks if l[0] in wanted]
    header = ("set", "cases", "wrong cat", "flagged before", "after", "wrong cat flagged before", "after",
              "new cat flags", "of them wrong cat", "newly flagged", "of them wrong cat", "labels changed")
    print("flagAbove after: %s; BIN %s" % (json.dumps(value, ensure_ascii=False), binary))
    print("%-10s %6s %9s %15s %6s %24s %6s %13s %17s %13s %17s %14s" % header)
    totals = [0] * 11
    with tempfile.TemporaryDirectory() as tmp:
        for name, commit, _ in looks:
            folder = os.path.join(tmp, name)
            R.state(commit, folder)
            before = R.evidence(binary, folder, name)
            with_flag_above(folder, value)
            after = R.evidence(binary, folder, name)
            assert [c["id"] for c in before] == [c["id"] for c in after]
            row = [0] * 11
            for b, a in zip(before, after):
                wrong = b["configured"]["category"] != b["expected"]["category"]
                new = [r for r in a["configured"]["reviewReasons"]
                       if r.startswith(CATEGORY_FLAG) and r not in b["configured"]["reviewReasons"]]
                row[0] += 1
                row[1] += wrong
                row[2] += b["configured"]["needsReview"]
                row[3] += a["configured"]["needsReview"]
                row[4] += wrong and b["configured"]["needsReview"]
                row[5] += wrong and a["configured"]["needsReview"]
                row[6] += bool(new)
                row[7] += wrong and bool(new)
                newly = a["configured"]["needsReview"] and not b["configured"]["needsReview"]
                row[8] += newly
                row[9] += wrong and newly
                row[10] += any(b["configured"][d] != a["configured"][d] for d in DIMENSIONS)
            totals = [t + r for t, r in zip(totals, row)]
            print("%-10s %6d %9d %15d %6d %24d %6d %13d %17d %13d %17d %14d" % tuple([name] + row))
    print("%-10s %6d %9d %15d %6d %24d %6d %13d %17d %13d %17d %14d" % tuple(["total"] + totals))
    share = totals[7] / totals[6] if totals[6] else 0
    print("new category flags that are wrong categories: %d of %d (%.0f%%); cases newly flagged %d, %d of them wrong categories "
          "(%.0f%%); cases flagged %d -> %d; wrong categories flagged %d -> %d of %d; labels changed on %d cases"
          % (totals[7], totals[6], 100 * share, totals[8], totals[9], 100 * totals[9] / max(totals[8], 1), totals[2], totals[3],
             totals[4], totals[5], totals[1], totals[10]))


if __name__ == "__main__":
    main()
