import S3CheckValues

/// One reason a rule can end "not applicable" on an application, read from how the rule is
/// written: its `<when>` test, its context, or the nodes its check judges.
///
/// A rule that is not applicable neither passes nor fails, so a rule author must be able to see,
/// for every rule, which missing data makes it step aside: the law's required data must never be
/// among them (`s3check lint --not-applicable` lists them).
public enum NotApplicableCause: Sendable, Hashable {
    /// The rule's `<when>` test is false.
    case condition(String)
    /// The rule's context selects no node.
    case noContext(String)
    /// The check's path selects no node in a context.
    case nothingToJudge(String)

    /// The cause in a reader's words, with the expression as written.
    public var text: LocalizedText {
        switch self {
        case .condition(let test): Catalog.text("pack.not-applicable-when-false", ["expression": test])
        case .noContext(let context): Catalog.text("pack.not-applicable-without-context", ["expression": context])
        case .nothingToJudge(let path): Catalog.text("pack.not-applicable-without-nodes", ["expression": path])
        }
    }
}

extension Rule {
    /// Every way this rule can be not applicable; empty when it always gives a verdict.
    public var notApplicableCauses: [NotApplicableCause] {
        [
            applicability.map(NotApplicableCause.condition),
            check.context.map(NotApplicableCause.noContext),
            check.judgedNodes.map(NotApplicableCause.nothingToJudge),
        ].compactMap { $0 }
    }
}
