@testable import BulletinCore
import Foundation
import Testing

/// The routines replaced for speed in round 10 give what the ones they replaced gave.
struct ScoreSpeedEquivalence10Tests {
    static let texts: [String] = [
        "", "较", "比", "与同类产品相比较", "性能较", "AB比", "技术水平较国外", "达到国际先进水平，较",
        "e\u{301}较", "\u{0600}较", "全角ＡＢ较", "😀较", "较\u{301}", "\r\n", "a\r\n", "水平较\u{FE0F}",
        "CJK与Latin mixed 比", "部分指标达到国际领先", "总体达到国内领先水平", "接近国际先进", "尚未达到", "豈", "\u{8C48}",
        "中文\u{2028}比", "Ｃ较", "ｂ比",
    ]
    static let markers: [String] = [
        "较", "比", "相比较", "较国外", "", "\n", "\r\n", "\u{301}", "a", "AB比", "\u{8C48}", "豈", "较\u{301}", "全角",
        "部分", "总体", "接近", "尚未", "比 ",
    ]

    @Test func endsWithIsHasSuffix() {
        for t in Self.texts {
            for m in Self.markers {
                #expect(LevelClaimReader.endsWith(t, m) == t.hasSuffix(m), "\(t.debugDescription) / \(m.debugDescription)")
            }
        }
    }

    @Test func hasIsAByteSearch() {
        for t in Self.texts {
            for m in Self.markers {
                let hay = Array(t.utf8), needle = Array(m.utf8)
                var expected = needle.isEmpty
                if !needle.isEmpty && hay.count >= needle.count {
                    for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle { expected = true }
                }
                #expect(LevelClaimReader.has(t, m) == expected, "\(t.debugDescription) / \(m.debugDescription)")
            }
        }
    }

    @Test func titleKeyIsTheHexPrefixOfTheDigest() {
        for t in Self.texts + ["基于深度学习的  水稻病害识别系统（ＡＩ版）", "GB18030 标题 𠀀", "e\u{301}tude"] {
            let half = TextForm.halfWidthASCII(t)
            let expected = "C" + Hashing.sha256(TitleKeyText.fastBytes(half) ?? TitleKeyText.bytes(half)).prefix(12)
            #expect(SubmissionProcessor.titleKey(title: t) == expected, "\(t)")
        }
    }
}

/// `CompiledCue.trimmedWhitespaces` against Foundation's trimming.
struct TrimmedWhitespacesTests {
    @Test func asFoundationTrims() {
        let samples = ["", " ", "\t", "国际领先", " 国际领先", "国际领先 ", "\u{3000}领先\u{3000}", "领先\u{3000}", "\u{00A0}a",
                       "a\u{00A0}", "ab", "a b", "\u{2003}x", "x\u{2003}", "😀", "领先😀", "e\u{301}", "领先\u{301}", "Nature",
                       "\n领先", "领先\n", "ｱ领先", "领先ｱ", "\u{FEFF}领先", "领先\u{200B}", "\u{1680}领先", "领先\t"]
        for s in samples {
            #expect(CompiledCue.trimmedWhitespaces(s) == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
        }
    }
}
