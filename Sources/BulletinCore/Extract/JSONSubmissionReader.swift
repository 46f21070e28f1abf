import Foundation

/// Reads submissions exported by the online reporting system: a JSON object, an array of objects, or JSON
/// Lines; keys are the English field names (submitter, title …) or the Chinese labels.
public struct JSONSubmissionReader: Sendable {
    let matcher: LabelMatcher

    /// Creates a reader matching keys with `matcher`.
    public init(matcher: LabelMatcher) { self.matcher = matcher }

    /// Reads every object; problems name the JSON pointer and line.
    public func read(bytes: [UInt8], fileName: String) throws -> Extraction {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw Refusal("\(fileName) is not UTF-8 text", advice: "export the JSON again as UTF-8")
        }
        let data = Data(body)
        var objects: [(value: Any, pointer: String, line: Int, duplicates: [JSONDuplicateKeys.Found])] = []
        var notes: [String] = []
        if let whole = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            if let array = whole as? [Any] {
                let lines = Self.elementLines(Array(body))
                let duplicates = JSONDuplicateKeys.scan(body)
                for (i, v) in array.enumerated() {
                    let mine = duplicates.filter { $0.pointer.hasPrefix("/\(i)/") }
                    objects.append((v, "/\(i)", i < lines.count ? lines[i] : 1, mine))
                }
                notes.append("a JSON array of \(array.count)")
            } else {
                objects.append((whole, "", 1, JSONDuplicateKeys.scan(body)))
                notes.append("a JSON object")
            }
        } else {
            // JSON Lines: one value a line; a line that does not parse is a problem of its own.
            let text = String(decoding: body, as: UTF8.self)
            var lineNo = 0
            var bad: [(line: Int, message: String)] = []
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNo += 1
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty { continue }
                do {
                    let v = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
                    let bytes = Array(line.utf8)
                    objects.append((v, "", lineNo, JSONDuplicateKeys.scan(bytes[...], firstLine: lineNo)))
                } catch {
                    bad.append((lineNo, Self.message(error)))
                }
            }
            if objects.isEmpty {
                let why = bad.first.map { "line \($0.line): \($0.message)" } ?? "no JSON value found"
                throw Refusal("\(fileName) is not valid JSON (\(why))", advice: "fix the JSON or export it again from the reporting system")
            }
            notes.append("JSON Lines, \(objects.count) objects")
            for b in bad { objects.append((NotJSON(message: b.message), "", b.line, [])) }
            objects.sort { $0.line < $1.line }
        }
        var unknownKeys: [String] = []
        var submissions: [Submission] = []
        for (n, item) in objects.enumerated() {
            let location = item.pointer.isEmpty ? "line \(item.line)" : "\(item.pointer) (line \(item.line))"
            var s = Submission(file: fileName, index: n + 1, location: location)
            if let broken = item.value as? NotJSON {
                s.problems.append(Problem(field: "row", message: "\(location) of \(fileName) is not valid JSON (\(broken.message)); fix that line and send it again"))
                submissions.append(s)
                continue
            }
            for d in item.duplicates {
                let field: String = switch matcher.match(d.key) {
                case .field(let f): f.rawValue
                case .optional(let f): f.rawValue
                case .unknown: "row"
                }
                s.problems.append(Problem(field: field, message: "\(d.pointer) (line \(d.line)) of \(fileName): the key \"\(d.key)\" appears twice in one object (first on line \(d.firstLine)), so which value is meant is unclear; keep one and send the file again"))
            }
            guard let dict = item.value as? [String: Any] else {
                s.problems.append(Problem(field: "row", message: "\(location) of \(fileName) is \(Self.typeName(item.value)), not an object of the form's fields"))
                submissions.append(s)
                continue
            }
            for key in dict.keys.sorted() {
                let value = dict[key] ?? NSNull()
                let pointer = "\(item.pointer)/\(key)"
                switch matcher.match(key) {
                case .field(let f):
                    if let str = value as? String { s.fields[f] = str }
                    else if f == .mobile, let num = value as? NSNumber, !(value is Bool) {
                        s.fields[f] = Self.digits(num)
                    } else if value is NSNull {
                        s.fields[f] = ""
                    } else {
                        s.problems.append(Problem(field: f.rawValue, message: "\(pointer) (line \(item.line)) of \(fileName) is \(Self.typeName(value)); it should be a string"))
                    }
                case .optional(let f):
                    if let b = value as? Bool, f == .classified { s.extras[f] = b ? "是" : "否" }
                    else if let str = value as? String { s.extras[f] = str }
                    else if !(value is NSNull) {
                        s.problems.append(Problem(field: f.rawValue, message: "\(pointer) (line \(item.line)) of \(fileName) is \(Self.typeName(value)); it should be a string\(f == .classified ? " or true/false" : "")"))
                    }
                case .unknown:
                    if !unknownKeys.contains(key) { unknownKeys.append(key) }
                    s.unknownLabels.append(key)
                }
            }
            submissions.append(s)
        }
        if !unknownKeys.isEmpty { notes.append("keys ignored (not fields of the form): \(unknownKeys.joined(separator: ", "))") }
        return Extraction(submissions: submissions, notes: notes)
    }

    /// A JSON Lines line that did not parse.
    struct NotJSON { var message: String }

    static func digits(_ n: NSNumber) -> String {
        let d = n.doubleValue
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
        return n.stringValue
    }

    static func typeName(_ v: Any) -> String {
        switch v {
        case is NSNull: return "null"
        case is Bool: return "a true/false value"
        case is NSNumber: return "a number"
        case is String: return "a string"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "a value of an unexpected type"
        }
    }

    static func message(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    /// The line on which each element of a top-level array starts (string-aware scan).
    static func elementLines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var expectElement = false
        for b in bytes {
            if b == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x22:
                if depth == 1 && expectElement { lines.append(line); expectElement = false }
                inString = true
            case 0x5B, 0x7B:
                if depth == 1 && expectElement { lines.append(line); expectElement = false }
                depth += 1
                if depth == 1 { expectElement = true }
            case 0x5D, 0x7D:
                depth -= 1
            case 0x2C:
                if depth == 1 { expectElement = true }
            default:
                if depth == 1 && expectElement { lines.append(line); expectElement = false }
            }
        }
        return lines
    }
}
