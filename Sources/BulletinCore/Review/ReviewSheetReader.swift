import Foundation
import OOXML

/// A review sheet as it came back: its identity (from the hidden worksheet) and what reviewers wrote in each
/// row. Nothing is judged here; `ReviewDecisionValidator` does that.
public struct ReturnedReviewSheet: Sendable, Equatable {
    /// The id the sheet was written with.
    public var sheetId: String
    /// The review stage (初选 …).
    public var stage: String
    /// The group (a division, an issue; "" for none).
    public var group: String
    /// The bulletin month, "YYYY-MM".
    public var period: String
    /// The deadline the sheet was written with.
    public var deadline: String
    /// The identity layout version the sheet was written with.
    public var formatVersion: Int
    /// The words the sheet offered.
    public var vocabulary: ReviewVocabulary
    /// Whether the sheet had a 排序 column.
    public var hasOrderColumn: Bool
    /// The name of the worksheet the rows were read from (reviewers may have renamed it).
    public var worksheetName: String
    /// Every row with something in it, in sheet order.
    public var rows: [ReturnedReviewRow]
    /// Cases the sheet was made with that no row holds any more (a reviewer deleted the row): not decided.
    public var missingCaseIds: [String]
    /// What a person should know about the file: rows added by reviewers, rows ignored, columns missing.
    public var notes: [String]

    /// The header of the decision column, `<stage>意见`.
    public var decisionHeader: String { ReviewColumns.decisionHeader(stage: stage) }
}

/// One row of a returned review sheet.
public struct ReturnedReviewRow: Sendable, Equatable {
    /// The row's number in the worksheet, for messages ("sheet 初选-基础处 row 7").
    public var excelRow: Int
    /// The case id as written, trimmed and made half-width ("" when the cell is blank).
    public var caseId: String
    /// The case version the sheet was made with, from the hidden identity by case id; nil when the case was
    /// not on the sheet as written (a row a reviewer added).
    public var caseVersion: String?
    /// The row the case was written on, from the hidden identity (nil for an added row).
    public var originalRow: Int?
    /// What the reviewer wrote, as raw text (surrounding spaces trimmed).
    public var entry: ReviewerEntry
    /// The machine's columns as they read now, by header (成果名称 → …), to send a refused row back as it was.
    public var shown: [String: String]
    /// Where the row is, for messages: "sheet 初选-基础处 row 7".
    public var location: String

    /// Whether the row was on the sheet as written.
    public var isFromSheet: Bool { caseVersion != nil }
}

/// Recognises a returned review sheet by its hidden identity — never by file name — and reads its rows.
/// Tolerates what spreadsheet programs and reviewers do: shared or inline strings, numbers stored as 1.0,
/// stray and full-width spaces, full-width digits, renamed tabs, moved columns, re-sorted, deleted and added rows.
public struct ReviewSheetReader: Sendable {
    let limits: ZipLimits
    let maxDepth: Int

    /// Creates a reader with these zip limits and XML depth limit.
    public init(limits: ZipLimits = ZipLimits(), maxXMLDepth: Int = 200) {
        self.limits = limits
        maxDepth = maxXMLDepth
    }

    /// Creates a reader with the limits of pipeline.json.
    public init(config: PipelineConfig) {
        self.init(limits: config.limits.zip, maxXMLDepth: config.limits.xmlMaxDepth)
    }

    /// The returned sheet, or nil when `bytes` are not a workbook with a review sheet's hidden identity (the
    /// caller then reads the file as a submission). Throws a `Refusal` when the identity is there but the
    /// sheet cannot be read (identity damaged, decision column gone, written by a newer version).
    public func read(bytes: [UInt8], fileName: String = "the workbook") throws -> ReturnedReviewSheet? {
        if case .reviewSheet(let sheet) = try classify(bytes: bytes, fileName: fileName) { return sheet }
        return nil
    }

    /// What a workbook is to the review-sheet check.
    enum Classified {
        /// A returned review sheet.
        case reviewSheet(ReturnedReviewSheet)
        /// Not one; with the parts parsed to find that out (nil when it did not get as far as the shared strings),
        /// for `XlsxReader`.
        case other(WorkbookReads?)
    }

