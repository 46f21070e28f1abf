#!/usr/bin/env python3
"""One night of the nightly benchmark over a kept library state, for each binary on its own copy (issue 14, item 3):
the state is a folder kept by `tools/bench_nightly.py --keep DIR` (inbox/ and outbox/ after some months); each binary
gets a fresh copy of it, month MONTH's rows are dropped into the copy's inbox and one `bulletin run` is made. Prints
the CPU seconds of the whole process, the seconds of each stage and what came before the first stage, and the peak
memory. Run from the repository root (the binaries read pipeline.json and data/ there).

Usage: python3 tools/bench_one_night.py STATE MONTH NAME=BIN [NAME=BIN ...] [--rows 1000] [--year 2026]
       [--config pipeline.json] [--work DIR]   (copies go to DIR/<state>-<name>, kept for tools/compare_outboxes.py)
"""
import argparse, os, resource, shutil, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common
import bench_nightly as nightly


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("state")
    ap.add_argument("month", type=int)
    ap.add_argument("binaries", nargs="+", help="NAME=PATH")
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--year", type=int, default=2026)
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--work", default=None)
    a = ap.parse_args()
    work_root = a.work or tempfile.mkdtemp(prefix="one-night-")
    for arg in a.binaries:
        name, binary = arg.split("=", 1)
        work = os.path.join(work_root, f"{os.path.basename(os.path.normpath(a.state))}-{name}")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(a.state, work, symlinks=True)
        nightly.drop(os.path.join(work, "inbox"), a.month, a.rows, a.year)
        y, month = nightly.calendar(a.year, a.month)
        cmd = [binary, "run", "--config", os.path.abspath(a.config), "--inbox", os.path.join(work, "inbox"),
               "--outbox", os.path.join(work, "outbox"), "--today", f"{y}-{month:02d}-20"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        table, peak, rc = common.staged(cmd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        in_stages = sum(t for _, t in table)
        print(f"{name} month {a.month}: process CPU {total:.2f} s (stages {in_stages:.2f} s, before the first stage "
              f"{total - in_stages:.2f} s), peak {peak / 1024:.1f} MiB, exit {rc}; outbox in {work}")
        print("   " + common.stage_line(table), flush=True)


if __name__ == "__main__":
    main()
