import CLibZip
import Foundation

// MARK: - Limits

/// Bounds on what a zip archive may make us read, checked while inflating, whatever the headers claim.
public struct ZipLimits: Sendable, Equatable {
    /// Most entries an archive may list.
    public var maxEntries: Int
    /// Most bytes one entry may inflate to.
    public var maxEntryBytes: Int
    /// Most bytes all entries read from one archive may inflate to, together.
    public var maxTotalBytes: Int
    /// Most inflated bytes per compressed byte of the whole archive, once past `ratioFloorBytes`.
    public var maxRatio: Double
    /// Inflated total below which the ratio is not checked (small files compress well and are harmless).
    public var ratioFloorBytes: Int

    /// Creates limits.
    public init(maxEntries: Int = 2_000, maxEntryBytes: Int = 64 << 20, maxTotalBytes: Int = 256 << 20,
                maxRatio: Double = 100, ratioFloorBytes: Int = 4 << 20) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxRatio = maxRatio
        self.ratioFloorBytes = ratioFloorBytes
    }
}

// MARK: - Errors

/// Why a zip archive could not be read.
public enum ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    case notZip
    case corrupt(String)
    case tooManyEntries(count: Int, limit: Int)
    case duplicateEntry(String, String)
    case encrypted(entry: String)
    case missingEntry(String)
    case entryTooLarge(entry: String, limit: Int)
    case totalTooLarge(limit: Int)
    case ratioTooHigh(ratio: Int, limit: Int)
    case writeFailed(String)

    /// A sentence a person can read.
    public var description: String {
        switch self {
        case .notZip: return "it is not a zip archive"
        case .corrupt(let why): return "the zip archive is damaged or truncated (\(why))"
        case .tooManyEntries(let n, let limit): return "the zip archive lists \(n) entries, more than the limit of \(limit)"
        case .duplicateEntry(let a, let b): return "the zip archive holds two entries with the same name: \"\(a)\" and \"\(b)\""
        case .encrypted(let entry): return "entry \"\(entry)\" is encrypted"
        case .missingEntry(let name): return "the zip archive has no entry \"\(name)\""
        case .entryTooLarge(let entry, let limit): return "entry \"\(entry)\" inflates past \(limit) bytes (a zip bomb?)"
        case .totalTooLarge(let limit): return "the archive inflates past \(limit) bytes in all (a zip bomb?)"
        case .ratioTooHigh(let ratio, let limit): return "the archive inflates \(ratio) times its size, more than the limit of \(limit) (a zip bomb?)"
        case .writeFailed(let why): return "could not write the zip archive: \(why)"
        }
    }
}

// MARK: - Reading

/// A zip archive read from memory. Owns its libzip handle and the bytes under it; not Sendable.
public final class ZipArchive {
    private let handle: OpaquePointer
    /// The archive's size in bytes (for the ratio limit).
    private let archiveSize: Int
    private let limits: ZipLimits
    private var inflatedSoFar = 0
    private let index: [String: UInt64]
    /// Entry names in archive order.
    public let entryNames: [String]

