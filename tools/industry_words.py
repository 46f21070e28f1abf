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

The explanatory notes (说明) of the classes (data/gbt4754-2017-notes.tsv, `gbt4754.notesFile`) give more words, by
their enumerations only (note_items): "包括A、B、C等", "指…A、B和C的制造", a (还)包括 clause naming one thing. What a
note excludes (不包括…, 不含…, 除…外) gives nothing, nor does a list of uses (用于…), inputs (以…为原料), processes or
ways (…等工艺, …等方式), or what a machine class serves. A note word is weaker evidence than a class name: a word a
class name gives is never taken from a note; a note word weighs 1, or 2 when it is a whole item of a 4-digit class's
note; `gbt4754.noteStopWords` (and the stop words) are dropped; a note word of two industries goes through the same
specificity and `precedence` as a class name's, else it is dropped. Its group's source ends with 说明.

Deterministic: classes in file order, words in the order found. Usage: python3 tools/industry_words.py [--report |
--title-heads | --notes] [--taxonomy FILE] [--classes FILE] [--notes-file FILE] [--note TEXT]
(--notes lists the note words; --note TEXT prints the items one note gives, one a line, excluded ones after "-")
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


# MARK: - The explanatory notes (说明)

def load_notes(path):
    """{code: note} from data/gbt4754-2017-notes.tsv (code<TAB>note)."""
    out = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, note = line.rstrip("\n").split("\t")
            out[code] = note
    return out


# What a note excludes: 不包括…/不含… to the end of its sentence (；。) or to a following （还）包括 clause, and 除…（以）外.
NOTE_EXCLUDED = re.compile(r"(?:但)?(?:不包括|不含)[^；;。）)]*?(?=[；;。）)]|[，,](?:还|也|并)?包括|$)|除[^，,；;。]*?外")
# A bracket: its content is an enumeration of its own (铂族元素（铂、铱、锇…）), unless it excludes (（不包括化纤短纤）).
NOTE_BRACKET = re.compile(r"[（(]([^（()）]*)[）)]")
NOTE_CLAUSE = re.compile(r"[，,；;。：:]")
# An enumeration: items separated by 、, none holding 的 or 等 (which end a list: …等水果, …和疫苗的制剂).
NOTE_ENUMERATION = re.compile(r"[^、的等]+(?:、[^、的等]+)+")
# The words that lead into the first item (指苹果, 指利用生物技术生产生物化学药品): the item starts after the last one.
NOTE_LEAD = ["指", "包括", "如", "即", "特指", "其中", "生产", "制造", "各种", "各类", "主要", "的"]
# A verb or preposition left in the first item after its lead (指将稻谷、…, 由细菌、…, 对温度、…), or inside an item
# (铀矿石中提取铀, 勾兑而制成): the list is the object of another action, or the item a phrase, not goods.
NOTE_VERB = re.compile(r"^(?:对|将|以|由|用|为|经|在|通过|采用|从|使用|按|把|并|具有|便于|过|使|具|有|可|能|与|或)|进行|使用|制成|而成|通过|采用|提取|用于|加入|配以|于|有关|购|产生|中$|上$|时$")
# What may follow a list of goods: 等, the activity (…的制造), an activity word, or a kind of goods after 的 that the
# activity closes (…等电器具的制造 is read at 等).
NOTE_CLOSE = re.compile(r"等|的?(?:制造|生产|加工|种植|养殖|饲养|采选|开采|冶炼|制作|捕捞|采集|培育|繁殖|整机|及其)")
# A machine class (its name ends with a kind of machine): its note's lists name what the machine serves or does unless
# the items are machines themselves.
MACHINE_CLASS = re.compile(r"(设备|机械|器材|仪器|仪表|装置|装备|机具)(制造)?$")
# An enumeration of what the class's goods are used for, made from, or made by, not the goods: skipped when its clause
# before it holds one of USE, or after it one of ROLE (…等为原料, …等工艺, …等功能).
NOTE_USE = re.compile(r"用于|用作|适用于|供|服务于|为了|起到|以达到|利用|通过|采用|按|依据|将")
NOTE_ROLE = re.compile(r"(?<![专通家日民军商实作应适使利费信功])用|所需|变量|参数|性能|指标|污染|信息|要素|因子|价值|措施|场所|原料|为主|工艺|工序|步骤|过程|操作|技术|作业|手段|方式|方法|功能|目的|领域|方面|用途|水源|提供|服务|途径|原理|形式|环节")
# A list that modifies the noun after its 的 when that noun opens another list (海水、淡水养殖或捕捞的鱼类、虾类…).
NOTE_MODIFIER = re.compile(r"^的[^的等]*、")
# Items that are properties, not goods (一次性, 不可充电, 乳化).
NOTE_NOT_GOODS = re.compile(r"^[不非无已未他一二两三四五六七八九十]|^类似|可|[性化状度制]$|性能$")
# Activities that a list of activities holds (开采、洗选、分级; 收集、贮存、处置): the list names no goods.
NOTE_ACTIVITY = {"精选", "选矿", "采矿", "分级", "收集", "贮存", "处置", "监测", "评估", "测试", "分析", "维修", "保护", "回收",
                 "腌制", "干制", "传输", "交换", "整治", "运行维护", "开发", "配置", "节约", "勘查", "勘探", "检测", "治理"}
