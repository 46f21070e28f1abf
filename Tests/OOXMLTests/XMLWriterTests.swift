import CLibXML2
import OOXML
import Testing

/// `XMLWriter.document` hands each name and text to libxml2 as a pointer to the string's own UTF-8: the bytes are
/// those of passing the strings by Swift's implicit String-to-pointer conversion, as it did before.
@Suite struct XMLWriterTests {
    /// The document as written by passing every string by the implicit conversion (the writer as it was).
    static func reference(_ root: XMLElement) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else { return [] }
        _ = xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes")
        func emit(_ e: XMLElement) {
            _ = xmlTextWriterStartElement(writer, e.name)
            for a in e.attributes { _ = xmlTextWriterWriteAttribute(writer, a.name, a.value) }
            for c in e.children {
                switch c {
                case .element(let child): emit(child)
                case .text(let t): _ = xmlTextWriterWriteString(writer, t)
                }
            }
            _ = xmlTextWriterEndElement(writer)
        }
        emit(root)
        _ = xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// Texts short enough to be held inline by String and long ones held in storage, empty, CJK, escapes, emoji,
    /// controls libxml2 escapes, and strings cut from others.
    static let pieces = ["", "a", "审核", "成果名称", "<&>\"'", "\t\n\r", "国内领先 ", "  前后空格  ", "😀𠀀", "x:y", "=SUM(A1)",
                         String(repeating: "重大科技成果", count: 40), String(repeating: "abc&<", count: 9), "第 &P 页，共 &N 页"]

    /// `e` written element by element to a document's stream (what the review sheets' rows did before fragments).
    static func stream(_ e: XMLElement, to out: XMLWriter.Stream) {
        out.start(e.name)
        for a in e.attributes { out.attribute(a.name, a.value) }
        for c in e.children {
            switch c {
            case .element(let child): stream(child, to: out)
            case .text(let t): out.text(t)
            }
        }
        out.end()
    }

    static func text(_ rng: inout SystemRandomNumberGenerator) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...4, using: &rng) { s += pieces.randomElement(using: &rng) ?? "" }
        if Bool.random(using: &rng), s.count > 2 { s = String(s.dropFirst()) }
        return s
    }

    static func tree(_ depth: Int, _ rng: inout SystemRandomNumberGenerator) -> XMLElement {
        let names = ["c", "is", "t", "row", "w:p", "sheetData", "xml:space", "表"]
        var e = XMLElement(name: names.randomElement(using: &rng) ?? "c")
        for i in 0..<Int.random(in: 0...3, using: &rng) { e.attributes.append(XMLAttribute(name: "a\(i)", value: text(&rng))) }
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            e.children.append(depth > 0 && Bool.random(using: &rng) ? .element(tree(depth - 1, &rng)) : .text(text(&rng)))
        }
        return e
    }

    @Test func theBytesAreThoseOfTheImplicitConversion() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let root = Self.tree(4, &rng)
            let bytes = try XMLWriter.document(root)
            #expect(bytes == Self.reference(root))
            #expect(bytes.count > 38)
        }
    }

    /// Documents of megabytes, flushed by libxml2 many times over (every 4 KB): the bytes gathered by the writer's
    /// own output callback are those of libxml2's memory writer, and so are those of a streamed tail.
    @Test func bigDocumentsAreTheMemoryWritersBytes() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            var root = XMLElement(name: "sheetData")
            for _ in 0..<Int.random(in: 2_000...6_000, using: &rng) { root.children.append(.element(Self.tree(3, &rng))) }
            let bytes = try XMLWriter.document(root)
            #expect(bytes == Self.reference(root))
            #expect(bytes.count > 100_000)
            // The same rows written to the stream where the root ends.
            let streamed = try XMLWriter.document(XMLElement(name: "sheetData")) { e, out in
                for case .element(let child) in root.children { Self.stream(child, to: out) }
            }
            #expect(streamed == bytes)
        }
    }
}