    /// Opens `bytes` as a zip archive, checking entry count, duplicate names and consistency.
    public init(bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws {
        // libzip opens an empty source as a new, empty archive; a zip has at least its 22-byte end record.
        if bytes.count < 22 { throw ZipError.notZip }
        self.limits = limits
        archiveSize = bytes.count
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // libzip reads the bytes through `ZipByteSource` (which keeps the array, not a copy of it: copying every
        // archive into a buffer of libzip's cost ~34,000 instructions a form); the source is libzip's to free.
        let userData = Unmanaged.passRetained(ZipByteSource(bytes: bytes)).toOpaque()
        guard let source = zip_source_function_create(zipByteSourceCallback, userData, &error) else {
            Unmanaged<ZipByteSource>.fromOpaque(userData).release()
            throw ZipError.corrupt(String(cString: zip_error_strerror(&error)))
        }
        // No ZIP_CHECKCONS: writers that leave gaps between entries (some Word versions, pandoc's test files)
        // fail it, and it guards against nothing the limits do not: every byte inflated is counted, so
        // overlapping entries cannot make a bomb. (It also reads every local header, converting each DOS
        // date through mktime, which is most of the cost of opening a small archive.)
        let opened = zip_open_from_source(source, ZIP_RDONLY, &error)
        guard let archive = opened else {
            zip_source_free(source)
            let code = zip_error_code_zip(&error)
            if code == ZIP_ER_NOZIP { throw ZipError.notZip }
            throw ZipError.corrupt(String(cString: zip_error_strerror(&error)))
        }
        self.handle = archive
        let count = Int(zip_get_num_entries(archive, 0))
        if count > limits.maxEntries {
            zip_discard(archive)
            throw ZipError.tooManyEntries(count: count, limit: limits.maxEntries)
        }
        var names: [String] = []
        var index: [String: UInt64] = [:]
        names.reserveCapacity(count)
        index.reserveCapacity(count)
        for i in 0..<count {
            guard let cName = zip_get_name(archive, zip_uint64_t(i), ZIP_FL_ENC_GUESS) else { continue }
            let name: String
            let key: String
            // Most names are ASCII, and a key once lower-cased: made from the C string's bytes at once (through
            // `String(cString:)` and `key(_:)` a name cost ~1,700 instructions, an archive's 16 names ~28 k).
            if let made = Self.nameAndKey(cName) {
                (name, key) = made
            } else {
                name = String(cString: cName)
                key = Self.key(name)
            }
            if index.updateValue(UInt64(i), forKey: key) != nil {
                zip_discard(archive)
                // The first entry of that name (found again only here: duplicates are refused, so rare).
                let other = names.first { Self.key($0) == key } ?? key
                throw ZipError.duplicateEntry(other, name)
            }
            names.append(name)
        }
        self.entryNames = names
        self.index = index
    }

    deinit {
        zip_discard(handle)
    }

    /// Whether an entry of this name exists (names compare as OPC part names: case-insensitive, `\` as `/`).
    public func contains(_ name: String) -> Bool { index[Self.key(name)] != nil }

    /// Inflates one entry, counting bytes as they come and stopping at the first limit passed.
    public func read(_ name: String) throws -> [UInt8] {
        try read(name, chunk: 64 << 10, grows: false) { _ in false }
    }

    /// Inflates the start of an entry, chunk after chunk, until `enough` says the bytes so far hold what the
    /// reader needs (or the entry ends): Word's 349 KB styles part holds the styles a form uses in its first
    /// 40 KB. The chunks grow (16 KB, doubling), so that `enough` looks at the bytes a few times only.
    public func readPrefix(_ name: String, until enough: ([UInt8]) -> Bool) throws -> [UInt8] {
        try read(name, chunk: 16 << 10, grows: true, until: enough)
    }

    /// `read(_:)`, appending to `chunks` how many bytes each inflating step gave (for `charge(_:chunks:)`).
    public func read(_ name: String, chunks: inout [Int]) throws -> [UInt8] {
        try read(name, chunk: 64 << 10, grows: false, chunks: &chunks) { _ in false }
    }

    /// `readPrefix(_:until:)`, appending to `chunks` how many bytes each inflating step gave.
    public func readPrefix(_ name: String, chunks: inout [Int], until enough: ([UInt8]) -> Bool) throws -> [UInt8] {
        try read(name, chunk: 16 << 10, grows: true, chunks: &chunks, until: enough)
    }

    /// Counts, without inflating, the bytes an earlier read of an entry with the same stored bytes inflated
    /// (`chunks`, as that read recorded them), checking the limits after each step exactly as that read would
    /// have: the archive is refused (or not) as if the entry had been inflated again.
    public func charge(_ name: String, chunks: [Int]) throws {
        var count = 0
        for n in chunks {
            count += n
            inflatedSoFar += n
            try checkLimits(entry: name, entryBytes: count)
        }
    }

    /// What identifies an entry's stored bytes exactly: method, encryption, CRC and sizes from the central
    /// directory, and the stored (compressed) bytes themselves. Nil when the directory does not give them all,
    /// the entry is encrypted or its stored bytes cannot be read: such an entry is never taken for another.
    public func fingerprint(_ name: String) -> ZipEntryFingerprint? {
        guard let i = index[Self.key(name)] else { return nil }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        let needed = UInt64(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD)
        guard zip_stat_index(handle, i, 0, &stat) == 0, stat.valid & needed == needed,
              stat.encryption_method == UInt16(ZIP_EM_NONE), stat.comp_size <= UInt64(limits.maxEntryBytes),
              let file = zip_fopen_index(handle, i, zip_flags_t(ZIP_FL_COMPRESSED)) else { return nil }
        defer { zip_fclose(file) }
        let size = Int(stat.comp_size)
        // Read into uninitialised memory: zeroing first cost as much as the read (a styles part's 12–25 KB on
        // every form of a run). Only the bytes `zip_fread` wrote are counted as the array's.
        var n: Int64 = 0
        let stored = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, initialized in
            n = zip_fread(file, buffer.baseAddress, zip_uint64_t(size))
            initialized = n > 0 ? Int(min(n, Int64(size))) : 0
        }
        guard n == Int64(size) else { return nil }
        return ZipEntryFingerprint(method: Int32(stat.comp_method), crc: stat.crc, size: stat.size,
                                   storedSize: stat.comp_size, stored: stored)
    }

