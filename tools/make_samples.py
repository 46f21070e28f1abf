#!/usr/bin/env python3
"""Generate the example submissions in samples/ (重大科技成果案例报送表).

All content is invented (plausible Sichuan achievements, fictitious people and
phone numbers).  The files imitate what units really send to 科技厅:

* DOCX written by python-docx (the form as a Word table, plus the variants
  units produce: spaced labels with half-width brackets, two forms in one file,
  a classified form with a 是否涉密 row, extra rows 完成人 / 知识产权情况);
* DOCX written by LibreOffice Writer (HTML with the table -> `soffice
  --headless --convert-to docx`), see convert_with_libreoffice();
* CSV as exported from a spreadsheet: UTF-8 with BOM, and GB18030 (Excel on
  Chinese Windows);
* JSON (array, English keys, as the online system exports) and JSON Lines
  (Chinese keys, as the 主动收集 channel sends);
* two bad files: a truncated zip named .docx, and a well-formed form whose
  联系手机 is too short and whose 成果名称 is empty.

It also writes samples/README.md (the table of files, programs, expected
outcomes and the reviewer's expected category / level / industry) and, with
--verify (default on), reads every file back (python-docx, csv, json, and
`pandoc -t plain` when pandoc is installed).

Requirements: python-docx (pip install python-docx); LibreOffice Writer
(apt-get install -y libreoffice-writer-nogui) for the LibreOffice-made files;
pandoc (optional) for the extra check.  Usage:

    python3 tools/make_samples.py [--out samples] [--no-verify]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# --------------------------------------------------------------------------
# Labels exactly as on the form (seed 000, 附件)
# --------------------------------------------------------------------------
L_SUBMITTER = "报送单位（产学研等单位）"
L_SUPERVISOR = "归口市（州）科技局或省直部门"
L_CONTACT = "联系人"
L_MOBILE = "联系手机"
L_TITLE = "成果名称"
L_SOURCE = "成果来源"
L_SUMMARY = "案例简介"
FORM_TITLE = "重大科技成果案例报送表"
REMARK = ("备注：1.成果来源，填写科技厅项目管理有关处（室）。2.案例简介不超过1000字；基础研究成果指论文、专著等，"
          "其案例简介包括主要内容、创新性、先进性、重要性、影响力等；应用研究成果指技术、产品、品种、专利、标准等，"
          "其案例简介包括主要内容、创新性、先进性、应用前景、预期经济社会效益等；成果转移转化案例简介包括成果主要内容、"
          "示范推广情况、产业化应用情况、取得的经济社会效益等。")

CN_LABELS = [L_SUBMITTER, L_SUPERVISOR, L_CONTACT, L_MOBILE, L_TITLE, L_SOURCE, L_SUMMARY]
EN_KEYS = ["submitter", "supervisor", "contact", "mobile", "title", "source", "summary"]

# --------------------------------------------------------------------------
# The achievements.  summary = list of paragraphs.  `expect` is how a
# reviewer would judge the case (category / subtype / level / industry).
# --------------------------------------------------------------------------
A = {}


def case(key, *, submitter, supervisor, contact, mobile, title, source, summary, expect, extra=None):
    A[key] = dict(submitter=submitter, supervisor=supervisor, contact=contact, mobile=mobile,
                  title=title, source=source, summary=summary, expect=expect, extra=extra or {})


case("scu_nature",
     submitter="四川大学", supervisor="省教育厅", contact="刘婷", mobile="13980012461",
     title="揭示肿瘤细胞通过乳酸化修饰逃逸T细胞免疫杀伤的新机制", source="基础处",
     summary=[
         "2026年10月，四川大学华西医院生物治疗全国重点实验室研究团队在国际顶级期刊《Nature》发表研究论文"
         "（四川大学为第一完成单位和通讯单位）。该研究首次发现肿瘤微环境中的高浓度乳酸可通过对免疫检查点相关蛋白的"
         "乳酸化修饰（lactylation），抑制CD8+ T细胞的浸润与杀伤功能，从而介导肿瘤免疫逃逸，并鉴定出关键修饰位点及其"
         "调控酶。",
         "团队进一步设计了靶向该修饰酶的小分子抑制剂，在小鼠结直肠癌、黑色素瘤等多种模型中，与PD-1抗体联用可使肿瘤"
         "完全消退比例提高到60%以上。该成果为解释肿瘤免疫治疗耐药提供了全新的理论依据，开辟了肿瘤免疫联合治疗的新方向，"
         "审稿人评价其“概念新颖、证据充分”，研究整体达到国际领先水平。论文在线发表一个月内下载量超过2万次，"
         "已被多家国际期刊专题评述。",
     ],
     expect=dict(category="基础研究成果", subtype="论文（Nature）", level="国际领先", industry="医药健康"))

case("uestc_sic",
     submitter="电子科技大学", supervisor="成都市科技局", contact="周浩", mobile="18602813375",
     title="车规级1200V碳化硅（SiC）MOSFET芯片设计与制造关键技术", source="高新处",
     summary=[
         "碳化硅（SiC）功率器件是新能源汽车、光伏逆变器和5G基站电源的核心部件，高端车规级SiC MOSFET芯片长期依赖进口，"
         "是我国功率半导体领域的“卡脖子”环节。电子科技大学功率集成技术实验室联合成都某半导体企业，攻克了低缺陷栅氧界面"
         "钝化、高可靠沟槽栅结构、短路耐受能力提升等关键技术，研制出1200V/80A车规级SiC MOSFET芯片，比导通电阻低至"
         "2.8 mΩ·cm²，高温栅偏（HTGB）1000小时阈值电压漂移小于0.1V，通过AEC-Q101车规级可靠性认证。",
         "经中国电子学会组织专家评价，该成果主要性能指标达到国际先进水平。项目已申请发明专利36件（授权21件），芯片已在"
         "省内两家新能源车企的主驱逆变器中完成批量验证，预计2027年形成年产6万片6英寸晶圆的能力，可实现进口替代，带动"
         "上下游产值超过20亿元。",
     ],
     expect=dict(category="应用研究成果", subtype="关键技术（卡脖子）", level="国际先进", industry="电子信息"))

case("swjtu_book",
     submitter="西南交通大学", supervisor="省教育厅", contact="郭文静", mobile="13708190526",
     title="专著《高速铁路轮轨关系与车辆—轨道耦合动力学》", source="基础处",
     summary=[
         "该专著由西南交通大学轨道交通运载系统全国重点实验室团队撰写，2026年9月由科学出版社出版，列入“轨道交通科学与"
         "技术前沿丛书”，全书共12章、约86万字。专著系统总结了团队二十余年来在高速铁路轮轨关系领域的研究成果，建立了"
         "考虑轮轨非线性接触、轨道结构柔性和线路不平顺随机激励的车辆—轨道耦合动力学理论体系，提出了时速400公里级高速"
         "列车轮轨匹配设计方法和服役安全评估准则。",
         "书中的理论与方法已应用于京沪、成渝等高速铁路的动力学性能评估及新一代动车组研发。专家评审认为，该专著理论体系"
         "完整、工程针对性强，是我国轨道交通领域具有代表性的学术著作，学术水平达到国内领先。出版后已被国内十余所高校"
         "选为研究生教学参考书。",
     ],
     expect=dict(category="基础研究成果", subtype="专著（科学出版社）", level="国内领先", industry="装备制造（轨道交通）"))

case("dec_pumped",
     submitter="东方电气集团东方电机有限公司", supervisor="德阳市科技局", contact="邓志刚", mobile="13981051738",
     title="国内首台（套）300MW级变速抽水蓄能机组研制与应用", source="重大处",
     summary=[
         "变速抽水蓄能机组可在抽水工况下实现功率连续调节，是构建新型电力系统、消纳大规模新能源的关键装备，此前该类机组"
         "核心技术被少数国外企业垄断。东方电气集团东方电机有限公司联合高校和电站业主单位，历时6年攻克了大容量交流励磁"
         "发电电动机设计、转子多相绕组绝缘与冷却、变速水泵水轮机稳定性等关键技术，研制出国内首台（套）300MW级变速"
         "抽水蓄能机组，转速调节范围达±7%，抽水工况功率调节范围达到额定功率的30%，机组综合效率优于91%。",
         "该机组已于2026年8月在某抽水蓄能电站投入商业运行，经中国机械工业联合会鉴定，整体技术达到国际领先水平，入选"
         "四川省首台（套）重大技术装备目录。成果打破国外垄断，单台机组采购成本较进口降低约35%，已获得后续8台机组订单，"
         "合同金额约42亿元。",
     ],
     expect=dict(category="应用研究成果", subtype="创新产品（首台（套））", level="国际领先", industry="装备制造（清洁能源装备）"))

case("dy_standard",
     submitter="德阳天元重工股份有限公司", supervisor="德阳市科技局", contact="林蕾", mobile="18990236604",
     title="主导制定国家标准《大型核电锻件超声相控阵检测方法》", source="高新处",
     summary=[
         "大型核电锻件是核岛主设备的基础部件，其内部缺陷检测长期沿用常规脉冲反射法，存在检测盲区大、缺陷定量精度低等"
         "问题。德阳天元重工股份有限公司联合国内9家检测机构、高校和制造企业，主导制定了国家标准《大型核电锻件超声相控阵"
         "检测方法》（GB/T 46218—2026），该标准于2026年7月由国家市场监督管理总局、国家标准化管理委员会批准发布，"
         "2027年2月起实施。",
         "该标准首次规定了厚度大于300mm锻件相控阵检测的探头选择、扇扫参数设置、灵敏度校准和缺陷定量评定方法，检测盲区"
         "由15mm减小到5mm以内，缺陷定量误差控制在±1mm。经行业专家评审，标准技术内容达到国内先进水平。标准的实施将统一"
         "国内核电锻件检测要求，提升国产锻件质量一致性，预计每年可为行业减少复检和返修费用约1.2亿元。",
     ],
     expect=dict(category="应用研究成果", subtype="标准（国家标准，主导制定）", level="国内先进", industry="装备制造"))

case("my_classified",
     submitter="绵阳久安精密测控技术研究所", supervisor="绵阳市科技局", contact="吴敏", mobile="15881657209",
     title="××型高精度光纤惯性测量单元研制", source="重大处",
     summary=[
         "（本案例按保密要求作脱密处理后报送，详细技术资料按有关保密规定另行报送。）",
         "该成果面向某重点装备对高精度自主导航的需求，突破了高精度光纤陀螺温度漂移补偿、惯性测量单元多源误差在线标定、"
         "小型化集成封装等关键技术，研制出××型高精度光纤惯性测量单元。产品零偏稳定性优于0.005°/h，体积和重量较上一代"
         "产品分别减小40%和35%，关键元器件全部实现国产化。",
         "经用户单位组织的专家鉴定，该成果综合性能达到国内领先水平，已完成定型试验并小批量列装，可推广应用于民用航空、"
         "海洋勘探、智能驾驶等领域，军民两用前景广阔。项目已获授权发明专利12件（其中国防专利7件）。",
     ],
     expect=dict(category="应用研究成果", subtype="创新产品（涉密）", level="国内领先", industry="装备制造"))

case("saas_rice",
     submitter="四川省农业科学院", supervisor="省农业农村厅", contact="陈晓燕", mobile="13880967342",
     title="优质抗病杂交水稻新品种“川优香丝9号”通过国家审定", source="农村处",
     summary=[
         "“川优香丝9号”是四川省农业科学院作物研究所利用自主创制的优质不育系“川丝3A”与抗病恢复系“成恢917”配组育成的"
         "籼型三系杂交水稻新品种，2026年6月通过国家农作物品种审定委员会审定（审定编号：国审稻20266123），适宜在长江"
         "上游稻区作一季中稻种植。",
         "该品种在国家区域试验中两年平均亩产628.4公斤，比对照增产6.8%；稻瘟病综合抗性指数2.1，达到抗级；米质达到农业"
         "行业标准《食用稻品种品质》二级，整精米率63.5%，食味品质优良。团队利用分子标记辅助选择聚合了Pi2、Pigm等"
         "抗稻瘟病基因，该品种综合性状达到国内领先水平。",
         "品种已授权四川、重庆两家种业企业经营，2026年示范推广15万亩，预计三年内累计推广300万亩以上，新增稻谷约1亿公斤，"
         "助农增收3亿元以上。",
     ],
     expect=dict(category="应用研究成果", subtype="生物品种（国家审定水稻品种）", level="国内领先", industry="现代农业（生物育种）"),
     extra={"完成人": "陈志强、罗晓燕、杨明、黄伟、赵德林",
            "知识产权情况": "申请植物新品种权1件（公告号CNA20261234.5），国家审定品种1个（国审稻20266123）"})

case("yb_invalid",
     submitter="宜宾锂源新能源科技有限公司", supervisor="宜宾市科技局", contact="何强", mobile="138001380",
     title="", source="高新处",
     summary=[
         "宜宾锂源新能源科技有限公司联合四川大学材料科学与工程学院，开发了超高镍低钴三元正极材料连续共沉淀与掺杂包覆"
         "一体化制备技术，产品镍含量达到95%，0.1C首次放电比容量达到225mAh/g，1000次循环容量保持率超过85%。",
         "项目建成年产2万吨高镍正极材料生产线，产品已进入国内头部动力电池企业供应链。2026年1至10月实现销售收入18.5亿元，"
         "新增产值21亿元，带动宜宾动力电池产业链上下游配套企业12家。成果总体达到国内领先水平，已授权发明专利9件。",
     ],
     expect=dict(category="成果转移转化案例", subtype="（无成果名称，不应进入评审）", level="国内领先", industry="先进材料（动力电池）"))

case("sn_corrupt",
     submitter="四川射洪锂能新材料有限公司", supervisor="遂宁市科技局", contact="唐俊", mobile="15328467719",
     title="磷酸锰铁锂正极材料连续化制备技术及产业化", source="高新处",
     summary=[
         "四川射洪锂能新材料有限公司针对磷酸锰铁锂正极材料导电性差、锰溶出导致循环寿命短等问题，开发了液相共沉淀—"
         "喷雾干燥—连续烧结一体化制备技术和纳米碳包覆改性工艺，产品压实密度达到2.5g/cm³，0.1C放电比容量达到"
         "158mAh/g，能量密度较磷酸铁锂提高约15%。",
         "项目建成年产3万吨生产线，产品已批量供应储能和两轮电动车电池企业，2026年1至10月实现销售收入9.3亿元，新增产值"
         "11亿元，带动遂宁锂电产业园新增配套企业5家。成果整体达到国内领先水平。",
     ],
     expect=dict(category="成果转移转化案例", subtype="（文件损坏，无法读取）", level="国内领先", industry="先进材料（动力电池）"))

# ---- LibreOffice-made DOCX -------------------------------------------------
case("swpu_patent",
     submitter="西南石油大学", supervisor="省教育厅", contact="赵磊", mobile="13540218863",
     title="页岩气水平井智能导向钻井控制方法（中美发明专利）", source="高新处",
     summary=[
         "该成果为西南石油大学油气藏地质及开发工程全国重点实验室团队的发明专利“一种基于随钻多参数融合的页岩气水平井"
         "智能导向控制方法”，已获中国发明专利授权（ZL202310456789.2），并于2026年5月获美国发明专利授权"
         "（US 12,234,567 B2）。",
         "该方法融合随钻伽马、电阻率和钻井工程参数，构建地层界面实时识别与井眼轨迹预测模型，利用深度强化学习算法自动"
         "生成导向指令，解决了页岩薄储层中“看不清、调不准”的难题，使优质储层钻遇率由85%提升至97%以上。经第三方评价，"
         "该专利技术达到国际先进水平，专利价值评估为1.6亿元。",
         "该专利已许可川渝地区两家油服企业实施，在长宁—威远国家级页岩气示范区应用62口井，平均单井钻井周期缩短18%，"
         "单井测试产量提高约20%，累计节约钻井成本3.1亿元，为我国页岩气高效开发提供了核心技术支撑。",
     ],
     expect=dict(category="应用研究成果", subtype="发明专利（国外授权）", level="国际先进", industry="能源化工"))

case("cib_baijiu",
     submitter="中国科学院成都生物研究所", supervisor="成都市科技局", contact="孙悦", mobile="18081925437",
     title="浓香型白酒窖泥功能微生物定向强化与智能酿造技术", source="高新处",
     summary=[
         "针对浓香型白酒窖池老熟周期长、优质酒率不稳定等行业共性问题，中国科学院成都生物研究所联合宜宾、泸州两家白酒"
         "骨干企业，利用宏基因组测序和代谢组学方法，系统解析了百年窖池窖泥中己酸菌、甲烷菌等功能微生物的群落结构与"
         "互作机制，筛选获得高产己酸的功能菌株23株，构建了“功能菌株—人工窖泥—智能发酵控制”一体化技术体系。",
         "应用该技术，新建窖池的优质酒率由25%提升至45%以上，窖池老熟周期从20年以上缩短至3到5年，己酸乙酯含量提高40%，"
         "其中窖泥功能菌群定向强化的部分指标达到国际领先水平。成果已获授权发明专利15件，在合作企业1.2万口窖池推广应用，"
         "近两年新增优质基酒1.8万吨，为川酒产业提质增效提供了科技支撑。",
     ],
     expect=dict(category="应用研究成果", subtype="关键技术", level="部分指标国际领先（未声明总体水平）", industry="食品轻纺"))

case("ls_buckwheat",
     submitter="西昌学院", supervisor="凉山彝族自治州科技局", contact="吉克阿依", mobile="13778635120",
     title="高原苦荞优质高产栽培与精深加工技术集成示范推广", source="区域处",
     summary=[
         "凉山州是全国最大的苦荞主产区，但长期存在品种退化、种植粗放、加工产品附加值低等问题。西昌学院联合凉山州农业"
         "科学研究院和州内6家苦荞加工企业，集成了苦荞新品种“西荞5号”、轻简化机械播种、绿色防控以及苦荞黄酮提取和"
         "全粉加工等技术，在昭觉、布拖、美姑等9个县建立标准化示范基地。",
         "2024年以来，累计推广种植苦荞86万亩，亩产由85公斤提高到132公斤；带动企业新建苦荞茶、苦荞挂面、黄酮胶囊等"
         "生产线11条，开发新产品27个。成果实现新增产值4.6亿元，企业新增销售收入3.2亿元，带动2.3万户脱贫户户均增收"
         "4200元，培训农民技术骨干1.1万人次，为巩固拓展脱贫攻坚成果、推动乡村振兴提供了可复制的“科技+产业”模式。",
     ],
     expect=dict(category="成果转移转化案例", subtype="示范推广", level="（未声明）", industry="现代农业"))

# ---- CSV, UTF-8 with BOM (成都市科技局) ------------------------------------
case("cd_drug",
     submitter="成都华芩生物医药有限公司", supervisor="成都市科技局", contact="黄婧", mobile="13688456021",
     title="一类新药“康芮替尼片”获批上市", source="社发处",
     summary=[
         "康芮替尼片是成都华芩生物医药有限公司自主研发的KRAS G12C抑制剂，属化学药品1类创新药，2026年9月获国家药品"
         "监督管理局附条件批准上市，用于治疗携带KRAS G12C突变的晚期非小细胞肺癌。",
         "该药物采用全新的共价结合骨架设计，具有口服生物利用度高、脑转移灶渗透性好的特点。关键性Ⅱ期临床研究显示，"
         "客观缓解率（ORR）达到45.2%，中位无进展生存期7.6个月，安全性良好，主要疗效指标达到国际先进水平。项目获国家"
         "“重大新药创制”科技重大专项和省级重大科技专项支持，已获中、美、欧、日发明专利授权共18件。",
         "该药上市后将填补国内同类靶向药物空白，治疗费用预计仅为进口药物的一半左右，预计上市后5年累计销售收入超过30亿元。",
     ],
     expect=dict(category="应用研究成果", subtype="创新产品（一类新药）", level="国际先进", industry="医药健康"))

case("cd_5g",
     submitter="成都芯联微科技有限公司", supervisor="成都市科技局", contact="彭宇", mobile="18628031987",
     title="5G小基站射频前端芯片国产化及产业化", source="高新处",
     summary=[
         '成都芯联微科技有限公司依托电子科技大学毫米波与射频集成电路研究成果，完成了5G小基站射频前端芯片的工程化开发和'
         '产业化，推出"蓉芯"系列功率放大器、低噪声放大器和射频开关芯片共14款产品，支持n41, n77, n78, n79等主流5G频段。',
         '2024年至2026年，产品累计出货量超过3800万颗，进入国内三大通信设备商供应链，累计实现销售收入9.6亿元，新增产值'
         '12.3亿元，新增就业岗位420个。产品主要性能与国外同类产品相当，整体达到国内领先水平，在国内5G小基站射频前端'
         '市场占有率达到18%，带动成都高新区形成射频芯片设计、封测、模组配套的产业集群。',
     ],
     expect=dict(category="成果转移转化案例", subtype="产业化", level="国内领先", industry="电子信息（集成电路）"))

case("cd_pi",
     submitter="成都瑞泰高分子材料有限公司", supervisor="成都市科技局", contact="谢佳", mobile="15982274406",
     title="柔性显示用高性能透明聚酰亚胺薄膜", source="高新处",
     summary=[
         "透明聚酰亚胺（CPI）薄膜是柔性OLED显示屏盖板和基板的关键材料，长期被日、韩企业垄断。成都瑞泰高分子材料有限公司"
         "联合四川大学高分子科学与工程学院，突破了含氟脂环族单体合成、低应力溶液流延成膜和在线双向拉伸等关键工艺，"
         "研制出厚度25至50μm的高性能透明聚酰亚胺薄膜。",
         "产品可见光透过率达到90.5%，黄度指数小于2.0，玻璃化转变温度超过350℃，可耐受20万次以上半径1mm的弯折，"
         "经国家级检测机构检测，主要性能指标达到国际同类产品先进水平，实现了国产化替代。公司已建成年产300吨中试生产线，"
         "产品通过两家国内面板龙头企业验证，预计2027年实现销售收入5亿元以上。",
     ],
     expect=dict(category="应用研究成果", subtype="创新产品（国产化替代）", level="国际先进（“达到国际同类产品先进水平”）", industry="先进材料"))

# ---- CSV, GB18030 (绵阳市科技局) --------------------------------------------
case("my_pzt",
     submitter="西南科技大学", supervisor="绵阳市科技局", contact="冯建华", mobile="13890148832",
     title="高性能压电陶瓷粉体低成本制备技术转化应用", source="区域处",
     summary=[
         "西南科技大学材料与化学学院团队研发的高性能锆钛酸铅（PZT）压电陶瓷粉体低成本制备技术，采用部分草酸盐共沉淀与"
         "低温固相合成相结合的工艺，使粉体烧结温度降低约150℃，压电常数d33达到650pC/N以上，批次一致性显著提高。",
         "2024年该技术以作价入股方式转化至绵阳本地企业，建成年产800吨压电陶瓷粉体生产线，产品用于超声换能器、压电"
         "传感器和医疗超声探头等领域。两年来累计实现销售收入2.7亿元，新增产值3.4亿元，新增利税4600万元，产品技术水平"
         "达到国内先进，替代了部分进口粉体，带动科技城形成压电器件产业链。",
     ],
     expect=dict(category="成果转移转化案例", subtype="作价入股转化", level="国内先进", industry="先进材料"))

case("my_robot",
     submitter="绵阳天启智能装备有限公司", supervisor="绵阳市科技局", contact="蒋丽", mobile="18781623350",
     title="航空发动机叶片三维视觉智能检测机器人推广应用", source="重大处",
     summary=[
         "绵阳天启智能装备有限公司研发的航空发动机叶片三维视觉智能检测机器人，集成了结构光三维测量、六轴协作机器人和"
         "基于深度学习的缺陷识别算法，可在15分钟内完成单片叶片型面、前后缘和表面缺陷的全自动检测，检测效率较人工三坐标"
         "测量提高8倍。",
         "经省级科技成果评价，该成果总体技术达到国内领先水平，其中型面测量精度（±8μm）接近国际先进水平。产品已在省内外"
         "12家航空发动机、燃气轮机企业推广应用52台（套），近三年累计实现销售收入3.8亿元，新增产值4.5亿元，为用户节约"
         "检测成本约1.6亿元，有效支撑了航空与燃机产业质量提升。",
     ],
     expect=dict(category="成果转移转化案例", subtype="推广应用", level="国内领先（“接近国际先进”只是局部）", industry="装备制造（航空与燃机）"))

# ---- JSON array, English keys (online system export) -----------------------
case("pig",
     submitter="四川省畜牧科学研究院", supervisor="省农业农村厅", contact="罗斌", mobile="13518180974",
     title="优质瘦肉型黑猪新配套系“川乡黑猪”通过国家审定", source="农村处",
     summary=[
         "“川乡黑猪”配套系是四川省畜牧科学研究院以地方猪种成华猪、藏猪和引进品种杜洛克为育种素材，历经12年、6个世代"
         "选育而成的三系配套优质黑猪，2026年通过国家畜禽遗传资源委员会审定，获农业农村部颁发的畜禽新品种配套系证书，"
         "属于“川猪”种业科技攻关的重要成果。",
         "该配套系商品猪毛色全黑，日增重达到780克，料肉比2.85:1，瘦肉率58%，肌内脂肪含量3.5%以上，兼具地方猪肉质优良和"
         "引进品种生长快的优点，综合生产性能达到国内领先水平。已在省内20个县（市、区）建立扩繁基地，2026年推广商品猪"
         "45万头，预计“十五五”期间年出栏200万头以上，可带动养殖户增收6亿元。",
     ],
     expect=dict(category="应用研究成果", subtype="生物品种（国家审定畜禽配套系，川猪）", level="国内领先", industry="现代农业"))

case("pzh_vanadium",
     submitter="攀枝花钒钛新材料科技有限公司", supervisor="攀枝花市科技局", contact="杨帆", mobile="18008124735",
     title="高品质钒氮合金清洁制备关键技术", source="区域处",
     summary=[
         "钒氮合金是高强度抗震钢筋和高端结构钢的关键微合金化添加剂。攀枝花钒钛新材料科技有限公司针对传统工艺能耗高、"
         "钒收率低、氨氮废水难处理等问题，开发了钒氧化物短流程还原氮化、推板窑连续化生产和废水氨氮资源化回收等关键"
         "技术，产品含氮量稳定在16%以上，杂质含量显著降低。",
         "经中国有色金属工业协会组织鉴定，该成果总体达到国际先进水平，其中钒收率（98.6%）达到国际领先。已建成年产"
         "5000吨生产线，吨产品综合能耗下降22%，废水实现零排放，近两年新增销售收入6.8亿元，为攀西钒钛资源综合利用和"
         "钒钛产业高端化提供了技术支撑。",
     ],
     expect=dict(category="应用研究成果", subtype="关键技术", level="国际先进（总体；钒收率国际领先）", industry="先进材料（钒钛）"))

# ---- JSON Lines, Chinese keys (主动收集 by 科技信息研究所) -----------------
case("ls_topcon",
     submitter="乐山晶硅新能源科技有限公司", supervisor="乐山市科技局", contact="曾杰", mobile="13881305569",
     title="N型TOPCon高效晶硅电池量产技术转化", source="高新处",
     summary=[
         "乐山晶硅新能源科技有限公司与四川大学、中国科学院电工研究所合作，开发了超薄隧穿氧化层与掺杂多晶硅钝化接触、"
         "激光选择性发射极和边缘钝化等N型TOPCon电池量产技术，量产平均转换效率达到26.2%，经第三方认证，主要指标达到"
         "国际领先水平。",
         "成果在乐山、宜宾两个基地建成12GW电池产线，2025年以来累计出货超过15GW，实现销售收入168亿元，新增产值186亿元，"
         "新增就业3200人，带动上游硅片、辅材和下游组件企业20余家集聚发展，推动四川晶硅光伏产业向高效化升级。",
     ],
     expect=dict(category="成果转移转化案例", subtype="产业化", level="国际领先", industry="能源化工（晶硅光伏）"))

case("wc_ai",
     submitter="四川大学华西医院", supervisor="省卫生健康委", contact="王雪", mobile="18980739212",
     title="肺结节CT人工智能辅助诊断系统转化应用", source="社发处",
     summary=[
         "四川大学华西医院联合成都某医疗科技企业，基于超过50万例标注胸部CT影像，研发了肺结节人工智能辅助诊断系统，"
         "可自动完成结节检出、良恶性风险分层和随访对比，敏感度达到97.3%，已取得国家药品监督管理局第三类医疗器械注册证。",
         "该系统以专利许可方式实现转化，已在全国28个省（区、市）的430余家医院推广应用，其中覆盖省内县级医院186家，"
         "累计辅助筛查超过600万人次，使基层医院早期肺癌检出率提高约35%。成果总体达到国内领先水平，企业累计实现销售收入"
         "4.2亿元，医院收到专利许可费及分成3800万元。",
     ],
     expect=dict(category="成果转移转化案例", subtype="推广应用（医疗器械）", level="国内领先", industry="医药健康"))


def joined(c):
    """Summary as one string, paragraphs separated by a line break (CSV / JSON)."""
    return "\n".join(c["summary"])


# --------------------------------------------------------------------------
# python-docx
# --------------------------------------------------------------------------
BASE_TIME = dt.datetime(2026, 11, 18, 9, 30, 0)


def set_run_font(run, east_asia, size_pt, bold=False, ascii_font="Times New Roman"):
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run.font.name = ascii_font
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)


def new_document(author):
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = FORM_TITLE
    cp.comments = "generated by python-docx (tools/make_samples.py)"
    cp.created = BASE_TIME
    cp.modified = BASE_TIME
    cp.revision = 1
    return d


def add_para(d, text, east_asia="仿宋_GB2312", size=16, bold=False, center=False):
    p = d.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(p.add_run(text), east_asia, size, bold)
    return p


def fill_cell(cell, text_or_paras, label=False):
    """Write one or several paragraphs into a table cell."""
    paras = [text_or_paras] if isinstance(text_or_paras, str) else list(text_or_paras)
    for i, t in enumerate(paras):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if label:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif len(paras) > 1 or len(t) > 40:
            p.paragraph_format.first_line_indent = Pt(24)
        if t:
            set_run_font(p.add_run(t), "黑体" if label else "仿宋_GB2312", 12)


def add_form(d, c, labels=None, extra_rows=(), classified=None, with_attachment_line=True, with_remark=True):
    """Title paragraph + the table of the form.

    labels: overrides for the label texts (variants with spaces / half-width brackets).
    extra_rows: [(label, value, position)] rows that some units add; position is the
                label of the row they follow ("end" = after 案例简介).
    classified: None (no row) or True/False -> row 是否涉密 after 成果来源.
    """
    lab = {k: k for k in CN_LABELS}
    lab.update(labels or {})
    if with_attachment_line:
        add_para(d, "附件", "黑体", 16)
    add_para(d, FORM_TITLE, "方正小标宋简体", 22, center=True)

    full_rows = [(lab[L_TITLE], c["title"], L_TITLE), (lab[L_SOURCE], c["source"], L_SOURCE)]
    if classified is not None:
        full_rows.append(("是否涉密", "☑是  ☐否" if classified else "☐是  ☑否", "是否涉密"))
    full_rows.append((lab[L_SUMMARY], c["summary"], L_SUMMARY))
    for label, value, after in extra_rows:
        if after == "end":
            full_rows.append((label, value, label))
        else:
            idx = [r[2] for r in full_rows].index(after)
            full_rows.insert(idx + 1, (label, value, label))

    t = d.add_table(rows=2 + len(full_rows), cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(36), Mm(46), Mm(40), Mm(34)]
    for row in t.rows:
        for w, cell in zip(widths, row.cells):
            cell.width = w
    r0, r1 = t.rows[0].cells, t.rows[1].cells
    fill_cell(r0[0], lab[L_SUBMITTER], True)
    fill_cell(r0[1], c["submitter"])
    fill_cell(r0[2], lab[L_SUPERVISOR], True)
    fill_cell(r0[3], c["supervisor"])
    fill_cell(r1[0], lab[L_CONTACT], True)
    fill_cell(r1[1], c["contact"])
    fill_cell(r1[2], lab[L_MOBILE], True)
    fill_cell(r1[3], c["mobile"])
    for i, (label, value, _) in enumerate(full_rows):
        cells = t.rows[2 + i].cells
        fill_cell(cells[0], label, True)
        merged = cells[1].merge(cells[3])  # -> <w:gridSpan w:val="3"/>
        fill_cell(merged, value)
    if with_remark:
        add_para(d, REMARK, "仿宋_GB2312", 12)
    return t


def docx_bytes(d):
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def build_python_docx(out: Path):
    made = {}

    def save(name, d):
        (out / name).write_bytes(docx_bytes(d))
        made[name] = d

    # 1. plain form, as the template (附件 line, table, 备注)
    c = A["scu_nature"]
    d = new_document(c["contact"])
    add_form(d, c)
    save("2026-11-四川大学-报送表.docx", d)

    # 2. plain form without 附件 line / 备注 (people delete them)
    c = A["uestc_sic"]
    d = new_document(c["contact"])
    add_form(d, c, with_attachment_line=False, with_remark=False)
    save("2026-11-电子科技大学-报送表.docx", d)

    # 3. labels typed by hand: spaces, half-width brackets, trailing colons
    c = A["swjtu_book"]
    d = new_document(c["contact"])
    add_form(d, c, labels={
        L_SUBMITTER: "报送单位(产学研等单位)",
        L_SUPERVISOR: "归口市(州)科技局或省直部门：",
        L_CONTACT: "联 系 人",
        L_MOBILE: "联系手机:",
        L_TITLE: "成果名称：",
        L_SOURCE: "成 果 来 源",
        L_SUMMARY: "案例简介：",
    }, with_attachment_line=False)
    save("2026-11-西南交通大学-报送表.docx", d)

    # 4. two forms in one file (a bureau forwards two units' forms)
    d = new_document("德阳市科技局")
    add_form(d, A["dec_pumped"], with_remark=False)
    brk = d.add_paragraph().add_run()
    brk.add_break(WD_BREAK.PAGE)
    add_form(d, A["dy_standard"], with_attachment_line=False, with_remark=False)
    save("2026-11-德阳市科技局-报送表（2项）.docx", d)

    # 5. classified form: extra row 是否涉密 ☑是
    c = A["my_classified"]
    d = new_document(c["contact"])
    add_form(d, c, classified=True)
    save("2026-11-绵阳久安精密测控技术研究所-报送表（涉密）.docx", d)

    # 6. extra rows some units add: 完成人 (after 成果名称), 知识产权情况 (at the end)
    c = A["saas_rice"]
    d = new_document(c["contact"])
    add_form(d, c, extra_rows=[("完成人", c["extra"]["完成人"], L_TITLE),
                               ("知识产权情况", c["extra"]["知识产权情况"], "end")])
    save("2026-11-四川省农业科学院-报送表.docx", d)

    # 7. BAD: well-formed, but 联系手机 has 9 digits and 成果名称 is empty
    c = A["yb_invalid"]
    d = new_document(c["contact"])
    add_form(d, c)
    save("2026-11-宜宾锂源新能源科技有限公司-报送表.docx", d)

    # 8. BAD: a good form, cut in half (truncated zip)
    c = A["sn_corrupt"]
    d = new_document(c["contact"])
    add_form(d, c)
    whole = docx_bytes(d)
    (out / "损坏的报送表.docx").write_bytes(whole[: len(whole) // 2])
    return made


# --------------------------------------------------------------------------
# LibreOffice: HTML with the form's table -> soffice --convert-to docx
# --------------------------------------------------------------------------
def form_html(c, author):
    e = html.escape

    def label(t):
        return f'<td width="18%" valign="middle"><p align="center"><font face="黑体">{e(t)}</font></p></td>'

    def value(t, span=1, width="28%"):
        paras = [t] if isinstance(t, str) else t
        body = "".join(f"<p>{e(p)}</p>" for p in paras)
        cs = f' colspan="{span}"' if span > 1 else ""
        return f'<td{cs} width="{width}" valign="middle">{body}</td>'

    rows = [
        "<tr>" + label(L_SUBMITTER) + value(c["submitter"]) + label(L_SUPERVISOR) + value(c["supervisor"]) + "</tr>",
        "<tr>" + label(L_CONTACT) + value(c["contact"]) + label(L_MOBILE) + value(c["mobile"]) + "</tr>",
        "<tr>" + label(L_TITLE) + value(c["title"], 3, "82%") + "</tr>",
        "<tr>" + label(L_SOURCE) + value(c["source"], 3, "82%") + "</tr>",
        "<tr>" + label(L_SUMMARY) + value(c["summary"], 3, "82%") + "</tr>",
    ]
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="author" content="{e(author)}">
<title>{FORM_TITLE}</title></head>
<body>
<p><font face="黑体">附件</font></p>
<p align="center"><font face="方正小标宋简体" size="5">{FORM_TITLE}</font></p>
<table border="1" cellspacing="0" cellpadding="6" width="100%">
<colgroup><col width="18%"><col width="28%"><col width="26%"><col width="28%"></colgroup>
{chr(10).join(rows)}
</table>
<p>{e(REMARK)}</p>
</body></html>
"""


