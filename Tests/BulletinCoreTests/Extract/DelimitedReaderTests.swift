import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

@Suite struct DelimitedReaderTests {
    let reader: DelimitedReader
    init() throws { reader = DelimitedReader(matcher: LabelMatcher(config: try TestSupport.config())) }

    static let header = "报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介"
    static let row1 = "四川大学,省教育厅,张伟,13800138000,高性能锂硫电池正极材料,基础处,\"在Nature发表论文，提出“硫-碳”新结构，\"\"能量密度\"\"提升30%。\n第二段：总体达到国际领先水平。\""
    static let row2 = "电子科技大学,成都市科技局,李娜,13912345678,第三代半导体SiC功率器件关键技术,高新处,突破卡脖子技术，实现国产化替代。"

    @Test func readsUTF8WithBOMAndQuotedLineBreaks() throws {
        let text = Self.header + "\r\n" + Self.row1 + "\r\n" + Self.row2 + "\r\n"
        let e = try reader.read(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), fileName: "汇总.csv")
        #expect(e.submissions.count == 2)
        #expect(e.notes.first?.contains("UTF-8 with BOM") == true)
        let s = e.submissions[0]
        #expect(s[.submitter] == "四川大学")
        #expect(s[.summary] == "在Nature发表论文，提出“硫-碳”新结构，\"能量密度\"提升30%。\n第二段：总体达到国际领先水平。")
        #expect(s.location == "line 2")
        #expect(e.submissions[1].location == "line 4")
        #expect(e.submissions[1][.title] == "第三代半导体SiC功率器件关键技术")
    }

    @Test func readsGB18030() throws {
        let bytes = try TestSupport.gb18030(Self.header + "\r\n" + Self.row2 + "\r\n")
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must not be valid UTF-8")
        let e = try reader.read(bytes: bytes, fileName: "绵阳.csv")
        #expect(e.notes.first?.contains("GB18030") == true)
        #expect(e.submissions.first?[.supervisor] == "成都市科技局")
        #expect(e.submissions.first?[.contact] == "李娜")
    }

    @Test func readsUTF16TabSeparated() throws {
        let text = (Self.header + "\n" + Self.row2 + "\n").replacingOccurrences(of: ",", with: "\t")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let e = try reader.read(bytes: bytes, fileName: "unicode.txt")
        #expect(e.notes.first == "encoding UTF-16LE, delimiter tab")
        #expect(e.submissions.first?[.mobile] == "13912345678")
    }

    @Test func semicolonsBlankRowsUnknownColumnsAndShortRows() throws {
        let text = """
        报送单位;联 系 人;联系手机;成果名称;备注
        西南交通大学;王强;13700001111;高速列车转向架;无

        西南石油大学;赵敏
        """
        let e = try reader.read(bytes: Array(text.utf8), fileName: "x.csv")
        #expect(e.submissions.count == 2)
        #expect(e.notes.contains { $0.contains("备注") })
        #expect(e.submissions[0][.contact] == "王强")
        #expect(e.submissions[1].problems.first?.message.contains("line 4") == true)
        #expect(e.submissions[1].problems.first?.message.contains("3 too few") == true)
    }

    @Test func refusesAFileWithoutAHeaderOfLabels() throws {
        #expect(throws: Refusal.self) { try reader.read(bytes: Array("a,b,c\n1,2,3\n".utf8), fileName: "x.csv") }
        #expect(throws: Refusal.self) { try reader.read(bytes: Array("\n\n".utf8), fileName: "x.csv") }
    }
}

/// CSV saved by LibreOffice Calc in each encoding it offers Chinese users.
@Suite struct LibreOfficeCSVTests {
    @Test(arguments: [("libreoffice-utf8.csv", "UTF-8"), ("libreoffice-gbk.csv", "GB18030"), ("libreoffice-utf16.csv", "UTF-16LE")])
    func readsEachEncoding(file: String, encoding: String) throws {
        let reader = DelimitedReader(matcher: LabelMatcher(config: try TestSupport.config()))
        let bytes = try [UInt8](Data(contentsOf: TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/csv/\(file)")))
        let e = try reader.read(bytes: bytes, fileName: file)
        #expect(e.notes.first?.hasPrefix("encoding \(encoding),") == true, "\(e.notes)")
        #expect(e.submissions.map { $0[.title] } == ["高熵合金低温韧化机理研究", "5G小基站射频前端芯片国产化"])
        #expect(e.submissions.map { $0[.mobile] } == ["13800138000", "13912345678"])
        #expect(e.submissions.first?[.summary].contains("《Science》") == true)
        #expect(e.submissions.allSatisfy { $0.problems.isEmpty })
    }
}
