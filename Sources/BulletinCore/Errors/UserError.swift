import SystemFiles
import Foundation

/// The exit codes of every command (documented in the README).
public enum ExitStatus: Int32, Sendable, Codable {
    /// Everything accepted (or deferred).
    case ok = 0
    /// Some input refused, in whole or part (quarantined with reasons); the rest went through.
    case refused = 1
    /// Wrong arguments or an unknown id (EX_USAGE).
    case usage = 64
    /// Something failed that is not the input's fault (EX_SOFTWARE): a damaged library, a full disk.
    case software = 70
    /// Another run holds the outbox's lock (EX_TEMPFAIL): try again later.
    case busy = 75
    /// pipeline.json is wrong (EX_CONFIG).
    case config = 78
}

/// The one error a person sees: which stage, which file, where in it, what is wrong and what to do, with the
/// exit code. Every area error converts into it, so no raw Foundation or SQLite message reaches a person.
public struct UserError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stage or area (`configuration`, `intake`, `library`, `select` …).
    public var stage: String
    /// The file concerned, or "".
    public var file: String
    /// Where in the file (`at scoring.rules.topJournal`, `row 7`), or "".
    public var location: String
    /// What is wrong.
    public var reason: String
    /// What to do about it.
    public var advice: String
    /// The process's exit code.
    public var exitCode: ExitStatus

    /// Creates an error.
    public init(stage: String, file: String, location: String, reason: String, advice: String, exitCode: ExitStatus) {
        self.stage = stage
        self.file = file
        self.location = location
        self.reason = reason
        self.advice = advice
        self.exitCode = exitCode
    }

    /// One paragraph: `stage: file (location): reason. what to do: advice`.
    public var description: String {
        var head = stage
        if !file.isEmpty { head += ": \(file)" }
        if !location.isEmpty { head += " (\(location))" }
        return "\(head): \(reason)" + (advice.isEmpty ? "" : "; what to do: \(advice)")
    }

    /// Any error as a user error: area errors convert themselves; anything else is named by its type, with
    /// the stage it happened in.
    public static func from(_ error: any Error, stage: String = "run") -> UserError {
        if let e = error as? UserError { return e }
        if let e = error as? any UserFacing { return e.userError }
        if let e = error as? CocoaError {
            let path = (e.userInfo[NSFilePathErrorKey] as? String) ?? e.underlying.flatMap { ($0 as NSError).userInfo[NSFilePathErrorKey] as? String } ?? ""
            return UserError(stage: stage, file: path, location: "", reason: Self.describe(e),
                             advice: "check that the folder exists, is writable and the disk is not full, then run again", exitCode: .software)
        }
        return UserError(stage: stage, file: "", location: "", reason: "\(error)",
                         advice: "run again; if it happens again, keep the outbox as it is and report this message", exitCode: .software)
    }

    private static func describe(_ e: CocoaError) -> String {
        switch e.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: "the file or folder does not exist"
        case .fileWriteOutOfSpace: "the disk is full"
        case .fileWriteNoPermission, .fileReadNoPermission: "permission denied"
        case .fileWriteVolumeReadOnly: "the disk is read-only"
        case .fileWriteFileExists: "a file of that name already exists"
        default: "a file operation failed (code \(e.code.rawValue))"
        }
    }
}

extension CocoaError {
    fileprivate var underlying: (any Error)? { userInfo[NSUnderlyingErrorKey] as? any Error }
}

/// An area error that knows how to say itself to a person.
public protocol UserFacing: Error {
    /// The error as a person reads it.
    var userError: UserError { get }
}

extension ConfigError: UserFacing {
    public var userError: UserError {
        UserError(stage: "configuration", file: file, location: path.isEmpty ? "" : "at \(path)", reason: message,
                  advice: "correct pipeline.json (README, Configuration) and run again", exitCode: .config)
    }
}

extension RunLock.Busy: UserFacing {
    public var userError: UserError {
        UserError(stage: "intake", file: "", location: "", reason: description, advice: "wait for that run to finish, then run again", exitCode: .busy)
    }
}

extension RunError: UserFacing {
    public var userError: UserError {
        UserError(stage: stage, file: file, location: "", reason: description, advice: advice, exitCode: .software)
    }
}

extension RenderError: UserFacing {
    public var userError: UserError {
        UserError(stage: "render", file: "", location: "", reason: description,
                  advice: "this is a fault of the program, not of the input; keep the outbox as it is and report it", exitCode: .software)
    }
}