    /// `read`, keeping what was parsed of a workbook that is not a review sheet.
    func classify(bytes: [UInt8], fileName: String = "the workbook") throws -> Classified {
        guard let zip = try? ZipArchive(bytes: bytes, limits: limits) else { return .other(nil) }
        let advice = "fill in a fresh copy of the review sheet from outbox/review and drop it into the inbox again"
        do {
            return try read(zip, bytes: bytes, fileName: fileName)
        } catch let e as ZipError {
            throw Refusal("review sheet \(fileName): \(e)", advice: advice)
        } catch let e as XMLError {
            throw Refusal("review sheet \(fileName): \(e)", advice: advice)
        }
    }

    private typealias Grid = [Int: [Int: String]]

    private func read(_ zip: ZipArchive, bytes: [UInt8], fileName: String) throws -> Classified {
        guard zip.contains("_rels/.rels") else { return .other(nil) }
        let rootRels = try OPCRelationships.parse(zip.read("_rels/.rels"))
        guard let target = rootRels.first(where: { OOXMLRelationshipType.officeDocumentAll.contains($0.type) }),
              let workbookName = OPCRelationships.resolve(target: target.target, from: ""), zip.contains(workbookName) else { return .other(nil) }
        let workbook = try XMLReader.parse(zip.read(workbookName), maxDepth: maxDepth)
        let relsName = OPCRelationships.relationshipsPartName(for: workbookName)
        guard zip.contains(relsName) else { return .other(nil) }
        let rels = try OPCRelationships.parse(zip.read(relsName))
        var sheets: [(name: String, part: String)] = []
        for sheet in XlsxReader.find(workbook, "sheet") {
            guard let rid = sheet.attributes.first(where: { $0.name == "id" && !$0.namespace.isEmpty })?.value,
                  let rel = rels.first(where: { $0.id == rid }),
                  let part = OPCRelationships.resolve(target: rel.target, from: workbookName), zip.contains(part) else { continue }
            sheets.append((sheet.attribute("name") ?? "", part))
        }
        let date1904 = XlsxReader.find(workbook, "workbookPr").first?.attribute("date1904").map { $0 == "1" || $0 == "true" } ?? false
        let shared = try XlsxReader.sharedStrings(zip, rels: rels, workbookName: workbookName, maxDepth: maxDepth)
        let dateStyles = try XlsxReader.dateStyleIndexes(zip, rels: rels, workbookName: workbookName, maxDepth: maxDepth)
        // Each sheet read once, and kept for `XlsxReader` should the workbook be no review sheet.
        var read: [String: WorkbookReads.Worksheet] = [:]
        func grid(_ part: String) throws -> Grid {
            if let kept = read[part] { return kept.grid }
            let sheet = try XlsxReader.worksheet(zip.read(part), shared: shared, dateStyles: dateStyles, date1904: date1904, maxDepth: maxDepth)
            read[part] = sheet
            return sheet.grid
        }
        func other() -> Classified {
            .other(WorkbookReads(.init(bytes: bytes, limits: limits, maxDepth: maxDepth, shared: shared, dateStyles: dateStyles, sheets: read)))
        }
        guard let identitySheet = sheets.first(where: { $0.name.lowercased() == ReviewColumns.identitySheetName }) else {
            // No identity: not a review sheet. But rows copied out of one into a new workbook would otherwise be
            // refused as a submission without the form's labels; say what happened instead.
            if let first = sheets.first, let header = Self.headerRow(try grid(first.part)),
               let decision = header.columns.keys.first(where: { $0.hasSuffix("意见") }) {
                throw Refusal("\(fileName) looks like a review sheet (worksheet \(first.name) has 案例编号 and \(decision)) but has lost the hidden worksheet \(ReviewColumns.identitySheetName) that identifies it, so its decisions cannot be matched to the sheet that was sent",
                              advice: "fill in the decisions on the review sheet as it was sent (from outbox/review); copy rows into that workbook rather than into a new one")
            }
            return other()
        }
        let identityGrid = try grid(identitySheet.part)
        guard ReviewText.trimmed(identityGrid[1]?[0] ?? "") == ReviewColumns.identityMarker else { return other() }
        let identity = try ReviewIdentity(identityGrid, fileName: fileName)

        // The worksheet with the rows: the one the sheet was written with, else the first with a 案例编号 header.
        let candidates = sheets.filter { $0.part != identitySheet.part }
        let ordered = candidates.filter { $0.name == identity.sheetName } + candidates.filter { $0.name != identity.sheetName }
        for candidate in ordered {
            let cells = try grid(candidate.part)
            if let header = Self.headerRow(cells) {
                return .reviewSheet(try rows(cells, header: header, worksheet: candidate.name, identity: identity, fileName: fileName))
            }
        }
        throw Refusal("review sheet \(fileName) (\(identity.sheetId)) has no worksheet with a header row holding 案例编号",
                      advice: "put back the header row (案例编号, 成果名称 …, \(ReviewColumns.decisionHeader(stage: identity.stage))) or fill in a fresh copy of the sheet from outbox/review")
    }

