import BulletinTestSupport
import BulletinCore
import Foundation
import Logging

/// In-process runs over small inboxes for the audit tests, and a typed reading of their logs.
struct AuditBench {
    let work: URL
    var inbox: URL { work.appendingPathComponent("inbox") }
    var outbox: URL { work.appendingPathComponent("outbox") }
    var config: PipelineConfig

    static let header = "报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介\r\n"
    /// A CSV of one valid submission with `title`.
    static func csv(_ title: String, unit: String = "四川大学") -> [UInt8] {
        Array((header + "\(unit),省教育厅,张伟,13800138000,\(title),基础处,在Science发表论文，揭示了高熵合金低温韧化机理，达到国际领先水平。\r\n").utf8)
    }

    /// A fresh folder with an empty inbox; the second look at inbox files is immediate.
    init() throws {
        work = try TestSupport.temporaryFolder()
        config = try TestSupport.config()
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: work) }

    /// Drops files into the inbox, dated an hour ago.
    func drop(_ files: [String: [UInt8]]) throws {
        for (name, bytes) in files {
            let url = inbox.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: url.path)
        }
    }

    /// Two nights: a CSV and a scanned PDF (refused), then a second CSV from another unit; two logs.
    func twoNights() async throws {
        try drop(["高熵合金.csv": Self.csv("高熵合金低温韧化机理研究"), "扫描件.pdf": Array("%PDF-1.7\n".utf8)])
        try await run()
        try drop(["页岩气.csv": Self.csv("页岩气水平井压裂技术", unit: "西南石油大学")])
        try await run()
    }

    /// Runs the pipeline once.
    @discardableResult
    func run(today: String = "2026-11-22") async throws -> RunReport {
        let options = RunOptions(configURL: TestSupport.root.appendingPathComponent("pipeline.json"), inbox: inbox, outbox: outbox, today: today)
        return try await Pipeline(config: config, options: options, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) { _ in }.run()
    }

    /// Every log of the outbox, in the library's order, read back as typed records.
    func logs() throws -> [AuditLog] {
        let library = try CaseLibrary(path: outbox.appendingPathComponent("library.sqlite").path)
        return try library.auditRuns().map { try AuditLog.read(outbox.appendingPathComponent($0.log)) }
    }

    /// The input records of every log.
    func inputs() throws -> [AuditRecord.InputRecord] {
        try logs().flatMap(\.records).compactMap { if case .input(let i) = $0 { i } else { nil } }
    }

    /// The output records of every log.
    func outputs() throws -> [AuditRecord.OutputRecord] {
        try logs().flatMap(\.records).compactMap { if case .output(let o) = $0 { o } else { nil } }
    }

    /// bulletin verify over the outbox.
    func verify(head: String? = nil) throws -> VerifyReport {
        try AuditVerification.run(outbox: outbox, config: config, head: head)
    }
}
