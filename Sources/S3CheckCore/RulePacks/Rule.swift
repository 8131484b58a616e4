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
    public var check: Check
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
        [applicability].compactMap { $0 } + lets.map(\.expression) + check.expressions
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

/// What a rule checks. Every case may narrow its context with an XPath node-set; each context
/// node is checked on its own and reported at its own line.
public enum Check: Sendable, Hashable {
    /// The path selects at least one non-blank node.
    case required(context: String?, path: String)
    /// Every node the path selects is a number within the bounds.
    case range(context: String?, path: String, min: String?, max: String?)
    /// Every node the path selects is a date within the bounds.
    case dateWindow(context: String?, path: String, from: String?, to: String?)
    /// Every node the path selects is a code of the list.
    case inCodeList(context: String?, path: String, list: String)
    /// Every node the path selects matches the regular expression in full.
    case pattern(context: String?, path: String, regex: String)
    /// The sum of the nodes is within the bounds (or equal, within a tolerance).
    case sum(context: String?, of: String, min: String?, max: String?, equals: String?, tolerance: Double)
    /// numerator ÷ denominator (× 100 when `percent`) is within the bounds.
    case ratio(context: String?, numerator: String, denominator: String, min: String?, max: String?, percent: Bool)
    /// An XPath test is true.
    case assert(context: String?, test: String)

    /// The element name used in the rule file.
    public var kind: String {
        switch self {
        case .required: "required"
        case .range: "range"
        case .dateWindow: "dateWindow"
        case .inCodeList: "inCodeList"
        case .pattern: "pattern"
        case .sum: "sum"
        case .ratio: "ratio"
        case .assert: "assert"
        }
    }

    /// The context expression, if any.
    public var context: String? {
        switch self {
        case .required(let context, _), .range(let context, _, _, _), .dateWindow(let context, _, _, _),
            .inCodeList(let context, _, _), .pattern(let context, _, _), .sum(let context, _, _, _, _, _),
            .ratio(let context, _, _, _, _, _), .assert(let context, _):
            context
        }
    }

    /// Every XPath expression of the check, context first.
    /// The expressions that must select nodes: the context and the checked path (or the summed
    /// nodes). A number there ("sum(…)" as a range path) would leave nothing to check.
    public var nodeSetExpressions: [String] {
        let own: String? =
            switch self {
            case .required(_, let path), .range(_, let path, _, _), .dateWindow(_, let path, _, _),
                .inCodeList(_, let path, _), .pattern(_, let path, _):
                path
            case .sum(_, let of, _, _, _, _): of
            case .ratio, .assert: nil
            }
        return [context, own].compactMap { $0 }
    }

    public var expressions: [String] {
        let own: [String?] =
            switch self {
            case .required(_, let path): [path]
            case .range(_, let path, let min, let max): [path, min, max]
            case .dateWindow(_, let path, let from, let to): [path, from, to]
            case .inCodeList(_, let path, _): [path]
            case .pattern(_, let path, _): [path]
            case .sum(_, let of, let min, let max, let equals, _): [of, min, max, equals]
            case .ratio(_, let numerator, let denominator, let min, let max, _): [numerator, denominator, min, max]
            case .assert(_, let test): [test]
            }
        return ([context] + own).compactMap { $0 }
    }
}
