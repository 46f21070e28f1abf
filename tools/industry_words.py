#!/usr/bin/env python3
"""Derives industry cue words from the class names of GB/T 4754-2017 (data/gbt4754-2017.tsv).

Each class the taxonomy maps (data/industry-taxonomy.json, `gbt4754.map`: a code prefix -> an industry, the
longest prefix wins, "" leaves a class out) gives its *use words*: the name is split at its conjunctions
(、 和 及 与 或), the activity words are cut off its end (制造, 加工, 种植, 饲养, 开采 …), and what is left is a
word of the use (中成药生产 -> 中成药; 锂离子电池制造 -> 锂离子电池; 茶饮料及其他饮料制造 -> 茶饮料, 饮料).
The head of a longer compound (its last characters: 金属切削机床 -> 机床, 锂离子电池 -> 电池) is kept as a
weaker word, because Chinese compounds name their kind at the end; but only when compounds end with it after
different characters or a name gives it whole (器人 of 机器人 is a fragment, 机床 of 切削机床 and 成形机床 a word),
and never when it is one character before a stop word (类产品 of 布艺类产品, 电工程 of 火力发电工程: the tail of the word
before it glued to a generic one, which a summary holds only across two words, as 输电工程 holds 电工程).

Specificity decides the weight:
- a word that only classes of one industry give is kept: `strong` (2) when it is a whole part of a name, `weak` (1)
  when it is only the head of a compound or when the classes giving it are the broad ones (2 or 3 digits);
- a word that classes of two industries give is ambiguous and dropped (listed in the report), as are the
  generic words of `gbt4754.stopWords` (设备, 材料, 制品 …) that say nothing about the use.

Deterministic: classes in file order, words in the order found. Usage: python3 tools/industry_words.py [--report | --title-heads]
"""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")

# Activity words at the end of a class name: the use is what comes before them. Longest first.
ACTIVITY_SUFFIXES = [
    "及相关产业", "相关产业", "相关服务", "研究和试验发展", "专业及辅助性活动", "辅助性活动", "生产和供应业", "生产和供应", "开采洗选", "压延加工业",
    "压延加工", "冶炼和压延加工业", "及其制品", "制造业", "制品业", "加工业", "供应业", "服务业", "设施管理",
    "精加工", "初加工", "热处理加工", "生产专用", "制造", "生产", "加工", "种植", "饲养", "养殖", "开采", "采选",
    "洗选", "冶炼", "服务", "活动", "修理", "制作", "捕捞", "采运", "采集", "培育", "繁殖", "施工", "供应",
    "利用", "分配", "管理", "建筑", "处理", "产业", "业",
]
# Words in front that narrow nothing.
LEADING = ["其他未列明", "其他", "未列明", "其中："]
SPLIT = re.compile(r"[、，,和及与或]")
PAREN = re.compile(r"[（(]([^）)]*)[）)]")


