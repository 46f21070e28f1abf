import Foundation

/// The shipped scoring rules: the same JSON as the `scoring` section of the repository's pipeline.json
/// (a test keeps the two equal). A section missing from a configuration file takes its value from here.
extension ScoringConfig {
    /// The shipped configuration.
    public static let standard: ScoringConfig = {
        let decoder = JSONDecoder()
        if let key = strictKey { decoder.userInfo[key] = true }
        do {
            return try decoder.decode(ScoringConfig.self, from: Data(standardJSON.utf8))
        } catch {
            // Unreachable while the tests pass (they decode this text); an empty configuration scores nothing.
            return ScoringConfig.empty
        }
    }()

    /// The shipped configuration as JSON.
    static let standardJSON = #"""
{
  "formula": "score = categoryPoints[category] + level (levels[i].points of the level the text claims × levelClaim weight; a claim only for part of the work: × levelReading.partialClaimFactor; a declared level adds nothing by itself) + min(evidence, evidenceCap) (sum of the weights of the topJournal, academicPublisher, firstOfKind, varietyApproval, grantedPatent, standardIssued, transferEvidence and economicBenefit findings, each weight × field weight × rule weight) + amount (min(amountCap, amountScale × log10(1 + 万元 / 100)) × economicBenefit weight, from the largest amount next to an economic indicator) + completeness (completenessPoints × (0.5 × share of the seven fields filled + 0.5 × min(1, summary characters / fullSummaryCharacters)) × completeness weight); rounded to 0.01. Deterministic: no clock, no randomness, ties broken by the fixed order of labels.",
  "rules": {
    "categoryPhrases": { "enabled": true, "weight": 1 },
    "subtypePhrases": { "enabled": true, "weight": 1 },
    "topJournal": { "enabled": true, "weight": 1 },
    "academicPublisher": { "enabled": true, "weight": 1 },
    "firstOfKind": { "enabled": true, "weight": 1 },
    "varietyApproval": { "enabled": true, "weight": 1 },
    "grantedPatent": { "enabled": true, "weight": 1 },
    "standardIssued": { "enabled": true, "weight": 1 },
    "transferEvidence": { "enabled": true, "weight": 1 },
    "economicBenefit": { "enabled": true, "weight": 1 },
    "levelClaim": { "enabled": true, "weight": 1 },
    "industryPhrases": { "enabled": true, "weight": 1 },
    "completeness": { "enabled": true, "weight": 1 },
    "declaredCategory": { "enabled": true, "weight": 1 },
    "declaredLevel": { "enabled": true, "weight": 1 },
    "declaredIndustry": { "enabled": true, "weight": 1 },
    "zhejiangOwnership": { "enabled": true, "weight": 1 },
    "zhejiangTopJournal": { "enabled": true, "weight": 1 },
    "zhejiangIndustrialised": { "enabled": true, "weight": 1 },
    "zhejiangMinimumLevel": { "enabled": true, "weight": 1 }
  },
  "fieldWeights": { "title": 2, "summary": 1 },
  "categories": [
    { "label": "基础研究成果", "weight": 2, "phrases": ["揭示", "阐明", "阐释", "机理", "科学问题", "科学意义", "理论基础", "科学依据", "首次观测", "首次发现", "新机制", "新原理", "基础研究"] },
    { "label": "基础研究成果", "weight": 1, "phrases": ["机制", "规律", "起源", "演化", "理论"] },
    { "label": "应用研究成果", "weight": 1, "phrases": ["研制", "研发", "开发", "攻克", "突破", "自主可控", "国产化", "工程化", "应用前景"] },
    { "label": "其它", "weight": 3, "phrases": ["考古", "文物", "遗址", "科学考察", "综合考察", "科考", "大科学装置", "科学装置", "风洞", "托卡马克", "聚变装置", "种质资源库", "资源库", "应急响应", "抢险", "救援", "野化", "放归"] },
    { "label": "其它", "weight": 2, "phrases": ["建成投入使用", "建成并投入运行", "投入运行", "建成运行", "试验设施", "实验设施", "科研平台", "创新平台", "创新中心", "濒危", "物种保护", "决策支撑", "决策咨询", "科学普及", "科普"], "patterns": ["实验室.{0,6}(建成|投入使用|投入运行)"] }
  ],
  "subtypes": [
    { "label": "论文", "weight": 3, "phrases": ["论文", "期刊", "刊发", "发表于", "发表在", "影响因子", "高被引", "封面文章"] },
    { "label": "论文", "weight": 1, "phrases": ["发表", "被引", "引用", "审稿", "同行评议"] },
    { "label": "专著", "weight": 4, "phrases": ["专著", "学术著作"] },
    { "label": "专著", "weight": 2, "phrases": ["出版", "编著", "著作", "撰写", "出版社", "英文版", "教材"] },
    { "label": "关键技术", "weight": 3, "phrases": ["关键技术", "核心技术", "卡脖子", "颠覆性技术", "共性技术"] },
    { "label": "关键技术", "weight": 1, "phrases": ["技术"] },
    { "label": "关键技术", "weight": 1.5, "phrases": ["技术体系", "技术难题", "技术瓶颈", "技术模式", "工艺", "技术方法", "攻克", "突破"] },
    { "label": "创新产品", "weight": 3, "phrases": ["新药", "获批上市", "样机", "样车", "整机", "装备", "仪器", "设备", "器械"] },
    { "label": "创新产品", "weight": 1.5, "phrases": ["产品", "研制", "机组", "软件", "量产", "批量供货", "上市", "生产线", "药物", "临床试验"] },
    { "label": "创新产品", "weight": 1, "phrases": ["系统", "平台"] },
    { "label": "生物品种", "weight": 4, "phrases": ["新品种", "配套系", "良种", "品系"] },
    { "label": "生物品种", "weight": 2, "phrases": ["品种", "选育", "育成", "新组合", "菌株"] },
    { "label": "发明专利", "weight": 4, "phrases": ["发明专利", "专利金奖", "PCT", "国际专利", "专利组合", "专利群", "高价值专利"] },
    { "label": "发明专利", "weight": 2, "phrases": ["专利"] },
    { "label": "发明专利", "weight": 4, "patterns": ["^一种.{2,40}(方法|装置|系统|组合物|化合物|工艺|设备|结构)"] },
    { "label": "发明专利", "weight": -4, "patterns": ["专利(共|合计)?[0-9]+(余|多)?(件|项)", "[0-9]+(余|多)?(件|项)(授权)?(发明|国际|国防|PCT)?专利"] },
    { "label": "标准", "weight": 4, "phrases": ["国际标准", "国家标准", "行业标准", "团体标准", "地方标准", "ISO标准", "IEEE标准"] },
    { "label": "标准", "weight": 2, "phrases": ["企业标准", "标准化组织", "标准化技术委员会", "起草", "主持制定", "主导制定", "标准修订", "标准制定"], "patterns": ["GB(/T)? ?[0-9]"] }
  ],
  "industries": [
    { "label": "电子信息", "weight": 2, "phrases": ["集成电路", "芯片", "半导体", "新型显示", "显示屏", "柔性显示", "AMOLED", "OLED", "液晶", "通信", "5G", "6G", "天线", "射频", "雷达", "微波", "信息安全", "网络安全", "工控安全", "工业软件", "仿真软件", "操作系统", "人工智能", "北斗", "光刻", "卫星导航", "电子器件", "光电器件", "电子皮肤", "柔性电子", "智能终端", "物联网", "云计算", "大数据", "区块链", "量子"] },
    { "label": "电子信息", "weight": 1, "phrases": ["电子", "软件", "算法", "信息", "传感", "数字化", "智能化", "网络", "计算"] },
    { "label": "装备制造", "weight": 2, "phrases": ["装备", "机组", "发电机组", "发动机", "燃气轮机", "燃机", "汽轮机", "水轮", "机床", "数控", "机器人", "盾构", "掘进机", "TBM", "轴承", "压机", "锻压", "模锻", "航空", "飞机", "轨道交通", "列车", "动车", "机车", "磁浮", "车辆", "车轮", "整机", "齿轮", "液压", "叶片", "智能制造", "重大技术装备"] },
    { "label": "装备制造", "weight": 1, "phrases": ["制造", "设备", "机械", "部件", "零部件", "铸造", "焊接", "样机", "铁路"] },
    { "label": "先进材料", "weight": 2, "phrases": ["新材料", "材料", "合金", "钒", "钛", "稀土", "多晶硅", "单晶硅", "硅料", "高分子", "聚合物", "复合材料", "陶瓷", "石墨烯", "碳纤维", "正极材料", "负极材料", "前驱体", "钢铁", "特种钢", "冶炼", "冶金", "涂层", "薄膜", "阻燃", "可降解", "聚乳酸", "钛白粉", "锂盐"] },
    { "label": "先进材料", "weight": 1, "phrases": ["纯度", "晶体", "纳米", "粉体", "化学成分"] },
    { "label": "能源化工", "weight": 2, "phrases": ["能源", "页岩气", "天然气", "油气", "石油", "钻井", "压裂", "气田", "油田", "电力", "电网", "输电", "变电", "水电", "水电站", "发电", "光伏", "太阳能电池", "钙钛矿", "电池", "储能", "动力电池", "锂电池", "氢能", "制氢", "燃料电池", "核能", "核电", "聚变", "核聚变", "磁约束", "化工", "电站", "新能源", "清洁能源", "节能", "碳中和"] },
    { "label": "能源化工", "weight": 1, "phrases": ["电解", "催化", "燃料", "热能", "能耗"] },
    { "label": "食品轻纺", "weight": 2, "phrases": ["食品", "白酒", "酿酒", "酿造", "浓香型", "酒糟", "饮料", "肉制品", "预制菜", "调味品", "豆瓣", "川菜", "烹饪", "餐饮", "纺织", "面料", "丝绸", "蚕丝", "真丝", "服装", "家纺", "纺纱", "织造", "皮革", "造纸", "竹浆", "化纤", "精深加工", "食品加工", "农产品加工"] },
    { "label": "食品轻纺", "weight": 1, "phrases": ["发酵", "口感", "风味", "营养", "保鲜", "包装"] },
    { "label": "医药健康", "weight": 2, "phrases": ["医药", "药物", "新药", "创新药", "疫苗", "抗体", "肿瘤", "癌", "临床", "诊断", "治疗", "医院", "医疗", "中医", "中药", "药材", "药品", "制药", "细胞治疗", "医疗器械", "患者", "疾病", "病毒", "健康", "卫生", "体外诊断", "手术", "免疫"] },
    { "label": "医药健康", "weight": 1, "phrases": ["药", "生物医药", "康复", "护理", "感染"] },
    { "label": "现代农业", "weight": 2, "phrases": ["农业", "水稻", "杂交稻", "小麦", "玉米", "大豆", "油菜", "作物", "种植", "育种", "制种", "种业", "生猪", "猪", "畜禽", "畜牧", "养殖", "健康养殖", "水产", "渔", "茶树", "果树", "猕猴桃", "柑橘", "食用菌", "羊肚菌", "耕地", "农户", "果农", "农民", "种质", "农药", "兽药", "饲料", "草种", "牦牛"] },
    { "label": "现代农业", "weight": 1, "phrases": ["亩", "病虫害", "栽培", "品种", "良种", "农产品"], "patterns": ["增产(?!值)"] },
    { "label": "其他", "weight": 2, "phrases": ["考古", "文物", "遗址", "文明", "地质灾害", "滑坡", "泥石流", "地震", "防灾减灾", "生态修复", "生态保护", "生物多样性", "大熊猫", "物种", "两栖", "冰川", "青藏高原", "宇宙线", "暗物质", "伽马", "天文", "粒子物理", "气象", "气候变化", "隧道", "桥梁", "岩土", "土木", "环境保护", "污染防治", "草地", "湿地", "国家公园"] }
  ],
  "levels": [
    { "level": "国际领先", "points": 40,
      "phrases": ["国际领先", "世界领先", "全球领先", "国际领跑", "国内外领先", "领跑世界"],
      "patterns": ["(国际|世界)上?(处于|居于|保持)领先(地位|水平)?"],
      "implied": ["国际首创", "世界首创", "全球首创", "填补国际空白", "填补世界空白"],
      "impliedPatterns": ["(国际|世界|全球)上?(的)?首(台|套|条|个|款|次)"] },
    { "level": "国际先进", "points": 30,
      "phrases": ["国际先进", "世界先进", "国内外先进", "国际一流", "世界一流", "国际前列", "世界前列", "国外先进水平"],
      "patterns": ["(国际|国外)同类(产品|技术|装备)?(的)?先进水平", "(国际|世界)上?(处于|居于|保持)先进(地位|水平)?"] },
    { "level": "国内领先", "points": 20,
      "phrases": ["国内领先", "全国领先"],
      "patterns": ["(国内|全国)(同行业|同类)?(处于|居于|保持)领先"],
      "implied": ["国内首创", "全国首创", "填补国内空白"],
      "impliedPatterns": ["(国内|全国|我国)(的)?首(台|套|条|个|款|次)", "填补(了)?(我国|国内|国家).{0,10}空白"] },
    { "level": "国内先进", "points": 10,
      "phrases": ["国内先进", "全国先进", "国内一流"],
      "patterns": ["(国内|全国)(同行业|同类)?(处于|居于|保持)先进"] }
  ],
  "levelReading": {
    "overallMarkers": ["总体", "整体", "综合", "全面", "该成果", "成果", "项目", "整机"],
    "partialMarkers": ["部分", "个别", "单项", "局部", "某些", "某项", "若干", "多项", "少数", "一些"],
    "partialScopeMarkers": ["其中"],
    "hedgeMarkers": ["接近", "逼近", "趋近", "尚未", "未达到", "未能", "没有达到", "达不到", "不及", "有望", "力争", "争取", "预计", "预期", "计划", "目标", "对标", "追赶", "缩小"],
    "hedgeWindow": 12,
    "comparisonMarkers": ["差距", "相比", "相较", "比较", "有待", "不足"],
    "notClaimFollowers": ["企业", "公司", "厂商", "厂家", "品牌", "机构", "团队", "高校", "院校", "国家", "同行", "经验", "理念"],
    "partialClaimFactor": 0.5
  },
  "evidence": {
    "topJournal": { "label": "论文", "weight": 8,
      "journals": ["Nature", "Science", "Cell", "科学通报", "《自然》", "《科学》", "《细胞》", "Lancet", "柳叶刀", "New England Journal of Medicine", "NEJM", "新英格兰医学杂志", "JAMA", "BMJ", "PNAS", "Proceedings of the National Academy of Sciences", "Physical Review Letters", "物理评论快报", "Journal of the American Chemical Society", "JACS", "Angewandte Chemie", "Advanced Materials", "National Science Review", "国家科学评论", "《中国科学》"] },
    "academicPublisher": { "label": "专著", "weight": 6, "window": 30,
      "actions": ["出版", "专著", "著作"],
      "objects": ["科学出版社", "高等教育出版社", "人民卫生出版社", "商务印书馆", "中国农业出版社", "化学工业出版社", "机械工业出版社", "清华大学出版社", "北京大学出版社", "Springer", "Elsevier", "Wiley", "CRC Press", "Cambridge University Press", "Oxford University Press", "学术出版机构", "出版社"] },
    "firstOfKind": { "label": "创新产品", "weight": 6, "phrases": ["首台（套）", "首台套", "国产化替代", "进口替代", "替代进口", "一类新药", "1类新药", "首仿药"] },
    "varietyApproval": { "label": "生物品种", "weight": 6, "window": 40,
      "actions": ["审定", "登记", "鉴定", "认定", "品种权"],
      "objects": ["品种", "配套系", "品系", "良种"] },
    "grantedPatent": { "label": "发明专利", "weight": 4, "window": 20,
      "actions": ["授权", "获权", "专利权"],
      "objects": ["发明专利", "国际专利", "美国专利", "欧洲专利", "PCT"] },
    "standardIssued": { "label": "标准", "weight": 5, "window": 30,
      "actions": ["制定", "发布", "主持", "主导", "牵头", "颁布", "批准", "起草", "修订"],
      "objects": ["国际标准", "国家标准", "行业标准", "ISO", "IEC", "IEEE", "GB/T"] },
    "transfer": [
      { "label": "成果转移转化案例", "weight": 3, "phrases": ["成果转化", "转移转化", "产业化", "技术转让", "专利转让", "转让", "许可", "作价入股", "技术入股", "推广应用", "示范推广", "规模化推广", "技术合同"] },
      { "label": "成果转移转化案例", "weight": 2, "phrases": ["转化", "推广", "示范基地", "示范区", "示范线", "辐射带动", "带动", "增收", "就业", "社会效益", "经济效益", "成功案例", "典型案例"],
        "patterns": ["推广.{0,8}[0-9]+(余|多)?万?亩", "覆盖.{0,10}[0-9]+(余|多)?(个|家)"] }
    ],
    "economicBenefit": { "label": "成果转移转化案例", "weight": 4, "window": 16,
      "indicators": ["新增产值", "产值", "销售收入", "销售额", "营业收入", "营收", "新增利税", "利税", "利润", "经济效益", "合同金额", "合同额", "合同总金额", "转让金额", "交易额", "成交额", "节支", "增收", "创收"] }
  },
  "decision": {
    "minimumCategoryVotes": 3,
    "minimumIndustryVotes": 3,
    "defaultSubtypes": { "基础研究成果": "论文", "应用研究成果": "关键技术" }
  },
  "score": {
    "categoryPoints": { "基础研究成果": 20, "应用研究成果": 20, "成果转移转化案例": 20, "其它": 10 },
    "evidenceCap": 30,
    "amountScale": 2.5,
    "amountCap": 10,
    "completenessPoints": 10,
    "fullSummaryCharacters": 300
  },
  "profiles": {
    "sichuan": { "region": "四川省", "rules": [] },
    "zhejiang": { "region": "浙江省", "rules": ["zhejiangOwnership", "zhejiangTopJournal", "zhejiangIndustrialised", "zhejiangMinimumLevel"] }
  },
  "eligibility": {
    "disputePhrases": ["权属不清", "权属待定", "权属未定", "署名待定", "尚未确权"],
    "disputePatterns": ["(?<![无没不])(存在|有|尚有|涉及)(权属|知识产权|署名)?(争议|纠纷)", "(?<!无|没有|不存在)(权属|知识产权|署名)(争议|纠纷)"],
    "breakthroughSubtypes": ["关键技术", "创新产品"],
    "industrialisedPhrases": ["产业化", "量产", "批量", "投产", "规模化生产", "生产线", "销售", "供货", "装机", "推广应用", "国家重大工程", "重大工程", "国之重器", "列装", "投入运营", "并网运行", "商业化"],
    "minimumLevels": ["国际领先", "国际先进", "国内领先"],
    "topJournalMeetsLevel": true
  }
}
"""#
}
