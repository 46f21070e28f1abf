#!/usr/bin/env python3
"""Writes scoring.industries of pipeline.json from data/industry-taxonomy.json.

One cue group per class and strength: {"label", "weight" (2 strong, 1 weak), "phrases", "patterns", "source"}.
`source` (the class's source, code and name) is provenance: `explain` names it beside the cue word.
Two kinds of class:
- the classes of GB/T 4754-2017 (data/gbt4754-2017.tsv), mapped to an industry by code prefix, whose use words
  tools/industry_words.py derives from the class names (not from the labelled set);
- the listed classes of `industries` (战略性新兴产业分类（2018）, seed 003 and GB/T 4754-2017 classes whose names
  miss the words summaries use, such as 芯片 for 集成电路 or 暗物质 for 自然科学研究), each with its words.
A word is voted once: a listed word comes first and the derived copy of it is left out.
Deterministic: the order is the file's order. Usage: python3 tools/build_industry_cues.py [--check] [--derived-only]
[--listed-only] [--out FILE] (--check exits 1 when pipeline.json is out of date instead of writing it; the other
flags write a copy of pipeline.json to FILE, for measuring one kind of class alone).
"""
import json, os, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import industry_words

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")

def derived_groups(taxonomy, listed):
    classes = industry_words.load_classes(os.path.join(ROOT, taxonomy["gbt4754"]["file"]))
    kept, _ = industry_words.derive(taxonomy, classes)
    by = collections.OrderedDict()
    for word, v in kept.items():
        if word in listed:
            continue
        by.setdefault((v["code"], v["name"], v["industry"], v["weight"]), []).append(word)
    out = []
    for (code, name, industry, weight), words in sorted(by.items(), key=lambda kv: (kv[0][0], -kv[0][3])):
        out.append(collections.OrderedDict(label=industry, weight=weight, phrases=words,
                                           source=("%s %s" if code.startswith("SEI") else "GB/T 4754-2017 %s %s") % (code, name)))
    return out


def groups(taxonomy, derived=True, listed=True):
    out = listed_groups(taxonomy) if listed else []
    words = {p for g in out for p in g["phrases"]}
    return out + (derived_groups(taxonomy, words) if derived else [])


def listed_groups(taxonomy):
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
    new = groups(taxonomy, derived="--listed-only" not in sys.argv, listed="--derived-only" not in sys.argv)
    if "--out" in sys.argv:
        path = sys.argv[sys.argv.index("--out") + 1]
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