def load_classes(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, name = line.rstrip("\n").split("\t")
            out.append((code, name.strip()))
    return out


def industry_of(code, mapping):
    """The industry of the longest mapped prefix of `code`, "" when the taxonomy leaves it out."""
    best = None
    for prefix, industry in mapping.items():
        if code.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return mapping[best] if best is not None else ""


def strip_activity(part):
    changed = True
    while changed:
        changed = False
        for s in ACTIVITY_SUFFIXES:
            if part.endswith(s) and len(part) > len(s):
                rest = part[: -len(s)]
                # 业 goes only with an activity before it (洗选业, 养殖业); 农业, 林业, 渔业, 畜牧业 are the words.
                if s == "业" and not any(rest.endswith(a) for a in ACTIVITY_SUFFIXES if a != "业"):
                    continue
                part = rest
                changed = True
                break
    for lead in LEADING:
        if part.startswith(lead):
            part = part[len(lead):]
    return part.replace("的", "").strip()


# A last piece that is a machine or tool *for* something (食品、酒、饮料及茶生产专用设备; 燃气及类似能源家用器具):
# the pieces before it name what the machine serves, not what it is, so they give no word.
SERVES = re.compile(r"(专用|用)(设备|机械|器具|器材|仪器|仪表|机具|装备|配件|金属制品|金属工具|制品|产品|材料)$|专用")


def parts_of(name):
    """The use words of a class name: (word, whole) where whole is False for the head of a compound."""
    extra = PAREN.findall(name)
    name = strip_activity(PAREN.sub("", name).strip())  # 研究和试验发展, 生产和供应 before the split
    pieces = SPLIT.split(name)
    if len(pieces) > 1 and SERVES.search(strip_activity(pieces[-1])):
        pieces = pieces[-1:]
    for e in extra:
        pieces += SPLIT.split(e)
    out = []
    for p in pieces:
        w = strip_activity(p.strip())
        if len(w) >= 2:
            out.append((w, True))
            for k in range(len(w) - 1, 1, -1):  # heads: the last k characters
                out.append((w[-k:], False))
    return out


def mapped_classes(taxonomy, classes):
    """(code, name, industry, depth) of every class of either classification that maps to an industry; depth 4 is
    the most specific (a 4-digit GB/T 4754 class, a key direction of 战略性新兴产业分类 such as 6.1 核电产业)."""
    mapping = {m["prefix"]: m["industry"] for m in taxonomy["gbt4754"]["map"]}
    for code, name in classes:
        industry = industry_of(code, mapping)
        if industry:
            yield code, name, industry, len(code) - 1
    for c in taxonomy.get("sei2018", {}).get("classes", []):
        yield "SEI-2018 " + c["code"], c["name"], c["industry"], 4 if "." in c["code"] else 2


def derive(taxonomy, classes):
    cfg = taxonomy["gbt4754"]
    stop = set(cfg["stopWords"])
    found = collections.OrderedDict()  # word -> list of (industry, code, name, whole, depth)
    for code, name, industry, depth in mapped_classes(taxonomy, classes):
        for w, whole in parts_of(name):
            if w in stop:
                continue
            found.setdefault(w, []).append((industry, code, name, whole, depth))
    # A head is a word only when compounds end with it after different characters (机床: 切削机床, 成形机床) or a
    # name gives it whole (电池: 电池制造); a head always preceded by the same character is a fragment of a longer
    # word (器人 of 机器人, 物油 of 植物油, 削机床).
    before = collections.defaultdict(set)
    for code, name, _, _ in mapped_classes(taxonomy, classes):
        for w, whole in parts_of(name):
            if whole:
                for k in range(len(w) - 1, 1, -1):
                    before[w[-k:]].add(w[-k - 1])
    for w in list(found):
        if not any(h[3] for h in found[w]) and len(before[w]) < 2:
            del found[w]
    # A head that is one character before a stop word (类产品 of 布艺类产品, 电工程 of 发电工程, 疗设备 of 治疗设备,
    # 路工程 of 铁路工程) is the tail of the word before it glued to a generic one: in a summary it is found across two
    # words (输电工程, 野生动物保护), never as a word of its own.
    for w in list(found):
        if not any(h[3] for h in found[w]) and len(w) == 3 and w[1:] in stop:
            del found[w]
    kept, dropped = collections.OrderedDict(), collections.OrderedDict()
    precedence = [tuple(p) for p in cfg.get("precedence", [])]
    for w, hits in found.items():
        industries = sorted({h[0] for h in hits})
        if len(industries) > 1:
            # The most specific classes that name the word whole decide (光缆: C3833 光缆制造 over C383 电线、电缆、光缆…).
            deepest = [h for h in hits if h[3] and h[4] == 4]
            top = sorted({h[0] for h in deepest})
            if len(top) == 1:
                hits = [h for h in hits if h[0] == top[0]]
                industries = top
            else:
                pair = [p for p in precedence if set(p) == set(industries)]
                if pair:
                    hits = [h for h in hits if h[0] == pair[0][0]]
                    industries = [pair[0][0]]
        if len(industries) > 1:
            dropped[w] = ["%s %s→%s" % (h[1], h[2], h[0]) for h in hits]
            continue
        # The class it came from: the most specific one that gives it as a whole word, else the first.
        whole = [h for h in hits if h[3]]
        src = max(whole or hits, key=lambda h: h[4])
        strong = any(h[3] and h[4] == 4 for h in hits)
        kept[w] = dict(industry=industries[0], code=src[1], name=src[2], weight=2 if strong else 1)
    return kept, dropped


# One-character heads of goods (the title's last character names the kind of thing: 采棉机, 破冰船, 手撕钢).
# Only the classes that make goods (门类 A 农林牧渔, B 采矿, C 制造, D 电力燃气) give them; a character is a head of an
# industry when the whole use words of 4-digit classes end with it at least HEAD_MIN_WORDS times, at least HEAD_PURITY
# of them in that industry (机: 拖拉机, 汽轮机, 飞机 … 15 of 19; 计算机 and 电视机 are longer cues of 电子信息 that win
# where they occur). `gbt4754.headStopChars` leaves out characters that end common words which are not goods
# (制 of 机制, 气 of 大气, 金 of 资金 …).
HEAD_MIN_WORDS = 2
HEAD_PURITY = 0.75


def title_heads(taxonomy, classes):
    """{character: (industry, [words ending with it], [codes])} for the one-character heads of goods classes."""
    mapping = {m["prefix"]: m["industry"] for m in taxonomy["gbt4754"]["map"]}
    stop = set(taxonomy["gbt4754"]["stopWords"])
    skip = set(taxonomy["gbt4754"].get("headStopChars", []))
    words = collections.OrderedDict()  # char -> industry -> {word: code}
    for code, name in classes:
        if len(code) != 5 or code[0] not in "ABCD":
            continue
        industry = industry_of(code, mapping)
        if not industry:
            continue
        extra = PAREN.findall(name)
        pieces = SPLIT.split(strip_activity(PAREN.sub("", name).strip()))
        if len(pieces) > 1 and SERVES.search(strip_activity(pieces[-1])):
            pieces = pieces[-1:]
        for e in extra:
            pieces += SPLIT.split(e)
        for piece in pieces:
            w = strip_activity(piece.strip())
            if w and w not in stop:
                words.setdefault(w[-1], collections.OrderedDict()).setdefault(industry, collections.OrderedDict()).setdefault(w, code)
    out = collections.OrderedDict()
    for ch, by in words.items():
        if ch in skip or not "\u4e00" <= ch <= "\u9fff":
            continue
        total = sum(len(v) for v in by.values())
        industry = max(by, key=lambda k: len(by[k]))
        if total >= HEAD_MIN_WORDS and len(by[industry]) >= HEAD_PURITY * total:
            out[ch] = (industry, list(by[industry]), list(by[industry].values()))
    return out


def main():
    with open(os.path.join(ROOT, "data", "industry-taxonomy.json"), encoding="utf-8") as f:
        taxonomy = json.load(f)
    classes = load_classes(os.path.join(ROOT, taxonomy["gbt4754"]["file"]))
    kept, dropped = derive(taxonomy, classes)
    if "--title-heads" in sys.argv:
        # data/industry-title-heads.tsv: character, industry, the class words ending with it, their classes.
        print("# One-character heads of goods classes (GB/T 4754-2017 门类 A-D), written by python3 tools/industry_words.py --title-heads.")
        print("# char\tindustry\twords\tclasses")
        for ch, (industry, ws, codes) in title_heads(taxonomy, classes).items():
            print(ch, industry, "、".join(ws), " ".join(codes), sep="\t")
        return
    if "--report" in sys.argv:
        by = collections.Counter((v["industry"], v["weight"]) for v in kept.values())
        for k in sorted(by):
            print(k, by[k])
        print("dropped (ambiguous):", len(dropped))
        for w, why in list(dropped.items()):
            print(" ", w, "|", "; ".join(why[:4]))
    else:
        for w, v in kept.items():
            print(w, v["industry"], v["weight"], v["code"], v["name"], sep="\t")


if __name__ == "__main__":
    main()
