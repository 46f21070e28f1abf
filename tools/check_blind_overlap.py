#!/usr/bin/env python3
"""Check that a blind labelled set shares nothing with the other real labelled sets.

usage: tools/check_blind_overlap.py Tests/BulletinCoreTests/Fixtures/labelled/real/holdout19.json
       (any blind set or draft file; holdout–holdout22 so far)

Compared against every other file under real/ (train, dev, test, holdout–holdoutN) and real/batches/:
  - source address (basis), normalised: scheme, "www."/"m." prefix, trailing slash and percent-encoding ignored;
  - title: identical, or character-bigram Jaccard similarity >= 0.6;
  - summary: share of the case's character 8-grams found in another case's summary >= 0.25 (a paraphrase of the
    same report that reuses phrases);
  - key names: a quoted name (“…”, 《…》) of the case's title or summary that appears in another case's title.
Address, title and summary hits are errors (exit 1); key-name hits are printed for a person to judge (an
achievement can share a name with another one without being the same, e.g. two varieties of one series).
Also checks ids (unique, not used elsewhere) and that every case has an http(s) basis.
"""
import glob, json, os, re, sys
from urllib.parse import unquote

REAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "BulletinCoreTests", "Fixtures",
                    "labelled", "real")


def norm_url(u):
    u = unquote(unquote((u or "").strip())).lower()
    u = re.sub(r"^https?://", "", u)
    u = re.sub(r"^(www\.|m\.)", "", u)
    return u.rstrip("/")


def grams(s, n):
    s = re.sub(r"\s+", "", s)
    return {s[i:i + n] for i in range(max(0, len(s) - n + 1))}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a and b else 0.0


NAME = re.compile(r"[“\"《]([^”\"》]{2,30})[”\"》]")


def main(path):
    mine = json.load(open(path, encoding="utf-8"))["cases"]
    others = []
    for f in sorted(glob.glob(os.path.join(REAL, "*.json")) + glob.glob(os.path.join(REAL, "batches", "*.json"))):
        if os.path.abspath(f) == os.path.abspath(path):
            continue
        for c in json.load(open(f, encoding="utf-8"))["cases"]:
            others.append((os.path.relpath(f, REAL), c))
    errors, notes = [], []
    ids = [c["id"] for c in mine]
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids inside the set")
    other_ids = {c["id"] for _, c in others}
    errors += [f"{i}: id used elsewhere" for i in ids if i in other_ids]
    seen_urls = {}
    for c in mine:
        u = norm_url(c.get("basis"))
        if not (c.get("basis") or "").startswith("http"):
            errors.append(f"{c['id']}: basis is not an address")
        if u in seen_urls:
            errors.append(f"{c['id']}: same address as {seen_urls[u]} inside the set")
        seen_urls[u] = c["id"]
    by_url = {}
    for f, c in others:
        by_url.setdefault(norm_url(c.get("basis")), []).append((f, c["id"]))
    other_titles = [(f, c["id"], c["title"], grams(c["title"], 2), grams(c["summary"], 8)) for f, c in others]
    for c in mine:
        u = norm_url(c.get("basis"))
        for f, oid in by_url.get(u, []):
            errors.append(f"{c['id']}: address shared with {f} {oid}")
        tg, sg = grams(c["title"], 2), grams(c["summary"], 8)
        names = {m for m in NAME.findall(c["title"] + c["summary"]) if len(m) >= 3}
        for f, oid, otitle, otg, osg in other_titles:
            if c["title"] == otitle or jaccard(tg, otg) >= 0.6:
                errors.append(f"{c['id']}: title near {f} {oid} «{otitle}»")
            if sg and len(sg & osg) / len(sg) >= 0.25:
                errors.append(f"{c['id']}: summary overlaps {f} {oid} ({len(sg & osg)}/{len(sg)} 8-grams)")
            for n in names:
                if n in otitle:
                    notes.append(f"{c['id']}: name «{n}» also in {f} {oid} «{otitle}»")
    for n in notes:
        print("check:", n)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(mine)} cases against {len(others)} cases: {len(errors)} errors, {len(notes)} names to check")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
