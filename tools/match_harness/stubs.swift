// Stand-ins for the two names the Match folder uses from elsewhere in BulletinCore (tools/match_harness/run.sh).
public enum Channel: String, Sendable, Codable, CaseIterable, Hashable {
    /// 组织报送: sent by a unit or a city bureau.
    case organised = "组织报送"
    /// 主动收集: collected by one of the department's affiliated institutes.
    case activeCollection = "主动收集"
}

enum Hashing { static func sha256(_ b: [UInt8]) -> String { "stub" } }
