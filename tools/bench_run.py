#!/usr/bin/env python3
"""Benchmark of `bulletin run` on one large intake (issue 14: a year's backlog, a city bureau's export): the first
N rows of a generated UTF-8 CSV (tools/bench_tabular.py's rows) are dropped into an empty inbox and one
`bulletin run` goes into an empty outbox. Prints, for each N, the run's seconds and peak memory for this binary
and an optional baseline side by side, and the ratio to a bare Python csv read of the same rows.

Usage: python3 tools/bench_run.py [--rows 2000,5000,10000,20000] [--bin PATH] [--baseline PATH] [--keep DIR] [--stages]
       [--subjects bench|many]
--stages adds, per binary and N, the CPU and elapsed seconds of each stage (from the run's `[i/n] stage` lines).
Each run's elapsed seconds are printed beside its CPU seconds: the run spreads its per-row work over the cores.
--subjects many draws the rows' subjects from 4,000 (bench_common.MANY_SUBJECTS) instead of 18: the same night with
~5 rows a subject instead of ~1,100, to see what the bench's near duplicates cost.
"""
import argparse, csv, io, os, shutil, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common


def rows_csv(n, folder, subjects="bench"):
    """A CSV of n rows (header first) in folder, cut from bench_tabular's generated file; with subjects="many", rows
    written here whose subjects come from bench_common.MANY_SUBJECTS (4,000 of them, not 18)."""
    if subjects == "many":
        out = os.path.join(folder, f"many{n}.csv")
        if not os.path.exists(out):
            with open(out + ".part", "w", encoding="utf-8-sig", newline="") as f:
                csv.writer(f, lineterminator="\r\n").writerows(
                    [common.LABELS] + [common.submission(i, subjects=common.MANY_SUBJECTS) for i in range(n)])
            os.replace(out + ".part", out)
        return out
    base = os.path.join(folder, "utf8.csv")
    if not os.path.exists(base) or sum(1 for _ in open(base, encoding="utf-8-sig")) < n + 1:
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_tabular.py"),
                        "--rows", str(max(n, 20000)), "--write", folder], check=True, stdout=subprocess.DEVNULL)
    out = os.path.join(folder, f"rows{n}.csv")
    with open(base, encoding="utf-8-sig") as src, open(out, "w", encoding="utf-8-sig") as dst:
        for i, line in enumerate(src):
            if i > n:
                break
            dst.write(line)
    return out


def bare_read(path):
    """Seconds for Python's csv module to read and print every row (the issue's yardstick)."""
    start = time.process_time()
    sink = io.StringIO()
    with open(path, encoding="utf-8-sig", newline="") as f:
        w = csv.writer(sink)
        for row in csv.reader(f):
            w.writerow(row)
    return time.process_time() - start


