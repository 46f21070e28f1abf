import Foundation

/// Finds keys that appear twice in one JSON object, which JSONSerialization silently resolves to the last
/// value: each is a problem naming its JSON pointer and both lines. A string-aware scan, no second parse.
enum JSONDuplicateKeys {
    /// One duplicated key.
    struct Found: Equatable {
        /// The pointer of the second occurrence, e.g. `/2/title`.
        var pointer: String
        /// The key as written.
        var key: String
        /// Lines of the first and the second occurrence.
        var firstLine: Int
        var line: Int
    }

    private enum Frame {
        case object(pointer: String, keys: [String: Int], pendingKey: String?, expectKey: Bool)
        case array(pointer: String, index: Int)
    }

    /// Every duplicated key in `bytes` (one JSON text); lines count from `firstLine`.
    static func scan(_ bytes: ArraySlice<UInt8>, firstLine: Int = 1) -> [Found] {
        var found: [Found] = []
        var stack: [Frame] = []
        var line = firstLine
        var i = bytes.startIndex
        func childPointer() -> String {
            switch stack.last {
            case .object(let p, _, let key, _)?: return p + "/" + escape(key ?? "")
            case .array(let p, let index)?: return p + "/\(index)"
            case nil: return ""
            }
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            switch b {
            case 0x0A:
                line += 1
            case 0x22:  // a string: a key where an object expects one, else a value
                let start = i + 1
                var j = start
                var escaped = false
                var hasEscape = false
                while j < bytes.endIndex {
                    let c = bytes[j]
                    if c == 0x0A { line += 1 }
                    if escaped { escaped = false } else if c == 0x5C { escaped = true; hasEscape = true } else if c == 0x22 { break }
                    j += 1
                }
                if case .object(let p, var keys, _, true)? = stack.last {
                    let raw = bytes[start..<min(j, bytes.endIndex)]
                    let key = hasEscape ? (try? JSONDecoder().decode(String.self, from: Data([0x22] + raw + [0x22]))) ?? String(decoding: raw, as: UTF8.self)
                        : String(decoding: raw, as: UTF8.self)
                    if let first = keys[key] {
                        found.append(Found(pointer: p + "/" + escape(key), key: key, firstLine: first, line: line))
                    } else {
                        keys[key] = line
                    }
                    stack[stack.count - 1] = .object(pointer: p, keys: keys, pendingKey: key, expectKey: false)
                }
                i = j
            case 0x7B:
                stack.append(.object(pointer: childPointer(), keys: [:], pendingKey: nil, expectKey: true))
            case 0x5B:
                stack.append(.array(pointer: childPointer(), index: 0))
            case 0x7D, 0x5D:
                if !stack.isEmpty { stack.removeLast() }
            case 0x2C:
                switch stack.last {
                case .object(let p, let keys, _, _)?: stack[stack.count - 1] = .object(pointer: p, keys: keys, pendingKey: nil, expectKey: true)
                case .array(let p, let index)?: stack[stack.count - 1] = .array(pointer: p, index: index + 1)
                case nil: break
                }
            default:
                break
            }
            i += 1
        }
        return found
    }

    /// A key as a JSON pointer token (RFC 6901: `~` → `~0`, `/` → `~1`).
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
