#!/usr/bin/env python3
"""Benchmark of the nightly run over a growing library: every month --rows new submissions (a CSV of
varied, real-looking rows, see tools/bench_common.py) are dropped into one inbox and `bulletin run` is run
over the same outbox, for --months months (past December into the next year, so a series longer than the match
window, 12 months, shows whether the cost levels off once the window is full). Prints the time and peak memory of each month's run, which should
follow the night's input, not the size of the library.

Usage: python3 tools/bench_nightly.py [--months 12] [--rows 1000] [--year 2026] [--bin PATH] [--baseline PATH] [--keep DIR] [--stages] [--decide WORD]
"""
import argparse, csv, os, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common


def calendar(year, m):
    """The (year, month) of the m-th month of the series (m from 1), past December into the next years."""
    return year + (m - 1) // 12, (m - 1) % 12 + 1


def drop(inbox, m, rows, year):
    y, month = calendar(year, m)
    p = os.path.join(inbox, f"{y}-{month:02d}-汇总.csv")
    data = [common.LABELS] + [common.submission(m * 100_000 + i) for i in range(rows)]
    with open(p, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(data)
    past = time.time() - 3600  # dropped an hour ago: settled
    os.utime(p, (past, past))


def decide(outbox, inbox, since, word):
    """Fills every review sheet the last run wrote (modified at or after `since`) with `word` for all rows, as a
    division would, and drops the filled copy into the inbox for the next night's run to take back; returns how
    many sheets were filled."""
    review = os.path.join(outbox, "review")
    filled = 0
    for name in sorted(os.listdir(review)) if os.path.isdir(review) else []:
        path = os.path.join(review, name)
        if not name.endswith(".xlsx") or os.path.getmtime(path) < since:
            continue
        out = os.path.join(inbox, name[:-5] + "（基准）.xlsx")
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo_review.py"), path,
                        "--all", word, "--reviewer", "基准测试", "--reproducible", "-o", out], check=True,
                       stdout=subprocess.DEVNULL)
        past = time.time() - 3600
        os.utime(out, (past, past))
        filled += 1
    return filled


def series(binary, config, months, rows, year, keep=None, stages=False, decision=None):
    """Runs the months one after another over one outbox; yields (month, seconds, peak KiB, library bytes, stage
    table or None) as each month's run ends."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = keep or scratch
        inbox, outbox = os.path.join(folder, "inbox"), os.path.join(folder, "outbox")
        os.makedirs(inbox)
        os.makedirs(outbox)
        for m in range(1, months + 1):
            drop(inbox, m, rows, year)
            y, month = calendar(year, m)
            cmd = [binary, "run", "--config", config, "--inbox", inbox, "--outbox", outbox, "--today", f"{y}-{month:02d}-20"]
            started = time.time() - 1
            if stages:
                table, peak, rc = common.staged(cmd)
                t = sum(s for _, s in table)
            else:
                table = None
                t, _, peak, rc = common.timed(cmd, stdout=subprocess.DEVNULL)
            if rc not in (0, 1):
                raise SystemExit(f"month {m}: bulletin run failed with exit code {rc}")
            if decision:
                decide(outbox, inbox, started, decision)
            library = os.path.join(outbox, "library.sqlite")
            size = os.path.getsize(library) if os.path.exists(library) else 0
            yield m, t, peak, size, table  # printed as each month ends


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--year", type=int, default=2026)
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--baseline", help="another bulletin binary, run over its own library after this one")
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--keep", help="keep each binary's inbox and outbox in KEEP/<name> (to diff two binaries' outputs)")
    ap.add_argument("--decide", metavar="WORD",
                    help="after each run, fill every review sheet it wrote with WORD for all rows (e.g. 不通过) and drop "
                         "it into the inbox, so the next night takes the decisions back and the backlog stays a month "
                         "deep, as in an office that decides; without it nothing is ever decided and the backlog grows")
    ap.add_argument("--stages", action="store_true",
                    help="also print each month's CPU seconds per stage (the run's [i/n] lines); seconds are then CPU")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                    help="cpu: user+system seconds of each process (default; steady on a shared machine); wall: elapsed")
    a = ap.parse_args()
    common.CLOCK = a.clock
    runs = [("bulletin", a.bin)] + ([("baseline", a.baseline)] if a.baseline else [])
    print(f"nightly run, {a.rows} new rows a month into one outbox, {a.months} months"
          + (f"; every sheet filled {a.decide} after each run" if a.decide else "; nothing decided"))
    for name, binary in runs:
        print(f"{name} = {binary}")
        print(f"{'month':>5}{'library rows':>14}{'seconds':>9}{'peak MiB':>10}{'library MiB':>13}")
        keep = os.path.join(a.keep, name) if a.keep else None
        for m, t, peak, size, table in series(binary, a.config, a.months, a.rows, a.year, keep, a.stages, a.decide):
            print(f"{m:>5}{m * a.rows:>14}{t:>9.2f}{peak / 1024:>10.1f}{size / 1048576:>13.1f}", flush=True)
            if table:
                print("       stages (cpu s, %): " + common.stage_line(table), flush=True)


if __name__ == "__main__":
    main()