    private func checkLimits(entry name: String, entryBytes: Int) throws {
        if entryBytes > limits.maxEntryBytes { throw ZipError.entryTooLarge(entry: name, limit: limits.maxEntryBytes) }
        if inflatedSoFar > limits.maxTotalBytes { throw ZipError.totalTooLarge(limit: limits.maxTotalBytes) }
        if inflatedSoFar > limits.ratioFloorBytes {
            let ratio = Double(inflatedSoFar) / Double(max(archiveSize, 1))
            if ratio > limits.maxRatio { throw ZipError.ratioTooHigh(ratio: Int(ratio), limit: Int(limits.maxRatio)) }
        }
    }

    private func read(_ name: String, chunk firstChunk: Int, grows: Bool, until enough: ([UInt8]) -> Bool) throws -> [UInt8] {
        var chunks: [Int]?
        return try read(name, chunk: firstChunk, grows: grows, chunks: &chunks, until: enough)
    }

    private func read(_ name: String, chunk firstChunk: Int, grows: Bool, chunks: inout [Int], until enough: ([UInt8]) -> Bool) throws -> [UInt8] {
        var recorded: [Int]? = []
        defer { chunks += recorded ?? [] }
        return try read(name, chunk: firstChunk, grows: grows, chunks: &recorded, until: enough)
    }

