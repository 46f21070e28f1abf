#!/usr/bin/env python3
"""How far more labelled cases take the model layer (issue 12, item 5): a learning curve.

The newest open blind sets (default holdout18–holdout22, 500 cases by five labellers) are held out; the model is
trained by tools/train_scoring_model.py's own code and parameters (whatever PARAMS it ships) on nested random shares
of every other open set (1/8, 1/4, 1/2, all; two draws below all, fixed seeds), and judged model alone on the held
block. Prints accuracy per training size and dimension, the gain per doubling of the training cases fitted by least
squares on log2(size), and how many cases that straight line would need to reach a target. The line is an
extrapolation, not a promise: learning curves usually bend down, so the figure is a lower bound on the cases needed.

Deterministic (fixed seeds, the trainer's deterministic fit). Subtype is judged within the labelled category.

Usage: python3 tools/learning_curve.py [--held holdout17,...] [--dims category,industry,subtype] [--targets 0.90,0.95]
"""
import argparse, math, os, random, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import train_scoring_model as T  # noqa: E402


def judge(model, dim, cases):
    ok = 0
    for c in cases:
        want = c["expected"][dim]
        if dim == "subtype":
            allowed = T.SUBTYPES_BY_CATEGORY.get(c["expected"]["category"])
            if not allowed:
                continue
            p = T.scores(model[dim], c["title"], c["summary"], allowed)
            got = max(p, key=lambda l: (p[l], -allowed.index(l)))
        else:
            p = T.scores(model[dim], c["title"], c["summary"])
            got = max(p, key=lambda l: (p[l], -model[dim]["labels"].index(l)))
        ok += got == want
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--held", default="holdout18,holdout19,holdout20,holdout21,holdout22")
    ap.add_argument("--dims", default="category,industry")
    ap.add_argument("--targets", default="0.90,0.95")
    a = ap.parse_args()
    held = a.held.split(",")
    dims = a.dims.split(",")
    pool = [c for s in T.SHIP_SETS if s not in held for c in T.load(s)]
    test = [c for s in held for c in T.load(s)]
    sub_n = sum(1 for c in test if T.SUBTYPES_BY_CATEGORY.get(c["expected"]["category"]))
    print(f"training pool {len(pool)} cases (open sets but {', '.join(held)}); held block {len(test)} cases")
    points = {d: [] for d in dims}
    for share in (0.125, 0.25, 0.5, 1.0):
        for draw in range(2 if share < 1 else 1):
            cases = list(pool)
            random.Random(7919 * draw + int(share * 1000)).shuffle(cases)
            cases = cases[:int(len(pool) * share)]
            model = T.train_model(cases, dims=[d for d in dims] + (["category"] if "subtype" in dims else []))
            cells = []
            for d in dims:
                n = sub_n if d == "subtype" else len(test)
                ok = judge(model, d, test)
                points[d].append((len(cases), ok / n))
                cells.append(f"{d} {ok}/{n} {100 * ok / n:.1f}%")
            print(f"  {len(cases):5d} cases (share {share}, draw {draw}): " + "; ".join(cells), flush=True)
    for d in dims:
        xs = [math.log2(n) for n, _ in points[d]]
        ys = [y for _, y in points[d]]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        line = [f"{d}: {100 * slope:+.2f} points per doubling"]
        for t in (float(v) for v in a.targets.split(",")):
            if slope <= 0:
                line.append(f"{t:.0%}: never on this line")
                continue
            need = 2 ** (mx + (t - my) / slope)
            line.append(f"{t:.0%} at ~{need:,.0f} cases on this line")
        print("; ".join(line))


if __name__ == "__main__":
    main()
