#!/usr/bin/env python3
"""Fields right on forms whose labels are typed as people type them, in three layouts, and on CSV headers typed the
same way (issue 14, item 5). A second check beside `bench_docx.py --variants`: its variants were written for it
(2026-12-02), none taken from bench_docx.py's list, and the layouts are ones that list does not try:

- grid: the bench's Word form (tools/bench_common.word_form: styled title, headings, merged rows, content controls on
  every third form), labels in the left cells;
- same_cell: a two-column table with label and value in one cell (联系人：张三), the summary after its label in a
  merged row;
- vertical: the first four labels in a row with their values in the row below, the rest label | value;
- csv: one header row of variants over 20 rows, a file per variant set.

Three variants are synonyms rather than typos (成果题目, 案例介绍, 成果出处). The first two were added to pipeline.json's
aliases after this check found them missed; 成果出处 was not, and was reported as a label not on the form until
pipeline.json's `labelSynonyms` read 出处 as 来源 (2026-12-02; tools/label_synonyms_check.py is the held-out check of
synonyms).

Usage: python3 tools/label_exactness.py [--forms N] [--bin PATH] [--baseline PATH] [--seed S] [--keep DIR]
"""
import argparse, csv, json, os, random, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common

VARIANTS = {
    0: ["报送单位名", "报送单位（盖章）", "报送单位全称", "报送单位 ：", "报送单位*", "报道单位", "报送单位（产学研单位）", "报送 单位"],
    1: ["归口市(州)科技局或省直部门：", "归口科技局或省直部门", "归口市（州）科技局", "归口市（州）科技局或省直部", "归口单位",
        "归口市（州）科技局或者省直部门"],
    2: ["联系人（姓名）", "联系人：", "联 系 人", "联络人", "联系入", "联系人*"],
    3: ["联系手机：", "联系电话（手机）", "手机", "联系手机（必填）", "手机号码", "联系手杋"],
    4: ["成果名", "成果名称*", "成果名称（中文）", "成果题目", "成果 名称", "成课名称"],
    5: ["成果来源:", "成果来源（处室）", "来源处室", "成果来源 ", "成果出处", "成果來源"],
    6: ["案例简介（1000字以内）", "案例简介：", "案例介绍", "案例 简介", "案例简述", "案列简介"],
}
KEYS = ["submitter", "supervisor", "contact", "mobile", "title", "source", "summary"]


def same_cell(path, values, labels):
    import docx
    d = docx.Document()
    d.add_heading("重大科技成果案例报送表", 0)
    t = d.add_table(rows=4, cols=2)
    t.style = "Table Grid"
    cells = [c for row in t.rows for c in row.cells]
    for k in range(6):
        cells[k].text = f"{labels[k].rstrip('：:')}：{values[k]}"
    merged = t.rows[3].cells[0].merge(t.rows[3].cells[1])
    merged.text = f"{labels[6].rstrip('：:')}：{values[6]}"
    d.save(path)


def vertical(path, values, labels):
    import docx
    d = docx.Document()
    d.add_heading("重大科技成果案例报送表", 1)
    t = d.add_table(rows=2, cols=4)
    t.style = "Table Grid"
    for k in range(4):
        t.rows[0].cells[k].text = labels[k]
        t.rows[1].cells[k].text = values[k]
    t2 = d.add_table(rows=3, cols=2)
    t2.style = "Table Grid"
    for i, k in enumerate((4, 5, 6)):
        t2.rows[i].cells[0].text = labels[k]
        t2.rows[i].cells[1].text = values[k]
    d.save(path)


def make(folder, n, seed):
    """Writes n forms of each layout and n // 20 CSV files; returns {file: (labels, values)} (a CSV's values are a
    list of rows)."""
    r = random.Random(seed)
    truth = {}
    for i in range(n):
        for layout in ("grid", "same_cell", "vertical"):
            labels = [r.choice(VARIANTS[k]) for k in range(7)]
            p = os.path.join(folder, f"{layout}-{i:04d}.docx")
            if layout == "grid":
                values = common.word_form(p, seed * 10_000 + i, labels=labels, controls=(i % 3 == 0))
            else:
                values = common.submission(seed * 10_000 + 5_000 + i)
                (same_cell if layout == "same_cell" else vertical)(p, values, labels)
            truth[os.path.basename(p)] = (labels, values)
    for j in range(max(1, n // 20)):
        labels = [r.choice(VARIANTS[k]) for k in range(7)]
        rows = [common.submission(seed * 10_000 + 8_000 + j * 20 + k) for k in range(20)]
        p = os.path.join(folder, f"csv-{j:04d}.csv")
        with open(p, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows([labels] + rows)
        truth[os.path.basename(p)] = (labels, rows)
    return truth


def score(binary, config, folder, truth):
    """Fields right per layout, and the misses by (field, label)."""
    paths = [os.path.join(folder, f) for f in sorted(truth)]
    out = subprocess.run([binary, "inspect", "--json", "--config", config] + paths, capture_output=True).stdout
    right, total, misses = {}, {}, {}
    seen = {}
    for line in out.decode().splitlines():
        got = json.loads(line)
        name = got["file"]
        layout = name.split("-")[0]
        labels, values = truth[name]
        if name.endswith(".csv"):
            k = seen.get(name, 0)
            seen[name] = k + 1
            values = values[k] if k < len(values) else [""] * 7
        for i, key in enumerate(KEYS):
            total[layout] = total.get(layout, 0) + 1
            want = "".join(values[i].split())
            have = "".join(got.get("fields", {}).get(key, "").split())
            if have == want or (key == "supervisor" and have and want[:2] in have):
                right[layout] = right.get(layout, 0) + 1
            else:
                misses[(key, labels[i])] = misses.get((key, labels[i]), 0) + 1
    # Files that gave no line at all (refused) count every field as missed.
    expected = {}
    for name, (labels, values) in truth.items():
        layout = name.split("-")[0]
        expected[layout] = expected.get(layout, 0) + 7 * (len(values) if name.endswith(".csv") else 1)
    return right, expected, misses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=100, help="forms of each layout (and forms / 20 CSV files of 20 rows)")
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--baseline", help="another bulletin binary, scored on the same files")
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--keep", help="write the files here and keep them")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = a.keep or scratch
        os.makedirs(folder, exist_ok=True)
        truth = make(folder, a.forms, a.seed)
        for name, binary in [("bulletin", a.bin)] + ([("baseline", a.baseline)] if a.baseline else []):
            right, expected, misses = score(binary, a.config, folder, truth)
            print(f"{name} = {binary}")
            for layout in ("grid", "same_cell", "vertical", "csv"):
                r, t = right.get(layout, 0), expected.get(layout, 0)
                print(f"  {layout:<10} {r}/{t} fields right ({100 * r / max(t, 1):.1f}%)")
            r, t = sum(right.values()), sum(expected.values())
            print(f"  {'all':<10} {r}/{t} fields right ({100 * r / max(t, 1):.1f}%)")
            for (key, label), c in sorted(misses.items(), key=lambda kv: -kv[1])[:12]:
                print(f"    missed {c:>4} × {key} (label {label!r})")


if __name__ == "__main__":
    main()
