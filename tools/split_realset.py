#!/usr/bin/env python3
"""Merges the batches of the real labelled set and splits them into train, dev and test (50/25/25).

The split is stratified by category and fixed by SEED, so running this script again gives the same
files. Batches are split in generations (GENERATIONS below): each generation is split on its own with the
same seeded procedure and appended, so adding a generation of new batches never moves a case that was
already in train, dev or test (test stays the set that was never tuned on). Usage: python3 tools/split_realset.py  (writes Tests/BulletinCoreTests/Fixtures/labelled/real/{train,dev,test}.json)
Never tune rules or weights on test.json; report every figure on it.
"""
import glob, json, os, random, sys

SEED = 20261130
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "Tests", "BulletinCoreTests", "Fixtures", "labelled", "real")

ABOUT = ("Real achievements from public reports (provincial S&T news, 科技日报, provincial newspapers, national lists), "
         "each paraphrased as a 案例简介 for this set (no sentence copied) with its source address in `basis`; "
         "labelled by docs/labelling.md; `hard` says why a label is debatable. Split {name} of train/dev/test "
         "(50/25/25, stratified by category, seed %d, tools/split_realset.py)." % SEED)

# (first, last) batch numbers of each generation: batches 01-19 are the first 200 cases (2026-11-30 morning),
# batches 20-29 the 132 cases added for the weak classes (其它, transfer, subtypes, industries by function).
GENERATIONS = [(1, 19), (20, 29)]

# Cases relabelled after their generation was first split keep the category they were split under, so that
# a relabel never moves a case between train, dev and test. (r276, r286, r289, r290, r299: entries of 中国科学
# 十大进展 first labelled as papers, then labelled by docs/labelling.md §1: a material or method whose summary
# does not say it was published is 应用研究成果.)
# (r244: a transfer until docs/labelling.md §6 was decided, 2026-12-02; now 应用研究成果. r002, r041, r103, r258: 应用研究成果
# until the same day, when §6's "a thing and its deployment" was applied to titles reporting a deployment; now transfers.)
SPLIT_AS = {"r276": "基础研究成果", "r286": "基础研究成果", "r289": "基础研究成果", "r290": "基础研究成果",
            "r299": "基础研究成果", "r244": "成果转移转化案例",
            "r002": "应用研究成果", "r041": "应用研究成果", "r103": "应用研究成果", "r258": "应用研究成果"}

def batch_number(path):
    return int(os.path.basename(path)[len("batch"):-len(".json")])

def split_generation(cases, splits):
    rng = random.Random(SEED)
    by_category = {}
    for c in sorted(cases, key=lambda c: c["id"]):
        by_category.setdefault(SPLIT_AS.get(c["id"], c["expected"]["category"]), []).append(c)
    for category in sorted(by_category):
        group = by_category[category]
        rng.shuffle(group)
        n = len(group)
        n_train = round(n * 0.5)
        n_dev = round(n * 0.25)
        splits["train"] += group[:n_train]
        splits["dev"] += group[n_train:n_train + n_dev]
        splits["test"] += group[n_train + n_dev:]

def main():
    paths = sorted(glob.glob(os.path.join(REAL, "batches", "*.json")))
    covered = [p for p in paths if any(a <= batch_number(p) <= b for a, b in GENERATIONS)]
    assert covered == paths, "a batch outside GENERATIONS: add a generation for it"
    splits = {"train": [], "dev": [], "test": []}
    all_ids = []
    for first, last in GENERATIONS:
        cases = []
        for path in paths:
            if first <= batch_number(path) <= last:
                with open(path, encoding="utf-8") as f:
                    cases += json.load(f)["cases"]
        all_ids += [c["id"] for c in cases]
        split_generation(cases, splits)
    assert len(all_ids) == len(set(all_ids)), "duplicate ids"
    for name, group in splits.items():
        group.sort(key=lambda c: c["id"])
        with open(os.path.join(REAL, name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"version": 1, "about": ABOUT.replace("{name}", name), "cases": group}, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name, len(group))

if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(__doc__.strip())
        sys.exit(0 if sys.argv[1] in ("-h", "--help") else 2)
    main()