# A machine class's note names what the machine serves; only items that are machines themselves are its words.
NOTE_MACHINE_ITEM = re.compile(r"(机|机械|设备|装置|器|仪|机床|泵|阀|炉|车|船|机组|装备)$")
# 用 of "X用Y" (庆典用焰火, 投影用感光材料), not of a word (专用, 通用, 家用, 日用, 民用, 实用 …).
NOTE_FOR_USE = re.compile(r"(?<![专通家日民军商实作应适使利费信功])用")
NOTE_SINGLE = re.compile(r"^(?:还|也|并)?包括([^、]+?)(?:等|的|$)")
NOTE_SPLIT = re.compile(r"以及|[和及与或]")
NOTE_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
NOTE_LEADING = ["其他未列明", "其他", "未列明", "各种", "各类", "各式", "专业", "一般", "下列", "其"]


def note_items(note, machine=False):
    """(included, excluded): the items a note enumerates as the class's goods, and those it names only to exclude.

    A list is read only where the notes' grammar says it names the goods: it follows 指, 包括, 如, 即, 的, 各种/各类 or
    a verb of making (生产, 制造), directly, and it is closed by 等, by 的 and the activity (…和疫苗的制剂生产 is not:
    the 的 is followed by a noun, so the list modifies it), by an activity word or by the end of its clause."""
    excluded = []
    for m in NOTE_EXCLUDED.finditer(note):
        body = re.sub(r"^(?:但)?(?:不包括|不含|除)[：:]?|(?:以)?外$", "", m.group(0))
        excluded += _items_of(NOTE_BRACKET.sub("", body))
    # What is cut out leaves a boundary (|), so that the words on either side are not glued (棉型化纤（化纤短丝）纺织).
    text = NOTE_EXCLUDED.sub("|", note)
    lists = []
    for m in NOTE_BRACKET.finditer(text):
        b, before = m.group(1), NOTE_CLAUSE.split(text[: m.start()])[-1]
        # A bracket's list names examples of the word before it, unless that is a use, an input or a part of the body
        # (撒布于人体表面任何部位（皮肤、毛发…）, 利用…氧（如空气、氧气）).
        if "、" in b and not b.startswith(("含", "包含", "如")) and not re.search(r"于|对|用|以|按", before) \
                and not NOTE_ROLE.search(before[-4:]):
            lists.append(("", b, ""))
    text = NOTE_BRACKET.sub("|", text)
    for clause in NOTE_CLAUSE.split(text):
        single = NOTE_SINGLE.match(clause)
        if single and "、" not in clause:
            if not NOTE_USE.search(single.group(1)) and not NOTE_VERB.search(single.group(1)):
                lists.append(("包括", single.group(1), ""))
            continue
        for m in NOTE_ENUMERATION.finditer(clause):
            # A list right after 等 starts with the noun that closed the list before it (…高粱等谷物去壳、碾磨): no list.
            if m.start() > 0 and clause[m.start() - 1] == "等":
                continue
            lists.append((clause[: m.start()], m.group(0), clause[m.end():]))
    included = []
    for before, body, after in lists:
        parts = body.split("、")
        first = parts[0]
        cut = max((first.rfind(w) + len(w) for w in NOTE_LEAD if w in first), default=0)
        lead, parts[0] = first[:cut], first[cut:]
        if before == "" and lead == "" and after == "" and body is not None and not before:
            pass  # a bracket's list, or a clause that is only a list
        # A list of uses (用于…), of inputs (以…为原料, 由…), of what modifies the noun after its 的, or of roles (…等工艺).
        upto = re.split(r"的", after)[0]
        if not parts[0] or NOTE_USE.search(before.split("的")[-1] + first) or re.search(r"用(?!于)", before) or re.match(r"(?:指)?(?:[以对将由从经在]|通过|采用|使用)", before) or re.search(r"[以对将由从经在]|使用", lead.replace("指", "", 1)) or NOTE_VERB.search(parts[0]) or NOTE_ROLE.search(upto) \
                or NOTE_VERB.search(upto) or any(NOTE_VERB.search(p) for p in parts[1:]):
            continue
        # A list of activities or properties (采矿、选矿活动; 物理、机械性能): one such item makes the list one.
        tail = (parts[-1] + after).split("，")[0]
        if re.search(r"(活动|服务|管理|工作|措施)$", tail) and not re.search(r"(制造|生产|加工|种植|养殖|饲养|制作|捕捞|采集)(活动)?$", tail):
            continue
        if any(NOTE_NOT_GOODS.search(strip_activity(p.split("等")[0])) or strip_activity(p.split("等")[0]) in NOTE_ACTIVITY for p in parts):
            continue
        if after and not NOTE_CLOSE.match(after):
            continue
        # …为面料, …为原料 closing the list: inputs. A list holding an activity (开采、洗选、分级) lists activities.
        if "为" in parts[-1] or any(p.split("等")[0].strip() in ACTIVITY_SUFFIXES or strip_activity(p.split("等")[0]) != p.split("等")[0]
                                      and not strip_activity(p.split("等")[0]) for p in parts):
            continue
        if any(p.split("等")[0] in ACTIVITY_SUFFIXES for p in parts):
            continue
        # X、Y用Z: the items before one that holds 用 are uses too (节日、庆典用焰火).
        used = [i for i, p in enumerate(parts) if NOTE_FOR_USE.search(p)]
        if used:
            parts = parts[used[-1] + 1:]
        for w in _items_of("、".join(parts)):
            if machine and not NOTE_MACHINE_ITEM.search(w):
                continue
            if w not in included:
                included.append(w)
    return included, [w for w in excluded if w not in included]


