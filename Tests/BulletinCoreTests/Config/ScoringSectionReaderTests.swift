@testable import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// `ScoringSectionReader` reads the scoring section without `JSONDecoder`; `PipelineConfig.decode` must give what the
/// decoder alone gives, configuration or error, on the shipped file and on files changed key by key.
struct ScoringSectionReaderTests {
    static var url: URL { TestSupport.root.appendingPathComponent("pipeline.json") }

    /// What decoding gives: the configuration, or the error as it is described.
    enum Outcome: Equatable {
        case config(PipelineConfig)
        case error(String)

        init(_ body: () throws -> PipelineConfig) {
            do { self = .config(try body()) } catch { self = .error("\(error)") }
        }

        var isConfig: Bool { if case .config = self { true } else { false } }
    }

    /// The decoder alone and `PipelineConfig.decode` on the same bytes, and whether the reader answered.
    static func both(_ data: Data) -> (decoder: Outcome, decode: Outcome, read: Bool) {
        (Outcome { try JSONDecoder().decode(PipelineConfig.self, from: data) }, Outcome { try PipelineConfig.decode(data) },
         ScoringSectionReader.read(data) != nil)
    }

    @Test func theShippedFileIsReadAsTheDecoderReadsIt() throws {
        let data = try Data(contentsOf: Self.url)
        let read = try #require(ScoringSectionReader.read(data), "the shipped scoring section must take the reader")
        let decoded = try JSONDecoder().decode(PipelineConfig.self, from: data)
        #expect(read.config == decoded.scoring)
        #expect(try PipelineConfig.decode(data) == decoded)
        #expect(read.config.industries.count > 900 && read.config.model != nil)
    }

    @Test func theZhejiangEffectiveFileIsReadAsTheDecoderReadsIt() throws {
        let text = try String(contentsOf: Self.url, encoding: .utf8)
        let zhejiang = Data(text.replacingOccurrences(of: "\"profile\": \"sichuan\"", with: "\"profile\": \"zhejiang\"").utf8)
        let effective = try PipelineConfig.decodableJSON(zhejiang, file: "pipeline.json")
        let (decoder, decode, read) = Self.both(effective)
        #expect(read)
        #expect(decoder.isConfig)
        #expect(decoder == decode)
    }

    // MARK: - Every key removed, every value of another type

    enum Step { case key(String), index(Int) }

    /// `root` with the value at `path` replaced (`nil`: removed from its object).
    static func setting(_ root: Any, _ path: ArraySlice<Step>, to new: Any?) -> Any? {
        guard let step = path.first else { return new }
        switch step {
        case .key(let k):
            var o = root as? [String: Any] ?? [:]
            o[k] = setting(o[k] as Any, path.dropFirst(), to: new)
            return o
        case .index(let i):
            var a = root as? [Any] ?? []
            a[i] = setting(a[i], path.dropFirst(), to: new) ?? NSNull()
            return a
        }
    }

    /// The paths of the values under `value` (arrays: their first element; objects: every key).
    static func paths(_ value: Any, _ prefix: [Step]) -> [[Step]] {
        var out: [[Step]] = []
        if let o = value as? [String: Any] {
            for k in o.keys.sorted() { out.append(prefix + [.key(k)]); out += paths(o[k] as Any, prefix + [.key(k)]) }
        } else if let a = value as? [Any] {
            for i in a.indices.prefix(1) { out.append(prefix + [.index(i)]); out += paths(a[i], prefix + [.index(i)]) }
        }
        return out
    }

    /// `value` with every array cut to its first two elements.
    static func trimmed(_ value: Any) -> Any {
        if let o = value as? [String: Any] { return o.mapValues(trimmed) }
        if let a = value as? [Any] { return a.prefix(2).map(trimmed) }
        return value
    }

    /// The value at a path.
    static func value(_ root: Any, _ path: [Step]) -> Any? {
        var v: Any? = root
        for step in path {
            switch step {
            case .key(let k): v = (v as? [String: Any])?[k]
            case .index(let i): v = (v as? [Any]).flatMap { i < $0.count ? $0[i] : nil }
            }
        }
        return v
    }