    private func read(_ name: String, chunk firstChunk: Int, grows: Bool, chunks: inout [Int]?, until enough: ([UInt8]) -> Bool) throws -> [UInt8] {
        guard let i = index[Self.key(name)] else { throw ZipError.missingEntry(name) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        if zip_stat_index(handle, i, 0, &stat) == 0,
           stat.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != UInt16(ZIP_EM_NONE) {
            throw ZipError.encrypted(entry: name)
        }
        guard let file = zip_fopen_index(handle, i, 0) else {
            let error = zip_get_error(handle)
            if zip_error_code_zip(error) == ZIP_ER_NOPASSWD || zip_error_code_zip(error) == ZIP_ER_ENCRNOTSUPP {
                throw ZipError.encrypted(entry: name)
            }
            throw ZipError.corrupt("\(name): \(String(cString: zip_error_strerror(error)))")
        }
        defer { zip_fclose(file) }
        var out: [UInt8] = []
        let hint = stat.valid & UInt64(ZIP_STAT_SIZE) != 0 ? Int(min(stat.size, UInt64(limits.maxEntryBytes))) : 0
        var chunk = firstChunk
        if !grows && hint <= 16 << 20 {
            // Inflated straight into the array, in the same `chunk`-byte steps as below (so the same steps are
            // recorded and the same limits checked after each), while a whole step still fits: the stated size
            // plus one step holds an entry that is what its header says. An entry that inflates past that goes
            // on below. (Inflating into a scratch buffer and appending copied every byte once more.)
            var failure: (any Error)?
            var finished = false
            out = [UInt8](unsafeUninitializedCapacity: hint + chunk) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                // In bounds by construction: a step writes at most `chunk` bytes, and one starts only while that
                // many are left after the `initialized` ones.
                while buffer.count - initialized >= chunk {
                    let n = zip_fread(file, base + initialized, zip_uint64_t(chunk))
                    if n < 0 {
                        failure = ZipError.corrupt("\(name): \(String(cString: zip_error_strerror(zip_file_get_error(file))))")
                        return
                    }
                    if n == 0 { finished = true; return }
                    initialized += Int(n)
                    inflatedSoFar += Int(n)
                    chunks?.append(Int(n))
                    do { try checkLimits(entry: name, entryBytes: initialized) } catch { failure = error; return }
                }
            }
            if let failure { throw failure }
            if finished { return out }
        } else {
            out.reserveCapacity(min(hint, 16 << 20))
        }
        // Uninitialised: zip_fread writes what is counted (a zeroed 64 KB buffer per entry cost more than inflating it).
        var scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunk)
        defer { scratch.deallocate() }
        while true {
            let n = zip_fread(file, scratch.baseAddress, zip_uint64_t(chunk))
            if n < 0 {
                throw ZipError.corrupt("\(name): \(String(cString: zip_error_strerror(zip_file_get_error(file))))")
            }
            if n == 0 { break }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<Int(n)]))
            inflatedSoFar += Int(n)
            chunks?.append(Int(n))
            try checkLimits(entry: name, entryBytes: out.count)
            if grows {
                if enough(out) { break }
                chunk = min(chunk * 2, 256 << 10)
                if scratch.count < chunk {
                    scratch.deallocate()
                    scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunk)
                }
            }
        }
        return out
    }

    /// The name and lookup key of an ASCII entry name (as `String(cString:)` and `key(_:)` give them), straight
    /// from its C string; nil for a name with other bytes, left to those.
    static func nameAndKey(_ cName: UnsafePointer<CChar>) -> (name: String, key: String)? {
        let length = strlen(cName)
        guard length > 0, length <= 1024 else { return nil }
        return cName.withMemoryRebound(to: UInt8.self, capacity: length) { raw -> (name: String, key: String)? in
            var isKey = raw[0] != UInt8(ascii: "/")
            for k in 0..<length {
                let c = raw[k]
                if c >= 0x80 { return nil }
                if c == UInt8(ascii: "\\") || c &- UInt8(ascii: "A") < 26 { isKey = false }
            }
            let name = String(decoding: UnsafeBufferPointer(start: raw, count: length), as: UTF8.self)
            if isKey { return (name, name) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer -> (name: String, key: String) in
                var n = 0
                for k in 0..<length {
                    var c = raw[k]
                    if c == UInt8(ascii: "\\") { c = UInt8(ascii: "/") } else if c &- UInt8(ascii: "A") < 26 { c += 32 }
                    if n == 0 && c == UInt8(ascii: "/") { continue }  // leading slashes (after `\\` became `/`)
                    buffer[n] = c
                    n += 1
                }
                return (name, String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self))
            }
        }
    }

    /// The lookup key of a part name: `\\` as `/`, no leading `/`, ASCII letters lower-cased (OPC part
    /// names compare case-insensitively). Written without Foundation: it runs for every entry and lookup.
    static func key(_ name: String) -> String {
        // Most names are already keys (lower-case ASCII, `/`-separated, relative): no copy. (Read from the
        // string's own bytes: `utf8.allSatisfy` cost ~1,000 instructions a name, and this runs for every entry
        // and lookup.)
        let isKey = name.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let first = b.first else { return true }
            if first == UInt8(ascii: "/") { return false }
            for c in b where c >= 0x80 || c == UInt8(ascii: "\\") || c &- UInt8(ascii: "A") < 26 { return false }
            return true
        } ?? (name.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
            && name.utf8.first != UInt8(ascii: "/"))
        if isKey { return name }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "/"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
            default: bytes.append(b)
            }
        }
        let start = bytes.firstIndex(where: { $0 != UInt8(ascii: "/") }) ?? bytes.endIndex
        let key = String(decoding: bytes[start...], as: UTF8.self)
        // ASCII capitals are lowered above; `lowercased()` (a Unicode case mapping, ~2,000 instructions a name)
        // is needed only for other letters.
        return bytes.allSatisfy { $0 < 0x80 } ? key : key.lowercased()
    }
}

