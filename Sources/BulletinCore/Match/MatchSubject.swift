
/// One side of a comparison: a case already in the library, or a submission of tonight's run (with a provisional
/// id). Plain values only, so the match step needs no database and no pipeline types.
public struct MatchSubject: Sendable, Codable, Equatable, Hashable {
    /// The case id (e.g. `2026-11-0007`) or a provisional id for a submission of the same run.
    public var id: String
    /// 成果名称 as submitted.
    public var title: String
    /// 案例简介 as submitted.
    public var summary: String
    /// 报送单位.
    public var submitter: String
    /// 归口市（州）科技局或省直部门.
    public var supervisor: String
    /// 联系手机 (any form; only its digits are compared).
    public var mobile: String
    /// Year of the bulletin period the submission counts for.
    public var year: Int
    /// Month (1–12) of the bulletin period the submission counts for.
    public var month: Int
    /// The channel, when known.
    public var channel: Channel?
    /// Whether the case is already in an approved bulletin (never merged silently).
    public var approved: Bool

    /// Creates a subject.
    public init(id: String, title: String, summary: String = "", submitter: String = "", supervisor: String = "",
                mobile: String = "", year: Int, month: Int, channel: Channel? = nil, approved: Bool = false) {
        self.id = id
        self.title = title
        self.summary = summary
        self.submitter = submitter
        self.supervisor = supervisor
        self.mobile = mobile
        self.year = year
        self.month = month
        self.channel = channel
        self.approved = approved
    }

    /// Months since year 0, for distances between periods.
    var monthNumber: Int { year * 12 + (month - 1) }

    enum CodingKeys: String, CodingKey {
        case id, title, summary, submitter, supervisor, mobile, year, month, channel, approved
    }

    /// Decodes a subject; every field but id, title, year and month may be missing.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        submitter = try c.decodeIfPresent(String.self, forKey: .submitter) ?? ""
        supervisor = try c.decodeIfPresent(String.self, forKey: .supervisor) ?? ""
        mobile = try c.decodeIfPresent(String.self, forKey: .mobile) ?? ""
        year = try c.decode(Int.self, forKey: .year)
        month = try c.decode(Int.self, forKey: .month)
        channel = try c.decodeIfPresent(Channel.self, forKey: .channel)
        approved = try c.decodeIfPresent(Bool.self, forKey: .approved) ?? false
    }
}
