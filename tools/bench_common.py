"""Shared parts of the benchmarks: real-looking submissions (varied units, titles and summaries of every
category), Word forms as people make them (python-docx's default template, i.e. Word's 349 KB styles part,
a styled title and headings, merged cells, a numbered 备注, content controls, check-box rows; LibreOffice
round trips), and timing of commands with their peak memory.

Imported by tools/bench_docx.py, tools/bench_tabular.py and tools/bench_nightly.py.
"""
import os, random, shutil, subprocess, tempfile, time

LABELS = ["报送单位（产学研等单位）", "归口市（州）科技局或省直部门", "联系人", "联系手机", "成果名称", "成果来源", "案例简介"]

UNITS = ["四川大学", "电子科技大学", "西南交通大学", "西南石油大学", "四川农业大学", "成都理工大学", "西南科技大学",
         "中国科学院成都生物研究所", "中国工程物理研究院", "东方电气集团东方电机有限公司", "四川省农业科学院作物研究所",
         "成都中医药大学", "攀钢集团研究院有限公司", "宜宾锂宝新材料有限公司", "通威太阳能（成都）有限公司",
         "四川九洲电器集团有限责任公司", "四川省畜牧科学研究院", "西昌学院", "成都先导药物开发股份有限公司"]
BUREAUS = ["成都市科技局", "绵阳市科技局", "德阳市科技局", "宜宾市科技局", "攀枝花市科技局", "凉山州科技局",
           "南充市科技局", "泸州市科技局", "省教育厅", "省农业农村厅", "省卫生健康委"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "晓东", "海燕"]
SOURCES = ["重大处", "基础处", "高新处", "农村处", "社发处", "区域处", "成果处"]

SUBJECTS = ["车规级碳化硅功率器件", "高比能固态锂电池", "川藏铁路隧道智能建造装备", "300MW级变速抽水蓄能机组",
            "钒钛磁铁矿高效清洁利用", "高产优质抗病杂交水稻新品种川农优", "生猪基因组选择育种", "新型抗肿瘤一类新药",
            "晶硅光伏电池片智能产线", "工业软件国产化平台", "航空发动机单晶叶片", "茶叶加工国家标准", "油气田智能钻井系统",
            "川芎道地药材质量标准", "集成电路先进封装", "重型燃气轮机透平叶片", "高原鼠兔病原微生物", "稀土永磁材料"]
# A contrast to SUBJECTS (`tools/bench_run.py --subjects many`): 4,000 subjects made of a property, a thing and a
# kind of work, so that a title shares its subject with ~5 others of 20,000 rows, not ~1,100. Titles still share
# their pieces and the templates' wording, as a real year's titles share a field's vocabulary.
_PROPERTIES = ["高温", "低碳", "智能", "柔性", "超导", "纳米", "高纯", "耐蚀", "轻量化", "高效", "绿色", "精准", "深部", "海洋",
               "高原", "数字", "量子", "生物基", "全固态", "宽禁带"]
_THINGS = ["锂电池正极材料", "钛合金构件", "水稻育种", "抗体药物", "隧道掘进装备", "光伏组件", "燃气轮机叶片", "工业控制软件",
           "中药饮片", "生猪疫苗", "页岩气压裂", "稀土永磁体", "碳化硅衬底", "茶树种质", "风电齿轮箱", "核级阀门",
           "卫星导航芯片", "污水处理工艺", "猕猴桃品种", "川西林盘保护"]
_WORKS = ["制备", "检测", "设计", "集成", "评价", "修复", "调控", "监测", "制造", "育种"]
MANY_SUBJECTS = [p + t + w for p in _PROPERTIES for t in _THINGS for w in _WORKS]
random.Random(7).shuffle(MANY_SUBJECTS)

OPENINGS = ["项目团队历时{y}年，", "针对{s}领域长期受制于人的难题，", "依托国家重点研发计划，", "面向国家重大需求，",
            "在省重大科技专项支持下，", "联合{u2}等单位，"]
FINDINGS = [
    "攻克了{s}设计、制造与可靠性等卡脖子关键技术，",
    "在Nature Communications、Science Advances发表论文{n}篇，单篇被引{c}次，揭示了{s}的形成机制，",
    "研制出国内首台（套）{s}，实现国产化替代，打破国外垄断，",
    "选育的{s}品种通过国家审定，平均亩产{k}公斤，比对照增产{p}%，",
    "主持制定国际标准1项、国家标准{n}项、行业标准{m}项，",
    "授权发明专利{n}件（其中美国专利{m}件），软件著作权{c}项，",
    "出版专著《{s}原理与应用》（科学出版社），",
    "成果以{k}万元转让给{u2}，实现产业化，",
    "建成{s}示范生产线{n}条，在{m}个省推广应用{k}万亩，",
]
RESULTS = ["近三年新增产值{a}亿元，利税{b}亿元。", "新增销售收入{a}亿元，带动就业{c}人。", "节约成本{b}亿元，经济社会效益显著。",
           "已在{n}家企业批量应用。", "相关成果获省科技进步一等奖。", ""]
