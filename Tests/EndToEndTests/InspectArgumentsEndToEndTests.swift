import Foundation
import Testing

/// `inspect` reads a plain command line without swift-argument-parser (`FileArguments`), which must change nothing a
/// person sees. Every command line here runs twice, the second time with `BULLETIN_ARGUMENTS=parser` (the parser reads
/// it all, as before): standard output, standard error and the exit status must be the same, in every shape the short
/// cut takes (options before, after and between files, `--config=`, files after `--`, an option given twice) and in
/// shapes it leaves to the parser (its errors and help).
@Suite(.serialized) struct InspectArgumentsEndToEndTests {
    typealias E = RunEndToEndTests

    static var samples: [String] {
        let folder = E.root.appendingPathComponent("samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".docx") || $0.hasSuffix(".csv") || $0.hasSuffix(".json") }
            .map { folder.appendingPathComponent($0).path }
    }

    /// Runs the binary with `BULLETIN_ARGUMENTS` set (or not).
    static func run(_ args: [String], parser: Bool, cwd: URL = E.root) throws -> E.Result {
        try E.execute(E.binary, args, cwd: cwd, environment: ["BULLETIN_ARGUMENTS": parser ? "parser" : nil])
    }

    /// The run without the parser, after checking that it prints and exits as the parser's run does.
    @discardableResult
    static func same(_ args: [String], cwd: URL = E.root) throws -> E.Result {
        let direct = try run(args, parser: false, cwd: cwd)
        let parsed = try run(args, parser: true, cwd: cwd)
        let shape = args.filter { $0.hasPrefix("-") }
        #expect(direct.stdout == parsed.stdout, "\(shape)")
        #expect(direct.stderr == parsed.stderr, "\(shape)")
        #expect(direct.status == parsed.status, "\(shape)")
        return direct
    }

    @Test(arguments: [["--json"], ["--text"], []])
    func theShortCutPrintsWhatTheParserReads(_ options: [String]) throws {
        // Forms from Word and WPS, a CSV, the online system's JSON and a broken form (a file problem on stderr).
        let all = Self.samples
        let files = all.filter { $0.hasSuffix("四川大学-报送表.docx") || $0.hasSuffix("（2项）.docx") || $0.hasSuffix("成都市科技局-汇总.csv")
            || $0.hasSuffix("网上报送系统导出.json") || $0.hasSuffix("损坏的报送表.docx") || $0.hasSuffix("西南石油大学-报送表.docx") }
        #expect(files.count == 6)
        let config = E.root.appendingPathComponent("pipeline.json").path
        let shapes: [[String]] = [
            options + files,
            files + options,
            Array(files.prefix(3)) + options + Array(files.dropFirst(3)),
            options + ["--config=\(config)"] + files,
            files + ["--config", config] + options,
            options + ["--"] + files,
            options + Array(files.prefix(2)) + ["--"] + Array(files.dropFirst(2)),
            options + Array(files.prefix(1)),
            // An option twice: the parser reads the options and the first file, the command takes every file.
            options + options + files,
            ["--config", "/nonexistent/pipeline.json", "--config", config] + options + files,
        ]
        for shape in options == ["--json"] ? shapes : Array(shapes.prefix(3)) + shapes.suffix(2) {
            let r = try Self.same(["inspect"] + shape)
            #expect(!r.stdout.isEmpty)
        }
        // Every file's lines are there: the run over all files prints what each file prints alone.
        var alone = ""
        for f in files { alone += try Self.run(["inspect"] + options + [f], parser: true).stdout }
        #expect(try Self.run(["inspect"] + options + files, parser: false).stdout == alone)
    }

    @Test func aFileNamedLikeAnOptionIsReadAfterTheTerminator() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-args-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try #require(Self.samples.first { $0.hasSuffix("四川大学-报送表.docx") })
        let other = try #require(Self.samples.first { $0.hasSuffix("电子科技大学-报送表.docx") })
        try FileManager.default.copyItem(atPath: source, toPath: dir.appendingPathComponent("--json").path)
        try FileManager.default.copyItem(atPath: source, toPath: dir.appendingPathComponent("help").path)
        let config = E.root.appendingPathComponent("pipeline.json").path
        // From inside the folder, "--json" after `--` is the file, not the flag: human-readable lines, not JSON.
        let r = try Self.same(["inspect", "--config", config, other, "--", "--json", other], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("--json #1"))
        #expect(!r.stdout.hasPrefix("{"))
        try Self.same(["inspect", "--config", config, "--", "--json"], cwd: dir)
        try Self.same(["inspect", "--text", "--config=\(config)", "--", "--json", "help"], cwd: dir)
        let help = try Self.same(["inspect", "help", "--config", config], cwd: dir)
        #expect(help.stdout.hasPrefix("help #1"), "a file named help is a file: \(help.stdout)")
    }

