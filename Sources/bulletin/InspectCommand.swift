import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin inspect`: what the pipeline makes of files, touching no inbox, outbox or library.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what the pipeline makes of files, without touching the inbox, outbox or library.")

    @OptionGroup var options: ConfigOption

    @Flag(help: "One JSON object per submission per line.")
    var json = false

    @Flag(help: "Print the text the DOCX reader sees: paragraphs and table cells in order, one per line.")
    var text = false

    @Option(help: "The outbox holding the case library, for a returned review sheet's dry run (default: paths.outbox).")
    var outbox: String?

    /// The options above, for reading a plain command line without the parser (`FileArguments`; a line with an option
    /// missing here is left to the parser). `InspectArgumentsEndToEndTests` checks them against the help.
    static let fileArguments = FileArguments(command: "inspect", flags: ["--json", "--text"], valued: ["--config", "--outbox"])

    @Argument(help: "Files to inspect. A returned review sheet prints the change it would make (a dry run).")
    var files: [String]

    /// Asks only whether there is a file, not which (`Bulletin.parseCommandLine` relies on it).
    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to inspect") }
        if json && text { throw ValidationError("--json and --text cannot be used together") }
    }

    func run() throws {
        // `--text` scores nothing: the scoring section is not validated nor its rules compiled, nor the model loaded.
        let (config, url) = try options.load(scoring: !text)
        var failed = false
        if text {
            let reader = TextInspector(config: config)
            for f in files {
                do {
                    for line in try reader.text(URL(fileURLWithPath: f)) { print(line) }
                } catch let error as CocoaError {
                    // A file system error: its sentence, not Foundation's dump of the error's domain and user info.
                    printError("\(f) cannot be read: \(error.localizedDescription)")
                    failed = true
                } catch {
                    printError("\(f): \(error)")
                    failed = true
                }
            }
            throw ExitCode(failed ? ExitCodes.refused : ExitCodes.ok)
        }
        let inspector = try Inspector(config: config)
        enlargeStandardOutputBuffer()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var buffer: [UInt8] = []  // one line's text (or, for a line JSONEncoder must refuse, its JSON), reused
        let writer = InspectionJSONWriter()  // one line's JSON, written straight from the writer's buffer
        // The flag read once: its property wrapper's getter cost ~430 instructions a line.
        let json = self.json
        for f in files {
            if let sheet = inspector.returnedSheet(URL(fileURLWithPath: f)) {
                // With no library to weigh it against, the sheet is named and the other files are still inspected
                // (one file's problem is not the command line's: no usage banner, exit 1 as for a refused file).
                let path = libraryPath(config: config, configURL: url, outbox: outbox)
                guard FileManager.default.fileExists(atPath: path) else {
                    printError("\(f) is a returned review sheet; its dry run needs the case library, and there is none at \(path); "
                               + "pass --outbox with the outbox the sheet was sent from")
                    failed = true
                    continue
                }
                failed = try dryRun(sheet, file: f, config: config, configURL: url) || failed
                continue
            }
            // Lines are written as each submission is scored (one held at a time, not the whole file's).
            var accepted = false
            var encodingError: (any Error)?
            inspector.inspect(URL(fileURLWithPath: f)) { line in
                guard encodingError == nil else { return }
                if line.index > 0 && line.problems.isEmpty { accepted = true }
                if json {
                    // The hand-written line has JSONEncoder's bytes (InspectionJSONTests), at a fraction of the cost;
                    // written to C's stdout (the stream `print` writes to, so the order of lines is kept) with no
                    // String made of it.
                    if writer.append(line) {
                        writer.withBytes { writeStandardOutput($0) }
                        writer.clear()
                        return
                    }
                    do { buffer = [UInt8](try encoder.encode(line)) } catch { encodingError = error; return }
                    buffer.append(UInt8(ascii: "\n"))
                    writeStandardOutput(buffer)
                } else {
                    buffer.removeAll(keepingCapacity: true)
                    appendHuman(line, to: &buffer)
                    writeStandardOutput(buffer)
                }
            }
            if let encodingError { throw encodingError }
            if !accepted { failed = true }
        }
        throw ExitCode(failed ? ExitCodes.refused : ExitCodes.ok)
    }

    /// Prints what applying a returned sheet would change; true when some row would be refused. The caller has
    /// found the library (a library that cannot be opened stops the command, as it would stop a run).
    private func dryRun(_ sheet: ReturnedReviewSheet, file: String, config: PipelineConfig, configURL: URL) throws -> Bool {
        let path = libraryPath(config: config, configURL: configURL, outbox: outbox)
        do {
            let library = try CaseLibrary(readOnlyPath: path, backups: backupsURL(config: config, configURL: configURL, outbox: outbox))
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            let today = CalendarDate.today(in: TimeZone(identifier: config.calendar.timeZone) ?? .current)
            let lines = try ReviewSession.dryRun(sheet, fileName: URL(fileURLWithPath: file).lastPathComponent, sha256: Hashing.sha256(bytes),
                                                 config: config, library: library, today: today)
            for l in lines { print(l) }
            return lines.contains { $0.hasPrefix("  refused") }
        } catch {
            throw reportAndExit(error, stage: "inspect")
        }
    }

    /// The human-readable lines of a submission (what `print` wrote line by line before), appended as bytes.
    private func appendHuman(_ l: InspectionLine, to out: inout [UInt8]) {
        func put(_ parts: String...) {
            for p in parts { out.append(contentsOf: p.utf8) }
        }
        if l.index == 0 {
            for p in l.problems { put(l.file, ": ", p.message, "\n") }
            return
        }
        put(l.file, " #", String(l.index), " (", l.location, "): ", l.fields["title"] ?? "", "\n")
        put("  报送单位 ", l.fields["submitter"] ?? "", " · 归口 ", l.fields["supervisor"] ?? "", " · 来源 ", l.fields["source"] ?? "",
            l.classified ? " · 涉密" : "", "\n")
        put("  类别 ", l.category, " ", l.subtype, " · 水平 ", l.level.isEmpty ? "—" : l.level, " · 产业 ", l.industry, " · score ",
            String(format: "%.1f", l.score), "\n")
        for r in l.reasons.prefix(8) { put("    ", r.rule, ": ", r.conclusion, r.matched.isEmpty ? "" : " «", r.matched, r.matched.isEmpty ? "" : "»", "\n") }
        for p in l.problems { put("  problem [", p.field, "]: ", p.message, "\n") }
        for n in l.notes { put("  note: ", n, "\n") }
    }
}

// MARK: - Without the parser

extension InspectCommand {
    /// The command the parser makes of a plain command line (`FileArguments`), made without it: nil when an option
    /// comes twice or `validate()` objects (the parser then reads the line and reports as it does). Every property is set
    /// here, as reading one the parser did not set stops the program; `InspectArgumentsEndToEndTests` checks the options
    /// against the help.
    init?(options given: [(name: String, value: String?)], files: [String]) {
        var config = ConfigOption.defaultPath, json = false, text = false, outbox: String?
        var seen: Set<String> = []
        for (name, value) in given {
            guard seen.insert(name).inserted else { return nil }
            switch (name, value) {
            case ("--json", nil): json = true
            case ("--text", nil): text = true
            case ("--config", let v?): config = v
            case ("--outbox", let v?): outbox = v
            default: return nil
            }
        }
        // Set on a value made first: assigned in this initializer, the wrappers would be made again (as definitions,
        // which cannot be read) rather than set.
        var chosen = ConfigOption()
        chosen.config = config
        var command = InspectCommand()
        command.options = chosen
        command.json = json
        command.text = text
        command.outbox = outbox
        command.files = files
        guard (try? command.validate()) != nil else { return nil }
        self = command
    }
}