LEVELS = ["经中国电子学会鉴定，总体达到国际先进水平，其中{s}指标达到国际领先。", "经第三方评价，成果达到国际领先水平。",
          "专家组认为总体达到国内领先水平。", "技术指标接近国际先进水平。", "经评价达到国内先进水平。", ""]


def person(r):
    return r.choice(SURNAMES) + r.choice(GIVEN)


def submission(i, r=None, subjects=None):
    """Seven field values of a real-looking submission, different for every i (titles are unique); the subject is
    drawn from `subjects` (SUBJECTS when not given)."""
    r = r or random.Random(i)
    s = r.choice(subjects or SUBJECTS)
    def fill(t):
        return t.format(y=r.randint(3, 12), s=s, u2=r.choice(UNITS), n=r.randint(1, 9), m=r.randint(1, 5),
                        c=r.randint(20, 900), k=r.randint(300, 9000), p=r.randint(5, 30), a=r.randint(1, 60),
                        b=round(r.uniform(0.2, 9.0), 1))
    parts = [fill(r.choice(OPENINGS))] + [fill(f) for f in r.sample(FINDINGS, r.randint(2, 4))]
    summary = "".join(parts).rstrip("，") + "。" + fill(r.choice(RESULTS)) + fill(r.choice(LEVELS))
    title = f"{s}关键技术研究与应用（第{i}号）" if r.random() < 0.7 else f"{s}研制及产业化示范{i}"
    return [r.choice(UNITS), r.choice(BUREAUS), person(r), f"1{r.choice('3578')}{r.randint(0, 999999999):09d}",
            title, r.choice(SOURCES), summary]


# MARK: - Word forms

def _content_control(paragraph, tag):
    """Wraps a paragraph's runs in an inline content control (w:sdt), as template-based forms do."""
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias"); alias.set(qn("w:val"), tag)
    t = OxmlElement("w:tag"); t.set(qn("w:val"), tag)
    pr.append(alias); pr.append(t)
    content = OxmlElement("w:sdtContent")
    sdt.append(pr); sdt.append(content)
    runs = list(paragraph._p.findall(qn("w:r")))
    for run in runs:
        content.append(run)
    paragraph._p.append(sdt)


def word_form(path, i, labels=None, controls=False, extras=True):
    """A form as a Word user fills it in: python-docx's default template (Word's styles part), a styled title,
    headings, the table with merged rows, an optional check-box row, and a numbered 备注 (List Number)."""
    import docx
    r = random.Random(i)
    values = submission(i, r)
    labels = labels or LABELS
    d = docx.Document()
    d.add_paragraph("附件", style="Normal")
    d.add_paragraph("重大科技成果案例报送表", style="Title")
    d.add_heading("一、基本信息", level=1)
    rows = 5 + (1 if extras else 0)
    t = d.add_table(rows=rows, cols=4)
    t.style = "Table Grid"
    def put(cell, text, tag=None):
        cell.text = text
        if controls and tag:
            _content_control(cell.paragraphs[0], tag)
    c = t.rows[0].cells
    put(c[0], labels[0]); put(c[1], values[0], "submitter"); put(c[2], labels[1]); put(c[3], values[1], "supervisor")
    c = t.rows[1].cells
    put(c[0], labels[2]); put(c[1], values[2], "contact"); put(c[2], labels[3]); put(c[3], values[3], "mobile")
    for row, k in zip(t.rows[2:5], (4, 5, 6)):
        put(row.cells[0], labels[k])
        merged = row.cells[1].merge(row.cells[3])
        if k == 6:
            paragraphs = [p for p in values[6].split("。") if p]
            merged.text = paragraphs[0] + "。"
            for p in paragraphs[1:]:
                merged.add_paragraph(p + "。")
            if controls:
                _content_control(merged.paragraphs[0], "summary")
        else:
            put(merged, values[k], "title" if k == 4 else "source")
    if extras:
        row = t.rows[5]
        row.cells[0].text = "技术水平"
        merged = row.cells[1].merge(row.cells[3])
        merged.text = "☐国际领先 ☑国际先进 ☐国内领先 ☐国内先进"
    d.add_heading("二、备注", level=1)
    for note in ["成果名称应简明准确，不超过30字。", "案例简介不超过1000字，突出创新性和先进性。", "联系手机请填写11位手机号码。"]:
        d.add_paragraph(note, style="List Number")
    d.add_paragraph(f"填报日期：2026年{r.randint(1, 12)}月{r.randint(1, 28)}日")
    d.save(path)
    return values