    @Test func whatTheShortCutLeavesToTheParserKeepsTheParsersErrors() throws {
        let files = Array(Self.samples.prefix(3))
        let unknown = try Self.same(["inspect"] + files + ["--bogus"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Unknown option '--bogus'"), "\(unknown.stderr)")
        let missingValue = try Self.same(["inspect"] + files + ["--config"])
        #expect(missingValue.status == 64)
        #expect(missingValue.stderr.contains("Missing value for '--config <config>'"), "\(missingValue.stderr)")
        let dashValue = try Self.same(["inspect", "--outbox", "-x"] + files)
        #expect(dashValue.status == 64)
        let noFiles = try Self.same(["inspect", "--json"])
        #expect(noFiles.status == 64)
        #expect(noFiles.stderr.contains("Missing expected argument '<files> ...'"), "\(noFiles.stderr)")
        let both = try Self.same(["inspect", "--json", "--text"] + files)
        #expect(both.status == 64)
        #expect(both.stderr.contains("--json and --text cannot be used together"), "\(both.stderr)")
        let help = try Self.same(["inspect"] + files + ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: bulletin inspect"), "\(help.stdout)")
        try Self.same(["inspect", "-h"])
        try Self.same(["inspect", "--json=yes"] + files)
        try Self.same(["inspect", "--config="] + files)
        try Self.same(["inspect", ""] + files)
        let missing = try Self.same(["inspect", "--json"] + files + ["/nonexistent/报送表.docx"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("/nonexistent/报送表.docx cannot be read"), "\(missing.stdout)")
        let badConfig = try Self.same(["inspect", "--config", "/nonexistent/pipeline.json"] + files)
        #expect(badConfig.status == 78)
    }

    /// The options the short cut knows for `inspect` are the options the help lists, so that a new option is not left
    /// unset by it (or, were a flag to take a value, misread).
    @Test func theShortCutKnowsEveryOptionOfInspect() throws {
        let help = try E.bulletin(["inspect", "--help"])
        #expect(help.status == 0)
        var flags: Set<String> = [], valued: Set<String> = []
        for line in help.stdout.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let first = words.first, first.hasPrefix("--") else { continue }
            if words.count > 1, words[1].hasPrefix("<") { valued.insert(String(first)) } else { flags.insert(String(first)) }
        }
        #expect(flags == ["--json", "--text"])
        #expect(valued == ["--config", "--outbox"])
    }

    @Test(arguments: [["--json"], ["--text"], []])
    func aFolderOrAMissingFileIsNamedWithWhatIsWrong(_ options: [String]) throws {
        let folder = E.root.appendingPathComponent("samples").path
        let missing = E.root.appendingPathComponent("samples/没有这个文件-报送表.docx").path
        let result = try Self.same(["inspect"] + options + [folder, missing])
        #expect(result.status == 1)
        let said = options == ["--text"] ? result.stderr : result.stdout + result.stderr
        #expect(said.contains("it is a folder, not a regular file; only files are read"), "\(said)")
        #expect(said.contains("没有这个文件-报送表.docx"), "\(said)")
        #expect(!said.contains("Error Domain"), "Foundation's dump of an error is no message: \(said)")
    }
}
