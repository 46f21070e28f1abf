import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The walker matches WordprocessingML elements by the codes `WordName.vocabulary` gives their names at parse
/// time; on an arena parsed without it, by their names. Both ways must read every document alike.
struct DocxWordNameTests {
    @Test func everyCaseIsCodedAsItsRawValueInBothWordNamespaces() {
        let vocabulary = WordName.vocabulary
        for name in WordName.allCases.dropFirst() {
            for namespace in OOXMLNamespace.wordprocessingMLAll {
                #expect(vocabulary.code(namespace: namespace, local: name.local) == name.rawValue, "\(name.local)")
            }
            #expect(WordName.byLocal[name.local] == name)
        }
        #expect(WordName.p.local == "p" && WordName.txbxContent.local == "txbxContent" && WordName.sdtContent.local == "sdtContent")
        // The written-out names are the cases' names, one per case.
        #expect(WordName.locals.count == WordName.allCases.count)
        for name in WordName.allCases.dropFirst() { #expect(name.local == String(describing: name)) }
        #expect(vocabulary.code(namespace: OOXMLNamespace.wordprocessingML, local: "bookmarkStart") == WordName.other.rawValue)
        #expect(vocabulary.code(namespace: OOXMLNamespace.markupCompatibility, local: "p") == 0)
        #expect(vocabulary.code(namespace: "", local: "p") == 0)
    }

    @Test func elementsAreNamedAlikeCodedOrNot() throws {
        let xml = DocxTestSupport.documentXML(body: "<w:p><w:pPr><w:pStyle w:val=\"a\"/></w:pPr><w:bookmarkStart w:id=\"0\"/><w:r><w:t>x</w:t></w:r></w:p><m:oMath/>")
        let coded = try XMLArena.parse(Array(xml.utf8), vocabulary: WordName.vocabulary)
        let plain = try XMLArena.parse(Array(xml.utf8))
        #expect(coded.vocabulary === WordName.vocabulary && plain.vocabulary == nil)
        var words: [[WordName?]] = []
        var properties: [[Int32?]] = []
        for arena in [coded, plain] {
            var seen: [WordName?] = []
            var found: [Int32?] = []
            func visit(_ e: XMLArenaElement) {
                seen.append(e.word)
                found.append(e.wordChild(.pPr)?.index)
                found.append(e.wordChild(.r)?.index)
                for child in e.elements { visit(child) }
            }
            visit(arena.root)
            words.append(seen)
            properties.append(found)
        }
        #expect(words[0] == words[1])
        #expect(properties[0] == properties[1])
        #expect(words[0].contains(.p) && words[0].contains(.other) && words[0].contains(nil))
        #expect(properties[0].contains { $0 != nil })
    }

    /// Every construct of `DocxTextTests` (content controls, nested tables, merged cells, alternate content,
    /// fields, tracked changes, text boxes, ruby, math …) walks to the same blocks either way.
    @Test(arguments: DocxTextTests.cases)
    func constructsWalkAlikeCodedOrNot(_ c: DocxTextCase) throws {
        let xml = Array(DocxTestSupport.documentXML(body: c.body).utf8)
        let coded = try XMLArena.parse(xml, prefixLists: [.markupCompatibilityRequires], vocabulary: WordName.vocabulary)
        let plain = try XMLArena.parse(xml, prefixLists: [.markupCompatibilityRequires])
        let a = DocxWalker.blocks(of: DocxPackage.Parts(document: coded.root))
        let b = DocxWalker.blocks(of: DocxPackage.Parts(document: plain.root))
        #expect(a.body == b.body)
        #expect(!a.body.isEmpty)
    }

    /// Every DOCX of the fixtures, `samples/` and the shared corpus, with its numbering and foot- and endnotes,
    /// walks to the same blocks (notes at the end and inline) with its parts coded or not.
    @Test func filesWalkAlikeCodedOrNot() throws {
        var files = try DocxCorpusTests.docxFiles(under: DocxTestSupport.fixtures)
        files += try DocxCorpusTests.docxFiles(under: TestSupport.root.appendingPathComponent("samples"))
        files += try DocxCorpusTests.docxFiles(under: try DocxTestSupport.corpus())
        let limits = try TestSupport.config().limits
        var walked = 0, numbered = 0, noted = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            guard let parts = try? DocxPackage.open(bytes: bytes, fileName: file.lastPathComponent, limits: limits, notes: true) else { continue }
            var plain = parts
            plain.document = XMLArena(parts.document.arena.root.tree()).root
            plain.footnotes = parts.footnotes.map { XMLArena($0.arena.root.tree()).root }
            plain.endnotes = parts.endnotes.map { XMLArena($0.arena.root.tree()).root }
            #expect(parts.document.arena.vocabulary === WordName.vocabulary && plain.document.arena.vocabulary == nil)
            for inline in [false, true] {
                let a = DocxWalker.blocks(of: parts, notesInline: inline)
                let b = DocxWalker.blocks(of: plain, notesInline: inline)
                #expect(a.body == b.body, "\(file.lastPathComponent)")
                #expect(a.notes == b.notes, "\(file.lastPathComponent)")
            }
            walked += 1
            if !parts.numbering.isEmpty { numbered += 1 }
            if parts.footnotes != nil || parts.endnotes != nil { noted += 1 }
        }
        #expect(walked > 150)
        #expect(numbered > 5)
        #expect(noted > 5)
    }
}