    @Test func everyKeyRemovedAndEveryTypeChangedGivesTheDecodersOutcome() throws {
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.url)) as? [String: Any])
        // Every list of the section cut to its first two elements: the same kinds of value, a small file to decode
        // ~700 times (decoding does not validate: four rungs are not needed here).
        let scoring = Self.trimmed(try #require(root["scoring"]))
        root["scoring"] = scoring
        var checked = 0, read = 0
        for path in Self.paths(scoring, [.key("scoring")]) {
            let old = Self.value(root, path)
            var replacements: [Any?] = [nil, NSNull()]
            switch old {
            case is String: replacements += [7]
            case is NSNumber, is Bool: replacements += ["7", 1.5]
            case is [Any]: replacements += [[:] as [String: Any]]
            default: replacements += [[] as [Any]]
            }
            if case .index = path.last { replacements.removeFirst() }
            for new in replacements {
                let changed = try JSONSerialization.data(withJSONObject: Self.setting(root, path[...], to: new) ?? [:])
                let (decoder, decode, fast) = Self.both(changed)
                #expect(decoder == decode, "\(path) = \(String(describing: new))")
                checked += 1
                if fast { read += 1 }
            }
        }
        #expect(checked > 600, "\(checked) files checked")
        // Removing an optional key leaves a file the reader still takes.
        #expect(read > 20, "\(read) of \(checked) files taken by the reader")
    }

    // MARK: - Text the reader must give up on, or read as the decoder does

    /// The shipped file with `find` (its first occurrence at or after `"scoring"`, or before it when `before`) replaced.
    static func changed(_ find: String, _ replacement: String, before: Bool = false) throws -> Data {
        let text = try String(contentsOf: url, encoding: .utf8)
        let scoring = try #require(text.range(of: "\"scoring\""))
        let range = try #require(before ? text.range(of: find, range: text.startIndex..<scoring.lowerBound)
                                        : text.range(of: find, range: scoring.lowerBound..<text.endIndex), "\(find)")
        return Data(text.replacingCharacters(in: range, with: replacement).utf8)
    }

    @Test(arguments: [
        ("\"weight\": 2,", "\"weight\": 2, \"weight\": 3,"),  // a repeated key
        ("\"label\": \"电子信息\"", "\"extra\": 1, \"label\": \"电子信息\""),  // an unknown key
        ("\"hedgeWindow\": ", "\"hedgeWindow\": 1.0e1, \"x\": "),  // a fraction for an integer, then an unknown key
        ("\"window\": 12", "\"window\": 12.0"),  // a fraction for an integer
        ("\"window\": 12", "\"window\": 99999999999999999999"),  // an integer out of range
        ("\"weight\": 2,", "\"weight\": 1e400,"),  // a number out of range
        ("\"weight\": 2,", "\"weight\": 02,"),  // a leading zero
        ("\"芯片\",", "\"芯片\",,"),  // a syntax error in the section
        ("\"芯片\"", "\"芯\\uD800片\""),  // a lone surrogate
        ("\"芯片\"", "\"芯\\x片\""),  // an unknown escape
        ("\"芯片\"", "\"芯\t片\""),  // a control character in a string
        ("\"weight\": 2,", "\"weight\": 2 ,\r\n\t"),  // white space of every kind
        ("\"芯片\"", "\"\\u82af\\u7247\""),  // escaped ideographs (the reader decodes them)
        ("\"芯片\"", "\"芯片\\n\\\"\\/\\\\\\uD83D\\uDE00\""),  // every escape and a surrogate pair
        ("\"weight\": 2,", "\"weight\": -0.5e+1,"),  // a negative weight with an exponent
    ])
    func aChangedSectionGivesTheDecodersOutcome(find: String, replacement: String) throws {
        let (decoder, decode, _) = Self.both(try Self.changed(find, replacement))
        #expect(decoder == decode)
    }

    @Test func escapesAndWhiteSpaceAreReadNotGivenUp() throws {
        for (find, replacement) in [("\"芯片\"", "\"\\u82af\\u7247\""), ("\"weight\": 2,", "\"weight\": 2 ,\r\n\t"),
                                    ("\"芯片\"", "\"芯片\\n\\\"\\/\\\\\\uD83D\\uDE00\"")] {
            let (decoder, decode, read) = Self.both(try Self.changed(find, replacement))
            #expect(read, "\(replacement)")
            #expect(decoder.isConfig && decoder == decode)
        }
    }

    @Test(arguments: [
        ("\"version\": 1", "\"version\": \"1\"", true),  // a wrong type before the section
        ("\"cutoffDay\": ", "\"cutoffDay\": 1.5, \"x\": ", false),  // a fraction for an integer after it
        ("\"cutoffDay\": ", "\"cutoffDay\" ", false),  // a syntax error after it
        ("\"version\": 1", "\"version\": 1, \"version\": 1", true),  // a repeated top-level key
        ("\"version\": 1", "\"version\": 1, \"deep\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100), true),
    ])
    func aChangeOutsideTheSectionGivesTheDecodersOutcome(find: String, replacement: String, before: Bool) throws {
        let (decoder, decode, _) = Self.both(try Self.changed(find, replacement, before: before))
        #expect(decoder == decode)
    }

    @Test func bytesThatAreNoUTF8OrAByteOrderMarkGiveTheDecodersOutcome() throws {
        var bad = try Self.changed("\"芯片\"", "\"芯片XX\"")
        if let r = bad.range(of: Data("XX".utf8)) { bad.replaceSubrange(r, with: [0xFF, 0xFE]) }
        let withMark = Data([0xEF, 0xBB, 0xBF]) + (try Data(contentsOf: Self.url))
        for data in [bad, withMark] {
            let (decoder, decode, _) = Self.both(data)
            #expect(decoder == decode)
        }
    }
}
