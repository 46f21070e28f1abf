#!/usr/bin/env python3
"""Benchmark of the DOCX reader on forms as people make them, all contenders in one interleaved run.

The forms (see tools/bench_common.py): python-docx's default template, which carries Word's 349 KB styles
part; a styled title and headings; merged rows; a check-box row; a numbered 备注 (List Number, numbered
through the style); a third of them with content controls; a quarter written by LibreOffice (opened and saved
again by soffice). Every form has different content.

Contenders, each one process over the same files, run in rotating order for --rounds rounds (median time):
  floor        tools/docx_floor.c: libzip + libxml2 inflating and parsing every part the reader reads
  python-docx  a python-docx extractor (label cell → value cell), in its own process
  text         bulletin inspect --text (the DOCX reader alone)
  json         bulletin inspect --json (read, normalise, validate, score, print)
  and, with --baseline BIN, the same two for another bulletin binary (before/after in one run).

With --variants, also measures exactness: forms whose labels are typed as people type them (a character
added or dropped, spaces, colons, half-width brackets, other wordings) and reports the share of fields right.

Usage: python3 tools/bench_docx.py [--forms N] [--rounds R] [--bin PATH] [--baseline PATH] [--variants]
       (needs python-docx; LibreOffice optional; cc, libzip-dev and libxml2-dev for the floor)
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as common

HERE = os.path.dirname(os.path.abspath(__file__))


def python_docx_extract(paths):
    """The python-docx extractor: label cell → the next distinct cell, per row, for every table."""
    import docx
    for path in paths:
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
        print(json.dumps(out, ensure_ascii=False))


def build_floor(folder):
    exe = os.path.join(folder, "docx_floor")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libzip", "libxml-2.0"], capture_output=True, text=True)
    if flags.returncode != 0:
        return None
    r = subprocess.run(["cc", "-O2", "-o", exe, os.path.join(HERE, "docx_floor.c")] + flags.stdout.split())
    return exe if r.returncode == 0 else None


def make_forms(folder, n, seed=0):
    """n realistic forms: three quarters Word-like (a third of those with content controls), a quarter
    written by LibreOffice (at most 40 distinct round trips, copied to make up the number)."""
    word = [os.path.join(folder, f"form-{i:05d}.docx") for i in range(n)]
    for i, p in enumerate(word):
        common.word_form(p, seed + i, controls=(i % 3 == 0))
    lo_count = n // 4
    if lo_count == 0:
        return word, 0
    sources = word[: min(lo_count, 40)]
    lo = common.libreoffice_round_trip(sources, os.path.join(folder, "lo"))
    if not lo:
        return word, 0
    out = word[: n - lo_count]
    for k in range(lo_count):
        target = os.path.join(folder, f"lo-{k:05d}.docx")
        shutil.copyfile(lo[k % len(lo)], target)
        out.append(target)
    return out, lo_count


# MARK: - Label variants (exactness)

def label_variants(r):
    """Labels as people type them: for every field, variants not in pipeline.json's aliases (a character added,
    dropped or changed, a word before or after the label, spaces, colons, half-width brackets)."""
    return {
        0: ["报送单位（产学研等单位）", "报送单位(产学研等单位)", "报 送 单 位", "报送单位：", "报送单位名称", "报送的单位", "报送单", "*报送单位"],
        1: ["归口市（州）科技局或省直部门", "归口市(州)科技局或省直部门", "归口部门：", "归口市州科技局或省直部门", "归口市（州）科技局/省直部门", "归口部"],
        2: ["联系人", "联 系 人：", "联系人姓名", "项目联系人", "联系人:", "联糸人"],
        3: ["联系手机", "联系手机号", "手机号", "联系人手机", "手 机", "联系手机："],
        4: ["成果名称", "成果名称：", "成 果 名 称", "成果的名称", "成果名", "成果名称（全称）"],
        5: ["成果来源", "成果来源处室", "成果来源：", "成 果 来 源", "成果来原", "成果来源单位"],
        6: ["案例简介", "案例简介（不超过1000字）", "案例简介(限1000字)", "案例简要介绍", "案例简介内容", "案 例 简 介"],
    }


def exactness(binary, config, folder, n, seed):
    r = random.Random(seed)
    variants = label_variants(r)
    truth = {}
    paths = []
    for i in range(n):
        labels = [r.choice(variants[k]) for k in range(7)]
        p = os.path.join(folder, f"variant-{i:05d}.docx")
        truth[os.path.basename(p)] = (labels, common.word_form(p, seed + 10_000 + i, labels=labels, controls=(i % 4 == 0)))
        paths.append(p)
    out = subprocess.run([binary, "inspect", "--json", "--config", config] + paths, capture_output=True).stdout
    keys = ["submitter", "supervisor", "contact", "mobile", "title", "source", "summary"]
    right = total = 0
    misses = []
    for line in out.decode().splitlines():
        got = json.loads(line)
        labels, values = truth[got["file"]]
        for k, key in enumerate(keys):
            total += 1
            want = "".join(values[k].split())
            have = "".join(got["fields"].get(key, "").split())
            if have == want or (key == "supervisor" and have and want[:2] in have):
                right += 1
            else:
                misses.append(f"{got['file']} {key} (label {labels[k]!r}): {have[:40]!r}")
    expected = n * 7
    return right, max(total, expected), misses


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--python-docx-extract":
        python_docx_extract(sys.argv[2:])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bin", default=".build-release/release/bulletin")
    ap.add_argument("--baseline", help="another bulletin binary to run side by side (e.g. the code before a change)")
    ap.add_argument("--config", default="pipeline.json")
    ap.add_argument("--variants", type=int, default=0, help="also read N forms with label variants and report fields right")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                    help="cpu: user+system seconds of each process (default; steady on a shared machine); wall: elapsed")
    a = ap.parse_args()
    common.CLOCK = a.clock
    with tempfile.TemporaryDirectory() as folder:
        paths, lo = make_forms(folder, a.forms)
        contenders = {}
        floor = build_floor(folder)
        if floor:
            contenders["floor (C: libzip+libxml2)"] = [floor] + paths
            contenders["floor, document.xml only"] = [floor, "--document-only"] + paths
        contenders["python-docx extractor"] = [sys.executable, os.path.abspath(__file__), "--python-docx-extract"] + paths
        contenders["bulletin inspect --text"] = [a.bin, "inspect", "--text", "--config", a.config] + paths
        contenders["bulletin inspect --json"] = [a.bin, "inspect", "--json", "--config", a.config] + paths
        if a.baseline:
            contenders["baseline inspect --text"] = [a.baseline, "inspect", "--text", "--config", a.config] + paths
            contenders["baseline inspect --json"] = [a.baseline, "inspect", "--json", "--config", a.config] + paths
        results = common.interleaved(contenders, a.rounds)
        for name in ("bulletin inspect --json", "baseline inspect --json"):
            lines = results[name][2].count(b"\n") if name in results else len(paths)
            if lines != len(paths):
                print(f"{name}: expected {len(paths)} lines, got {lines}", file=sys.stderr)
                sys.exit(1)
        py = results["python-docx extractor"][0]
        fl = results.get("floor (C: libzip+libxml2)", (None,))[0]
        print(f"{len(paths)} forms ({len(paths) - lo} Word-template forms with styled title, headings, merged rows, "
              f"numbered 备注, 1/3 with content controls; {lo} written by LibreOffice); {a.rounds} interleaved rounds, median {common.CLOCK} seconds")
        print(f"{'contender':<28}{'seconds':>9}{'forms/s':>9}{'vs python-docx':>16}{'vs floor':>10}{'peak MiB':>10}")
        for name, (t, peak, _) in results.items():
            ratio_py = f"{py / t:.1f}x faster" if t <= py else f"{t / py:.1f}x slower"
            ratio_fl = f"{t / fl:.1f}x" if fl else "-"
            print(f"{name:<28}{t:>9.2f}{len(paths) / t:>9.0f}{ratio_py:>16}{ratio_fl:>10}{peak / 1024:>10.1f}")
        if a.variants:
            for name, binary in [("bulletin", a.bin)] + ([("baseline", a.baseline)] if a.baseline else []):
                right, total, misses = exactness(binary, a.config, folder, a.variants, seed=77)
                print(f"label variants, {name}: {right}/{total} fields right ({100 * right / total:.1f}%) on {a.variants} forms "
                      f"whose labels are typed as people type them")
                for m in misses[:(15 if name == "bulletin" else 3)]:
                    print("  miss:", m)


if __name__ == "__main__":
    main()
