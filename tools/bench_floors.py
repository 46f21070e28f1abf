#!/usr/bin/env python3
"""What a perfect program could not avoid in one big night (issue 14's "20,000 CSV rows through the whole pipeline
within 10x of a bare Python csv read"): the C libraries' own cost of the bytes `bulletin run` must leave behind.

One `bulletin run` of N generated rows (tools/bench_run.py's rows) goes into an empty outbox; its stages are timed
from its `[i/n]` lines. Then, from that run's own outputs, with the same C libraries the binary links, each floor is
timed in this process (CPU seconds, user + system, median of --rounds):

  sqlite     a fresh database with the library's schema (every table and index) filled with the library's rows in
             one transaction by SQLite's own C code (`INSERT ... SELECT` from the run's library, attached; a WHERE
             clause keeps SQLite from copying pages instead of inserting rows). Reading the attached rows is counted
             too, so this is a little above the floor; the store stage also interleaves tables and reads back.
  sqlite, reasons apart
             the same, from a copy of the library whose cases name their reasons by number, each distinct reason
             kept once in a table of its own: the floor of the design change the notes of issue 14 name (fewer
             bytes per case).
  deflate    zlib (raw deflate, level 6, as libzip writes) of every part of the review sheets and documents the run
             wrote, from their uncompressed bytes.
  backup     the library copied as each run backs it up (`FileOps.copyContents`: 4 MiB reads, O_DIRECT writes).

Every floor is printed in seconds and as a multiple of the yardstick (a Python process reading the CSV with the csv
module and printing every row, start-up included: `make bench`'s "x bare csv"), beside the 10x budget and what the
floors leave of it for reading, scoring, matching, selecting and writing the XML, JSON and HTML.

Usage: python3 tools/bench_floors.py [--rows 20000] [--rounds 3] [--bin PATH] [--keep DIR]
"""
import argparse, json, os, shutil, sqlite3, sys, tempfile, time, zipfile, zlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common
import bench_run


def cpu():
    return time.process_time()


