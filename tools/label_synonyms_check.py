#!/usr/bin/env python3
"""Fields right on forms whose labels are typed as synonyms, and decoy labels that must stay unknown (issue 14,
item 5; task labels21, 2026-12-02). A held-out check beside `label_exactness.py` and `bench_docx.py --variants`:
those try typos, spaces, colons and words added; here one word of a known label (or alias) is swapped for a word
people write for it on Chinese forms — 出处 for 来源, 标题 for 名称, 概述 for 简介, 机构 for 单位, 经办人 for 联系人.

Written before the matcher learnt any synonym, so that its figures on main's build are the baseline. None of the
variants is in label_exactness.py's VARIANTS, in bench_docx.py's lists, or among pipeline.json's labels and aliases
(the script checks this against the pipeline.json given, after normalising spaces, colons and brackets away).

Three sets of files:

- grid: the bench's Word form (tools/bench_common.word_form), every label a synonym variant, plus one decoy row
  (a label of something the form does not ask for, with its value) after the table's rows: all seven fields must be
  right and the decoy's value must be in no field;
- csv: one header row of synonym variants and a decoy column over 20 rows, a file per variant set;
- decoy: the standard form with one field's label replaced by a decoy of a neighbouring meaning (经费来源 where
  成果来源 stands): that field must come out empty (the decoy's row is not read as it), the other six right, and the
  decoy must be reported as a label not on the form (the missing field's problem names it).

Usage: python3 tools/label_synonyms_check.py [--forms N] [--bin PATH] [--baseline PATH] [--seed S] [--keep DIR]
"""
import argparse, csv, json, os, random, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common

KEYS = ["submitter", "supervisor", "contact", "mobile", "title", "source", "summary"]

# One word of a known label or alias swapped for a synonym, per field.
SYNONYMS = {
    0: ["报送机构", "上报单位", "提交单位", "填报机构", "申报机构", "报送部门"],
    1: ["主管单位", "归口机构", "推荐机构", "主管市（州）科技局", "归口市（州）科技局或省直单位"],
    2: ["经办人", "填报人", "对接人", "经办人（姓名）", "联络人员"],
    3: ["联络手机", "联络电话", "电话号码", "联系移动电话", "联络方式", "移动电话"],
    4: ["成果标题", "项目题目", "案例标题", "课题名称", "案例题目", "成果名字"],
    5: ["项目出处", "出处处室", "来源科室", "案例来源", "课题来源"],
    6: ["案例概述", "成果摘要", "项目概况", "案例概要", "项目概述", "课题简介"],
}

# Labels of things the form does not ask for, each with a value and the field whose row it replaces in the decoy
# set (the field nearest in meaning or in wording, so that stealing it is the mistake to catch).
DECOYS = [
    ("经费来源", "国家重点研发计划", 5),
    ("资金来源", "省级财政科技资金", 5),
    ("来源说明", "由省重大科技专项支持", 5),
    ("成果出版社", "科学出版社", 0),
    ("出版单位", "科学出版社", 0),
    ("合作单位", "西南交通大学", 0),
    ("合作机构", "中国科学院成都分院", 0),
    ("依托部门", "材料科学与工程学院", 1),
    ("办公电话", "028-85401234", 3),
    ("传真电话", "028-85405678", 3),
    ("项目负责人", "周晓东", 2),
    ("完成人", "周晓东、陈静、刘洋", 2),
    ("审核人", "陈静", 2),
    ("论文题目", "高比能固态电解质界面演化机制研究", 4),
    ("专利名称", "一种碳化硅外延片缺陷检测方法", 4),
    ("完成时间", "2026年10月", 1),
    ("通讯地址", "成都市一环路南一段24号", 1),
    ("单位概况", "学校是教育部直属全国重点大学，办学历史悠久。", 6),
    ("论文摘要", "本文研究了固态电解质界面的演化过程及其对电池性能的影响。", 6),
    ("填报日期", "2026年11月20日", 1),
]


def norm(label):
    """A label as the matcher keys it, roughly: no spaces, colons or asterisks, brackets' notes dropped."""
    out, depth = [], 0
    for ch in label:
        if ch in "（(【[":
            depth += 1
        elif ch in "）)】]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch not in " 　:：*＊":
            out.append(ch)
    return "".join(out)


def held_out(config):
    """Refuses to run when a variant or decoy is already known, or taken from the other checks' lists."""
    import label_exactness, bench_docx
    seen = set()
    for k in label_exactness.VARIANTS:
        seen |= {norm(v) for v in label_exactness.VARIANTS[k]}
    for vs in bench_docx.label_variants(random.Random(0)).values():
        seen |= {norm(v) for v in vs}
    with open(config, encoding="utf-8") as f:
        c = json.load(f)
    for section in ("fields", "optionalFields"):
        for labels in c.get(section, {}).values():
            seen |= {norm(l) for l in [labels["label"]] + labels.get("aliases", [])}
    clash = [v for vs in SYNONYMS.values() for v in vs if norm(v) in seen] + [d for d, _, _ in DECOYS if norm(d) in seen]
    if clash:
        sys.exit(f"label_synonyms_check.py: not held out (already a label, an alias or another check's variant): {clash}")


def form_with_decoy(path, i, labels, decoy):
    """The bench's Word form with `labels`, and one more row: the decoy label and its value."""
    import docx
    values = common.word_form(path, i, labels=labels, controls=(i % 3 == 0))
    d = docx.Document(path)
    t = d.tables[0]
    row = t.add_row()
    row.cells[0].text = decoy[0]
    merged = row.cells[1].merge(row.cells[3])
    merged.text = decoy[1]
    d.save(path)
    return values


