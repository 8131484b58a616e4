import Foundation
import S3CheckValues

/// What a run is checked against, fixed before the first application is read.
///
/// Reports are written while applications are still being checked, so everything a report
/// needs besides the applications themselves must be known up front; the totals come in a
/// ``RunTally`` at the end.
public struct RunContext: Sendable {
    public var packs: [PackInfo]
    public var profile: String?
    public var language: Language
    /// Every rule that ran, for formats that describe rules (SARIF, JUnit, SVRL).
    public var rules: [Rule] {
        didSet { ruleIndices = Self.indices(of: rules) }
    }
    /// When the report was made; `SOURCE_DATE_EPOCH` fixes it for reproducible reports.
    public var generatedAt: Date
    /// Whether warnings count as failures (`--fail-on warning`).
    public var failOnWarning: Bool
    /// How many applications the run checks; formats such as TAP state it before the first.
    public var fileCount: Int
    // Looked up once per finding and rule result, so a linear search would dominate large packs.
    private var ruleIndices: [String: Int]

    public init(
        packs: [PackInfo],
        profile: String?,
        language: Language,
        rules: [Rule] = [],
        generatedAt: Date = Date(timeIntervalSince1970: 0),
        failOnWarning: Bool = false,
        fileCount: Int
    ) {
        self.packs = packs
        self.profile = profile
        self.language = language
        self.rules = rules
        self.generatedAt = generatedAt
        self.failOnWarning = failOnWarning
        self.fileCount = fileCount
        ruleIndices = Self.indices(of: rules)
    }

    /// The rule with this id, if it ran.
    public func rule(_ id: String) -> Rule? {
        ruleIndices[id].map { rules[$0] }
    }

    /// The position of the rule with this id in ``rules``, if it ran.
    public func ruleIndex(_ id: String) -> Int? {
        ruleIndices[id]
    }

    /// The first rule with an id wins, as a search from the start would find it.
    private static func indices(of rules: [Rule]) -> [String: Int] {
        var indices: [String: Int] = [:]
        for (index, rule) in rules.enumerated() where indices[rule.id] == nil {
            indices[rule.id] = index
        }
        return indices
    }
}

/// The tool's name and version, for audit trails.
public enum ToolInfo {
    public static let name = "s3check"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/s3check/s3check"
}