def libreoffice_round_trip(paths, out_folder):
    """The files as LibreOffice writes them (opened and saved as .docx by soffice); [] when soffice is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not paths:
        return []
    os.makedirs(out_folder, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "docx:MS Word 2007 XML", "--outdir", out_folder] + paths,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return [os.path.join(out_folder, os.path.basename(p)) for p in paths
            if os.path.exists(os.path.join(out_folder, os.path.basename(p)))]


# MARK: - Timing

# What the figures measure: "cpu" (user + system seconds of the process, steady on a machine shared with
# other work) or "wall" (elapsed seconds). Set by the scripts' --clock option.
CLOCK = "cpu"


def timed(cmd, stdout=subprocess.PIPE, env=None):
    """Runs cmd; returns (seconds by CLOCK, stdout bytes, peak resident KiB, exit code)."""
    cpu, elapsed, out, peak, rc = timed_both(cmd, stdout=stdout, env=env)
    return (cpu if CLOCK == "cpu" else elapsed), out, peak, rc


def timed_both(cmd, stdout=subprocess.PIPE, env=None):
    """Runs cmd; returns (CPU seconds, user + system; elapsed seconds; stdout bytes; peak resident KiB; exit code).
    A run that uses several cores shows it in the elapsed seconds only."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    lines = p.stderr.decode(errors="replace").strip().splitlines()
    try:
        peak, user, system = lines[-1].split()
        peak, cpu = int(peak), float(user) + float(system)
    except (ValueError, IndexError):
        peak, cpu = 0, elapsed
    return cpu, elapsed, p.stdout, peak, p.returncode


def staged(cmd):
    """Runs cmd (a `bulletin run`, which prints `[i/n] stage` lines) and returns ([(stage, CPU seconds)], peak
    resident KiB, exit code): the CPU time (user+system, read from /proc at each stage line) spent in each stage,
    the last stage ending with the process; the peak and the final CPU time come from wait4 of that process."""
    table, peak, rc = staged_both(cmd)
    return [(name, cpu) for name, cpu, _ in table], peak, rc


def staged_both(cmd):
    """`staged`, each stage with its elapsed seconds too: [(stage, CPU seconds, elapsed seconds)], peak, exit code."""
    proc = subprocess.Popen(["stdbuf", "-oL"] + cmd, stdout=subprocess.PIPE, text=True)
    tick = os.sysconf("SC_CLK_TCK")

    def cpu():
        with open(f"/proc/{proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    marks = [(line.split("]", 1)[1].strip(), cpu(), time.perf_counter()) for line in proc.stdout if line.startswith("[")]
    _, status, usage = os.wait4(proc.pid, 0)
    finished = time.perf_counter()
    proc.returncode = os.waitstatus_to_exitcode(status)
    end = usage.ru_utime + usage.ru_stime
    table = [(name, (marks[i + 1][1] if i + 1 < len(marks) else end) - t,
              (marks[i + 1][2] if i + 1 < len(marks) else finished) - w) for i, (name, t, w) in enumerate(marks)]
    return table, usage.ru_maxrss, proc.returncode


def stage_line_both(table):
    """The stages of one run as `name cpu/wall` seconds, stages under 5 ms of both left out."""
    return ", ".join(f"{s} {c:.2f}/{w:.2f}" for s, c, w in table if c >= 0.005 or w >= 0.005)


def stage_line(table):
    """The stages of one run as `name seconds share%`, stages under 5 ms left out."""
    total = sum(t for _, t in table) or 1e-9
    return ", ".join(f"{s} {t:.2f} {100 * t / total:.0f}%" for s, t in table if t >= 0.005)


def interleaved(contenders, rounds):
    """Runs every contender once per round, in an order that rotates each round, so that the machine's load
    falls on all alike; returns {name: (median seconds, max peak KiB, last stdout)}."""
    names = list(contenders)
    times = {n: [] for n in names}
    peaks = {n: 0 for n in names}
    outs = {}
    for k in range(rounds):
        order = names[k % len(names):] + names[:k % len(names)]
        for n in order:
            t, out, peak, rc = timed(contenders[n])
            if rc not in (0, 1):
                raise SystemExit(f"{n} failed with exit code {rc}: {' '.join(contenders[n][:4])} …")
            times[n].append(t)
            peaks[n] = max(peaks[n], peak)
            outs[n] = out
    return {n: (sorted(times[n])[len(times[n]) // 2], peaks[n], outs[n]) for n in names}
