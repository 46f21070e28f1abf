/// What can go wrong with the case library itself, in words a person can act on.
public enum LibraryError: Error, Sendable, Equatable {
    /// A read-only command found a library that an older version wrote and that no run has migrated yet.
    case outdated(path: String)
    /// A migration could not carry a stored record over.
    case migration(String)
    /// A case id that the library does not hold.
    case unknownCase(String)
}

extension LibraryError: UserFacing {
    public var userError: UserError {
        switch self {
        case .outdated(let path):
            UserError(stage: "library", file: path, location: "", reason: "the case library was written by an older version and has not been migrated yet",
                      advice: "run `bulletin run` once (it migrates the library), then try again", exitCode: .software)
        case .migration(let detail):
            UserError(stage: "library", file: "", location: "", reason: "the library could not be migrated: \(detail)",
                      advice: "keep the library file as it is and report this; restore from outbox/backup/ to go on", exitCode: .software)
        case .unknownCase(let id):
            UserError(stage: "library", file: "", location: "", reason: "no case \(id) in the library",
                      advice: "check the id (it looks like 2026-11-0007; `bulletin status` lists them)", exitCode: .usage)
        }
    }
}

extension LibraryOpenError: UserFacing {
    public var userError: UserError {
        UserError(stage: "library", file: path, location: "", reason: "the case library cannot be opened: \(reasonAndUntouched)",
                  advice: advice, exitCode: .software)
    }
}
