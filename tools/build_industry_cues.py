#!/usr/bin/env python3
"""Writes scoring.industries of pipeline.json from data/industry-taxonomy.json, and scoring.industryTitleHeads from
data/industry-title-heads.tsv (written by tools/industry_words.py --title-heads) and the taxonomy's `gbt4754.headTails`.

One cue group per class and strength: {"label", "weight" (2 strong, 1 weak), "phrases", "patterns", "source"}.
`source` (the class's source, code and name) is provenance: `explain` names it beside the cue word.
Two kinds of class:
- the classes of GB/T 4754-2017 (data/gbt4754-2017.tsv), mapped to an industry by code prefix, whose use words
  tools/industry_words.py derives from the class names (not from the labelled set);
- the explanatory notes of those classes (data/gbt4754-2017-notes.tsv), whose enumerations tools/industry_words.py
  reads (source "GB/T 4754-2017 <code> <name> 说明"), after the class names, when `gbt4754.noteWordsShipped` is true
  (it is false: they did not earn their place, docs/scoring.md round 14) or --with-notes is given;
- the listed classes of `industries` (战略性新兴产业分类（2018）, seed 003 and GB/T 4754-2017 classes whose names
  miss the words summaries use, such as 芯片 for 集成电路 or 暗物质 for 自然科学研究), each with its words.
A word is voted once: a listed word comes first and the derived copy of it is left out.
Deterministic: the order is the file's order. Usage: python3 tools/build_industry_cues.py [--check] [--derived-only]
[--listed-only] [--with-notes | --without-notes] [--out FILE] (--check exits 1 when pipeline.json is out of date instead of writing it; the other
flags write a copy of pipeline.json to FILE, for measuring one kind of class alone).
"""
import json, os, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import industry_words

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")

def derived_groups(taxonomy, listed, notes=False):
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
    if notes and taxonomy["gbt4754"].get("notesFile"):
        # The words of the classes' explanatory notes, after every class-name group: a word a class name gives (or a
        # listed word) is never taken again from a note.
        notes_by = industry_words.load_notes(os.path.join(ROOT, taxonomy["gbt4754"]["notesFile"]))
        nkept, _ = industry_words.note_words(taxonomy, classes, notes_by, industry_words.all_class_words(taxonomy, classes))
        nby = collections.OrderedDict()
        for word, v in nkept.items():
            if word in listed:
                continue
            nby.setdefault((v["code"], v["name"], v["industry"], v["weight"]), []).append(word)
        for (code, name, industry, weight), words in sorted(nby.items(), key=lambda kv: (kv[0][0], -kv[0][3])):
            out.append(collections.OrderedDict(label=industry, weight=weight, phrases=words,
                                               source="GB/T 4754-2017 %s %s 说明" % (code, name)))
    return out


def groups(taxonomy, derived=True, listed=True, notes=False):
    out = listed_groups(taxonomy) if listed else []
    words = {p for g in out for p in g["phrases"]}
    return out + (derived_groups(taxonomy, words, notes) if derived else [])


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

TITLE_HEADS = os.path.join("data", "industry-title-heads.tsv")
INDUSTRIES = ["电子信息", "装备制造", "先进材料", "能源化工", "食品轻纺", "医药健康", "现代农业", "其他"]


def shortened(words):
    """The first three class words, and … when there are more (the reason names a few, the file all)."""
    return "、".join(words[:3]) + ("…" if len(words) > 3 else "")


