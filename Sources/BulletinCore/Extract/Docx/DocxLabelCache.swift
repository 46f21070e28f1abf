import Foundation

/// Remembers what LabelMatcher said of a cell text. The same labels come back in every form of a batch,
/// and matching normalises each text through several Foundation passes, so this makes reading a form
/// several times faster. Shared by the reader's copies across tasks; bounded in size.
final class DocxLabelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: LabelMatch] = [:]
    /// Entries kept before the cache starts over (a few thousand distinct short texts).
    static let capacity = 4096

    /// The match for `text`, computing it with `match` the first time.
    func match(_ text: String, _ match: (String) -> LabelMatch) -> LabelMatch {
        lock.lock()
        let hit = known[text]
        lock.unlock()
        if let hit { return hit }
        let result = match(text)
        lock.lock()
        if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
        known[text] = result
        lock.unlock()
        return result
    }
}
