import Foundation

/// Everything one run produced: the applications' reports and what they were checked against.
public struct RunReport: Sendable {
    public var applications: [ApplicationReport]
    public var packs: [PackInfo]
    public var profile: String?
    public var language: Language
    /// Every rule that ran, for formats that describe rules (SARIF, JUnit, SVRL).
    public var rules: [Rule]
    /// When the report was made; `SOURCE_DATE_EPOCH` fixes it for reproducible reports.
    public var generatedAt: Date
    /// Whether warnings count as failures (`--fail-on warning`).
    public var failOnWarning: Bool

    public init(
        applications: [ApplicationReport],
        packs: [PackInfo],
        profile: String?,
        language: Language,
        rules: [Rule] = [],
        generatedAt: Date = Date(timeIntervalSince1970: 0),
        failOnWarning: Bool = false
    ) {
        self.applications = applications
        self.packs = packs
        self.profile = profile
        self.language = language
        self.rules = rules
        self.generatedAt = generatedAt
        self.failOnWarning = failOnWarning
    }

    /// The rule with this id, if it ran.
    public func rule(_ id: String) -> Rule? {
        rules.first { $0.id == id }
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
