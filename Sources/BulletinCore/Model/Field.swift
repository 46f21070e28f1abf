/// The fields of the submission form (重大科技成果案例报送表), by their English names in code.
public enum Field: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable, Hashable {
    /// 报送单位（产学研等单位）
    case submitter
    /// 归口市（州）科技局或省直部门
    case supervisor
    /// 联系人
    case contact
    /// 联系手机
    case mobile
    /// 成果名称
    case title
    /// 成果来源
    case source
    /// 案例简介
    case summary

    /// The case's place in the form's order.
    var ordinal: Int {
        switch self {
        case .submitter: 0
        case .supervisor: 1
        case .contact: 2
        case .mobile: 3
        case .title: 4
        case .source: 5
        case .summary: 6
        }
    }

    /// Hashed by case, not by its raw String as RawRepresentable would: a form is a `[Field: String]`, and
    /// scoring looks fields up in it thousands of times a submission.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// Compared by case (the same answer as comparing raw values, which differ for every case).
    public static func == (a: Field, b: Field) -> Bool { a.ordinal == b.ordinal }
}

/// Optional rows some units add to the form, read when present.
public enum OptionalField: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable, Hashable {
    /// 是否涉密 (是/否)
    case classified
    /// 成果类别, declared by the unit
    case category
    /// 技术水平, declared by the unit
    case level
    /// 所属产业, declared by the unit
    case industry

    /// The case's place in the declaration order.
    var ordinal: Int {
        switch self {
        case .classified: 0
        case .category: 1
        case .level: 2
        case .industry: 3
        }
    }

    /// Hashed by case, not by its raw String (see `Field.hash(into:)`).
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// Compared by case.
    public static func == (a: OptionalField, b: OptionalField) -> Bool { a.ordinal == b.ordinal }
}