def _items_of(body):
    """The words of a list's items: split at 、 and the conjunctions, activity words cut, lead words dropped."""
    out = []
    for part in body.split("、"):
        part = part.split("等")[0]
        for piece in NOTE_SPLIT.split(part):
            w = strip_activity(piece.strip())
            for lead in NOTE_LEADING:
                if w.startswith(lead):
                    w = w[len(lead):]
            w = strip_activity(w)
            if NOTE_WORD.match(w) and w not in ACTIVITY_SUFFIXES and not NOTE_NOT_GOODS.search(w) and not NOTE_VERB.search(w):
                out.append(w)
    return out


# The weight of a whole item of a 4-digit class's note (a broad class's note words weigh 1; 1 for all was measured and
# changed no label, docs/scoring.md round 14).
NOTE_STRONG = 2


def note_words(taxonomy, classes, notes, class_words):
    """The note words of every mapped GB/T 4754-2017 class: {word: dict(industry, code, name, weight)} and the dropped
    ones {word: [why]}. `class_words` are the words the class names give (never taken again from a note)."""
    mapping = {m["prefix"]: m["industry"] for m in taxonomy["gbt4754"]["map"]}
    stop = set(taxonomy["gbt4754"]["stopWords"]) | set(taxonomy["gbt4754"].get("noteStopWords", []))
    names = dict(classes)
    found = collections.OrderedDict()
    for code, note in notes.items():
        industry = industry_of(code, mapping)
        if not industry or code not in names:
            continue
        name = names[code]
        machine = bool(SERVES.search(name)) or (industry == "装备制造" and bool(MACHINE_CLASS.search(name)))
        depth = len(code) - 1
        for w in note_items(note, machine)[0]:
            if w in stop or w in class_words:
                continue
            # Two characters before a generic word (实验装置, 卫生设备, 输入设备, 石膏制品) name the goods by what is generic
            # about them: a summary uses such a phrase for things of any industry, as the class names' heads show.
            if any(w.endswith(g) and 0 < len(w) - len(g) <= 2 for g in stop if len(g) >= 2):
                continue
            found.setdefault(w, []).append((industry, code, name, True, depth))
    kept, dropped = collections.OrderedDict(), collections.OrderedDict()
    precedence = [tuple(p) for p in taxonomy["gbt4754"].get("precedence", [])]
    for w, hits in found.items():
        industries = sorted({h[0] for h in hits})
        if len(industries) > 1:
            top = sorted({h[0] for h in hits if h[4] == 4})
            if len(top) == 1:
                hits, industries = [h for h in hits if h[0] == top[0]], top
            else:
                pair = [p for p in precedence if set(p) == set(industries)]
                if pair:
                    hits, industries = [h for h in hits if h[0] == pair[0][0]], [pair[0][0]]
        if len(industries) > 1:
            dropped[w] = ["%s %s→%s" % (h[1], h[2], h[0]) for h in hits]
            continue
        src = max(hits, key=lambda h: h[4])
        kept[w] = dict(industry=industries[0], code=src[1], name=src[2], weight=NOTE_STRONG if src[4] == 4 else 1)
    return kept, dropped


