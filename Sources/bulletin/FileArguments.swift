import ArgumentParser
import Foundation

/// The command line of a command that takes many files (`inspect`), read without swift-argument-parser when it is plainly
/// the command's options and files.
///
/// The parser pays per value of an array argument with a copy of the array and a union of every earlier value's
/// origin (`ParsedValues.update`): quadratic, ~59 M instructions more at 400 files than at one. Its own set-up (the
/// command tree, the completion-script check that parses the line twice more) is ~16 M of a one-form run. So when the
/// command line is the command's name, its options (each at most once) and files, the command is made here, as the
/// parser would make it. When an option comes twice, the parser is handed the options and the first file (it checks
/// and decodes them) and the command gets every file afterwards, in order. Anything else — help, an option it does not
/// know, an option without its value, a value starting with a dash, an empty argument, `validate()` objecting — gives
/// up, and the parser reads the whole command line itself, so its errors and help are its own.
/// `BULLETIN_ARGUMENTS=parser` in the environment always leaves the line to the parser (the tests compare the two).
struct FileArguments {
    /// The command's name, the first argument.
    let command: String
    /// Options that take no value (`--json`).
    let flags: Set<String>
    /// Options that take a value, given as `--name value` or `--name=value`.
    let valued: Set<String>

    /// A command line read: the options in order (a flag's value is nil), the files in order, and what the parser
    /// gets to check the options (the options and the first file).
    struct Split {
        var options: [(name: String, value: String?)] = []
        var files: [String] = []
        var parser: [String] = []
    }

    /// The options and files of `arguments` (without the program's name), or nil when the parser should read it whole.
    func split(_ arguments: [String]) -> Split? {
        guard arguments.first == command else { return nil }
        var split = Split()
        split.parser = [command]
        var firstFileAfterTerminator = false
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            guard !a.isEmpty else { return nil }
            // The parser's test for an option: a first Character that is a dash.
            guard a.first == "-" else {
                split.files.append(a)
                i += 1
                continue
            }
            if a == "--" {
                // Everything after the first `--` is a value, whatever it looks like.
                let rest = arguments[(i + 1)...]
                guard !rest.contains(where: \.isEmpty) else { return nil }
                firstFileAfterTerminator = split.files.isEmpty
                split.files.append(contentsOf: rest)
                break
            }
            if flags.contains(a) {
                split.options.append((a, nil))
                split.parser.append(a)
            } else if valued.contains(a) {
                guard i + 1 < arguments.count else { return nil }
                let v = arguments[i + 1]
                guard !v.isEmpty, v.first != "-" else { return nil }
                split.options.append((a, v))
                split.parser.append(contentsOf: [a, v])
                i += 1
            } else if let equals = a.firstIndex(of: "="), valued.contains(String(a[..<equals])), a.index(after: equals) < a.endIndex {
                split.options.append((String(a[..<equals]), String(a[a.index(after: equals)...])))
                split.parser.append(a)
            } else {
                return nil
            }
            i += 1
        }
        guard let first = split.files.first else { return nil }
        split.parser.append(contentsOf: firstFileAfterTerminator ? ["--", first] : [first])
        return split
    }
}

extension Bulletin {
    /// Parses the command line as `parseAsRoot()` does, reading a plain `inspect` line itself (`FileArguments`).
    static func parseCommandLine() throws -> any ParsableCommand {
        guard ProcessInfo.processInfo.environment["BULLETIN_ARGUMENTS"] != "parser",
              let split = InspectCommand.fileArguments.split(Array(CommandLine.arguments.dropFirst()))
        else {
            return try parseAsRoot()
        }
        if let command = InspectCommand(options: split.options, files: split.files) { return command }
        let command = try parseAsRoot(split.parser)
        guard var inspect = command as? InspectCommand else { return command }
        // `validate()` passed with the first file; it asks only whether there is one.
        inspect.files = split.files
        return inspect
    }
}
