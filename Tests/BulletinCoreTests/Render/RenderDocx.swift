import BulletinTestSupport
import BulletinCore
import Foundation
import OOXML
import Testing

/// A written DOCX read back through `ZipArchive` and `XMLReader`, for the rendering tests.
struct RenderDocx {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    let path: String
    let entryNames: [String]
    private let parts: [String: [UInt8]]

    /// Reads every part of the DOCX at `path`.
    init(path: String) throws {
        self.path = path
        let archive = try ZipArchive(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        var parts: [String: [UInt8]] = [:]
        for name in archive.entryNames { parts[name] = try archive.read(name) }
        self.parts = parts
        self.entryNames = archive.entryNames
    }

    /// Renders `doc` to a new file in `folder` and reads it back.
    static func written(_ doc: RenderedDocument, in folder: URL, name: String) throws -> RenderDocx {
        let path = folder.appendingPathComponent(name).path
        try RenderedDocument.write(doc, to: path)
        return try RenderDocx(path: path)
    }

    /// The raw bytes of a part.
    func bytes(_ name: String) throws -> [UInt8] {
        guard let bytes = parts[name] else { throw ZipError.missingEntry(name) }
        return bytes
    }

    /// A part parsed.
    func xml(_ name: String) throws -> XMLElement { try XMLReader.parse(bytes(name)) }

    /// The text of each paragraph of word/document.xml, in order (table cells included).
    func paragraphs() throws -> [String] {
        try xml("word/document.xml").wAll("p").map(Self.visibleText)
    }

    /// The text of the w:t elements below `element` (field instructions left out).
    static func visibleText(_ element: XMLElement) -> String {
        element.wAll("t").map(\.textContent).joined()
    }
}

extension XMLElement {
    /// Every element below this one (depth first, in order) with local name `name` in the w: namespace.
    func wAll(_ name: String, namespace: String = RenderDocx.w) -> [XMLElement] {
        var out: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for child in e.elements {
                if child.name == name && child.namespace == namespace { out.append(child) }
                walk(child)
            }
        }
        walk(self)
        return out
    }

    /// The first descendant with local name `name` in the w: namespace.
    func wFirst(_ name: String) -> XMLElement? { wAll(name).first }

    /// A w: attribute's value.
    func w(_ name: String) -> String? { attribute(name, in: [RenderDocx.w]) }

    /// The tree as indented lines, prefixes for the known namespaces, for golden files and diffs.
    func goldenOutline() -> String {
        let prefixes = [RenderDocx.w: "w", "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
                        "http://www.w3.org/XML/1998/namespace": "xml"]
        func qualified(_ ns: String, _ name: String) -> String {
            guard !ns.isEmpty else { return name }
            return "\(prefixes[ns] ?? "{\(ns)}"):\(name)"
        }
        var lines: [String] = []
        func walk(_ e: XMLElement, depth: Int) {
            let attributes = e.attributes.map { " \(qualified($0.namespace, $0.name))=\"\($0.value)\"" }.joined()
            lines.append(String(repeating: "  ", count: depth) + "<\(qualified(e.namespace, e.name))\(attributes)>")
            for child in e.children {
                switch child {
                case .element(let c): walk(c, depth: depth + 1)
                case .text(let t): lines.append(String(repeating: "  ", count: depth + 1) + "\"\(t)\"")
                }
            }
        }
        walk(self, depth: 0)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Finds an executable on PATH.
enum RenderTools {
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a tool to completion; its exit status and standard output.
    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path  // a LibreOffice profile of its own, away from other runs
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Golden files of word/document.xml, as indented outlines, in Fixtures/golden.
enum RenderGolden {
    static let folder = TestSupport.fixture("golden")

    /// Compares the outline of `doc`'s word/document.xml with `name`; `RECORD_GOLDEN=1` rewrites it.
    static func check(_ doc: RenderedDocument, _ name: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try RenderSamples.temporaryFolder()
        let actual = try RenderDocx.written(doc, in: scratch, name: "golden.docx").xml("word/document.xml").goldenOutline()
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let firstDifference = zip(expected.split(separator: "\n"), actual.split(separator: "\n")).enumerated()
            .first { $0.element.0 != $0.element.1 }
        #expect(expected == actual, """
            word/document.xml differs from \(name)\
            \(firstDifference.map { " at line \($0.offset + 1): expected \($0.element.0), got \($0.element.1)" } ?? "")\
            ; re-record with RECORD_GOLDEN=1 if the change is intended
            """, sourceLocation: sourceLocation)
    }
}

