@testable import BulletinCore
import Testing

/// The outbox page's escaping with its fast path (text without `&<>"'` returned as it is) gives the character
/// loop's text, byte for byte: on CJK titles, each of the five alone and combined with a following mark, emoji,
/// controls, and random text drawn from those.
@Suite struct OutboxEscapeTests {
    @Test func theFastPathIsTheCharacterLoop() {
        let pieces = ["重大科技成果", "国内首台（套）300MW级", "&", "<", ">", "\"", "'", "&\u{301}", "<\u{20D2}", "e\u{301}", "😀", "👩‍🔬", "\u{0}",
                      "\r\n", "\u{200B}", "a/b", "；", "“引号”", "‘单’", " ", ""]
        var samples = pieces
        for _ in 0..<3_000 {
            samples.append((0..<Int.random(in: 0...6)).map { _ in pieces.randomElement() ?? "" }.joined())
        }
        for s in samples {
            let fast = OutboxIndex.esc(s)
            #expect(Array(fast.utf8) == Array(OutboxIndex.escapedByCharacter(s).utf8), "\(s)")
        }
        #expect(OutboxIndex.esc("国内首台（套）300MW级变速抽水蓄能机组") == "国内首台（套）300MW级变速抽水蓄能机组")
        #expect(OutboxIndex.esc("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(OutboxIndex.esc("&\u{301}") == "&\u{301}")
    }
}
