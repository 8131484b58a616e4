import S3CheckValues

/// The few facts about one application that summary tables and indexes need, kept for the
/// whole run instead of the full ``ApplicationReport``.
public struct ApplicationSummary: Sendable {
    public var file: String
    public var verdict: Verdict
    public var title: String?
    public var applicant: String?
    public var errors: Int
    public var warnings: Int
    /// All findings, whatever their severity.
    public var findings: Int
    /// The declared smart-specialisation areas; nil when the application was not scored.
    public var declaredAreas: [String]?
    /// The areas the evidence supports, best first, with their scores; empty when it supports
    /// none, nil when there was no scoring.
    public var supportedAreas: [(id: String, score: Double)]?
    /// Whether a rule could not be evaluated on this application.
    public var evaluationFailed: Bool

    public init(_ report: ApplicationReport, context: RunContext) {
        file = report.file
        verdict = report.verdict
        title = report.identity?.title
        applicant = report.identity?.applicant
        errors = report.count(.error)
        warnings = report.count(.warning)
        findings = report.findings.count
        declaredAreas = report.alignment?.declared
        supportedAreas = report.alignment.map { alignment in
            alignment.conclusion.supported.map { ($0, alignment.score(of: $0)?.score ?? 0) }
        }
        evaluationFailed = report.results.contains { $0.outcome == .error }
    }
}
