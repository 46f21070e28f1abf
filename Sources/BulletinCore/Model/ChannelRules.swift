/// How the run tells the two channels apart: a submission whose submitting unit is one of the department's
/// affiliated institutes (or whose file name says 主动收集) was actively collected; anything else was organised.
public struct ChannelRules: Sendable, Equatable {
    /// The collecting institutes (科技信息研究所, 原子能研究院 …), matched as part of the submitter's name.
    public var activeCollectors: [String]

    /// The institutes DOMAIN.md names, used when pipeline.json names none.
    public static let defaultCollectors = ["科技信息研究所", "原子能研究院", "农村科技发展中心", "科学技术研究成果档案馆"]

    /// Creates the rules.
    public init(activeCollectors: [String] = Self.defaultCollectors) { self.activeCollectors = activeCollectors }

    /// The channel of one submission.
    public func channel(submitter: String, fileName: String) -> Channel {
        if fileName.contains("主动收集") || activeCollectors.contains(where: { !$0.isEmpty && submitter.contains($0) }) { return .activeCollection }
        return .organised
    }
}