LO_FILES = [
    ("2026-11-西南石油大学-报送表.docx", "swpu_patent"),
    ("2026-11-中国科学院成都生物研究所-报送表.docx", "cib_baijiu"),
    ("2026-11-凉山彝族自治州科技局-报送表.docx", "ls_buckwheat"),
]


def convert_with_libreoffice(out: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="make_samples_lo_") as tmp:
        tmp = Path(tmp)
        profile = tmp / "profile"  # private profile: does not disturb a running LibreOffice
        for i, (name, key) in enumerate(LO_FILES):
            src = tmp / f"form{i}.html"
            src.write_text(form_html(A[key], A[key]["contact"]), encoding="utf-8")
            cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                   "--infilter=HTML (StarWriter)",  # open in Writer, not Writer/Web
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp), str(src)]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            shutil.move(tmp / f"form{i}.docx", out / name)


# --------------------------------------------------------------------------
# CSV / JSON
# --------------------------------------------------------------------------
def write_csv(path: Path, keys, encoding, bom):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)  # RFC 4180, as Excel writes
    w.writerow(CN_LABELS)
    for k in keys:
        c = A[k]
        w.writerow([c["submitter"], c["supervisor"], c["contact"], c["mobile"], c["title"], c["source"], joined(c)])
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def write_json(path: Path, keys):
    arr = []
    for k in keys:
        c = A[k]
        o = {ek: (joined(c) if ek == "summary" else c[ek]) for ek in EN_KEYS}
        o["classified"] = False
        arr.append(o)
    path.write_text(json.dumps(arr, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_jsonl(path: Path, keys):
    lines = []
    for k in keys:
        c = A[k]
        lines.append(json.dumps(dict(zip(CN_LABELS, [c["submitter"], c["supervisor"], c["contact"], c["mobile"],
                                                     c["title"], c["source"], joined(c)])), ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


CSV_UTF8 = ("2026-11-成都市科技局-汇总.csv", ["cd_drug", "cd_5g", "cd_pi"])
CSV_GB = ("2026-11-绵阳市科技局-汇总.csv", ["my_pzt", "my_robot"])
JSON_ARR = ("2026-11-网上报送系统导出.json", ["pig", "pzh_vanadium"])
JSONL = ("2026-11-科技信息研究所-主动收集.jsonl", ["ls_topcon", "wc_ai"])

# --------------------------------------------------------------------------
# Manifest: every file, who made it, what it exercises, expected outcome.
# --------------------------------------------------------------------------
PYDOCX = "python-docx " + docx.__version__
MANIFEST = [
    ("2026-11-四川大学-报送表.docx", PYDOCX, ["scu_nature"],
     "the form as in the template: 附件 line, title, table, 备注 paragraph after it; summary in 2 paragraphs",
     "accepted, 1 submission"),
    ("2026-11-电子科技大学-报送表.docx", PYDOCX, ["uestc_sic"],
     "template without the 附件 line and 备注; Latin mixed in (SiC, MOSFET, mΩ·cm², AEC-Q101)",
     "accepted, 1 submission"),
    ("2026-11-西南交通大学-报送表.docx", PYDOCX, ["swjtu_book"],
     "labels typed by hand: `报送单位(产学研等单位)`, `归口市(州)科技局或省直部门：`, `联 系 人`, `联系手机:`, "
     "`成果名称：`, `成 果 来 源`, `案例简介：` (spaces, half-width brackets, full/half-width colons)",
     "accepted, 1 submission"),
    ("2026-11-德阳市科技局-报送表（2项）.docx", PYDOCX, ["dec_pumped", "dy_standard"],
     "two forms in one file: title + table, page break, title + table",
     "accepted, 2 submissions"),
    ("2026-11-绵阳久安精密测控技术研究所-报送表（涉密）.docx", PYDOCX, ["my_classified"],
     "extra row `是否涉密` = `☑是  ☐否` (after 成果来源)",
     "accepted, 1 submission, marked classified: counted internally, never bulletined/released/named publicly"),
    ("2026-11-四川省农业科学院-报送表.docx", PYDOCX, ["saas_rice"],
     "extra rows some units add: `完成人` (after 成果名称) and `知识产权情况` (after 案例简介) — to be ignored; summary in 3 paragraphs",
     "accepted, 1 submission (extra rows ignored)"),
    ("2026-11-宜宾锂源新能源科技有限公司-报送表.docx", PYDOCX, ["yb_invalid"],
     "well-formed form that fails validation: 联系手机 `138001380` (9 digits), 成果名称 empty",
     "quarantined: 联系手机 not an 11-digit mainland mobile; 成果名称 required but empty"),
    ("损坏的报送表.docx", PYDOCX + ", then truncated to half its bytes", ["sn_corrupt"],
     "not a readable zip (no end-of-central-directory record)",
     "quarantined: unreadable DOCX (truncated/corrupt zip)"),
    ("2026-11-西南石油大学-报送表.docx", "LibreOffice 7.4 (HTML → docx)", ["swpu_patent"],
     "LibreOffice-written DOCX: merged cells as gridSpan, runs split at Latin/CJK boundaries, 3-paragraph summary",
     "accepted, 1 submission"),
    ("2026-11-中国科学院成都生物研究所-报送表.docx", "LibreOffice 7.4 (HTML → docx)", ["cib_baijiu"],
     "LibreOffice-written DOCX; level claimed only for part of the work (部分指标达到国际领先)",
     "accepted, 1 submission"),
    ("2026-11-凉山彝族自治州科技局-报送表.docx", "LibreOffice 7.4 (HTML → docx)", ["ls_buckwheat"],
     "LibreOffice-written DOCX; summary claims no level at all",
     "accepted, 1 submission"),
    (CSV_UTF8[0], "Python csv (UTF-8 with BOM, CRLF)", CSV_UTF8[1],
     "CSV with BOM, header row of the Chinese labels; the 成都芯联微 summary contains ASCII commas, "
     "ASCII double quotes (doubled as \"\" in the file) and a line break inside a quoted field",
     "accepted, 3 submissions"),
    (CSV_GB[0], "Python csv, encoded with the gb18030 codec (CRLF, no BOM)", CSV_GB[1],
     "GB18030 CSV as Excel on Chinese Windows saves it; summaries contain line breaks (quoted)",
     "accepted, 2 submissions"),
    (JSON_ARR[0], "Python json", JSON_ARR[1],
     "JSON array of objects with English keys (submitter, supervisor, contact, mobile, title, source, summary, classified:false)",
     "accepted, 2 submissions"),
    (JSONL[0], "Python json (one object per line)", JSONL[1],
     "JSON Lines, keys are the Chinese labels; comes via 主动收集 (active collection)",
     "accepted, 2 submissions"),
]


def summary_len(c):
    return len("".join(c["summary"]))


def write_readme(out: Path):
    lines = [
        "# Sample submissions (重大科技成果案例报送表)",
        "",
        "Invented but plausible examples of what units and bureaus send to 科技厅, for trying and testing `bulletin`.",
        "Everything in them is fictitious: the achievements, people, phone numbers, figures, patent / standard /",
        "approval numbers, variety and drug names. Real universities, institutes and bureaus are named because forms",
        "name them, but the achievements attributed to them are invented; companies such as 成都华芩生物医药有限公司,",
        "成都芯联微科技有限公司, 德阳天元重工股份有限公司, 绵阳久安精密测控技术研究所 are invented names.",
        "",
        "Generated by `tools/make_samples.py` (python-docx; LibreOffice Writer via `soffice --headless",
        "--infilter=\"HTML (StarWriter)\" --convert-to docx`; Python `csv`/`json`). Run `python3 tools/make_samples.py`",
        "to regenerate and re-verify (needs `pip install python-docx`, `apt-get install libreoffice-writer-nogui`,",
        "optionally pandoc). DOCX bytes differ from run to run (zip timestamps, LibreOffice metadata); the content does not.",
        "",
        "## Files",
        "",
        "| file | written by | exercises | expected outcome |",
        "|---|---|---|---|",
    ]
    for name, prog, keys, what, outcome in MANIFEST:
        lines.append(f"| `{name}` | {prog} | {what} | {outcome} |")
    lines += [
        "",
        f"In total: {len(MANIFEST)} files; {sum(len(k) for n, _, k, _, o in MANIFEST if o.startswith('accepted'))} "
        "accepted submissions (one of them classified), 2 files quarantined.",
        "",
        "## Achievements and how a reviewer would judge them",
        "",
        "The form has no category/level/industry field; these are what a reviewer infers from title and summary.",
        "",
        "| file | 报送单位 | 归口部门 | 成果名称 | 成果来源 | category | subtype | level claimed | industry | 简介字数 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, _, keys, _, _ in MANIFEST:
        for k in keys:
            c, e = A[k], A[k]["expect"]
            title = c["title"] or "*(empty)*"
            lines.append(f"| `{name}` | {c['submitter']} | {c['supervisor']} | {title} | {c['source']} | "
                         f"{e['category']} | {e['subtype']} | {e['level']} | {e['industry']} | {summary_len(c)} |")
    lines += [
        "",
        "## Notes for whoever parses these",
        "",
        "- python-docx files say `Microsoft Macintosh Word` in `docProps/app.xml` (inherited from python-docx's default",
        "  template) — do not trust `Application` to tell which program wrote a file. LibreOffice files say",
        "  `LibreOffice/7.4…`.",
        "- Merged value cells are `<w:gridSpan w:val=\"3\"/>` in both python-docx and LibreOffice output (no `hMerge`).",
        "  python-docx's `row.cells` repeats the merged cell 3 times; dedupe by the underlying `<w:tc>`.",
        "- LibreOffice splits a paragraph into several `<w:r>` runs where the script changes (CJK ↔ Latin/digits),",
        "  so text must be read by concatenating runs (one summary paragraph here has 24 runs).",
        "- Label variants in `2026-11-西南交通大学-报送表.docx`: normalise by removing whitespace, mapping `()` to `（）`",
        "  and dropping a trailing `：`/`:`.",
        "- Levels worth a careful look: 成都生物所 claims only `部分指标达到国际领先水平`; 攀枝花 claims `总体达到国际先进水平，",
        "  其中钒收率…达到国际领先`; 绵阳天启 claims `国内领先` overall and `接近国际先进` for one indicator; 成都瑞泰 writes",
        "  `达到国际同类产品先进水平`; 凉山 claims nothing.",
        "- Summaries of CSV/JSON rows keep paragraph breaks as `\\n`. Both CSVs separate records with CRLF and keep a",
        "  bare LF inside quoted fields (as Excel does for Alt+Enter); the GB18030 one has no BOM.",
        "- python-docx tables carry `<w:tblLook w:firstRow=\"1\" …>` (python-docx writes it into every new table), so pandoc",
        "  renders the 报送单位 row as a table *header*; LibreOffice tables have no `tblLook` and pandoc shows no header.",
        "- pandoc 2.17 does not render `gridSpan`: the merged value shows in column 2 followed by two empty columns.",
        "- `file(1)` still calls `损坏的报送表.docx` \"Microsoft Word 2007+\" (it sniffs the first local header):",
        "  only opening the zip (end-of-central-directory record missing) reveals the damage.",
        "- The classified form's summary opens with a 脱密 note and uses `××型` for the model designation.",
        "",
    ]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------
# Verification: read everything back
# --------------------------------------------------------------------------
def norm_label(s):
    s = re.sub(r"\s+", "", s).replace("(", "（").replace(")", "）")
    return s.rstrip("：:")


def read_docx_forms(path: Path):
    d = docx.Document(str(path))
    forms = []
    for t in d.tables:
        rec = {}
        for row in t.rows:
            cells = []
            for cell in row.cells:  # a merged cell is repeated once per grid column it spans
                if not any(cell._tc is c._tc for c in cells):
                    cells.append(cell)
            for i in range(0, len(cells) - 1, 2):
                rec[norm_label(cells[i].text)] = "\n".join(p.text for p in cells[i + 1].paragraphs if p.text)
        forms.append(rec)
    return forms


MOBILE = re.compile(r"^1\d{10}$")


def check_record(rec, where, expect_valid=True):
    missing = [l for l in CN_LABELS if not rec.get(l)]
    bad_mobile = not MOBILE.match(rec.get(L_MOBILE, ""))
    ok = not missing and not bad_mobile and len(rec.get(L_SUMMARY, "")) <= 1000
    if ok != expect_valid:
        raise SystemExit(f"{where}: validity {ok}, expected {expect_valid} (missing={missing}, mobile={rec.get(L_MOBILE)})")
    return rec


def verify(out: Path):
    titles = []
    pandoc = shutil.which("pandoc")
    report = []
    for name, prog, keys, _, outcome in MANIFEST:
        p = out / name
        valid = outcome.startswith("accepted")
        if name.endswith(".docx"):
            if name == "损坏的报送表.docx":
                try:
                    zipfile.ZipFile(p)
                except zipfile.BadZipFile:
                    report.append(f"OK  {name}: BadZipFile as intended")
                    continue
                raise SystemExit(f"{name}: expected a broken zip")
            forms = read_docx_forms(p)
            assert len(forms) == len(keys), (name, len(forms))
            for rec, k in zip(forms, keys):
                check_record(rec, name, valid)
                c = A[k]
                assert rec[L_TITLE] == c["title"] and rec[L_SUMMARY] == joined(c) and rec[L_MOBILE] == c["mobile"], name
            xml = zipfile.ZipFile(p).read("word/document.xml").decode()
            spans = len(re.findall(r'<w:gridSpan w:val="3"/>', xml))
            assert spans >= 3 * len(keys), (name, spans)
            app = re.search(r"<Application>([^<]*)</Application>",
                            zipfile.ZipFile(p).read("docProps/app.xml").decode())
            if pandoc:
                r = subprocess.run([pandoc, "-t", "plain", "--columns=1000", str(p)],
                                   capture_output=True, text=True, timeout=120)
                assert r.returncode == 0, (name, r.stderr)
                # pandoc wraps cell text inside the grid table: compare with whitespace and '|' removed
                flat = re.sub(r"[\s|]", "", r.stdout)
                for k in keys:
                    for piece in [A[k]["title"], A[k]["submitter"], *A[k]["summary"]]:
                        assert re.sub(r"\s", "", piece) in flat, (name, "missing in pandoc output", piece[:20])
            report.append(f"OK  {name}: {len(forms)} form(s), gridSpan=3 x{spans}, app={app.group(1) if app else '?'}"
                          + (", pandoc ok" if pandoc else ", pandoc not installed"))
            recs = forms
        elif name.endswith(".csv"):
            raw = p.read_bytes()
            enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
            rows = list(csv.reader(io.StringIO(raw.decode(enc), newline="")))
            assert rows[0] == CN_LABELS, (name, rows[0])
            recs = [dict(zip(CN_LABELS, r)) for r in rows[1:]]
            assert len(recs) == len(keys), name
            for rec in recs:
                check_record(rec, name, valid)
            report.append(f"OK  {name}: {enc}, {len(recs)} rows")
        elif name.endswith(".jsonl"):
            recs = [json.loads(l) for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]
            for rec in recs:
                check_record(rec, name, valid)
            report.append(f"OK  {name}: {len(recs)} lines")
        elif name.endswith(".json"):
            arr = json.loads(p.read_text(encoding="utf-8"))
            recs = [dict(zip(CN_LABELS, (o[k] for k in EN_KEYS))) for o in arr]
            for rec in recs:
                check_record(rec, name, valid)
            report.append(f"OK  {name}: {len(recs)} objects")
        for rec in recs:
            if rec.get(L_TITLE):
                titles.append(rec[L_TITLE])
    dup = {t for t in titles if titles.count(t) > 1}
    assert not dup, f"duplicate titles: {dup}"
    for k, c in A.items():
        n = summary_len(c)
        assert 200 <= n <= 600, f"{k}: summary has {n} characters"
        if c["mobile"] != "138001380":
            assert MOBILE.match(c["mobile"]), k
    listed = {m[0] for m in MANIFEST} | {"README.md"}
    stray = sorted(f.name for f in out.iterdir() if f.name not in listed)
    assert not stray, f"files in {out} not in the manifest: {stray}"
    print("\n".join(report))
    print(f"{len(titles)} readable titles, all unique; {len(A)} achievements, summaries 200-600 characters")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "samples"))
    ap.add_argument("--no-verify", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    build_python_docx(out)
    convert_with_libreoffice(out)
    write_csv(out / CSV_UTF8[0], CSV_UTF8[1], "utf-8", bom=True)
    write_csv(out / CSV_GB[0], CSV_GB[1], "gb18030", bom=False)
    write_json(out / JSON_ARR[0], JSON_ARR[1])
    write_jsonl(out / JSONL[0], JSONL[1])
    write_readme(out)
    if not a.no_verify:
        verify(out)


if __name__ == "__main__":
    main()