def python_read(path, rounds=3):
    """Seconds (median of rounds) of the yardstick bench_tabular.py prints against: a Python process that reads the
    file with the csv module and prints every row to a pipe (start-up included), timed like the binaries."""
    me = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_tabular.py")
    runs = [common.timed_both([sys.executable, me, "--bare-read", path]) for _ in range(rounds)]
    cpu = sorted(r[0] if common.CLOCK == "cpu" else r[1] for r in runs)
    wall = sorted(r[1] for r in runs)
    return cpu[len(cpu) // 2], wall[len(wall) // 2]


def run_once(binary, config, source, year, month, keep=None):
    with tempfile.TemporaryDirectory() as scratch:
        folder = keep or scratch
        if keep:
            shutil.rmtree(keep, ignore_errors=True)
        inbox, outbox = os.path.join(folder, "inbox"), os.path.join(folder, "outbox")
        os.makedirs(inbox)
        os.makedirs(outbox)
        p = os.path.join(inbox, f"{year}-{month:02d}-汇总.csv")
        shutil.copyfile(source, p)
        past = time.time() - 3600  # dropped an hour ago: settled
        os.utime(p, (past, past))
        cpu, wall, _, peak, rc = common.timed_both([binary, "run", "--config", config, "--inbox", inbox, "--outbox", outbox,
                                                    "--today", f"{year}-{month:02d}-20"], stdout=subprocess.DEVNULL)
        if rc not in (0, 1):
            raise SystemExit(f"{binary}: bulletin run failed with exit code {rc}")
        return (cpu if common.CLOCK == "cpu" else wall), wall, peak


def staged(binary, config, source, year, month):
    """One run as run_once, with the CPU seconds spent in each stage (bench_common.staged)."""
    with tempfile.TemporaryDirectory() as folder:
        inbox, outbox = os.path.join(folder, "inbox"), os.path.join(folder, "outbox")
        os.makedirs(inbox)
        os.makedirs(outbox)
        p = os.path.join(inbox, f"{year}-{month:02d}-汇总.csv")
        shutil.copyfile(source, p)
        past = time.time() - 3600
        os.utime(p, (past, past))
        table, _, _ = common.staged_both([binary, "run", "--config", config, "--inbox", inbox, "--outbox", outbox,
                                          "--today", f"{year}-{month:02d}-20"])
        return table


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="2000,5000,10000,20000", help="comma-separated row counts")
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--baseline", help="another bulletin binary (e.g. the code before a change)")
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--data", default="/tmp/bench_run_rows", help="folder for the generated CSV")
    ap.add_argument("--year", type=int, default=2026)
    ap.add_argument("--month", type=int, default=6)
    ap.add_argument("--keep", help="keep each run's inbox and outbox in KEEP/<rows>/<name> (then: tools/compare_outboxes.py KEEP/<rows>)")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                    help="cpu: user+system seconds of each process (default; steady on a shared machine); wall: elapsed")
    ap.add_argument("--subjects", choices=["bench", "many"], default="bench",
                    help="bench: the rows of bench_tabular.py (18 subjects, so each title has ~1,100 near duplicates at "
                         "20,000 rows); many: 4,000 subjects (bench_common.MANY_SUBJECTS), ~5 rows a subject")
    ap.add_argument("--stages", action="store_true",
                    help="also one run per binary and N printing the CPU seconds and share of each stage (the run's [i/n] lines)")
    a = ap.parse_args()
    common.CLOCK = a.clock
    os.makedirs(a.data, exist_ok=True)
    runs = [("bulletin", a.bin)] + ([("baseline", a.baseline)] if a.baseline else [])
    print(f"bulletin run, one CSV of N rows into an empty outbox ({a.clock} seconds; subjects: {a.subjects})")
    for name, binary in runs:
        print(f"{name} = {binary}")
    print("csv read s: Python's csv module reading and printing the rows in this process (StringIO); python s: a "
          "Python process doing the same to a pipe, start-up included (bench_tabular.py's yardstick, `make bench`'s "
          "'x bare csv'); x csv and x python are a binary's seconds over each; wall s is the same run's elapsed "
          "seconds (it uses every core; it includes the 1 s between intake's two looks at the inbox, "
          "intake.settleCheckSeconds) and x py wall its ratio to the Python process's elapsed seconds")
    head = f"{'rows':>7}{'csv read s':>12}{'python s':>10}"
    for name, _ in runs:
        head += f"{name + ' s':>14}{'MiB':>8}{'x csv':>8}{'x python':>10}{'wall s':>8}{'x py wall':>11}"
    print(head)
    for n in [int(x) for x in a.rows.split(",") if x.strip()]:
        source = rows_csv(n, a.data, a.subjects)
        floor = bare_read(source)
        process, process_wall = python_read(source)
        line = f"{n:>7}{floor:>12.2f}{process:>10.2f}"
        for name, binary in runs:
            keep = os.path.join(a.keep, str(n), name) if a.keep else None
            t, wall, peak = run_once(binary, a.config, source, a.year, a.month, keep)
            line += f"{t:>14.2f}{peak / 1024:>8.1f}{t / max(floor, 1e-6):>8.1f}{t / max(process, 1e-6):>10.1f}"
            line += f"{wall:>8.2f}{wall / max(process_wall, 1e-6):>11.1f}"
        print(line, flush=True)
        if a.stages:
            for name, binary in runs:
                table = staged(binary, a.config, source, a.year, a.month)
                print(f"  {name} stages (cpu s / wall s): " + common.stage_line_both(table), flush=True)


if __name__ == "__main__":
    main()