    /// The first of the top 10 rows with a 案例编号 cell, and its columns by header.
    private static func headerRow(_ grid: Grid) -> (row: Int, columns: [String: Int])? {
        for r in grid.keys.sorted().prefix(10) {
            guard let cells = grid[r] else { continue }
            var columns: [String: Int] = [:]
            for (c, text) in cells.sorted(by: { $0.key < $1.key }) {
                let key = ReviewText.key(text)
                if !key.isEmpty, columns[key] == nil { columns[key] = c }
            }
            if columns[ReviewColumns.caseId] != nil { return (r, columns) }
        }
        return nil
    }

    private func rows(_ grid: Grid, header: (row: Int, columns: [String: Int]), worksheet: String,
                      identity: ReviewIdentity, fileName: String) throws -> ReturnedReviewSheet {
        let decisionHeader = ReviewColumns.decisionHeader(stage: identity.stage)
        guard let decisionColumn = header.columns[ReviewText.key(decisionHeader)] else {
            throw Refusal("review sheet \(fileName): worksheet \(worksheet) has no column \(decisionHeader) in its header row \(header.row)",
                          advice: "put the header \(decisionHeader) back above the decisions and drop the file in again")
        }
        var notes: [String] = []
        let expected = [ReviewColumns.adjustCategory, ReviewColumns.adjustLevel, ReviewColumns.adjustIndustry, ReviewColumns.note, ReviewColumns.reviewer]
            + (identity.hasOrder ? [ReviewColumns.order] : [])
        let absent = expected.filter { header.columns[ReviewText.key($0)] == nil }
        if !absent.isEmpty { notes.append("worksheet \(worksheet): columns missing, read as blank: \(absent.joined(separator: ", "))") }
        let caseColumn = header.columns[ReviewColumns.caseId] ?? 0
        // Each column's place found once a sheet, not once a row (the key of a header word was made anew for
        // every row and column, a third of reading a 1,000-row sheet). 排序 is read wherever its header is, as
        // before, also on a sheet written without it (`expected` leaves it out there, for the note only).
        var place: [String: Int] = [:]
        for name in expected + [ReviewColumns.order] + ReviewColumns.machine {
            if let c = header.columns[ReviewText.key(name)] { place[name] = c }
        }
        func column(_ name: String) -> Int? { place[name] }
        let categoryColumn = column(ReviewColumns.adjustCategory), levelColumn = column(ReviewColumns.adjustLevel)
        let industryColumn = column(ReviewColumns.adjustIndustry), orderColumn = column(ReviewColumns.order)
        let noteColumn = column(ReviewColumns.note), reviewerColumn = column(ReviewColumns.reviewer)
        let shownColumns = ReviewColumns.machine.filter { $0 != ReviewColumns.caseId }.compactMap { name in column(name).map { (name, $0) } }
        var rows: [ReturnedReviewRow] = []
        var seen = Set<String>()
        for r in grid.keys.sorted() where r > header.row {
            guard let cells = grid[r] else { continue }
            func text(_ c: Int?) -> String { c.flatMap { cells[$0] }.map(ReviewText.trimmed) ?? "" }
            let caseId = ReviewText.key(text(caseColumn))
            let entry = ReviewerEntry(decision: text(decisionColumn), category: text(categoryColumn), level: text(levelColumn),
                                      industry: text(industryColumn), order: text(orderColumn), note: text(noteColumn),
                                      reviewer: text(reviewerColumn))
            let location = "sheet \(worksheet) row \(r)"
            if caseId.isEmpty {
                if !entry.isBlank {
                    notes.append("\(location): a row without 案例编号 holds reviewer entries; it cannot be matched to a case")
                } else if cells.values.contains(where: { !ReviewText.trimmed($0).isEmpty }) {
                    notes.append("\(location): no 案例编号 and nothing in the reviewers' columns; ignored")
                    continue
                } else {
                    continue
                }
            }
            var shown: [String: String] = [:]
            for (name, c) in shownColumns {
                if let v = cells[c] { shown[name] = ReviewText.trimmed(v) }
            }
            let known = identity.cases[caseId]
            if !caseId.isEmpty && known == nil {
                notes.append("\(location): case \(caseId) was not on this sheet when it was made (a row added by a reviewer)")
            }
            if !caseId.isEmpty { seen.insert(caseId) }
            rows.append(ReturnedReviewRow(excelRow: r, caseId: caseId, caseVersion: known?.version, originalRow: known?.row,
                                          entry: entry, shown: shown, location: location))
        }
        let missing = identity.caseOrder.filter { !seen.contains($0) }
        if !missing.isEmpty {
            notes.append("worksheet \(worksheet): \(missing.count) case(s) of the sheet have no row any more, left undecided: \(missing.joined(separator: ", "))")
        }
        return ReturnedReviewSheet(sheetId: identity.sheetId, stage: identity.stage, group: identity.group, period: identity.period,
                                   deadline: identity.deadline, formatVersion: identity.formatVersion, vocabulary: identity.vocabulary,
                                   hasOrderColumn: identity.hasOrder, worksheetName: worksheet, rows: rows,
                                   missingCaseIds: missing, notes: notes)
    }
}

