import BulletinTestSupport
@testable import BulletinCore
@testable import OOXML
import Foundation
import Testing

/// Label cells read once per run when forms repeat them (`DocxCellReadings`): the same reading as afresh, kept by the
/// text's bytes, emptied when full.
struct DocxCellReadingsTests {
    typealias V = DocxLabelVariantTests

    /// Read through the table (first and second time) or afresh, a cell's text says the same, for labels, variants,
    /// values and text the scalar paths do not cover.
    @Test func aKeptCellReadingIsTheFreshOne() throws {
        let reader = try DocxTestSupport.reader()
        let table = DocxTableReader(matcher: reader.matcher, filter: reader.filter, readings: DocxCellReadings())
        let texts = DocxFormFinderScalarTests.texts.filter { !$0.isEmpty && $0.utf8.count <= DocxTableScan.labelCellMaxBytes }
        for text in texts + texts {
            let fresh = DocxCellReading(text, reader: table)
            #expect(table.readings?.reading(of: text, reader: table) == fresh, "\(text.debugDescription)")
        }
        #expect(table.readings?.count == Set(texts.map { Array($0.utf8) }).count)
    }

    /// Texts equal as Swift strings but not byte for byte (é and e + U+0301) are kept apart, each read as it is.
    @Test func cellReadingsAreKeptByTheirBytes() throws {
        let reader = try DocxTestSupport.reader()
        let readings = DocxCellReadings()
        let table = DocxTableReader(matcher: reader.matcher, filter: reader.filter, readings: readings)
        #expect("é" == "e\u{0301}")
        _ = readings.reading(of: "é", reader: table)
        _ = readings.reading(of: "e\u{0301}", reader: table)
        #expect(readings.count == 2)
    }

    @Test func cellReadingsAreEmptiedWhenFull() throws {
        let reader = try DocxTestSupport.reader()
        let readings = DocxCellReadings(capacity: 3)
        let table = DocxTableReader(matcher: reader.matcher, filter: reader.filter, readings: readings)
        for text in ["联系人", "张伟", "联系手机"] { _ = readings.reading(of: text, reader: table) }
        #expect(readings.count == 3)
        #expect(readings.reading(of: "成果名称", reader: table) == DocxCellReading("成果名称", reader: table))
        #expect(readings.count == 1)
    }

    /// Forms with label variants read one after another through one reader give what fresh readers give, notes and all.
    @Test func labelVariantsReadThroughOneReaderAsAfresh() throws {
        let shared = try DocxTestSupport.reader()
        for (field, variant, _) in V.variants {
            var labels = V.standard
            labels[Field.allCases.firstIndex(of: field) ?? 0] = variant
            let bytes = try DocxTestSupport.docx(body: V.form(labels))
            for _ in 0..<2 {
                let kept = try shared.extract(bytes: bytes, fileName: "form.docx")
                let fresh = try DocxTestSupport.reader().extract(bytes: bytes, fileName: "form.docx")
                #expect(kept.submissions == fresh.submissions && kept.notes == fresh.notes, "\(variant)")
            }
        }
        #expect(shared.cellReadings.count > V.variants.count)
    }
}
