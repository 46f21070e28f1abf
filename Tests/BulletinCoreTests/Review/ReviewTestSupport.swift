import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML

/// Sample review sheets with real-looking cases, and the outside tools (python3 + openpyxl, LibreOffice)
/// the round-trip tests fill and re-save them with.
enum ReviewSamples {
    static let vocabulary = ReviewVocabulary(
        decisionWords: ["通过", "不通过", "退回修改"],
        categories: ["基础研究成果", "应用研究成果", "成果转移转化案例", "其它"],
        levels: ["国际领先", "国际先进", "国内领先", "国内先进"],
        industries: ["电子信息", "装备制造", "先进材料", "能源化工", "食品轻纺", "医药健康", "现代农业", "其他"])

    static let shortlistVocabulary = ReviewVocabulary(
        decisionWords: ["通过", "不通过", "退回修改", "送咨询"], categories: vocabulary.categories,
        levels: vocabulary.levels, industries: vocabulary.industries)

    static func row(_ n: Int, _ title: String, _ submitter: String, _ supervisor: String, _ source: String,
                    _ category: String, _ subtype: String, _ level: String, _ industry: String, _ score: Double?,
                    duplicates: String = "") -> ReviewRow {
        ReviewRow(caseId: String(format: "2026-11-%04d", n), title: title, submitter: submitter, supervisor: supervisor, source: source,
                  category: ReviewSuggestion(category, reason: "标题含“\(subtype)”相关表述"),
                  subtype: ReviewSuggestion(subtype, reason: "简介写明\(subtype)"),
                  level: ReviewSuggestion(level, reason: level.isEmpty ? "简介未声明技术水平" : "简介称“总体达到\(level)水平”"),
                  industry: ReviewSuggestion(industry, reason: "应用于\(industry)领域"),
                  score: score, scoreReason: score.map { "首台（套）+8，水平 \($0 > 80 ? "+20" : "+10")" } ?? "",
                  possibleDuplicates: duplicates, caseVersion: "v\(n)-" + String(repeating: "3f9a", count: 4))
    }

    /// A 初选 sheet for 基础处 with five cases, one of them with formula-looking text.
    static var screening: ReviewSheet {
        ReviewSheet(stage: "初选", group: "基础处", period: "2026-11", deadline: "2026-11-30", vocabulary: vocabulary, rows: [
            row(1, "高熵合金低温韧化机理研究", "四川大学", "教育厅", "基础处", "基础研究成果", "论文", "国际领先", "先进材料", 86.5),
            row(2, "5G小基站射频前端芯片国产化", "电子科技大学", "成都市科学技术局", "基础处", "应用研究成果", "创新产品", "国内领先", "电子信息", 78),
            row(3, "川农优528水稻新品种选育与推广", "四川农业大学", "雅安市科学技术局", "基础处", "应用研究成果", "生物品种", "", "现代农业", 71.25,
                duplicates: "2026-10-0042 川农优528杂交水稻（标题相似 0.82）"),
            row(4, "=HYPERLINK(\"http://example.invalid\",\"点此查看\")", "+86 成都某科技有限公司", "@成都市", "-基础处",
                "其它", "", "", "其他", nil),
            row(5, "300MW级变速抽水蓄能机组研制与应用", "东方电气集团东方电机有限公司", "德阳市科学技术局", "基础处",
                "应用研究成果", "创新产品", "国际先进", "装备制造", 90),
        ])
    }

    /// A 复选 sheet with the 排序 column and 送咨询.
    static var shortlist: ReviewSheet {
        var s = screening
        s = ReviewSheet(stage: "复选", group: "", period: "2026-11", deadline: "2026-12-05", vocabulary: shortlistVocabulary,
                        hasOrderColumn: true, rows: s.rows)
        return s
    }

