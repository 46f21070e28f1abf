#!/usr/bin/env python3
"""Replays each blind look in its own state and asks how the rules and the model should combine on the category
(issue 12; docs/scoring.md, "What the blind looks say about combining the two").

For each (set, commit) below, the commit's pipeline.json and data/ (the rules of that day and the weights that had not
read the set) are written to a folder and run by BIN (`bulletin evaluate --config pipeline.json SET --cases-json`);
the category figure it gives is printed beside the one documented at the look, so a replay that does not reproduce
its look shows. Then, per set and over all of them, categories right for: as shipped then, rules alone, model alone
(that day's weights, scored in Python exactly as Swift scores them), the model read on every submission with a held
category replaced where ln(p(model's) / p(shipped)) > k × the rules' confidence, and a stacked combiner (multinomial
logistic regression over the model's log-probabilities and the rules' evidence) trained leave one set out on the
other sets' replayed evidence.

Usage: python3 tools/replay_blind_looks.py BIN [--current SET]
  BIN        a bulletin binary whose scoring code reads every listed state's pipeline.json (a release build of main)
  --current  a set measured blind on the working tree's own pipeline.json and data/ (e.g. holdout21 on the day of
             its look), added to the list
"""
import json, math, os, shutil, subprocess, sys, tempfile
import numpy as np
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, HERE)
import train_scoring_model as T  # noqa: E402

REAL = os.path.join(ROOT, "Tests", "BulletinCoreTests", "Fixtures", "labelled", "real")
CATS = ["基础研究成果", "应用研究成果", "成果转移转化案例", "其它"]
# (set, the commit measured at its blind look, the category right then), from docs/scoring.md and ScoreRealSetTests.
LOOKS = [("holdout12", "eb0690d", 96), ("holdout13", "9bba8d1", 81), ("holdout15", "be08712", 91),
         ("holdout16", "3e8c7f5", 86), ("holdout18", "d58340b", 88), ("holdout19", "1d1b2c6", 89),
         ("holdout20", "98b4dea", 75),
         ("holdout21", "f88c684", 75), ("holdout22", "06c0761", 75)]


def git(*args):
    return subprocess.run(["git", "-C", ROOT] + list(args), check=True, capture_output=True).stdout


def state(commit, folder):
    """pipeline.json and data/ of `commit` in `folder`."""
    os.makedirs(os.path.join(folder, "data"), exist_ok=True)
    with open(os.path.join(folder, "pipeline.json"), "wb") as f:
        f.write(git("show", commit + ":pipeline.json"))
    for name in git("ls-tree", "--name-only", commit, "data/").decode().split():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(git("show", "%s:%s" % (commit, name)))


def evidence(binary, folder, name):
    out = os.path.join(folder, "ev.json")
    subprocess.run([binary, "evaluate", "--config", "pipeline.json", os.path.join(REAL, name + ".json"), "--cases-json", out],
                   cwd=folder, check=True, capture_output=True)
    with open(out, encoding="utf-8") as f:
        return json.load(f)["cases"]


def rows_for(name, cases_ev, model_path):
    model = T.load_model(model_path)
    cases = {c["id"]: c for c in T.load(name)}
    rows = []
    for e in cases_ev:
        c = cases[e["id"]]
        p = T.scores(model["category"], c["title"], c["summary"])
        ev = e["evidence"]["category"]
        totals = [ev.get("totals", {}).get(k, 0.0) for k in CATS]
        top = max(max(totals), 1e-9)
        rules = e["rules"]["category"]
        onehot = [1.0 if rules == k else 0.0 for k in CATS]
        conf = ev.get("confidence", 0.0)
        logp = [math.log(max(p.get(k, 1e-9), 1e-9)) for k in CATS]
        features = (logp + [v / top for v in totals] + [math.log1p(max(v, 0.0)) for v in totals]
                    + [o * conf for o in onehot] + onehot + [1.0 if ev.get("weak") else 0.0])
        rows.append({"set": name, "x": features, "expected": c["expected"]["category"], "shipped": e["configured"]["category"],
                     "rules": rules, "p": p, "confidence": conf})
    return rows


