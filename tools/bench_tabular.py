#!/usr/bin/env python3
"""Benchmark of spreadsheet intake: N rows of varied, real-looking submissions (every category, level and
industry; see tools/bench_common.py) as UTF-8 CSV with BOM, GB18030 CSV (as Excel saves it) and XLSX, read
by `bulletin inspect --json` (read, normalise, validate, score, print JSON), next to a bare Python csv read
(csv.reader reading and printing every row) of the same file, all in one interleaved run.

Prints seconds (median of --rounds), rows per second, the ratio to the bare csv read, and peak memory.
Usage: python3 tools/bench_tabular.py [--rows N] [--rounds R] [--bin PATH] [--baseline PATH]
       python3 tools/bench_tabular.py --rows N --write DIR   (only writes the three files into DIR, e.g. to diff the
       `inspect --json` output of two builds byte for byte)
"""
import argparse, csv, os, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common


def write_files(folder, n):
    data = [common.LABELS] + [common.submission(i) for i in range(n)]
    paths = {}
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


def bare_read(path):
    """What the ratios are against: Python's csv module reading the file and printing every row."""
    enc = "gb18030" if "gb18030" in path else "utf-8-sig"
    out = csv.writer(sys.stdout, lineterminator="\n")
    with open(path, encoding=enc, newline="") as f:
        for row in csv.reader(f):
            out.writerow(row)


def openpyxl_read(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True)
    out = csv.writer(sys.stdout, lineterminator="\n")
    for row in wb.worksheets[0].iter_rows(values_only=True):
        out.writerow(row)


def main():
    if len(sys.argv) > 2 and sys.argv[1] in ("--bare-read", "--openpyxl-read"):
        (bare_read if sys.argv[1] == "--bare-read" else openpyxl_read)(sys.argv[2])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--baseline", help="another bulletin binary to run side by side (e.g. the code before a change)")
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                    help="cpu: user+system seconds of each process (default; steady on a shared machine); wall: elapsed")
    ap.add_argument("--write", metavar="DIR", help="write utf8.csv, gb18030.csv and rows.xlsx into DIR and stop")
    a = ap.parse_args()
    if a.write:
        os.makedirs(a.write, exist_ok=True)
        for p in write_files(a.write, a.rows).values():
            print(p)
        return
    common.CLOCK = a.clock
    me = os.path.abspath(__file__)
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(folder, a.rows)
        contenders = {}
        for name, p in paths.items():
            if name.endswith(".csv"):
                contenders[f"python csv     {name}"] = [sys.executable, me, "--bare-read", p]
            else:
                contenders[f"openpyxl       {name}"] = [sys.executable, me, "--openpyxl-read", p]
            contenders[f"bulletin json  {name}"] = [a.bin, "inspect", "--json", "--config", a.config, p]
            if a.baseline:
                contenders[f"baseline json  {name}"] = [a.baseline, "inspect", "--json", "--config", a.config, p]
        results = common.interleaved(contenders, a.rounds)
        for name, (_, _, out) in results.items():
            lines = out.count(b"\n")
            if "json" in name and lines != a.rows:
                print(f"{name}: expected {a.rows} lines, got {lines}", file=sys.stderr)
                sys.exit(1)
        print(f"{a.rows} rows of varied submissions per file; {a.rounds} interleaved rounds, median {common.CLOCK} seconds; "
              f"x python = seconds / seconds of the python read of the same file (csv module, or openpyxl for .xlsx); x bare csv = against the csv module reading utf8.csv")
        bare = results["python csv     utf8.csv"][0]
        print(f"{'contender':<32}{'seconds':>9}{'rows/s':>9}{'x python':>10}{'x bare csv':>12}{'peak MiB':>10}")
        for name, (t, peak, _) in results.items():
            file = name.split()[-1]
            ref = next(v[0] for k, v in results.items() if k.split()[-1] == file and not k.startswith(("bulletin", "baseline")))
            print(f"{name:<32}{t:>9.2f}{a.rows / t:>9.0f}{t / ref:>10.1f}{t / bare:>12.1f}{peak / 1024:>10.1f}")


if __name__ == "__main__":
    main()