/// `XMLFragment` serialises elements to the bytes libxml2's text writer makes for the same calls: random trees of
/// names, attributes and texts (escapes, line breaks, tabs, CJK and emoji in attribute values, controls, empty
/// texts and elements), written through a fragment where a tree's root
/// ends, are byte for byte the document of the whole tree, and so are fragments written between streamed elements.
@Suite struct XMLFragmentTests {
    static func write(_ e: XMLElement, to f: inout XMLFragment) {
        f.start(e.name)
        for a in e.attributes { f.attribute(a.name, a.value) }
        for c in e.children {
            switch c {
            case .element(let child): write(child, to: &f)
            case .text(let t): f.text(t)
            }
        }
        f.end()
    }

    static let extra = ["\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{FFFD}", "\u{FFFE}", "é", "e\u{301}", "\r\n", "'"]

    static func tree(_ depth: Int, _ rng: inout SystemRandomNumberGenerator) -> XMLElement {
        var e = XMLWriterTests.tree(depth, &rng)
        // Attributes and texts with the characters libxml2 treats apart.
        e.attributes.append(XMLAttribute(name: "x", value: XMLWriterTests.text(&rng) + (extra.randomElement(using: &rng) ?? "")))
        e.children.append(.text((extra.randomElement(using: &rng) ?? "") + XMLWriterTests.text(&rng)))
        return e
    }

    @Test func fragmentsAreTheTextWritersBytes() throws {
        var rng = SystemRandomNumberGenerator()
        var total = 0
        for k in 0..<400 {
            var root = XMLElement(name: "sheetData")
            if k % 3 == 0 { root.attributes.append(XMLAttribute(name: "a", value: "1")) }
            for _ in 0..<Int.random(in: 0...8, using: &rng) { root.children.append(.element(Self.tree(3, &rng))) }
            let reference = try XMLWriter.document(root)
            #expect(reference == XMLWriterTests.reference(root))
            // The whole tail through one fragment, or streamed and fragment children taking turns.
            let whole = try XMLWriter.document(XMLElement(name: "sheetData", attributes: root.attributes)) { e, out in
                var f = XMLFragment()
                for case .element(let child) in root.children { Self.write(child, to: &f) }
                #expect(f.isBalanced)
                out.write(&f)
                #expect(f.bytes.isEmpty)
            }
            #expect(whole == reference)
            let mixed = try XMLWriter.document(XMLElement(name: "sheetData", attributes: root.attributes)) { e, out in
                var f = XMLFragment()
                for (i, child) in root.children.enumerated() {
                    guard case .element(let c) = child else { continue }
                    if i % 2 == 0 {
                        Self.write(c, to: &f)
                        out.write(&f)
                    } else {
                        XMLWriterTests.stream(c, to: out)
                    }
                }
            }
            #expect(mixed == reference)
            total += reference.count
        }
        #expect(total > 50_000)
    }

    /// Markup runs and escaped text give the bytes the element calls give for the same cell, inside an open element.
    @Test func markupIsWhatTheCallsWrite() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = XMLWriterTests.text(&rng) + (XMLFragmentTests.extra.randomElement(using: &rng) ?? "")
            var calls = XMLFragment()
            calls.start("row")
            calls.attribute("r", "7")
            calls.start("c")
            calls.attribute("r", "B7")
            calls.start("is")
            calls.start("t")
            calls.text(text)
            calls.end()
            calls.end()
            calls.end()
            calls.end()
            var runs = XMLFragment()
            runs.start("row")
            runs.attribute("r", "7")
            runs.markup("<c r=\"")
            runs.markup("B" + "7")
            runs.markup("\"><is><t>")
            runs.escapedText(text)
            runs.markup("</t></is></c>")
            runs.end()
            #expect(runs.bytes == calls.bytes && runs.isBalanced)
        }
    }

    /// Text bytes and attribute values escaped as libxml2 does, spelled out.
    @Test func escapesAreLibxml2s() {
        var f = XMLFragment()
        f.start("c")
        f.attribute("r", "<a&\"b\">\t\n\r中😀")
        f.start("t")
        f.text("<a&\"b\">\t\n\r中😀'")
        f.end()
        f.start("v")
        f.end()
        f.end()
        #expect(String(decoding: f.bytes, as: UTF8.self)
                == "<c r=\"&lt;a&amp;&quot;b&quot;&gt;&#9;&#10;&#13;中😀\"><t>&lt;a&amp;&quot;b&quot;&gt;\t\n&#13;中😀'</t><v/></c>")
        #expect(f.isBalanced)
    }
}
