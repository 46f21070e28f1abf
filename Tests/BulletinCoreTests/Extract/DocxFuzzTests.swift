@testable import BulletinCore
import Foundation
import Testing

/// Random well-formed WordprocessingML built from the constructs the reader handles (fields left open,
/// merges without a start, spans past the grid, nested tables and controls …): every document is read or
/// refused, never crashes. Seeded, so a failure is reproducible.
struct DocxFuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick(_ options: [String]) -> String { options[next(options.count)] }

        mutating func run() -> String {
            switch next(12) {
            case 0: return "<w:r><w:fldChar w:fldCharType=\"\(pick(["begin", "separate", "end"]))\"/></w:r>"
            case 1: return "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:default w:val=\"\(next(2))\"/></w:checkBox></w:ffData></w:fldChar></w:r>"
            case 2: return "<w:r><w:sym w:font=\"\(pick(["Wingdings", "Wingdings 2", "Symbol", "宋体"]))\" w:char=\"\(pick(["F0FE", "FFFFFFFFFF", "zz", "F0A3", "0"]))\"/></w:r>"
            case 3: return "<w:r><w:instrText>FORMCHECKBOX</w:instrText></w:r>"
            case 4: return "<w:r><w:tab/><w:br/><w:noBreakHyphen/><w:softHyphen/><w:footnoteReference w:id=\"\(next(5))\"/></w:r>"
            case 5: return "<w:sdt><w:sdtPr>\(pick(["<w:showingPlcHdr/>", "<w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox>", ""]))</w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>"
            case 6: return "<w:r><mc:AlternateContent><mc:Choice Requires=\"\(pick(["wps", "w14", "bogus", ""]))\"><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>乙</w:t></mc:Fallback></mc:AlternateContent></w:r>"
            case 7: return "<w:ruby><w:rt><w:r><w:t>rt</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>基</w:t></w:r></w:rubyBase></w:ruby>"
            case 8: return "<w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins>"
            default: return "<w:r><w:t>\(pick(["报送单位", "联系人", "成果名称", "张三", "☑是 ☐否", "案例简介", "完成人", "：", "13800138000"]))</w:t></w:r>"
            }
        }

        mutating func paragraph() -> String {
            let numbering = next(4) == 0 ? "<w:pPr><w:numPr><w:ilvl w:val=\"\(next(12))\"/><w:numId w:val=\"\(next(3))\"/></w:numPr></w:pPr>" : ""
            return "<w:p>\(numbering)\((0..<next(5)).map { _ in run() }.joined())</w:p>"
        }

        mutating func cell(depth: Int) -> String {
            var pr = ""
            if next(3) == 0 { pr += "<w:gridSpan w:val=\"\(pick(["0", "2", "5", "99999999999", "x"]))\"/>" }
            if next(3) == 0 { pr += pick(["<w:vMerge/>", "<w:vMerge w:val=\"restart\"/>", "<w:hMerge/>", "<w:hMerge w:val=\"restart\"/>"]) }
            let content = depth < 3 && next(6) == 0 ? table(depth: depth + 1) + paragraph() : paragraph()
            let tc = "<w:tc><w:tcPr>\(pr)</w:tcPr>\(content)</w:tc>"
            return next(8) == 0 ? "<w:sdt><w:sdtContent>\(tc)</w:sdtContent></w:sdt>" : tc
        }

        mutating func table(depth: Int) -> String {
            let rows = (0..<(1 + next(6))).map { _ -> String in
                let before = next(4) == 0 ? "<w:trPr><w:gridBefore w:val=\"\(next(4))\"/></w:trPr>" : ""
                return "<w:tr>\(before)\((0..<(1 + next(4))).map { _ in cell(depth: depth) }.joined())</w:tr>"
            }
            return "<w:tbl>\(rows.joined())</w:tbl>"
        }

        mutating func body() -> String {
            (0..<(1 + next(6))).map { _ in next(2) == 0 ? table(depth: 0) : paragraph() }.joined()
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomDocumentsAreReadOrRefused(_ seed: UInt64) throws {
        var generator = Generator(state: seed)
        let reader = try DocxTestSupport.reader()
        for _ in 0..<25 {
            let bytes = try DocxTestSupport.docx(body: generator.body())
            do { _ = try reader.read(bytes: bytes, fileName: "fuzz.docx") } catch is Refusal {}
            _ = try reader.text(bytes: bytes, fileName: "fuzz.docx")
        }
    }
}
