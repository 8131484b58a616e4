/// Everything one run produced: the applications' reports and what they were checked against.
public struct RunReport: Sendable {
    public var applications: [ApplicationReport]
    public var packs: [PackInfo]
    public var profile: String?
    public var language: Language

    public init(applications: [ApplicationReport], packs: [PackInfo], profile: String?, language: Language) {
        self.applications = applications
        self.packs = packs
        self.profile = profile
        self.language = language
    }

    /// How many applications got each verdict.
    public func count(_ verdict: Verdict) -> Int {
        applications.count { $0.verdict == verdict }
    }
}

/// The tool's name and version, for audit trails.
public enum ToolInfo {
    public static let name = "s3check"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/s3check/s3check"
}
