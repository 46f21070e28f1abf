#!/usr/bin/env python3
"""Writes scoring.industries of pipeline.json from data/industry-taxonomy.json.

One cue group per class and strength: {"label", "weight" (2 strong, 1 weak), "phrases", "patterns", "source"}.
`source` (the class's source, code and name) is provenance for a reader; the scorer ignores it.
Deterministic: the order is the file's order. Usage: python3 tools/build_industry_cues.py [--check]
(--check exits 1 when pipeline.json is out of date instead of writing it).
"""
import json, os, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")

def groups(taxonomy):
    out = []
    for industry in taxonomy["industries"]:
        for c in industry["classes"]:
            source = "%s %s %s" % (c["source"], c["code"], c["name"])
            for weight, key in ((2, "strong"), (1, "weak")):
                phrases = c.get(key, [])
                patterns = c.get("patterns", []) if key == "weak" else []
                if phrases or patterns:
                    g = collections.OrderedDict(label=industry["industry"], weight=weight, phrases=phrases)
                    if patterns:
                        g["patterns"] = patterns
                    g["source"] = source
                    out.append(g)
    return out

def main():
    with open(os.path.join(ROOT, "data", "industry-taxonomy.json"), encoding="utf-8") as f:
        taxonomy = json.load(f)
    path = os.path.join(ROOT, "pipeline.json")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    config = json.loads(text)
    new = groups(taxonomy)
    if "--check" in sys.argv:
        sys.exit(0 if config["scoring"]["industries"] == json.loads(json.dumps(new)) else 1)
    # Replace only the text of scoring.industries (one group per line, as the file is written by hand),
    # so the rest of pipeline.json keeps its layout.
    start = text.index('"industries": [', text.index('"scoring"'))
    end = text.index("\n    ],", start) + len("\n    ]")
    lines = ",\n".join("      " + json.dumps(g, ensure_ascii=False).replace('{"', '{ "').replace('"}', '" }').replace('], "', '], "') for g in new)
    text = text[:start] + '"industries": [\n' + lines + text[end - len("\n    ]"):]
    json.loads(text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("scoring.industries: %d groups" % len(new))

if __name__ == "__main__":
    main()
