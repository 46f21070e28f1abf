#!/usr/bin/env python3
"""Compares what two binaries' nightly runs left in their outboxes (`tools/bench_nightly.py --keep DIR` keeps
DIR/bulletin and DIR/baseline): review sheets, statistics, bulletins and lists byte for byte, the library's
duplicateFlag table, its cases (columns and stored JSON) and history records (stored JSON, run ids masked), and every run's log and summary with run ids, timestamps, chain hashes and folders masked.
Prints each difference found and exits 1 when there is one.

Usage: python3 tools/compare_outboxes.py DIR [--a bulletin] [--b baseline]
"""
import argparse, hashlib, json, os, re, sqlite3, sys

MASKS = [
    (re.compile(r"\d{8}T\d{6}-\d+(-\d+)?"), "STAMP"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"), "TIME"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "HEX"),
]
# The log's own chain (prev, head) follows the masked parts; a file's sha256 is kept (HEX masks only where the
# record is about the log itself).
CHAIN_KEYS = {"prev", "head", "hash", "recordHash", "previousLog", "previousRun", "run", "started", "finished",
              "inbox", "outbox", "configFile", "elapsed", "seconds", "durationSeconds"}


def files(root, folder):
    base = os.path.join(root, folder)
    out = {}
    for d, _, names in os.walk(base):
        for n in names:
            p = os.path.join(d, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = hashlib.sha256(f.read()).hexdigest()
    return out


def mask(value):
    if isinstance(value, dict):
        return {k: ("MASKED" if k in CHAIN_KEYS else mask(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v) for v in value]
    if isinstance(value, str):
        for pattern, word in MASKS[:2]:
            value = pattern.sub(word, value)
    return value


def logs(root):
    db = sqlite3.connect(os.path.join(root, "library.sqlite"))
    paths = [r[0] for r in db.execute("SELECT log FROM auditRun ORDER BY seq")]
    out = []
    for p in paths:
        with open(os.path.join(root, p), encoding="utf-8") as f:
            out.append([mask(json.loads(line)) for line in f if line.strip()])
        summary = os.path.splitext(os.path.join(root, p))[0] + ".txt"
        if os.path.exists(summary):
            with open(summary, encoding="utf-8") as f:
                text = f.read()
            for pattern, word in MASKS:
                text = pattern.sub(word, text)
            out.append(text.replace(root, "OUTBOX"))
    return out


def flags(root):
    db = sqlite3.connect(os.path.join(root, "library.sqlite"))
    return db.execute("SELECT caseId, otherId, score, date, verdict, resolvedBy FROM duplicateFlag ORDER BY caseId, otherId").fetchall()


def cases(root):
    db = sqlite3.connect(os.path.join(root, "library.sqlite"))
    return db.execute("SELECT id, period, seq, titleKey, title, classified, score, received, json FROM caseRecord ORDER BY id").fetchall()


def events(root):
    """The history records in order, the run id (a time stamp and a process id) masked in the column and the JSON."""
    db = sqlite3.connect(os.path.join(root, "library.sqlite"))
    stamp = MASKS[0][0]
    return [tuple(stamp.sub("STAMP", v) if isinstance(v, str) else v for v in row)
            for row in db.execute("SELECT seq, caseId, date, runId, step, fromStage, toStage, decision, json FROM caseEvent ORDER BY seq")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--a", default="bulletin")
    ap.add_argument("--b", default="baseline")
    a = ap.parse_args()
    ra, rb = os.path.join(a.dir, a.a, "outbox"), os.path.join(a.dir, a.b, "outbox")
    problems = []
    for folder in ["review", "stats", "bulletins", "annual"]:
        fa, fb = files(ra, folder), files(rb, folder)
        for k in sorted(set(fa) | set(fb)):
            if fa.get(k) != fb.get(k):
                problems.append(f"{k}: {'missing in ' + a.a if k not in fa else 'missing in ' + a.b if k not in fb else 'bytes differ'}")
        print(f"{folder}: {len(fa)} files compared")
    da, db = flags(ra), flags(rb)
    print(f"duplicateFlag: {len(da)} and {len(db)} rows")
    if da != db:
        problems.append(f"duplicateFlag differs ({len(set(da) ^ set(db))} rows not in both)")
    for name, read in [("caseRecord", cases), ("caseEvent", events)]:
        xa, xb = read(ra), read(rb)
        print(f"{name}: {len(xa)} and {len(xb)} rows")
        if xa != xb:
            first = next((u for u, v in zip(xa, xb) if u != v), None)
            problems.append(f"{name} differs ({len(set(xa) ^ set(xb))} rows not in both; first: {str(first)[:200]})")
    la, lb = logs(ra), logs(rb)
    print(f"logs and summaries: {len(la)} and {len(lb)}")
    if len(la) != len(lb):
        problems.append(f"{len(la)} logs and summaries against {len(lb)}")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            if isinstance(x, list) and isinstance(y, list):
                j = next((j for j, (u, v) in enumerate(zip(x, y)) if u != v), min(len(x), len(y)))
                problems.append(f"log {i // 2 + 1}, record {j + 1}: {json.dumps(x[j] if j < len(x) else None, ensure_ascii=False)[:300]}"
                                f" | {json.dumps(y[j] if j < len(y) else None, ensure_ascii=False)[:300]}")
            else:
                line = next((u + " | " + v for u, v in zip(x.splitlines(), y.splitlines()) if u != v), "")
                problems.append(f"summary {i // 2 + 1} differs: {line[:300]}")
    for p in problems:
        print("DIFF", p)
    print("identical" if not problems else f"{len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