def schema_of(path):
    """The library's schema: its tables, then its indexes (what `sqlite_schema` holds, less SQLite's own objects)."""
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    schema = src.execute("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                         "ORDER BY type = 'index', rowid").fetchall()
    src.close()
    return schema


def reasons_apart(library, folder):
    """A copy of the library with each distinct reason stored once (table `reason`) and each case's JSON naming its
    reasons by number: what interning them would write. Returns its path and the number of distinct reasons."""
    path = os.path.join(folder, "apart.sqlite")
    shutil.copyfile(library, path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    db.execute("CREATE TABLE reason (id INTEGER PRIMARY KEY, json TEXT NOT NULL)")
    ids = {}
    for rowid, text in db.execute("SELECT rowid, json FROM caseRecord").fetchall():
        record = json.loads(text)
        assessment = record.get("assessment")
        if not assessment:
            continue
        refs = []
        for r in assessment.get("reasons", []):
            one = json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            if one not in ids:
                ids[one] = len(ids) + 1
                db.execute("INSERT INTO reason VALUES (?, ?)", (ids[one], one))
            refs.append(ids[one])
        assessment["reasons"] = refs
        db.execute("UPDATE caseRecord SET json = ? WHERE rowid = ?",
                   (json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")), rowid))
    db.execute("COMMIT")
    db.execute("VACUUM")
    db.close()
    return path, len(ids)


def sqlite_floor(source, folder):
    """CPU seconds for SQLite alone to build a copy of `source` (every table, every index made before the rows go
    in, as the library's are) in one transaction committed to disk, and the copy's size. The rows come from the
    attached source with `INSERT ... SELECT`, kept from SQLite's page-for-page transfer by a WHERE clause, so every
    row is inserted and every index entry made as an INSERT would; reading the source's pages (from the page cache)
    is counted too, so this is a little above the floor."""
    path = os.path.join(folder, "floor.sqlite")
    for suffix in ("", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    schema = schema_of(source)
    start = cpu()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("ATTACH ? AS src", (source,))
    db.execute("BEGIN")
    for _, _, sql in schema:
        db.execute(sql)
    for kind, name, _ in schema:
        if kind == "table":
            db.execute(f'INSERT INTO main."{name}" SELECT * FROM src."{name}" WHERE abs(random()) >= 0')
    db.execute("COMMIT")
    db.execute("DETACH src")
    db.close()
    seconds = cpu() - start
    db = sqlite3.connect(path)
    rows = sum(db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for kind, name, _ in schema if kind == "table")
    db.close()
    return seconds, os.path.getsize(path), rows


def packed_parts(outbox):
    """The uncompressed bytes of every part of every .xlsx and .docx the run wrote (the archive left out)."""
    parts = []
    for root, dirs, files in os.walk(outbox):
        dirs[:] = [d for d in dirs if d not in ("archive", "backup", "quarantine")]
        for f in files:
            if f.endswith((".xlsx", ".docx")):
                with zipfile.ZipFile(os.path.join(root, f)) as z:
                    parts += [z.read(i) for i in z.infolist() if not i.is_dir()]
    return parts


def deflate_floor(parts, level):
    start = cpu()
    packed = 0
    for p in parts:
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        packed += len(c.compress(p)) + len(c.flush())
    return cpu() - start, packed


def backup_floor(library, folder):
    """CPU seconds to copy the library as `FileOps.copyContents` does: 4 MiB reads into an aligned buffer, written
    with O_DIRECT (past the page cache) where the file system takes it, then flushed."""
    import mmap
    target = os.path.join(folder, "backup.sqlite")
    size = 4 << 20
    buffer = mmap.mmap(-1, size)  # page-aligned, as O_DIRECT wants
    start = cpu()
    src = os.open(library, os.O_RDONLY)
    try:
        dst = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_DIRECT", 0), 0o600)
    except OSError:  # a file system without O_DIRECT (tmpfs): through the cache, as copyContents falls back
        dst = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    offset = 0
    while True:
        n = os.preadv(src, [buffer], offset)
        if n == 0:
            break
        if n % 4096:
            os.close(dst)  # the tail is not a whole block: written through the cache, as copyContents does
            dst = os.open(target, os.O_WRONLY)
        os.pwrite(dst, memoryview(buffer)[:n], offset)
        offset += n
    os.fsync(dst)
    os.close(src)
    os.close(dst)
    seconds = cpu() - start
    os.remove(target)
    return seconds


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--data", default="/tmp/bench_run_rows", help="folder for the generated CSV")
    ap.add_argument("--keep", help="keep the run's inbox and outbox in KEEP")
    a = ap.parse_args()
    os.makedirs(a.data, exist_ok=True)
    source = bench_run.rows_csv(a.rows, a.data)
    scratch = tempfile.mkdtemp(prefix="bench-floors-")
    try:
        keep = a.keep or os.path.join(scratch, "run")
        run_seconds, _, peak = bench_run.run_once(a.bin, a.config, source, 2026, 6, keep)
        stages = [(n, c) for n, c, _ in bench_run.staged(a.bin, a.config, source, 2026, 6)]
        outbox = os.path.join(keep, "outbox")
        library = os.path.join(outbox, "library.sqlite")
        apart, distinct = reasons_apart(library, scratch)
        parts = packed_parts(outbox)
        raw = sum(len(p) for p in parts)
        yard, sq, sq_apart, d6, d1, cp = [], [], [], [], [], []
        for _ in range(a.rounds):
            yard.append(bench_run.python_read(source, rounds=1)[0])
            s, size, count = sqlite_floor(library, scratch)
            sq.append(s)
            s, size_apart, _ = sqlite_floor(apart, scratch)
            sq_apart.append(s)
            s, packed6 = deflate_floor(parts, 6)
            d6.append(s)
            s, packed1 = deflate_floor(parts, 1)
            d1.append(s)
            cp.append(backup_floor(library, scratch))
        y = median(yard)
        rows = [
            (f"sqlite: the library's {count:,} rows, every index ({size / 1e6:.0f} MB)", median(sq)),
            ("deflate, level 6: the sheets' and documents' parts "
             f"({raw / 1e6:.1f} MB -> {packed6 / 1e6:.2f} MB)", median(d6)),
            (f"backup: the library copied as the run copies it ({os.path.getsize(library) / 1e6:.0f} MB)", median(cp)),
        ]
        print(f"bulletin run of {a.rows:,} rows and the floors of what it leaves behind (CPU seconds, median of {a.rounds})")
        print(f"bulletin = {a.bin}")
        print(f"yardstick: a Python process reading and printing the CSV: {y:.2f} s; 10x budget {10 * y:.2f} s")
        print(f"bulletin run: {run_seconds:.2f} s = {run_seconds / y:.1f}x, peak {peak / 1024:.0f} MiB")
        print("  stages (cpu s, %): " + common.stage_line(stages))
        print(f"{'floor':<88}{'s':>7}{'x yard':>8}")
        for name, s in rows:
            print(f"{name:<88}{s:>7.2f}{s / y:>8.1f}")
        total = sum(s for _, s in rows)
        print(f"{'sum of the floors':<88}{total:>7.2f}{total / y:>8.1f}")
        print(f"{'left of the 10x budget for reading, scoring, matching, selecting, writing XML, JSON, HTML':<88}{10 * y - total:>7.2f}{(10 * y - total) / y:>8.1f}")
        left = 10 * y - total
        print(f"{'bulletin beyond the floors':<88}{run_seconds - total:>7.2f}{(run_seconds - total) / y:>8.1f}"
              + (f"  ({(run_seconds - total) / left:.1f}x what the budget leaves)" if left > 0 else "  (the floors alone exceed the budget)"))
        print("for comparison:")
        print(f"{f'  sqlite, reasons apart ({distinct:,} distinct reasons in a table of their own; {size_apart / 1e6:.0f} MB)':<88}{median(sq_apart):>7.2f}{median(sq_apart) / y:>8.1f}")
        print(f"{f'  deflate, level 1 ({packed1 / 1e6:.2f} MB)':<88}{median(d1):>7.2f}{median(d1) / y:>8.1f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