    /// Every case waiting at `stage` with the version the sheet was made from.
    static func lookup(_ sheet: ReviewSheet, stage: String? = nil) -> [String: ReviewCaseState] {
        Dictionary(uniqueKeysWithValues: sheet.rows.map { ($0.caseId, ReviewCaseState(stage: "待" + (stage ?? sheet.stage), caseVersion: $0.caseVersion)) })
    }

    static func temporaryFolder() throws -> URL { try TestSupport.temporaryFolder() }
}

/// Reads back the parts of a written workbook.
struct WrittenWorkbook {
    let zip: ZipArchive
    init(_ bytes: [UInt8]) throws { zip = try ZipArchive(bytes: bytes) }
    func xml(_ name: String) throws -> XMLElement { try XMLReader.parse(zip.read(name), maxDepth: 200) }
    func text(_ name: String) throws -> String { String(decoding: try zip.read(name), as: UTF8.self) }
}

/// Outside tools: python3 with openpyxl, LibreOffice.
enum ReviewTools {
    static let python: String? = {
        guard let python = RenderTools.which("python3") else { return nil }
        let probe = try? RenderTools.run(python, ["-c", "import openpyxl"], in: FileManager.default.temporaryDirectory)
        return probe?.status == 0 ? python : nil
    }()
    /// soffice, when LibreOffice's spreadsheet program (Calc) is installed beside it: these tests re-save and print
    /// workbooks, and a LibreOffice with Writer alone (Debian's libreoffice-writer-nogui) has soffice but cannot
    /// open one (its conversion exits 0 and writes nothing). Where the program folder cannot be found, soffice is
    /// taken as it is, and a missing Calc then fails the test rather than skipping it.
    static let soffice: String? = {
        guard let soffice = RenderTools.which("soffice") else { return nil }
        let program = URL(fileURLWithPath: soffice).resolvingSymlinksInPath().deletingLastPathComponent()
        let fm = FileManager.default
        guard fm.fileExists(atPath: program.appendingPathComponent("soffice.bin").path) else { return soffice }
        return fm.fileExists(atPath: program.appendingPathComponent("libsclo.so").path) ? soffice : nil
    }()
    static let demoReviewer = TestSupport.root.appendingPathComponent("tools/demo_review.py").path

    /// Runs python3 code (`-c`) with arguments; fails on a non-zero exit.
    static func python(_ code: String, _ arguments: [String], in folder: URL) throws -> String {
        guard let python else { throw ToolError("python3 with openpyxl is not installed") }
        let r = try RenderTools.run(python, ["-c", code] + arguments, in: folder)
        if r.status != 0 { throw ToolError("python3 exited \(r.status): \(r.output)") }
        return r.output
    }

    /// The scripted reviewer with these arguments.
    static func review(_ arguments: [String], in folder: URL) throws -> String {
        guard let python else { throw ToolError("python3 with openpyxl is not installed") }
        let r = try RenderTools.run(python, [demoReviewer] + arguments, in: folder)
        if r.status != 0 { throw ToolError("demo_review.py exited \(r.status): \(r.output)") }
        return r.output
    }

    /// Converts `file` with LibreOffice (`--convert-to format`), in a profile of its own; the output's path.
    static func convert(_ file: URL, to format: String, outdir: URL) throws -> URL {
        guard let soffice else { throw ToolError("soffice is not installed") }
        let profile = outdir.appendingPathComponent("lo-profile", isDirectory: true).absoluteString
        let r = try RenderTools.run(soffice, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", format,
                                              "--outdir", outdir.path, file.path], in: outdir)
        let ext = format.split(separator: ":").first.map(String.init) ?? format
        let out = outdir.appendingPathComponent(file.deletingPathExtension().lastPathComponent).appendingPathExtension(ext)
        guard r.status == 0, FileManager.default.fileExists(atPath: out.path) else {
            throw ToolError("soffice --convert-to \(format) failed (status \(r.status)): \(r.output)")
        }
        return out
    }

    struct ToolError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}
