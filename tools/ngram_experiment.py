#!/usr/bin/env python3
"""Does a statistical layer beat the rules on dev? (issue 12, point 5)

Trains a character 1-3-gram naive Bayes model (binary features, add-0.5 smoothing, title counted twice) on
real/train.json for category and industry, and compares on real/dev.json: the model alone, the rules alone
(`bulletin evaluate dev.json --case ID`), and combined (the model decides only where the rules flag the label
需人工确认). Deterministic. Usage: python3 tools/ngram_experiment.py [path/to/bulletin]
"""
import collections, json, math, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "Tests", "BulletinCoreTests", "Fixtures", "labelled", "real")
BULLETIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", ".build", "debug", "bulletin")

def grams(text):
    out = set()
    for n in (1, 2, 3):
        for i in range(len(text) - n + 1):
            out.add(text[i:i + n])
    return out

def text(c):
    return c["title"] * 2 + c["summary"]

def train(cases, dim):
    counts, prior, vocab = collections.defaultdict(collections.Counter), collections.Counter(), set()
    for c in cases:
        y = c["expected"][dim]
        prior[y] += 1
        for g in grams(text(c)):
            counts[y][g] += 1
            vocab.add(g)
    return counts, prior, vocab

def predict(model, c):
    counts, prior, vocab = model
    best = None
    for y in sorted(prior):
        total = sum(counts[y].values())
        s = math.log(prior[y])
        for g in grams(text(c)):
            if g in vocab:
                s += math.log((counts[y][g] + 0.5) / (total + 0.5 * len(vocab)))
        if best is None or s > best[0]:
            best = (s, y)
    return best[1]

def main():
    train_cases = json.load(open(os.path.join(REAL, "train.json"), encoding="utf-8"))["cases"]
    dev_path = os.path.join(REAL, "dev.json")
    dev_cases = json.load(open(dev_path, encoding="utf-8"))["cases"]
    dims = [("category", 0, "成果类别"), ("industry", 3, "产业")]
    models = {d: train(train_cases, d) for d, _, _ in dims}
    score = collections.Counter()
    for c in dev_cases:
        out = subprocess.run([BULLETIN, "evaluate", dev_path, "--case", c["id"]], capture_output=True, text=True, check=True).stdout
        got = re.search(r"got:\s+(.*)", out).group(1).split(" / ")
        flagged = set(re.findall(r"flag: 需人工确认：(成果类别|产业)", out))
        for dim, index, word in dims:
            expected, rule, model = c["expected"][dim], got[index], predict(models[dim], c)
            combined = model if word in flagged else rule
            score[(dim, "rules")] += rule == expected
            score[(dim, "model")] += model == expected
            score[(dim, "combined")] += combined == expected
    n = len(dev_cases)
    for dim, _, _ in dims:
        print("%-9s rules %d/%d  model %d/%d  combined %d/%d" % (dim, score[(dim, "rules")], n, score[(dim, "model")], n, score[(dim, "combined")], n))

if __name__ == "__main__":
    main()