def all_class_words(taxonomy, classes):
    """Every word the class names give (whole or head, kept or not): a note never gives one of them again."""
    out = set()
    for _, name, _, _ in mapped_classes(taxonomy, classes):
        out.update(w for w, _ in parts_of(name))
    return out


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


def arg(flag, default=None):
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else default


def load_all(taxonomy_path=None, classes_path=None, notes_path=None):
    """The taxonomy, the classes and the notes, from the repository's files or the paths given."""
    with open(taxonomy_path or os.path.join(ROOT, "data", "industry-taxonomy.json"), encoding="utf-8") as f:
        taxonomy = json.load(f)
    classes = load_classes(classes_path or os.path.join(ROOT, taxonomy["gbt4754"]["file"]))
    notes_file = taxonomy["gbt4754"].get("notesFile")
    notes = load_notes(notes_path or os.path.join(ROOT, notes_file)) if (notes_path or notes_file) else {}
    return taxonomy, classes, notes


def main():
    if "--note" in sys.argv:
        included, excluded = note_items(arg("--note"), machine="--machine" in sys.argv)
        for w in included:
            print(w)
        for w in excluded:
            print("-", w)
        return
    taxonomy, classes, notes = load_all(arg("--taxonomy"), arg("--classes"), arg("--notes-file"))
    kept, dropped = derive(taxonomy, classes)
    if "--notes" in sys.argv:
        nkept, ndropped = note_words(taxonomy, classes, notes, all_class_words(taxonomy, classes))
        if "--report" in sys.argv:
            by = collections.Counter((v["industry"], v["weight"]) for v in nkept.values())
            for k in sorted(by):
                print(k, by[k])
            print("dropped (ambiguous):", len(ndropped))
            for w, why in ndropped.items():
                print(" ", w, "|", "; ".join(why[:4]))
            return
        for w, v in nkept.items():
            print(w, v["industry"], v["weight"], v["code"], v["name"], sep="\t")
        return
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
