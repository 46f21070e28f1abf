#!/usr/bin/env python3
"""Merges the batches of the real labelled set and splits them into train, dev and test (50/25/25).

The split is stratified by category and fixed by SEED, so running this script again gives the same
files. Usage: python3 tools/split_realset.py  (writes Tests/BulletinCoreTests/Fixtures/labelled/real/{train,dev,test}.json)
Never tune rules or weights on test.json; report every figure on it.
"""
import glob, json, os, random

SEED = 20261130
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "Tests", "BulletinCoreTests", "Fixtures", "labelled", "real")

ABOUT = ("Real achievements from public reports (provincial S&T news, 科技日报, provincial newspapers, national lists), "
         "each paraphrased as a 案例简介 for this set (no sentence copied) with its source address in `basis`; "
         "labelled by docs/labelling.md; `hard` says why a label is debatable. Split {name} of train/dev/test "
         "(50/25/25, stratified by category, seed %d, tools/split_realset.py)." % SEED)

def main():
    cases = []
    for path in sorted(glob.glob(os.path.join(REAL, "batches", "*.json"))):
        with open(path, encoding="utf-8") as f:
            cases += json.load(f)["cases"]
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate ids"
    rng = random.Random(SEED)
    splits = {"train": [], "dev": [], "test": []}
    by_category = {}
    for c in sorted(cases, key=lambda c: c["id"]):
        by_category.setdefault(c["expected"]["category"], []).append(c)
    for category in sorted(by_category):
        group = by_category[category]
        rng.shuffle(group)
        n = len(group)
        n_train = round(n * 0.5)
        n_dev = round(n * 0.25)
        splits["train"] += group[:n_train]
        splits["dev"] += group[n_train:n_train + n_dev]
        splits["test"] += group[n_train + n_dev:]
    for name, group in splits.items():
        group.sort(key=lambda c: c["id"])
        with open(os.path.join(REAL, name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"version": 1, "about": ABOUT.replace("{name}", name), "cases": group}, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name, len(group))

if __name__ == "__main__":
    main()
