#!/usr/bin/env python3
"""Benchmark of spreadsheet intake: N-row CSV (UTF-8 with BOM and GB18030) and XLSX read by
`bulletin inspect --json`, next to Python's csv module and openpyxl reading the same files in the same run.

Prints rows per second for each, the ratio, and the peak resident memory of each bulletin process.
Usage: python3 tools/bench_tabular.py [--rows N] [--bin PATH]
"""
import argparse, csv, io, json, os, resource, subprocess, sys, tempfile, time

LABELS = ["报送单位（产学研等单位）", "归口市（州）科技局或省直部门", "联系人", "联系手机", "成果名称", "成果来源", "案例简介"]
UNITS = ["四川大学", "电子科技大学", "西南交通大学", "西南石油大学", "四川农业大学", "中国科学院成都生物研究所"]
BUREAUS = ["成都市科技局", "绵阳市科技局", "德阳市科技局", "宜宾市科技局", "省教育厅"]

def rows(n):
    for i in range(n):
        yield [UNITS[i % len(UNITS)], BUREAUS[i % len(BUREAUS)], "张伟", str(13800000000 + i),
               f"第{i}号高性能碳化硅功率器件关键技术研究与产业化", "高新处",
               f"项目突破车规级SiC MOSFET设计与制造关键技术，在Nature Electronics发表论文，授权发明专利{i % 9 + 1}件，"
               f"实现国产化替代，新增产值{i % 7 + 1}.5亿元，总体达到国际先进水平，其中导通电阻指标达到国际领先。"]

def write_files(folder, n):
    paths = {}
    data = [LABELS] + list(rows(n))
    for name, enc in [("utf8.csv", "utf-8-sig"), ("gb18030.csv", "gb18030")]:
        p = os.path.join(folder, name)
        with open(p, "w", encoding=enc, newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(data)
        paths[name] = p
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("汇总")
    for r in data:
        ws.append(r)
    p = os.path.join(folder, "rows.xlsx")
    wb.save(p)
    paths["rows.xlsx"] = p
    return paths

def run_bulletin(binary, path, config):
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "inspect", "--json", "--config", config, path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    lines = proc.stdout.count(b"\n")
    peak_kib = int(proc.stderr.decode().strip().splitlines()[-1])
    return elapsed, lines, peak_kib

def run_python(path):
    start = time.perf_counter()
    if path.endswith(".xlsx"):
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True)
        count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)) - 1
    else:
        enc = "gb18030" if "gb18030" in path else "utf-8-sig"
        with open(path, encoding=enc, newline="") as f:
            count = sum(1 for _ in csv.DictReader(f))
    return time.perf_counter() - start, count

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--config", default="pipeline.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(folder, a.rows)
        print(f"{a.rows} rows per file; bulletin = {a.bin}")
        print(f"{'file':<14}{'bulletin rows/s':>16}{'python rows/s':>15}{'ratio':>8}{'bulletin peak MiB':>19}")
        for name, p in paths.items():
            t, n, kib = run_bulletin(a.bin, p, a.config)
            tp, np_ = run_python(p)
            if n != a.rows or np_ != a.rows:
                print(f"{name}: expected {a.rows} rows, bulletin gave {n}, python {np_}", file=sys.stderr)
                sys.exit(1)
            print(f"{name:<14}{n / t:>16.0f}{np_ / tp:>15.0f}{(n / t) / (np_ / tp):>8.2f}{kib / 1024:>19.1f}")
        print("python = csv.DictReader / openpyxl read-only (reading only; bulletin also normalises, validates, scores and prints JSON)")

if __name__ == "__main__":
    main()
