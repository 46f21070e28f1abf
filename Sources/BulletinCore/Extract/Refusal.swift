/// A file the readers refuse as a whole: what is wrong, where, and what a person can do about it.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, with where in the file when known.
    public var reason: String
    /// What to do about it.
    public var advice: String
    /// Creates a refusal.
    public init(_ reason: String, advice: String) {
        self.reason = reason
        self.advice = advice
    }
    /// "reason; advice".
    public var description: String { "\(reason); \(advice)" }
}
