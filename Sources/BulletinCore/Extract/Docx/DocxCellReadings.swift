import Synchronization

/// What a short table cell's text says as a label, as `DocxTableScan` reads it: its look (key, length, whether it
/// ends like a label), what it names, the value written after the label in the same cell, and the label a text
/// typed differently was taken for. A function of the text alone (and the reader's configuration).
struct DocxCellReading: Sendable, Equatable {
    /// `DocxTableScan.look`.
    var key: String
    var length: Int
    var endsLikeLabel: Bool
    /// What the text names: `classify` when the label filter lets it through, else the closest known label (of the
    /// whole text, or of the label before a colon with the value after it).
    var match: LabelMatch
    /// The inline value (`联系人：张三`).
    var inline: String?
    /// For a label typed differently: the form's label it was taken for.
    var takenFor: String?

    /// Reads `text` (non-empty, at most `DocxTableScan.labelCellMaxBytes` bytes) with `reader`'s labels.
    init(_ text: String, reader: DocxTableReader) {
        let look = DocxTableScan.look(text)
        (key, length, endsLikeLabel) = (look.key, look.length, look.endsLikeLabel)
        (match, inline) = reader.filter.mayBeLabel(text) ? DocxTableScan.classify(text, reader: reader) : (.unknown, nil)
        if match == .unknown, length <= DocxTableReader.labelLikeMaxLength, let near = reader.matcher.closest(text) {
            (match, inline, takenFor) = (near.match, nil, near.label)
        } else if match == .unknown, let parts = DocxTableScan.inlineParts(text), let near = reader.matcher.closest(parts.label) {
            // A label typed differently with its value in the same cell (联系手机号：13800138000).
            (match, inline, takenFor) = (near.match, parts.value, near.label)
        }
    }
}

extension DocxCellReading {
    /// Bytes from a long cell's start within which a colon is looked for (`summaryIn`): a label of
    /// `DocxTableReader.labelLikeMaxLength` characters, three bytes each, with spaces and a bracketed note.
    static let inlineLabelMaxBytes = 72

    /// The reading of a cell too long to be a label (more than `DocxTableScan.labelCellMaxBytes` bytes) that starts
    /// with the summary's label and a colon, its text following in the same cell (案例简介：本项目…), as forms made
    /// of two-column tables write it; nil for any other long cell. Only the summary is read this way: it is the one
    /// field whose value is long, and a long value that starts with another label (技术水平：…) stays a value. The
    /// label may be typed differently (案例简要介绍：…), as a short cell's may.
    init?(summaryIn text: String, reader: DocxTableReader) {
        // A colon (':', or '：' as EF BC 9A) among the first bytes, else no label starts the cell: the bytes are
        // read in place, the two before each one remembered, so the long value costs nothing more.
        var colon = false
        var (before2, before1): (UInt8, UInt8) = (0, 0)
        for b in text.utf8.prefix(Self.inlineLabelMaxBytes) {
            if b == 0x3A || (before2 == 0xEF && before1 == 0xBC && b == 0x9A) {
                colon = true
                break
            }
            (before2, before1) = (before1, b)
        }
        guard colon, let parts = DocxTableScan.inlineParts(text) else { return nil }
        var takenFor: String?
        var match = reader.matcher.match(parts.label)
        if match == .unknown, let near = reader.matcher.closest(parts.label) {
            (match, takenFor) = (near.match, near.label)
        }
        guard match == .field(.summary) else { return nil }
        self.init(key: "", length: 0, endsLikeLabel: false, match: match, inline: parts.value, takenFor: takenFor)
    }

    private init(key: String, length: Int, endsLikeLabel: Bool, match: LabelMatch, inline: String?, takenFor: String?) {
        (self.key, self.length, self.endsLikeLabel) = (key, length, endsLikeLabel)
        (self.match, self.inline, self.takenFor) = (match, inline, takenFor)
    }
}

/// Cell readings already made in this run, by the cell's exact UTF-8 bytes: the forms of one template repeat their
/// label cells (报送单位（产学研等单位）, 联系人 …) form after form, and normalising and matching each again cost a
/// form ~100 k instructions. Found only by byte equality (two spellings of one text are two entries, each read
/// as it is); emptied when full, so memory stays bounded whatever a run reads. Owned by a reader (one per run);
/// safe to share between threads.
final class DocxCellReadings: Sendable {
    /// The text, hashed and compared by its UTF-8 bytes (not by Unicode canonical equivalence, which costs more
    /// and is not needed: equal bytes give equal readings).
    struct Text: Hashable, Sendable {
        let text: String

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (a: Text, b: Text) -> Bool {
            var x = a.text, y = b.text
            return x.withUTF8 { p in y.withUTF8 { q in p.count == q.count && p.elementsEqual(q) } }
        }
    }

    /// Most entries kept before the table is emptied.
    let capacity: Int
    private let entries = Mutex<[Text: DocxCellReading]>([:])

    /// An empty table of at most `capacity` entries.
    init(capacity: Int = 4_096) { self.capacity = capacity }

    /// The reading of `text`, made now (and kept) or found.
    func reading(of text: String, reader: DocxTableReader) -> DocxCellReading {
        let key = Text(text: text)
        if let found = entries.withLock({ $0[key] }) { return found }
        let made = DocxCellReading(text, reader: reader)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = made
        }
        return made
    }

    /// How many entries are kept (for tests).
    var count: Int { entries.withLock { $0.count } }
}
