import Foundation

/// What the readers of our own plain JSON (`StoredEventReader` for the library's history records, `AuditLineReader`
/// for the log's input lines) share: a position in the bytes, a byte taken when it comes next, a string without
/// escapes, a whole number as the writers write one. Each reader gives nil for anything else, and its caller decodes
/// with `JSONDecoder`.
protocol PlainJSONScanning {
    var bytes: UnsafeRawBufferPointer { get }
    var at: Int { get set }
}

extension PlainJSONScanning {
    mutating func take(_ b: UInt8) -> Bool {
        guard at < bytes.count, bytes[at] == b else { return false }
        at += 1
        return true
    }

    /// A string without a backslash or control character, valid UTF-8.
    mutating func string() -> String? {
        guard take(0x22) else { return nil }
        let start = at
        while at < bytes.count {
            let b = bytes[at]
            if b == 0x22 {
                let s = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return s
            }
            if b == 0x5C || b < 0x20 { return nil }
            at += 1
        }
        return nil
    }

    /// A whole number as the writer writes an `Int`: `0`, or digits not starting with 0, optionally after `-`.
    mutating func integer() -> Int? {
        let negative = take(0x2D)
        let start = at
        var value = 0
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int(bytes[at] - 0x30))
            guard !o1, !o2 else { return nil }
            value = plus
            at += 1
        }
        let digits = at - start
        guard digits > 0, digits == 1 || bytes[start] != 0x30 else { return nil }
        if negative { return value == 0 ? nil : -value }
        return value
    }
}
