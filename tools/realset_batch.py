"""Helper for writing one batch of the real labelled set (Tests/BulletinCoreTests/Fixtures/labelled/real/batches/).

Each batch script imports `case` and `write`, lists its cases and writes batchNN.json. The summaries are
paraphrases written for this set from the public report named in `basis` (no sentence copied); labels follow
docs/labelling.md; `hard` says why a label is debatable.
"""
import json, sys, os

CATS = {"基础": "基础研究成果", "应用": "应用研究成果", "转化": "成果转移转化案例", "其它": "其它"}

def case(id, title, summary, cat, sub, level, industry, url, hard=None):
    c = {"id": id, "title": title, "summary": summary,
         "expected": {"category": CATS[cat], "subtype": sub, "level": level, "industry": industry},
         "basis": url}
    if hard:
        c["hard"] = hard
    return c

def write(name, cases):
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "Tests", "BulletinCoreTests", "Fixtures", "labelled", "real", "batches", name)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "about": "real achievements, paraphrased; see docs/labelling.md", "cases": cases},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(out, len(cases))