def title_heads(taxonomy, path=None):
    """scoring.industryTitleHeads: {"source", "heads": [{"char", "industry", "words"}], "tails"}. A malformed line of
    the TSV stops the script with its file and line number and what to do."""
    path = path or os.path.join(ROOT, TITLE_HEADS)
    heads, seen = [], {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            where = "%s:%d" % (os.path.relpath(path, ROOT), n)
            if len(cells) != 4:
                sys.exit("%s: has %d tab-separated cells; a line is: char, industry, words (、-separated), classes. "
                         "Rewrite the file with python3 tools/industry_words.py --title-heads" % (where, len(cells)))
            char, industry, words, _ = cells
            if len(char) != 1 or not "\u4e00" <= char <= "\u9fff":
                sys.exit("%s: the head \"%s\" is not one Han character" % (where, char))
            if industry not in INDUSTRIES:
                sys.exit("%s: \"%s\" is not an industry; use one of %s" % (where, industry, "、".join(INDUSTRIES)))
            if char in seen:
                sys.exit("%s: the head \"%s\" is listed again (first on line %d)" % (where, char, seen[char]))
            ws = words.split("、")
            if not all(w.endswith(char) for w in ws):
                sys.exit("%s: every class word must end with \"%s\": %s" % (where, char, words))
            seen[char] = n
            heads.append(collections.OrderedDict(char=char, industry=industry, words=shortened(ws)))
    return collections.OrderedDict(
        source="%s (python3 tools/industry_words.py --title-heads) and gbt4754.headTails of data/industry-taxonomy.json" % TITLE_HEADS,
        heads=heads, tails=taxonomy["gbt4754"]["headTails"])


def write_title_heads(text, heads):
    """pipeline.json's text with scoring.industryTitleHeads (one head per line) after scoring.industries."""
    block = ('"industryTitleHeads": {\n      "source": %s,\n      "heads": [\n' % json.dumps(heads["source"], ensure_ascii=False)
             + ",\n".join("        " + json.dumps(h, ensure_ascii=False).replace('{"', '{ "').replace('"}', '" }') for h in heads["heads"])
             + '\n      ],\n      "tails": %s\n    }' % json.dumps(heads["tails"], ensure_ascii=False))
    scoring = text.index('"scoring"')
    if '"industryTitleHeads": {' in text:
        start = text.index('"industryTitleHeads": {', scoring)
        end = text.index("\n    }", start) + len("\n    }")
        return text[:start] + block + text[end:]
    start = text.index('"industries": [', scoring)
    end = text.index("\n    ],", start) + len("\n    ],")
    return text[:end] + "\n    " + block + "," + text[end:]


def main():
    with open(os.path.join(ROOT, "data", "industry-taxonomy.json"), encoding="utf-8") as f:
        taxonomy = json.load(f)
    path = os.path.join(ROOT, "pipeline.json")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    config = json.loads(text)
    new = groups(taxonomy, derived="--listed-only" not in sys.argv, listed="--derived-only" not in sys.argv,
                 notes="--with-notes" in sys.argv or (taxonomy["gbt4754"].get("noteWordsShipped", False) and "--without-notes" not in sys.argv))
    if "--out" in sys.argv:
        path = sys.argv[sys.argv.index("--out") + 1]
    heads = title_heads(taxonomy)
    if "--check" in sys.argv:
        same = config["scoring"]["industries"] == json.loads(json.dumps(new))
        sys.exit(0 if same and config["scoring"].get("industryTitleHeads") == json.loads(json.dumps(heads)) else 1)
    # Replace only the text of scoring.industries (one group per line, as the file is written by hand),
    # so the rest of pipeline.json keeps its layout.
    start = text.index('"industries": [', text.index('"scoring"'))
    end = text.index("\n    ],", start) + len("\n    ]")
    lines = ",\n".join("      " + json.dumps(g, ensure_ascii=False).replace('{"', '{ "').replace('"}', '" }').replace('], "', '], "') for g in new)
    text = text[:start] + '"industries": [\n' + lines + text[end - len("\n    ]"):]
    text = write_title_heads(text, heads)
    if os.path.dirname(os.path.abspath(path)) != os.path.abspath(ROOT):
        # A copy elsewhere (--out): a relative scoring.model.weights is read from the copy's folder, which holds no
        # weights, and the layer is on; name the repository's weights by an absolute path.
        weights = '"weights": "data/scoring-model.json"'
        text = text.replace(weights, '"weights": %s' % json.dumps(os.path.join(os.path.abspath(ROOT), "data", "scoring-model.json"), ensure_ascii=False))
    json.loads(text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("scoring.industries: %d groups; scoring.industryTitleHeads: %d heads" % (len(new), len(heads["heads"])))

if __name__ == "__main__":
    main()
