@testable import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// `ConfigHead.isPlain` answers true only where JSONSerialization's reading (as `decodableJSON` made it) says the
/// file's own bytes are decoded: a valid JSON object starting with `{` whose active profile has no preset object.
struct ConfigHeadTests {
    static var url: URL { TestSupport.root.appendingPathComponent("pipeline.json") }

    /// `decodableJSON`'s answer before the scan: the file's bytes go to the decoder as they are.
    static func reference(_ data: Data) -> Bool {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        let profile = root["profile"] as? String ?? "sichuan"
        let plain = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
        return plain && (root["profiles"] as? [String: Any])?[profile] as? [String: Any] == nil
    }

    @Test func theRealFileIsReadAsPlain() throws {
        let data = try Data(contentsOf: Self.url)
        #expect(Self.reference(data))
        #expect(ConfigHead.isPlain(data))
    }

    @Test func sureAnswersAgreeWithJSONSerialization() throws {
        let cases: [(String, Bool)] = [
            // (text, whether the scan must be sure it is plain)
            ("{}", true), (" \n{ }\r\n", true), ("{\"profile\": \"sichuan\"}", true),
            ("{\"profile\": \"zhejiang\", \"profiles\": {\"zhejiang\": {\"a\": 1}}}", false),
            ("{\"profile\": \"zhejiang\", \"profiles\": {\"zhejiang\": [1]}}", true),
            ("{\"profiles\": {\"sichuan\": {}}}", false),
            ("{\"profiles\": {\"sichuan\": null, \"zhejiang\": {}}}", true),
            ("{\"profiles\": [], \"x\": [1, -2.5e+3, 0, true, false, null, \"四川\\n\\u00e9\\\"\", {\"k\": [[]]}]}", true),
            ("{\"profile\": 5}", false), ("{\"profile\": \"zhe\\u006aiang\", \"profiles\": {\"zhejiang\": {}}}", false),
            ("{\"pro\\u0066ile\": \"zhejiang\", \"profiles\": {\"zhejiang\": {}}}", false),
            ("{\"profile\": \"sichuan\", \"profile\": \"zhejiang\", \"profiles\": {\"zhejiang\": {}}}", false),
            ("{\"profiles\": {\"sichuan\": 1, \"sichuan\": {}}}", false),
            ("[1, 2]", false), ("{\"version\": 1,", false), ("\u{FEFF}{}", false), ("{}x", false), ("{\"a\": 01}", false),
            ("{\"a\": 1.}", false), ("{\"a\": -}", false), ("{\"a\": 1e}", false), ("{\"a\": tru}", false),
            ("{\"a\": \"tab\there\"}", false), ("{\"a\": \"\\ud800\"}", false), ("{\"a\": \"\\x\"}", false),
            ("{\"a\": [1,]}", false), ("{\"a\": 1,}", false), ("{\"a\" 1}", false), ("{'a': 1}", false),
            ("{\"a\": \"😀 全角，ｱ e\u{301}\"}", true), ("{\"a\": \"\u{2028}\u{2029}\"}", true),
        ]
        for (text, sure) in cases {
            let data = Data(text.utf8)
            let fast = ConfigHead.isPlain(data)
            #expect(fast == sure, "\(text)")
            if fast { #expect(Self.reference(data), "\(text)") }
        }
        // Invalid UTF-8 in a string, overlong forms and encoded surrogates.
        for bytes: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE5, 0x9B]] {
            let data = Data(Array("{\"a\": \"".utf8) + bytes + Array("\"}".utf8))
            #expect(!ConfigHead.isPlain(data), "\(bytes)")
        }
    }

    @Test func everyCutOfTheRealFileIsLeftToJSONSerialization() throws {
        let data = try Data(contentsOf: Self.url)
        var cut = 1
        while cut < data.count - 1 {
            let part = data.prefix(cut)
            let fast = ConfigHead.isPlain(part)
            #expect(!fast || Self.reference(part), "cut at \(cut)")
            #expect(!fast, "a cut file is no JSON object (cut at \(cut))")
            cut += 389
        }
        // The real file with its sichuan profile given a preset, and with zhejiang active: the preset is laid over.
        let text = try #require(String(data: data, encoding: .utf8))
        let zhejiang = Data(text.replacingOccurrences(of: "\"profile\": \"sichuan\"", with: "\"profile\": \"zhejiang\"").utf8)
        #expect(ConfigHead.isPlain(zhejiang) == Self.reference(zhejiang))
        #expect(!ConfigHead.isPlain(zhejiang))
    }
}