def fit(X, y, l2):
    D, K = X.shape[1], len(CATS)

    def loss(w):
        W = w.reshape(D + 1, K)
        Z = X @ W[:-1] + W[-1]
        Z = Z - Z.max(1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(1, keepdims=True)
        n = len(y)
        G = P.copy()
        G[np.arange(n), y] -= 1
        G /= n
        value = -np.log(P[np.arange(n), y] + 1e-12).sum() / n + l2 * (W[:-1] ** 2).sum()
        return value, np.vstack([X.T @ G + 2 * l2 * W[:-1], G.sum(0)]).ravel()
    return minimize(loss, np.zeros((D + 1) * K), jac=True, method="L-BFGS-B").x.reshape(D + 1, K)


def binary_or_usage(args, doc):
    """The BIN argument every replay tool takes first, as an absolute path; with no argument or -h / --help, the
    tool's usage (its docstring) is printed and the tool exits (2 without arguments, 0 when asked)."""
    if not args or args[0] in ("-h", "--help"):
        print(doc.strip())
        sys.exit(0 if args else 2)
    return os.path.abspath(args[0])


def main():
    args = sys.argv[1:]
    binary = binary_or_usage(args, __doc__)
    looks = list(LOOKS)
    if "--current" in args:
        looks.append((args[args.index("--current") + 1], None, None))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, commit, documented in looks:
            if commit:
                folder = os.path.join(tmp, name)
                state(commit, folder)
            else:  # the working tree's pipeline.json and data/, as measured
                folder = os.path.join(tmp, name)
                shutil.copytree(os.path.join(ROOT, "data"), os.path.join(folder, "data"))
                shutil.copy(os.path.join(ROOT, "pipeline.json"), folder)
            r = rows_for(name, evidence(binary, folder, name), os.path.join(folder, "data", "scoring-model.json"))
            replayed = sum(x["shipped"] == x["expected"] for x in r)
            print("%-10s %-8s replayed %3d categories right%s" % (name, commit or "(tree)", replayed,
                  "" if documented is None else ", documented at the look %d%s" % (documented, "" if documented == replayed else "  (differs)")))
            rows += r
    sets = [l[0] for l in looks]

    def per_set(pick):
        return [sum(pick(x) == x["expected"] for x in rows if x["set"] == s) for s in sets]

    def show(label, counts):
        print("%-58s %s = %d" % (label, " ".join("%3d" % v for v in counts), sum(counts)))

    print()
    print("%-58s %s" % ("categories right per set", " ".join("%3s" % s.replace("holdout", "") for s in sets)))
    show("as shipped then", per_set(lambda x: x["shipped"]))
    show("rules alone", per_set(lambda x: x["rules"]))
    show("model alone", per_set(lambda x: max(x["p"], key=x["p"].get)))
    for k in (0, 0.5, 1, 1.5, 2, 3, 4):
        def pick(x, k=k):
            top = max(x["p"], key=x["p"].get)
            lo = math.log(x["p"][top] / max(x["p"].get(x["shipped"], 1e-9), 1e-9)) if x["shipped"] in x["p"] else 99
            return top if lo > k * x["confidence"] else x["shipped"]
        show("model everywhere: held replaced where log-odds > %g × conf" % k, per_set(pick))
    X = np.array([x["x"] for x in rows])
    y = np.array([CATS.index(x["expected"]) for x in rows])
    for l2 in (0.001, 0.01, 0.03, 0.1):
        got = {}
        for s in sets:
            train = [i for i, x in enumerate(rows) if x["set"] != s]
            test = [i for i, x in enumerate(rows) if x["set"] == s]
            W = fit(X[train], y[train], l2)
            for i, k in zip(test, np.argmax(X[test] @ W[:-1] + W[-1], 1)):
                got[i] = CATS[int(k)]
        index = {id(x): i for i, x in enumerate(rows)}
        show("stacked, leave one set out, L2 %g" % l2, per_set(lambda x: got[index[id(x)]]))


if __name__ == "__main__":
    main()