/// An archive's bytes as libzip reads them: a read-only, seekable libzip source over a Swift array, as libzip's
/// buffer source would be over a copy of it. Each read copies from the array inside `withUnsafeBytes`, so no
/// pointer into the array outlives a call. libzip holds it through its user data and frees it with the source
/// (`ZIP_SOURCE_FREE`).
private final class ZipByteSource {
    let bytes: [UInt8]
    var offset = 0
    var error = zip_error_t()

    init(bytes: [UInt8]) {
        self.bytes = bytes
        zip_error_init(&error)
    }

    deinit { zip_error_fini(&error) }

    /// The commands answered (`zip_source_make_command_bitmap` is variadic, so not callable from Swift): what a
    /// seekable read-only source supports.
    static let supported: zip_int64_t = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
                                         ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS]
        .reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }

    func answer(_ data: UnsafeMutableRawPointer?, _ length: zip_uint64_t, _ command: zip_source_cmd_t) -> zip_int64_t {
        switch command {
        case ZIP_SOURCE_OPEN:
            offset = 0
            return 0
        case ZIP_SOURCE_READ:
            let n = Int(min(length, zip_uint64_t(max(bytes.count - offset, 0))))
            if n > 0 {
                guard let data else {
                    zip_error_set(&error, ZIP_ER_INVAL, 0)
                    return -1
                }
                // In bounds: `offset + n <= bytes.count`.
                bytes.withUnsafeBytes { raw in
                    if let from = raw.baseAddress { memcpy(data, from + offset, n) }
                }
                offset += n
            }
            return zip_int64_t(n)
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            guard let data, length >= zip_uint64_t(MemoryLayout<zip_stat_t>.size) else {
                zip_error_set(&error, ZIP_ER_INVAL, 0)
                return -1
            }
            let stat = data.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            stat.pointee.size = zip_uint64_t(bytes.count)
            stat.pointee.comp_size = zip_uint64_t(bytes.count)
            stat.pointee.comp_method = zip_uint16_t(ZIP_CM_STORE)
            stat.pointee.encryption_method = zip_uint16_t(ZIP_EM_NONE)
            stat.pointee.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD)
            return zip_int64_t(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&error, data, length)
        case ZIP_SOURCE_SEEK:
            let moved = zip_source_seek_compute_offset(zip_uint64_t(offset), zip_uint64_t(bytes.count), data, length, &error)
            if moved < 0 { return -1 }
            offset = Int(moved)
            return 0
        case ZIP_SOURCE_TELL:
            return zip_int64_t(offset)
        case ZIP_SOURCE_SUPPORTS:
            return Self.supported
        default:
            zip_error_set(&error, ZIP_ER_OPNOTSUPP, 0)
            return -1
        }
    }
}

/// libzip's callback for a `ZipByteSource` (its user data).
private let zipByteSourceCallback: zip_source_callback = { userData, data, length, command in
    guard let userData else { return -1 }
    if command == ZIP_SOURCE_FREE {
        Unmanaged<ZipByteSource>.fromOpaque(userData).release()
        return 0
    }
    return Unmanaged<ZipByteSource>.fromOpaque(userData).takeUnretainedValue().answer(data, length, command)
}

