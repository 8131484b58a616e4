import S3CheckValues

/// One eligibility rule as written in a pack.
public struct Rule: Sendable, Identifiable {
    /// Stable id, unique across all loaded packs (`SE-LOC-001`).
    public var id: String
    public var severity: Severity
    /// The profiles the rule runs in; nil means every profile.
    public var profiles: Set<String>?
    public var group: RuleGroup
    public var title: LocalizedText
    public var legal: LegalReference
    /// An XPath test on the application element; false makes the rule not applicable.
    public var applicability: String?
    /// Named values computed for each context node before the check, usable as `$name`.
    public var lets: [NamedExpression]
    /// What the rule checks: one of the engine's check kinds, read from its element.
    public var check: any RuleCheck
    /// What the rule stands for beyond its id, for readers that present it; nil for most rules.
    public var role: Role?

    /// The roles a pack may give a rule (`role="…"` in the rules schema).
    public enum Role: String, Sendable {
        /// The rule that caps the ERDF rate, whose measurement the memo shows.
        case erdfCeiling = "erdf-ceiling"
    }
    public var message: LocalizedText
    public var hint: LocalizedText?
    /// Where the rule is written, for load errors and `explain`.
    public var origin: SourceLocation
    /// The id of the pack that defines the rule.
    public var packID: String

    /// Whether the rule takes part in `profile` (nil: the pack's default profile).
    public func runs(in profile: String?) -> Bool {
        guard let profile, let profiles else { return true }
        return profiles.contains(profile)
    }

    /// Every expression the rule evaluates, for compiling and for finding the parameters used.
    public var expressions: [String] {
        [applicability].compactMap { $0 } + lets.map(\.expression) + check.expressions.map(\.source)
    }
}

/// A rule group: a heading in the catalogue and the JUnit `classname`.
public struct RuleGroup: Sendable, Hashable {
    public var id: String
    public var title: LocalizedText
}

/// A name bound to an XPath expression.
public struct NamedExpression: Sendable, Hashable {
    public var name: String
    public var expression: String
}
