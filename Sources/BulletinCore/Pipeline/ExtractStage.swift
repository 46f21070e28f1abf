import SystemFiles
import Foundation

/// [2] extract: every file's submissions, `intake.concurrency` files at a time (default 2); a file that cannot be
/// read at all carries its Refusal to the store stage, which quarantines it.
extension Pipeline {
    func extract(_ items: [Item], _ run: RunContext) async -> [FileWork<Submission>] {
        let processor = run.processor
        return await Self.mapBounded(items, limit: config.intake.concurrency ?? 2) { listed in
            var item = listed
            do {
                // Read again (intake hashed it and let the bytes go). Hashed again only if the file changed
                // since the listing looked at it, so the log names the bytes that were actually read. (Compared
                // as `Date`s, the listing's and Foundation's modification times differed by rounding for about a
                // third of all files, and those were hashed twice.)
                let bytes = try FileBytes.read(item.file.url)
                if !item.file.isUnchanged(FileLook.of(item.file.url.path), byteCount: bytes.count) {
                    item.sha256 = Hashing.sha256(bytes)
                    item.size = bytes.count
                }
                item.kind = processor.kind(of: bytes, fileName: item.file.name)
                if case .reviewSheet(let sheet) = item.kind {
                    return FileWork(item: item, notes: sheet.notes, outcome: .success([]))
                }
                let e = try processor.extract(bytes: bytes, fileName: item.file.name, kind: item.kind)
                if e.submissions.isEmpty {
                    return FileWork(item: item, notes: e.notes,
                                    outcome: .failure(Refusal("\(item.file.name) holds no submission", advice: "check that it is the filled-in 报送表")))
                }
                return FileWork(item: item, notes: e.notes, outcome: .success(e.submissions))
            } catch let r as Refusal {
                return FileWork(item: item, notes: [], outcome: .failure(r))
            } catch {
                return FileWork(item: item, notes: [],
                                outcome: .failure(Refusal("\(item.file.name) could not be read: \(error)", advice: "send the file again as .docx, CSV or JSON")))
            }
        }
    }

    /// Maps `items` with at most `limit` running at once, keeping their order.
    static func mapBounded<T: Sendable, R: Sendable>(_ items: [T], limit: Int, _ transform: @escaping @Sendable (T) async -> R) async -> [R] {
        await withTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < min(limit, items.count) {
                let i = next, item = items[i]
                group.addTask { (i, await transform(item)) }
                next += 1
            }
            while let (i, r) = await group.next() {
                results[i] = r
                if next < items.count {
                    let j = next, item = items[j]
                    group.addTask { (j, await transform(item)) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}
