import BulletinTestSupport
import Foundation
import Testing

/// A sure category the model contradicts, through `inspect --json` (docs/scoring.md, "Category flags where the model
/// disagrees (flag22)"): the rules' category stays and the row is flagged 需人工确认 with the model's label; with
/// `flagAbove` 1.01 (as before) the same row is not flagged.
struct CategoryFlagEndToEndTests {
    typealias E = RunEndToEndTests

    /// dev r180, a popular-science book series the rules read as a monograph (基础研究成果) and the model as 其它.
    static let csv = """
        报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介
        科学出版社,省科技厅,王明,13800000000,“中国科技之路”丛书出版,科普处,"科学出版社、人民邮电出版社等15家出版社联合打造“中国科技之路”丛书15卷，全面反映新中国成立以来我国重大科技成就，书中配有二维码可观看蛟龙号、天眼等成果模型，入选主题出版重点出版物。"

        """

    static func inspect(_ file: URL, config: String) throws -> [String: Any] {
        let r = try E.bulletin(["inspect", "--json", "--config", config, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func aSureCategoryTheModelContradictsIsFlaggedInInspectJSON() throws {
        try TestSupport.withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("科普-汇总.csv")
            try Self.csv.write(to: file, atomically: true, encoding: .utf8)
            let shipped = TestSupport.root.appendingPathComponent("pipeline.json")
            let row = try Self.inspect(file, config: shipped.path)
            #expect(row["category"] as? String == "基础研究成果", "the rules' category stays")
            #expect(row["needsReview"] as? Bool == true)
            let flags = try #require(row["flags"] as? [String])
            let flag = try #require(flags.first { $0.hasPrefix("需人工确认：成果类别：规则取「基础研究成果」，模型倾向「其它」（把握 ") }, "\(flags)")
            #expect(flag.contains("依据字串 「") && flag.hasSuffix("规则有把握而模型不认同，请确认"), "\(flag)")

            // pipeline.json as before flag22 (flagAbove 1.01, the weights named by their absolute path): not flagged.
            let text = try String(contentsOf: shipped, encoding: .utf8)
            let weights = TestSupport.root.appendingPathComponent("data/scoring-model.json").path
            let before = text.replacingOccurrences(of: #""flagAbove": {"category": 0},"#, with: #""flagAbove": 1.01,"#)
                .replacingOccurrences(of: #""weights": "data/scoring-model.json""#, with: "\"weights\": \"\(weights)\"")
            #expect(before != text)
            let old = folder.appendingPathComponent("pipeline.json")
            try before.write(to: old, atomically: true, encoding: .utf8)
            let was = try Self.inspect(file, config: old.path)
            #expect(was["category"] as? String == "基础研究成果")
            #expect(was["needsReview"] as? Bool == false, "\(was["flags"] ?? "")")
        }
    }
}
