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
}