def form_with_decoy_in_place(path, i, decoy):
    """The standard form with the decoy's label and value in place of one field's row."""
    labels = list(common.LABELS)
    labels[decoy[2]] = decoy[0]
    import docx
    values = common.word_form(path, i, labels=labels, controls=False)
    d = docx.Document(path)
    t = d.tables[0]
    # Put the decoy's value where the field's value was.
    slot = {0: (0, 1), 1: (0, 3), 2: (1, 1), 3: (1, 3), 4: (2, 1), 5: (3, 1), 6: (4, 1)}[decoy[2]]
    cell = t.rows[slot[0]].cells[slot[1]]
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    cell.paragraphs[0].text = decoy[1]
    d.save(path)
    values = list(values)
    values[decoy[2]] = ""
    return values


def make(folder, n, seed):
    """Writes the three sets; returns {file: (set, labels, values, decoy)} (a CSV's values are a list of rows)."""
    r = random.Random(seed)
    truth = {}
    for i in range(n):
        labels = [r.choice(SYNONYMS[k]) for k in range(7)]
        decoy = r.choice(DECOYS)
        p = os.path.join(folder, f"grid-{i:04d}.docx")
        truth[os.path.basename(p)] = ("grid", labels, form_with_decoy(p, seed * 10_000 + i, labels, decoy), decoy)
    for j, decoy in enumerate(DECOYS * max(1, n // len(DECOYS))):
        p = os.path.join(folder, f"decoy-{j:04d}.docx")
        labels = list(common.LABELS)
        labels[decoy[2]] = decoy[0]
        truth[os.path.basename(p)] = ("decoy", labels, form_with_decoy_in_place(p, seed * 10_000 + 3_000 + j, decoy), decoy)
    for j in range(max(1, n // 20)):
        labels = [r.choice(SYNONYMS[k]) for k in range(7)]
        decoy = r.choice(DECOYS)
        rows = [common.submission(seed * 10_000 + 8_000 + j * 20 + k) for k in range(20)]
        p = os.path.join(folder, f"csv-{j:04d}.csv")
        with open(p, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows([labels + [decoy[0]]] + [row + [decoy[1]] for row in rows])
        truth[os.path.basename(p)] = ("csv", labels, rows, decoy)
    return truth


def score(binary, config, folder, truth):
    """Fields right per set, decoys kept unknown, and the misses by (field, label)."""
    paths = [os.path.join(folder, f) for f in sorted(truth)]
    out = subprocess.run([binary, "inspect", "--json", "--config", config] + paths, capture_output=True).stdout
    right, expected, misses = {}, {}, {}
    decoys_ok, decoys_total, decoy_misses = 0, 0, {}
    seen = {}
    for name, (kind, labels, values, decoy) in truth.items():
        expected[kind] = expected.get(kind, 0) + 7 * (len(values) if kind == "csv" else 1)
    for line in out.decode().splitlines():
        got = json.loads(line)
        name = got["file"]
        kind, labels, values, decoy = truth[name]
        if kind == "csv":
            k = seen.get(name, 0)
            seen[name] = k + 1
            values = values[k] if k < len(values) else [""] * 7
        fields = got.get("fields", {})
        for i, key in enumerate(KEYS):
            want = "".join(values[i].split())
            have = "".join(fields.get(key, "").split())
            if have == want or (key == "supervisor" and want and have and want[:2] in have):
                right[kind] = right.get(kind, 0) + 1
            else:
                misses[(key, labels[i])] = misses.get((key, labels[i]), 0) + 1
        # The decoy: its value in no field; in the decoy set, also named among the labels not on the form.
        decoys_total += 1
        value = "".join(decoy[1].split())
        stolen = any("".join(v.split()) == value for v in fields.values())
        named = kind != "decoy" or any(f'"{decoy[0]}"' in p.get("message", "") for p in got.get("problems", []))
        if not stolen and named:
            decoys_ok += 1
        else:
            decoy_misses[decoy[0]] = decoy_misses.get(decoy[0], 0) + 1
    return right, expected, misses, (decoys_ok, decoys_total, decoy_misses)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=100, help="grid forms (and forms / 20 CSV files of 20 rows; the decoy "
                    "set is every decoy, forms // decoys times)")
    ap.add_argument("--bin", default=".build/debug/bulletin")
    ap.add_argument("--baseline", help="another bulletin binary, scored on the same files")
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--keep", help="write the files here and keep them")
    a = ap.parse_args()
    held_out(a.config)
    with tempfile.TemporaryDirectory() as scratch:
        folder = a.keep or scratch
        os.makedirs(folder, exist_ok=True)
        truth = make(folder, a.forms, a.seed)
        for name, binary in [("bulletin", a.bin)] + ([("baseline", a.baseline)] if a.baseline else []):
            right, expected, misses, (ok, total, decoy_misses) = score(binary, a.config, folder, truth)
            print(f"{name} = {binary}")
            for kind in ("grid", "csv", "decoy"):
                r, t = right.get(kind, 0), expected.get(kind, 0)
                print(f"  {kind:<10} {r}/{t} fields right ({100 * r / max(t, 1):.1f}%)")
            r, t = sum(right.values()), sum(expected.values())
            print(f"  {'all':<10} {r}/{t} fields right ({100 * r / max(t, 1):.1f}%)")
            print(f"  decoys     {ok}/{total} kept unknown and stealing no field (one per submission read)")
            for (key, label), c in sorted(misses.items(), key=lambda kv: -kv[1])[:40]:
                print(f"    missed {c:>4} × {key} (label {label!r})")
            for label, c in sorted(decoy_misses.items(), key=lambda kv: -kv[1]):
                print(f"    decoy  {c:>4} × {label!r} stole a field or was not reported")


if __name__ == "__main__":
    main()