/// The stored bytes of one zip entry and what the central directory says of them (`ZipArchive.fingerprint`):
/// two entries with equal fingerprints inflate to the same bytes, or fail the same way.
public struct ZipEntryFingerprint: Equatable, Sendable {
    /// Compression method.
    public var method: Int32
    /// CRC-32 of the inflated bytes, as the directory states it.
    public var crc: UInt32
    /// Inflated size, as the directory states it.
    public var size: UInt64
    /// Stored (compressed) size.
    public var storedSize: UInt64
    /// The stored bytes.
    public var stored: [UInt8]

    /// Cheap fields first, then the stored bytes (with `memcmp`: `Array.==` compared them one element at a time,
    /// about 1.5 instructions a byte, a styles part's 20–30 KB on every form of a run).
    public static func == (a: Self, b: Self) -> Bool {
        a.method == b.method && a.crc == b.crc && a.size == b.size && a.storedSize == b.storedSize && sameBytes(a.stored, b.stored)
    }

    /// Whether two byte arrays hold the same bytes: the same storage (arrays share it until one is changed), else
    /// compared with `memcmp`.
    public static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return true }  // both empty
                return x == y || memcmp(x, y, a.count) == 0
            }
        }
    }
}

// MARK: - Writing

/// Writes zip archives with fixed timestamps and entry order, so the same entries give the same bytes.
public enum ZipWriter {
    /// One entry to write.
    public struct Entry: Sendable {
        /// Its name inside the archive.
        public var name: String
        /// Its bytes.
        public var bytes: [UInt8]
        /// Creates an entry.
        public init(name: String, bytes: [UInt8]) { self.name = name; self.bytes = bytes }
    }

    /// Writes `entries` in order to a new file at `path` (replacing one there), every entry dated `modified`
    /// as read in UTC (zip dates carry no zone: the machine's zone must not change the bytes).
    public static func write(_ entries: [Entry], to path: String, modified: Date) throws {
        var errorCode: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &errorCode) else {
            throw ZipError.writeFailed("cannot create \(path) (libzip error \(errorCode))")
        }
        let (dosTime, dosDate) = dosDateTime(modified)
        // libzip reads each entry's bytes when the archive is closed. They are lent to it in place (no copy: a
        // worksheet is megabytes), so the archive is closed inside every entry's `withUnsafeBytes`, one within
        // the next, and the entries are added in order on the way in.
        func add(_ i: Int) throws {
            guard i < entries.count else {
                if zip_close(archive) != 0 {
                    let why = String(cString: zip_strerror(archive))
                    zip_discard(archive)
                    throw ZipError.writeFailed(why)
                }
                return
            }
            try entries[i].bytes.withUnsafeBytes { raw in
                guard let source = zip_source_buffer(archive, raw.baseAddress, zip_uint64_t(raw.count), 0) else {
                    let why = String(cString: zip_strerror(archive))
                    zip_discard(archive)
                    throw ZipError.writeFailed(why)
                }
                let index = zip_file_add(archive, entries[i].name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE))
                if index < 0 {
                    zip_source_free(source)
                    let why = String(cString: zip_strerror(archive))
                    zip_discard(archive)
                    throw ZipError.writeFailed(why)
                }
                if zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 6) != 0
                    || zip_file_set_dostime(archive, zip_uint64_t(index), dosTime, dosDate, 0) != 0 {
                    let why = String(cString: zip_strerror(archive))
                    zip_discard(archive)
                    throw ZipError.writeFailed(why)
                }
                try add(i + 1)
            }
        }
        try add(0)
    }

    /// MS-DOS time and date fields of `date` in UTC, clamped to the years DOS dates can hold (1980–2107).
    static func dosDateTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = min(max((c.year ?? 1980) - 1980, 0), 127)
        let time = ((c.hour ?? 0) << 11) | ((c.minute ?? 0) << 5) | ((c.second ?? 0) / 2)
        let day = (year << 9) | ((c.month ?? 1) << 5) | (c.day ?? 1)
        return (UInt16(time), UInt16(day))
    }
}
