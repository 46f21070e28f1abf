import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// Round 14 (docs/scoring.md, "Round 14: the notes of GB/T 4754-2017"): the words `tools/industry_words.py` derives
/// from the explanatory notes (说明) of GB/T 4754-2017 (data/gbt4754-2017-notes.tsv). The derivation reads a note's
/// enumerations only and never what the note excludes; a word two industries share is dropped, as are stop words and the
/// words the class names give. By the rule declared before measuring, the note words did not earn a place in
/// pipeline.json (`gbt4754.noteWordsShipped` false); these tests hold the derivation and the data, and that pipeline.json
/// agrees with the switch.
@Suite struct ScoreIndustryNotesTests {
    static let tool = ScoreTestSupport.root.appendingPathComponent("tools/industry_words.py").path

    static func python() throws -> String {
        try #require(RenderTools.which("python3"), "python3 runs the derivation (tools/industry_words.py)")
    }

    /// The items one note gives: (included, excluded), as `--note TEXT` prints them.
    static func items(_ note: String, machine: Bool = false) throws -> (included: [String], excluded: [String]) {
        let r = try RenderTools.run(try python(), [tool, "--note", note] + (machine ? ["--machine"] : []), in: ScoreTestSupport.root)
        #expect(r.status == 0, "\(r.output)")
        let lines = r.output.split(separator: "\n").map(String.init)
        return (lines.filter { !$0.hasPrefix("- ") }, lines.filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) })
    }

    /// The note words `--notes` derives (word, industry, weight, code, name) from the given files.
    static func noteWords(_ arguments: [String] = [], in folder: URL = ScoreTestSupport.root) throws -> [[String]] {
        let r = try RenderTools.run(try python(), [tool, "--notes"] + arguments, in: folder)
        #expect(r.status == 0, "\(r.output)")
        return r.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    // MARK: - The notes' grammar

    @Test func aListClosedByDengGivesItsItemsAndWhatIsExcludedGivesNothing() throws {
        let a = try Self.items("指稻谷、小麦、玉米等谷物的种植；不包括种子、种苗的培育")
        #expect(a.included == ["稻谷", "小麦", "玉米"])
        #expect(a.excluded == ["种子", "种苗"])
    }

    @Test func aBaokuoClauseAndAListBeforeTheActivityGiveTheirItems() throws {
        let a = try Self.items("指各种化学试剂、催化剂及专用助剂的生产活动，包括光刻胶的制造")
        #expect(a.included == ["化学试剂", "催化剂", "专用助剂", "光刻胶"])
    }

    @Test func whatTheNoteExcludesByChuWaiOrInABracketGivesNothing() throws {
        let a = try Self.items("指除葡萄酒以外的果酒、配制酒等酒产品的生产活动")
        #expect(a.included == ["果酒", "配制酒"])
        #expect(a.excluded == ["葡萄酒"])
        let b = try Self.items("指以化纤长丝（不包括化纤短纤）为主要原料生产的机织物")
        #expect(b.included.isEmpty, "\(b.included)")
        #expect(b.excluded == ["化纤短纤"])
    }

    @Test func usesInputsAndProcessesAreNotTheGoods() throws {
        // 用于…的 (a use), 以…为原料 (an input), …等工艺 (a process), 开采、洗选 (activities), a list that modifies the noun
        // after its 的 when that noun opens another list.
        #expect(try Self.items("指用于隔热、隔音、保温的岩石棉、矿渣棉等矿物绝缘材料的制造").included == ["岩石棉", "矿渣棉"])
        #expect(try Self.items("指以甘蔗、甜菜等为原料制作成品糖的生产活动").included.isEmpty)
        #expect(try Self.items("指经采用挤塑、注塑、吹塑等工艺加工成型的各种制品的生产").included.isEmpty)
        #expect(try Self.items("指对各种煤炭的开采、洗选、分级等生产活动").included.isEmpty)
        #expect(try Self.items("指海水、淡水养殖或捕捞的鱼类、虾类、贝类等水产品的冷冻加工").included == ["鱼类", "虾类", "贝类"])
        // A clause opened by a preposition (将, 对, 以 …) makes its lists objects of another action: nothing is read.
        #expect(try Self.items("指将各个分离的设备、功能和信息等集成到统一的系统之中").included.isEmpty)
        // What a bracket cuts out leaves a boundary: 棉型化纤（化纤短丝）纺织 gives no 棉型化纤纺织.
        #expect(!(try Self.items("指棉、棉型化纤（化纤短丝）纺织及印染精加工").included.contains("棉型化纤纺织")))
    }

    @Test func aMachineClassesNoteGivesOnlyMachines() throws {
        // 冶金专用设备制造: the note names what the machines serve (冶炼, 轧制); only a machine is the class's word.
        let a = try Self.items("指金属冶炼、锭坯铸造、轧制及连铸机等生产专用设备的制造", machine: true)
        #expect(a.included == ["连铸机"], "\(a.included)")
    }

    // MARK: - The derivation over classes

    @Test func aSharedWordAStopWordAndAClassNamesWordAreDropped() throws {
        try TestSupport.withTemporaryFolder { folder in
            // Two 4-digit classes of two industries whose notes both name 电源; 设备 is a stop word; 电池 is a word a class
            // name gives (so a note never gives it again); 稀土永磁 comes from one class only and stays, weight 2 (a
            // 4-digit class's note); 钕铁硼 from a 3-digit class's note weighs 1.
            let taxonomy = """
            {"gbt4754": {"file": "classes.tsv", "notesFile": "notes.tsv",
              "map": [{"prefix": "C39", "industry": "电子信息"}, {"prefix": "C384", "industry": "能源化工"}, {"prefix": "C32", "industry": "先进材料"}],
              "stopWords": ["设备"], "noteStopWords": ["配套件"], "precedence": []}}
            """
            let classes = "C3912\t计算机零部件制造\nC3841\t锂离子电池制造\nC3240\t有色金属合金制造\nC324\t有色金属合金制造\n"
            let notes = """
            C3912\t指内存、硬盘、电源、机箱等部件的制造
            C3841\t指电源、电池、设备、配套件等产品的制造
            C3240\t指稀土永磁、硬质合金等合金的制造
            C324\t包括钕铁硼、配套件等的制造

            """
            try taxonomy.write(to: folder.appendingPathComponent("taxonomy.json"), atomically: true, encoding: .utf8)
            try classes.write(to: folder.appendingPathComponent("classes.tsv"), atomically: true, encoding: .utf8)
            try notes.write(to: folder.appendingPathComponent("notes.tsv"), atomically: true, encoding: .utf8)
            let words = try Self.noteWords(["--taxonomy", folder.appendingPathComponent("taxonomy.json").path,
                                            "--classes", folder.appendingPathComponent("classes.tsv").path,
                                            "--notes-file", folder.appendingPathComponent("notes.tsv").path], in: folder)
            let by = Dictionary(words.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
            #expect(by["电源"] == nil, "a word of two industries' notes is dropped: \(words)")
            #expect(by["设备"] == nil && by["配套件"] == nil, "stop words are dropped: \(words)")
            #expect(by["电池"] == nil, "a word a class name gives is not taken from a note: \(words)")
            #expect(by["内存"]?[1] == "电子信息" && by["内存"]?[2] == "2" && by["内存"]?[3] == "C3912")
            #expect(by["稀土永磁"]?[1] == "先进材料" && by["稀土永磁"]?[2] == "2")
            #expect(by["钕铁硼"]?[1] == "先进材料" && by["钕铁硼"]?[2] == "1" && by["钕铁硼"]?[3] == "C324")
        }
    }

    /// Every note word the repository's data gives comes from its class's note, outside what the note excludes, from a
    /// class mapped to the word's industry, and is no stop word, as the class-name words are checked against the names.
    @Test func everyNoteWordIsInItsClasssNoteAndMapping() throws {
        let taxonomy = try ScoreRealSetTests.IndustryTaxonomy.load()
        let notes = try ScoreRealSetTests.notes(taxonomy)
        let stop = Set(taxonomy.gbt4754.stopWords + taxonomy.gbt4754.noteStopWords)
        let words = try Self.noteWords()
        #expect(words.count > 150, "the notes give a few hundred words; found \(words.count)")
        for w in words {
            #expect(w.count == 5, "\(w)")
            guard w.count == 5 else { continue }
            let (word, industry, weight, code) = (w[0], w[1], w[2], w[3])
            let note = try #require(notes[code], "\(code) has no note")
            #expect(note.contains(word), "「\(word)」 is not in the note of \(code)")
            #expect(taxonomy.industry(ofGBCode: code) == industry, "\(code) maps to \(taxonomy.industry(ofGBCode: code) ?? "nothing"), not \(industry)")
            #expect(weight == "1" || (weight == "2" && code.count == 5), "\(word) \(code): weight \(weight)")
            #expect(!stop.contains(word), "「\(word)」 is a stop word")
            for excluded in ScoreRealSetTests.excludedParts(of: note) {
                #expect(!excluded.contains(word), "「\(word)」 of \(code) is named where the note excludes it: \(excluded)")
            }
        }
    }

    /// The listed class I6511 基础软件开发 took its words from the standard's note by hand (sixth industry pass); the note is
    /// now in the repository, and they are all in it.
    @Test func theListedBasicSoftwareWordsAreInTheNoteOfI6511() throws {
        let taxonomy = try ScoreRealSetTests.IndustryTaxonomy.load()
        let note = try #require(try ScoreRealSetTests.notes(taxonomy)["I6511"])
        let listed = try #require(taxonomy.industries.flatMap(\.classes).first { $0.code == "I6511" })
        #expect(!listed.strong.isEmpty)
        for word in listed.strong + listed.weak {
            #expect(note.contains(word), "「\(word)」 is not in the note of I6511: \(note)")
        }
    }

    /// pipeline.json holds the note words exactly when the taxonomy ships them (`noteWordsShipped`); today it does not.
    @Test func pipelineJSONAgreesWithTheNotesSwitch() throws {
        let data = try Data(contentsOf: ScoreTestSupport.root.appendingPathComponent("data/industry-taxonomy.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let shipped = ((object["gbt4754"] as? [String: Any])?["noteWordsShipped"] as? Bool) ?? false
        let noteGroups = ScoringConfig.rulesAlone.industries.filter { $0.source?.hasSuffix(" 说明") == true }
        #expect(shipped == !noteGroups.isEmpty, "run python3 tools/build_industry_cues.py")
        #expect(!shipped, "docs/scoring.md round 14: the note words did not meet the rule declared before measuring")
        let r = try RenderTools.run(try Self.python(), ["tools/build_industry_cues.py", "--check"], in: ScoreTestSupport.root)
        #expect(r.status == 0, "pipeline.json is out of date: run python3 tools/build_industry_cues.py")
    }
}
