import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin explain`: which rules fired, on which words, with what weight, and why the final labels and score.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain the category, subtype, level, industry and score of a case (by id) or of every submission in a file.")

    @OptionGroup var options: ConfigOption

    @Option(help: "The outbox holding the case library (default: paths.outbox of the configuration).")
    var outbox: String?

    @Flag(help: "One JSON object per case per line.")
    var json = false

    @Argument(help: "A case id (e.g. 2026-11-0007) or a file to read.")
    var target: String

    func run() throws {
        let (config, url) = try options.load()
        var found: [(title: String, assessment: Assessment, classified: Bool, id: String)] = []
        var history: [String] = []
        if FileManager.default.fileExists(atPath: target) {
            for line in try Inspector(config: config).inspect(URL(fileURLWithPath: target)) {
                if line.index == 0 {
                    for p in line.problems { printError(p.message) }
                    throw ExitCode(ExitCodes.refused)
                }
                found.append((line.fields["title"] ?? "", line.assessment, line.classified, line.titleKey))
            }
        } else {
            let path = libraryPath(config: config, configURL: url, outbox: outbox)
            guard FileManager.default.fileExists(atPath: path) else {
                throw noLibrary(at: path, config: config, configURL: url, outbox: outbox, stage: "explain",
                                usage: "\(target) is neither a file nor a case in a library (no library at \(path)); pass a file, or --outbox where the runs write")
            }
            let library: CaseLibrary
            do { library = try CaseLibrary(readOnlyPath: path, backups: backupsURL(config: config, configURL: url, outbox: outbox)) } catch { throw reportAndExit(error) }
            guard let state = try library.state(id: target) else {
                throw ValidationError("no case \(target) in \(path); case ids look like 2026-11-0007 (`bulletin status` lists them)")
            }
            let record = state.record
            found.append((record[.title], record.assessment, state.classified, record.id))
            history.append("stage: \(state.stage)   sightings: \(state.sightings.count)")
            for s in state.sightings {
                history.append("  sighting \(s.received) \(s.channel?.rawValue ?? "") \(s.fileName) #\(s.index)\(s.classified ? " 涉密" : "")")
            }
            for v in try library.attachmentVerdicts(caseId: state.id) {
                history.append("  match that attached a submission: " + v.description.replacingOccurrences(of: "\n", with: "\n  "))
            }
            for v in try library.duplicateVerdicts(caseId: state.id) {
                history.append("  疑似重复 possible duplicate: " + v.description.replacingOccurrences(of: "\n", with: "\n  "))
            }
            for e in state.history {
                let change = "\(e.from?.rawValue ?? "—") → \(e.to.rawValue)"
                let source = e.source.map { " [\($0.file) \($0.location)]" } ?? ""
                history.append("  #\(e.sequence) \(e.date) \(e.step.isEmpty ? "" : e.step + " ")\(change) \(e.decision) by \(e.who): \(e.why)\(source)")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for f in found {
            if json {
                struct Line: Encodable { var caseId: String; var title: String; var classified: Bool; var assessment: Assessment }
                print(String(decoding: try encoder.encode(Line(caseId: f.id, title: f.title, classified: f.classified, assessment: f.assessment)), as: UTF8.self))
            } else {
                print("\(f.id)  " + Explanation.text(title: f.title, assessment: f.assessment, classified: f.classified))
                if !history.isEmpty { print(history.joined(separator: "\n")) }
            }
        }
    }
}
