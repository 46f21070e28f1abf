#!/usr/bin/env python3
"""A scripted reviewer: fills a bulletin review sheet (XLSX) the way a person would in a spreadsheet program,
with openpyxl, by rules given on the command line. Used by `make demo` and the review-sheet tests.

Examples
  tools/demo_review.py outbox/review/2026-11-初选-基础处.xlsx --all 通过 --reviewer 王审核
  tools/demo_review.py sheet.xlsx --all 通过 --title 秸秆=不通过 --title 茶=退回修改 --order score -o filled.xlsx
  tools/demo_review.py sheet.xlsx --case 2026-11-0003=送咨询 --note "请补充检测报告"

Rules apply in order: --all first, then every --case and --title (later rules win). A word may be empty
(`--title 秸秆=`) to leave that row blank (not decided). --order numbers the rows that end up 通过 (by 评分,
highest first, or in sheet order) in the 排序 column, when the sheet has one.
"""
import argparse
import sys

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.exit("demo_review.py needs openpyxl (pip install openpyxl, or apt-get install python3-openpyxl)")


def header_row(ws):
    """The row number and {header: column} of the first of the top 10 rows holding 案例编号."""
    for r in range(1, min(ws.max_row, 10) + 1):
        cols = {}
        for c in range(1, ws.max_column + 1):
            v = ws.cell(row=r, column=c).value
            if isinstance(v, str) and v.strip():
                cols.setdefault(v.strip(), c)
        if "案例编号" in cols:
            return r, cols
    return None, None


def redate(path):
    """Rewrites the zip at `path` with every entry dated 1980-01-01 00:00 and the core properties' created and
    modified times set to that moment (openpyxl writes the time of saving); names, order, other bytes and
    compression unchanged."""
    import os
    import re
    import tempfile
    import zipfile
    folder = os.path.dirname(os.path.abspath(path))
    with zipfile.ZipFile(path) as src, tempfile.NamedTemporaryFile(dir=folder, delete=False) as tmp:
        with zipfile.ZipFile(tmp, "w") as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = re.sub(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:)", rb"\g<1>1980-01-01T00:00:00Z\g<3>", data)
                fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                fixed.compress_type = info.compress_type
                fixed.external_attr = info.external_attr
                dst.writestr(fixed, data)
    os.replace(tmp.name, path)


def rule(text, what):
    if "=" not in text:
        sys.exit(f"{what} {text!r}: expected KEY=WORD, e.g. 秸秆=不通过")
    key, word = text.split("=", 1)
    return key.strip(), word.strip()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sheet", help="the review sheet (.xlsx) to fill")
    p.add_argument("-o", "--output", help="where to save (default: overwrite the sheet)")
    p.add_argument("--all", metavar="WORD", help="the decision for every row, e.g. 通过")
    p.add_argument("--title", action="append", default=[], metavar="TEXT=WORD",
                   help="the decision for rows whose 成果名称 contains TEXT (repeatable)")
    p.add_argument("--case", action="append", default=[], metavar="ID=WORD",
                   help="the decision for the row of case ID (repeatable)")
    p.add_argument("--order", choices=["score", "sheet"], help="fill 排序 for the rows decided 通过")
    p.add_argument("--reviewer", help="审核人 for every decided row")
    p.add_argument("--note", help="说明 for every decided row")
    p.add_argument("--reproducible", action="store_true",
                   help="the same bytes for the same sheet and rules: the workbook's created and modified times and every "
                        "zip entry are dated 1980-01-01 (openpyxl dates them now), so that two binaries' runs over decided "
                        "sheets can be compared byte for byte (tools/bench_nightly.py --decide)")
    args = p.parse_args()

    wb = openpyxl.load_workbook(args.sheet)
    ws = next((s for s in wb.worksheets if s.sheet_state == "visible"), None)
    if ws is None:
        sys.exit(f"{args.sheet}: no visible worksheet")
    hr, cols = header_row(ws)
    if hr is None:
        sys.exit(f"{args.sheet}: worksheet {ws.title} has no header row with 案例编号 in its first 10 rows")
    decision = next((h for h in cols if h.endswith("意见")), None)
    if decision is None:
        sys.exit(f"{args.sheet}: worksheet {ws.title} has no <stage>意见 column")
    cases = [rule(t, "--case") for t in args.case]
    titles = [rule(t, "--title") for t in args.title]

    decided = []
    for r in range(hr + 1, ws.max_row + 1):
        case_id = ws.cell(row=r, column=cols["案例编号"]).value
        if case_id is None or str(case_id).strip() == "":
            continue
        case_id = str(case_id).strip()
        title = str(ws.cell(row=r, column=cols.get("成果名称", 2)).value or "")
        word = args.all
        for key, w in cases:
            if key == case_id:
                word = w
        for key, w in titles:
            if key in title:
                word = w
        if word is None:
            continue
        ws.cell(row=r, column=cols[decision]).value = word or None
        if word:
            if args.reviewer and "审核人" in cols:
                ws.cell(row=r, column=cols["审核人"]).value = args.reviewer
            if args.note and "说明" in cols:
                ws.cell(row=r, column=cols["说明"]).value = args.note
        decided.append((r, case_id, title, word))

    if args.order and "排序" in cols:
        passed = [d for d in decided if d[3] == "通过"]
        if args.order == "score" and "评分" in cols:
            def score(d):
                v = ws.cell(row=d[0], column=cols["评分"]).value
                try:
                    return float(v)
                except (TypeError, ValueError):
                    return float("-inf")
            passed.sort(key=lambda d: (-score(d), d[0]))
        for n, d in enumerate(passed, 1):
            ws.cell(row=d[0], column=cols["排序"]).value = n

    out = args.output or args.sheet
    wb.save(out)
    if args.reproducible:
        redate(out)
    counts = {}
    for d in decided:
        counts[d[3] or "(blank)"] = counts.get(d[3] or "(blank)", 0) + 1
    summary = ", ".join(f"{w} {n}" for w, n in counts.items()) or "nothing"
    print(f"{out}: {ws.title}: {decision}: {summary}")


if __name__ == "__main__":
    main()