/// The hidden identity worksheet, decoded.
struct ReviewIdentity {
    var formatVersion: Int
    var sheetId: String
    var stage: String
    var group: String
    var period: String
    var deadline: String
    var hasOrder: Bool
    var sheetName: String
    var vocabulary: ReviewVocabulary
    /// Case id → version and the row it was written on.
    var cases: [String: (version: String, row: Int?)]
    /// Case ids in the order written.
    var caseOrder: [String]

    init(_ grid: [Int: [Int: String]], fileName: String) throws {
        var values: [String: [String]] = [:]
        var cases: [String: (version: String, row: Int?)] = [:]
        var order: [String] = []
        for r in grid.keys.sorted() {
            guard let cells = grid[r], let key = cells[0].map(ReviewText.trimmed), !key.isEmpty else { continue }
            let maxColumn = cells.keys.max() ?? 0
            let rest = maxColumn >= 1 ? (1...maxColumn).map { ReviewText.trimmed(cells[$0] ?? "") } : []
            if key == ReviewIdentityKey.row {
                guard rest.count >= 2, !rest[0].isEmpty, !rest[1].isEmpty else { continue }
                let id = ReviewText.key(rest[0])
                if cases[id] == nil { order.append(id) }
                cases[id] = (rest[1], rest.count > 2 ? ReviewText.wholeNumber(rest[2]) : nil)
            } else if values[key] == nil {
                values[key] = rest
            }
        }
        func one(_ key: String) -> String { values[key]?.first ?? "" }
        func list(_ key: String) -> [String] { (values[key] ?? []).filter { !$0.isEmpty } }
        let advice = "fill in a fresh copy of the review sheet from outbox/review and drop it into the inbox again"
        let version = ReviewText.wholeNumber(one(ReviewColumns.identityMarker)) ?? 0
        guard version >= 1 else {
            throw Refusal("review sheet \(fileName): its hidden worksheet \(ReviewColumns.identitySheetName) has no format version", advice: advice)
        }
        guard version <= ReviewColumns.formatVersion else {
            throw Refusal("review sheet \(fileName) was written in format \(version); this bulletin reads up to format \(ReviewColumns.formatVersion)",
                          advice: "read it with the bulletin version that wrote it, or fill in a sheet written by this version")
        }
        for key in [ReviewIdentityKey.sheetId, ReviewIdentityKey.stage, ReviewIdentityKey.period] where one(key).isEmpty {
            throw Refusal("review sheet \(fileName): its hidden worksheet \(ReviewColumns.identitySheetName) has lost its \(key)", advice: advice)
        }
        formatVersion = version
        sheetId = one(ReviewIdentityKey.sheetId)
        stage = one(ReviewIdentityKey.stage)
        group = one(ReviewIdentityKey.group)
        period = one(ReviewIdentityKey.period)
        deadline = one(ReviewIdentityKey.deadline)
        hasOrder = ReviewText.wholeNumber(one(ReviewIdentityKey.hasOrder)) == 1
        sheetName = one(ReviewIdentityKey.sheetName)
        vocabulary = ReviewVocabulary(decisionWords: list(ReviewIdentityKey.decisionWords), categories: list(ReviewIdentityKey.categories),
                                      levels: list(ReviewIdentityKey.levels), industries: list(ReviewIdentityKey.industries))
        self.cases = cases
        caseOrder = order
    }
}
